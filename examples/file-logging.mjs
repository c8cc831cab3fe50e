// File logging: append one JSON line per call to a log file.
//   node examples/file-logging.mjs [file]      (default: l0.log in a new temp folder)
import fs from "node:fs";
import path from "node:path";
import { l0 } from "l0";
import { mockModel } from "./lib/mock-model.mjs";
import { outputFolder } from "./lib/stand-ins.mjs";

const file = process.argv[2] ?? path.join(outputFolder(undefined), "l0.log");

for (const user of ["alice", "bob"]) {
  const result = await l0({
    stream: mockModel(),
    monitoring: { enabled: true, metadata: { user_id: user } },
  });

  for await (const event of result.stream) {
    // Stream handling...
  }

  const logEntry = {
    timestamp: new Date().toISOString(),
    telemetry: result.telemetry,
  };
  fs.appendFileSync(file, JSON.stringify(logEntry) + "\n");
  console.log(`logged ${result.telemetry.sessionId} (${result.telemetry.metrics.totalTokens} tokens) to ${file}`);
}
