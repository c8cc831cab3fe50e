// A scale-out worker process (forked by run.mjs with an IPC channel): sets up OpenTelemetry as a
// production service would (worker-telemetry.mjs), starts its own local OpenAI-compatible server,
// and on its parent's word plays the warm-up calls, then its share of the fault script, then
// writes the truth of every call to a JSON file.
//
// Protocol (messages on the IPC channel):
//   worker → parent  { type: "ready", instanceId, metricsPort }
//   parent → worker  { type: "warm-up" }   one clean call per model: every series of each call
//                                          identity exists before the run is measured
//   worker → parent  { type: "warm" }      phase gauge at 1, metrics exported
//   parent → worker  { type: "go" }        (once Prometheus has scraped every worker's phase 1)
//   worker → parent  { type: "done", truthFile }   phase gauge at 2, spans and metrics exported
//   parent → worker  { type: "exit" }      (once Prometheus has scraped every worker's phase 2)
import { writeFileSync } from "node:fs";
import OpenAI from "openai";
import { startMockOpenAIServer } from "l0/testing";
import { runCall } from "./run-call.mjs";
import { ANSWERS, WARM_UP, pickScenarios } from "./scenarios.mjs";
import { setUpWorkerTelemetry } from "./worker-telemetry.mjs";

const config = JSON.parse(process.env.SCALEOUT_WORKER ?? "{}");
const { index, mode, otlp, calls, concurrency, seed, models, truthFile, exportIntervalMs } = config;

const inbox = new Map();
const waiting = new Map();
process.on("message", (message) => {
  const resolve = waiting.get(message?.type);
  if (resolve !== undefined) {
    waiting.delete(message.type);
    resolve(message);
  } else {
    inbox.set(message?.type, message);
  }
});
/** Resolves when the parent sends a message of this type. */
function received(type) {
  if (inbox.has(type)) {
    const message = inbox.get(type);
    inbox.delete(type);
    return Promise.resolve(message);
  }
  return new Promise((resolve) => waiting.set(type, resolve));
}
// The parent going away ends the worker (no orphan keeps running).
let finished = false;
process.on("disconnect", () => {
  if (!finished) process.exit(1);
});

const telemetry = await setUpWorkerTelemetry({ mode, otlp, exportIntervalMs, worker: index });
const server = await startMockOpenAIServer({
  chunkDelayMs: 1,
  answer: (request) => ANSWERS[request.body?.scaleout_answer] ?? ANSWERS.clean,
});
const client = new OpenAI({ baseURL: server.baseURL, apiKey: "local-server", maxRetries: 0 });
process.send({ type: "ready", instanceId: telemetry.instanceId, metricsPort: telemetry.metricsPort });

const truth = [];
await received("warm-up");
for (const model of models) truth.push(await runCall({ client, model, scenario: WARM_UP, phase: "warm-up" }));
telemetry.setPhase(1);
await telemetry.flush();
process.send({ type: "warm" });

await received("go");
const plan = pickScenarios(calls, seed);
let next = 0;
async function lane() {
  while (next < plan.length) {
    const i = next++;
    truth.push(await runCall({ client, model: models[i % models.length], scenario: plan[i], phase: "run" }));
  }
}
await Promise.all(Array.from({ length: concurrency }, lane));
telemetry.setPhase(2);
await telemetry.flush();
writeFileSync(truthFile, JSON.stringify({ worker: index, instanceId: telemetry.instanceId, calls: truth }));
process.send({ type: "done", truthFile });

await received("exit");
await telemetry.shutdown();
await server.close();
finished = true;
process.disconnect();
