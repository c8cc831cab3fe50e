/**
 * Where l0 writes in Sentry, seen from the app: breadcrumbs and `l0_telemetry` on the isolation
 * scope (the request's, in a server Sentry instruments), as `Sentry.addBreadcrumb` /
 * `Sentry.setContext` would, so the app's own later events carry them; concurrent calls and
 * concurrent requests keep their own spans, telemetry and captured events.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sentryInterceptor } from "../../src/integrations/sentry-interceptor.js";
import { l0 } from "../../src/l0.js";
import { registerL0Instrumentation } from "../../src/telemetry/register-instrumentation.js";
import { faults } from "../../src/testing/faults.js";
import { mockStreamFactory, step } from "../../src/testing/mock-stream.js";
import { L0Error } from "../../src/errors/l0-error.js";
import type { L0Options } from "../../src/types/options.js";
import type { L0Result } from "../../src/types/result.js";
import { CLEAN_CALL_CRUMBS, clearScopes, drain, initSentry, l0Crumbs, type SeenEvent, Sentry, SENTRY_MAJOR } from "./sentry-harness.js";
import { listenOnFreePort } from "../helpers/free-port.js";
import { tokenText } from "../helpers/drain.js";

type Crumb = Parameters<NonNullable<Sentry.NodeOptions["beforeBreadcrumb"]>>[0];
/** The app's `beforeBreadcrumb`, swapped per test (Sentry is initialised once per file). */
let beforeBreadcrumb: (crumb: Crumb) => Crumb | null = (crumb) => crumb;
let l0Pipeline: ReturnType<typeof registerL0Instrumentation>;

beforeAll(() => {
  initSentry({
    integrations: [Sentry.linkedErrorsIntegration(), Sentry.httpIntegration()],
    beforeBreadcrumb: (crumb) => beforeBreadcrumb(crumb),
  });
  // l0's OTel spans stay in l0's own pipeline (as with an app's own OTel SDK), on Sentry 10 as well.
  l0Pipeline = registerL0Instrumentation({ useGlobal: false });
});
afterAll(async () => {
  await l0Pipeline.shutdown();
  await Sentry.close(2000);
});
beforeEach(() => {
  clearScopes();
  beforeBreadcrumb = (crumb) => crumb;
});

const retry = { attempts: 1, maxRetries: 1, baseDelay: 1, maxDelay: 1 };
const ts = () => Date.now();

function call(stream: L0Options["stream"], tags: Record<string, string>, options: Partial<L0Options> = {}): Promise<L0Result> {
  return l0({ stream, monitoring: { enabled: true }, interceptors: [sentryInterceptor({ hub: Sentry, tags })], ...options });
}

/** The token text of a call, or `failed: <message>` when its stream failed. */
function consume(result: L0Result): Promise<string> {
  return tokenText(result).catch((error: unknown) => `failed: ${(error as Error).message}`);
}

/** Session ids on an event's l0 breadcrumbs (those that have one). */
function crumbSessions(event: SeenEvent): Set<unknown> {
  return new Set(
    (event.breadcrumbs ?? [])
      .filter((c) => c.category?.startsWith("l0") && c.data?.["session_id"] !== undefined)
      .map((c) => c.data!["session_id"]),
  );
}

const appEvent = (events: SeenEvent[], message: string) => events.find((e) => e.exception?.values?.at(-1)?.value === message)!;

