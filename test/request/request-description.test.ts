/**
 * `describeRequest` attaches a checked copy of a description to the same factory under
 * `Symbol.for("l0.request")`; bad descriptions throw `INVALID_OPTIONS` naming the field (never
 * echoing message content); `requestOf` reads descriptions and never throws.
 */
import { describe, expect, it } from "vitest";
import { L0Error } from "../../src/errors/l0-error.js";
import { L0_REQUEST, describeRequest, requestOf } from "../../src/request/request-description.js";
import type { L0RequestDescription } from "../../src/request/request-description.js";
import type { StreamContext } from "../../src/types/options.js";

const factory = (): ((context: StreamContext) => unknown) => () => [];

const FULL: L0RequestDescription = {
  provider: "openai",
  model: "gpt-4o",
  serverAddress: "api.openai.com",
  serverPort: 443,
  parameters: {
    maxTokens: 100,
    temperature: 0.2,
    topP: 0.9,
    topK: 40,
    stopSequences: ["END"],
    seed: -3,
    frequencyPenalty: 0.1,
    presencePenalty: -0.1,
    choiceCount: 2,
  },
  inputMessages: [{ role: "user", name: "ada", parts: [{ type: "text", content: "Hi" }] }],
  systemInstructions: [{ type: "text", content: "Be brief" }],
};

/** The error `describeRequest` throws for `description`. */
function errorOf(description: unknown): L0Error {
  try {
    describeRequest(factory(), description as L0RequestDescription);
  } catch (error) {
    if (error instanceof L0Error) return error;
    throw error;
  }
  throw new Error("describeRequest did not throw");
}

