// The variants of case 06: one streamed chat completion of CHUNKS content chunks from the mock
// server, read to the end by the consumer, through
// - the bare `openai` SDK (`for await` over the stream);
// - the same code with `@opentelemetry/instrumentation-openai` enabled;
// - `l0()` around the same SDK call, monitoring off, and monitoring on (into the pipeline the case registers);
// - the AI SDK's `streamText` (`@ai-sdk/openai` `.chat()` model), bare and inside `l0()`.
// - replayed: the chunk objects one real SDK call yielded, replayed from memory through an object
//   shaped like the SDK's `Stream` (no I/O, no SDK): a bare `for await` vs l0 off / on, so l0's
//   own time per call is measured without the noise of HTTP and a second process.
// Variants ending in `Ctx` run with a global AsyncLocalStorage context manager registered (what
// the OTel NodeSDK installs), which makes every `context.with` real and turns on Node's async
// hooks for the whole process; their bare baseline runs with it too.
// Every call checks that the consumer saw CHUNKS tokens (and, for l0 with monitoring, that
// `result.telemetry` counted them), so a variant that silently does less fails the run.
import { context } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { streamText } from "ai";
import { createOpenAI } from "@ai-sdk/openai";
import { l0, registerL0Instrumentation } from "../../dist/index.js";
import { startMockServerProcess } from "./mock-server.mjs";
import { setupOpenAIInstrumentation } from "./otel-openai-instrumentation.mjs";

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

/** The chunk objects of one real streamed call (`openai` SDK against the mock server). */
export async function captureSdkChunks(OpenAI, baseURL) {
  const client = new OpenAI({ baseURL, apiKey: "bench", maxRetries: 0 });
  const chunks = [];
  for await (const chunk of await client.chat.completions.create(PARAMS)) chunks.push(chunk);
  return chunks;
}

/** An object shaped like the SDK's `Stream` (so l0 detects it as one) that replays `chunks`. */
function replayStream(chunks) {
  return {
    controller: new AbortController(),
    toReadableStream() {
      throw new Error("not used");
    },
    async *[Symbol.asyncIterator]() {
      for (const chunk of chunks) yield chunk;
    },
  };
}

/**
 * Builds the variants. `OpenAI` is the SDK class loaded after the instrumentation was registered;
 * `instrumentation` is the handle of `setupOpenAIInstrumentation()`; `only` (optional) keeps the
 * named variants (for profiling one variant alone).
 */
export function httpVariants({ baseURL, OpenAI, instrumentation, chunks, calls, only, replayChunks, replayCalls }) {
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
  // The same call cut to one content chunk (role chunk, first content chunk, finish, usage): with
  // the 50-chunk replay it splits l0's cost into a fixed part per call and a part per chunk.
  const oneChunk = replayChunks.filter((c, i) => i <= 1 || i >= replayChunks.length - 2);
  const replayCall = (name, source, expected) => async () => {
    let tokens = 0;
    for await (const chunk of replayStream(source)) if (chunk.choices[0]?.delta?.content) tokens++;
    check(name, tokens, expected);
  };
  const replayL0Call = (name, monitoring, source, expected) => async () => {
    await consumeL0(name, await l0({ stream: () => replayStream(source), monitoring }), expected, monitoring.enabled);
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
    replayBare: { call: replayCall("replayBare", replayChunks, chunks), calls: replayCalls },
    replayL0Off: { call: replayL0Call("replayL0Off", MONITORING_OFF, replayChunks, chunks), calls: replayCalls },
    replayL0On: { call: replayL0Call("replayL0On", MONITORING_ON, replayChunks, chunks), calls: replayCalls },
    replay1Bare: { call: replayCall("replay1Bare", oneChunk, 1), calls: replayCalls },
    replay1L0Off: { call: replayL0Call("replay1L0Off", MONITORING_OFF, oneChunk, 1), calls: replayCalls },
    replay1L0On: { call: replayL0Call("replay1L0On", MONITORING_ON, oneChunk, 1), calls: replayCalls },
  };
  const variants = {};
  for (const [name, variant] of Object.entries(all)) {
    if (only === undefined || only.includes(name)) variants[name] = { ...variant, calls: variant.calls ?? calls };
  }
  return variants;
}

/**
 * Everything case 06's variants run against: the mock server in its own process (`chunks` content
 * chunks per call), instrumentation-openai's tracer and meter providers (disabled until its variants
 * run), l0 registered with the same providers, and one real call's chunks for the replay variants.
 * Returns `{ variants, instrumentation, close() }`; `variants` as {@link httpVariants} builds them.
 */
export async function startHttpVariants({ chunks, calls, only, replayCalls }) {
  const server = await startMockServerProcess({ chunks });
  const instrumentation = await setupOpenAIInstrumentation();
  const { tracerProvider, meterProvider } = instrumentation;
  const registration = registerL0Instrumentation({ tracerProvider, meterProvider, useGlobal: false });
  const close = async () => {
    await registration.shutdown();
    await instrumentation.shutdown();
    await server.close();
  };
  try {
    const replayChunks = await captureSdkChunks(instrumentation.OpenAI, server.baseURL);
    const variants = httpVariants({
      baseURL: server.baseURL,
      OpenAI: instrumentation.OpenAI,
      instrumentation,
      chunks,
      calls,
      only,
      replayChunks,
      replayCalls,
    });
    return { variants, instrumentation, close };
  } catch (error) {
    await close();
    throw error;
  }
}
