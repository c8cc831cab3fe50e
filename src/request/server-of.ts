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

/**
 * The address and port of `baseURL` (a string or `URL`), e.g. `https://api.openai.com/v1` →
 * `{ serverAddress: "api.openai.com", serverPort: 443 }`. Undefined when it is not a URL with a
 * host. Never throws.
 */
export function serverOf(baseURL: unknown): L0RequestServer | undefined {
  let url: URL;
  try {
    if (baseURL instanceof URL) url = baseURL;
    else if (typeof baseURL === "string") url = new URL(baseURL);
    else return undefined;
  } catch {
    return undefined;
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  if (host === "") return undefined;
  const port = url.port === "" ? DEFAULT_PORTS[url.protocol] : Number(url.port);
  return port === undefined ? { serverAddress: host } : { serverAddress: host, serverPort: port };
}
