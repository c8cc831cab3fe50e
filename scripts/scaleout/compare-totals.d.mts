import type { ComparedRow } from "./harness.mjs";

/** One total to compare: a PromQL expression and its truth (a number, or values by label). */
export interface TotalRow {
  what: string;
  expr: string;
  by?: string[];
  truth: number | Map<string, number>;
  /** A sum of float seconds over this many observations. */
  seconds?: number;
}
/** True when `actual` equals `expected` (a sum of `observations` float seconds: within 0.5 µs each). */
export function same(expected: number, actual: number, observations?: number): boolean;
/** Evaluates every row at `timeMs` and compares it with its truth. */
export function compareTotals(
  prometheus: {
    query(expr: string, timeMs?: number): Promise<{ result: Array<{ metric: Record<string, string>; value?: [number, string] }> }>;
  },
  rows: TotalRow[],
  timeMs: number,
): Promise<ComparedRow[]>;
