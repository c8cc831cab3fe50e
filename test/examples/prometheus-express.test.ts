import { afterEach, describe, expect, it, vi } from "vitest";
import { freePort } from "../helpers/free-port.js";
import { EXAMPLE_TEST_TIMEOUT_MS, startExample, type RunningExample } from "../helpers/run-example.js";

vi.setConfig({ testTimeout: EXAMPLE_TEST_TIMEOUT_MS });

describe("examples/prometheus-express.mjs", () => {
  let app: RunningExample | undefined;
  afterEach(async () => {
    await app?.stop();
  });

  it("records each /chat call and serves the exposition on /metrics", async () => {
    const port = await freePort();
    app = startExample("prometheus-express.mjs", [], { env: { PORT: String(port) } });
    await app.waitFor(/listening on http:\/\/127\.0\.0\.1:\d+/);
    const base = `http://127.0.0.1:${port}`;
    for (const prompt of ["hello", "again"]) {
      const response = await fetch(`${base}/chat`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ prompt }),
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { response: string }).response).toContain(`You said: ${prompt}.`);
    }
    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const text = await metrics.text();
    expect(text).toMatch(/^l0_requests_total\{[^}]*service="my-app"[^}]*\} 2$/m);
    expect(text).toMatch(/^l0_requests_total\{[^}]*model="gpt-4"[^}]*endpoint="\/chat"[^}]*\} 2$/m);
    expect(text).toMatch(/^l0_request_duration_seconds_count\{[^}]*\} 2$/m);
    expect(text).toMatch(/^l0_tokens_total\{[^}]*\} \d+$/m);
    expect(await app.stop()).toBe(0);
    app = undefined;
  });
});
