/**
 * The helpers' types follow the real SDKs' own params (inferred from each client's `create`
 * method, without l0 importing the SDKs): wrong params, a `signal` in the request options and an
 * `abortSignal` in AI SDK options do not compile. `npm run typecheck` checks this file; the calls
 * inside `compileOnly` never run.
 */
import Anthropic from "@anthropic-ai/sdk";
import { createOpenAI } from "@ai-sdk/openai";
import { streamObject, streamText } from "ai";
import OpenAI from "openai";
import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { aiSdkStream } from "../../src/request/ai-sdk-request.js";
import { anthropicMessages } from "../../src/request/anthropic-messages.js";
import { openaiChat } from "../../src/request/openai-chat.js";
import { openaiResponses } from "../../src/request/openai-responses.js";
import { L0_REQUEST } from "../../src/request/request-description.js";
import type { L0RequestDescription } from "../../src/request/request-description.js";
import type { StreamContext } from "../../src/types/options.js";

function compileOnly(): void {
  const openai = new OpenAI({ apiKey: "x" });
  openaiChat(
    openai,
    { model: "gpt-4o", messages: [{ role: "user", content: "Hi" }], temperature: 0.2 },
    { timeout: 5, headers: { "x-a": "1" } },
  );
  // @ts-expect-error messages must be chat messages
  openaiChat(openai, { model: "gpt-4o", messages: "Hi" });
  // @ts-expect-error the attempt's signal is l0's: not in the request options
  openaiChat(openai, { model: "gpt-4o", messages: [] }, { signal: new AbortController().signal });
  // @ts-expect-error the helper streams: no stream in params
  openaiChat(openai, { model: "gpt-4o", messages: [], stream: true });
  openaiResponses(openai, { model: "gpt-4o", input: "Hi", instructions: "Be brief", max_output_tokens: 100 });
  // @ts-expect-error input is a string or items
  openaiResponses(openai, { model: "gpt-4o", input: 3 });
  const anthropic = new Anthropic({ apiKey: "x" });
  anthropicMessages(anthropic, {
    model: "claude-sonnet-4-5",
    max_tokens: 100,
    messages: [{ role: "user", content: "Hi" }],
    system: "Be brief",
  });
  // @ts-expect-error max_tokens is required by the Messages API
  anthropicMessages(anthropic, { model: "claude-sonnet-4-5", messages: [{ role: "user", content: "Hi" }] });
  const provider = createOpenAI({ apiKey: "x" });
  const text = aiSdkStream(streamText, { model: provider("gpt-4o"), prompt: "Hi", maxRetries: 0, onError: () => {} });
  expectTypeOf(text).returns.toHaveProperty("fullStream");
  aiSdkStream(streamObject, { model: provider("gpt-4o"), prompt: "Hi", schema: z.object({ a: z.string() }) });
  // @ts-expect-error the attempt's signal is l0's: no abortSignal
  aiSdkStream(streamText, { model: provider("gpt-4o"), prompt: "Hi", abortSignal: new AbortController().signal });
  // @ts-expect-error prompt and messages together are not streamText options
  aiSdkStream(streamText, { model: provider("gpt-4o"), prompt: "Hi", messages: [] });
}

describe("helper types", () => {
  it("build stream factories l0 accepts, carrying an optional description", () => {
    expect(typeof compileOnly).toBe("function");
    const factory = openaiChat(new OpenAI({ apiKey: "x" }), { model: "gpt-4o", messages: [] });
    expectTypeOf(factory).parameter(0).toEqualTypeOf<StreamContext>();
    expectTypeOf(factory[L0_REQUEST]).toEqualTypeOf<L0RequestDescription | undefined>();
    expect(factory[L0_REQUEST]).toMatchObject({ provider: "openai", model: "gpt-4o" });
  });
});
