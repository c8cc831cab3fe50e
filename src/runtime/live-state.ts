/**
 * The live `L0State` of a call (`result.state`).
 * @packageDocumentation
 */
import type { L0State } from "../types/result.js";
import type { TextBuffer } from "./text-buffer.js";

/**
 * A fresh state whose `content` is a live view of `text` (reads join pending tokens, writes replace
 * the text). Built as one object literal so it keeps fast properties (per-token counter updates).
 */
export function createLiveState(text: TextBuffer): L0State {
  return {
    get content(): string {
      return text.text;
    },
    set content(value: string) {
      text.text = value;
    },
    tokenCount: 0,
    attempt: 0,
    modelRetryCount: 0,
    networkRetryCount: 0,
    fallbackIndex: 0,
    violations: [],
    driftDetected: false,
    completed: false,
    aborted: false,
  };
}
