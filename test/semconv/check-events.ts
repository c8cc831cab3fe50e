/**
 * Event checks: every `gen_ai.*` event l0 emits (log record through the Logs API, or span event)
 * must be an event of the model, with its attribute set, types and required attributes; every
 * guardrail violation must produce a `gen_ai.guardrail.result` log record and span event with the
 * values issue 15 fixes; `l0.*` event names and attributes must be documented.
 */
import type { AttributeValue } from "@opentelemetry/api";
import { checkAttribute, checkL0Name, isConventionKey, type Carrier } from "./check-attributes.js";
import type { Findings } from "./findings.js";
import { EXPECTED_SCHEMA_URL, GUARDRAIL_COMPONENT, GUARDRAIL_EVENT, GUARDRAIL_SOURCE } from "./l0-expectations.js";
import type { SemconvModel } from "./semconv-model.js";
import type { Captured } from "./telemetry-capture.js";

type EventAttributes = Readonly<Record<string, unknown>>;

/** Checks the name and attributes of one `gen_ai.*` event. */
export function checkEventAttributes(
  model: SemconvModel,
  findings: Findings,
  carrier: Carrier,
  name: string,
  attributes: EventAttributes,
  where: string,
): void {
  const def = model.events.get(name);
  if (def === undefined) {
    findings.add(`event.unknown ${name}`, `"${name}" is not an event of the targeted conventions`, where);
    return;
  }
  for (const [key, value] of Object.entries(attributes)) {
    if (isConventionKey(key)) checkAttribute(model, findings, carrier, def, key, value, where);
    else if (key.startsWith("l0.")) checkL0Name(findings, "attribute", key, where);
  }
  for (const use of def.attributes.values()) {
    if (use.level === "required" && attributes[use.key] === undefined) {
      findings.add(`event.required-missing ${name} ${use.key}`, `Required "${use.key}" is missing on event "${name}"`, where);
    }
  }
  if (attributes["gen_ai.guardrail.result.type"] !== undefined && attributes["gen_ai.guardrail.result.value"] === undefined) {
    findings.add(
      `event.conditional-missing ${name} gen_ai.guardrail.result.value`,
      `"gen_ai.guardrail.result.value" is required when "gen_ai.guardrail.result.type" is set`,
      where,
    );
  }
}

/** Runs every event check on one capture. */
export function checkEvents(model: SemconvModel, captured: Captured, findings: Findings): void {
  const guardrailLogs: EventAttributes[] = [];
  for (const record of captured.logs) {
    if (record.instrumentationScope.name !== "l0") continue;
    const name = record.eventName ?? "";
    const where = `${captured.fixture} > log record "${name}"`;
    if (record.instrumentationScope.schemaUrl !== EXPECTED_SCHEMA_URL) {
      findings.add(
        "scope.schema-url logger",
        `l0's logger must carry the schema URL ${EXPECTED_SCHEMA_URL}`,
        `${where}: ${String(record.instrumentationScope.schemaUrl)}`,
      );
    }
    if (name.startsWith("gen_ai.")) checkEventAttributes(model, findings, "log record", name, record.attributes, where);
    else if (name.startsWith("l0.")) {
      checkL0Name(findings, "event", name, where);
      for (const key of Object.keys(record.attributes)) if (key.startsWith("l0.")) checkL0Name(findings, "attribute", key, where);
    } else findings.add("event.unnamed", "l0's log records must be events (an `event.name` in the gen_ai.* or l0.* namespace)", where);
    if (name === GUARDRAIL_EVENT) guardrailLogs.push(record.attributes);
  }
  const guardrailSpanEvents: EventAttributes[] = captured.spans
    .filter((span) => span.instrumentationScope.name === "l0")
    .flatMap((span) => span.events.filter((event) => event.name === GUARDRAIL_EVENT).map((event) => event.attributes ?? {}));
  checkGuardrailEvents(captured, "log record", guardrailLogs, findings);
  checkGuardrailEvents(captured, "span event", guardrailSpanEvents, findings);
}

/** One `gen_ai.guardrail.result` per violation, with component `l0`, the rule id and source `output`. */
function checkGuardrailEvents(captured: Captured, carrier: Carrier, events: EventAttributes[], findings: Findings): void {
  const violations = captured.facts.violations;
  const where = `${captured.fixture} (${violations.length} violation(s): ${violations.join(", ") || "none"})`;
  if (events.length !== violations.length) {
    findings.add(
      `event.expected ${GUARDRAIL_EVENT} ${carrier}`,
      `each guardrail violation is one "${GUARDRAIL_EVENT}" ${carrier} (issue 15)`,
      `${where}: ${events.length} emitted`,
    );
    return;
  }
  const rules = events.map((attributes) => attributes["gen_ai.guardrail.policy.rule.id"] as AttributeValue | undefined);
  for (const attributes of events) {
    const wrong: string[] = [];
    if (attributes["gen_ai.guardrail.component.name"] !== GUARDRAIL_COMPONENT)
      wrong.push(`component.name must be "${GUARDRAIL_COMPONENT}"`);
    if (attributes["gen_ai.guardrail.source"] !== GUARDRAIL_SOURCE) wrong.push(`source must be "${GUARDRAIL_SOURCE}"`);
    if (attributes["gen_ai.guardrail.result.type"] === undefined || attributes["gen_ai.guardrail.result.value"] === undefined)
      wrong.push("result.type and result.value must be set");
    if (wrong.length > 0)
      findings.add(`event.values ${GUARDRAIL_EVENT} ${carrier}`, `guardrail events: ${wrong.join("; ")} (issue 15)`, where);
  }
  if ([...rules].sort().join() !== [...violations].sort().join()) {
    findings.add(
      `event.values ${GUARDRAIL_EVENT} rule ${carrier}`,
      `gen_ai.guardrail.policy.rule.id must name the violated rules`,
      `${where}: ${JSON.stringify(rules)}`,
    );
  }
}
