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
