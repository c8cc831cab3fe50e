import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", semconv: "src/semconv.ts", "testing/index": "src/testing/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "node20",
  splitting: false,
  treeshake: true,
  // `import.meta.url` (lazy loading of the OTel SDK through createRequire) in the CommonJS build.
  shims: true,
  // Module-level `Object.freeze(...)` constants stay removable when an app's bundler tree-shakes dist.
  esbuildOptions(options) {
    options.pure = ["Object.freeze"];
  },
});
