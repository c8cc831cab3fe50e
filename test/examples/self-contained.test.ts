/**
 * Every example runs as a newcomer runs it, `node examples/<name>.mjs` with no variables and no
 * arguments: it starts its own stand-in sinks (no connection refused), exits 0 with nothing on
 * stderr, and writes only under the OS temp dir (nothing in the folder it was started from).
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ROOT } from "../helpers/package-root.js";
import { EXAMPLE_TEST_TIMEOUT_MS, runExample } from "../helpers/run-example.js";

vi.setConfig({ testTimeout: EXAMPLE_TEST_TIMEOUT_MS });

/** Examples that keep serving until stopped: their own tests start, drive and stop them. */
const SERVERS: Record<string, string> = {
  "demo.mjs": "test/e2e/demo.test.ts",
  "prometheus-express.mjs": "test/examples/prometheus-express.test.ts",
};

/** Variables that point an example at a real service instead of its stand-in. */
const ENDPOINT_VARIABLES = ["ANALYTICS_URL", "OTEL_EXPORTER_OTLP_ENDPOINT", "STATSD_HOST", "STATSD_PORT", "METRICS_PORT", "PORT"];

const EXAMPLES = readdirSync(join(ROOT, "examples")).filter((file) => file.endsWith(".mjs"));

/** The folders an example wrote to that it printed (`... to /tmp/l0-example-xyz/file`). */
const printedPaths = (stdout: string): string[] => [...stdout.matchAll(/(\/\S*l0-example-[^/\s]+)/g)].map((m) => m[1] as string);

describe("every example runs by itself", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("covers every script of examples/ (the servers by their own tests)", () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(14);
    for (const server of Object.keys(SERVERS)) expect(EXAMPLES).toContain(server);
  });

  for (const example of EXAMPLES.filter((file) => !(file in SERVERS))) {
    it(`${example}: stand-in sinks, exit 0, files only under the temp dir`, async () => {
      const cwd = mkdtempSync(join(tmpdir(), "l0-example-cwd-"));
      const temp = mkdtempSync(join(tmpdir(), "l0-example-tmp-"));
      dirs.push(cwd, temp);
      const env = { TMPDIR: temp, ...Object.fromEntries(ENDPOINT_VARIABLES.map((name) => [name, undefined])) };
      const run = await runExample(example, [], { cwd, env });
      expect({ code: run.code, stderr: run.stderr }, run.stdout).toEqual({ code: 0, stderr: "" });
      expect(readdirSync(cwd), "files left in the folder it was started from").toEqual([]);
      for (const path of printedPaths(run.stdout)) expect(path.startsWith(temp), `${path} is outside ${temp}`).toBe(true);
    });
  }
});
