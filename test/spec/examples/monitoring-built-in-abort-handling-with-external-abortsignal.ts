// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// MONITORING.md line 726: Built-in Abort Handling / With External AbortSignal
import { l0 } from "l0";
import { streamText } from "ai";
import { consume, probe, prompt, slowModel as model } from "../prelude.js";

// <spec>
const controller = new AbortController();

const result = await l0({
  stream: () => streamText({ model, prompt }),
  signal: controller.signal, // External signal
  monitoring: { enabled: true },
});

// Use either built-in or external abort
setTimeout(() => {
  result.abort(); // Built-in method
  // OR
  controller.abort(); // External signal
}, 5000);
// </spec>

try {
  probe("text", await consume(result));
} catch (failure) {
  probe("aborted", { code: (failure as { code?: string }).code, aborted: result.state.aborted, tokens: result.telemetry?.metrics.totalTokens, signal: controller.signal.aborted });
}
