/**
 * The live `L0State` of a call (`result.state`).
 * @packageDocumentation
 */
import type { L0State } from "../types/result.js";
import type { TextBuffer } from "./text-buffer.js";

/** Where a state object keeps its text buffer (non-enumerable: not part of the state's data). */
const TEXT = Symbol("l0.text");

type StateWithText = L0State & { [TEXT]: TextBuffer };

/**
 * `content` as one accessor pair shared by every state object. V8 keeps an object whose accessor
 * is a closure of its own in a map of its own (a descriptor array per call) and an object literal
 * holding an accessor in dictionary mode; a shared pair defined on the built object keeps fast,
 * shared maps.
 */
const CONTENT: PropertyDescriptor = Object.freeze({
  get(this: StateWithText): string {
    return this[TEXT].text;
  },
  set(this: StateWithText, value: string): void {
    this[TEXT].text = value;
  },
  enumerable: true,
  configurable: true,
});

/**
 * A fresh state whose `content` is a live view of `text` (reads join pending tokens, writes replace
 * the text): an own enumerable accessor, as a plain object's property would be.
 */
export function createLiveState(text: TextBuffer): L0State {
  const state = {
    tokenCount: 0,
    attempt: 0,
    modelRetryCount: 0,
    networkRetryCount: 0,
    fallbackIndex: 0,
    violations: [],
    driftDetected: false,
    completed: false,
    aborted: false,
  } as Omit<L0State, "content"> as L0State;
  Object.defineProperty(state, TEXT, { value: text });
  Object.defineProperty(state, "content", CONTENT);
  return state;
}
