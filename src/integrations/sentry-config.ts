/**
 * Validation and defaults of {@link SentryConfig}.
 */
import { invalidOption } from "../errors/l0-error.js";
import { isGuardrailSeverity } from "../guardrails/guardrail-severity.js";
import { recordingTracerProvider } from "../telemetry/pipeline.js";
import { GUARDRAIL_SEVERITIES, type GuardrailSeverity } from "../types/guardrails.js";
import type { SentryConfig, SentryHubCalls, SentryPrimitive } from "./sentry-types.js";

/** {@link SentryConfig} with every default applied. */
export interface ResolvedSentryConfig {
  hub: SentryHubCalls;
  captureNetworkErrors: boolean;
  captureGuardrailViolations: boolean;
  minGuardrailSeverity: GuardrailSeverity;
  breadcrumbsForTokens: boolean;
  enableTracing: boolean;
  captureContent: boolean;
  tags: Readonly<Record<string, SentryPrimitive>>;
}

const HUB_METHODS = [
  "getCurrentScope",
  "getIsolationScope",
  "withScope",
  "withIsolationScope",
  "addBreadcrumb",
  "captureException",
  "captureMessage",
  "startInactiveSpan",
  "withActiveSpan",
  "getActiveSpan",
] as const;

/** Rank of a guardrail severity (higher is worse). */
export function severityRank(severity: GuardrailSeverity): number {
  return GUARDRAIL_SEVERITIES.indexOf(severity);
}

function boolOption(config: SentryConfig, field: keyof SentryConfig, fallback: boolean): boolean {
  const value = config[field];
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") throw invalidOption(field, value, "a boolean");
  return value;
}

/** Validates `config` and applies the defaults. Throws `INVALID_OPTIONS` naming the bad field. */
export function resolveSentryConfig(config: SentryConfig): ResolvedSentryConfig {
  if (typeof config !== "object" || config === null) {
    throw invalidOption("config", config, "an object with a `hub`");
  }
  const hub = config.hub as unknown;
  if (typeof hub !== "object" || hub === null) {
    throw invalidOption("hub", hub, 'the Sentry namespace (import * as Sentry from "@sentry/node")');
  }
  const missing = HUB_METHODS.filter((name) => typeof (hub as Record<string, unknown>)[name] !== "function");
  if (missing.length > 0) {
    throw invalidOption("hub", `object without ${missing.join(", ")}`, `the Sentry namespace with ${HUB_METHODS.join(", ")}`);
  }
  const minGuardrailSeverity = config.minGuardrailSeverity ?? "error";
  if (!isGuardrailSeverity(minGuardrailSeverity)) {
    throw invalidOption("minGuardrailSeverity", minGuardrailSeverity, '"warning", "error" or "fatal"');
  }
  const tags = config.tags ?? {};
  if (typeof tags !== "object" || tags === null || Array.isArray(tags)) {
    throw invalidOption("tags", tags, "an object of string, number or boolean values");
  }
  for (const [key, value] of Object.entries(tags)) {
    if (!["string", "number", "boolean"].includes(typeof value)) {
      throw invalidOption(`tags.${key}`, value, "a string, number or boolean");
    }
  }
  return {
    // Sound: l0 only passes back scopes and spans this hub returned (see SentryHub).
    hub: config.hub,
    captureNetworkErrors: boolOption(config, "captureNetworkErrors", true),
    captureGuardrailViolations: boolOption(config, "captureGuardrailViolations", true),
    minGuardrailSeverity,
    breadcrumbsForTokens: boolOption(config, "breadcrumbsForTokens", false),
    enableTracing: boolOption(config, "enableTracing", true),
    captureContent: boolOption(config, "captureContent", false),
    tags: { ...tags },
  };
}

/**
 * True when l0's OTel spans are Sentry spans: this Sentry client's tracer provider is the one l0
 * records into, i.e. Sentry registered it as the global OpenTelemetry provider (`@sentry/node` 10
 * by default, 11 with `enableOpenTelemetrySetup: true`) and no `registerL0Instrumentation` pipeline
 * takes precedence.
 */
export function sentryIsOtelBackend(hub: SentryHubCalls): boolean {
  try {
    const client = hub.getClient?.() as { traceProvider?: unknown } | undefined;
    const provider = client?.traceProvider;
    if (provider === undefined || provider === null) return false;
    return recordingTracerProvider() === provider;
  } catch {
    return false;
  }
}
