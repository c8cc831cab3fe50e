/**
 * Extracts the fenced code blocks of a markdown document with the headings they sit under, and
 * names each one `<document>-<h2>-<h3>` (kebab-case) for its example file.
 */

/** One fenced code block of a spec document. */
export interface SpecBlock {
  /** Document file name, e.g. `MONITORING.md`. */
  document: string;
  /** Fence language (`typescript`, `promql`, or empty). */
  language: string;
  /** The `##` heading above the block. */
  section: string;
  /** The `###` heading above the block (empty when the block sits directly under a `##`). */
  subsection: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The block's text, without the fences, ending without a newline. */
  code: string;
  /** Example file base name (no extension), unique within the document. */
  name: string;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** Document prefix of example names: `MONITORING.md` -> `monitoring`, `FEATURE_SUMMARY.md` -> `feature-summary`. */
function documentPrefix(document: string): string {
  return slug(document.replace(/\.md$/i, ""));
}

/** Every fenced code block of `markdown`, in order. */
export function extractBlocks(document: string, markdown: string): SpecBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: SpecBlock[] = [];
  const used = new Map<string, number>();
  let section = "";
  let subsection = "";
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const fence = /^```(\S*)\s*$/.exec(line);
    if (!fence) {
      const heading = /^(#{2,3})\s+(.*)$/.exec(line);
      if (heading?.[1] === "##") {
        section = heading[2] as string;
        subsection = "";
      } else if (heading?.[1] === "###") subsection = heading[2] as string;
      continue;
    }
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i] as string); i++) body.push(lines[i] as string);
    const base = [documentPrefix(document), slug(section), slug(subsection)].filter(Boolean).join("-");
    const seen = (used.get(base) ?? 0) + 1;
    used.set(base, seen);
    blocks.push({
      document,
      language: fence[1] ?? "",
      section,
      subsection,
      line: start + 1,
      code: body.join("\n"),
      name: seen === 1 ? base : `${base}-${seen}`,
    });
  }
  return blocks;
}
