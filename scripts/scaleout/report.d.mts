import type { ScaleoutReport } from "./harness.mjs";

/** The report of `runScaleout` as text tables. */
export function formatReport(report: ScaleoutReport): string;
