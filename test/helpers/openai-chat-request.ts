/**
 * The streamed chat completions request the tests send through the real `openai` SDK: one user
 * message, usage included in the stream (`stream_options.include_usage`).
 */

/** The request parameters of a streamed chat completion of `content` by `model`, usage included. */
export function streamedChatParams(content: string, model = "gpt-mock") {
  return { model, messages: [{ role: "user" as const, content }], stream: true as const, stream_options: { include_usage: true } };
}
