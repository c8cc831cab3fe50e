/**
 * Provider usage objects → {@link L0Usage}. Reads the provider's numbers; never estimates.
 * @packageDocumentation
 */
import type { L0Usage } from "../types/events.js";

function num(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  // AI SDK provider-level (LanguageModelV3) usage nests counts: `inputTokens: { total }`.
  if (typeof value === "object" && value !== null) return num((value as { total?: unknown }).total);
  return undefined;
}

/**
 * Reads usage in any of the common spellings: AI SDK v5+/v6 (`inputTokens`, `outputTokens`,
 * `totalTokens`, or the provider-level `{ inputTokens: { total } }`), AI SDK v4 (`promptTokens`, `completionTokens`), OpenAI (`prompt_tokens`,
 * `completion_tokens`, `total_tokens`), Anthropic (`input_tokens`, `output_tokens`).
 * Returns `undefined` when no count is present.
 */
export function normalizeUsage(raw: unknown): L0Usage | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  const input = num(r.inputTokens) ?? num(r.promptTokens) ?? num(r.prompt_tokens) ?? num(r.input_tokens);
  const output = num(r.outputTokens) ?? num(r.completionTokens) ?? num(r.completion_tokens) ?? num(r.output_tokens);
  const total = num(r.totalTokens) ?? num(r.total_tokens);
  if (input === undefined && output === undefined && total === undefined) return undefined;
  const usage: L0Usage = {};
  if (input !== undefined) usage.inputTokens = input;
  if (output !== undefined) usage.outputTokens = output;
  if (total !== undefined) usage.totalTokens = total;
  else if (input !== undefined && output !== undefined) usage.totalTokens = input + output;
  return usage;
}
