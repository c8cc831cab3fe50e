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

work="$(mktemp -d "${TMPDIR:-/tmp}/l0-stack-test.XXXXXX")"
jaeger_pid=""
cleanup() {
  local status=$?
  if [ -n "$jaeger_pid" ] && kill -0 "$jaeger_pid" 2>/dev/null; then
    kill "$jaeger_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$jaeger_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$jaeger_pid" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ] && [ -f "$work/jaeger.log" ]; then
    echo "--- last lines of the Jaeger log" >&2
    tail -n 40 "$work/jaeger.log" >&2 || true
  fi
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
cat >"$work/jaeger-overrides.yaml" <<YAML
# Merged over observability/otel-collector/config.yaml: loopback ports, and Jaeger's own storage
# and query API in place of the compose file's "otlp/jaeger" exporter. Receivers, processors and
# the Prometheus exporter's settings stay as the compose stack has them.
receivers:
  otlp:
    protocols:
      grpc:
        endpoint: 127.0.0.1:$otlp_grpc
      http:
        endpoint: 127.0.0.1:$otlp_http
exporters:
  prometheus:
    endpoint: 127.0.0.1:$prom_exporter
  jaeger_storage_exporter:
    trace_storage: memstore
extensions:
  jaeger_storage:
    backends:
      memstore:
        memory:
          max_traces: 10000
  jaeger_query:
    storage:
      traces: memstore
    http:
      endpoint: 127.0.0.1:$query_http
    grpc:
      endpoint: 127.0.0.1:$query_grpc
service:
  extensions: [jaeger_storage, jaeger_query]
  pipelines:
    traces:
      exporters: [jaeger_storage_exporter]
  telemetry:
    metrics:
      level: none
YAML

step "start Jaeger (OTLP/HTTP 127.0.0.1:$otlp_http, query API 127.0.0.1:$query_http)"
"$jaeger" \
  --config "file:$PWD/observability/otel-collector/config.yaml" \
  --config "file:$work/jaeger-overrides.yaml" \
  >"$work/jaeger.log" 2>&1 &
jaeger_pid=$!

ready=""
for _ in $(seq 1 300); do
  if ! kill -0 "$jaeger_pid" 2>/dev/null; then
    echo "stack-test: Jaeger exited during start-up" >&2
    exit 1
  fi
  if node -e "fetch('http://127.0.0.1:$query_http/api/services').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then
    ready=yes
    break
  fi
  sleep 0.2
done
if [ -z "$ready" ]; then
  echo "stack-test: Jaeger's query API did not come up within 60s" >&2
  exit 1
fi

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
