/**
 * The Prometheus endpoint of registerL0Instrumentation({ prometheus }) fails loudly and shuts down
 * within its bound: a busy port rejects `handle.ready` with a typed error (never an unhandled
 * rejection), and real slow sockets (idle keep-alive, half-sent request, silent connection)
 * cannot hold `shutdown()`.
 */
import { connect, createServer, type Server, type Socket } from "node:net";
import { diag, DiagLogLevel, type DiagLogger } from "@opentelemetry/api";
import { afterEach, describe, expect, it } from "vitest";
import { L0Error } from "../../src/errors/l0-error.js";
import { PROMETHEUS_SHUTDOWN_GRACE_MS, startPrometheusEndpoint } from "../../src/telemetry/prometheus-endpoint.js";
import { registerL0Instrumentation, type L0InstrumentationHandle } from "../../src/telemetry/register-instrumentation.js";
import { freePort, listenOnFreePort } from "../helpers/free-port.js";
import { recordUnhandledRejections } from "../helpers/unhandled-rejections.js";

let handle: L0InstrumentationHandle | undefined;
let blocker: Server | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  await handle?.shutdown();
  handle = undefined;
  for (const socket of sockets.splice(0)) socket.destroy();
  await new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve()));
  blocker = undefined;
  diag.disable();
});

/** A port held by another server (bound on 127.0.0.1). */
async function busyPort(): Promise<number> {
  blocker = createServer();
  return listenOnFreePort(blocker);
}

/** A connected raw socket that resolves once connected; records when the server closes it. */
async function rawSocket(port: number): Promise<{ socket: Socket; closed: Promise<void> }> {
  const socket = connect(port, "127.0.0.1");
  sockets.push(socket);
  socket.on("error", () => {});
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
  return { socket, closed };
}

/** Sends a complete keep-alive request and resolves once the whole response has arrived. */
async function keepAliveScrape(socket: Socket): Promise<string> {
  let text = "";
  const done = new Promise<string>((resolve) => {
    socket.on("data", (chunk: Buffer) => {
      text += chunk.toString("latin1");
      const headerEnd = text.indexOf("\r\n\r\n");
      if (headerEnd < 0) return;
      const length = /content-length: (\d+)/i.exec(text.slice(0, headerEnd));
      const chunkedDone = /transfer-encoding: chunked/i.test(text.slice(0, headerEnd)) && text.endsWith("\r\n0\r\n\r\n");
      if (chunkedDone || (length !== null && text.length - headerEnd - 4 >= Number(length[1]))) resolve(text);
    });
  });
  socket.write("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n");
  return done;
}

describe("busy port", () => {
  it("rejects handle.ready with L0Error LISTEN_FAILED naming host and port, reports it through diag, and is never unhandled", async () => {
    const port = await busyPort();
    const errors: unknown[][] = [];
    let reported!: () => void;
    const diagReported = new Promise<void>((resolve) => (reported = resolve));
    const logger: DiagLogger = {
      error: (...args: unknown[]) => {
        errors.push(args);
        reported();
      },
      warn: () => {},
      info: () => {},
      debug: () => {},
      verbose: () => {},
    };
    diag.setLogger(logger, DiagLogLevel.ERROR);
    const unhandled = recordUnhandledRejections();
    try {
      handle = registerL0Instrumentation({ prometheus: { port } });
      // Nobody awaits handle.ready yet: the failure must reach diag without an unhandled rejection.
      await diagReported;
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled.reasons).toEqual([]);
    } finally {
      unhandled.stop();
    }
    expect(String(errors[0]?.[0])).toContain(`127.0.0.1 port ${port} is already in use (EADDRINUSE)`);

    const error = await handle.ready.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(L0Error);
    const l0Error = error as L0Error;
    expect(l0Error.code).toBe("LISTEN_FAILED");
    expect(l0Error.message).toBe(
      `l0: the Prometheus endpoint http://127.0.0.1:${port}/metrics could not start: 127.0.0.1 port ${port} is already in use (EADDRINUSE)`,
    );
    expect(l0Error.details).toEqual({ field: "prometheus.port", value: port });
    expect((l0Error.cause as NodeJS.ErrnoException).code).toBe("EADDRINUSE");
    // the registration itself stands (calls still record) and shuts down cleanly
    await handle.shutdown();
  });
});

