/**
 * Process-wide telemetry state shared by every copy of l0 in the process (the ES module and the
 * CommonJS build loaded side by side, or two installs of the same format version), kept on
 * `globalThis` under a `Symbol.for` key as the OTel API keeps its globals. It holds the active
 * registration, so a second registration from another copy is refused as it is within one copy
 * and every copy records into the same pipeline.
 * @packageDocumentation
 */
import type { L0Pipeline } from "./pipeline-types.js";

/** Bumped when the shape below changes incompatibly; copies with another format keep their own state. */
const STATE_KEY = Symbol.for("l0.telemetry.state.v1");

/** The registration that chose where l0 records (registerL0Instrumentation or an enabled L0Instrumentation). */
export interface ActiveRegistration {
  /** Who registered: the function or the instrumentation class. */
  readonly kind: "registerL0Instrumentation" | "L0Instrumentation";
  /** The registering object (the handle, or the L0Instrumentation instance). */
  readonly owner: object;
  /** Normalized options, compared field by field when registering again. */
  readonly options: Readonly<Record<string, unknown>>;
  /** The pipeline one new call records into, resolved at call time. */
  pipelineForCall(): L0Pipeline;
}

/** What every copy of l0 in this process shares. */
export interface L0SharedState {
  active: ActiveRegistration | undefined;
}

/** The process-wide state (created by the first copy of l0 that asks). */
export function sharedState(): L0SharedState {
  const holder = globalThis as { [STATE_KEY]?: L0SharedState };
  return (holder[STATE_KEY] ??= { active: undefined });
}
