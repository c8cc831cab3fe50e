/**
 * The description of a stream factory's request: what l0's telemetry records of it (provider,
 * model, server, sampling parameters; input messages and system instructions only with
 * `captureContent`).
 * @packageDocumentation
 */
import type { GenAiMessage, GenAiPart } from "./genai-messages.js";

/** Sampling and length parameters of the request (`gen_ai.request.*`). */
export interface L0RequestParameters {
  /** `gen_ai.request.max_tokens`: the most tokens the model may generate. */
  maxTokens?: number;
  /** `gen_ai.request.temperature`. */
  temperature?: number;
  /** `gen_ai.request.top_p`. */
  topP?: number;
  /** `gen_ai.request.top_k`. */
  topK?: number;
  /** `gen_ai.request.stop_sequences`. */
  stopSequences?: string[];
  /** `gen_ai.request.seed`. */
  seed?: number;
  /** `gen_ai.request.frequency_penalty`. */
  frequencyPenalty?: number;
  /** `gen_ai.request.presence_penalty`. */
  presencePenalty?: number;
  /** `gen_ai.request.choice.count`: the number of completions asked for. */
  choiceCount?: number;
}

/** What l0 knows of a stream factory's request. Every field is optional. */
export interface L0RequestDescription {
  /** `gen_ai.provider.name`, e.g. `openai`, `anthropic`, `azure.ai.openai`, `aws.bedrock`. */
  provider?: string;
  /** `gen_ai.request.model`: the model asked for. */
  model?: string;
  /** `server.address`: the host the request goes to. */
  serverAddress?: string;
  /** `server.port`. */
  serverPort?: number;
  /** The request's sampling and length parameters. */
  parameters?: L0RequestParameters;
  /** `gen_ai.input.messages` (content: recorded only with `captureContent`). */
  inputMessages?: GenAiMessage[];
  /** `gen_ai.system_instructions` (content: recorded only with `captureContent`). */
  systemInstructions?: GenAiPart[];
}
