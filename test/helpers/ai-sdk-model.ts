/**
 * The real AI SDK's test doubles as the tests build them: a mock language model streaming given
 * parts, the usage of a finish part, and the `APICallError` a provider's HTTP failure becomes.
 */
import { simulateReadableStream } from "ai";
import { MockLanguageModelV3 } from "ai/test";
import { APICallError } from "@ai-sdk/provider";
import type { LanguageModelV3StreamPart, LanguageModelV3Usage } from "@ai-sdk/provider";

/** A finish part's usage: `input` and `output` tokens, none cached, none reasoning. */
export function modelUsage(input: number, output: number): LanguageModelV3Usage {
  return {
    inputTokens: { total: input, noCache: input, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: output, text: output, reasoning: undefined },
  };
}

/** A mock model that streams `parts` (all at once) on every call. */
export function mockModel(parts: LanguageModelV3StreamPart[]): MockLanguageModelV3 {
  return new MockLanguageModelV3({ doStream: async () => ({ stream: simulateReadableStream({ chunks: parts }) }) });
}

/** The `APICallError` of an HTTP failure with `statusCode`, as AI SDK providers throw or stream it. */
export function apiCallError(
  statusCode: number,
  message: string,
  extra: { responseHeaders?: Record<string, string>; isRetryable?: boolean } = {},
): APICallError {
  return new APICallError({ message, url: "https://api.example.com/v1/chat", requestBodyValues: {}, statusCode, ...extra });
}