describe("describeRequest", () => {
  it("returns the same factory with the description under Symbol.for('l0.request'), not enumerable", () => {
    const f = factory();
    const described = describeRequest(f, FULL);
    expect(described).toBe(f);
    expect(L0_REQUEST).toBe(Symbol.for("l0.request"));
    expect(described[L0_REQUEST]).toEqual(FULL);
    expect(Object.keys(described)).toEqual([]);
    expect(requestOf(described)).toBe(described[L0_REQUEST]);
  });

  it("keeps a frozen copy: later changes to the object passed do not reach it", () => {
    const description: L0RequestDescription = structuredClone(FULL);
    const described = describeRequest(factory(), description);
    description.model = "changed";
    description.parameters!.temperature = 2;
    description.inputMessages![0]!.parts.push({ type: "text", content: "more" });
    expect(requestOf(described)).toEqual(FULL);
    const stored = requestOf(described)!;
    expect(Object.isFrozen(stored) && Object.isFrozen(stored.parameters) && Object.isFrozen(stored.inputMessages![0]!.parts[0])).toBe(true);
  });

  it("drops fields given as undefined; an empty description is valid", () => {
    expect(requestOf(describeRequest(factory(), { model: "m", provider: undefined } as unknown as L0RequestDescription))).toEqual({
      model: "m",
    });
    expect(requestOf(describeRequest(factory(), {}))).toEqual({});
  });

  it("replaces the description on a second call; spreading requestOf changes one field", () => {
    const described = describeRequest(factory(), FULL);
    describeRequest(described, { ...requestOf(described), provider: "groq" });
    expect(requestOf(described)).toEqual({ ...FULL, provider: "groq" });
  });

  it("describes a frozen factory through a wrapper that calls it", () => {
    const calls: number[] = [];
    const frozen = Object.freeze((context: StreamContext) => calls.push(context.attempt));
    const described = describeRequest(frozen, { model: "m" });
    expect(described).not.toBe(frozen);
    described({ signal: new AbortController().signal, attempt: 3, fallbackIndex: 0 });
    expect(calls).toEqual([3]);
    expect(requestOf(described)).toEqual({ model: "m" });
  });

  it.each([
    ["provider", { provider: "" }, "a non-empty string"],
    ["model", { model: 4 }, "a non-empty string"],
    ["serverAddress", { serverAddress: null }, "a non-empty string"],
    ["serverPort", { serverPort: 0 }, "an integer from 1 to 65535"],
    ["serverPort", { serverPort: 70000 }, "an integer from 1 to 65535"],
    ["serverPort", { serverPort: 80.5 }, "an integer from 1 to 65535"],
    ["parameters", { parameters: [] }, "an object"],
    ["parameters.maxTokens", { parameters: { maxTokens: -1 } }, "a non-negative integer"],
    ["parameters.temperature", { parameters: { temperature: "hot" } }, "a finite number"],
    ["parameters.topP", { parameters: { topP: Number.NaN } }, "a finite number"],
    ["parameters.topK", { parameters: { topK: 1.5 } }, "a non-negative integer"],
    ["parameters.stopSequences", { parameters: { stopSequences: "END" } }, "an array of strings"],
    ["parameters.stopSequences[1]", { parameters: { stopSequences: ["a", 2] } }, "a string"],
    ["parameters.seed", { parameters: { seed: 0.5 } }, "an integer"],
    ["parameters.frequencyPenalty", { parameters: { frequencyPenalty: Infinity } }, "a finite number"],
    ["parameters.presencePenalty", { parameters: { presencePenalty: "0" } }, "a finite number"],
    ["parameters.choiceCount", { parameters: { choiceCount: 0 } }, "a positive integer"],
    ["inputMessages", { inputMessages: {} }, "an array of messages"],
    ["inputMessages[0]", { inputMessages: ["Hi"] }, "a message object"],
    ["inputMessages[0].role", { inputMessages: [{ parts: [] }] }, "a non-empty string"],
    ["inputMessages[0].parts", { inputMessages: [{ role: "user", parts: "Hi" }] }, "an array of parts"],
    ["inputMessages[0].name", { inputMessages: [{ role: "user", parts: [], name: 1 }] }, "a string or null"],
    ["inputMessages[0].parts[0].type", { inputMessages: [{ role: "user", parts: [{ content: "x" }] }] }, "a non-empty string"],
    ["inputMessages[0].parts[0].content", { inputMessages: [{ role: "user", parts: [{ type: "text", content: 5 }] }] }, "a string"],
    ["inputMessages[0].parts[0].content", { inputMessages: [{ role: "assistant", parts: [{ type: "reasoning" }] }] }, "a string"],
    [
      "inputMessages[0].parts[0].name",
      { inputMessages: [{ role: "assistant", parts: [{ type: "tool_call", id: "x" }] }] },
      "a non-empty string",
    ],
    [
      "inputMessages[0].parts[0].id",
      { inputMessages: [{ role: "assistant", parts: [{ type: "tool_call", name: "t", id: 7 }] }] },
      "a string or null",
    ],
    [
      "inputMessages[0].parts[0].response",
      { inputMessages: [{ role: "tool", parts: [{ type: "tool_call_response", id: "x" }] }] },
      "the tool's response",
    ],
    [
      "inputMessages[0].parts[0].server_tool_call",
      { inputMessages: [{ role: "assistant", parts: [{ type: "server_tool_call", name: "s" }] }] },
      "an object",
    ],
    [
      "inputMessages[0].parts[0].server_tool_call_response.type",
      { inputMessages: [{ role: "assistant", parts: [{ type: "server_tool_call_response", server_tool_call_response: {} }] }] },
      "a non-empty string",
    ],
    [
      "inputMessages[0].parts[0].modality",
      { inputMessages: [{ role: "user", parts: [{ type: "blob", content: "AA==" }] }] },
      "a non-empty string",
    ],
    ["inputMessages[0].parts[0].content", { inputMessages: [{ role: "user", parts: [{ type: "blob", modality: "image" }] }] }, "a string"],
    ["inputMessages[0].parts[0].file_id", { inputMessages: [{ role: "user", parts: [{ type: "file", modality: "image" }] }] }, "a string"],
    ["inputMessages[0].parts[0].uri", { inputMessages: [{ role: "user", parts: [{ type: "uri", modality: "image" }] }] }, "a string"],
    [
      "inputMessages[0].parts[0].mime_type",
      { inputMessages: [{ role: "user", parts: [{ type: "uri", modality: "image", uri: "u", mime_type: 1 }] }] },
      "a string or null",
    ],
    ["systemInstructions", { systemInstructions: "Be brief" }, "an array of parts"],
    ["systemInstructions[1].content", { systemInstructions: [{ type: "text", content: "a" }, { type: "text" }] }, "a string"],
  ])("rejects a bad %s with INVALID_OPTIONS naming it", (field, description, expected) => {
    const error = errorOf(description);
    expect(error.code).toBe("INVALID_OPTIONS");
    expect(error.details.field).toBe(field);
    expect(error.message).toContain(`"${field}"`);
    expect(error.message).toContain(`expected ${expected}`);
  });

  it("shows a bad non-content value, but never message content", () => {
    expect(errorOf({ parameters: { temperature: "hot" } })).toMatchObject({
      message: expect.stringContaining('got "hot"'),
      details: { value: "hot" },
    });
    const secret = { secret: "my password is hunter2" };
    const error = errorOf({ inputMessages: [{ role: "user", parts: [{ type: "text", content: secret }] }] });
    expect(error.message).toBe('Invalid option "inputMessages[0].parts[0].content": expected a string, got an object');
    expect(error.details).toEqual({ field: "inputMessages[0].parts[0].content" });
    expect(JSON.stringify(errorOf({ systemInstructions: "hunter2" }))).not.toContain("hunter2");
  });

  it("rejects unknown keys with the closest known one", () => {
    expect(errorOf({ modle: "gpt" })).toMatchObject({
      code: "INVALID_OPTIONS",
      message: 'Unknown option "modle": did you mean "model"?',
      details: { field: "modle" },
    });
    expect(errorOf({ parameters: { max_tokens: 5 } })).toMatchObject({
      details: { field: "parameters.max_tokens" },
      message: expect.stringContaining('"parameters.maxTokens"'),
    });
    expect(errorOf({ serverAdress: "x" }).message).toContain('did you mean "serverAddress"?');
  });

  it("accepts parts of any other type with extra properties, and null ids and names", () => {
    const description: L0RequestDescription = {
      inputMessages: [
        {
          role: "custom-role",
          name: null,
          parts: [
            { type: "tool_call", id: null, name: "t" },
            { type: "tool_call_response", id: null, response: undefined },
            { type: "image_embedding", vector: [1, 2] },
            { type: "blob", modality: "hologram", mime_type: null, content: "AA==" },
          ],
        },
      ],
    };
    expect(requestOf(describeRequest(factory(), description))).toEqual(description);
  });

  it("rejects a factory that is not a function, and a description that is not an object", () => {
    expect(() => describeRequest("stream" as never, {})).toThrow(
      expect.objectContaining({ code: "INVALID_OPTIONS", details: { field: "factory", value: "stream" } }),
    );
    expect(errorOf(null)).toMatchObject({ details: { field: "description" } });
  });
});

