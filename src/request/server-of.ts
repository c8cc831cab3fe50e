/**
 * `server.address` / `server.port` from a client's base URL.
 * @packageDocumentation
 */

/** The server a request goes to. */
export interface L0RequestServer {
  /** The host name or IP address (IPv6 without brackets). */
  serverAddress: string;
  /** The port: the URL's own, else the scheme's default (443 for https/wss, 80 for http/ws); absent for other schemes. */
  serverPort?: number;
}

const DEFAULT_PORTS: Readonly<Record<string, number>> = { "https:": 443, "http:": 80, "wss:": 443, "ws:": 80 };

/** The last base URL string parsed, and its URL: clients keep one base URL, so one entry serves every call. */
let lastParsed: { text: string; url: URL | undefined } | undefined;

/** `baseURL` (a string or `URL`) as a `URL`; undefined when it is not one. Never throws. */
export function parseBaseURL(baseURL: unknown): URL | undefined {
  if (baseURL instanceof URL) return baseURL;
  if (typeof baseURL !== "string") return undefined;
  if (lastParsed?.text === baseURL) return lastParsed.url;
  let url: URL | undefined;
  try {
    url = new URL(baseURL);
  } catch {
    url = undefined;
  }
  lastParsed = { text: baseURL, url };
  return url;
}

/**
 * The address and port of `baseURL` (a string or `URL`), e.g. `https://api.openai.com/v1` →
 * `{ serverAddress: "api.openai.com", serverPort: 443 }`. Undefined when it is not a URL with a
 * host. Never throws.
 */
export function serverOf(baseURL: unknown): L0RequestServer | undefined {
  const url = parseBaseURL(baseURL);
  if (url === undefined) return undefined;
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  if (host === "") return undefined;
  const port = url.port === "" ? DEFAULT_PORTS[url.protocol] : Number(url.port);
  return port === undefined ? { serverAddress: host } : { serverAddress: host, serverPort: port };
}
