/**
 * `TelemetryExporter`: JSON, CSV, structured-log and time-series views of ONE `L0Telemetry`.
 */
import { invalidOption } from "../errors/l0-error.js";
import type { L0Telemetry } from "../types/telemetry.js";
import { csvRecord } from "./csv-field.js";

/** One time-series point of {@link TelemetryExporter.toMetrics}. */
export interface TelemetryMetric {
  /** e.g. `l0.duration`. */
  name: string;
  value: number;
  /** Epoch ms: the call's `endTime`, or `startTime` while it runs. */
  timestamp: number;
  /** The telemetry's primitive metadata values as strings. */
  tags: Record<string, string>;
}

/** The snake_case record of {@link TelemetryExporter.toLogFormat}; missing values are `null`. */
export interface TelemetryLogEntry {
  session_id: string;
  /** Epoch ms of the call's start. */
  timestamp: number;
  duration_ms: number | null;
  metrics: {
    tokens: number;
    tokens_per_second: number | null;
    time_to_first_token_ms: number | null;
    avg_inter_token_time_ms: number | null;
    total_retries: number;
    network_retries: number;
    model_retries: number;
    token_source: string | null;
    discarded_tokens: number | null;
    billed_input_tokens: number | null;
    billed_output_tokens: number | null;
    chunks: number | null;
    generation_time_ms: number | null;
  };
  network: { error_count: number; errors_by_type: Record<string, number> };
  guardrails: {
    violation_count: number;
    violations_by_rule: Record<string, number>;
    violations_by_severity: { warning: number; error: number; fatal: number };
  } | null;
  drift: { detected: boolean; types: string[] } | null;
  metadata: Record<string, unknown>;
}

/** The columns of {@link TelemetryExporter.toCSV}, in order. Stable: new columns are only appended. */
export const TELEMETRY_CSV_COLUMNS = Object.freeze([
  "session_id",
  "start_time",
  "end_time",
  "duration_ms",
  "tokens",
  "tokens_per_second",
  "ttft_ms",
  "avg_inter_token_ms",
  "total_retries",
  "network_retries",
  "model_retries",
  "network_errors",
  "violations",
  "drift_detected",
  "token_source",
  "discarded_tokens",
  "billed_input_tokens",
  "billed_output_tokens",
  "chunks",
  "generation_time_ms",
] as const);

/**
 * Static exporters of one telemetry object. Each throws `INVALID_OPTIONS` (field `telemetry`) when
 * given something that is not an `L0Telemetry` (e.g. `result.telemetry` of an unmonitored call).
 */
export class TelemetryExporter {
  private constructor() {}

  /** Pretty-printed JSON (2-space indent) of the telemetry, as-is. */
  static toJSON(telemetry: L0Telemetry): string {
    return JSON.stringify(check(telemetry), null, 2);
  }

  /**
   * A header line and one data row, joined by `"\n"` (no trailing newline), fields quoted per
   * RFC 4180. Columns: {@link TELEMETRY_CSV_COLUMNS}; times are ISO 8601, durations ms, absent
   * values empty. To append many calls to one file, write {@link TelemetryExporter.csvHeader} once
   * and {@link TelemetryExporter.toCSVRow} per call.
   */
  static toCSV(telemetry: L0Telemetry): string {
    return `${TelemetryExporter.csvHeader()}\n${TelemetryExporter.toCSVRow(telemetry)}`;
  }

  /** The CSV header line of {@link TelemetryExporter.toCSV} (no newline). */
  static csvHeader(): string {
    return TELEMETRY_CSV_COLUMNS.join(",");
  }

  /** One CSV data row (no newline) in {@link TELEMETRY_CSV_COLUMNS} order. */
  static toCSVRow(telemetry: L0Telemetry): string {
    const t = check(telemetry);
    const m = t.metrics;
    return csvRecord([
      t.sessionId,
      isoTime(t.startTime),
      isoTime(t.endTime),
      t.duration,
      m.totalTokens,
      m.tokensPerSecond,
      m.timeToFirstToken,
      m.avgInterTokenTime,
      m.totalRetries,
      m.networkRetries,
      m.modelRetries,
      t.network?.errorCount ?? 0,
      t.guardrails?.violationCount ?? 0,
      t.drift === undefined ? undefined : t.drift.detected,
      m.tokenSource,
      m.discardedTokens,
      m.billedInputTokens,
      m.billedOutputTokens,
      m.totalChunks,
      m.generationTime,
    ]);
  }

