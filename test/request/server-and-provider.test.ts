/**
 * `serverOf` (address and port from a base URL, default ports by scheme) and the provider names:
 * Azure OpenAI detection, Anthropic on Bedrock and Vertex AI, AI SDK provider ids.
 */
import { describe, expect, it } from "vitest";
import { aiSdkProviderOf, anthropicProviderOf, openaiProviderOf } from "../../src/request/provider-names.js";
import { serverOf } from "../../src/request/server-of.js";

describe("serverOf", () => {
  it.each([
    ["https://api.openai.com/v1", { serverAddress: "api.openai.com", serverPort: 443 }],
    ["http://localhost/v1", { serverAddress: "localhost", serverPort: 80 }],
    ["http://127.0.0.1:8080/v1", { serverAddress: "127.0.0.1", serverPort: 8080 }],
    ["https://example.com:8443", { serverAddress: "example.com", serverPort: 8443 }],
    ["https://example.com:443/", { serverAddress: "example.com", serverPort: 443 }],
    ["http://[::1]:3000/v1", { serverAddress: "::1", serverPort: 3000 }],
    ["wss://realtime.example.com", { serverAddress: "realtime.example.com", serverPort: 443 }],
    ["grpc://models.internal", { serverAddress: "models.internal" }],
    ["grpc://models.internal:9000", { serverAddress: "models.internal", serverPort: 9000 }],
  ])("%s", (url, expected) => {
    expect(serverOf(url)).toEqual(expected);
  });

  it("takes a URL object; undefined for what is not a URL with a host", () => {
    expect(serverOf(new URL("https://api.anthropic.com"))).toEqual({ serverAddress: "api.anthropic.com", serverPort: 443 });
    for (const bad of [undefined, null, 42, "", "not a url", "/v1/chat", "file:///tmp/x", "mailto:a@b.c"])
      expect(serverOf(bad)).toBeUndefined();
  });
});

describe("openaiProviderOf", () => {
  it.each([
    ["https://api.openai.com/v1", "openai"],
    ["https://my-resource.openai.azure.com/openai", "azure.ai.openai"],
    ["https://my-resource.openai.azure.com/openai/deployments/gpt-4o", "azure.ai.openai"],
    ["https://MY-RESOURCE.cognitiveservices.azure.com/openai/v1/", "azure.ai.openai"],
    ["https://proj.services.ai.azure.com/openai/v1", "azure.ai.openai"],
    ["https://proj.services.ai.azure.com/models", "openai"],
    ["https://api.groq.com/openai/v1", "openai"],
    ["http://127.0.0.1:11434/v1", "openai"],
    [undefined, "openai"],
  ])("%s → %s", (baseURL, expected) => {
    expect(openaiProviderOf({}, baseURL)).toBe(expected);
  });

  it("recognises an AzureOpenAI client by its shape behind any host (e.g. an API gateway)", () => {
    expect(openaiProviderOf({ apiVersion: "2024-10-21", deploymentName: undefined }, "https://gateway.example.com/openai")).toBe(
      "azure.ai.openai",
    );
    expect(openaiProviderOf({ apiVersion: 3, deploymentName: "x" }, "https://gateway.example.com")).toBe("openai");
  });
});

describe("anthropicProviderOf", () => {
  it.each([
    ["https://api.anthropic.com", "anthropic"],
    ["https://bedrock-runtime.us-east-1.amazonaws.com", "aws.bedrock"],
    ["https://bedrock-runtime-fips.us-gov-west-1.amazonaws.com", "aws.bedrock"],
    ["https://us-east5-aiplatform.googleapis.com/v1", "gcp.vertex_ai"],
    ["https://aiplatform.googleapis.com/v1", "gcp.vertex_ai"],
    ["https://bedrock-runtime.example.com", "anthropic"],
    ["nonsense", "anthropic"],
  ])("%s → %s", (baseURL, expected) => {
    expect(anthropicProviderOf(baseURL)).toBe(expected);
  });
});

describe("aiSdkProviderOf", () => {
  it.each([
    ["openai.chat", "openai"],
    ["openai.responses", "openai"],
    ["azure.chat", "azure.ai.openai"],
    ["anthropic.messages", "anthropic"],
    ["google.generative-ai", "gcp.gemini"],
    ["google.vertex.chat", "gcp.vertex_ai"],
    ["vertex.anthropic.messages", "gcp.vertex_ai"],
    ["amazon-bedrock", "aws.bedrock"],
    ["mistral.chat", "mistral_ai"],
    ["xai.chat", "x_ai"],
    ["deepseek.chat", "deepseek"],
    ["groq.chat", "groq"],
    ["perplexity", "perplexity"],
    ["cohere.chat", "cohere"],
    ["moonshotai.chat", "moonshot_ai"],
    ["ollama.chat", "ollama"],
    ["gateway", "gateway"],
    ["", undefined],
  ])("%s → %s", (id, expected) => {
    expect(aiSdkProviderOf(id)).toBe(expected);
  });
});
