/**
 * Starts one call from validated options and the observer the composition root chose, and builds
 * the `L0Result` around it.
 * @packageDocumentation
 */
import type { L0Interceptor, L0Options } from "../types/options.js";
import type { L0Result } from "../types/result.js";
import type { L0Telemetry } from "../types/telemetry.js";
import { Call } from "./call.js";
import { resolveCallConfig } from "./call-config.js";
import { callFlow } from "./call-flow.js";
import type { CallObserver } from "./call-observer.js";

/** What a call needs besides its options. */
export interface CallDependencies {
  /** Id of the call (lifecycle events, telemetry). */
  readonly sessionId: string;
  /** Where the call's facts go (`NOOP_OBSERVER` when monitoring is off). */
  readonly observer: CallObserver;
  /** The interceptors of the options `l0()` was called with. */
  readonly interceptors: readonly L0Interceptor[];
}

/** Where a result keeps its observer (non-enumerable: not part of the result's data). */
const OBSERVER = Symbol("l0.observer");

/**
 * `telemetry` as one getter shared by every result (see `createLiveState`: a getter of its own per
 * object, or one in an object literal, costs each call a map or a dictionary of its own).
 */
const TELEMETRY: PropertyDescriptor = Object.freeze({
  get(this: { [OBSERVER]: CallObserver }): L0Telemetry | undefined {
    return this[OBSERVER].telemetry();
  },
  enumerable: true,
  configurable: true,
});

/** Creates the call; nothing runs until `result.stream` is first pulled. */
export function startCall(options: L0Options, deps: CallDependencies): L0Result {
  const { observer } = deps;
  const call = new Call(resolveCallConfig(options, deps.sessionId, observer, deps.interceptors), callFlow);
  const result = {
    stream: { [Symbol.asyncIterator]: () => call[Symbol.asyncIterator]() },
    state: call.state,
    errors: call.errors,
    abort(reason?: unknown): void {
      call.abort(reason);
    },
  } as Omit<L0Result, "telemetry"> as L0Result;
  Object.defineProperty(result, OBSERVER, { value: observer });
  Object.defineProperty(result, "telemetry", TELEMETRY);
  call.result = result;
  return result;
}
