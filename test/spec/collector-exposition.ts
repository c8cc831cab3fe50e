/**
 * Prints what `createPrometheusCollector` exposes for the situation of MONITORING.md's "Example
 * Output" (service `my-app`, model `gpt-4`, one `connection_dropped` and one `timeout` network error),
 * from the built package. Run by spec-examples.test.ts through tsx.
 */
import { createPrometheusCollector, L0Monitor } from "l0";

const monitor = new L0Monitor({ enabled: true });
monitor.start();
monitor.recordToken();
monitor.recordNetworkError(Object.assign(new Error("write EPIPE"), { code: "EPIPE" }), true, 10);
monitor.recordRetry(true);
monitor.recordNetworkError(Object.assign(new Error("read ETIMEDOUT"), { code: "ETIMEDOUT" }), true, 10);
monitor.recordRetry(true);
monitor.recordToken();
monitor.complete();
const telemetry = monitor.getTelemetry();
if (!telemetry) throw new Error("enabled monitor without telemetry");

const collector = createPrometheusCollector({ prefix: "l0", defaultLabels: { service: "my-app" } });
collector.record(telemetry, { model: "gpt-4" });
process.stdout.write(collector.expose());
