/**
 * Labelled corpus: ordinary answers that are NOT drift. Varied styles on purpose: code, lists,
 * tables, casual chat, formal prose, hedged answers, legitimate repetition, discourse phrases that
 * an earlier heuristic mistook for drift ("to clarify", "in other words", "let me explain",
 * "Here is the summary:").
 */
import { ORDINARY_GENERAL } from "./ordinary-general.js";
import { ORDINARY_TECHNICAL } from "./ordinary-technical.js";

/** Every ordinary answer. */
export const ORDINARY: readonly { id: string; text: string }[] = [...ORDINARY_TECHNICAL, ...ORDINARY_GENERAL];
