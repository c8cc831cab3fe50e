/**
 * `retry.retryOn` accepts the original l0 library's retry reasons: the table, its documentation in
 * README.md and semconv.md, its validation, and what a call really retries with an alias.
 */
import { describe, expect, it, vi } from "vitest";
import { ERROR_TYPES, ERROR_TYPE_CATEGORY, type ErrorType } from "../../src/errors/error-types.js";
import { RETRY_ON_ALIASES, RETRY_ON_NAMES, expandRetryOn, isRetryOnEntry, type RetryOnAlias } from "../../src/errors/retry-on-aliases.js";
import { L0Error } from "../../src/errors/l0-error.js";
import { validateOptions } from "../../src/options/l0-options.js";
import { l0 } from "../../src/l0.js";
import { createRetryPolicy } from "../../src/runtime/retry-policy.js";
import type { StreamContext } from "../../src/types/options.js";
import { readResult } from "../helpers/drain.js";
import { nodeError } from "../helpers/node-error.js";
import { chunkAdapter, scripted, type AttemptScript } from "../helpers/scripted-source.js";
import { cellNames, repoFile, section, tableRows } from "../telemetry/doc-tables.js";

const ORIGINAL_REASONS = [
  "network_error",
  "timeout",
  "rate_limit",
  "server_error",
  "zero_output",
  "guardrail_violation",
  "drift",
  "unknown",
  "incomplete",
];

describe("RETRY_ON_ALIASES", () => {
  it("holds exactly the original library's nine reasons, each standing for l0 error types", () => {
    expect(Object.keys(RETRY_ON_ALIASES).sort()).toEqual([...ORIGINAL_REASONS].sort());
    for (const types of Object.values(RETRY_ON_ALIASES)) {
      expect(types.length).toBeGreaterThan(0);
      for (const type of types) expect(ERROR_TYPES).toContain(type);
    }
  });

  it("a reason that is also an l0 type stands for that type alone", () => {
    for (const [name, types] of Object.entries(RETRY_ON_ALIASES)) {
      if ((ERROR_TYPES as readonly string[]).includes(name)) expect(types).toEqual([name]);
    }
  });

  it("network_error is every network type but rate_limit and server_error (the original's own reasons)", () => {
    const network = ERROR_TYPES.filter((t) => ERROR_TYPE_CATEGORY[t] === "network" && t !== "rate_limit" && t !== "server_error");
    expect([...RETRY_ON_ALIASES.network_error].sort()).toEqual([...network].sort());
  });

  it("incomplete is the output cut short: network types of a stream that had begun", () => {
    expect([...RETRY_ON_ALIASES.incomplete].sort()).toEqual([
      "connection_dropped",
      "econnreset",
      "inter_token_timeout",
      "partial_chunks",
      "sse_aborted",
    ]);
    for (const type of RETRY_ON_ALIASES.incomplete) expect(ERROR_TYPE_CATEGORY[type]).toBe("network");
  });

  it("expandRetryOn expands aliases, keeps types, each once, in the order first named", () => {
    expect(expandRetryOn(["rate_limit", "incomplete", "econnreset", "drift"])).toEqual([
      "rate_limit",
      "connection_dropped",
      "econnreset",
      "sse_aborted",
      "partial_chunks",
      "inter_token_timeout",
      "drift",
    ]);
    expect(createRetryPolicy({ retryOn: ["network_error"] }).retryOn).toEqual(new Set(RETRY_ON_ALIASES.network_error));
  });

  it("every name retryOn accepts is listed once", () => {
    expect(new Set(RETRY_ON_NAMES).size).toBe(RETRY_ON_NAMES.length);
    for (const name of RETRY_ON_NAMES) expect(isRetryOnEntry(name)).toBe(true);
    expect(isRetryOnEntry("toString")).toBe(false);
    expect(isRetryOnEntry("network_errors")).toBe(false);
  });
});

