/**
 * Shared base of the JSON and CSV metric readers: collection on demand or on an interval, output to
 * a string, a writable stream or an appended file.
 */
import { appendFile, stat } from "node:fs/promises";
import { diag } from "@opentelemetry/api";
import type { MetricReader } from "@opentelemetry/sdk-metrics";
import { invalidOption } from "../errors/l0-error.js";
import { DeferredMetricReader } from "./deferred-metric-reader.js";
import { toMetricsDocument } from "./metric-records.js";
import type { MetricsDocument } from "./metric-records.js";
import { positiveInteger } from "./prometheus-names.js";

type ShutdownOptions = Parameters<MetricReader["shutdown"]>[0];

/** A writable stream (e.g. `process.stdout`, `fs.createWriteStream(...)`); only `write` is used. */
export interface MetricTextStream {
  write(chunk: string, callback: (error?: Error | null) => void): unknown;
}

/** Where each collection is written: a stream, or `{ path }` of a file to append to. */
export type MetricTextDestination = MetricTextStream | { path: string };

/** Options shared by {@link JsonMetricReader} and {@link CsvMetricReader}. */
export interface TextMetricReaderOptions {
  /** Where each collection is also written. Omit to keep output in memory only (`toString()`). */
  destination?: MetricTextDestination;
  /** Collect and write every this many ms (timer is `unref`ed). Omit to collect on demand only. */
  exportIntervalMillis?: number;
  /**
   * The OTel SDK's cardinality limit per metric stream and collection (attribute sets beyond it go
   * to `otel.metric.overflow`). @default the SDK's (2000)
   */
  cardinalityLimit?: number;
}

/**
 * A pull metric reader (an `IMetricReader` backed by the SDK's `MetricReader`, loaded on
 * construction) rendering each collection as text. The constructor validates and throws
 * `INVALID_OPTIONS`; after that nothing throws into user code (collection and write errors go to
 * `diag`). `shutdown()` writes a last collection and is idempotent.
 */
export abstract class TextMetricReader extends DeferredMetricReader {
  private readonly destination: MetricTextDestination | undefined;
  private readonly intervalMs: number | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private writes: Promise<void> = Promise.resolve();
  private headerWritten = false;
  private output = "";
  private shuttingDown: Promise<void> | undefined;

  /** @param options validated here */
  protected constructor(options: TextMetricReaderOptions | undefined) {
    const opts = options ?? {};
    if (typeof opts !== "object" || opts === null) throw invalidOption("options", opts, "an options object");
    const limit = opts.cardinalityLimit === undefined ? undefined : positiveInteger(opts.cardinalityLimit, "cardinalityLimit", 1);
    super(limit === undefined ? {} : { cardinalitySelector: () => limit });
    this.destination = checkDestination(opts.destination);
    this.intervalMs =
      opts.exportIntervalMillis === undefined ? undefined : positiveInteger(opts.exportIntervalMillis, "exportIntervalMillis", 1);
  }

  /** Header line written once before the first body (CSV), or undefined. */
  protected abstract header(): string | undefined;

  /** Text of one collection, without trailing newline; `""` when there is nothing to write. */
  protected abstract body(doc: MetricsDocument): string;

  /** The output of the last successful collection (`""` before the first). */
  override toString(): string {
    return this.output;
  }

  /**
   * Collects now, remembers the text for `toString()`, writes it to the destination and returns it;
   * resolves `undefined` (after logging to `diag`) when collection fails, e.g. before the reader is
   * added to a `MeterProvider` or after shutdown.
   */
  protected async collectText(): Promise<string | undefined> {
    try {
      const collectedAt = Date.now();
      const { resourceMetrics, errors } = await this.collect();
      for (const error of errors) diag.error("l0: metric collection error", error);
      const body = this.body(toMetricsDocument(resourceMetrics, collectedAt));
      const header = this.header();
      this.output = header === undefined ? body : body === "" ? header : `${header}\n${body}`;
      if (this.destination !== undefined && body !== "") this.enqueueWrite(this.destination, header, body);
      return this.output;
    } catch (error) {
      diag.error("l0: metric reader collection failed", error);
      return undefined;
    }
  }

  /** Starts the export interval once the reader is bound to a `MeterProvider`. */
  protected override onInitialized(): void {
    if (this.intervalMs === undefined) return;
    this.timer = setInterval(() => void this.collectText(), this.intervalMs);
    this.timer.unref?.();
  }

  /** Collects, writes and waits for pending writes. */
  protected override async onForceFlush(): Promise<void> {
    await this.collectText();
    await this.writes;
  }

  /** Stops the interval, writes a last collection and waits for pending writes. */
  protected override async onShutdown(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    await this.collectText();
    await this.writes;
  }

  /** Idempotent: later calls return the first call's promise. Never rejects. */
  override shutdown(options?: ShutdownOptions): Promise<void> {
    this.shuttingDown ??= super.shutdown(options).catch((error: unknown) => diag.error("l0: metric reader shutdown failed", error));
    return this.shuttingDown;
  }

  private enqueueWrite(destination: MetricTextDestination, header: string | undefined, body: string): void {
    this.writes = this.writes.then(async () => {
      try {
        if ("path" in destination) {
          const needsHeader = header !== undefined && (await isEmptyFile(destination.path));
          await appendFile(destination.path, `${needsHeader ? `${header}\n` : ""}${body}\n`, "utf8");
        } else {
          const needsHeader = header !== undefined && !this.headerWritten;
          this.headerWritten = true;
          await writeTo(destination, `${needsHeader ? `${header}\n` : ""}${body}\n`);
        }
      } catch (error) {
        diag.error("l0: metric reader could not write its output", error);
      }
    });
  }
}

function checkDestination(destination: unknown): MetricTextDestination | undefined {
  if (destination === undefined) return undefined;
  if (typeof destination === "object" && destination !== null) {
    const d = destination as { path?: unknown; write?: unknown };
    if (typeof d.write === "function") return destination as MetricTextStream;
    if (typeof d.path === "string" && d.path !== "") return { path: d.path };
  }
  throw invalidOption("destination", destination, "a writable stream or { path: string }");
}

async function isEmptyFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).size === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return true;
    throw error;
  }
}

function writeTo(stream: MetricTextStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => (error ? reject(error) : resolve()));
  });
}
