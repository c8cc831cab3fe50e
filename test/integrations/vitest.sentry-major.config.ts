/**
 * Vitest config of the second Sentry run (`scripts/test-sentry-10.sh`): the Sentry integration
 * tests with `@sentry/node` resolved from `L0_SENTRY_NODE_DIR` (a separate install of another
 * major) instead of the dev dependency. `L0_SENTRY_MAJOR` is checked by the harness.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const sentryDir = process.env["L0_SENTRY_NODE_DIR"];
if (sentryDir === undefined || sentryDir === "") throw new Error("L0_SENTRY_NODE_DIR must name the @sentry/node directory to test against");

export default defineConfig({
  root: fileURLToPath(new URL("../../", import.meta.url)),
  resolve: { alias: [{ find: /^@sentry\/node$/, replacement: sentryDir }] },
  test: {
    include: ["test/integrations/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
