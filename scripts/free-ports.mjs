#!/usr/bin/env node
// Prints N free TCP ports on 127.0.0.1, space-separated (usage: node scripts/free-ports.mjs 4).
import { createServer } from "node:net";

const count = Number(process.argv[2] ?? "1");
const servers = [];
const ports = [];
for (let i = 0; i < count; i += 1) {
  // Hold every port open until all are chosen, so the same port is never returned twice.
  const server = createServer();
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  servers.push(server);
  ports.push(server.address().port);
}
await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
process.stdout.write(`${ports.join(" ")}\n`);