describe("Sentry scopes as the app sees them", () => {
  it("runs against the intended @sentry/node: the dev dependency's major, or the one the second run installed", () => {
    const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
      devDependencies: Record<string, string>;
    };
    const devMajor = Number(/\d+/.exec(manifest.devDependencies["@sentry/node"]!)![0]);
    const app = process.env["L0_SENTRY_APP_DIR"];
    expect(SENTRY_MAJOR).toBe(Number(process.env["L0_SENTRY_MAJOR"] || devMajor));
    if (app !== undefined && app !== "") {
      const installed = JSON.parse(readFileSync(join(app, "node_modules/@sentry/node/package.json"), "utf8")) as { version: string };
      expect(Sentry.SDK_VERSION).toBe(installed.version);
    }
  });

  it("the app's own later event carries l0's breadcrumbs and the call's l0_telemetry, but not l0's tags", async () => {
    let result: L0Result | undefined;
    await Sentry.withIsolationScope(async () => {
      result = await call(mockStreamFactory([["Hello", " world"]]), { model: "mock" });
      expect(await consume(result)).toBe("Hello world");
      Sentry.captureException(new Error("app error after the call"));
    });
    const { events } = await drain();
    const event = appEvent(events, "app error after the call");
    expect(l0Crumbs(event)).toEqual(CLEAN_CALL_CRUMBS);
    const telemetry = result!.telemetry!;
    expect(event.contexts!["l0_telemetry"]).toMatchObject({
      session_id: telemetry.sessionId,
      tokens: telemetry.metrics.totalTokens,
      retries: 0,
    });
    expect(event.tags?.["model"]).toBeUndefined();
    // Written to the request's isolation scope, which the request ended with: the process-wide one is untouched.
    expect(Sentry.getIsolationScope().getScopeData().breadcrumbs).toEqual([]);
    expect(Sentry.getIsolationScope().getScopeData().contexts["l0_telemetry"]).toBeUndefined();
  });

  it("beforeBreadcrumb sees every l0 breadcrumb and can change or drop it", async () => {
    const seen: string[] = [];
    beforeBreadcrumb = (crumb) => {
      seen.push(`${crumb.category}: ${crumb.message}`);
      if (crumb.category === "l0.retry") return null;
      return crumb.category === "l0.network" ? { ...crumb, message: "redacted" } : crumb;
    };
    await Sentry.withIsolationScope(async () => {
      await consume(await call(mockStreamFactory([["a", faults.econnreset()], ["ab"]]), {}, { retry }));
      Sentry.captureMessage("app message");
    });
    const { events } = await drain();
    expect(seen).toEqual(
      expect.arrayContaining([
        "l0: L0 execution started",
        "l0.network: Network error: econnreset",
        "l0.retry: Retry attempt 2",
        "l0: L0 execution completed",
      ]),
    );
    const event = events.find((e) => e.message === "app message")!;
    expect(l0Crumbs(event)).toContain("l0.network: redacted");
    expect(l0Crumbs(event).some((c) => c.startsWith("l0.retry"))).toBe(false);
  });

  it("two concurrent requests (withIsolationScope) keep their own breadcrumbs, context and spans", async () => {
    let bothStarted!: () => void;
    const gate = new Promise<void>((resolve) => (bothStarted = resolve));
    let started = 0;
    const request = (name: string, scripts: Parameters<typeof mockStreamFactory>[0]) =>
      Sentry.withIsolationScope(async () => {
        const factory = mockStreamFactory(scripts);
        const result = await call(
          async function* (context) {
            if (++started === 2) bothStarted();
            await gate; // both requests are in flight before either streams
            yield* factory(context);
          },
          { request: name },
          { retry },
        );
        await consume(result);
        Sentry.captureException(new Error(`app error in ${name}`));
        return result.telemetry!.sessionId;
      });
    const [a, b] = await Promise.all([
      request("a", [
        ["a", faults.econnreset()],
        ["a", step.delay(2), "a"],
      ]),
      request("b", [["b", step.delay(2), "b"]]),
    ]);
    const { events, spans } = await drain();
    const ea = appEvent(events, "app error in a");
    const eb = appEvent(events, "app error in b");
    expect(crumbSessions(ea)).toEqual(new Set([a]));
    expect(crumbSessions(eb)).toEqual(new Set([b]));
    expect(l0Crumbs(ea).some((c) => c.startsWith("l0.retry"))).toBe(true);
    expect(l0Crumbs(eb).some((c) => c.startsWith("l0.retry"))).toBe(false);
    expect(ea.contexts!["l0_telemetry"]).toMatchObject({ session_id: a, retries: 1 });
    expect(eb.contexts!["l0_telemetry"]).toMatchObject({ session_id: b, retries: 0 });
    const executions = spans.filter((s) => s.op === "l0.execution");
    expect(executions.map((s) => [s.data["request"], s.data["session_id"]]).sort()).toEqual([
      ["a", a],
      ["b", b],
    ]);
  });

  it("two interleaved calls of one request (hooks driven by hand): own tags, telemetry, spans and span links; one breadcrumb trail", async () => {
    const a = sentryInterceptor({ hub: Sentry, tags: { call: "a" } });
    const b = sentryInterceptor({ hub: Sentry, tags: { call: "b" } });
    const oa = (await a.before!({ stream: () => [] })) as L0Options;
    const ob = (await b.before!({ stream: () => [] })) as L0Options;
    oa.onEvent!({ type: "SESSION_START", ts: ts(), sessionId: "A" });
    ob.onEvent!({ type: "SESSION_START", ts: ts(), sessionId: "B" });
    oa.stream({ signal: new AbortController().signal, attempt: 1, fallbackIndex: 0 });
    ob.stream({ signal: new AbortController().signal, attempt: 1, fallbackIndex: 0 });
    ob.onEvent!({ type: "RETRY", ts: ts(), sessionId: "B", attempt: 2, reason: "rate_limit", kind: "network", delayMs: 1 });
    oa.onEvent!({ type: "token", value: "x", timestamp: ts() });
    oa.onEvent!({
      type: "ERROR",
      ts: ts(),
      sessionId: "A",
      error: new L0Error("PROVIDER_ERROR", "boom a", { details: { errorType: "server_error" } }),
      errorType: "server_error",
      tokenCount: 1,
    });
    ob.onEvent!({
      type: "ERROR",
      ts: ts(),
      sessionId: "B",
      error: new L0Error("PROVIDER_ERROR", "boom b", { details: { errorType: "auth_error" } }),
      errorType: "auth_error",
      tokenCount: 0,
    });
    const { events, spans } = await drain();
    // Without captureContent the captured error says what it is (code and type), not its message.
    const ea = events.find((e) => e.exception!.values!.at(-1)!.value === "PROVIDER_ERROR (server_error)")!;
    const eb = events.find((e) => e.exception!.values!.at(-1)!.value === "PROVIDER_ERROR (auth_error)")!;
    expect(ea.tags).toMatchObject({ call: "a", error_type: "server_error", component: "l0.network" });
    expect(eb.tags).toMatchObject({ call: "b", error_type: "auth_error", component: "l0" });
    // Both wrote l0_telemetry to the request; each captured event carries its own call's.
    expect(ea.contexts!["l0_telemetry"]).toMatchObject({ session_id: "A", tokens: 1, retries: 0 });
    expect(eb.contexts!["l0_telemetry"]).toMatchObject({ session_id: "B", tokens: 0, retries: 1 });
    // One request, one breadcrumb trail (as Sentry.addBreadcrumb): b's retry is on it, labelled with b's session.
    expect(ea.breadcrumbs!.filter((c) => c.category === "l0.retry").map((c) => c.data!["session_id"])).toEqual(["B"]);
    expect(
      eb
        .breadcrumbs!.filter((c) => c.category === "l0.stream" && c.message === "Stream started")
        .map((c) => c.data!["session_id"])
        .sort(),
    ).toEqual(["A", "B"]);
    // Spans: two per call, each call's data on its own spans, each event linked to its own call's span.
    const executions = spans.filter((s) => s.op === "l0.execution");
    expect(executions.map((s) => s.data["call"]).sort()).toEqual(["a", "b"]);
    expect(new Set(spans.map((s) => s.spanId)).size).toBe(4);
    for (const execution of executions) {
      const consume = spans.find((s) => s.op === "l0.stream.consume" && s.data["call"] === execution.data["call"])!;
      expect(consume.parentSpanId).toBe(execution.spanId);
      expect(execution.data["session_id"]).toBe(String(execution.data["call"]).toUpperCase());
      const event = execution.data["call"] === "a" ? ea : eb;
      expect(event.contexts!["trace"]).toMatchObject({ span_id: consume.spanId, trace_id: consume.traceId });
    }
    // The request's scope: no l0 tags; the context of the call that ended last; nothing on the current scope.
    expect(Sentry.getIsolationScope().getScopeData().tags).toEqual({});
    expect(Sentry.getIsolationScope().getScopeData().contexts["l0_telemetry"]).toMatchObject({ session_id: "B" });
    expect(Sentry.getCurrentScope().getScopeData().breadcrumbs).toEqual([]);
    expect(Sentry.getCurrentScope().getScopeData().contexts["l0_telemetry"]).toBeUndefined();
  });

  describe("a real http server instrumented by Sentry", () => {
    let server: Server;
    let port: number;
    /** What each request's handler saw, by request name. */
    const sessions = new Map<string, { failing: string; ok: string; lastEnded: string }>();
    let arrived = 0;
    let bothArrived!: () => void;
    const gate = new Promise<void>((resolve) => (bothArrived = resolve));

    /** Per request: two concurrent l0 calls (one fails after a retry, the other ends after it), then an app error. */
    async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
      const name = new URL(request.url ?? "/", "http://127.0.0.1").searchParams.get("name") ?? "?";
      if (++arrived === 2) bothArrived();
      await gate; // both requests are in flight before either calls l0
      let failingEnded!: () => void;
      const failingDone = new Promise<void>((resolve) => (failingEnded = resolve));
      const failing = await call(mockStreamFactory([[faults.econnreset()]]), { request: name, call: "failing" }, { retry });
      const ok = await call(
        async function* () {
          yield `${name}-1`;
          await failingDone; // ends after the failing call: its l0_telemetry is the request's last
          yield `${name}-2`;
        },
        { request: name, call: "ok" },
      );
      const [, text] = await Promise.all([consume(failing).finally(() => failingEnded()), consume(ok)]);
      sessions.set(name, { failing: failing.telemetry!.sessionId, ok: ok.telemetry!.sessionId, lastEnded: ok.telemetry!.sessionId });
      Sentry.captureException(new Error(`app error in ${name}`));
      response.end(text);
    }

    beforeAll(async () => {
      server = createServer((request, response) => {
        handle(request, response).catch((error: unknown) => {
          response.statusCode = 500;
          response.end(String(error));
        });
      });
      port = await listenOnFreePort(server);
    });
    afterAll(async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    it("each request's events carry only its own calls' breadcrumbs and telemetry; each call keeps its own spans and captured event", async () => {
      const texts = await Promise.all(["a", "b"].map(async (name) => (await fetch(`http://127.0.0.1:${port}/chat?name=${name}`)).text()));
      expect(texts).toEqual(["a-1a-2", "b-1b-2"]);
      const { events, spans } = await drain();
      for (const name of ["a", "b"]) {
        const own = sessions.get(name)!;
        const other = sessions.get(name === "a" ? "b" : "a")!;
        // The app's event: this request's trail (both of its calls, no other request's), the last call's context.
        const app = appEvent(events, `app error in ${name}`);
        expect(crumbSessions(app)).toEqual(new Set([own.failing, own.ok]));
        expect(app.contexts!["l0_telemetry"]).toMatchObject({ session_id: own.lastEnded });
        expect(app.tags?.["call"]).toBeUndefined();
        // l0's captured failure: its own call's tags and telemetry, though the other call ended later.
        const failure = events.find((e) => e.tags?.["component"] === "l0.network" && e.tags["request"] === name)!;
        expect(failure.tags).toMatchObject({ call: "failing", error_type: "econnreset" });
        expect(failure.contexts!["l0_telemetry"]).toMatchObject({ session_id: own.failing, network_errors: 2 });
        expect([...crumbSessions(failure)].every((id) => id === own.failing || id === own.ok)).toBe(true);
        expect(crumbSessions(failure).has(other.failing)).toBe(false);
        // Spans: one l0.execution per call, with its call's data, both under this request's server span.
        const executions = spans.filter((s) => s.op === "l0.execution" && s.data["request"] === name);
        expect(executions.map((s) => s.data["session_id"]).sort()).toEqual([own.failing, own.ok].sort());
        const server = spans.find((s) => s.op === "http.server" && s.spanId === executions[0]!.parentSpanId)!;
        expect(server).toBeDefined();
        expect(executions[1]!.parentSpanId).toBe(server.spanId);
        for (const execution of executions) {
          const consume = spans.filter((s) => s.op === "l0.stream.consume" && s.parentSpanId === execution.spanId);
          expect(consume).toHaveLength(1);
          expect(consume[0]!.traceId).toBe(server.traceId);
        }
        const failed = executions.find((s) => s.data["session_id"] === own.failing)!;
        expect(failed.failed).toBe(true);
        expect(failure.contexts!["trace"]).toMatchObject({ trace_id: failed.traceId });
      }
      const servers = spans.filter((s) => s.op === "http.server");
      expect(servers).toHaveLength(2);
      expect(new Set(servers.map((s) => s.traceId)).size).toBe(2); // one trace per request
    });
  });
});
