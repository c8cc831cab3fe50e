// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// FEATURE_SUMMARY.md line 8: What Changed / Before
import { recorder } from "../prelude.js";

const monitoring = { trackError: recorder("monitoring.trackError") };
const analytics = { track: recorder("analytics.track") };

// <spec>
// External monitoring (NOT part of L0)
monitoring.trackError({ /* ... */ });  // ❌ Confusing
analytics.track('event', { /* ... */ }); // ❌ Not included
// </spec>
