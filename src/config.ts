/**
 * Configuration from the environment, read once at start-up. Every path can be overridden so tests
 * and deployments point the same code at other corpora and data directories.
 */
import { join, resolve } from "node:path";

export interface Config {
  corpusDir: string;
  /** How corpus files are read: OCR=0 leaves scanned PDFs unread; CORPUS_MAX_FILE_MB caps a file's size. */
  read: { ocr: boolean; maxBytes: number };
  dataDir: string;
  promptsDir: string;
  /** Per-chat bot settings (default plan): CHAT_SETTINGS_FILE, else `${dataDir}/chat-settings.json`. */
  chatSettingsFile: string;
  port: number;
  host: string;
  embeddings: {
    /** "local" or "openai"; anything else is refused when the embedder is created. */
    provider: string;
    baseUrl: string | null;
    model: string | null;
    apiKey: string | null;
    dimensions: number | null;
  };
  llm: {
    baseUrl: string | null;
    model: string | null;
    apiKey: string | null;
    timeoutMs: number;
    /** LLM_MAX_CONCURRENCY: calls to the endpoint at once (default 4). */
    maxConcurrency: number;
  };
  telegram: {
    token: string | null;
    webhookSecret: string | null;
    apiRoot: string;
    /** TELEGRAM_BOT_USERNAME: known before getMe answers (mentions, "/hoi@name"). */
    username: string | null;
  };
  zalo: {
    token: string | null;
    webhookSecret: string | null;
    apiRoot: string;
    /** ZALO_BOT_NAME: the name group members start a message with. */
    botName: string | null;
  };
}

function int(value: string | undefined, fallback: number): number {
  const n = Number.parseInt(value ?? "", 10);
  return Number.isFinite(n) ? n : fallback;
}

function str(value: string | undefined): string | null {
  return value && value.trim() !== "" ? value.trim() : null;
}

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  const provider = (env.EMBEDDINGS_PROVIDER ?? "local").trim().toLowerCase();
  const dataDir = resolve(env.DATA_DIR ?? "data");
  return {
    corpusDir: resolve(env.CORPUS_DIR ?? "corpus"),
    read: {
      // On unless turned off: a commune that drops a scan expects it read (about 3 s a page).
      ocr: !/^(?:0|false|no|off)$/iu.test(env.OCR ?? ""),
      maxBytes: int(env.CORPUS_MAX_FILE_MB, 20) * 1024 * 1024,
    },
    dataDir,
    promptsDir: resolve(env.PROMPTS_DIR ?? "prompts"),
    chatSettingsFile: resolve(str(env.CHAT_SETTINGS_FILE) ?? join(dataDir, "chat-settings.json")),
    port: int(env.PORT, 8787),
    host: env.HOST ?? "127.0.0.1",
    embeddings: {
      provider,
      baseUrl: str(env.EMBEDDINGS_BASE_URL),
      model: str(env.EMBEDDINGS_MODEL),
      apiKey: str(env.EMBEDDINGS_API_KEY),
      dimensions: str(env.EMBEDDINGS_DIMENSIONS) ? int(env.EMBEDDINGS_DIMENSIONS, 0) : null,
    },
    llm: {
      baseUrl: str(env.LLM_BASE_URL),
      model: str(env.LLM_MODEL),
      apiKey: str(env.LLM_API_KEY),
      timeoutMs: int(env.LLM_TIMEOUT_MS, 8000),
      maxConcurrency: Math.max(1, int(env.LLM_MAX_CONCURRENCY, 4)),
    },
    telegram: {
      token: str(env.TELEGRAM_BOT_TOKEN),
      webhookSecret: str(env.TELEGRAM_WEBHOOK_SECRET),
      apiRoot: (str(env.TELEGRAM_API_ROOT) ?? "https://api.telegram.org").replace(/\/+$/u, ""),
      username: str(env.TELEGRAM_BOT_USERNAME),
    },
    zalo: {
      token: str(env.ZALO_BOT_TOKEN),
      webhookSecret: str(env.ZALO_WEBHOOK_SECRET),
      apiRoot: (str(env.ZALO_API_ROOT) ?? "https://bot-api.zaloplatforms.com").replace(/\/+$/u, ""),
      botName: str(env.ZALO_BOT_NAME),
    },
  };
}
