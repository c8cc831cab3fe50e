/**
 * Scripted mock provider streams with fault injection: tokens, delays, stalls and thrown errors,
 * with observable facts (pulls, chunks delivered, closed, aborted) for assertions.
 * @packageDocumentation
 */
import { aiSdkParts, openaiChunk, openaiUsageChunk } from "./chunk-shapes.js";

/** A scripted step that is not a plain token or error. */
export type MockStepObject =
  { kind: "chunk"; chunk: unknown } | { kind: "delay"; ms: number } | { kind: "stall"; ms?: number } | { kind: "throw"; error: unknown };

/**
 * One step of a mock stream script: a string is a token, an `Error` (or `DOMException`) is thrown
 * when reached, and {@link step} builds the others (raw chunks, delays, stalls).
 */
export type MockStep = string | Error | MockStepObject;

/** Builders for script steps. */
export const step = {
  /** Yields `chunk` as is (any provider shape), regardless of `format`. */
  chunk(chunk: unknown): MockStepObject {
    return { kind: "chunk", chunk };
  },
  /** Waits `ms` before the next step (cancelled by `return()` or abort). */
  delay(ms: number): MockStepObject {
    return { kind: "delay", ms };
  },
  /** Stops producing: for `ms` when given, otherwise until the signal aborts or the iterator is returned. */
  stall(ms?: number): MockStepObject {
    return ms === undefined ? { kind: "stall" } : { kind: "stall", ms };
  },
  /** Throws `error` when reached (any value, not only `Error`s). */
  throw(error: unknown): MockStepObject {
    return { kind: "throw", error };
  },
};

/** Options of {@link createMockStream}. */
export interface MockStreamOptions {
  /** Aborting it makes a pending or later `next()` reject with the signal's reason. */
  signal?: AbortSignal;
  /** Delay before every token/chunk, ms. @default 0 */
  chunkDelayMs?: number;
  /**
   * How string tokens are emitted: plain strings (`text`), OpenAI `chat.completion.chunk`s
   * (`openai`: role chunk first, finish chunk and optional usage chunk when the script ends), or
   * AI SDK v6 `fullStream` parts (`ai-sdk`: framing parts around the text deltas, `finish` last).
   * @default "text"
   */
  format?: "text" | "openai" | "ai-sdk";
  /** Usage reported at the end (formats `openai` and `ai-sdk`). */
  usage?: { input: number; output: number };
  /** Finish reason reported at the end (formats `openai` and `ai-sdk`). @default "stop" */
  finishReason?: string;
}

/** A scripted stream: async iterable (once) plus facts to assert on. */
export interface MockStream extends AsyncIterable<unknown> {
  /** `next()` calls so far. */
  readonly pulls: number;
  /** Chunks delivered so far. */
  readonly yielded: number;
  /** True once `return()` was called (the consumer closed the source). */
  readonly closed: boolean;
  /** True when the script ran to its end. */
  readonly completed: boolean;
  /** True when the signal aborted the stream. */
  readonly aborted: boolean;
  /** True when a scripted error was thrown. */
  readonly failed: boolean;
}

type Action = { kind: "yield"; value: unknown } | { kind: "wait"; ms: number | undefined } | { kind: "throw"; error: unknown };

function plan(script: readonly MockStep[], options: MockStreamOptions): Action[] {
  const format = options.format ?? "text";
  const actions: Action[] = [];
  const delay = options.chunkDelayMs ?? 0;
  const emit = (value: unknown): void => {
    if (delay > 0) actions.push({ kind: "wait", ms: delay });
    actions.push({ kind: "yield", value });
  };
  const framing = format === "ai-sdk" ? aiSdkParts([], options) : [];
  if (format === "openai") actions.push({ kind: "yield", value: openaiChunk({ role: "assistant", content: "" }) });
  for (const part of framing.slice(0, 3)) actions.push({ kind: "yield", value: part });
  for (const item of script) {
    if (typeof item === "string") {
      emit(
        format === "openai" ? openaiChunk({ content: item }) : format === "ai-sdk" ? { type: "text-delta", id: "t0", text: item } : item,
      );
    } else if (item instanceof Error) actions.push({ kind: "throw", error: item });
    else if (item.kind === "chunk") emit(item.chunk);
    else if (item.kind === "throw") actions.push({ kind: "throw", error: item.error });
    else actions.push({ kind: "wait", ms: item.ms });
  }
  if (format === "openai") {
    actions.push({ kind: "yield", value: openaiChunk({}, { finishReason: options.finishReason ?? "stop" }) });
    if (options.usage !== undefined) {
      actions.push({ kind: "yield", value: openaiUsageChunk({ prompt: options.usage.input, completion: options.usage.output }) });
    }
  }
  for (const part of framing.slice(3)) actions.push({ kind: "yield", value: part });
  return actions;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("This operation was aborted", "AbortError");
}

