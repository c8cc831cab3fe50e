#!/usr/bin/env bash
# Observability stack test without Docker: runs the stack's OTel Collector config inside a real
# Jaeger v2 binary (Jaeger v2 is a Collector distribution with the same receivers, processors and
# Prometheus exporter as the collector image of docker-compose.yml), sends the demo's traces and
# metrics to it over OTLP/HTTP, and checks through Jaeger's query API that every trace arrives as
# a tree (operation span → attempt spans → HTTP client span) with l0's and the GenAI attributes,
# and that the collector's Prometheus exporter shows the metrics the Grafana dashboard charts.
#
# Everything listens on 127.0.0.1 on free ports. Exits non-zero on any failure; always stops the
# processes it started. Run by .ci/run after `npm test` (not part of `npm test`).
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=lib/jaeger-collector.sh
. scripts/lib/jaeger-collector.sh

work="$(mktemp -d "${TMPDIR:-/tmp}/l0-stack-test.XXXXXX")"
cleanup() {
  local status=$?
  stop_jaeger_collector_after "$status" "$work"
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step() { echo "== stack-test: $*"; }

step "Jaeger binary"
jaeger="$(scripts/build-jaeger.sh)"
"$jaeger" --help >/dev/null

step "validate observability/otel-collector/config.yaml with Jaeger's Collector components"
# Resolves every receiver, processor and exporter of the compose collector config against the
# component factories and validates their settings (the same check `otelcol validate` does).
"$jaeger" validate --config "file:$PWD/observability/otel-collector/config.yaml"

if [ ! -f dist/index.js ] || [ ! -f dist/testing/index.js ]; then
  step "build the package"
  npm run build --silent
fi

read -r otlp_grpc otlp_http prom_exporter query_http query_grpc demo_metrics <<<"$(node scripts/free-ports.mjs 6)"
step "start Jaeger (OTLP/HTTP 127.0.0.1:$otlp_http, query API 127.0.0.1:$query_http)"
start_jaeger_collector "$jaeger" "$work" "$otlp_grpc" "$otlp_http" "$prom_exporter" "$query_http" "$query_grpc"

step "run the demo, exporting OTLP to Jaeger"
timeout 120 node examples/demo.mjs --short --otlp "http://127.0.0.1:$otlp_http" --out "$work/telemetry.jsonl" \
  --metrics-port "$demo_metrics" | tee "$work/demo.out"

step "check traces in Jaeger and metrics at the collector's Prometheus exporter"
timeout 120 node scripts/check-jaeger-traces.mjs \
  --query "http://127.0.0.1:$query_http" \
  --service l0-demo \
  --metrics "http://127.0.0.1:$prom_exporter/metrics" \
  --telemetry "$work/telemetry.jsonl" \
  --telemetry "$work/telemetry.jsonl" \
  --dashboard observability/grafana/dashboards/l0.json

step "passed"
