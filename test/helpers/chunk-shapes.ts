/**
 * The l0 chunks the adapter tests expect, built from the facts that differ between them: a finish
 * chunk's token usage, and the `message` chunk in which every adapter reports one tool call.
 */

/** A finish chunk's `usage`: input and output tokens and their sum. */
export function usageOf(inputTokens: number, outputTokens: number): { inputTokens: number; outputTokens: number; totalTokens: number } {
  return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens };
}

/** The `message` chunk of one complete tool call (`args` is the arguments' JSON text, as streamed). */
export function toolCallMessage(id: string, name: string, args: string): { type: "message"; role: "assistant"; value: string } {
  return { type: "message", role: "assistant", value: JSON.stringify({ type: "tool_call", id, name, arguments: args }) };
}
