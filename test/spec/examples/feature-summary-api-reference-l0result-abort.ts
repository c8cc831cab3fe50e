// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// FEATURE_SUMMARY.md line 419: API Reference / L0Result.abort()
import { l0 } from "l0";
import type { L0Result } from "l0";
import { streamText } from "ai";
import { consume, parseSignatures, probe, prompt, slowModel as model, type Equal, type Expect } from "../prelude.js";

const result = await l0({ stream: () => streamText({ model, prompt }), monitoring: { enabled: true } });

const signatures = String.raw`

// <spec>
// Built-in abort method
result.abort(): void
// </spec>
`;

// The declared type, checked by tsc; the call, made at run time on a streaming call.
const declared: Expect<Equal<ReturnType<L0Result["abort"]>, void>> = true;
void declared;
const consuming = consume(result).then((text) => ({ text }), (failure: { code?: string }) => ({ code: failure.code }));
await new Promise((resolve) => setTimeout(resolve, 200));
for (const { path, call } of parseSignatures(signatures)) {
  const returned: unknown = call && path[1] === "abort" ? result.abort() : "not called";
  probe("abort", { path, returned: returned === undefined ? "undefined" : returned, outcome: await consuming, aborted: result.state.aborted });
}
