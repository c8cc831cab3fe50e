/**
 * The ES module and CommonJS builds loaded together in one process (`dist/index.js` and
 * `dist/index.cjs`, as happens when an ESM app and a CJS dependency both use l0) share one
 * registration: a second registration from the other copy is refused as within one copy, calls of
 * either copy record into it, and an `L0Error` of one copy is recognised by the other
 * (`isL0Error` and `instanceof`; the two classes stay distinct objects).
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assertBuilt, ROOT } from "../helpers/package-root.js";

const SCRIPT = `
import { createRequire } from "node:module";
import { InMemorySpanExporter, SimpleSpanProcessor, BasicTracerProvider } from "@opentelemetry/sdk-trace-base";
const esm = await import(${JSON.stringify(join(ROOT, "dist/index.js"))});
const cjs = createRequire(import.meta.url)(${JSON.stringify(join(ROOT, "dist/index.cjs"))});
const { mockStreamFactory } = await import(${JSON.stringify(join(ROOT, "dist/testing/index.js"))});
const out = {};
out.sameClass = esm.L0Error === cjs.L0Error;
const fromCjs = new cjs.L0Error("PROVIDER_ERROR", "x");
const fromEsm = new esm.L0Error("PROVIDER_ERROR", "y");
out.cjsErrorIsEsm = [fromCjs instanceof esm.L0Error, esm.L0Error.isL0Error(fromCjs)];
out.esmErrorIsCjs = [fromEsm instanceof cjs.L0Error, cjs.L0Error.isL0Error(fromEsm)];
out.plainErrorIsL0 = new Error("z") instanceof esm.L0Error;

const exporter = new InMemorySpanExporter();
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const handle = esm.registerL0Instrumentation({ tracerProvider, cardinalityLimit: 100 });
out.sameHandle = cjs.registerL0Instrumentation() === handle;
try {
  cjs.registerL0Instrumentation({ tracerProvider, cardinalityLimit: 50 });
  out.conflict = "not thrown";
} catch (error) {
  out.conflict = { esmInstanceof: error instanceof esm.L0Error, code: error.code, field: error.details.field };
}
try {
  new cjs.L0Instrumentation();
  out.instrumentationConflict = "not thrown";
} catch (error) {
  out.instrumentationConflict = error.code;
}
for (const [copy, model] of [[esm, "esm"], [cjs, "cjs"]]) {
  const result = await copy.l0({ stream: mockStreamFactory([["a", "b"]]), monitoring: { enabled: true, model } });
  for await (const _ of result.stream) {}
}
out.spans = exporter.getFinishedSpans().filter((s) => s.attributes["l0.attempt.number"] === undefined).map((s) => s.name);
await cjs.registerL0Instrumentation().shutdown();
out.afterShutdown = esm.registerL0Instrumentation({ cardinalityLimit: 50 }) !== handle;
console.log(JSON.stringify(out));
`;

describe("ESM and CJS builds in one process", () => {
  it("share the registration and recognise each other's L0Error", () => {
    assertBuilt();
    const stdout = execFileSync(process.execPath, ["--input-type=module", "-e", SCRIPT], { cwd: ROOT, encoding: "utf8" });
    expect(JSON.parse(stdout)).toEqual({
      sameClass: false,
      cjsErrorIsEsm: [true, true],
      esmErrorIsCjs: [true, true],
      plainErrorIsL0: false,
      sameHandle: true,
      conflict: { esmInstanceof: true, code: "INVALID_OPTIONS", field: "cardinalityLimit" },
      instrumentationConflict: "INVALID_OPTIONS",
      spans: ["chat esm", "chat cjs"],
      afterShutdown: true,
    });
  });
});
