// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// FEATURE_SUMMARY.md line 449: Migration Guide / Old Pattern (External)
import { l0 as realL0 } from "l0";
import type { L0Options } from "l0";
import { probe, recorder } from "../prelude.js";

const monitoring = { trackError: recorder("monitoring.trackError") };
// The sketch elides the options (`/* ... */`): the real l0, given none, rejects; the rejection is printed.
const l0 = (options: Partial<L0Options>) =>
  realL0(options as L0Options).catch((error: { code?: string; details?: unknown; message: string }) => {
    probe("l0.rejected", { code: error.code, details: error.details, message: error.message });
    throw error;
  });

// <spec>
// ❌ Old way - external monitoring
try {
  const result = await l0({ /* ... */ });
  // ...
} catch (error) {
  monitoring.trackError({  // NOT part of L0
    type: 'network_error',
    // ...
  });
}
// </spec>
