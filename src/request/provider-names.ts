/**
 * `gen_ai.provider.name` values for the clients the helpers take: from the client's base URL
 * (Azure OpenAI, Bedrock, Vertex AI hosts) or the AI SDK model's provider id.
 * @packageDocumentation
 */
import { parseBaseURL } from "./server-of.js";

/** Azure OpenAI endpoints: `*.openai.azure.com`, `*.cognitiveservices.azure.com`, Foundry's `*.services.ai.azure.com/openai`. */
function isAzureOpenAIUrl(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  if (host.endsWith(".openai.azure.com") || host.endsWith(".cognitiveservices.azure.com")) return true;
  return host.endsWith(".services.ai.azure.com") && /^\/openai(\/|$)/.test(url.pathname);
}

/**
 * The provider of an OpenAI SDK client: `azure.ai.openai` for an `AzureOpenAI` client (it has
 * `apiVersion` and `deploymentName`) or an Azure OpenAI base URL, else `openai` (also for other
 * OpenAI-compatible servers: set `monitoring.provider` to name those).
 */
export function openaiProviderOf(client: unknown, baseURL: unknown): string {
  const azureShaped =
    typeof client === "object" &&
    client !== null &&
    typeof (client as { apiVersion?: unknown }).apiVersion === "string" &&
    "deploymentName" in client;
  const url = parseBaseURL(baseURL);
  return azureShaped || (url !== undefined && isAzureOpenAIUrl(url)) ? "azure.ai.openai" : "openai";
}

/**
 * The provider of an Anthropic SDK client: `aws.bedrock` for a Bedrock runtime base URL,
 * `gcp.vertex_ai` for a Vertex AI one (`AnthropicBedrock`, `AnthropicVertex`), else `anthropic`.
 */
export function anthropicProviderOf(baseURL: unknown): string {
  const host = parseBaseURL(baseURL)?.hostname.toLowerCase() ?? "";
  if (/^bedrock-runtime(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(host)) return "aws.bedrock";
  if (host === "aiplatform.googleapis.com" || host.endsWith("-aiplatform.googleapis.com")) return "gcp.vertex_ai";
  return "anthropic";
}

/**
 * AI SDK provider ids (a model's `provider` id up to its first or second `.`, or a stream part's
 * `providerMetadata` key) → `gen_ai.provider.name`: the one table for described requests and streams.
 */
const AI_SDK_PROVIDERS: Readonly<Record<string, string>> = {
  openai: "openai",
  azure: "azure.ai.openai",
  anthropic: "anthropic",
  google: "gcp.gemini",
  "google.vertex": "gcp.vertex_ai",
  "google-vertex": "gcp.vertex_ai",
  vertex: "gcp.vertex_ai",
  "amazon-bedrock": "aws.bedrock",
  bedrock: "aws.bedrock",
  mistral: "mistral_ai",
  xai: "x_ai",
  deepseek: "deepseek",
  groq: "groq",
  perplexity: "perplexity",
  cohere: "cohere",
  moonshotai: "moonshot_ai",
};

/**
 * The `gen_ai.provider.name` of an AI SDK model's `provider` id: `openai.chat` → `openai`,
 * `google.vertex.chat` → `gcp.vertex_ai`, `amazon-bedrock` → `aws.bedrock`, `xai.chat` → `x_ai`...;
 * an id not in the conventions' list gives its first segment (`ollama.chat` → `ollama`).
 * Undefined for an empty id.
 */
export function aiSdkProviderOf(providerId: string): string | undefined {
  const segments = providerId.toLowerCase().split(".");
  const first = segments[0] ?? "";
  const two = segments.length > 1 ? `${first}.${segments[1] ?? ""}` : undefined;
  if (two !== undefined && AI_SDK_PROVIDERS[two] !== undefined) return AI_SDK_PROVIDERS[two];
  if (AI_SDK_PROVIDERS[first] !== undefined) return AI_SDK_PROVIDERS[first];
  return first === "" ? undefined : first;
}
