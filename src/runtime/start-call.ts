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

/** Creates the call; nothing runs until `result.stream` is first pulled. */
export function startCall(options: L0Options, deps: CallDependencies): L0Result {
  const { observer } = deps;
  const call = new Call(resolveCallConfig(options, deps.sessionId, observer, deps.interceptors), callFlow);
  const result: L0Result = {
    stream: { [Symbol.asyncIterator]: () => call[Symbol.asyncIterator]() },
    state: call.state,
    errors: call.errors,
    get telemetry(): L0Telemetry | undefined {
      return observer.telemetry();
    },
    abort(reason?: unknown): void {
      call.abort(reason);
    },
  };
  call.result = result;
  return result;
}
