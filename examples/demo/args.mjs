// Command-line flags of the demo.
import { parseArgs } from "node:util";

export const USAGE = `usage: npm start -- [flags]   (or: node examples/demo.mjs [flags])

  --short                 fast mode: short delays (for tests)
  --serve                 keep serving /metrics after the calls, until Ctrl-C (for a Prometheus)
  --otlp <url>            also export traces and metrics over OTLP/HTTP, e.g. http://localhost:4318
  --metrics-host <host>   interface of the /metrics endpoint (default 127.0.0.1)
  --metrics-port <port>   port of the /metrics endpoint (default 9464)
  --out <file>            telemetry of every call, one JSON line each (default telemetry.jsonl)
  --base-url <url>        use a real OpenAI-compatible provider instead of the local one
  --api-key <key>         its API key (default: $OPENAI_API_KEY)
  --model <name>          model to ask for (default mock-gpt, or gpt-4o-mini with --base-url)
  --help                  this text`;

/** Parses the flags; throws with a message naming the bad flag. */
export function parseDemoArgs(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      short: { type: "boolean", default: false },
      serve: { type: "boolean", default: false },
      otlp: { type: "string" },
      "metrics-host": { type: "string", default: "127.0.0.1" },
      "metrics-port": { type: "string", default: "9464" },
      out: { type: "string", default: "telemetry.jsonl" },
      "base-url": { type: "string" },
      "api-key": { type: "string" },
      model: { type: "string" },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  const port = Number(values["metrics-port"]);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`--metrics-port: expected a port number, got ${values["metrics-port"]}`);
  if (values.otlp !== undefined && !/^https?:\/\//.test(values.otlp))
    throw new Error(`--otlp: expected an http(s) URL, got ${values.otlp}`);
  const real = values["base-url"] !== undefined;
  const apiKey = values["api-key"] ?? process.env.OPENAI_API_KEY;
  if (real && !apiKey) throw new Error("--base-url needs --api-key (or OPENAI_API_KEY)");
  return {
    help: values.help,
    short: values.short,
    serve: values.serve,
    otlp: values.otlp,
    metricsHost: values["metrics-host"],
    metricsPort: port,
    out: values.out,
    baseURL: values["base-url"],
    apiKey,
    model: values.model ?? (real ? "gpt-4o-mini" : "mock-gpt"),
  };
}
