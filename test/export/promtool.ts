import { spawnSync } from "node:child_process";
import { requireSystemBinary } from "../system-binaries.js";

/** Result of `promtool check metrics` on a text exposition (read from stdin). */
export interface PromtoolResult {
  /** 0 = valid and lint-clean; 3 = lint problems; 1 = parse error. */
  status: number | null;
  output: string;
}

/** Pipes `text` to `promtool check metrics` (promtool from PATH). */
export function promtoolCheckMetrics(text: string): PromtoolResult {
  const run = spawnSync(requireSystemBinary("promtool"), ["check", "metrics"], { input: text, encoding: "utf8", timeout: 20_000 });
  if (run.error) throw run.error;
  return { status: run.status, output: `${run.stdout}${run.stderr}`.trim() };
}
