import { describe, expect, it } from "vitest";
import { latexRule } from "../../src/guardrails/latex-rule.js";
import { allViolations, chunks, itAcceptsInEveryChunking, streamThrough } from "./stream-through.js";

const FINE = [
  "\\begin{align*}\n  a &= b \\\\\n  c &= d\n\\end{align*}\n",
  "Inline $x^2 + y$ and display $$\\int_0^1 f$$ and \\[ a \\] and \\( b \\).",
  "$$\n\\begin{pmatrix} 1 & 2 \\end{pmatrix}\n$$\n",
  "It costs $5 and $10, or $ 3 total.",
  "Escaped \\$ sign and \\\\[2pt] spacing.",
  "In code: `\\end{x}` and `$unclosed`.",
  "```latex\n\\end{document}\n```\n",
  "\\begin{itemize}\n\\item one \\begin{enumerate}\\item a\\end{enumerate}\n\\end{itemize}",
];

describe("latexRule", () => {
  itAcceptsInEveryChunking(latexRule, FINE, [1, 3, 7, 64]);

  it("reports \\end that closes the wrong environment once the line is complete", () => {
    const text = "\\begin{itemize}\n\\item x\n\\end{enumerate}\nmore";
    const { streaming } = streamThrough(latexRule(), chunks(text, 2));
    expect(streaming).toEqual([
      expect.objectContaining({ rule: "latex-environments", severity: "error", recoverable: true, position: text.indexOf("\\end") }),
    ]);
    expect(streaming[0]!.message).toBe("LaTeX \\end closes a different environment");
    expect(streaming[0]!.excerpt).toBe("\\begin{itemize} … \\end{enumerate}");
  });

  it("handles a delta boundary inside \\begin{...}", () => {
    expect(streamThrough(latexRule(), ["\\beg", "in{eq", "uation}\nx\n\\en", "d{equation}\n"])).toEqual({ streaming: [], final: [] });
  });

  it.each([
    ["\\end{x} alone", "LaTeX \\end with no matching \\begin", "\\end{x}"],
    ["math \\] closes nothing", '"\\]" with no matching "\\["', undefined],
  ])("reports %j while streaming", (text, message, excerpt) => {
    const v = allViolations(latexRule(), `${text}\n`, 3);
    expect(v.map((x) => [x.message, x.excerpt])).toEqual([[message, excerpt]]);
  });

  it.each([
    ["\\begin{proof}\ntext", "Unclosed LaTeX environment", "\\begin{proof}"],
    ["$$\nx = 1\n", 'Unclosed math "$$"', undefined],
    ["\\[ a + b", 'Unclosed math "\\["', undefined],
  ])("reports %j at completion", (text, message, excerpt) => {
    const { streaming, final } = streamThrough(latexRule(), chunks(text, 2));
    expect(streaming).toEqual([]);
    expect(final.map((x) => [x.message, x.excerpt])).toEqual([[message, excerpt]]);
  });

  it("warns about inline $ left open on its line", () => {
    const v = allViolations(latexRule(), "Let $x + y be a sum.\n", 4);
    expect(v).toEqual([expect.objectContaining({ severity: "warning", position: 4 })]);
  });

  it("caps violations per attempt", () => {
    expect(allViolations(latexRule(), "\\end{a}\n".repeat(50), 8)).toHaveLength(10);
  });
});
