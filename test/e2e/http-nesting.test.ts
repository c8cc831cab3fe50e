/**
 * Provider HTTP spans nest under l0's attempt spans: the real `openai` SDK streams from the local
 * OpenAI-compatible server, with OTel's HTTP instrumentations registered on a NodeTracerProvider
 * (async-hooks context manager, W3C propagation).
 *
 * The openai SDK calls `fetch` (undici), which `@opentelemetry/instrumentation-undici` traces on the
 * client side; `@opentelemetry/instrumentation-http` traces the server's `node:http` side. The
 * instrumentations must patch before the SDK and the server load, so those are imported
 * dynamically after `registerInstrumentations`, and `http` is required once through the CJS loader
 * (the ESM `node:http` import bypasses require-in-the-middle).
 */
import { createRequire } from "node:module";
import { SpanKind } from "@opentelemetry/api";
import { registerInstrumentations } from "@opentelemetry/instrumentation";
import { HttpInstrumentation } from "@opentelemetry/instrumentation-http";
import { UndiciInstrumentation } from "@opentelemetry/instrumentation-undici";
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { afterAll, describe, expect, it } from "vitest";
import { L0SpanProcessor } from "../../src/telemetry/l0-span-processor.js";

const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter), new L0SpanProcessor()] });
provider.register();
const disableInstrumentations = registerInstrumentations({
  tracerProvider: provider,
  instrumentations: [new HttpInstrumentation(), new UndiciInstrumentation()],
});
createRequire(import.meta.url)("node:http");

const { default: OpenAI } = await import("openai");
const { startMockOpenAIServer } = await import("../../src/testing/index.js");
const { l0 } = await import("../../src/l0.js");
const { registerL0Instrumentation } = await import("../../src/telemetry/register-instrumentation.js");

const server = await startMockOpenAIServer({ answer: "Hello from the mock server." });
const handle = registerL0Instrumentation();

afterAll(async () => {
  await handle.shutdown();
  await server.close();
  disableInstrumentations();
  await provider.shutdown();
});

function parentId(span: ReadableSpan): string | undefined {
  return span.parentSpanContext?.spanId;
}

describe("HTTP spans under l0 spans", () => {
  it("nests the openai SDK's HTTP client span (and the server span) under the attempt span, per attempt", async () => {
    expect(handle.tracerProvider).toBe(provider);
    server.enqueueFaults({ type: "status", status: 503 });
    const client = new OpenAI({ apiKey: "test", baseURL: server.baseURL, maxRetries: 0 });
    const result = await provider.getTracer("app").startActiveSpan("handle chat", async (root) => {
      const r = await l0({
        stream: ({ signal }) =>
          client.chat.completions.create({ model: "mock-gpt", messages: [{ role: "user", content: "hi" }], stream: true }, { signal }),
        retry: { baseDelay: 1, maxDelay: 1 },
        monitoring: { enabled: true, provider: "openai", model: "mock-gpt" },
      });
      let text = "";
      for await (const event of r.stream) if (event.type === "token") text += event.value;
      root.end();
      expect(text).toBe("Hello from the mock server.");
      return r;
    });

    const spans = exporter.getFinishedSpans();
    const root = spans.find((s) => s.name === "handle chat")!;
    const operation = spans.find((s) => s.name === "chat mock-gpt")!;
    const attempts = spans.filter((s) => s.name === "l0.attempt");
    expect(parentId(operation)).toBe(root.spanContext().spanId);
    // the 503 on the first request makes one network retry: two attempts
    expect(attempts).toHaveLength(2);
    expect(result.telemetry!.metrics.networkRetries).toBe(1);
    for (const attempt of attempts) expect(parentId(attempt)).toBe(operation.spanContext().spanId);

    const clientSpans = spans.filter((s) => s.kind === SpanKind.CLIENT && s.instrumentationScope.name.includes("undici"));
    const serverSpans = spans.filter((s) => s.kind === SpanKind.SERVER && s.instrumentationScope.name.includes("http"));
    expect(clientSpans).toHaveLength(2);
    const attemptIds = new Set(attempts.map((a) => a.spanContext().spanId));
    for (const clientSpan of clientSpans) expect(attemptIds.has(parentId(clientSpan)!)).toBe(true);
    // each attempt made its own request
    expect(new Set(clientSpans.map(parentId)).size).toBe(attempts.length);
    // the server span continues the same trace under the client span (W3C traceparent)
    const clientIds = new Set(clientSpans.map((s) => s.spanContext().spanId));
    expect(serverSpans.length).toBe(clientSpans.length);
    for (const serverSpan of serverSpans) {
      expect(serverSpan.spanContext().traceId).toBe(root.spanContext().traceId);
      expect(clientIds.has(parentId(serverSpan)!)).toBe(true);
    }
  });
});
