/**
 * The delivered text of a call, appended per token without building a million-deep rope:
 * tokens are collected in a small array and joined every {@link PARTS_PER_JOIN} tokens (or when
 * the text is read), which keeps appends allocation-free and the garbage per token tiny.
 * @packageDocumentation
 */

/** Tokens collected before they are joined into the text. */
const PARTS_PER_JOIN = 256;

/** Append-only text with cheap appends and a lazily joined value. */
export class TextBuffer {
  private joined = "";
  private readonly parts: string[] = [];
  private count = 0;

  /** Appends a delta. */
  append(delta: string): void {
    this.parts[this.count++] = delta;
    if (this.count === PARTS_PER_JOIN) this.join();
  }

  /** The whole text. */
  get text(): string {
    if (this.count > 0) this.join();
    return this.joined;
  }

  /** Replaces the whole text. */
  set text(value: string) {
    this.parts.length = 0;
    this.count = 0;
    this.joined = value;
  }

  /** Length of the whole text. */
  get length(): number {
    if (this.count > 0) this.join();
    return this.joined.length;
  }

  private join(): void {
    const parts = this.parts;
    this.joined += this.count === parts.length ? parts.join("") : parts.slice(0, this.count).join("");
    this.count = 0;
  }
}
