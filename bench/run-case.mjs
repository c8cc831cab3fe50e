// Runs one benchmark case (bench/cases/<file>) in this process and sends its rows to the parent
// (bench/run.mjs) over IPC; without a parent it prints them as JSON. Run by bench/run.mjs in a
// fresh `node --expose-gc` process per case, so one case's heap, JIT state and module hooks do not
// leak into the next. Usage: node --expose-gc bench/run-case.mjs 06-openai-http.mjs
import { fileURLToPath, pathToFileURL } from "node:url";
import { dirname, join } from "node:path";

const file = process.argv[2];
const here = dirname(fileURLToPath(import.meta.url));
const mod = await import(pathToFileURL(join(here, "cases", file)).href);
process.stderr.write(`running ${file}: ${mod.title}\n`);
const rows = await mod.run();
if (process.send) process.send({ rows });
else console.log(JSON.stringify(rows, null, 2));
// A case must leave nothing running; exit anyway so a stray handle cannot hang the run.
if (process.connected) process.disconnect();
process.exitCode = 0;
setImmediate(() => process.exit(0)).unref();
