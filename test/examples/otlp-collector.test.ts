import { createServer, type Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { runExample } from "./run-example.js";

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
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;

    const run = await runExample("otlp-collector.mjs", [], { env: { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}` } });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`exported traces and metrics to http://127.0.0.1:${port}`);

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
      (bodies["/v1/metrics"] as Array<{ resourceMetrics: Array<{ scopeMetrics: Array<{ metrics: Array<{ name: string }> }> }> }>).flatMap((b) =>
        b.resourceMetrics.flatMap((r) => r.scopeMetrics.flatMap((s) => s.metrics.map((m) => m.name))),
      ),
    );
    for (const name of ["l0.requests", "l0.request.duration_seconds", "l0.retries.network", "gen_ai.client.operation.duration"]) {
      expect(metricNames).toContain(name);
    }
  });
});
