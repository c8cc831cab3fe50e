/**
 * No content without consent. Unique canary strings are planted in completions, in the output a
 * guardrail quotes (strict JSON, placeholder pattern, custom pattern), in provider error bodies
 * that quote the prompt (fatal and retried) and in network error messages; the calls run with every
 * guardrail path, drift, retries, fallbacks and failures, monitored, through the Sentry interceptor.
 * With default options no canary appears in any span attribute, span event, status message,
 * metric (Prometheus text, the JSON and CSV metric readers), `result.telemetry`, any
 * `TelemetryExporter` format, the Prometheus collector or any Sentry envelope. With
 * `captureContent: true` every canary appears somewhere.
 */
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrometheusCollector } from "../../src/export/prometheus-collector.js";
import { CsvMetricReader } from "../../src/export/csv-metric-reader.js";
import { JsonMetricReader } from "../../src/export/json-metric-reader.js";
import { TelemetryExporter } from "../../src/export/telemetry-exporter.js";
import { customPatternRule } from "../../src/guardrails/custom-pattern-rule.js";
import { jsonOnlyGuardrails, recommendedGuardrails } from "../../src/guardrails/guardrail-presets.js";
import { sentryInterceptor } from "../../src/integrations/sentry-interceptor.js";
import { l0 } from "../../src/l0.js";
import { createEmbeddedMeterProvider } from "../../src/telemetry/pipeline.js";
import { registerL0Instrumentation, type L0InstrumentationHandle } from "../../src/telemetry/register-instrumentation.js";
import { mockStreamFactory } from "../../src/testing/index.js";
import type { L0Options } from "../../src/types/options.js";
import { TestMetricReader } from "../telemetry/otel-harness.js";
import { PrometheusSerializer } from "@opentelemetry/exporter-prometheus";
import { envelopes, initSentry, Sentry } from "../integrations/sentry-harness.js";
import { drainError } from "../helpers/drain.js";
import { driftDetector } from "../../src/drift/create-drift-detector.js";

/** A canary: a string no output may contain unless content capture is on. */
const canary = (name: string) => `CANARY${name.toUpperCase()}${Math.random().toString(36).slice(2, 8).toUpperCase()}`;

const C = {
  completion: canary("completion"),
  strictJson: canary("strictjson"),
  placeholder: canary("placeholder"),
  custom: canary("custom"),
  promptInFatalError: canary("promptfatal"),
  promptInRetriedError: canary("promptretried"),
  network: canary("network"),
};

/** Splits text into word tokens. */
const words = (text: string) => text.match(/\S+\s*|\s+/g) ?? [];

interface Scenario {
  name: string;
  options: Omit<L0Options, "monitoring" | "interceptors">;
}

function scenarios(): Scenario[] {
  const fast = { baseDelay: 0, maxDelay: 0 };
  return [
    {
      name: "completion",
      options: { stream: mockStreamFactory([words(`The answer mentions ${C.completion} twice.`)], { format: "openai" }) },
    },
    {
      name: "strict JSON violation on plain text, then valid JSON",
      options: {
        stream: mockStreamFactory([words(`${C.strictJson} is not JSON`), words('{"ok": true}')], { format: "openai" }),
        guardrails: jsonOnlyGuardrails,
        retry: { attempts: 2, ...fast },
      },
    },
    {
      name: "strict JSON violation left when retries run out",
      options: {
        stream: mockStreamFactory([words(`plain ${C.strictJson} text`)], { format: "openai" }),
        guardrails: jsonOnlyGuardrails,
        retry: { attempts: 0, ...fast },
      },
    },
    {
      name: "placeholder violation, then clean output",
      options: {
        stream: mockStreamFactory([words(`Dear [INSERT ${C.placeholder}], hello.`), words("Dear Ada, hello.")], { format: "openai" }),
        guardrails: recommendedGuardrails,
        retry: { attempts: 2, ...fast },
      },
    },
    {
      name: "custom pattern accepted on exhaustion, with drift",
      options: {
        stream: mockStreamFactory([words(`Text with ${C.custom} inside. As an AI language model, I cannot say more.`)], {
          format: "openai",
        }),
        guardrails: [customPatternRule([C.custom], { name: "no-codename", message: "A code name leaked" })],
        detectDrift: driftDetector({ retryOnDrift: false }),
        acceptViolationsOnExhaustion: true,
        retry: { attempts: 0, ...fast },
      },
    },
    {
      name: "provider 400 quoting the prompt (fatal), then a fallback that fails the same way",
      options: {
        stream: () => Promise.reject(Object.assign(new Error(`Invalid request: '${C.promptInFatalError}' is too long`), { status: 400 })),
        fallbackStreams: [() => Promise.reject(Object.assign(new Error(`Invalid request: '${C.promptInFatalError}'`), { status: 400 }))],
      },
    },
    {
      name: "provider 500 quoting the prompt, retried until the budget runs out",
      options: {
        stream: () => Promise.reject(Object.assign(new Error(`Upstream failed on '${C.promptInRetriedError}'`), { status: 500 })),
        retry: { maxRetries: 2, ...fast },
      },
    },
    {
      name: "network drop whose message quotes the output, retried, then success",
      options: {
        stream: mockStreamFactory(
          [["Hello ", Object.assign(new Error(`socket closed after "${C.network}"`), { code: "ECONNRESET" })], words("Hello world.")],
          {
            format: "openai",
          },
        ),
        retry: fast,
      },
    },
  ];
}

