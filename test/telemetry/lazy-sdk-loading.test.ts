/**
 * `import "l0"` loads no OTel SDK package: they load when a monitored call needs l0's embedded
 * pipeline or an API that needs the SDK is called (here `createPrometheusCollector()`), for the ES
 * module build and the CommonJS build. Checked in a fresh process against the built package.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assertBuilt, ROOT } from "../helpers/package-root.js";

const SDK_PACKAGES = [
  "@opentelemetry/core",
  "@opentelemetry/exporter-prometheus",
  "@opentelemetry/resources",
  "@opentelemetry/sdk-metrics",
  "@opentelemetry/sdk-trace-base",
];

function script(load: string): string {
  return `
const { createRequire } = await import("node:module");
const req = createRequire(${JSON.stringify(join(ROOT, "package.json"))});
const loaded = () => [...new Set(Object.keys(req.cache).map((k) => /node_modules\\/(@opentelemetry\\/[^/]+)/.exec(k)?.[1]).filter(Boolean))].sort();
const steps = {};
const l0pkg = ${load};
steps.import = loaded();
const { mockStreamFactory } = await import(${JSON.stringify(join(ROOT, "dist/testing/index.js"))});
const drain = async (result) => { for await (const _ of result.stream) {} return result; };
await drain(await l0pkg.l0({ stream: mockStreamFactory([["a", "b"]]) }));
steps.unmonitored = loaded();
const monitored = await drain(await l0pkg.l0({ stream: mockStreamFactory([["a", "b"]]), monitoring: { enabled: true } }));
steps.telemetry = monitored.telemetry.metrics.totalTokens;
steps.monitored = loaded();
l0pkg.createPrometheusCollector().record(monitored.telemetry);
steps.collector = loaded();
console.log(JSON.stringify(steps));
`;
}

function run(load: string): { import: string[]; unmonitored: string[]; monitored: string[]; collector: string[]; telemetry: number } {
  assertBuilt();
  return JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script(load)], { cwd: ROOT, encoding: "utf8" })) as never;
}

const sdk = (names: string[]): string[] => names.filter((name) => SDK_PACKAGES.includes(name));

describe.each([
  ["ES module build", `await import(${JSON.stringify(join(ROOT, "dist/index.js"))})`],
  ["CommonJS build", `req(${JSON.stringify(join(ROOT, "dist/index.cjs"))})`],
])("%s", (_name, load) => {
  it("loads the OTel SDK only when the embedded pipeline or an SDK-backed API is used", () => {
    const steps = run(load);
    expect(steps.import).toContain("@opentelemetry/api");
    expect(sdk(steps.import)).toEqual([]);
    expect(sdk(steps.unmonitored)).toEqual([]);
    // a monitored call with no SDK registered: the embedded tracer provider (and resource); its
    // meter provider has no reader, so it is the API's no-op and the metrics SDK stays unloaded
    expect(steps.telemetry).toBe(2);
    expect(sdk(steps.monitored)).toEqual(["@opentelemetry/core", "@opentelemetry/resources", "@opentelemetry/sdk-trace-base"]);
    expect(sdk(steps.collector)).toEqual(SDK_PACKAGES);
  });
});