describe("the alias table in the documents", () => {
  function documented(rows: string[][]): Record<string, string[]> {
    return Object.fromEntries(rows.map(([name = "", types = ""]) => [cellNames(name)[0]!, cellNames(types)]));
  }
  const expected = Object.fromEntries(Object.entries(RETRY_ON_ALIASES).map(([name, types]) => [name, [...types]]));

  it("semconv.md lists every alias with its types", () => {
    const rows = tableRows(section(repoFile("semconv.md"), "### `retry.retryOn` names"));
    expect(documented(rows)).toEqual(expected);
  });

  it("README.md (retries) lists every alias with its types", () => {
    const retries = section(repoFile("README.md"), "### Retries");
    const table = retries.slice(retries.indexOf("| `retryOn` name")).replace(/^ +\|/gm, "|");
    expect(documented(tableRows(table))).toEqual(expected);
  });
});

describe("validation", () => {
  it("accepts every alias and type", () => {
    expect(() => validateOptions({ stream: () => [], retry: { retryOn: [...RETRY_ON_NAMES] as never } })).not.toThrow();
  });

  it("rejects an unknown name, naming its index and the name most likely meant", () => {
    try {
      validateOptions({ stream: () => [], retry: { retryOn: ["rate_limit", "network_eror"] as never } });
      expect.unreachable();
    } catch (error) {
      expect(L0Error.isL0Error(error)).toBe(true);
      expect((error as L0Error).details).toMatchObject({ field: "retry.retryOn[1]", value: "network_eror" });
      expect((error as L0Error).message).toContain('did you mean "network_error"?');
    }
  });
});

/** A factory that plays one script per call, in order (the last one repeats). */
function playbook(scripts: AttemptScript[]) {
  const contexts: StreamContext[] = [];
  const factory = vi.fn((context: StreamContext) => {
    contexts.push(context);
    return scripted(scripts[Math.min(contexts.length - 1, scripts.length - 1)]!);
  });
  return { factory, contexts };
}

async function firstFailureRetried(retryOn: RetryOnAlias[], error: unknown): Promise<{ retried: boolean; reason: ErrorType | undefined }> {
  const { factory } = playbook([{ tokens: ["par"], error }, { tokens: ["ok"] }]);
  const result = await l0({ stream: factory, adapter: chunkAdapter, retry: { retryOn, baseDelay: 0, maxDelay: 0 } });
  const { events } = await readResult(result);
  const retry = events.find((e) => e.type === "retry");
  return { retried: factory.mock.calls.length === 2, reason: retry?.type === "retry" ? retry.reason : undefined };
}

describe("l0() with the original library's names", () => {
  it('retryOn: ["network_error"] retries a dropped connection (reported as its l0 type) and not a 429', async () => {
    expect(await firstFailureRetried(["network_error"], nodeError("ECONNRESET", "read ECONNRESET"))).toEqual({
      retried: true,
      reason: "econnreset",
    });
    expect(await firstFailureRetried(["network_error"], Object.assign(new Error("Too Many Requests"), { status: 429 }))).toEqual({
      retried: false,
      reason: undefined,
    });
  });

  it('retryOn: ["incomplete"] retries a stream cut short (undici "terminated") but not a refused connection', async () => {
    const terminated = new TypeError("terminated", {
      cause: Object.assign(new Error("other side closed"), { name: "SocketError", code: "UND_ERR_SOCKET" }),
    });
    expect(await firstFailureRetried(["incomplete"], terminated)).toEqual({ retried: true, reason: "connection_dropped" });
    expect(await firstFailureRetried(["incomplete"], nodeError("ECONNREFUSED", "connect ECONNREFUSED"))).toEqual({
      retried: false,
      reason: undefined,
    });
  });

  it('retryOn: ["rate_limit", "server_error"] retries a 503 and not a reset', async () => {
    expect(await firstFailureRetried(["rate_limit", "server_error"], Object.assign(new Error("unavailable"), { status: 503 }))).toEqual({
      retried: true,
      reason: "server_error",
    });
    expect(await firstFailureRetried(["rate_limit", "server_error"], nodeError("ECONNRESET"))).toEqual({
      retried: false,
      reason: undefined,
    });
  });
});
