/**
 * The chunks every provider translator builds the same way: the `response` and `finish` chunks of
 * the facts a stream has told so far.
 * @packageDocumentation
 */
import type { L0Chunk } from "../types/events.js";

type ResponseChunk = Extract<L0Chunk, { type: "response" }>;
type FinishChunk = Extract<L0Chunk, { type: "finish" }>;

/** The facts of a chunk of type `C`, each possibly not known yet. */
type KnownFacts<C> = { [K in Exclude<keyof C, "type">]?: C[K] | undefined };

/** `chunk` with each of `facts` that is known (an unknown one is left out, not set to `undefined`). */
function withKnown<C extends L0Chunk>(chunk: C, facts: KnownFacts<C>): C {
  // `facts` is an object literal of the translators (no inherited keys): `for...in` allocates nothing.
  const known = facts as Record<string, unknown>;
  for (const key in known) {
    const value = known[key];
    if (value !== undefined) (chunk as Record<string, unknown>)[key] = value;
  }
  return chunk;
}

/** The `response` chunk of what is known of the response (provider, model, id). */
export function responseChunk(facts: KnownFacts<ResponseChunk>): ResponseChunk {
  return withKnown<ResponseChunk>({ type: "response" }, facts);
}

/** The `finish` chunk of what is known at the end of the stream (usage, finish reason, model, id). */
export function finishChunk(facts: KnownFacts<FinishChunk>): FinishChunk {
  return withKnown<FinishChunk>({ type: "finish" }, facts);
}
