/**
 * The whole attribute map of each span of a call retried after a mid-stream drop, per adapter
 * (semconv.md, "Spans"): attempt 1 failed (ERROR status, `error.type`, an `l0.network_error` event,
 * output not kept, what its chunks said), attempt 2 succeeded (`l0.retry.*` says why it ran); the
 * operation span counts both attempts' chunks and discarded tokens, bills the usage once and
 * carries the `l0.retry` event. Only times are matched loosely.
 */
import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerL0Instrumentation, type L0InstrumentationHandle } from "../../src/telemetry/register-instrumentation.js";
import { ANSWER, monitoredCall, PLAIN, TIME, type MonitoredCall } from "./adapter-calls.js";
import { createHarness } from "./otel-harness.js";

const h = createHarness();
let handle: L0InstrumentationHandle;
beforeAll(() => {
  handle = registerL0Instrumentation({ tracerProvider: h.tracerProvider, meterProvider: h.meterProvider });
});
afterAll(() => handle.shutdown());

const UNSET = { code: SpanStatusCode.UNSET };

/** What differs between the adapters in a dropped-then-retried call. */
interface Retried {
  /** The operation span's name. */
  name: string;
  /** `error.type` of the drop. */
  errorType: string;
  /** What the failed attempt's status message and `exception.*` say the error is. */
  exception: { type: string; message: string };
  /** Identity and usage attributes of the operation span (none for a plain iterable). */
  identity: Record<string, unknown>;
  /** `l0.tokens.source` */
  tokenSource: string;
  /** Response attributes of each attempt span (the failed one keeps what its chunks said). */
  attemptResponses: [Record<string, unknown>, Record<string, unknown>];
  adapter: string;
}

/** The full expected span tree of `call`, retried as `r` says. */
function expectedSpans(call: MonitoredCall, r: Retried): unknown {
  const attempt = (number: number): Record<string, unknown> => ({ "l0.session.id": call.sessionId, "l0.attempt.number": number, "l0.fallback.index": 0 });
  return {
    operation: {
      name: r.name,
      kind: SpanKind.CLIENT,
      status: UNSET,
      attributes: {
        "gen_ai.operation.name": "chat",
        "gen_ai.request.stream": true,
        "l0.session.id": call.sessionId,
        ...r.identity,
        "l0.outcome": "success",
        "l0.tokens": 8,
        "l0.tokens.source": r.tokenSource,
        "l0.tokens.discarded": 2,
        "l0.chunks": 10,
        "l0.attempts": 2,
        "l0.fallback.index": 0,
        "l0.retries.total": 1,
        "l0.retries.network": 1,
        "l0.retries.model": 0,
        "l0.network.error_count": 1,
        "l0.network.error_types": [r.errorType],
        "l0.network.error_type_counts": [1],
        "gen_ai.response.time_to_first_chunk": TIME,
        "l0.generation_time": TIME,
        "l0.time_to_first_token": TIME,
        "l0.inter_token_time.avg": TIME,
      },
      events: [
        { name: "l0.first_token", attributes: { "l0.attempt.number": 1, "l0.time_to_first_token": TIME } },
        { name: "l0.retry", attributes: { "l0.retry.kind": "network", "l0.retry.reason": r.errorType, "l0.retry.delay": 0.001, "l0.attempt.number": 1 } },
      ],
    },
    attempts: [
      {
        name: "l0.attempt",
        kind: SpanKind.INTERNAL,
        status: { code: SpanStatusCode.ERROR, message: r.exception.message },
        attributes: {
          ...attempt(1),
          "l0.outcome": "retry",
          "error.type": r.errorType,
          "l0.attempt.chunks": 2,
          "l0.attempt.tokens": 2,
          "l0.attempt.output_kept": false,
          "l0.attempt.time_to_first_chunk": TIME,
          ...r.attemptResponses[0],
          "l0.adapter": r.adapter,
        },
        events: [
          {
            name: "l0.network_error",
            attributes: {
              "error.type": r.errorType,
              "exception.type": r.exception.type,
              "exception.message": r.exception.message,
              "l0.network.retried": true,
              "l0.retry.delay": 0.001,
            },
          },
        ],
      },
      {
        name: "l0.attempt",
        kind: SpanKind.INTERNAL,
        status: UNSET,
        attributes: {
          ...attempt(2),
          "l0.retry.reason": r.errorType,
          "l0.retry.kind": "network",
          "l0.outcome": "success",
          "l0.attempt.chunks": 8,
          "l0.attempt.tokens": 8,
          "l0.attempt.output_kept": true,
          "l0.attempt.time_to_first_chunk": TIME,
          ...r.attemptResponses[1],
          "l0.adapter": r.adapter,
        },
        events: [],
      },
    ],
  };
}

