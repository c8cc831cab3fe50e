// What `import "l0"` costs an app: cold import time in a fresh process, against
// @opentelemetry/instrumentation-openai measured the same way in the same run, and the size of
// `import { l0 } from "l0"` bundled for Node, against a 40 KB gzipped budget.
import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

export const title = 'Import cost: cold import("l0") vs @opentelemetry/instrumentation-openai; bundled size of import { l0 }';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const RUNS = 25;
const BUNDLE_BUDGET_KB = 40;
const execFileAsync = promisify(execFile);

/** ms spent in `await import(specifier)` in a fresh Node process (startup excluded). */
async function coldImportMs(specifier) {
  const code = `const t = performance.now(); await import(${JSON.stringify(specifier)}); console.log(performance.now() - t);`;
  const { stdout } = await execFileAsync(process.execPath, ["--input-type=module", "-e", code], { cwd: ROOT });
  return Number(stdout.trim());
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** gzipped bytes of `export { l0 } from "l0"` bundled by esbuild (minified, tree-shaken, Node platform). */
async function bundledGzipBytes() {
  const result = await build({
    stdin: { contents: 'export { l0 } from "l0";', resolveDir: ROOT, loader: "js" },
    bundle: true,
    minify: true,
    treeShaking: true,
    platform: "node",
    format: "esm",
    write: false,
    logLevel: "error",
  });
  return gzipSync(result.outputFiles[0].contents).length;
}

export async function run() {
  const l0Times = [];
  const openaiTimes = [];
  // Alternate, so machine load affects both sides alike.
  for (let i = 0; i < RUNS; i++) {
    l0Times.push(await coldImportMs("l0"));
    openaiTimes.push(await coldImportMs("@opentelemetry/instrumentation-openai"));
  }
  const gzipKb = (await bundledGzipBytes()) / 1024;
  return [
    {
      name: `cold import("l0"), median of ${RUNS} fresh processes`,
      value: median(l0Times),
      unit: "ms",
      baseline: { name: 'import("@opentelemetry/instrumentation-openai")', value: median(openaiTimes) },
      target: "≤ 1x",
    },
    {
      name: "import { l0 } bundled by esbuild (minified, tree-shaken, node), gzipped",
      value: gzipKb,
      unit: "KB",
      baseline: { name: "budget", value: BUNDLE_BUDGET_KB },
      target: "≤ 1x",
    },
  ];
}
