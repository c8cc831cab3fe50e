/**
 * `L0Instrumentation`: l0 as an OpenTelemetry instrumentation, for
 * `new NodeSDK({ instrumentations: [new L0Instrumentation()] })` and
 * `registerInstrumentations({ instrumentations: [...] })`.
 *
 * It has the shape of `@opentelemetry/instrumentation`'s `Instrumentation` interface without
 * importing that package (l0 patches no module: its calls record through their own recorder), so
 * apps without it, at run time or in their types, are not affected; a type test checks the class
 * against the real interface. The providers the SDK hands over are resolved at each call, like
 * those of `registerL0Instrumentation()`, which shares this implementation.
 */
import type { MeterProvider, TracerProvider } from "@opentelemetry/api";
import type { LoggerProvider } from "@opentelemetry/api-logs";
import { invalidOption, L0Error } from "../errors/l0-error.js";
import { assertKnownKeys } from "../options/known-keys.js";
import { DEFAULT_CARDINALITY_LIMIT } from "./instruments.js";
import { PipelineRegistration } from "./pipeline-registration.js";
import { L0_INSTRUMENTATION_SCOPE, L0_INSTRUMENTATION_VERSION } from "./semconv-names.js";
import { sharedState, type ActiveRegistration } from "./shared-state.js";

/** Configuration of {@link L0Instrumentation} (the `InstrumentationConfig` of OTel, plus l0's). */
export interface L0InstrumentationConfig {
  /** Enable at construction, as OTel instrumentations do. @default true */
  enabled?: boolean;
  /**
   * Max exported series per l0 metric name, histogram buckets included (see
   * `registerL0Instrumentation`'s `cardinalityLimit`). @default 160
   */
  cardinalityLimit?: number;
}

const KNOWN_CONFIG = ["enabled", "cardinalityLimit"] as const;

function checkConfig(config: L0InstrumentationConfig): L0InstrumentationConfig {
  if (typeof config !== "object" || config === null || Array.isArray(config))
    throw invalidOption("L0Instrumentation", config, "a config object");
  assertKnownKeys(config, KNOWN_CONFIG, "");
  if (config.enabled !== undefined && typeof config.enabled !== "boolean") throw invalidOption("enabled", config.enabled, "a boolean");
  const limit = config.cardinalityLimit;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 2)) throw invalidOption("cardinalityLimit", limit, "an integer >= 2");
  return { ...config };
}

/**
 * l0 as an OTel `Instrumentation`. While enabled, monitored `l0()` calls record spans and
 * metrics into the providers the SDK set (`setTracerProvider` / `setMeterProvider`, resolved at
 * each call, so a provider handed over before `sdk.start()` works once the SDK starts); without
 * them, into the global SDK, else l0's embedded pipeline. Log records (OTel events) go to the
 * `setLoggerProvider` provider, else the global one. Only one registration is active per process:
 * enabling while `registerL0Instrumentation()` or another `L0Instrumentation` is active throws
 * `INVALID_OPTIONS`. After `disable()`, calls record as with no registration at all.
 */
export class L0Instrumentation {
  /** Instrumentation name: l0's scope name. */
  readonly instrumentationName: string = L0_INSTRUMENTATION_SCOPE;
  /** Instrumentation version: l0's version. */
  readonly instrumentationVersion: string = L0_INSTRUMENTATION_VERSION;
  private config: L0InstrumentationConfig;
  private readonly registration: PipelineRegistration;
  private entry: ActiveRegistration | undefined;

  /** @param config see {@link L0InstrumentationConfig}; invalid or unknown keys throw `INVALID_OPTIONS` */
  constructor(config: L0InstrumentationConfig = {}) {
    this.config = checkConfig(config);
    this.registration = new PipelineRegistration({
      useGlobal: true,
      cardinalityLimit: this.config.cardinalityLimit ?? DEFAULT_CARDINALITY_LIMIT,
    });
    if (this.config.enabled !== false) this.enable();
  }

  /** Makes l0 record through this instrumentation's providers. Idempotent. */
  enable(): void {
    if (this.entry !== undefined) return;
    const state = sharedState();
    if (state.active !== undefined) {
      const by =
        state.active.kind === "L0Instrumentation"
          ? "another enabled L0Instrumentation"
          : "registerL0Instrumentation() (shut its handle down first)";
      throw new L0Error("INVALID_OPTIONS", `L0Instrumentation cannot be enabled: l0 is already registered by ${by}`, {
        details: { field: "L0Instrumentation" },
      });
    }
    this.entry = {
      kind: "L0Instrumentation",
      owner: this,
      options: {},
      pipelineForCall: () => this.registration.pipelineForCall(),
    };
    state.active = this.entry;
  }

  /** Stops recording through this instrumentation's providers. Idempotent. */
  disable(): void {
    const state = sharedState();
    if (this.entry !== undefined && state.active === this.entry) state.active = undefined;
    this.entry = undefined;
  }

  /** The tracer provider to record spans into (the API's global proxy is read through at each call). */
  setTracerProvider(tracerProvider: TracerProvider): void {
    this.registration.tracerProvider = tracerProvider;
  }

  /** The meter provider to record metrics into (a no-op one counts as none). */
  setMeterProvider(meterProvider: MeterProvider): void {
    this.registration.meterProvider = meterProvider;
  }

  /** The logger provider for l0's log records. */
  setLoggerProvider(loggerProvider: LoggerProvider): void {
    this.registration.loggerProvider = loggerProvider;
  }

  /** Replaces the configuration (does not enable or disable; validated like the constructor's). */
  setConfig(config: L0InstrumentationConfig = {}): void {
    this.config = checkConfig(config);
    this.registration.setCardinalityLimit(this.config.cardinalityLimit ?? DEFAULT_CARDINALITY_LIMIT);
  }

  /** The configuration, with `enabled` defaulting to true as in OTel instrumentations. */
  getConfig(): L0InstrumentationConfig {
    return { enabled: true, ...this.config };
  }

  /** Flushes the embedded providers l0 built for this instrumentation, if any. */
  forceFlush(): Promise<void> {
    return this.registration.forceFlush();
  }

  /** Disables and shuts down the embedded providers l0 built for it (never the SDK's). */
  async shutdown(): Promise<void> {
    this.disable();
    await this.registration.shutdown();
  }
}
