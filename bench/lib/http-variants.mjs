// The variants of case 06: one streamed chat completion of CHUNKS content chunks from the mock
// server, read to the end by the consumer, through
// - the bare `openai` SDK (`for await` over the stream);
// - the same code with `@opentelemetry/instrumentation-openai` enabled;
// - `l0()` around the same SDK call, monitoring off, and monitoring on (embedded pipeline);
// - the AI SDK's `streamText` (`@ai-sdk/openai` `.chat()` model), bare and inside `l0()`.
// Variants ending in `Ctx` run with a global AsyncLocalStorage context manager registered (what
// the OTel NodeSDK installs), which makes every `context.with` real and turns on Node's async
// hooks for the whole process; their bare baseline runs with it too.
// Every call checks that the consumer saw CHUNKS tokens (and, for l0 with monitoring, that
// `result.telemetry` counted them), so a variant that silently does less fails the run.
import { context } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { streamText } from "ai";
import { createOpenAI } from "@ai-sdk/openai";
import { l0 } from "../../dist/index.js";

export const MODEL = "mock-gpt";
const MONITORING_OFF = { enabled: false };
const MONITORING_ON = { enabled: true, provider: "openai", model: MODEL };
const PARAMS = {
  model: MODEL,
  messages: [{ role: "user", content: "Say fifty words." }],
  stream: true,
  stream_options: { include_usage: true },
};

function check(name, tokens, chunks) {
  if (tokens !== chunks) throw new Error(`${name}: read ${tokens} tokens, expected ${chunks}`);
}

async function consumeL0(name, result, chunks, monitored) {
  let tokens = 0;
  for await (const event of result.stream) if (event.type === "token") tokens++;
  check(name, tokens, chunks);
  if (monitored && result.telemetry?.metrics.totalTokens === undefined) throw new Error(`${name}: no telemetry`);
}

const contextManager = new AsyncLocalStorageContextManager();
const withContextManager = (variant) => ({
  ...variant,
  setup: async () => {
    context.setGlobalContextManager(contextManager.enable());
    await variant.setup?.();
  },
  teardown: async () => {
    await variant.teardown?.();
    context.disable();
  },
});

/**
 * Builds the variants. `OpenAI` is the SDK class loaded after the instrumentation was registered;
 * `instrumentation` is the handle of `setupOpenAIInstrumentation()`; `only` (optional) keeps the
 * named variants (for profiling one variant alone).
 */
export function httpVariants({ baseURL, OpenAI, instrumentation, chunks, calls, only }) {
  globalThis.AI_SDK_LOG_WARNINGS = false;
  const client = new OpenAI({ baseURL, apiKey: "bench", maxRetries: 0 });
  const aiModel = createOpenAI({ baseURL, apiKey: "bench" }).chat(MODEL);

  const sdkCall = (name) => async () => {
    const stream = await client.chat.completions.create(PARAMS);
    let tokens = 0;
    for await (const chunk of stream) if (chunk.choices[0]?.delta?.content) tokens++;
    check(name, tokens, chunks);
  };
  const l0Call = (name, monitoring) => async () => {
    const result = await l0({ stream: ({ signal }) => client.chat.completions.create(PARAMS, { signal }), monitoring });
    await consumeL0(name, result, chunks, monitoring.enabled);
  };
  const aiCall = (name) => async () => {
    const result = streamText({ model: aiModel, prompt: "Say fifty words.", maxRetries: 0 });
    let tokens = 0;
    for await (const part of result.fullStream) if (part.type === "text-delta") tokens++;
    check(name, tokens, chunks);
  };
  const aiL0Call = (name, monitoring) => async () => {
    const stream = ({ signal }) => streamText({ model: aiModel, prompt: "Say fifty words.", maxRetries: 0, abortSignal: signal });
    await consumeL0(name, await l0({ stream, monitoring }), chunks, monitoring.enabled);
  };
  const otel = (variant) => ({
    ...variant,
    setup: () => instrumentation.enable(),
    teardown: () => instrumentation.disable(),
  });

  const all = {
    bare: { call: sdkCall("bare") },
    otel: otel({ call: sdkCall("otel") }),
    l0Off: { call: l0Call("l0Off", MONITORING_OFF) },
    l0On: { call: l0Call("l0On", MONITORING_ON) },
    bareCtx: withContextManager({ call: sdkCall("bareCtx") }),
    otelCtx: withContextManager(otel({ call: sdkCall("otelCtx") })),
    l0OnCtx: withContextManager({ call: l0Call("l0OnCtx", MONITORING_ON) }),
    aiBare: { call: aiCall("aiBare") },
    aiL0Off: { call: aiL0Call("aiL0Off", MONITORING_OFF) },
    aiL0On: { call: aiL0Call("aiL0On", MONITORING_ON) },
  };
  const variants = {};
  for (const [name, variant] of Object.entries(all)) {
    if (only === undefined || only.includes(name)) variants[name] = { calls, ...variant };
  }
  return variants;
}
