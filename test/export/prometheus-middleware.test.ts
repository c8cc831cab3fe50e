import http from "node:http";
import { diag, DiagLogLevel } from "@opentelemetry/api";
import connect from "connect";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { createPrometheusCollector, createPrometheusRegistry, prometheusMiddleware } from "../../src/index.js";
import { PROMETHEUS_CONTENT_TYPE } from "../../src/semconv.js";
import type { PrometheusSource } from "../../src/index.js";
import { minimalTelemetry } from "./fixtures.js";
import { listenOnFreePort } from "../helpers/free-port.js";
import { captureDiag } from "../helpers/diag-messages.js";

const servers: http.Server[] = [];

async function listen(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  return `http://127.0.0.1:${await listenOnFreePort(server)}`;
}

afterEach(async () => {
  diag.disable();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

function recordedCollector() {
  const collector = createPrometheusCollector({ defaultLabels: { service: "my-app" } });
  collector.record(minimalTelemetry("a"), { model: "gpt-4" });
  return collector;
}

describe("prometheusMiddleware", () => {
  it("serves the exposition from express with the text-format content type", async () => {
    const collector = recordedCollector();
    const app = express();
    app.get("/metrics", prometheusMiddleware(collector));
    const base = await listen(app);
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(PROMETHEUS_CONTENT_TYPE);
    expect(await res.text()).toBe(collector.expose());
    collector.record(minimalTelemetry("b"), { model: "gpt-4" });
    expect(await (await fetch(`${base}/metrics`)).text()).toContain('l0_requests_total{service="my-app",model="gpt-4"} 2\n');
  });

  it("serves from connect and from a bare node http server", async () => {
    const collector = recordedCollector();
    const app = connect();
    app.use("/metrics", prometheusMiddleware(collector));
    const viaConnect = await fetch(`${await listen(app)}/metrics`);
    expect(viaConnect.headers.get("content-type")).toBe(PROMETHEUS_CONTENT_TYPE);
    expect(await viaConnect.text()).toContain("l0_requests_total");

    const bare = await fetch(`${await listen(prometheusMiddleware(collector))}/anything`);
    expect(bare.status).toBe(200);
    expect(await bare.text()).toBe(collector.expose());

    const handler = prometheusMiddleware(collector);
    const inside = await listen((req, res) => {
      if (req.url === "/metrics") return handler(req, res);
      res.statusCode = 404;
      res.end();
    });
    expect((await fetch(`${inside}/metrics`)).status).toBe(200);
    expect((await fetch(`${inside}/other`)).status).toBe(404);
  });

  it("answers HEAD without a body and other methods with 405", async () => {
    const base = await listen(prometheusMiddleware(recordedCollector()));
    const head = await fetch(base, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    const post = await fetch(base, { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
  });

  it("answers 500 and logs through diag when collection fails, without crashing", async () => {
    const errors = captureDiag(DiagLogLevel.ERROR);
    const failing: PrometheusSource = {
      expose: () => "",
      metrics: () => Promise.reject(new Error("boom")),
    };
    const base = await listen(prometheusMiddleware(failing));
    const res = await fetch(base);
    expect(res.status).toBe(500);
    expect(await res.text()).toBe("failed to collect metrics\n");
    expect(errors).toEqual(["l0: /metrics handler failed"]);
    const throwing: PrometheusSource = {
      expose: () => {
        throw new Error("sync boom");
      },
    };
    expect((await fetch(await listen(prometheusMiddleware(throwing)))).status).toBe(500);
  });

  it("serves a registry (sync expose only sources too)", async () => {
    const registry = createPrometheusRegistry({ prefix: "app" });
    registry.setGauge("active_streams", "Active streams", 2);
    const syncOnly: PrometheusSource = { expose: () => registry.expose() };
    const body = await (await fetch(await listen(prometheusMiddleware(syncOnly)))).text();
    expect(body).toBe(registry.expose());
    expect(body).toContain("# HELP app_active_streams Active streams\n# TYPE app_active_streams gauge\napp_active_streams 2\n");
  });
});
