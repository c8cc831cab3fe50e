#!/usr/bin/env bash
# Scale-out test: several Node processes, each making l0 calls with scripted faults, export
# OTLP/HTTP (traces and metrics, each process its own `service.instance.id`) to the compose stack's
# Collector config run inside a real Jaeger v2 binary (as scripts/stack-test.sh does); a real
# Prometheus, started before any call, scrapes the Collector's Prometheus exporter. Checks that
# Prometheus' totals equal the sum of the processes' truth, that every dashboard and README query
# shows the truth of the run's calls, and that every call is a complete trace in Jaeger with no
# child outside its parent. Prints the truth-vs-Prometheus tables.
#
#   scripts/scaleout-test.sh [--processes N] [--calls M]     (defaults: 4 processes × 120 calls)
#
# Everything listens on 127.0.0.1 on free ports. Exits non-zero on any failure; always stops the
# processes it started. Run by .ci/run after `npm test`.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=lib/jaeger-collector.sh
. scripts/lib/jaeger-collector.sh

work="$(mktemp -d "${TMPDIR:-/tmp}/l0-scaleout-test.XXXXXX")"
run_pid=""
cleanup() {
  local status=$?
  # The harness stops its workers and Prometheus on SIGTERM.
  if [ -n "$run_pid" ] && kill -0 "$run_pid" 2>/dev/null; then
    kill "$run_pid" 2>/dev/null || true
    wait "$run_pid" 2>/dev/null || true
  fi
  stop_jaeger_collector_after "$status" "$work"
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step() { echo "== scaleout-test: $*"; }

step "Jaeger binary"
jaeger="$(scripts/build-jaeger.sh)"
"$jaeger" validate --config "file:$PWD/observability/otel-collector/config.yaml"

if [ ! -f dist/index.js ] || [ ! -f dist/testing/index.js ]; then
  step "build the package"
  npm run build --silent
fi

read -r otlp_grpc otlp_http prom_exporter query_http query_grpc <<<"$(node scripts/free-ports.mjs 5)"
step "start Jaeger with the Collector config (OTLP/HTTP 127.0.0.1:$otlp_http, query API 127.0.0.1:$query_http)"
start_jaeger_collector "$jaeger" "$work" "$otlp_grpc" "$otlp_http" "$prom_exporter" "$query_http" "$query_grpc"

step "run the workers"
started=$(date +%s)
# In the background, so an INT/TERM runs the trap at once (it stops the harness, then Jaeger).
timeout 240 node scripts/scaleout/run.mjs \
  --otlp "http://127.0.0.1:$otlp_http" \
  --collector-metrics "http://127.0.0.1:$prom_exporter/metrics" \
  --jaeger-query "http://127.0.0.1:$query_http" \
  "$@" &
run_pid=$!
wait "$run_pid"
run_pid=""
step "passed in $(( $(date +%s) - started ))s"
