/**
 * The embedder named by configuration: `local` (default, offline) or `openai` (any OpenAI-compatible
 * /v1/embeddings server: OpenAI, vLLM, TEI, Ollama, LM Studio).
 */
import type { Embeddings } from "@langchain/core/embeddings";
import { OpenAIEmbeddings } from "@langchain/openai";
import type { Config } from "../../config.ts";
import { AppError } from "../../errors.ts";
import type { EmbedderIdentity } from "./identity.ts";
import { localEmbedder } from "./local.ts";

export interface Embedder {
  embeddings: Embeddings;
  identity: EmbedderIdentity;
}

export function createEmbedder(config: Config["embeddings"]): Embedder {
  if (config.provider === "local") return localEmbedder();
  if (config.provider !== "openai") {
    throw new AppError(
      "config",
      `EMBEDDINGS_PROVIDER không hợp lệ: "${config.provider}" (dùng "local" hoặc "openai")`,
      `invalid EMBEDDINGS_PROVIDER "${config.provider}" (use "local" or "openai")`,
    );
  }
  if (!config.baseUrl || !config.model) {
    throw new AppError(
      "config",
      "EMBEDDINGS_PROVIDER=openai cần EMBEDDINGS_BASE_URL và EMBEDDINGS_MODEL",
      "EMBEDDINGS_PROVIDER=openai needs EMBEDDINGS_BASE_URL and EMBEDDINGS_MODEL",
    );
  }
  const embeddings = new OpenAIEmbeddings({
    model: config.model,
    apiKey: config.apiKey ?? "not-needed",
    ...(config.dimensions ? { dimensions: config.dimensions } : {}),
    // Many compatible servers ignore base64 and answer with floats; ask for floats outright.
    encodingFormat: "float",
    configuration: { baseURL: config.baseUrl },
    batchSize: 64,
    maxRetries: 2,
    timeout: 30_000,
  });
  return {
    embeddings,
    identity: { provider: "openai", model: config.model, dimensions: config.dimensions ?? null },
  };
}
