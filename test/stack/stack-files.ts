/**
 * Reads the observability stack's files (compose file, collector, Prometheus and Grafana configs).
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

/** Repository root. */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Absolute path of a file of the repository. */
export function repoPath(...parts: string[]): string {
  return join(ROOT, ...parts);
}

/** Parses a YAML file of the repository. */
export function readYaml(...parts: string[]): Record<string, unknown> {
  return parse(readFileSync(repoPath(...parts), "utf8")) as Record<string, unknown>;
}

/** Path of the l0 Grafana dashboard. */
export const DASHBOARD_FILE = repoPath("observability", "grafana", "dashboards", "l0.json");
