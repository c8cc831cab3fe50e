/**
 * What a stream factory's request is, for telemetry: the provider, model, server, sampling
 * parameters and (recorded only with `monitoring.captureContent`) the input messages and system
 * instructions, in the GenAI conventions' structure. A factory carries its description under the
 * well-known symbol {@link L0_REQUEST}; {@link describeRequest} attaches one, {@link requestOf} reads it.
 * @packageDocumentation
 */
import { diag } from "@opentelemetry/api";
import { L0Error } from "../errors/l0-error.js";
import type { StreamContext } from "../types/options.js";
import type { L0RequestDescription } from "./description-types.js";
import { readDescription } from "./read-description.js";

export type { L0RequestDescription } from "./description-types.js";

/**
 * The key under which a stream factory carries its {@link L0RequestDescription}:
 * `Symbol.for("l0.request")`, the same in every copy of the package.
 */
export const L0_REQUEST: unique symbol = Symbol.for("l0.request");

/** A stream factory that may carry a description of its request under {@link L0_REQUEST}. */
export type DescribedStreamFactory<F = (context: StreamContext) => unknown> = F & {
  readonly [L0_REQUEST]?: L0RequestDescription;
};

/** Descriptions checked and frozen by this copy of the package: read without checking again. */
const checked = new WeakSet<object>();
/** Descriptions attached by something else (another copy of the package, by hand): checked once. */
const foreign = new WeakMap<object, L0RequestDescription | null>();

function freeze(description: L0RequestDescription): L0RequestDescription {
  for (const message of description.inputMessages ?? []) {
    for (const part of message.parts) Object.freeze(part);
    Object.freeze(message.parts);
    Object.freeze(message);
  }
  for (const part of description.systemInstructions ?? []) Object.freeze(part);
  if (description.inputMessages) Object.freeze(description.inputMessages);
  if (description.systemInstructions) Object.freeze(description.systemInstructions);
  if (description.parameters?.stopSequences) Object.freeze(description.parameters.stopSequences);
  if (description.parameters) Object.freeze(description.parameters);
  Object.freeze(description);
  checked.add(description);
  return description;
}

function define(target: object, description: L0RequestDescription): void {
  Object.defineProperty(target, L0_REQUEST, { value: description, configurable: true, enumerable: false, writable: false });
}

/** Defines the symbol property on `factory`, or on a wrapper calling it when `factory` refuses it (frozen). */
function attach<F extends (context: StreamContext) => unknown>(factory: F, description: L0RequestDescription): F {
  try {
    define(factory, description);
    return factory;
  } catch {
    const wrapper = ((context: StreamContext) => factory(context)) as F;
    define(wrapper, description);
    return wrapper;
  }
}

/**
 * Attaches `description` to `factory` and returns the same factory (a wrapper calling it when
 * `factory` is frozen), so l0's telemetry can record
 * the request (provider, model, server, parameters; messages only with `captureContent`). The
 * description is checked and copied: later changes to the object passed do not change it. A second
 * call replaces the description; to change one field of a helper's description, spread it:
 * `describeRequest(factory, { ...requestOf(factory), provider: "groq" })`.
 * @throws L0Error `INVALID_OPTIONS` naming the field (e.g. `parameters.temperature`) when the
 *   description is malformed or `factory` is not a function. Message content is never echoed.
 * @example
 * const stream = describeRequest(({ signal }) => myClient.stream(body, { signal }), {
 *   provider: "openai", model: body.model, parameters: { temperature: 0.2 },
 * });
 * const result = await l0({ stream });
 */
export function describeRequest<F extends (context: StreamContext) => unknown>(
  factory: F,
  description: L0RequestDescription,
): F & { readonly [L0_REQUEST]: L0RequestDescription } {
  if (typeof factory !== "function") {
    throw new L0Error(
      "INVALID_OPTIONS",
      `Invalid option "factory": expected a stream factory function, got ${factory === null ? "null" : typeof factory}`,
      {
        details: { field: "factory", value: factory },
      },
    );
  }
  const read = readDescription(description);
  if ("problem" in read) {
    const { field, message } = read.problem;
    throw new L0Error("INVALID_OPTIONS", message, { details: "value" in read.problem ? { field, value: read.problem.value } : { field } });
  }
  return attach(factory, freeze(read.description)) as F & { readonly [L0_REQUEST]: L0RequestDescription };
}

/**
 * Attaches a description the package built itself (the provider helpers): checked, and left off
 * with nothing attached when it has a problem (a helper never makes the factory fail).
 * @internal
 */
export function attachBuiltDescription<F extends (context: StreamContext) => unknown>(
  factory: F,
  description: L0RequestDescription,
): DescribedStreamFactory<F> {
  const read = readDescription(description);
  if ("description" in read) return attach(factory, freeze(read.description));
  diag.debug(`l0: a request description was left off: ${read.problem.message}`);
  return factory;
}

/**
 * The description a stream factory carries under {@link L0_REQUEST}, or `undefined` when it has
 * none or a malformed one. Never throws.
 */
export function requestOf(factory: unknown): L0RequestDescription | undefined {
  if ((typeof factory !== "function" && typeof factory !== "object") || factory === null) return undefined;
  let value: unknown;
  try {
    value = (factory as { [L0_REQUEST]?: unknown })[L0_REQUEST];
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  if (checked.has(value)) return value;
  const known = foreign.get(value);
  if (known !== undefined) return known ?? undefined;
  const read = readDescription(value);
  const description = "description" in read ? freeze(read.description) : null;
  foreign.set(value, description);
  return description ?? undefined;
}
