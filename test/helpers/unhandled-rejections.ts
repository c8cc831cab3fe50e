/** Watching for promise rejections nobody handled, which tests assert never happen. */

/** The unhandled rejections seen since {@link recordUnhandledRejections} was called. */
export interface UnhandledRejections {
  /** Each unhandled rejection's reason, in order. */
  readonly reasons: unknown[];
  /** Stops recording (idempotent). */
  stop(): void;
}

/** Records every unhandled promise rejection of the process from now until `stop()`. */
export function recordUnhandledRejections(): UnhandledRejections {
  const reasons: unknown[] = [];
  const onUnhandled = (reason: unknown): void => void reasons.push(reason);
  process.on("unhandledRejection", onUnhandled);
  return { reasons, stop: () => void process.off("unhandledRejection", onUnhandled) };
}
