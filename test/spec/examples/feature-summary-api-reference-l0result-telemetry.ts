// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// FEATURE_SUMMARY.md line 412: API Reference / L0Result.telemetry
import type { L0Telemetry } from "l0";
import { finishedResult, parseSignatures, probe, type Equal, type Expect } from "../prelude.js";

const result = await finishedResult();

const signatures = String.raw`

// <spec>
// Access after stream completion
result.telemetry: L0Telemetry | undefined
// </spec>
`;

// The declared type, checked by tsc; the value, checked at run time.
const declared: Expect<Equal<typeof result.telemetry, L0Telemetry | undefined>> = true;
void declared;
probe("signatures", parseSignatures(signatures).map(({ path }) => ({ path, kind: typeof result.telemetry, sessionId: result.telemetry?.sessionId })));