describe("bounded shutdown", () => {
  it("closes idle, half-sent and silent connections: close() resolves after the grace period, not when the clients leave", async () => {
    const port = await freePort();
    const graceMs = 200;
    const endpoint = startPrometheusEndpoint({ host: "127.0.0.1", port, endpoint: "/metrics" }, graceMs);
    await endpoint.ready;
    // The exporter answers once it belongs to a meter provider.
    const { MeterProvider } = await import("@opentelemetry/sdk-metrics");
    const provider = new MeterProvider({ readers: [endpoint.exporter] });

    const idle = await rawSocket(port);
    const response = await keepAliveScrape(idle.socket);
    expect(response).toMatch(/^HTTP\/1\.1 200 OK/);
    const halfSent = await rawSocket(port);
    halfSent.socket.write("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n"); // headers never finished
    const silent = await rawSocket(port);

    const started = performance.now();
    let closedAt = 0;
    const closing = endpoint.close().then(() => (closedAt = performance.now()));
    // the idle keep-alive connection is closed at once, before the grace period
    await idle.closed;
    const idleClosedAt = performance.now();
    await Promise.all([halfSent.closed, silent.closed, closing]);
    expect(closedAt - started).toBeGreaterThanOrEqual(graceMs - 5);
    // generous headroom for a loaded machine; without closing them it would wait for the clients forever
    expect(closedAt - started).toBeLessThan(graceMs + 5_000);
    expect(idleClosedAt).toBeLessThanOrEqual(closedAt);
    expect(endpoint.close()).toBe(endpoint.close());
    await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
    await provider.shutdown();
  });

  it("handle.shutdown() of registerL0Instrumentation({ prometheus }) resolves within the documented bound while slow clients hold connections", async () => {
    const port = await freePort();
    handle = registerL0Instrumentation({ prometheus: { port } });
    await handle.ready;
    const halfSent = await rawSocket(port);
    halfSent.socket.write("GET /metrics HTTP/1.1\r\n");
    const silent = await rawSocket(port);
    const started = performance.now();
    await handle.shutdown();
    const elapsed = performance.now() - started;
    await Promise.all([halfSent.closed, silent.closed]);
    expect(PROMETHEUS_SHUTDOWN_GRACE_MS).toBe(1000);
    expect(elapsed).toBeLessThan(PROMETHEUS_SHUTDOWN_GRACE_MS + 5_000);
  });

  it("close() before listening finished, and after a failed start, resolves", async () => {
    const port = await freePort();
    const endpoint = startPrometheusEndpoint({ host: "127.0.0.1", port, endpoint: "/metrics" });
    await endpoint.close();
    const taken = await busyPort();
    const failed = startPrometheusEndpoint({ host: "127.0.0.1", port: taken, endpoint: "/metrics" });
    await expect(failed.ready).rejects.toMatchObject({ code: "LISTEN_FAILED" });
    await expect(failed.close()).resolves.toBeUndefined();
  });

  it("serves only the configured path", async () => {
    const port = await freePort();
    const endpoint = startPrometheusEndpoint({ host: "127.0.0.1", port, endpoint: "/custom" });
    await endpoint.ready;
    const { MeterProvider } = await import("@opentelemetry/sdk-metrics");
    const provider = new MeterProvider({ readers: [endpoint.exporter] });
    provider.getMeter("t").createCounter("hits").add(2);
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(404);
    const ok = await fetch(`http://127.0.0.1:${port}/custom?x=1`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toMatch(/^hits_total\{[^}]*\} 2/m);
    await endpoint.close();
    await provider.shutdown();
  });
});
