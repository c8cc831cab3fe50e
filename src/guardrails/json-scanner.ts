/**
 * Incremental JSON structure scanner: a state machine over brackets, strings, escapes and bare
 * tokens that consumes text piece by piece (O(1) per character, state carried across pieces, so a
 * piece may end anywhere, even inside an escape sequence or a `\u` code).
 *
 * It reports only *definite* errors while text is still arriving (a closing bracket that does not
 * match, an invalid escape, a raw control character in a string, a bare word that is not `true`,
 * `false`, `null` or a number, text after the top-level value closed); {@link JsonScanner.finish}
 * adds what is only an error at the end (unclosed strings and structures). It does not check the
 * full grammar (missing commas or colons); `strictJsonRule` parses the final output for that.
 */

/** A definite structural error. */
export interface JsonScanError {
  /** What is wrong (quotes no output text but structural characters). */
  message: string;
  /** The output text the error is about (a word or a character), when there is one. */
  excerpt?: string;
  /** Offset in the whole scanned text. */
  position: number;
}

const LITERALS = ["true", "false", "null"] as const;
const STACK_LIMIT = 10_000;

/** Kinds of bare token being read. */
const Tok = { None: 0, Word: 1, Number: 2 } as const;
type TokKind = (typeof Tok)[keyof typeof Tok];

/** Incremental scanner; see the file comment. */
export class JsonScanner {
  /** The output text of the error being reported, if it quotes any. */
  #excerpt: string | undefined;
  /** Open brackets, as char codes (`{` or `[`). */
  #stack: number[] = [];
  #offset = 0;
  #started = false;
  #closed = false;
  #inString = false;
  /** 0: none; 1: after backslash; 2..5: inside `\u` (hex digits still expected = 6 - state). */
  #escape = 0;
  #tok: TokKind = Tok.None;
  #word = "";
  #error: JsonScanError | undefined;

  /** First error found, if any (scanning stops there). */
  get failed(): JsonScanError | undefined {
    return this.#error;
  }

  /** Characters consumed so far. */
  get consumed(): number {
    return this.#offset;
  }

  /** True once a non-whitespace character has been seen. */
  get hasStarted(): boolean {
    return this.#started;
  }

  /** Consumes `text`; returns the first definite error (once), if any. */
  feed(text: string): JsonScanError | undefined {
    if (this.#error !== undefined) {
      this.#offset += text.length;
      return undefined;
    }
    const base = this.#offset;
    this.#offset += text.length;
    for (let i = 0; i < text.length; i++) {
      const message = this.#step(text.charCodeAt(i));
      if (message !== undefined) {
        this.#error =
          this.#excerpt === undefined ? { message, position: base + i } : { message, excerpt: this.#excerpt, position: base + i };
        return this.#error;
      }
    }
    return undefined;
  }

