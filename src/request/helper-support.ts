/**
 * What the provider helpers share: checking their arguments (bad input throws `INVALID_OPTIONS`),
 * typing a client's params from its own `create` method without importing the SDK, and building a
 * description that can never make the factory fail.
 * @packageDocumentation
 */
import { diag } from "@opentelemetry/api";
import { L0Error, invalidOption } from "../errors/l0-error.js";
import { fieldsOf } from "./read-fields.js";
import type { Fields } from "./read-fields.js";
import { attachBuiltDescription } from "./request-description.js";
import type { DescribedStreamFactory, L0RequestDescription } from "./request-description.js";
import type { StreamContext } from "../types/options.js";

/** A client method the helpers call: any function taking a body and request options. */
export type CreateMethod = (body: never, options?: never) => unknown;

/** The body type of a `create` method (its last overload: the SDKs' base params). */
export type BodyOf<F> = F extends (body: infer B, ...rest: never[]) => unknown ? B : never;

/** The request-options type of a `create` method, without `signal` (each attempt passes its own). */
export type RequestOptionsOf<F> = F extends (body: never, options?: infer O) => unknown ? Omit<NonNullable<O>, "signal"> : never;

/** `T` without `K`, on each member of a union. */
export type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * The object holding the method at `path` under `client`, checked: `INVALID_OPTIONS` naming
 * `client.<path>` when it is not a function.
 */
export function methodOwner(client: unknown, path: readonly string[]): Fields {
  let owner: unknown = client;
  for (const key of path.slice(0, -1)) owner = typeof owner === "object" && owner !== null ? (owner as Fields)[key] : undefined;
  const method = path[path.length - 1] as string;
  const holder = typeof owner === "object" && owner !== null ? (owner as Fields) : undefined;
  if (typeof holder?.[method] !== "function") {
    throw new L0Error(
      "INVALID_OPTIONS",
      `Invalid option "client": expected a client with ${["client", ...path].join(".")}(), got ${client === null ? "null" : typeof client}`,
      {
        details: { field: "client" },
      },
    );
  }
  return holder;
}

/** The params object, checked: `INVALID_OPTIONS` on `params` when it is not an object. */
export function paramsFields(params: unknown): Fields {
  const fields = fieldsOf(params);
  if (fields === undefined) throw invalidOption("params", params, "the request's params object");
  return fields;
}

/**
 * The request options, checked: an object without `signal` (l0 gives each attempt its own; pass
 * yours to `l0({ signal })`). Undefined stays undefined.
 */
export function requestOptionsFields(options: unknown): Fields | undefined {
  if (options === undefined) return undefined;
  const fields = fieldsOf(options);
  if (fields === undefined) throw invalidOption("requestOptions", options, "an object");
  if (fields.signal !== undefined) throw signalGiven("requestOptions.signal");
  return fields;
}

/** `INVALID_OPTIONS` on `field`, an abort signal the caller gave: l0 passes each attempt its own. */
export function signalGiven(field: string): L0Error {
  return new L0Error("INVALID_OPTIONS", `Invalid option "${field}": each attempt passes its own signal; give yours to l0({ signal })`, {
    details: { field },
  });
}

/**
 * Attaches the description `build` returns; when building throws (an exotic client or params),
 * the factory goes without one and the failure is reported to OTel `diag`.
 */
export function describeBuilt<F extends (context: StreamContext) => unknown>(
  factory: F,
  helper: string,
  build: () => L0RequestDescription,
): DescribedStreamFactory<F> {
  let description: L0RequestDescription;
  try {
    description = build();
  } catch (error) {
    diag.debug(`l0: ${helper}() could not describe the request; telemetry goes without it`, error);
    return factory;
  }
  return attachBuiltDescription(factory, description);
}

/** `parameters` when it has at least one field. */
export function nonEmpty<T extends object>(value: T): T | undefined {
  return Object.keys(value).length > 0 ? value : undefined;
}
