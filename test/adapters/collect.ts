import type { L0Chunk } from "../../src/types/events.js";

/** Drains an async iterable of chunks. */
export async function collect(iterable: AsyncIterable<L0Chunk>): Promise<L0Chunk[]> {
  const out: L0Chunk[] = [];
  for await (const chunk of iterable) out.push(chunk);
  return out;
}

/** Concatenates the token values. */
export function textOf(chunks: readonly L0Chunk[]): string {
  let text = "";
  for (const chunk of chunks) if (chunk.type === "token") text += chunk.value;
  return text;
}

/** A tick for pending promise reactions and timers of 0 ms. */
export function tick(ms = 0): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
