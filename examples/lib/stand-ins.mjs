// Stand-ins for the services the examples send to (an analytics backend, an OTLP collector, a
// StatsD agent) and a place for the files they write, so every example runs as it is: no network,
// nothing left in the repository. Point an example at your real service with the variable its
// header names, and these stay unused.
import { createSocket } from "node:dgram";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * An HTTP receiver on 127.0.0.1 (a free port) that records every request and answers it
 * (`200 {}`; OTLP/HTTP exporters and `fetch` callers both accept that).
 * @returns {Promise<{ url: string, requests: { method: string, path: string, contentType: string, body: string }[], close(): Promise<void> }>}
 */
export async function startHttpReceiver() {
  const requests = [];
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8").on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      requests.push({ method: req.method ?? "", path: req.url ?? "", contentType: req.headers["content-type"] ?? "", body });
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * A UDP receiver on 127.0.0.1 (a free port) that records every StatsD line it gets.
 * @returns {Promise<{ host: string, port: number, lines: string[], close(): Promise<void> }>}
 */
export async function startStatsdReceiver() {
  const lines = [];
  const socket = createSocket("udp4");
  socket.on("message", (message) => lines.push(...message.toString("utf8").split("\n").filter(Boolean)));
  await new Promise((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(0, "127.0.0.1", resolve);
  });
  return {
    host: "127.0.0.1",
    port: socket.address().port,
    lines,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}

/**
 * The folder an example writes to: `given` when the user named one, else a new folder under the
 * OS temp dir (printed by the example, so the files can be looked at).
 * @param {string | undefined} given
 */
export function outputFolder(given) {
  return given ?? mkdtempSync(path.join(tmpdir(), "l0-example-"));
}