class ScriptedStream implements MockStream, AsyncIterator<unknown> {
  pulls = 0;
  yielded = 0;
  closed = false;
  completed = false;
  aborted = false;
  failed = false;
  private index = 0;
  private done = false;
  private iterated = false;
  /** The pending wait: settled with true (waited out), false (closed) or `{ error }` (aborted). */
  private pending: { timer: ReturnType<typeof setTimeout> | undefined; settle(outcome: boolean | { error: unknown }): void } | undefined;
  private readonly signal: AbortSignal | undefined;

  constructor(
    private readonly actions: Action[],
    signal: AbortSignal | undefined,
  ) {
    this.signal = signal;
    signal?.addEventListener("abort", this.onAbort, { once: true });
  }

  [Symbol.asyncIterator](): AsyncIterator<unknown> {
    if (this.iterated) throw new Error("A mock stream can be iterated once");
    this.iterated = true;
    return this;
  }

  async next(): Promise<IteratorResult<unknown>> {
    this.pulls++;
    while (!this.done) {
      if (this.signal?.aborted) {
        this.stop();
        this.aborted = true;
        throw abortReason(this.signal);
      }
      const action = this.actions[this.index++];
      if (action === undefined) {
        this.completed = true;
        this.stop();
        break;
      }
      if (action.kind === "yield") {
        this.yielded++;
        return { done: false, value: action.value };
      }
      if (action.kind === "throw") {
        this.failed = true;
        this.stop();
        throw action.error;
      }
      if (!(await this.wait(action.ms))) break;
    }
    return { done: true, value: undefined };
  }

  return(): Promise<IteratorResult<unknown>> {
    this.closed = true;
    this.stop();
    this.pending?.settle(false);
    return Promise.resolve({ done: true, value: undefined });
  }

  private stop(): void {
    this.done = true;
    this.signal?.removeEventListener("abort", this.onAbort);
  }

  /** Waits `ms` (forever when undefined); resolves false when closed, rejects on abort. */
  private wait(ms: number | undefined): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      const pending = {
        timer: undefined as ReturnType<typeof setTimeout> | undefined,
        settle: (outcome: boolean | { error: unknown }): void => {
          if (this.pending !== pending) return;
          this.pending = undefined;
          if (pending.timer !== undefined) clearTimeout(pending.timer);
          if (typeof outcome === "boolean") resolve(outcome);
          else reject(outcome.error);
        },
      };
      this.pending = pending;
      if (ms !== undefined) pending.timer = setTimeout(() => pending.settle(true), ms);
    });
  }

  private readonly onAbort = (): void => {
    this.aborted = true;
    this.stop();
    this.pending?.settle({ error: abortReason(this.signal as AbortSignal) });
  };
}

/**
 * Creates a scripted mock stream.
 * @example
 * const source = createMockStream(["Hello", step.delay(50), " world", faults.econnreset()]);
 * for await (const chunk of source) ...   // "Hello", " world", then throws ECONNRESET
 * source.pulls; source.closed;            // facts for assertions
 */
export function createMockStream(script: readonly MockStep[], options: MockStreamOptions = {}): MockStream {
  return new ScriptedStream(plan(script, options), options.signal);
}

/** A stream factory for `l0({ stream })` that plays one script per call and records the streams. */
export interface MockStreamFactory {
  (context?: { signal?: AbortSignal }): MockStream;
  /** The streams created so far, one per call (attempt). */
  readonly streams: readonly MockStream[];
}

/**
 * Creates a factory that plays `scripts[n]` on its n-th call (the last script repeats), passing the
 * call's `signal` to the stream: e.g. attempt 1 drops the connection, attempt 2 succeeds.
 * @example
 * const factory = mockStreamFactory([["Hel", faults.econnreset()], ["Hello"]]);
 * await l0({ stream: factory });  factory.streams[0].closed ...
 */
export function mockStreamFactory(
  scripts: readonly (readonly MockStep[])[],
  options: Omit<MockStreamOptions, "signal"> = {},
): MockStreamFactory {
  if (scripts.length === 0) throw new TypeError("mockStreamFactory needs at least one script");
  const streams: MockStream[] = [];
  const factory = (context?: { signal?: AbortSignal }): MockStream => {
    const script = scripts[Math.min(streams.length, scripts.length - 1)] as readonly MockStep[];
    const stream = createMockStream(script, context?.signal === undefined ? options : { ...options, signal: context.signal });
    streams.push(stream);
    return stream;
  };
  Object.defineProperty(factory, "streams", { get: () => streams, enumerable: true });
  return factory as MockStreamFactory;
}
