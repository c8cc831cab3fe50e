import { describe, expect, it } from "vitest";
import { markdownRule, tableCells } from "../../src/guardrails/markdown-rule.js";
import { allViolations, chunks, itAcceptsInEveryChunking, streamThrough } from "./stream-through.js";

const FINE = [
  "# Title\n\n```ts\nconst a = 1;\n```\n\nDone.",
  "~~~\ncode with ``` inside\n~~~\n",
  "````md\n```js\nnested\n```\n````\n",
  "Use ```js to start a block inline; it is not a fence.\n",
  "Indented code:\n\n    ```\n    not a fence\n\nText after.",
  "1. Install:\n   ```bash\n   npm i l0\n   ```\n2. Run it.\n",
  "- item\n    ```js\n    x()\n    ```\n- next\n",
  "| a | b |\n|---|:-:|\n| `x|y` | 2 |\n| c \\| d | 3 |\n\nAfter the table | with a pipe.",
  "```\nunlabelled\n```",
  "No markdown at all, just a sentence.",
];

describe("markdownRule", () => {
  itAcceptsInEveryChunking(markdownRule, FINE, [1, 2, 5, 64]);

  it("reports an unclosed fence only at completion, at the fence's offset", () => {
    const text = "Intro\n```python\nprint(1)\n";
    const { streaming, final } = streamThrough(markdownRule(), chunks(text, 2));
    expect(streaming).toEqual([]);
    expect(final).toEqual([
      expect.objectContaining({
        rule: "markdown-structure",
        severity: "error",
        recoverable: true,
        position: 6,
        message: "Unclosed code fence",
      }),
    ]);
  });

  it("does not close a fence with an info string, a shorter fence or the other character", () => {
    for (const text of ["```js\ncode\n```js\n", "````\ncode\n```\n", "```\ncode\n~~~\n"]) {
      expect(allViolations(markdownRule(), text, 3).map((v) => v.message)).toEqual(["Unclosed code fence"]);
    }
  });

  it("reports a table row with a different column count as a warning once the row is complete", () => {
    const text = "| a | b | c |\n| - | - | - |\n| 1 | 2 | 3 |\n| 4 | 5 |\n";
    const { streaming, final } = streamThrough(markdownRule(), chunks(text, 4));
    expect(final).toEqual([]);
    expect(streaming).toEqual([
      expect.objectContaining({ rule: "markdown-structure", severity: "warning", position: text.indexOf("| 4") }),
    ]);
    expect(streaming[0]!.message).toBe("Table row has 2 columns, the header has 3");
  });

  it("reports a delimiter row that does not match the header", () => {
    const v = allViolations(markdownRule(), "| a | b |\n|---|---|---|\n", 5);
    expect(v.map((x) => x.message)).toEqual(["Table delimiter row has 3 columns, the header has 2"]);
  });

  it("ignores tables inside code fences and checks the last line at completion", () => {
    expect(allViolations(markdownRule(), "```\n| a | b |\n|---|---|\n| 1 |\n```\n", 3)).toEqual([]);
    expect(allViolations(markdownRule(), "| a | b |\n|---|---|\n| 1 |", 3).map((x) => x.severity)).toEqual(["warning"]);
  });

  it("splits cells outside inline code and escaped pipes", () => {
    expect(tableCells("| `a|b` | c \\| d | e |")).toHaveLength(3);
    expect(tableCells("no pipes here")).toBeUndefined();
  });

  it("resets per attempt", () => {
    const rule = markdownRule().instantiate!();
    streamThrough(rule, ["```\nopen"]);
    rule.reset!();
    expect(streamThrough(rule, ["fine text"])).toEqual({ streaming: [], final: [] });
  });
});
