/**
 * Drives `l0()` for the adapter fault tests: collects every event (and the error iteration ends
 * with), and reads the retried output and the retry reasons.
 */
import { l0 } from "../../src/l0.js";
import type { L0Event } from "../../src/types/events.js";
import type { L0Options } from "../../src/types/options.js";
import type { L0Result } from "../../src/types/result.js";

/** What one `l0()` call delivered. */
export interface Run {
  result: L0Result;
  events: L0Event[];
  /** The error iteration threw, if any. */
  thrown: unknown;
}

/** Runs `l0(options)` to the end; `onEvent` sees each event as it arrives (e.g. to abort). */
export async function runL0(options: L0Options, onEvent?: (event: L0Event, result: L0Result) => void): Promise<Run> {
  const result = await l0(options);
  const events: L0Event[] = [];
  let thrown: unknown;
  try {
    for await (const event of result.stream) {
      events.push(event);
      onEvent?.(event, result);
    }
  } catch (error) {
    thrown = error;
  }
  return { result, events, thrown };
}

/** Text delivered after the last retry notice (what the consumer keeps). */
export function finalText(events: readonly L0Event[]): string {
  let start = 0;
  events.forEach((event, i) => {
    if (event.type === "retry" || event.type === "fallback") start = i + 1;
  });
  return events
    .slice(start)
    .map((event) => (event.type === "token" ? event.value : ""))
    .join("");
}

/** The `reason` of each retry notice. */
export function retryReasons(events: readonly L0Event[]): string[] {
  return events.flatMap((event) => (event.type === "retry" ? [event.reason] : []));
}

/** The `complete` event, if the call completed. */
export function completeOf(events: readonly L0Event[]): Extract<L0Event, { type: "complete" }> | undefined {
  return events.find((event): event is Extract<L0Event, { type: "complete" }> => event.type === "complete");
}

/** Fast backoff for tests: retries start within milliseconds. */
export const FAST_RETRY = { baseDelay: 1, maxDelay: 5 } as const;
