/** Media as GenAI parts: data URLs and bytes are base64 blobs, other URLs uris, ids files. */
import { describe, expect, it } from "vitest";
import { base64Of, dataPart, modalityOf, parseDataUrl, urlPart } from "../../src/request/media-parts.js";

describe("media parts", () => {
  it("parses base64 and percent-encoded data URLs", () => {
    expect(parseDataUrl("data:image/png;base64,iVBO")).toEqual({ mimeType: "image/png", base64: "iVBO" });
    expect(parseDataUrl("data:text/plain;charset=utf-8,hi%20there")).toEqual({ mimeType: "text/plain", base64: "aGkgdGhlcmU=" });
    expect(parseDataUrl("data:,x")).toEqual({ mimeType: undefined, base64: "eA==" });
    expect(parseDataUrl("data:text/plain,%E0%A4%A")).toBeUndefined();
    expect(parseDataUrl("https://example.com")).toBeUndefined();
  });

  it("encodes bytes as base64 with or without Buffer", () => {
    const bytes = new Uint8Array(70_000).map((_, i) => i % 251);
    const expected = Buffer.from(bytes).toString("base64");
    expect(base64Of(bytes)).toBe(expected);
    const saved = globalThis.Buffer;
    try {
      (globalThis as { Buffer?: unknown }).Buffer = undefined;
      expect(base64Of(bytes)).toBe(expected);
    } finally {
      globalThis.Buffer = saved;
    }
  });

  it("gives the modality of a media type", () => {
    expect([
      modalityOf("image/png"),
      modalityOf("audio/wav"),
      modalityOf("video/mp4"),
      modalityOf("application/pdf"),
      modalityOf(undefined),
      modalityOf(undefined, "image"),
    ]).toEqual(["image", "audio", "video", "document", "document", "image"]);
  });

  it("turns URLs and inline data into blob or uri parts", () => {
    expect(urlPart("data:image/gif;base64,R0lG", undefined)).toEqual({
      type: "blob",
      modality: "image",
      mime_type: "image/gif",
      content: "R0lG",
    });
    expect(urlPart("gs://bucket/v.mp4", "video", "video/mp4")).toEqual({
      type: "uri",
      modality: "video",
      mime_type: "video/mp4",
      uri: "gs://bucket/v.mp4",
    });
    expect(dataPart(new Uint8Array([1, 2, 3]), undefined, "audio/wav")).toEqual({
      type: "blob",
      modality: "audio",
      mime_type: "audio/wav",
      content: "AQID",
    });
    expect(dataPart("s3://bucket/doc.pdf", undefined, "application/pdf")).toEqual({
      type: "uri",
      modality: "document",
      mime_type: "application/pdf",
      uri: "s3://bucket/doc.pdf",
    });
    expect(dataPart(42, "image")).toBeUndefined();
  });
});