  /** A structured-log record with snake_case fields; objects are copies, not aliases of the telemetry. */
  static toLogFormat(telemetry: L0Telemetry): TelemetryLogEntry {
    const t = check(telemetry);
    const m = t.metrics;
    const g = t.guardrails;
    return {
      session_id: t.sessionId,
      timestamp: t.startTime,
      duration_ms: t.duration ?? null,
      metrics: {
        tokens: m.totalTokens,
        tokens_per_second: m.tokensPerSecond ?? null,
        time_to_first_token_ms: m.timeToFirstToken ?? null,
        avg_inter_token_time_ms: m.avgInterTokenTime ?? null,
        total_retries: m.totalRetries,
        network_retries: m.networkRetries,
        model_retries: m.modelRetries,
        token_source: m.tokenSource ?? null,
        discarded_tokens: m.discardedTokens ?? null,
        billed_input_tokens: m.billedInputTokens ?? null,
        billed_output_tokens: m.billedOutputTokens ?? null,
        chunks: m.totalChunks ?? null,
        generation_time_ms: m.generationTime ?? null,
      },
      network: { error_count: t.network?.errorCount ?? 0, errors_by_type: { ...t.network?.errorsByType } },
      guardrails: g
        ? {
            violation_count: g.violationCount,
            violations_by_rule: { ...g.violationsByRule },
            violations_by_severity: { ...g.violationsBySeverity },
          }
        : null,
      drift: t.drift ? { detected: t.drift.detected, types: [...t.drift.types] } : null,
      metadata: { ...t.metadata },
    };
  }

  /**
   * Time-series points, every one tagged with the telemetry's metadata: only `string`, `number`
   * and `boolean` values become tags (as strings); nested objects, arrays, `null` and functions are
   * left out (flatten them into primitive keys to tag by them). Units: `l0.duration`,
   * `l0.time_to_first_token` and `l0.generation_time` in ms, `l0.tokens.per_second` in tokens/s, the
   * rest are counts. Points whose value is unknown (e.g. billed tokens without provider usage) are omitted.
   */
  static toMetrics(telemetry: L0Telemetry): TelemetryMetric[] {
    const t = check(telemetry);
    const m = t.metrics;
    const timestamp = t.endTime ?? t.startTime;
    const tags = primitiveTags(t.metadata);
    const points: Array<[string, number | undefined]> = [
      ["l0.duration", t.duration],
      ["l0.tokens.total", m.totalTokens],
      ["l0.tokens.discarded", m.discardedTokens],
      ["l0.tokens.billed.input", m.billedInputTokens],
      ["l0.tokens.billed.output", m.billedOutputTokens],
      ["l0.chunks.total", m.totalChunks],
      ["l0.generation_time", m.generationTime],
      ["l0.tokens.per_second", m.tokensPerSecond],
      ["l0.time_to_first_token", m.timeToFirstToken],
      ["l0.retries.total", m.totalRetries],
      ["l0.retries.network", m.networkRetries],
      ["l0.retries.model", m.modelRetries],
      ["l0.network.errors", t.network?.errorCount ?? 0],
      ["l0.guardrails.violations", t.guardrails?.violationCount ?? 0],
    ];
    const out: TelemetryMetric[] = [];
    for (const [name, value] of points) {
      if (typeof value === "number" && Number.isFinite(value)) out.push({ name, value, timestamp, tags: { ...tags } });
    }
    return out;
  }
}

function check(telemetry: unknown): L0Telemetry {
  const t = telemetry as L0Telemetry | null | undefined;
  if (typeof t !== "object" || t === null || typeof t.metrics !== "object" || t.metrics === null) {
    throw invalidOption("telemetry", telemetry, "an L0Telemetry object (result.telemetry of a monitored call)");
  }
  return t;
}

function isoTime(ms: number | undefined): string | undefined {
  return typeof ms === "number" && Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

function primitiveTags(metadata: Record<string, unknown> | undefined): Record<string, string> {
  const tags: Record<string, string> = {};
  if (typeof metadata !== "object" || metadata === null) return tags;
  for (const [key, value] of Object.entries(metadata)) {
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") tags[key] = String(value);
  }
  return tags;
}