describe("span attributes of a call retried after a mid-stream drop, per adapter", () => {
  it("the openai SDK: the failed attempt keeps the response id and model its chunks carried", async () => {
    const call = await monitoredCall(h, PLAIN.openai, { drop: true });
    expect(call.text).toBe(ANSWER);
    expect(call.spans).toEqual(
      expectedSpans(call, {
        name: "chat gpt-mock",
        errorType: "connection_dropped",
        exception: { type: "TypeError", message: "TypeError: SocketError UND_ERR_SOCKET" },
        identity: {
          "gen_ai.provider.name": "openai",
          "gen_ai.request.model": "gpt-mock",
          "gen_ai.usage.input_tokens": 3,
          "gen_ai.usage.output_tokens": 8,
          "gen_ai.response.model": "gpt-mock",
          "gen_ai.response.id": "chatcmpl-mock-2",
          "gen_ai.response.finish_reasons": ["stop"],
        },
        tokenSource: "provider",
        attemptResponses: [
          { "l0.attempt.response.id": "chatcmpl-mock-1", "l0.attempt.response.model": "gpt-mock" },
          { "l0.attempt.response.id": "chatcmpl-mock-2", "l0.attempt.response.model": "gpt-mock", "l0.attempt.finish_reason": "stop" },
        ],
        adapter: "openai",
      }),
    );
  });

  it("the AI SDK: its stream names the response only when a step finishes, so the failed attempt has none", async () => {
    const call = await monitoredCall(h, PLAIN.aiSdk, { drop: true });
    expect(call.text).toBe(ANSWER);
    expect(call.spans).toEqual(
      expectedSpans(call, {
        name: "chat gpt-mock",
        errorType: "connection_dropped",
        exception: { type: "AI_APICallError", message: "AI_APICallError (HTTP 200): TypeError: SocketError UND_ERR_SOCKET" },
        identity: {
          "gen_ai.provider.name": "openai",
          "gen_ai.request.model": "gpt-mock",
          "gen_ai.usage.input_tokens": 3,
          "gen_ai.usage.output_tokens": 8,
          "gen_ai.response.model": "gpt-mock",
          "gen_ai.response.id": "resp_mock_2",
          "gen_ai.response.finish_reasons": ["stop"],
        },
        tokenSource: "provider",
        attemptResponses: [{}, { "l0.attempt.response.id": "resp_mock_2", "l0.attempt.response.model": "gpt-mock", "l0.attempt.finish_reason": "stop" }],
        adapter: "vercel-ai",
      }),
    );
  });

  it("the Anthropic SDK: the failed attempt keeps the message id and model of its message_start", async () => {
    const call = await monitoredCall(h, PLAIN.anthropic, { drop: true });
    expect(call.text).toBe(ANSWER);
    expect(call.spans).toEqual(
      expectedSpans(call, {
        name: "chat claude-mock",
        errorType: "connection_dropped",
        exception: { type: "APIConnectionError", message: "APIConnectionError: TypeError: SocketError UND_ERR_SOCKET" },
        identity: {
          "gen_ai.provider.name": "anthropic",
          "gen_ai.request.model": "claude-mock",
          "gen_ai.usage.input_tokens": 3,
          "gen_ai.usage.output_tokens": 8,
          "gen_ai.response.model": "claude-mock",
          "gen_ai.response.id": "msg_mock_2",
          "gen_ai.response.finish_reasons": ["end_turn"],
        },
        tokenSource: "provider",
        attemptResponses: [
          { "l0.attempt.response.id": "msg_mock_1", "l0.attempt.response.model": "claude-mock" },
          { "l0.attempt.response.id": "msg_mock_2", "l0.attempt.response.model": "claude-mock", "l0.attempt.finish_reason": "end_turn" },
        ],
        adapter: "anthropic",
      }),
    );
  });

  it("a plain async iterable that throws ECONNRESET: no identity, no usage, counted tokens", async () => {
    const call = await monitoredCall(h, PLAIN.iterable, { drop: true });
    expect(call.text).toBe(ANSWER);
    expect(call.spans).toEqual(
      expectedSpans(call, {
        name: "chat",
        errorType: "econnreset",
        exception: { type: "Error", message: "Error ECONNRESET" },
        identity: {},
        tokenSource: "counted",
        attemptResponses: [{}, {}],
        adapter: "async-iterable",
      }),
    );
  });
});
