// Lints the package as npm would publish it: packs it once (from the built dist/, without running
// prepack again), checks that the tarball ships the entry points, the types, LICENSE and README,
// then runs publint (strict) and @arethetypeswrong/cli on that tarball. Run by `npm test` after the build.
//   node scripts/lint-package.mjs
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const REQUIRED = [
  "LICENSE",
  "README.md",
  "package.json",
  "dist/index.js",
  "dist/index.cjs",
  "dist/index.d.ts",
  "dist/index.d.cts",
  "dist/testing/index.js",
  "dist/testing/index.cjs",
  "dist/testing/index.d.ts",
  "dist/testing/index.d.cts",
];

if (!existsSync(path.join(root, "dist", "index.js"))) {
  console.error("lint-package: dist/ is missing: run `npm run build` first (npm test does)");
  process.exit(1);
}
const out = mkdtempSync(path.join(tmpdir(), "l0-pack-"));
try {
  const [packed] = JSON.parse(
    execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", out], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    }),
  );
  const files = new Set(packed.files.map((file) => file.path));
  const missing = REQUIRED.filter((file) => !files.has(file));
  if (missing.length > 0) {
    console.error(`lint-package: the tarball lacks ${missing.join(", ")}`);
    process.exit(1);
  }
  const tarball = path.join(out, packed.filename);
  console.log(`lint-package: ${packed.filename}, ${files.size} files, ${(packed.size / 1024).toFixed(0)} kB packed`);
  execFileSync(bin("publint"), ["run", "--strict", tarball], { cwd: root, stdio: "inherit" });
  execFileSync(bin("attw"), [tarball], { cwd: root, stdio: "inherit" });
} catch (error) {
  if (error.status === undefined) throw error;
  process.exit(error.status ?? 1); // the tool printed why
} finally {
  rmSync(out, { recursive: true, force: true });
}
