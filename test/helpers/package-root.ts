/**
 * The repository root, the built package that examples and snippets import, and the `tsx` loader
 * that runs TypeScript files in a child Node process.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** Repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** `--import` value that lets a child Node process run `.ts` files (the `tsx` loader's file URL). */
export const TSX_LOADER = pathToFileURL(createRequire(join(ROOT, "package.json")).resolve("tsx")).href;

/** Throws unless `npm run build` has produced the package entry points the examples import. */
export function assertBuilt(): void {
  for (const entry of ["dist/index.js", "dist/testing/index.js"]) {
    if (!existsSync(join(ROOT, entry))) throw new Error(`${entry} is missing: run \`npm run build\` first (npm test does)`);
  }
}
