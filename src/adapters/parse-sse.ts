/**
 * An incremental Server-Sent Events parser (WHATWG "event stream interpretation").
 * @packageDocumentation
 */

/** One dispatched SSE event. */
export interface SSEEvent {
  /** The `event:` field; `undefined` for the default `message` type. */
  event: string | undefined;
  /** The `data:` lines joined with `\n`. */
  data: string;
  /** The last `id:` field seen, if any. */
  id: string | undefined;
}

/** Receives the events of an {@link SSEParser}. */
export interface SSEEventSink {
  /** Called for every dispatched event, in order. */
  onEvent(event: SSEEvent): void;
}

/**
 * An incremental SSE parser: feed it decoded text in arbitrary pieces (a class: one per stream, so
 * no closures of its own). Lines may end with `\n`, `\r\n` or `\r` (also split across `feed`
 * calls); `:` lines are comments; `data:` lines of one event are joined with `\n`; a single space
 * after the colon is removed; an event is dispatched to `sink` at a blank line (events without data
 * are dropped, as the standard says).
 */
export class SSEParser {
  private buffer = "";
  private data: string[] = [];
  private eventType: string | undefined;
  private lastId: string | undefined;

  constructor(private readonly sink: SSEEventSink) {}

  /** Parses `text`, dispatching every complete event. */
  feed(text: string): void {
    this.buffer += text;
    this.scan(false);
  }

  /** End of input: parses a trailing line and dispatches a pending event that had data. */
  flush(): void {
    this.scan(true);
    if (this.buffer !== "") this.line(this.buffer);
    this.buffer = "";
    this.dispatch();
  }

  private dispatch(): void {
    if (this.data.length > 0) this.sink.onEvent({ event: this.eventType, data: this.data.join("\n"), id: this.lastId });
    this.data = [];
    this.eventType = undefined;
  }

  private line(text: string): void {
    if (text === "") return this.dispatch();
    if (text.charCodeAt(0) === 58 /* ':' */) return;
    const colon = text.indexOf(":");
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? "" : text.slice(colon + 1);
    if (value.charCodeAt(0) === 32 /* ' ' */) value = value.slice(1);
    switch (field) {
      case "data":
        this.data.push(value);
        break;
      case "event":
        this.eventType = value;
        break;
      case "id":
        if (!value.includes("\0")) this.lastId = value;
        break;
      default:
        break; // `retry` and unknown fields are ignored
    }
  }

  private scan(final: boolean): void {
    const buffer = this.buffer;
    let start = 0;
    for (let i = 0; i < buffer.length; i++) {
      const code = buffer.charCodeAt(i);
      if (code === 10 /* \n */) {
        this.line(buffer.slice(start, i));
        start = i + 1;
      } else if (code === 13 /* \r */) {
        if (i + 1 === buffer.length && !final) break; // a following \n may arrive in the next piece
        this.line(buffer.slice(start, i));
        if (buffer.charCodeAt(i + 1) === 10) i++;
        start = i + 1;
      }
    }
    this.buffer = buffer.slice(start);
  }
}
