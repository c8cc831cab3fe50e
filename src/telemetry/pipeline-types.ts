/**
 * The shape of a pipeline: where one call records (see `pipeline.ts` for how it is chosen).
 */
import type { MeterProvider, TracerProvider } from "@opentelemetry/api";
import type { LoggerProvider } from "@opentelemetry/api-logs";

/** Where one call records. */
export interface L0Pipeline {
  readonly tracerProvider: TracerProvider;
  readonly meterProvider: MeterProvider;
  /** Provider of l0's log records (OTel events); the global one of `@opentelemetry/api-logs` when absent. */
  readonly loggerProvider?: LoggerProvider | undefined;
  readonly cardinalityLimit: number;
}
