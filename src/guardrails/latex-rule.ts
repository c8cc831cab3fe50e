/**
 * `latexRule()`: LaTeX environments and math delimiters, incrementally, line by line.
 */
import type { GuardrailRule, GuardrailSeverity } from "../types/guardrails.js";
import { LineRule, maskInlineCode } from "./line-rule.js";

/** Rule (and violation) name of {@link latexRule}. */
export const LATEX_RULE_NAME = "latex-environments";

const MAX_PER_ATTEMPT = 10;
const TOKEN = /\\\\|\\\$|\\(?:begin|end)\{[^{}\n]{0,64}\}|\\[[\]()]|\$\$|\$/g;

/**
 * LaTeX structure outside code (fenced, indented and inline code are skipped):
 * - `\end{x}` that does not close the innermost `\begin{…}`, or has nothing to close; `\]` / `\)`
 *   with nothing open: severity `error`, recoverable, reported as soon as the line is complete;
 * - inline `$…$` left open at the end of its line: `warning` (a `$` followed by a digit or a space
 *   does not open math, so prices such as "$5 and $10" are fine);
 * - at completion, environments, `$$`, `\[` or `\(` still open: `error`, recoverable.
 * At most ten violations per attempt. Stateful: implements `reset()` and `instantiate()`.
 */
export function latexRule(): GuardrailRule {
  return new LatexRule();
}

class LatexRule extends LineRule {
  readonly name = LATEX_RULE_NAME;
  readonly description = "LaTeX environments and math delimiters must be balanced";
  private envs: { name: string; offset: number }[] = [];
  private display: { kind: "$$" | "\\[" | "\\("; offset: number } | undefined;
  private reported = 0;

  instantiate(): GuardrailRule {
    return new LatexRule();
  }

  protected finish(): void {
    for (const env of this.envs) this.report("Unclosed LaTeX environment", env.offset, "error", `\\begin{${env.name}}`);
    this.envs = [];
    if (this.display !== undefined) this.report(`Unclosed math "${this.display.kind}"`, this.display.offset);
    this.display = undefined;
  }

  protected clear(): void {
    this.envs = [];
    this.display = undefined;
    this.reported = 0;
  }

  protected line(raw: string, offset: number): void {
    if (this.fences.line(raw, offset) !== "text") return;
    if (!raw.includes("\\") && !raw.includes("$")) return;
    const line = maskInlineCode(raw, " ");
    let inline: number | undefined;
    TOKEN.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = TOKEN.exec(line)) !== null) {
      const tok = m[0];
      const at = offset + m.index;
      if (tok === "\\\\" || tok === "\\$") continue;
      if (tok === "$") {
        if (this.display !== undefined) continue;
        if (inline === undefined) {
          const next = line.charCodeAt(m.index + 1);
          const opens = m.index + 1 < line.length && !(next === 0x20 || next === 0x09 || (next >= 0x30 && next <= 0x39));
          if (opens) inline = at;
        } else if (line.charCodeAt(m.index - 1) !== 0x20) inline = undefined;
        continue;
      }
      if (tok === "$$" || tok === "\\[" || tok === "\\(") {
        if (tok === "$$" && this.display?.kind === "$$") this.display = undefined;
        else if (this.display === undefined && inline === undefined) this.display = { kind: tok, offset: at };
        continue;
      }
      if (tok === "\\]" || tok === "\\)") {
        const want = tok === "\\]" ? "\\[" : "\\(";
        if (this.display?.kind === want) this.display = undefined;
        else if (inline === undefined) this.report(`"${tok}" with no matching "${want}"`, at);
        continue;
      }
      const name = tok.slice(tok.indexOf("{") + 1, -1).trim();
      if (tok.startsWith("\\begin")) this.envs.push({ name, offset: at });
      else this.end(name, at);
    }
    if (inline !== undefined) {
      this.report('Inline math "$" is not closed on its line', inline, "warning");
    }
  }

  private end(name: string, at: number): void {
    const open = this.envs[this.envs.length - 1];
    if (open === undefined) {
      this.report("LaTeX \\end with no matching \\begin", at, "error", `\\end{${name}}`);
      return;
    }
    if (open.name === name) {
      this.envs.pop();
      return;
    }
    // Recover: close up to a matching \begin further out, if any.
    const index = this.envs.map((e) => e.name).lastIndexOf(name);
    this.report("LaTeX \\end closes a different environment", at, "error", `\\begin{${open.name}} … \\end{${name}}`);
    if (index !== -1) this.envs.length = index;
  }

  private report(message: string, position: number, severity: Exclude<GuardrailSeverity, "fatal"> = "error", excerpt?: string): void {
    if (this.reported >= MAX_PER_ATTEMPT) return;
    this.reported++;
    this.add({ rule: LATEX_RULE_NAME, message, severity, recoverable: true, position, ...(excerpt !== undefined && { excerpt }) });
  }
}
