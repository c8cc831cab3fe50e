/**
 * The public surface of `l0`, `l0/semconv` and `l0/testing` (every export's name and kind, the
 * signatures of functions and classes, the types of constants), read from the built `dist/*.d.ts`,
 * is the committed `api-report.txt`. A change to the surface fails here until the report is
 * regenerated on purpose: `UPDATE_API_REPORT=1 npx vitest run test/api` (after `npm run build`),
 * and the change to `api-report.txt` is reviewed with the code.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { apiReport, entryPoints } from "./api-surface.js";
import { lineDiff } from "./line-diff.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const REPORT = join(ROOT, "test", "api", "api-report.txt");
const UPDATE_COMMAND = "UPDATE_API_REPORT=1 npx vitest run test/api";

describe("API report", () => {
  const actual = apiReport(ROOT);

  it("covers every entry point of package.json exports", () => {
    expect(entryPoints(ROOT)).toEqual([
      { specifier: "l0", types: "dist/index.d.ts" },
      { specifier: "l0/testing", types: "dist/testing/index.d.ts" },
      { specifier: "l0/semconv", types: "dist/semconv.d.ts" },
    ]);
    expect(actual).toContain("# l0 (dist/index.d.ts)\n\n");
    expect(actual).toContain("\nfunction l0(options: L0Options): Promise<L0Result>;\n");
    expect(actual).toContain("\ntype L0Options\n");
    expect(actual).toContain('\nconst ATTR_ERROR_TYPE: "error.type"\n');
    expect(actual).toContain("\nclass L0Error extends Error {\n");
  });

  it("matches the committed api-report.txt", () => {
    if (process.env.UPDATE_API_REPORT === "1") writeFileSync(REPORT, actual);
    const expected = readFileSync(REPORT, "utf8");
    if (actual !== expected) {
      expect.fail(
        `The public API changed (- committed test/api/api-report.txt, + built dist/*.d.ts):\n\n` +
          `${lineDiff(expected, actual)}\n\n` +
          `If the change is intended, regenerate the report with \`${UPDATE_COMMAND}\` ` +
          "(after `npm run build`) and commit test/api/api-report.txt with the change.",
      );
    }
  });
});
