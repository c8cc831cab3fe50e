/**
 * `l0/testing`: fault-injecting mock streams and a local streaming server that speaks OpenAI chat
 * completions, the OpenAI Responses API and Anthropic Messages: the stand-in provider for tests,
 * examples and the demo.
 * @packageDocumentation
 */

// --- mock streams ---
export { createMockStream, mockStreamFactory, step } from "./mock-stream.js";
export type { MockStream, MockStreamFactory, MockStreamOptions, MockStep, MockStepObject } from "./mock-stream.js";
export { faults, MockAPIError } from "./faults.js";
export type { MockSystemError, TlsErrorCode } from "./faults.js";
export { openaiChunk, openaiChunks, openaiUsageChunk, aiSdkParts } from "./chunk-shapes.js";
export type { OpenAIChunk, OpenAIChunkMeta, OpenAIUsage, AISDKPart } from "./chunk-shapes.js";
export { responsesEvents, anthropicEvents, langchainChunks } from "./event-shapes.js";
export type { ResponsesEvent, AnthropicEvent, LangChainChunkData, EventShapeOptions } from "./event-shapes.js";

// --- local server ---
export { startMockOpenAIServer, tokenizeWords } from "./mock-openai-server.js";
export type { MockOpenAIServer, MockOpenAIServerOptions, MockServerRequest } from "./mock-openai-server.js";
export { serverFaults, parseFaultHeader } from "./mock-server-faults.js";
export type { MockServerFault } from "./mock-server-faults.js";
export type { MockApi, MockChatRequest, MockRequestOutcome } from "./mock-stream-writer.js";
