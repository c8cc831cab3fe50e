/**
 * The request parameters (`gen_ai.request.*`) read from a provider's params: each parameter's type
 * and range is checked in one place; each API only names its fields.
 * @packageDocumentation
 */
import type { L0RequestParameters } from "./description-types.js";
import { integerOf, numberOf, stopSequencesOf } from "./read-fields.js";
import type { Fields } from "./read-fields.js";

type Readers = { [K in keyof L0RequestParameters]-?: (value: unknown) => L0RequestParameters[K] };

const READERS: Readers = {
  maxTokens: (value) => integerOf(value, 0),
  temperature: numberOf,
  topP: numberOf,
  topK: (value) => integerOf(value, 0),
  stopSequences: stopSequencesOf,
  seed: (value) => integerOf(value),
  frequencyPenalty: numberOf,
  presencePenalty: numberOf,
  choiceCount: (value) => integerOf(value, 1),
};

/**
 * Where an API keeps each parameter: a field name, or several in order of preference (the first
 * that holds a valid value wins).
 */
export type ParameterFields = { [K in keyof L0RequestParameters]?: string | readonly string[] };

/** The fields of an API that names `keys` as l0 does (the AI SDK's call settings: `topP` at `topP`). */
export function sameNamedFields(...keys: (keyof L0RequestParameters)[]): ParameterFields {
  return Object.fromEntries(keys.map((key) => [key, key]));
}

/** The parameters of `params` found at `fields` (invalid or missing values left out), in the order of `fields`. */
export function requestParametersOf(params: Fields, fields: ParameterFields): L0RequestParameters {
  const out: Record<string, unknown> = {};
  for (const [key, names] of Object.entries(fields) as [keyof L0RequestParameters, string | readonly string[]][]) {
    const read = READERS[key] as (value: unknown) => unknown;
    for (const name of typeof names === "string" ? [names] : names) {
      const value = read(params[name]);
      if (value !== undefined) {
        out[key] = value;
        break;
      }
    }
  }
  return out;
}
