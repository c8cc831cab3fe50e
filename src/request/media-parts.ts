/**
 * Media in requests as GenAI parts: `data:` URLs and bytes become `blob` parts (base64), other
 * URLs `uri` parts, provider file ids `file` parts.
 * @packageDocumentation
 */
import type { GenAiBlobPart, GenAiFilePart, GenAiModality, GenAiPart, GenAiUriPart } from "./genai-messages.js";
import { fieldsOf, stringOf } from "./read-fields.js";

/** The modality of a media type: `image/png` → `image`; anything not image/audio/video is a document. */
export function modalityOf(mimeType: string | undefined, fallback: GenAiModality = "document"): GenAiModality {
  if (mimeType === undefined) return fallback;
  const top = mimeType.split("/")[0]?.toLowerCase();
  return top === "image" || top === "audio" || top === "video" ? top : "document";
}

const BASE64_CHUNK = 0x8000;

/** Base64 of bytes (Node's `Buffer` when present, else `btoa`). */
export function base64Of(bytes: Uint8Array): string {
  const buffer = (globalThis as { Buffer?: { from(data: Uint8Array): { toString(encoding: string): string } } }).Buffer;
  if (buffer !== undefined) return buffer.from(bytes).toString("base64");
  let binary = "";
  for (let i = 0; i < bytes.length; i += BASE64_CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + BASE64_CHUNK));
  return btoa(binary);
}

/** A parsed `data:` URL: its media type and its data as base64. */
interface DataUrl {
  mimeType: string | undefined;
  base64: string;
}

/** Parses `data:[<media type>][;base64],<data>`; undefined for anything else. */
export function parseDataUrl(url: string): DataUrl | undefined {
  const match = /^data:([^,]*?),(.*)$/s.exec(url);
  if (match === null) return undefined;
  const meta = (match[1] ?? "").split(";");
  const mimeType = meta[0] === "" ? undefined : meta[0];
  const data = match[2] ?? "";
  if (meta.slice(1).some((param) => param.toLowerCase() === "base64")) return { mimeType, base64: data };
  try {
    return { mimeType, base64: base64Of(new TextEncoder().encode(decodeURIComponent(data))) };
  } catch {
    return undefined;
  }
}

function withMime<T extends GenAiPart>(part: T, mimeType: string | undefined): T {
  return mimeType === undefined ? part : { ...part, mime_type: mimeType };
}

/** A `blob` part of base64 data. */
export function blobPart(base64: string, modality: GenAiModality, mimeType?: string): GenAiBlobPart {
  return withMime<GenAiBlobPart>({ type: "blob", modality, content: base64 }, mimeType);
}

/** A `file` part referencing a provider file id. */
export function filePart(fileId: string, modality: GenAiModality, mimeType?: string): GenAiFilePart {
  return withMime<GenAiFilePart>({ type: "file", modality, file_id: fileId }, mimeType);
}

/**
 * A URL as a part: a `data:` URL is a `blob` (its media type kept, its modality from it when
 * `modality` is not given), any other URL a `uri`.
 */
export function urlPart(url: string, modality: GenAiModality | undefined, mimeType?: string): GenAiBlobPart | GenAiUriPart {
  const data = parseDataUrl(url);
  if (data !== undefined) {
    const type = data.mimeType ?? mimeType;
    return blobPart(data.base64, modality ?? modalityOf(type), type);
  }
  return withMime<GenAiUriPart>({ type: "uri", modality: modality ?? modalityOf(mimeType), uri: url }, mimeType);
}

/**
 * Inline data of unknown form (a base64 string, a `data:`/http URL string, a `URL`, bytes, an
 * `ArrayBuffer`) as a part; undefined when it is none of these.
 */
export function dataPart(data: unknown, modality: GenAiModality | undefined, mimeType?: string): GenAiPart | undefined {
  if (data instanceof URL) return urlPart(data.href, modality, mimeType);
  if (typeof data === "string") {
    if (/^(data|https?|gs|s3):/i.test(data)) return urlPart(data, modality, mimeType);
    return blobPart(data, modality ?? modalityOf(mimeType), mimeType);
  }
  if (data instanceof Uint8Array) return blobPart(base64Of(data), modality ?? modalityOf(mimeType), mimeType);
  if (data instanceof ArrayBuffer) return blobPart(base64Of(new Uint8Array(data)), modality ?? modalityOf(mimeType), mimeType);
  return undefined;
}

/** Media types of the OpenAI APIs' `input_audio.format` values. */
const AUDIO_TYPES: Readonly<Record<string, string>> = { wav: "audio/wav", mp3: "audio/mpeg" };

/** An OpenAI `input_audio` object (`{ data, format }`) as a `blob` part; undefined without data. */
export function inputAudioPart(value: unknown): GenAiBlobPart | undefined {
  const audio = fieldsOf(value);
  const data = stringOf(audio?.data);
  const format = stringOf(audio?.format);
  return data === undefined
    ? undefined
    : blobPart(data, "audio", format === undefined ? undefined : (AUDIO_TYPES[format] ?? `audio/${format}`));
}

/** An OpenAI `file_data` string as a document part: a `data:` URL as such, else base64. */
export function fileDataPart(data: string): GenAiBlobPart | GenAiUriPart {
  return data.startsWith("data:") ? urlPart(data, "document") : blobPart(data, "document");
}
