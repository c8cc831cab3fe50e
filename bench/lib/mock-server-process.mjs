// Runs the bundled mock OpenAI server (`startMockOpenAIServer` from l0/testing) in this child
// process, on 127.0.0.1 and a free port, so the benchmarked client process does not pay for the
// server's work. Sends `{ baseURL }` to the parent over IPC once listening; exits when the parent
// disconnects or sends "close".
// The answer is CHUNKS words ("w1 w2 ..."), streamed one word per SSE chunk.
import { setMaxListeners } from "node:events";
import { startMockOpenAIServer } from "../../dist/testing/index.js";

// Every streaming response listens on the server's lifetime signal: allow 1,000 at once.
setMaxListeners(0);

const chunks = Number(process.env.BENCH_MOCK_CHUNKS ?? 50);
const answer = Array.from({ length: chunks }, (_, i) => `w${i + 1}`).join(" ");
const server = await startMockOpenAIServer({ answer });
// Node's HTTP server closes a keep-alive connection after 5 s idle, and on a loaded machine the
// client (undici, which closes at 4 s) can lose that race and reuse a socket the server is closing
// ("other side closed"). Give the server a longer keep-alive than any pause of the benchmark, so
// only the client closes idle connections. The server object is not part of the mock's API: find
// the listening http.Server among this process's handles.
for (const handle of process._getActiveHandles?.() ?? []) {
  if (typeof handle?.keepAliveTimeout === "number" && typeof handle.listen === "function") handle.keepAliveTimeout = 120_000;
}
// The server logs every request; keep the log from growing over tens of thousands of calls.
const trim = setInterval(() => {
  const pending = server.requests.filter((r) => r.outcome === "pending");
  server.requests.length = 0;
  server.requests.push(...pending);
}, 1000);
trim.unref();

async function stop() {
  clearInterval(trim);
  await server.close();
  process.exit(0);
}
process.on("message", (message) => {
  if (message === "close") void stop();
});
process.on("disconnect", () => void stop());
process.send({ baseURL: server.baseURL, url: server.url });
