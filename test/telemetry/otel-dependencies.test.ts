/**
 * A fresh install of l0 gets one version of each OTel package. OTel's 0.x packages (the
 * Prometheus exporter) pin their 2.x siblings exactly, and npm cannot share one copy between
 * `core@2.12.0` (exact) and `core@^2.12.0` (which resolves to the newest 2.x), so l0 pins the SDK
 * packages to the versions its exporter pins; caret ranges are only used where every dependent
 * uses a caret range of the same major. No dependency is unused.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/package-root.js";

interface Manifest {
  version: string;
  dependencies?: Record<string, string>;
}

const manifest = (path: string): Manifest => JSON.parse(readFileSync(join(ROOT, path, "package.json"), "utf8")) as Manifest;
const l0Dependencies = manifest(".").dependencies ?? {};
const otel = Object.entries(l0Dependencies).filter(([name]) => name.startsWith("@opentelemetry/"));

function compatible(a: string, b: string): boolean {
  if (a === b) return true;
  const caret = /^\^(\d+)\.\d+\.\d+$/;
  const [ca, cb] = [caret.exec(a), caret.exec(b)];
  return ca !== null && cb !== null && ca[1] === cb[1] && ca[1] !== "0";
}

describe("OTel dependencies", () => {
  it.each(otel)("%s: every other l0 dependency asks for the same version", (name, spec) => {
    for (const [other] of otel) {
      const wanted = manifest(join("node_modules", other)).dependencies?.[name];
      if (wanted === undefined) continue;
      expect(compatible(wanted, spec), `${other} wants ${name}@${wanted}, l0 has ${spec}`).toBe(true);
    }
    if (/^\d/.test(spec)) expect(manifest(join("node_modules", name)).version).toBe(spec);
  });

  it("has no unused runtime dependency", () => {
    const used = new Set(
      ["api-logs", "core", "exporter-prometheus", "resources", "sdk-metrics", "sdk-trace-base", "semantic-conventions"].map(
        (n) => `@opentelemetry/${n}`,
      ),
    );
    expect(Object.keys(l0Dependencies).sort()).toEqual([...used].sort());
    const sources = ["src/telemetry/otel-sdk.ts", "src/telemetry/semconv-names.ts"]
      .map((f) => readFileSync(join(ROOT, f), "utf8"))
      .join("\n");
    for (const name of used) expect(sources, name).toContain(`"${name}"`);
  });
});
