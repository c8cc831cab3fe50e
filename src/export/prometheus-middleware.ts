/**
 * `prometheusMiddleware`: serves an exposition from express, connect or a bare node `http` server.
 */
import { diag } from "@opentelemetry/api";
import { PROMETHEUS_CONTENT_TYPE } from "./prometheus-names.js";
import type { PrometheusSource } from "./prometheus-registry.js";

/** The part of a node `IncomingMessage` (or express/connect request) the middleware reads. */
export interface MetricsRequest {
  method?: string | undefined;
}

/** The part of a node `ServerResponse` (or express/connect response) the middleware writes. */
export interface MetricsResponse {
  statusCode: number;
  readonly headersSent: boolean;
  setHeader(name: string, value: string): unknown;
  end(body?: string): unknown;
}

/** A request handler usable as `app.get("/metrics", h)`, `app.use("/metrics", h)` or `http.createServer(h)`. */
export type MetricsHandler = (req: MetricsRequest, res: MetricsResponse, next?: (error?: unknown) => void) => void;

/**
 * Returns a handler that answers with the source's current exposition
 * (`Content-Type: text/plain; version=0.0.4; charset=utf-8`), using the async `metrics()` when the
 * source has one. GET and HEAD are served; other methods get 405. A failing collection answers 500
 * and is logged through `diag`; the handler never throws and never calls `next` with an error.
 */
export function prometheusMiddleware(source: PrometheusSource): MetricsHandler {
  return (req, res) => {
    void serve(source, req, res);
  };
}

async function serve(source: PrometheusSource, req: MetricsRequest, res: MetricsResponse): Promise<void> {
  try {
    const method = (req.method ?? "GET").toUpperCase();
    if (method !== "GET" && method !== "HEAD") {
      res.statusCode = 405;
      res.setHeader("Allow", "GET, HEAD");
      res.end();
      return;
    }
    const body = typeof source.metrics === "function" ? await source.metrics() : source.expose();
    res.statusCode = 200;
    res.setHeader("Content-Type", PROMETHEUS_CONTENT_TYPE);
    res.end(method === "HEAD" ? undefined : body);
  } catch (error) {
    diag.error("l0: /metrics handler failed", error);
    try {
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader("Content-Type", "text/plain; charset=utf-8");
      }
      res.end(res.headersSent ? undefined : "failed to collect metrics\n");
    } catch (inner) {
      diag.error("l0: /metrics handler could not send its error response", inner);
    }
  }
}
