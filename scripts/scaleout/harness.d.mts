/** One compared number: totals (`what`) or dashboard / README queries (`key`). */
export interface ComparedRow {
  what?: string;
  key?: string;
  labels: string;
  truth: number | string;
  prometheus: number | string;
  ok: boolean;
  note?: string;
}

/** What Jaeger's query API showed of the run's traces. */
export interface TraceSummary {
  calls: number;
  /** Operation spans that are the call's GenAI inference span (kind, name, identity, billed usage; attempts without gen_ai.*). */
  inferenceSpans: number;
  spans: number;
  attempts: number;
  http: number;
  outside: number;
  maxOutsideUs: number;
  httpOutside: number;
  maxHttpOutsideUs: number;
  /** HTTP client spans past their attempt span, by scenario and response status. */
  httpByScenario: Record<string, number>;
  failures: string[];
}

/** The result of a scale-out run. */
export interface ScaleoutReport {
  processes: number;
  calls: number;
  window: { startMs: number; endMs: number; rangeMs: number; widenMs: number };
  consumerLagMs: { median: number; p99: number; max: number };
  problems: string[];
  totals: ComparedRow[];
  panels: ComparedRow[];
  readme: ComparedRow[];
  traces: TraceSummary | undefined;
  ok: boolean;
}

/** `service.name` of every worker. */
export const SERVICE: string;

/** Runs the scale-out harness (see harness.mjs). */
export function runScaleout(options: {
  mode: "otlp" | "prometheus";
  processes: number;
  calls: number;
  concurrency?: number;
  otlp?: string;
  collectorMetrics?: string;
  jaegerQuery?: string;
  dashboard: string;
  readme?: string;
  scrapeInterval?: string;
  log?: (line: string) => void;
  keepTruth?: true;
}): Promise<ScaleoutReport>;

/** Stops the workers and Prometheus of every running harness (for signal handlers). */
export function stopAll(): Promise<void>;
