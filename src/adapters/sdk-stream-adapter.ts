/**
 * What the adapters of provider SDK stream objects share (OpenAI `Stream` and `ResponseStream`,
 * Anthropic `MessageStream`): recognising the object by its methods, and reading it through
 * `readSdkStream` with the SDK's own abort.
 * @packageDocumentation
 */
import type { L0Adapter } from "../types/adapter.js";
import type { L0Chunk } from "../types/events.js";
import { readSdkStream } from "./sdk-streams.js";

/** True for an async iterable object on which each of `methods` is a function. */
export function isIterableWith(input: unknown, methods: readonly string[]): boolean {
  if (typeof input !== "object" || input === null) return false;
  const candidate = input as Record<PropertyKey, unknown>;
  return typeof candidate[Symbol.asyncIterator] === "function" && methods.every((method) => typeof candidate[method] === "function");
}

/**
 * The adapter `name` of one SDK's stream objects (provider `provider`): `detect` recognises them;
 * each is read with `readSdkStream`, and stopped early through the abort `abortOf` finds on it.
 */
export function sdkStreamAdapter(
  name: string,
  provider: string,
  detect: (input: unknown) => input is AsyncIterable<unknown>,
  abortOf: (input: unknown) => (() => void) | undefined,
): L0Adapter<AsyncIterable<unknown>> {
  return {
    name,
    provider,
    detect,
    wrap(input, options): AsyncIterable<L0Chunk> {
      return readSdkStream(input, abortOf(input), options?.signal);
    },
  };
}
