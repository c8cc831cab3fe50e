/**
 * System programs some tests run (Prometheus's `prometheus` and `promtool`). A test that needs one
 * asks for it here first, so a machine without it fails with how to get it, not `spawn ENOENT`.
 */
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/** How to install each program the tests run. */
const INSTALL: Record<string, string> = {
  prometheus:
    "install Debian's prometheus package (`sudo apt-get install prometheus`; it ships prometheus and promtool), or put the binaries of a Prometheus release on PATH",
  promtool:
    "install Debian's prometheus package (`sudo apt-get install prometheus`; it ships prometheus and promtool), or put the binaries of a Prometheus release on PATH",
};

/** The absolute path of `name` on PATH, or undefined. */
function findOnPath(name: string): string | undefined {
  for (const dir of (process.env["PATH"] ?? "").split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** The path of `name` on PATH; throws naming how to install it when it is missing. */
export function requireSystemBinary(name: string): string {
  const found = findOnPath(name);
  if (found) return found;
  throw new Error(`\`${name}\` is not on PATH, and this test runs it: ${INSTALL[name] ?? `install ${name}`}. (.ci/run installs it.)`);
}
