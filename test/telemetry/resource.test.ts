/**
 * Every pipeline l0 builds carries the SDK's default resource, the environment detector's
 * attributes (OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES) and a `service.instance.id` unique to
 * the process (a random UUID unless the environment sets one), so totals summed over processes
 * through a Collector stay exact.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { afterEach, describe, expect, it } from "vitest";
import { createEmbeddedMeterProvider } from "../../src/telemetry/pipeline.js";
import { registerL0Instrumentation, type L0InstrumentationHandle } from "../../src/telemetry/register-instrumentation.js";
import { l0Resource } from "../../src/telemetry/resource.js";
import { assertBuilt, ROOT } from "../helpers/package-root.js";
import { TestMetricReader } from "./otel-harness.js";
import { freePort } from "../helpers/free-port.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ENV = ["OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES"] as const;
const saved = Object.fromEntries(ENV.map((k) => [k, process.env[k]]));

let handle: L0InstrumentationHandle | undefined;
afterEach(async () => {
  await handle?.shutdown();
  handle = undefined;
  for (const k of ENV) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

function spanResource(h: L0InstrumentationHandle): Record<string, unknown> {
  const span = h.tracerProvider.getTracer("test").startSpan("s") as unknown as ReadableSpan & { end(): void };
  span.end();
  return span.resource.attributes;
}

describe("l0's resource", () => {
  it("is the SDK default plus one random service.instance.id per process", () => {
    delete process.env.OTEL_SERVICE_NAME;
    delete process.env.OTEL_RESOURCE_ATTRIBUTES;
    const attributes = l0Resource().attributes;
    expect(attributes["service.instance.id"]).toMatch(UUID);
    expect(attributes["service.name"]).toMatch(/^unknown_service/);
    expect(attributes["telemetry.sdk.name"]).toBe("opentelemetry");
    expect(l0Resource().attributes["service.instance.id"]).toBe(attributes["service.instance.id"]);
  });

  it("takes OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES, including an instance id set there", () => {
    process.env.OTEL_SERVICE_NAME = "checkout";
    process.env.OTEL_RESOURCE_ATTRIBUTES = "deployment.environment.name=test,service.instance.id=pod-7";
    expect(l0Resource().attributes).toMatchObject({
      "service.name": "checkout",
      "deployment.environment.name": "test",
      "service.instance.id": "pod-7",
    });
  });

  it("is the resource of the embedded tracer and meter providers", async () => {
    process.env.OTEL_SERVICE_NAME = "embedded-svc";
    handle = registerL0Instrumentation({ useGlobal: false });
    const attributes = spanResource(handle);
    expect(attributes["service.name"]).toBe("embedded-svc");
    expect(attributes["service.instance.id"]).toMatch(UUID);

    const reader = new TestMetricReader();
    const meterProvider = createEmbeddedMeterProvider([reader], 100);
    meterProvider.getMeter("test").createCounter("c").add(1);
    const { resourceMetrics } = await reader.collect();
    expect(resourceMetrics.resource.attributes["service.instance.id"]).toBe(attributes["service.instance.id"]);
    expect(resourceMetrics.resource.attributes["service.name"]).toBe("embedded-svc");
    await meterProvider.shutdown();
  });

  it("is the resource of registerL0Instrumentation({ prometheus }): target_info carries it", async () => {
    process.env.OTEL_SERVICE_NAME = "scraped-svc";
    const port = await freePort();
    handle = registerL0Instrumentation({ prometheus: { port } });
    await handle.ready;
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const targetInfo = text.split("\n").find((line) => line.startsWith("target_info{"));
    expect(targetInfo).toContain('service_name="scraped-svc"');
    expect(targetInfo).toContain(`service_instance_id="${l0Resource().attributes["service.instance.id"] as string}"`);
  });

  it("differs between processes", () => {
    assertBuilt();
    const script = `
      const l0 = require(${JSON.stringify(join(ROOT, "dist/index.cjs"))});
      const handle = l0.registerL0Instrumentation({ useGlobal: false });
      const span = handle.tracerProvider.getTracer("t").startSpan("s");
      console.log(span.resource.attributes["service.instance.id"]);`;
    const ids = [1, 2].map(() => execFileSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" }).trim());
    expect(ids[0]).toMatch(UUID);
    expect(ids[1]).toMatch(UUID);
    expect(ids[0]).not.toBe(ids[1]);
  });
});
