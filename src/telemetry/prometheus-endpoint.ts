/**
 * The Prometheus endpoint of `registerL0Instrumentation({ prometheus })`: the OTel
 * `PrometheusExporter` (a metric reader) served by l0's own `http.Server`, so that a port that is
 * taken is a typed error and shutdown is bounded.
 *
 * - `ready` rejects with `L0Error` `LISTEN_FAILED` naming host, port and the system error
 *   (`EADDRINUSE`, `EACCES`, ...). The failure is also reported through `diag`, and the rejection
 *   is never unhandled: a process that does not await `ready` keeps running without the endpoint.
 * - `close()` stops accepting, closes idle keep-alive connections at once and gives in-flight
 *   scrapes {@link PROMETHEUS_SHUTDOWN_GRACE_MS} to finish; then it closes every connection left
 *   (slow or stalled clients), so it resolves within that bound.
 * @packageDocumentation
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { diag } from "@opentelemetry/api";
import type { PrometheusExporter } from "@opentelemetry/exporter-prometheus";
import { L0Error } from "../errors/l0-error.js";
import { exporterPrometheus } from "./otel-sdk.js";

/** How long `close()` lets in-flight scrapes finish before closing their connections (ms). */
export const PROMETHEUS_SHUTDOWN_GRACE_MS = 1000;

/** Where the endpoint listens. */
export interface PrometheusEndpointOptions {
  readonly host: string;
  readonly port: number;
  /** Path of the metrics, starting with `/`. */
  readonly endpoint: string;
}

/** A started endpoint. */
export interface PrometheusEndpoint {
  /** The metric reader to add to the meter provider whose metrics are served. */
  readonly exporter: PrometheusExporter;
  /** `http://host:port/path` of the metrics. */
  readonly url: string;
  /** Resolves once listening; rejects with `L0Error` `LISTEN_FAILED` (handled: never unhandled). */
  readonly ready: Promise<void>;
  /** Stops the server within the grace period (see the module doc). Idempotent; never rejects. */
  close(): Promise<void>;
}

function hostForUrl(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}

function listenError(error: unknown, options: PrometheusEndpointOptions, url: string): L0Error {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const where = `${options.host} port ${options.port}`;
  const reason =
    code === "EADDRINUSE"
      ? `${where} is already in use (EADDRINUSE)`
      : code === "EACCES"
        ? `no permission to listen on ${where} (EACCES)`
        : `cannot listen on ${where} (${code ?? String(error)})`;
  const field = code === "EADDRNOTAVAIL" || code === "ENOTFOUND" || code === "EAI_AGAIN" ? "prometheus.host" : "prometheus.port";
  const value = field === "prometheus.host" ? options.host : options.port;
  return new L0Error("LISTEN_FAILED", `l0: the Prometheus endpoint ${url} could not start: ${reason}`, {
    cause: error,
    details: { field, value },
  });
}

/**
 * Creates the exporter and starts listening. `graceMs` bounds `close()` (tests shorten it).
 */
export function startPrometheusEndpoint(options: PrometheusEndpointOptions, graceMs = PROMETHEUS_SHUTDOWN_GRACE_MS): PrometheusEndpoint {
  const { PrometheusExporter } = exporterPrometheus();
  const exporter = new PrometheusExporter({ host: options.host, port: options.port, endpoint: options.endpoint, preventServerStart: true });
  const url = `http://${hostForUrl(options.host)}:${options.port}${options.endpoint}`;
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let pathname: string | undefined;
    try {
      pathname = new URL(request.url ?? "/", "http://localhost").pathname;
    } catch {
      pathname = undefined;
    }
    if (pathname === options.endpoint) {
      exporter.getMetricsRequestHandler(request, response);
      return;
    }
    response.statusCode = pathname === undefined ? 400 : 404;
    response.end();
  });
  // Like the exporter's own server: the endpoint alone does not keep the process alive.
  server.unref();

  const ready = new Promise<void>((resolve, reject) => {
    const onError = (error: unknown): void => reject(listenError(error, options, url));
    server.once("error", onError);
    server.listen({ port: options.port, host: options.host }, () => {
      server.off("error", onError);
      server.on("error", (error) => diag.error("l0: Prometheus endpoint error", error));
      resolve();
    });
  });
  // Report a failed start through diag, and mark the rejection handled: awaiting `ready` still throws.
  ready.catch((error: unknown) => diag.error((error as Error).message, error));

  let closing: Promise<void> | undefined;
  return {
    exporter,
    url,
    ready,
    close() {
      closing ??= ready.then(
        () =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(() => server.closeAllConnections(), graceMs);
            timer.unref();
            server.close(() => {
              clearTimeout(timer);
              resolve();
            });
            server.closeIdleConnections();
          }),
        () => undefined,
      );
      return closing;
    },
  };
}
