// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// FEATURE_SUMMARY.md line 49: Key Features / 3. Built-In Abort Handling
import { l0 as realL0 } from "l0";
import type { L0Options } from "l0";
import { streamText } from "ai";
import { consume, model, probe, prompt } from "../prelude.js";

// The sketch elides the options (`/* ... */`): this `l0` supplies the elided `stream`.
const l0 = (options: Partial<L0Options>) => realL0({ stream: () => streamText({ model, prompt }), ...options });

const first = await (async () => {
// <spec>
const result = await l0({ /* ... */ });

// Abort the stream anytime
result.abort();  // ✅ Built-in method

// </spec>
return result;
})();
const second = await (async () => {
// <spec>
// Or use external AbortSignal
const controller = new AbortController();
const result = await l0({
  signal: controller.signal
});
controller.abort();
// </spec>
return { result, controller };
})();

for (const [name, result] of [["first", first], ["second", second.result]] as const) {
  try {
    probe(`${name}.text`, await consume(result));
  } catch (failure) {
    probe(`${name}.aborted`, { code: (failure as { code?: string }).code, aborted: result.state.aborted, telemetry: result.telemetry !== undefined });
  }
}
