/**
 * Vitest config of the second Sentry run (`scripts/test-sentry-10.sh`): the Sentry integration
 * tests with `@sentry/node` resolved from the app that script installed (`L0_SENTRY_APP_DIR`: the
 * packed l0 beside another major of `@sentry/node`) instead of the dev dependency. The harness
 * checks that the resolved SDK is the major named by `L0_SENTRY_MAJOR`.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const app = process.env["L0_SENTRY_APP_DIR"];
if (app === undefined || app === "") throw new Error("L0_SENTRY_APP_DIR must name the directory where @sentry/node is installed");

export default defineConfig({
  root: fileURLToPath(new URL("../../", import.meta.url)),
  resolve: { alias: [{ find: /^@sentry\/node$/, replacement: join(app, "node_modules/@sentry/node") }] },
  test: {
    include: ["test/integrations/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
