/** Network errors as Node raises them, for classification and retry tests. */

/** A Node-style network error: an `Error` with `code` (e.g. `ECONNRESET`). */
export function nodeError(code: string, message = `${code.toLowerCase()} error`): Error {
  return Object.assign(new Error(message), { code });
}
