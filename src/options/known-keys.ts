/**
 * Strict option objects: an unknown key is a mistake (`timeout: { initial: 100 }` would otherwise
 * leave the call without a timeout), so it throws `INVALID_OPTIONS` naming its path and the closest
 * known key.
 * @packageDocumentation
 */
import { L0Error } from "../errors/l0-error.js";
import { childPath, optionalObject, type Fields } from "./field-checks.js";

/** Edit distance (insert, delete, substitute, swap of neighbours) between two lower-cased keys. */
function distance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (d[(i - 1) * cols + j] as number) + 1,
        (d[i * cols + j - 1] as number) + 1,
        (d[(i - 1) * cols + j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (d[(i - 2) * cols + j - 2] as number) + 1);
      }
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1] as number;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** Score of a match found only by a shared start: after every match by edit distance. */
const SHARED_START = 100;

/**
 * How close `key` (as typed) is to `candidate` (a known key), lower is closer; undefined when not
 * close at all. The lowest of: 0 for the same letters ignoring case; 0.5 + ½ per letter of
 * difference when one starts the other (`timeouts` → `timeout`, `initial` → `initialToken`; at least
 * 3 letters); 0.6 + ½ per letter when the typed key ends the known one (`retries` → `maxRetries`; at
 * least 4 letters); the edit distance when it is at most a third of the longer key (at least 1).
 * Only when none of these applies, 100+ for a shared start of four letters (`retries` → `retry`), so
 * a near spelling (`detectDirft` → `detectDrift`) beats a shared start (`detectZeroTokens`), and one
 * typo (`yonDrift` → `onDrift`) beats a long affix (`retryOnDrift`): a missing end costs half an edit
 * per letter.
 */
export function keyDistance(key: string, candidate: string): number | undefined {
  const a = key.toLowerCase();
  const b = candidate.toLowerCase();
  if (a === b) return 0;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  const gap = (longer.length - shorter.length) / 2;
  let best = Number.POSITIVE_INFINITY;
  if (shorter.length >= 3 && longer.startsWith(shorter)) best = 0.5 + gap;
  if (a.length >= 4 && b.endsWith(a)) best = Math.min(best, 0.6 + gap);
  const d = distance(a, b);
  if (d <= Math.max(1, Math.floor(longer.length / 3))) best = Math.min(best, d);
  if (best !== Number.POSITIVE_INFINITY) return best;
  if (commonPrefix(a, b) >= 4) return SHARED_START + d / 100;
  return undefined;
}

/** The known key closest to `key` (see {@link keyDistance}); the first listed wins a tie. Undefined when nothing is close. */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const score = keyDistance(key, candidate);
    if (score !== undefined && score < bestScore) {
      bestScore = score;
      best = candidate;
    }
  }
  return best;
}

/**
 * The known keys of an options type, checked by the compiler: `optionKeys<RetryOptions>()({ attempts:
 * true, ... })` fails to compile when a field of the type is missing or one is not a field.
 */
export function optionKeys<T>(): (keys: { readonly [K in keyof Required<T>]: true }) => readonly (keyof T & string)[] {
  return (keys) => Object.freeze(Object.keys(keys) as (keyof T & string)[]);
}

/** The suggestion for an unknown `key` of the object at `path`: a known key there, or a path elsewhere. */
function suggestion(key: string, known: readonly string[], path: string, elsewhere: readonly string[]): string | undefined {
  const own = closestKey(key, known);
  const ownScore = own === undefined ? Number.POSITIVE_INFINITY : (keyDistance(key, own) as number);
  let best = own === undefined ? undefined : childPath(path, own);
  let bestScore = ownScore;
  for (const other of elsewhere) {
    const score = keyDistance(key, other.slice(other.lastIndexOf(".") + 1));
    if (score !== undefined && score < bestScore) {
      bestScore = score;
      best = other;
    }
  }
  return best;
}

function unknownKey(value: object, key: string, known: readonly string[], path: string, suggested: string | undefined): L0Error {
  const field = childPath(path, key);
  const hint = suggested === undefined ? `known options: ${known.join(", ")}` : `did you mean "${suggested}"?`;
  return new L0Error("INVALID_OPTIONS", `Unknown option "${field}": ${hint}`, {
    details: { field, value: (value as Record<string, unknown>)[key], ...(suggested === undefined ? {} : { suggestion: suggested }) },
  });
}

/**
 * Throws `INVALID_OPTIONS` for the first own enumerable key of `value` that is not in `known`,
 * naming its path (`path` + `.` + key; the key alone when `path` is empty) and the closest known key
 * (`details.suggestion`). `elsewhere` lists full paths of keys that belong to another option
 * (`monitoring.sampleRate` for a top-level `sampleRate`); one of them is suggested when it is closer.
 */
export function assertKnownKeys(value: object, known: readonly string[], path: string, elsewhere: readonly string[] = []): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) throw unknownKey(value, key, known, path, suggestion(key, known, path, elsewhere));
  }
}

/**
 * An option object (`retry`, `timeout`...) at `path`: undefined when absent; else the object, once
 * it is known to be an object whose keys are all in `known` (see {@link assertKnownKeys}).
 */
export function optionBag(value: unknown, known: readonly string[], path: string): Fields | undefined {
  const bag = optionalObject(value, path);
  if (bag !== undefined) assertKnownKeys(bag, known, path);
  return bag;
}

/**
 * For objects users implement (guardrail rules, adapters, interceptor instances), whose own extra
 * fields are theirs: throws `INVALID_OPTIONS` only for a key that is a misspelling of a known key
 * the object lacks (`rest` for a missing `reset`, `streamng` for a missing `streaming`), since that
 * silently changes behaviour. Any other extra key passes. A key counts as present when `in` the
 * object (methods of a class are on its prototype).
 */
export function assertNoMisspelledKeys(value: object, known: readonly string[], path: string): void {
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const meant = closestKey(key, known);
    if (meant !== undefined && !(meant in value)) throw unknownKey(value, key, known, path, childPath(path, meant));
  }
}