  /** End of input: reports unclosed strings/structures or an incomplete literal. */
  finish(): JsonScanError | undefined {
    if (this.#error !== undefined) return undefined;
    let message: string | undefined;
    if (this.#inString) message = "unterminated string";
    else if (this.#tok === Tok.Word && !(LITERALS as readonly string[]).includes(this.#word))
      message = this.#quoting("incomplete literal", this.#word);
    else if (this.#stack.length > 0) {
      const open = this.#stack.map((c) => String.fromCharCode(c)).join("");
      message = `unclosed ${this.#stack.length === 1 ? "structure" : "structures"} "${open}"`;
    }
    if (message === undefined) return undefined;
    this.#error =
      this.#excerpt === undefined ? { message, position: this.#offset } : { message, excerpt: this.#excerpt, position: this.#offset };
    return this.#error;
  }

  #step(c: number): string | undefined {
    if (this.#inString) return this.#stringChar(c);
    const ws = c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
    if (this.#tok !== Tok.None) {
      const m = this.#tokenChar(c);
      if (m !== undefined) return m;
      if (this.#reading()) return undefined;
    }
    if (ws) return undefined;
    if (this.#closed) return "unexpected text after the top-level JSON value";
    this.#started = true;
    switch (c) {
      case 0x7b: // {
      case 0x5b: // [
        if (this.#stack.length >= STACK_LIMIT) return "nesting too deep";
        this.#stack.push(c);
        return undefined;
      case 0x7d: // }
      case 0x5d: {
        // ]
        const open = this.#stack.pop();
        const expected = c === 0x7d ? 0x7b : 0x5b;
        if (open === undefined) return `unexpected "${String.fromCharCode(c)}" with no open structure`;
        if (open !== expected) return `"${String.fromCharCode(c)}" closes "${String.fromCharCode(open)}"`;
        if (this.#stack.length === 0) this.#closed = true;
        return undefined;
      }
      case 0x22: // "
        this.#inString = true;
        return undefined;
      case 0x2c: // ,
      case 0x3a: // :
        return this.#stack.length === 0 ? `unexpected "${String.fromCharCode(c)}" outside a structure` : undefined;
      default:
        if ((c >= 0x30 && c <= 0x39) || c === 0x2d) {
          this.#tok = Tok.Number;
          return undefined;
        }
        if (c >= 0x61 && c <= 0x7a) {
          this.#tok = Tok.Word;
          this.#word = String.fromCharCode(c);
          return this.#checkWord();
        }
        return this.#quoting("unexpected character", String.fromCharCode(c));
    }
  }

  /** Continues a bare token; ends it (tok = None) on a delimiter so the caller handles that char. */
  #tokenChar(c: number): string | undefined {
    if (this.#tok === Tok.Number) {
      if ((c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d) return undefined;
      this.#tok = Tok.None;
      return this.#delimiterAfterToken(c);
    }
    if (c >= 0x61 && c <= 0x7a) {
      this.#word += String.fromCharCode(c);
      return this.#checkWord();
    }
    const word = this.#word;
    this.#tok = Tok.None;
    this.#word = "";
    if (!(LITERALS as readonly string[]).includes(word)) return this.#quoting("incomplete literal", word);
    return this.#delimiterAfterToken(c);
  }

  #delimiterAfterToken(c: number): string | undefined {
    const ok = c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x2c || c === 0x7d || c === 0x5d || c === 0x3a;
    if (!ok) return this.#quoting("unexpected character after a value", String.fromCharCode(c));
    if (this.#stack.length === 0) this.#closed = true;
    return undefined;
  }

  /** An error about output text: the message names the kind, the text is kept as the excerpt. */
  #quoting(message: string, text: string): string {
    this.#excerpt = text;
    return message;
  }

  #reading(): boolean {
    return this.#tok !== Tok.None;
  }

  #checkWord(): string | undefined {
    for (const lit of LITERALS) if (lit.startsWith(this.#word)) return undefined;
    return this.#quoting("unexpected token", this.#word);
  }

  #stringChar(c: number): string | undefined {
    if (this.#escape === 1) {
      // after backslash
      if (c === 0x75) this.#escape = 2;
      else if (c === 0x22 || c === 0x5c || c === 0x2f || c === 0x62 || c === 0x66 || c === 0x6e || c === 0x72 || c === 0x74) {
        this.#escape = 0;
      } else return this.#quoting("invalid escape", `\\${String.fromCharCode(c)}`);
      return undefined;
    }
    if (this.#escape >= 2) {
      const hex = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
      if (!hex) return "invalid \\u escape";
      this.#escape = this.#escape === 5 ? 0 : this.#escape + 1;
      return undefined;
    }
    if (c === 0x5c) this.#escape = 1;
    else if (c === 0x22) {
      this.#inString = false;
      if (this.#stack.length === 0) this.#closed = true;
    } else if (c < 0x20) return "raw control character in a string";
    return undefined;
  }
}