describe("requestOf", () => {
  it("is undefined without a description, for non-functions, and for malformed ones", () => {
    expect(requestOf(factory())).toBeUndefined();
    expect(requestOf(undefined)).toBeUndefined();
    expect(requestOf(42)).toBeUndefined();
    expect(requestOf({ [L0_REQUEST]: "gpt-4o" })).toBeUndefined();
    const malformed = Object.assign(factory(), { [L0_REQUEST]: { model: 42 } });
    expect(requestOf(malformed)).toBeUndefined();
  });

  it("never throws, even when reading the property throws", () => {
    const hostile = new Proxy(factory(), {
      get() {
        throw new Error("no");
      },
    });
    expect(requestOf(hostile)).toBeUndefined();
    const getter = factory();
    Object.defineProperty(getter, L0_REQUEST, {
      value: {
        get model(): string {
          throw new Error("no");
        },
      },
    });
    expect(requestOf(getter)).toBeUndefined();
  });

  it("reads a description set under the symbol by another copy of the package: checked once, then frozen", () => {
    const foreign = { model: "m", parameters: { temperature: 1 } };
    const f = Object.assign(factory(), { [Symbol.for("l0.request")]: foreign });
    const read = requestOf(f);
    expect(read).toEqual(foreign);
    expect(read).not.toBe(foreign);
    expect(requestOf(f)).toBe(read);
    expect(Object.isFrozen(read)).toBe(true);
  });
});
