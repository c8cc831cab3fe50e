// Starts bench/lib/mock-server-process.mjs in a child process and resolves with its base URL.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";

const script = fileURLToPath(new URL("./mock-server-process.mjs", import.meta.url));

/**
 * Forks the mock server (its own process, loopback only) streaming `chunks` content chunks per call.
 * Returns `{ baseURL, close() }`; `close()` stops the child and waits for it to exit.
 */
export async function startMockServerProcess({ chunks = 50 } = {}) {
  const child = fork(script, [], {
    env: { ...process.env, BENCH_MOCK_CHUNKS: String(chunks) },
    execArgv: [],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const info = await new Promise((resolve, reject) => {
    child.once("message", resolve);
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`mock server exited early (code ${code})`)));
  });
  let closed = false;
  return {
    baseURL: info.baseURL,
    async close() {
      if (closed) return exited;
      closed = true;
      if (child.connected) child.send("close");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
