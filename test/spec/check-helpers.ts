/**
 * Small readers and assertions shared by the per-example checks.
 */
import { createSocket, type Socket } from "node:dgram";
import { expect } from "vitest";
import type { ExampleRun } from "./run-example.js";

/** The mock model's whole answer (prelude `ANSWER_TOKENS`). */
export const ANSWER = "Hello from the mock model.";
/** Token events in {@link ANSWER}. */
export const ANSWER_TOKEN_COUNT = 5;
/** Session ids made by l0. */
export const SESSION_ID = /^l0_\d+_[a-z0-9]+$/;

/** The values of probe `name` (fails when it was not printed). */
export function probes(run: ExampleRun, name: string): unknown[] {
  const values = run.probes.get(name);
  expect(values, `${run.name} printed no @@${name}\n${run.stdout}\n${run.stderr}`).toBeDefined();
  return values as unknown[];
}

/** The single value of probe `name`. */
export function probe<T = Record<string, any>>(run: ExampleRun, name: string): T {
  const values = probes(run, name);
  expect(values, `@@${name} printed more than once`).toHaveLength(1);
  return values[0] as T;
}

/** The lines the example printed that are not probes. */
export function printed(run: ExampleRun): string {
  return run.stdout
    .split("\n")
    .filter((line) => !line.startsWith("@@"))
    .join("\n");
}

/** Asserts the example exited 0 on its own, with nothing on stderr. */
export function expectCleanExit(run: ExampleRun, allowedStderr?: RegExp): void {
  const stderr = allowedStderr ? run.stderr.replace(allowedStderr, "").trim() : run.stderr.trim();
  expect({ code: run.code, timedOut: run.timedOut, stderr }, `${run.name}\n${run.stdout}`).toEqual({
    code: 0,
    timedOut: false,
    stderr: "",
  });
}

/** The number printed after `label` (e.g. `Duration: 12.3 ms`). */
export function numberAfter(text: string, label: string): number {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(`${escaped}\\s*(-?\\d+(?:\\.\\d+)?(?:e[-+]?\\d+)?)`).exec(text);
  expect(match, `no number after "${label}" in:\n${text}`).not.toBeNull();
  return Number((match as RegExpExecArray)[1]);
}

/** Asserts that a positive number is printed after each of `labels`. */
export function expectPositiveAfter(text: string, labels: readonly string[]): void {
  for (const label of labels) expect(numberAfter(text, label), label).toBeGreaterThan(0);
}

/** A local UDP socket collecting StatsD lines. */
export interface StatsdSink {
  port: number;
  lines: string[];
  close(): Promise<void>;
}

/** Opens a UDP socket on 127.0.0.1 that records every StatsD line it receives. */
export async function openStatsdSink(): Promise<StatsdSink> {
  const socket: Socket = createSocket("udp4");
  const lines: string[] = [];
  socket.on("message", (message) => lines.push(...message.toString("utf8").split("\n").filter(Boolean)));
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  return {
    port: socket.address().port,
    lines,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

/** The StatsD gauges received, by name. */
export function gauges(lines: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of lines) {
    const match = /^([^:]+):([^|]+)\|g/.exec(line);
    if (match) out[match[1] as string] = Number(match[2]);
  }
  return out;
}

/** One sample line of a Prometheus text exposition. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The sample lines of a Prometheus text exposition. */
export function samples(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split("\n")) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)$/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[pair[1] as string] = pair[2] as string;
    out.push({ name: match[1] as string, labels, value: Number(match[3]) });
  }
  return out;
}

/** The `# TYPE` declarations of an exposition, by metric name. */
export function types(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const match of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) out[match[1] as string] = match[2] as string;
  return out;
}

/** The value of the one sample named `name` whose labels include `labels`. */
export function sampleValue(text: string, name: string, labels: Record<string, string> = {}): number {
  const found = samples(text).filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  expect(found, `${name}${JSON.stringify(labels)} in:\n${text}`).toHaveLength(1);
  return (found[0] as Sample).value;
}
