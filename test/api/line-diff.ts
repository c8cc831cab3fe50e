/**
 * A readable line diff of two texts (longest common subsequence), for test failure messages:
 * `- ` lines only in `before`, `+ ` lines only in `after`, a few unchanged lines around each change.
 */

/** The lines that differ between `before` and `after`, with `context` unchanged lines around them. */
export function lineDiff(before: string, after: string, context = 2): string {
  const a = before.split("\n");
  const b = after.split("\n");
  // common[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const common = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    const row = common[i] as number[];
    const below = common[i + 1] as number[];
    for (let j = b.length - 1; j >= 0; j--) {
      row[j] = a[i] === b[j] ? (below[j + 1] as number) + 1 : Math.max(below[j] as number, row[j + 1] as number);
    }
  }
  const ops: { mark: " " | "-" | "+"; line: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ mark: " ", line: a[i++] as string });
      j++;
    } else if (i < a.length && (j >= b.length || (common[i + 1]?.[j] as number) >= (common[i]?.[j + 1] as number))) {
      ops.push({ mark: "-", line: a[i++] as string });
    } else {
      ops.push({ mark: "+", line: b[j++] as string });
    }
  }
  const shown = ops.map((op, index) => ops.slice(Math.max(0, index - context), index + context + 1).some((near) => near.mark !== " "));
  const out: string[] = [];
  ops.forEach((op, index) => {
    if (shown[index]) out.push(`${op.mark} ${op.line}`);
    else if (shown[index - 1]) out.push("  ...");
  });
  return out.join("\n");
}
