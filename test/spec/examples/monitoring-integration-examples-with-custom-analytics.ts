// @ts-nocheck -- skipped by the project's strict tsc: test/spec/spec-examples.test.ts type-checks it as a typical app would
// MONITORING.md line 468: Integration Examples / With Custom Analytics
import { l0 } from "l0";
import { streamText } from "ai";
import { interceptFetch, model, prompt } from "../prelude.js";
import type { L0Result } from "l0";

interceptFetch("analytics.example.com");

// <spec>
class L0Analytics {
  private events: any[] = [];

  async track(result: L0Result) {
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
    // Send to your analytics backend
    await fetch("https://analytics.example.com/events", {
      method: "POST",
      body: JSON.stringify(this.events),
    });
    this.events = [];
  }
}

const analytics = new L0Analytics();

const result = await l0({
  stream: () => streamText({ model, prompt }),
  monitoring: { enabled: true },
});

for await (const event of result.stream) {
  // Stream handling...
}

await analytics.track(result);
await analytics.flush();
// </spec>
