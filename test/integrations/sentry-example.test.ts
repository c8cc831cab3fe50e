/**
 * The built package: examples/sentry.mjs runs against dist (as `npm test` builds it first) and
 * prints what Sentry would receive; l0's bundles never reference `@sentry/node` (optional peer).
 * In the Sentry 10 run (`scripts/test-sentry-10.sh`) the example runs inside the app that script
 * installed (`L0_SENTRY_APP_DIR`: the packed l0 beside `@sentry/node@10`).
 */
import { execFile } from "node:child_process";
import { copyFileSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { SENTRY_IS_OTEL_BY_DEFAULT } from "./sentry-harness.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const dist = (file: string) => fileURLToPath(new URL(`../../dist/${file}`, import.meta.url));

function requireBuild(): void {
  if (!existsSync(dist("index.js"))) throw new Error("dist/index.js is missing: run `npm run build` (npm test does)");
}

/** The output of one `=== title` section. */
function section(output: string, title: string): string {
  const start = output.indexOf(`=== ${title}`);
  expect(start, `section "${title}"`).toBeGreaterThanOrEqual(0);
  const end = output.indexOf("\n=== ", start + 4);
  return output.slice(start, end === -1 ? undefined : end);
}

describe("Sentry and the built package", () => {
  it("the bundles and their types never import @sentry/* (it is an optional peer)", () => {
    requireBuild();
    // A static import/export statement, or a dynamic import()/require() of @sentry/*.
    const staticImport = /^\s*(?:import|export)\b[^\n]*["']@sentry\//m;
    const dynamicImport = /\b(?:require|import)\s*\(\s*["']@sentry\//;
    for (const file of ["index.js", "index.cjs", "index.d.ts", "index.d.cts", "testing/index.js"]) {
      const text = readFileSync(dist(file), "utf8");
      expect(text.length, file).toBeGreaterThan(0);
      expect(text, file).not.toMatch(staticImport);
      expect(text, file).not.toMatch(dynamicImport);
    }
    // The patterns do catch imports.
    expect('x;\nimport * as Sentry from "@sentry/node";').toMatch(staticImport);
    expect('export type { Scope } from "@sentry/core";').toMatch(staticImport);
    expect('const s = require("@sentry/node");').toMatch(dynamicImport);
    expect('await import("@sentry/node")').toMatch(dynamicImport);
  });

  it("the built package loads and works with @sentry/node unresolvable", async () => {
    requireBuild();
    // A resolve hook that makes every @sentry/* specifier fail, as if the peer were not installed.
    const hooks = `export async function resolve(specifier, context, next) {
      if (specifier.startsWith("@sentry/")) throw new Error("blocked " + specifier);
      return next(specifier, context);
    }`;
    const register = `import { register } from "node:module"; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});`;
    const script = `
      await import("@sentry/node").then(() => console.log("sentry loaded"), () => console.log("sentry blocked"));
      const m = await import("./dist/index.js");
      const t = await import("./dist/testing/index.js");
      const r = await m.l0({ stream: t.mockStreamFactory([["ok"]]) });
      let text = "";
      for await (const e of r.stream) if (e.type === "token") text += e.value;
      console.log(typeof m.sentryInterceptor, typeof m.withSentry, typeof m.createSentryIntegration, text);`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", `data:text/javascript,${encodeURIComponent(register)}`, "--input-type=module", "-e", script],
      { cwd: root, timeout: 30_000 },
    );
    expect(stdout.trim().split("\n")).toEqual(["sentry blocked", "function function function ok"]);
  });

  it("examples/sentry.mjs prints the events, breadcrumbs, spans and contexts Sentry would receive", async () => {
    requireBuild();
    const app = process.env["L0_SENTRY_APP_DIR"];
    if (app !== undefined && app !== "") copyFileSync(join(root, "examples/sentry.mjs"), join(app, "sentry.mjs"));
    const [cwd, script] = app !== undefined && app !== "" ? [app, "sentry.mjs"] : [root, "examples/sentry.mjs"];
    const { stdout } = await promisify(execFile)(process.execPath, [script], { cwd, timeout: 30_000 });

    const clean = section(stdout, "clean call (interceptor)");
    expect(clean).toContain('-> ok: "Hello from l0"');
    expect(clean).not.toContain("[ERROR]");
    const retried = section(stdout, "retried network error (interceptor)");
    expect(retried).toContain('-> ok: "Hello again"');
    expect(retried).not.toContain("[ERROR]");
    if (SENTRY_IS_OTEL_BY_DEFAULT) {
      // Sentry is the global OTel provider: l0's own spans are the calls' spans, no l0.execution twins.
      expect(stdout).not.toContain("l0.execution");
      expect(clean).toMatch(/\[TRANSACTION\] chat \(\d+ms, ok\) {2}Data: l0\.tokens=3, l0\.retries\.total=0/);
      expect(clean).toMatch(/└── l0\.attempt \(\d+ms, ok\)/);
      expect(retried).toMatch(/\[TRANSACTION\] chat .*l0\.retries\.total=1/);
      expect(retried.match(/└── l0\.attempt/g)).toHaveLength(2);
    } else {
      expect(clean).toMatch(/\[TRANSACTION\] l0\.execution \(\d+ms, ok\) {2}Data: tokens=3, ttft_ms=\d+/);
      expect(clean).toMatch(/└── l0\.stream\.consume \(\d+ms, ok\) {2}Data: tokens=3/);
      expect(retried).toMatch(/l0\.execution .*retries=1, network_errors=1/);
    }

    const failed = section(stdout, "final failure (interceptor)");
    expect(failed.match(/\[ERROR\]/g)).toHaveLength(1);
    expect(failed).toContain("component=l0.network, error_type=econnreset");
    expect(failed).toContain("Breadcrumb [warning] l0.retry: Retry attempt 2");
    expect(failed).toMatch(/Context l0_telemetry: \{"session_id":"l0_[^"]+",.*"retries":1,"network_errors":2/);
    // One request's trail: only this call's breadcrumbs (each scenario runs in its own isolation scope).
    expect(failed.match(/l0: L0 execution started/g)).toHaveLength(1);
    expect(failed).toMatch(
      SENTRY_IS_OTEL_BY_DEFAULT ? /\[TRANSACTION\] chat \(\d+ms, internal_error\)/ : /\[TRANSACTION\] l0\.execution \(\d+ms, error\)/,
    );

    const guardrail = section(stdout, "guardrail violation (interceptor)");
    expect(guardrail).toContain("[ERROR] Guardrail violation: no-secrets");
    expect(guardrail).toContain("component=l0.guardrails, guardrail_rule=no-secrets, guardrail_severity=error");
    expect(guardrail).toContain('Context guardrail: {"rule":"no-secrets","message":"Output contains a password"');

    const wrapped = section(stdout, "clean call (withSentry)");
    expect(wrapped).toContain('-> ok: "Wrapped call"');
    if (SENTRY_IS_OTEL_BY_DEFAULT) {
      expect(wrapped).toMatch(/\[TRANSACTION\] chat .*l0\.tokens=2/);
      expect(wrapped).toContain("└── l0.attempt");
    } else {
      expect(wrapped).toMatch(/\[TRANSACTION\] l0\.execution .*tokens=2/);
      expect(wrapped).toContain("└── l0.stream.consume");
    }
  });
});
