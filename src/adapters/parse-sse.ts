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

/** A stateful parser: feed it decoded text in arbitrary pieces. */
export interface SSEParser {
  /** Parses `text`, calling `onEvent` for every complete event. */
  feed(text: string): void;
  /** End of input: parses a trailing line and dispatches a pending event that had data. */
  flush(): void;
}

/**
 * Creates an SSE parser. Lines may end with `\n`, `\r\n` or `\r` (also split across `feed` calls);
 * `:` lines are comments; `data:` lines of one event are joined with `\n`; a single space after
 * the colon is removed; an event is dispatched at a blank line (events without data are dropped,
 * as the standard says).
 */
export function createSSEParser(onEvent: (event: SSEEvent) => void): SSEParser {
  let buffer = "";
  let data: string[] = [];
  let eventType: string | undefined;
  let lastId: string | undefined;

  const dispatch = (): void => {
    if (data.length > 0) onEvent({ event: eventType, data: data.join("\n"), id: lastId });
    data = [];
    eventType = undefined;
  };

  const line = (text: string): void => {
    if (text === "") return dispatch();
    if (text.charCodeAt(0) === 58 /* ':' */) return;
    const colon = text.indexOf(":");
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? "" : text.slice(colon + 1);
    if (value.charCodeAt(0) === 32 /* ' ' */) value = value.slice(1);
    switch (field) {
      case "data":
        data.push(value);
        break;
      case "event":
        eventType = value;
        break;
      case "id":
        if (!value.includes("\0")) lastId = value;
        break;
      default:
        break; // `retry` and unknown fields are ignored
    }
  };

  const scan = (final: boolean): void => {
    let start = 0;
    for (let i = 0; i < buffer.length; i++) {
      const code = buffer.charCodeAt(i);
      if (code === 10 /* \n */) {
        line(buffer.slice(start, i));
        start = i + 1;
      } else if (code === 13 /* \r */) {
        if (i + 1 === buffer.length && !final) break; // a following \n may arrive in the next piece
        line(buffer.slice(start, i));
        if (buffer.charCodeAt(i + 1) === 10) i++;
        start = i + 1;
      }
    }
    buffer = buffer.slice(start);
  };

  return {
    feed(text: string): void {
      buffer += text;
      scan(false);
    },
    flush(): void {
      scan(true);
      if (buffer !== "") line(buffer);
      buffer = "";
      dispatch();
    },
  };
}
