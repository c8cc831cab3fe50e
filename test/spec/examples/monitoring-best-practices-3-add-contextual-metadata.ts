// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// MONITORING.md line 768: Best Practices / 3. Add Contextual Metadata
import { l0 } from "l0";
import type { L0Options } from "l0";
import { streamText } from "ai";
import { consume, model, probe, prompt } from "../prelude.js";

const userId = "user_42";
const modelName = "gpt-4";
const requestId = "req_9";

const options: L0Options = {
  stream: () => streamText({ model, prompt }),
// <spec>
monitoring: {
  enabled: true,
  metadata: {
    user_id: userId,
    model: modelName,
    environment: process.env.NODE_ENV,
    request_id: requestId
  }
}
// </spec>
};

const result = await l0(options);
probe("text", await consume(result));
probe("telemetry", result.telemetry ?? null);
