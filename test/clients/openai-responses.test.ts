/**
 * The real `openai` SDK's Responses API (`responses.create({ stream: true })`) through l0, against
 * the local mock server, including the API's in-band error events.
 */
import { expect, it } from "vitest";
import OpenAI from "openai";
import { serverFaults } from "../../src/testing/mock-server-faults.js";
import { runL0 } from "../adapters/l0-run.js";
import { PROMPT, describeClient, expectFaultRetried } from "./client-suite.js";

describeClient(
  "openai responses",
  (server) => {
    const client = new OpenAI({ baseURL: server.baseURL, apiKey: "test", maxRetries: 0 });
    return {
      adapter: "openai",
      dropType: "connection_dropped",
      stream: ({ signal }) => client.responses.create({ model: "gpt-mock", input: PROMPT, stream: true }, { signal }),
      async direct() {
        const response = await client.responses.stream({ model: "gpt-mock", input: PROMPT }).finalResponse();
        const usage = response.usage;
        return {
          text: response.output_text,
          usage: {
            inputTokens: usage?.input_tokens ?? -1,
            outputTokens: usage?.output_tokens ?? -1,
            totalTokens: usage?.total_tokens ?? -1,
          },
        };
      },
    };
  },
  (env, client) => {
    it("an in-band rate_limit_exceeded error event is a rate_limit retry; response.failed (server_error) a server_error retry", async () => {
      const { server } = env();
      await expectFaultRetried(server, client(), serverFaults.streamError(3, 429), "rate_limit");
      await expectFaultRetried(server, client(), serverFaults.streamError(3, 500), "server_error");
      expect(server.requests.map((r) => r.outcome)).toEqual(["error-event", "completed", "error-event", "completed"]);
    });

    it("the SDK's responses.stream() helper is read by the openai-responses adapter", async () => {
      const openai = new OpenAI({ baseURL: env().server.baseURL, apiKey: "test", maxRetries: 0 });
      const run = await runL0({
        stream: ({ signal }) => openai.responses.stream({ model: "gpt-mock", input: PROMPT }, { signal }),
        monitoring: { enabled: true },
      });
      expect(run.events.at(-1)).toMatchObject({ type: "complete", usage: { inputTokens: 3, outputTokens: 8, totalTokens: 11 } });
      expect(
        env()
          .exporter.getFinishedSpans()
          .some((span) => span.attributes["l0.adapter"] === "openai-responses"),
      ).toBe(true);
    });
  },
);
