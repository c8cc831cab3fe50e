import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { SSEParser } from "../../src/adapters/parse-sse.js";
import type { SSEEvent } from "../../src/adapters/parse-sse.js";

function parseAll(pieces: string[]): SSEEvent[] {
  const events: SSEEvent[] = [];
  const parser = new SSEParser({ onEvent: (event) => events.push(event) });
  for (const piece of pieces) parser.feed(piece);
  parser.flush();
  return events;
}

const SAMPLE =
  ': keep-alive comment\n\nevent: message_start\ndata: {"a":1}\n\ndata: line one\ndata: line two\n\nid: 7\ndata:no-space\r\n\r\ndata: last\r\r';

describe("SSEParser", () => {
  it("parses comments, event names, multi-line data, ids and every line ending", () => {
    expect(parseAll([SAMPLE])).toEqual([
      { event: "message_start", data: '{"a":1}', id: undefined },
      { event: undefined, data: "line one\nline two", id: undefined },
      { event: undefined, data: "no-space", id: "7" },
      { event: undefined, data: "last", id: "7" },
    ]);
  });

  it("gives the same events however the input is split (including between \\r and \\n)", () => {
    const whole = parseAll([SAMPLE]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: SAMPLE.length }), { maxLength: 12 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const pieces: string[] = [];
        let last = 0;
        for (const point of points) {
          pieces.push(SAMPLE.slice(last, point));
          last = point;
        }
        pieces.push(SAMPLE.slice(last));
        expect(parseAll(pieces)).toEqual(whole);
      }),
    );
  });

  it("dispatches a trailing event without a blank line at the end of input, drops events without data", () => {
    expect(parseAll(["event: ping\n\n", "data: tail"])).toEqual([{ event: undefined, data: "tail", id: undefined }]);
  });

  it("keeps an empty data line and strips only one leading space", () => {
    expect(parseAll(["data:\ndata:  two spaces\n\n"])).toEqual([{ event: undefined, data: "\n two spaces", id: undefined }]);
  });
});
