/**
 * The whole attribute map of each span of one clean monitored call per adapter (semconv.md,
 * "Spans"): the operation span is the GenAI inference span, CLIENT, a root here, carrying the
 * identity l0 learned from the stream, the billed usage and l0's numbers; its one `l0.attempt`
 * child is INTERNAL, with no GenAI identity or usage. Only times are matched loosely.
 */
import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerL0Instrumentation, type L0InstrumentationHandle } from "../../src/telemetry/register-instrumentation.js";
import { ANSWER, monitoredCall, PLAIN, TIME } from "./adapter-calls.js";
import { createHarness } from "./otel-harness.js";

const h = createHarness();
let handle: L0InstrumentationHandle;
beforeAll(() => {
  handle = registerL0Instrumentation({ tracerProvider: h.tracerProvider, meterProvider: h.meterProvider });
});
afterAll(() => handle.shutdown());

const UNSET = { code: SpanStatusCode.UNSET };
/** The `l0.first_token` event of a call whose first token came in attempt 1. */
const FIRST_TOKEN = { name: "l0.first_token", attributes: { "l0.attempt.number": 1, "l0.time_to_first_token": TIME } };
/** l0's numbers on the operation span of a clean call that delivered 8 tokens in 8 chunks. */
const CLEAN_NUMBERS = {
  "l0.outcome": "success",
  "l0.tokens": 8,
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
  "gen_ai.response.time_to_first_chunk": TIME,
  "l0.generation_time": TIME,
  "l0.time_to_first_token": TIME,
  "l0.inter_token_time.avg": TIME,
};

describe("span attributes of a clean call, per adapter", () => {
  it("the openai SDK (chat completions): identity from the response, provider usage", async () => {
    const call = await monitoredCall(h, PLAIN.openai);
    expect(call.text).toBe(ANSWER);
    expect(call.spans).toEqual({
      operation: {
        name: "chat gpt-mock",
        kind: SpanKind.CLIENT,
        status: UNSET,
        attributes: {
          "gen_ai.operation.name": "chat",
          "gen_ai.request.stream": true,
          "l0.session.id": call.sessionId,
          "gen_ai.provider.name": "openai",
          "gen_ai.request.model": "gpt-mock",
          ...CLEAN_NUMBERS,
          "l0.tokens.source": "provider",
          "gen_ai.usage.input_tokens": 3,
          "gen_ai.usage.output_tokens": 8,
          "gen_ai.response.model": "gpt-mock",
          "gen_ai.response.id": "chatcmpl-mock-1",
          "gen_ai.response.finish_reasons": ["stop"],
        },
        events: [FIRST_TOKEN],
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
            "l0.attempt.response.id": "chatcmpl-mock-1",
            "l0.attempt.response.model": "gpt-mock",
            "l0.attempt.finish_reason": "stop",
            "l0.adapter": "openai",
          },
          events: [],
        },
      ],
    });
  });

  it("the AI SDK (streamText, @ai-sdk/openai Responses API): the provider from the AI SDK's provider id", async () => {
    const call = await monitoredCall(h, PLAIN.aiSdk);
    expect(call.text).toBe(ANSWER);
    expect(call.spans).toEqual({
      operation: {
        name: "chat gpt-mock",
        kind: SpanKind.CLIENT,
        status: UNSET,
        attributes: {
          "gen_ai.operation.name": "chat",
          "gen_ai.request.stream": true,
          "l0.session.id": call.sessionId,
          "gen_ai.provider.name": "openai",
          "gen_ai.request.model": "gpt-mock",
          ...CLEAN_NUMBERS,
          "l0.tokens.source": "provider",
          "gen_ai.usage.input_tokens": 3,
          "gen_ai.usage.output_tokens": 8,
          "gen_ai.response.model": "gpt-mock",
          "gen_ai.response.id": "resp_mock_1",
          "gen_ai.response.finish_reasons": ["stop"],
        },
        events: [FIRST_TOKEN],
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
            "l0.attempt.response.id": "resp_mock_1",
            "l0.attempt.response.model": "gpt-mock",
            "l0.attempt.finish_reason": "stop",
            "l0.adapter": "vercel-ai",
          },
          events: [],
        },
      ],
    });
  });

  it("the Anthropic SDK (messages.stream() events): provider anthropic, Anthropic's finish reason", async () => {
    const call = await monitoredCall(h, PLAIN.anthropic);
    expect(call.text).toBe(ANSWER);
    expect(call.spans).toEqual({
      operation: {
        name: "chat claude-mock",
        kind: SpanKind.CLIENT,
        status: UNSET,
        attributes: {
          "gen_ai.operation.name": "chat",
          "gen_ai.request.stream": true,
          "l0.session.id": call.sessionId,
          "gen_ai.provider.name": "anthropic",
          "gen_ai.request.model": "claude-mock",
          ...CLEAN_NUMBERS,
          "l0.tokens.source": "provider",
          "gen_ai.usage.input_tokens": 3,
          "gen_ai.usage.output_tokens": 8,
          "gen_ai.response.model": "claude-mock",
          "gen_ai.response.id": "msg_mock_1",
          "gen_ai.response.finish_reasons": ["end_turn"],
        },
        events: [FIRST_TOKEN],
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
            "l0.attempt.response.id": "msg_mock_1",
            "l0.attempt.response.model": "claude-mock",
            "l0.attempt.finish_reason": "end_turn",
            "l0.adapter": "anthropic",
          },
          events: [],
        },
      ],
    });
  });

  it("a plain async iterable of strings: no identity, no usage, counted tokens, the span named by the operation alone", async () => {
    const call = await monitoredCall(h, PLAIN.iterable);
    expect(call.text).toBe(ANSWER);
    expect(call.spans).toEqual({
      operation: {
        name: "chat",
        kind: SpanKind.CLIENT,
        status: UNSET,
        attributes: {
          "gen_ai.operation.name": "chat",
          "gen_ai.request.stream": true,
          "l0.session.id": call.sessionId,
          ...CLEAN_NUMBERS,
          "l0.tokens.source": "counted",
        },
        events: [FIRST_TOKEN],
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
            "l0.adapter": "async-iterable",
          },
          events: [],
        },
      ],
    });
  });
});
