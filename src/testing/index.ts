/**
 * `l0/testing`: fault-injecting mock streams and a local OpenAI-compatible streaming server,
 * the stand-in provider for tests, examples and the demo.
 * @packageDocumentation
 */

// --- mock streams ---
export { createMockStream, mockStreamFactory, step } from "./mock-stream.js";
export type { MockStream, MockStreamFactory, MockStreamOptions, MockStep, MockStepObject } from "./mock-stream.js";
export { faults, MockAPIError } from "./faults.js";
export type { MockSystemError, TlsErrorCode } from "./faults.js";
export { openaiChunk, openaiChunks, openaiUsageChunk, aiSdkParts } from "./chunk-shapes.js";
export type { OpenAIChunk, OpenAIChunkMeta, OpenAIUsage, AISDKPart } from "./chunk-shapes.js";

// --- local server ---
export { startMockOpenAIServer, tokenizeWords } from "./mock-openai-server.js";
export type { MockOpenAIServer, MockOpenAIServerOptions, MockServerRequest } from "./mock-openai-server.js";
export { serverFaults, parseFaultHeader } from "./mock-server-faults.js";
export type { MockServerFault } from "./mock-server-faults.js";
export type { MockChatRequest, MockRequestOutcome } from "./mock-openai-responses.js";
