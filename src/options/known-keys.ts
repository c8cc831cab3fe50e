/**
 * Strict option objects: an unknown key is a mistake (`timeout: { initial: 100 }` would otherwise
 * leave the call without a timeout), so it throws `INVALID_OPTIONS` naming its path and the closest
 * known key.
 * @packageDocumentation
 */
import { L0Error } from "../errors/l0-error.js";

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

/**
 * The known key closest to `key`: same letters ignoring case, a prefix either way
 * (`initial` → `initialToken`), an edit distance of at most a third of the key's length, or a shared
 * start of four letters (`retries` → `retry`). Undefined when nothing is close.
 */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const other = candidate.toLowerCase();
    let score: number;
    if (other === lower) score = 0;
    else if (lower.length >= 3 && (other.startsWith(lower) || lower.startsWith(other))) score = 0.5 + Math.abs(other.length - lower.length) / 100;
    else {
      const d = distance(lower, other);
      if (d <= Math.max(1, Math.floor(Math.max(lower.length, other.length) / 3))) score = d;
      else if (commonPrefix(lower, other) >= 4) score = 1 + d / 100;
      else continue;
    }
    if (score < bestScore) {
      bestScore = score;
      best = candidate;
    }
  }
  return best;
}

/**
 * Throws `INVALID_OPTIONS` for the first own enumerable key of `value` that is not in `known`,
 * naming its path (`path` + `.` + key; the key alone when `path` is empty) and the closest known key.
 */
export function assertKnownKeys(value: object, known: readonly string[], path: string): void {
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const field = path === "" ? key : `${path}.${key}`;
    const suggestion = closestKey(key, known);
    const hint = suggestion === undefined ? `known options: ${known.join(", ")}` : `did you mean "${path === "" ? suggestion : `${path}.${suggestion}`}"?`;
    throw new L0Error("INVALID_OPTIONS", `Unknown option "${field}": ${hint}`, {
      details: { field, value: (value as Record<string, unknown>)[key] },
    });
  }
}
