/**
 * The whole attribute map of each span of a clean call whose request l0's provider helpers
 * described (`openaiChat`, `aiSdkStream`, `anthropicMessages`; semconv.md "Identity"): provider,
 * model, `server.address` / `server.port` (the client's base URL) and the request parameters are on
 * the operation span, and nothing of them reaches the attempt span. Content is not
 * captured, so no messages are recorded. Only times are matched loosely.
 */
import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerL0Instrumentation, type L0InstrumentationHandle } from "../../src/telemetry/register-instrumentation.js";
import { ANSWER, DESCRIBED, monitoredCall, TIME, type MonitoredCall } from "./adapter-calls.js";
import { createHarness } from "./otel-harness.js";

const h = createHarness();
let handle: L0InstrumentationHandle;
beforeAll(() => {
  handle = registerL0Instrumentation({ tracerProvider: h.tracerProvider, meterProvider: h.meterProvider });
});
afterAll(() => handle.shutdown());

const UNSET = { code: SpanStatusCode.UNSET };

/** The span tree of a clean described call: `request` (identity, server, parameters) and `response` differ per helper. */
function expectedSpans(call: MonitoredCall, name: string, request: Record<string, unknown>, response: { id: string; model: string; finish: string }, adapter: string): unknown {
  return {
    operation: {
      name,
      kind: SpanKind.CLIENT,
      status: UNSET,
      attributes: {
        "gen_ai.operation.name": "chat",
        ...request,
        "gen_ai.request.stream": true,
        "l0.session.id": call.sessionId,
        "l0.outcome": "success",
        "l0.tokens": 8,
        "l0.tokens.source": "provider",
        "l0.tokens.discarded": 0,
        "l0.chunks": 8,
        "l0.attempts": 1,
        "l0.fallback.index": 0,
        "l0.retries.total": 0,
        "l0.retries.network": 0,
        "l0.retries.model": 0,
        "l0.network.error_count": 0,
        "l0.network.error_types": [],
        "l0.network.error_type_counts": [],
        "gen_ai.usage.input_tokens": 3,
        "gen_ai.usage.output_tokens": 8,
        "gen_ai.response.model": response.model,
        "gen_ai.response.id": response.id,
        "gen_ai.response.finish_reasons": [response.finish],
        "gen_ai.response.time_to_first_chunk": TIME,
        "l0.generation_time": TIME,
        "l0.time_to_first_token": TIME,
        "l0.inter_token_time.avg": TIME,
      },
      events: [{ name: "l0.first_token", attributes: { "l0.attempt.number": 1, "l0.time_to_first_token": TIME } }],
    },
    attempts: [
      {
        name: "l0.attempt",
        kind: SpanKind.INTERNAL,
        status: UNSET,
        attributes: {
          "l0.session.id": call.sessionId,
          "l0.attempt.number": 1,
          "l0.fallback.index": 0,
          "l0.outcome": "success",
          "l0.attempt.chunks": 8,
          "l0.attempt.tokens": 8,
          "l0.attempt.output_kept": true,
          "l0.attempt.time_to_first_chunk": TIME,
          "l0.attempt.response.id": response.id,
          "l0.attempt.response.model": response.model,
          "l0.attempt.finish_reason": response.finish,
          "l0.adapter": adapter,
        },
        events: [],
      },
    ],
  };
}

describe("span attributes of a described request, per provider helper", () => {
  it("openaiChat: provider, model, server and max_tokens / temperature from the request", async () => {
    const call = await monitoredCall(h, DESCRIBED.openai);
    expect(call.text).toBe(ANSWER);
    expect(call.spans).toEqual(
      expectedSpans(
        call,
        "chat gpt-mock",
        {
          "gen_ai.provider.name": "openai",
          "gen_ai.request.model": "gpt-mock",
          "server.address": "127.0.0.1",
          "server.port": call.port,
          "gen_ai.request.max_tokens": 64,
          "gen_ai.request.temperature": 0.2,
        },
        { id: "chatcmpl-mock-1", model: "gpt-mock", finish: "stop" },
        "openai",
      ),
    );
  });

  it("aiSdkStream: the provider from the model's provider id, the server from its base URL, the temperature", async () => {
    const call = await monitoredCall(h, DESCRIBED.aiSdk);
    expect(call.text).toBe(ANSWER);
    expect(call.spans).toEqual(
      expectedSpans(
        call,
        "chat gpt-mock",
        {
          "gen_ai.provider.name": "openai",
          "gen_ai.request.model": "gpt-mock",
          "server.address": "127.0.0.1",
          "server.port": call.port,
          "gen_ai.request.temperature": 0.2,
        },
        { id: "resp_mock_1", model: "gpt-mock", finish: "stop" },
        "vercel-ai",
      ),
    );
  });

  it("anthropicMessages: provider anthropic, max_tokens; the raw stream is read by the openai adapter (same SDK class shape)", async () => {
    const call = await monitoredCall(h, DESCRIBED.anthropic);
    expect(call.text).toBe(ANSWER);
    expect(call.spans).toEqual(
      expectedSpans(
        call,
        "chat claude-mock",
        {
          "gen_ai.provider.name": "anthropic",
          "gen_ai.request.model": "claude-mock",
          "server.address": "127.0.0.1",
          "server.port": call.port,
          "gen_ai.request.max_tokens": 256,
        },
        { id: "msg_mock_1", model: "claude-mock", finish: "end_turn" },
        "openai",
      ),
    );
  });
});
