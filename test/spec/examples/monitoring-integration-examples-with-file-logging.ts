// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// MONITORING.md line 381: Integration Examples / With File Logging
import { l0 } from "l0";
import { streamText } from "ai";
import { model, probe, prompt } from "../prelude.js";

// <spec>
import fs from "fs";

const result = await l0({
  stream: () => streamText({ model, prompt }),
  monitoring: { enabled: true },
});

for await (const event of result.stream) {
  // Stream handling...
}

// Append to log file
const logEntry = {
  timestamp: new Date().toISOString(),
  telemetry: result.telemetry,
};
fs.appendFileSync("l0.log", JSON.stringify(logEntry) + "\n");
// </spec>

probe("file", fs.readFileSync("l0.log", "utf8"));
