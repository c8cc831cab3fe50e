// Custom analytics: collect per-call events and POST them in one batch to your backend.
//   node examples/custom-analytics.mjs                                  (a local stand-in backend)
//   ANALYTICS_URL=https://analytics.example.com/events node examples/custom-analytics.mjs
import { createRecommendedGuardrails, l0 } from "l0";
import { faults, mockModel } from "./lib/mock-model.mjs";
import { startHttpReceiver } from "./lib/stand-ins.mjs";

class L0Analytics {
  events = [];

  constructor(url) {
    this.url = url;
  }

  async track(result) {
    const telemetry = result.telemetry;
    this.events.push({
      event: "l0_execution",
      session_id: telemetry.sessionId,
      duration: telemetry.duration,
      tokens: telemetry.metrics.totalTokens,
      tokens_per_second: telemetry.metrics.tokensPerSecond,
      retries: telemetry.metrics.totalRetries,
      network_errors: telemetry.network.errorCount,
      violations: telemetry.guardrails?.violationCount ?? 0,
      timestamp: new Date().toISOString(),
    });
  }

  async flush() {
    const response = await fetch(this.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(this.events),
    });
    if (!response.ok) throw new Error(`analytics backend answered HTTP ${response.status}`);
    const sent = this.events.length;
    this.events = [];
    return sent;
  }
}

// Without ANALYTICS_URL, a local stand-in backend receives the batch.
const standIn = process.env.ANALYTICS_URL ? undefined : await startHttpReceiver();
const analytics = new L0Analytics(process.env.ANALYTICS_URL ?? `${standIn.url}/events`);

const runs = [
  mockModel(),
  mockModel({ failures: [faults.timeout()] }),
  // A first answer that trips the meta-commentary guardrail, then a clean one.
  mockModel({
    answers: ["As an AI language model, I think the capital of France is Paris.", "The capital of France is Paris."],
  }),
];
for (const [i, stream] of runs.entries()) {
  const result = await l0({
    stream,
    retry: { baseDelay: 20 },
    guardrails: createRecommendedGuardrails(),
    monitoring: { enabled: true, metadata: { run: i } },
  });
  for await (const _event of result.stream) {
    // Stream handling...
  }
  await analytics.track(result);
}

const sent = await analytics.flush();
console.log(`posted ${sent} events to ${analytics.url}`);
if (standIn) {
  const [batch] = standIn.requests;
  console.log(
    `the stand-in backend received ${standIn.requests.length} request (${batch.method} ${batch.path}, ${JSON.parse(batch.body).length} events)`,
  );
  await standIn.close();
}
