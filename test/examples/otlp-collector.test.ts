import { createServer, type Server } from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import { EXAMPLE_TEST_TIMEOUT_MS, runExample, UUID } from "../helpers/run-example.js";
import { listenOnFreePort } from "../helpers/free-port.js";
import { expectCleanExit } from "../helpers/run-node.js";

vi.setConfig({ testTimeout: EXAMPLE_TEST_TIMEOUT_MS });

interface OtlpAttribute {
  key: string;
  value: { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number };
}
interface OtlpSpan {
  name: string;
  spanId: string;
  parentSpanId?: string;
  attributes: OtlpAttribute[];
}

const attr = (span: OtlpSpan, key: string): unknown => {
  const value = span.attributes.find((a) => a.key === key)?.value;
  return value?.stringValue ?? value?.intValue ?? value?.boolValue ?? value?.doubleValue;
};

describe("examples/otlp-collector.mjs", () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  });

  it("exports l0's spans and metrics over OTLP/HTTP to a local receiver", async () => {
    const bodies: Record<string, unknown[]> = { "/v1/traces": [], "/v1/metrics": [] };
    server = createServer((req, res) => {
      let body = "";
      req.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
      req.on("end", () => {
        expect(req.headers["content-type"]).toBe("application/json");
        bodies[req.url ?? ""]?.push(JSON.parse(body));
        res.writeHead(200, { "content-type": "application/json" }).end("{}");
      });
    });
    const port = await listenOnFreePort(server);

    const run = await runExample("otlp-collector.mjs", [], {
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`, OTEL_RESOURCE_ATTRIBUTES: "deployment.environment.name=test" },
    });
    expectCleanExit(run);
    expect(run.stdout).toContain(`exported traces and metrics to http://127.0.0.1:${port}`);

    // Every request carries one resource: the SDK's defaults, the service's name, a unique
    // service.instance.id (printed by the example) and the environment's attributes.
    type Exported = { resource: { attributes: OtlpSpan["attributes"] } };
    const resources = [
      ...(bodies["/v1/traces"] as Array<{ resourceSpans: Exported[] }>).flatMap((b) => b.resourceSpans),
      ...(bodies["/v1/metrics"] as Array<{ resourceMetrics: Exported[] }>).flatMap((b) => b.resourceMetrics),
    ].map((r) => Object.fromEntries(r.resource.attributes.map((a) => [a.key, attr({ attributes: [a] } as OtlpSpan, a.key)])));
    expect(resources.length).toBeGreaterThanOrEqual(2);
    const instance = /service\.instance\.id (\S+)\)/.exec(run.stdout)?.[1];
    expect(instance).toMatch(UUID);
    for (const resource of resources) {
      expect(resource).toMatchObject({
        "service.name": "l0-otlp-example",
        "service.instance.id": instance,
        "telemetry.sdk.language": "nodejs",
        "deployment.environment.name": "test",
      });
    }

    const spans = (bodies["/v1/traces"] as Array<{ resourceSpans: Array<{ scopeSpans: Array<{ spans: OtlpSpan[] }> }> }>).flatMap((b) =>
      b.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)),
    );
    const operations = spans.filter((s) => s.name === "chat gpt-4o-mini");
    expect(operations).toHaveLength(2);
    for (const op of operations) {
      expect(attr(op, "gen_ai.provider.name")).toBe("openai");
      expect(attr(op, "gen_ai.request.model")).toBe("gpt-4o-mini");
      expect(attr(op, "l0.outcome")).toBe("success");
    }
    const attempts = spans.filter((s) => s.name === "l0.attempt");
    expect(attempts).toHaveLength(3); // 1 + (1 + 1 retry)
    for (const attempt of attempts) expect(operations.map((o) => o.spanId)).toContain(attempt.parentSpanId);

    const metricNames = new Set(
      (bodies["/v1/metrics"] as Array<{ resourceMetrics: Array<{ scopeMetrics: Array<{ metrics: Array<{ name: string }> }> }> }>).flatMap(
        (b) => b.resourceMetrics.flatMap((r) => r.scopeMetrics.flatMap((s) => s.metrics.map((m) => m.name))),
      ),
    );
    for (const name of ["l0.requests", "l0.request.duration_seconds", "l0.retries.network", "gen_ai.client.inference.duration"]) {
      expect(metricNames).toContain(name);
    }
  });
});
