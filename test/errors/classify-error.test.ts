import { createServer, type Server } from "node:net";
import { APICallError } from "@ai-sdk/provider";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  PermissionDeniedError,
  RateLimitError,
} from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_TYPES } from "../../src/errors/error-types.js";
import { L0Error } from "../../src/errors/l0-error.js";
import { classifyError, classifyStatus } from "../../src/errors/classify-error.js";
import { nodeError } from "../helpers/node-error.js";
import { freePort, listenOnFreePort } from "../helpers/free-port.js";

const headers = new Headers();
const apiCall = (statusCode: number | undefined, extra: Partial<ConstructorParameters<typeof APICallError>[0]> = {}) =>
  new APICallError({
    message: "call failed",
    url: "https://api.example/v1/chat",
    requestBodyValues: {},
    ...(statusCode !== undefined && { statusCode }),
    ...extra,
  });

describe("classifyError: provider SDK errors (structured fields first)", () => {
  it.each([
    ["OpenAI RateLimitError", new RateLimitError(429, { message: "Rate limit reached for gpt-4o" }, undefined, headers), "rate_limit"],
    [
      "OpenAI AuthenticationError",
      new AuthenticationError(401, { message: "Incorrect API key provided" }, undefined, headers),
      "auth_error",
    ],
    ["OpenAI PermissionDeniedError", new PermissionDeniedError(403, { message: "forbidden" }, undefined, headers), "auth_error"],
    [
      "OpenAI InternalServerError",
      new InternalServerError(500, { message: "The server had an error" }, undefined, headers),
      "server_error",
    ],
    ["OpenAI 503", new InternalServerError(503, undefined, "Service Unavailable", headers), "server_error"],
    ["OpenAI BadRequestError", new BadRequestError(400, { message: "Invalid 'messages'" }, undefined, headers), "client_error"],
    ["OpenAI APIConnectionTimeoutError", new APIConnectionTimeoutError(), "timeout"],
    ["OpenAI APIUserAbortError", new APIUserAbortError(), "aborted"],
    ["OpenAI APIConnectionError without cause", new APIConnectionError({ message: "Connection error." }), "connection_dropped"],
    [
      "OpenAI APIConnectionError caused by ECONNRESET",
      new APIConnectionError({ message: "Connection error.", cause: nodeError("ECONNRESET", "read ECONNRESET") }),
      "econnreset",
    ],
    ["AI SDK APICallError 429", apiCall(429), "rate_limit"],
    ["AI SDK APICallError 401", apiCall(401), "auth_error"],
    ["AI SDK APICallError 502", apiCall(502), "server_error"],
    ["AI SDK APICallError 404", apiCall(404), "client_error"],
    ["AI SDK APICallError retryable without status", apiCall(undefined, { isRetryable: true }), "connection_dropped"],
    [
      "AI SDK APICallError wrapping fetch failure",
      apiCall(undefined, { cause: new TypeError("fetch failed", { cause: nodeError("ECONNREFUSED") }) }),
      "econnrefused",
    ],
    [
      "AI SDK RetryError-like with lastError",
      Object.assign(new Error("Failed after 3 attempts"), { name: "AI_RetryError", lastError: apiCall(503) }),
      "server_error",
    ],
  ])("%s", (_label, error, expected) => {
    expect(classifyError(error)).toBe(expected);
  });
});

