# Sourced by scripts/stack-test.sh and scripts/scaleout-test.sh: runs the compose stack's OTel
# Collector config (observability/otel-collector/config.yaml) inside a real Jaeger v2 binary (a
# Collector distribution with the same receivers, processors and Prometheus exporter as the
# collector image of docker-compose.yml), on 127.0.0.1 only.
#
#   start_jaeger_collector JAEGER_BINARY WORK_DIR OTLP_GRPC OTLP_HTTP PROM_EXPORTER QUERY_HTTP QUERY_GRPC
#       writes WORK_DIR/jaeger-overrides.yaml, starts Jaeger (log: WORK_DIR/jaeger.log), sets
#       $jaeger_pid, and returns once the query API answers (fails after 60 s or if Jaeger exits)
#   stop_jaeger_collector
#       stops it (SIGTERM, then SIGKILL after 5 s); safe to call when it never started
#   stop_jaeger_collector_after STATUS WORK_DIR
#       stops it and, when STATUS (the script's exit status) is not 0, prints the last lines of
#       WORK_DIR/jaeger.log to stderr

jaeger_pid=""

start_jaeger_collector() {
  local jaeger="$1" work="$2" otlp_grpc="$3" otlp_http="$4" prom_exporter="$5" query_http="$6" query_grpc="$7"
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
    # No self-tracing: it would dial an OTLP endpoint on localhost:4317 and delay shutdown.
    enable_tracing: false
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
  "$jaeger" \
    --config "file:$PWD/observability/otel-collector/config.yaml" \
    --config "file:$work/jaeger-overrides.yaml" \
    >"$work/jaeger.log" 2>&1 &
  jaeger_pid=$!
  local _
  for _ in $(seq 1 300); do
    if ! kill -0 "$jaeger_pid" 2>/dev/null; then
      echo "Jaeger exited during start-up" >&2
      return 1
    fi
    if node -e "fetch('http://127.0.0.1:$query_http/api/services').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then
      return 0
    fi
    sleep 0.2
  done
  echo "Jaeger's query API did not come up within 60s" >&2
  return 1
}

stop_jaeger_collector() {
  if [ -n "$jaeger_pid" ] && kill -0 "$jaeger_pid" 2>/dev/null; then
    kill "$jaeger_pid" 2>/dev/null || true
    local _
    for _ in $(seq 1 50); do kill -0 "$jaeger_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$jaeger_pid" 2>/dev/null || true
  fi
  jaeger_pid=""
}

stop_jaeger_collector_after() {
  local status="$1" work="$2"
  stop_jaeger_collector
  if [ "$status" -ne 0 ] && [ -f "$work/jaeger.log" ]; then
    echo "--- last lines of the Jaeger log" >&2
    tail -n 40 "$work/jaeger.log" >&2 || true
  fi
}