interface Outputs {
  text: string;
}

/** Runs every scenario with `captureContent` as given; returns everything that would leave the process. */
async function runAll(captureContent: boolean): Promise<Outputs> {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const reader = new TestMetricReader();
  const json = new JsonMetricReader();
  const csv = new CsvMetricReader();
  const meterProvider = createEmbeddedMeterProvider([reader, json, csv], 2000);
  const handle: L0InstrumentationHandle = registerL0Instrumentation({ tracerProvider, meterProvider });
  const collector = createPrometheusCollector();
  const parts: string[] = [];
  try {
    for (const scenario of scenarios()) {
      const result = await l0({
        ...scenario.options,
        interceptors: [sentryInterceptor({ hub: Sentry })],
        monitoring: { enabled: true, captureContent },
      });
      await drainError(result.stream); // failing scenarios are part of the set
      const telemetry = result.telemetry;
      expect(telemetry, scenario.name).toBeDefined();
      if (telemetry === undefined) continue;
      collector.record(telemetry);
      parts.push(
        JSON.stringify(telemetry),
        TelemetryExporter.toJSON(telemetry),
        TelemetryExporter.toCSV(telemetry),
        JSON.stringify(TelemetryExporter.toLogFormat(telemetry)),
        JSON.stringify(TelemetryExporter.toMetrics(telemetry)),
      );
    }
    await Sentry.flush(2000);
    parts.push(JSON.stringify(envelopes.splice(0)));
    parts.push(collector.expose());
    const { resourceMetrics } = await reader.collect();
    parts.push(new PrometheusSerializer(undefined, false).serialize(resourceMetrics));
    parts.push((await json.collectToJSON()) ?? "", (await csv.collectToCSV()) ?? "");
    parts.push(...exporter.getFinishedSpans().map(spanText));
  } finally {
    await handle.shutdown();
    await collector.shutdown();
    await meterProvider.shutdown();
    await tracerProvider.shutdown();
  }
  return { text: parts.join("\n") };
}

function spanText(span: ReadableSpan): string {
  return JSON.stringify({
    name: span.name,
    attributes: span.attributes,
    status: span.status,
    events: span.events.map((e) => ({ name: e.name, attributes: e.attributes })),
    links: span.links,
  });
}

let plain: Outputs;
let captured: Outputs;
beforeAll(async () => {
  initSentry();
  plain = await runAll(false);
  captured = await runAll(true);
});
afterAll(async () => {
  await Sentry.close(2000);
});

describe("content canaries", () => {
  it("the outputs were really collected (spans, metrics, telemetry, exporters, Sentry)", () => {
    for (const outputs of [plain, captured]) {
      for (const marker of [
        "l0.attempt",
        "l0_requests_total",
        "sessionId",
        "session_id",
        "l0.guardrail_violation",
        "breadcrumbs",
        "exception",
      ]) {
        expect(outputs.text, marker).toContain(marker);
      }
    }
  });

  for (const [name, value] of Object.entries(C)) {
    it(`${name}: absent from every output by default`, () => {
      expect(plain.text.includes(value)).toBe(false);
    });
    it(`${name}: present with captureContent: true`, () => {
      expect(captured.text.includes(value)).toBe(true);
    });
  }
});
