/**
 * The embedder named by configuration: `local` (default, offline) or `openai` (any OpenAI-compatible
 * /v1/embeddings server: OpenAI, vLLM, TEI, Ollama, LM Studio).
 */
import { Embeddings } from "@langchain/core/embeddings";
import type { OpenAIEmbeddings } from "@langchain/openai";
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
  const client = import("@langchain/openai").then(
    ({ OpenAIEmbeddings }) =>
      new OpenAIEmbeddings({
        model: config.model as string,
        apiKey: config.apiKey ?? "not-needed",
        ...(config.dimensions ? { dimensions: config.dimensions } : {}),
        // Many compatible servers ignore base64 and answer with floats; ask for floats outright.
        encodingFormat: "float",
        configuration: { baseURL: config.baseUrl as string },
        batchSize: 64,
        maxRetries: 2,
        timeout: 30_000,
      }),
  );
  client.catch(() => {});
  const embeddings = new DeferredEmbeddings(client);
  return {
    embeddings,
    identity: { provider: "openai", model: config.model, dimensions: config.dimensions ?? null },
  };
}

/**
 * The OpenAI client module costs about half a second to load, so it is loaded (from creation on, in the
 * background) only when remote embeddings are configured, and the first call waits for it.
 */
class DeferredEmbeddings extends Embeddings {
  constructor(private readonly client: Promise<OpenAIEmbeddings>) {
    super({});
  }
  async embedDocuments(texts: string[]): Promise<number[][]> {
    return (await this.client).embedDocuments(texts);
  }
  async embedQuery(text: string): Promise<number[]> {
    return (await this.client).embedQuery(text);
  }
}
