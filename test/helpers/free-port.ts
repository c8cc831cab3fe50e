/**
 * Ports on 127.0.0.1 that the OS picks, for tests that start servers (never a hard-coded port).
 */
import { createServer } from "node:net";
import type { Server } from "node:net";

/**
 * Starts `server` listening on 127.0.0.1 on a port the OS picks; resolves with that port (rejects
 * when listening fails).
 */
export function listenOnFreePort(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      const address = server.address();
      if (typeof address !== "object" || address === null) reject(new Error("the server has no TCP address"));
      else resolve(address.port);
    });
  });
}

/**
 * A TCP port on 127.0.0.1 that the OS just handed out and nothing listens on now: for a server
 * that must be told its port up front, or for a connection that must be refused.
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  const port = await listenOnFreePort(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