describe("classifyError: Node and fetch errors", () => {
  it.each([
    ["ECONNRESET", "econnreset"],
    ["ECONNREFUSED", "econnrefused"],
    ["ENOTFOUND", "dns_error"],
    ["EAI_AGAIN", "dns_error"],
    ["ETIMEDOUT", "timeout"],
    ["UND_ERR_CONNECT_TIMEOUT", "timeout"],
    ["UND_ERR_HEADERS_TIMEOUT", "timeout"],
    ["UND_ERR_BODY_TIMEOUT", "timeout"],
    ["UND_ERR_SOCKET", "connection_dropped"],
    ["EPIPE", "connection_dropped"],
    ["CERT_HAS_EXPIRED", "tls_error"],
    ["ERR_TLS_CERT_ALTNAME_INVALID", "tls_error"],
    ["UNABLE_TO_VERIFY_LEAF_SIGNATURE", "tls_error"],
    ["DEPTH_ZERO_SELF_SIGNED_CERT", "tls_error"],
    ["SELF_SIGNED_CERT_IN_CHAIN", "tls_error"],
    ["ERR_SSL_WRONG_VERSION_NUMBER", "tls_error"],
    ["ABORT_ERR", "aborted"],
  ])("code %s -> %s", (code, expected) => {
    expect(classifyError(nodeError(code, "something went wrong"))).toBe(expected);
  });

  it("a fetch TypeError wrapping a TLS error is tls_error", () => {
    expect(classifyError(new TypeError("fetch failed", { cause: nodeError("CERT_HAS_EXPIRED", "certificate has expired") }))).toBe(
      "tls_error",
    );
  });

  it("AbortError and TimeoutError DOMExceptions", () => {
    expect(classifyError(new DOMException("This operation was aborted", "AbortError"))).toBe("aborted");
    expect(classifyError(new DOMException("The operation timed out", "TimeoutError"))).toBe("timeout");
  });

  it("follows the cause chain only a bounded depth and survives cycles", () => {
    const cyclic: { message: string; cause?: unknown } = { message: "outer" };
    cyclic.cause = cyclic;
    expect(classifyError(cyclic)).toBe("unknown");
    let deep: unknown = nodeError("ECONNRESET");
    for (let i = 0; i < 20; i++) deep = new Error(`layer ${i}`, { cause: deep });
    expect(classifyError(deep)).toBe("unknown");
  });

  describe("real sockets", () => {
    let server: Server;
    let resetPort = 0;
    let closedPort = 0;
    beforeAll(async () => {
      server = createServer((socket) => socket.resetAndDestroy());
      resetPort = await listenOnFreePort(server);
      closedPort = await freePort();
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("fetch to a closed port (TypeError: fetch failed, cause ECONNREFUSED)", async () => {
      const error = await fetch(`http://127.0.0.1:${closedPort}/`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TypeError);
      expect(classifyError(error)).toBe("econnrefused");
    });

    it("fetch to a server that resets the connection", async () => {
      const error = await fetch(`http://127.0.0.1:${resetPort}/`).catch((e: unknown) => e);
      expect(["econnreset", "connection_dropped"]).toContain(classifyError(error));
    });
  });
});

describe("classifyError: message text last, on word boundaries", () => {
  it.each([
    ["processed request rejected", "unknown"],
    ["assessment failed", "unknown"],
    ["invalid addresses in payload", "unknown"],
    ["SSE stream aborted by server", "sse_aborted"],
    ["SSL connection closed", "tls_error"],
    ["self signed certificate in certificate chain", "tls_error"],
    ["socket hang up", "connection_dropped"],
    ["Connection reset by peer", "econnreset"],
    ["connect ECONNREFUSED 127.0.0.1:443", "econnrefused"],
    ["getaddrinfo ENOTFOUND api.openai.com", "dns_error"],
    ["Request timed out", "timeout"],
    ["429 Rate limit reached for requests", "rate_limit"],
    ["Request failed with status code 503", "server_error"],
    ["401 Incorrect API key provided", "auth_error"],
    ["Unexpected end of JSON input", "partial_chunks"],
    ["empty response body", "no_bytes"],
    ["the model said something odd", "unknown"],
  ])("%j -> %s", (message, expected) => {
    expect(classifyError(new Error(message))).toBe(expected);
  });

  it("structured fields beat the message", () => {
    expect(classifyError(Object.assign(new Error("connection reset by peer"), { status: 401 }))).toBe("auth_error");
    expect(classifyError(Object.assign(new Error("rate limited"), { code: "ECONNREFUSED" }))).toBe("econnrefused");
  });
});

describe("classifyError: l0's own errors", () => {
  it("uses details.errorType, then the code", () => {
    expect(classifyError(new L0Error("ZERO_OUTPUT", "empty", { details: { errorType: "zero_output" } }))).toBe("zero_output");
    expect(classifyError(new L0Error("FATAL_GUARDRAIL_VIOLATION", "bad"))).toBe("guardrail_violation");
    expect(classifyError(new L0Error("GUARDRAIL_VIOLATION", "bad"))).toBe("guardrail_violation");
    expect(classifyError(new L0Error("DRIFT_DETECTED", "drift"))).toBe("drift");
    expect(classifyError(new L0Error("INITIAL_TOKEN_TIMEOUT", "slow"))).toBe("initial_token_timeout");
    expect(classifyError(new L0Error("INTER_TOKEN_TIMEOUT", "slow"))).toBe("inter_token_timeout");
    expect(classifyError(new L0Error("STREAM_ABORTED", "stop"))).toBe("aborted");
    expect(classifyError(new L0Error("INVALID_STREAM", "what is this"))).toBe("client_error");
  });

  it("never throws and always returns a member of ERROR_TYPES", () => {
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error("boom");
        },
      },
    );
    for (const value of [undefined, null, 0, "", "ECONNRESET", Symbol("x"), hostile, { status: "nope" }, { statusCode: 999 }]) {
      expect(ERROR_TYPES).toContain(classifyError(value));
    }
  });
});

describe("classifyStatus", () => {
  it("maps HTTP statuses", () => {
    expect([429, 408, 401, 403, 407, 500, 502, 503, 529, 400, 404, 422].map(classifyStatus)).toEqual([
      "rate_limit",
      "timeout",
      "auth_error",
      "auth_error",
      "auth_error",
      "server_error",
      "server_error",
      "server_error",
      "server_error",
      "client_error",
      "client_error",
      "client_error",
    ]);
    expect(classifyStatus(200)).toBeUndefined();
    expect(classifyStatus(302)).toBeUndefined();
  });
});
