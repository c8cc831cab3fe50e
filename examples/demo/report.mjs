// What the demo prints: a live progress line while a call streams (TTY only), plain lines
// otherwise, and the summary table built from result.telemetry.

/** Live progress of one call: tokens, tokens/s and retries, redrawn at most every 100 ms on a TTY. */
export class Progress {
  /** @param {NodeJS.WriteStream} out */
  constructor(out) {
    this.out = out;
    this.tty = out.isTTY === true;
  }

  /** @param {number} index @param {number} total @param {{ name: string, what: string }} scenario */
  start(index, total, scenario) {
    this.label = `[${index}/${total}] ${scenario.name}`;
    this.started = performance.now();
    this.tokens = 0;
    this.retries = 0;
    this.lastDraw = 0;
    this.out.write(`${this.label}: ${scenario.what}\n`);
  }

  token() {
    this.tokens += 1;
    this.draw(false);
  }

  /** @param {{ reason?: string, kind?: string }} event */
  retry(event) {
    this.retries += 1;
    if (this.tty) this.draw(true);
    else this.out.write(`  retry ${this.retries}: ${event.reason ?? "unknown"} (${event.kind ?? "?"})\n`);
  }

  draw(force) {
    if (!this.tty) return;
    const now = performance.now();
    if (!force && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? this.tokens / seconds : 0;
    this.out.write(`\r\x1b[2K  ${this.tokens} tokens  ${rate.toFixed(1)} tokens/s  ${this.retries} retries`);
  }

  /** @param {string} outcome */
  end(outcome) {
    if (this.tty) this.out.write("\r\x1b[2K");
    this.out.write(`  → ${outcome}, ${this.tokens} tokens, ${this.retries} retries\n`);
  }
}

const fmt = (value, digits = 0) => (value === undefined || value === null ? "-" : Number(value).toFixed(digits));

/**
 * The summary table, one row per call, from each call's result.telemetry.
 * @param {Array<{ scenario: string, outcome: string, telemetry: import("l0").L0Telemetry | undefined }>} calls
 */
export function summaryTable(calls) {
  const header = [
    "scenario",
    "outcome",
    "tokens",
    "TTFT ms",
    "tokens/s",
    "duration ms",
    "retries net/model",
    "network errors",
    "guardrail",
    "drift",
  ];
  const rows = calls.map(({ scenario, outcome, telemetry: t }) => {
    if (t === undefined) return [scenario, outcome, "-", "-", "-", "-", "-", "-", "-", "-"];
    const errors = Object.entries(t.network.errorsByType)
      .map(([type, n]) => `${type}×${n}`)
      .join(" ");
    const rules = Object.entries(t.guardrails?.violationsByRule ?? {})
      .map(([rule, n]) => `${rule}×${n}`)
      .join(" ");
    return [
      scenario,
      outcome,
      String(t.metrics.totalTokens),
      fmt(t.metrics.timeToFirstToken),
      fmt(t.metrics.tokensPerSecond, 1),
      fmt(t.duration),
      `${t.metrics.networkRetries}/${t.metrics.modelRetries}`,
      errors || "-",
      rules || "-",
      t.drift?.detected ? t.drift.types.join(",") : "-",
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
