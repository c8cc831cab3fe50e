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

/** The `response` chunk of what is known of the response (provider, model, id); an unknown fact is left out, not set to `undefined`. */
export function responseChunk(facts: KnownFacts<ResponseChunk>): ResponseChunk {
  // Named stores, one per fact: fast in every tier of the JIT, unlike keyed stores in a loop.
  const chunk: ResponseChunk = { type: "response" };
  if (facts.provider !== undefined) chunk.provider = facts.provider;
  if (facts.model !== undefined) chunk.model = facts.model;
  if (facts.responseId !== undefined) chunk.responseId = facts.responseId;
  return chunk;
}

/** The `finish` chunk of what is known at the end of the stream (usage, finish reason, model, id); an unknown fact is left out. */
export function finishChunk(facts: KnownFacts<FinishChunk>): FinishChunk {
  const chunk: FinishChunk = { type: "finish" };
  if (facts.usage !== undefined) chunk.usage = facts.usage;
  if (facts.finishReason !== undefined) chunk.finishReason = facts.finishReason;
  if (facts.model !== undefined) chunk.model = facts.model;
  if (facts.responseId !== undefined) chunk.responseId = facts.responseId;
  return chunk;
}
