/**
 * Configuration from the environment, read once at start-up. Every path can be overridden so tests
 * and deployments point the same code at other corpora and data directories.
 */
import { join, resolve } from "node:path";
import { AppError } from "./errors.ts";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export interface LogSettings {
  level: (typeof LOG_LEVELS)[number];
  format: "json" | "pretty" | "auto";
}

export interface Config {
  corpusDir: string;
  /** How corpus files are read: OCR=0 leaves scanned PDFs unread; CORPUS_MAX_FILE_MB caps a file's size. */
  read: { ocr: boolean; maxBytes: number; maxTextBytes: number };
  dataDir: string;
  promptsDir: string;
  /** Per-chat bot settings (default plan): CHAT_SETTINGS_FILE, else `${dataDir}/chat-settings.json`. */
  chatSettingsFile: string;
  /** Chat updates left unanswered by a shutdown, answered at the next start: `${dataDir}/pending-updates.json`. */
  pendingUpdatesFile: string;
  port: number;
  host: string;
  /** SHUTDOWN_TIMEOUT_MS: how long SIGTERM waits for requests and chat replies in flight (default 10 s). */
  shutdownMs: number;
  /** LOG_QUESTIONS: log each question's text with its intent (on unless 0): what an operator improves answers from. */
  logQuestions: boolean;
  /** LOG_LEVEL (default info) and LOG_FORMAT (json, pretty; default pretty on a terminal, else json). */
  log: LogSettings;
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

/**
 * A whole number from the environment within [min, max], the fallback when unset; anything else stops
 * the start with the variable's name and what is allowed ("PORT=abc" is not quietly 8787).
 */
function int(
  env: Record<string, string | undefined>,
  name: string,
  fallback: number,
  [min, max]: readonly [number, number] = [0, Number.MAX_SAFE_INTEGER],
): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === "") return fallback;
  const n = /^\d+$/u.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max)
    throw new AppError(
      "bad-config",
      `Biến môi trường ${name}="${raw}" không hợp lệ: phải là số nguyên từ ${min} đến ${max}.`,
      `Environment variable ${name}="${raw}" is invalid: it must be a whole number from ${min} to ${max}.`,
    );
  return n;
}

/** One of a fixed set of words (case ignored), or the start stops listing them. */
function oneOf<T extends string>(
  env: Record<string, string | undefined>,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const raw = str(env[name]);
  if (raw === null) return fallback;
  const value = allowed.find((a) => a === raw.toLowerCase());
  if (value === undefined)
    throw new AppError(
      "bad-config",
      `Biến môi trường ${name}="${raw}" không hợp lệ: chỉ nhận ${allowed.join(", ")}.`,
      `Environment variable ${name}="${raw}" is invalid: use one of ${allowed.join(", ")}.`,
    );
  return value;
}

/** A webhook secret in the platform's format, or the start stops saying what is allowed. */
function secret(env: Record<string, string | undefined>, name: string, format: RegExp, allowed: string) {
  const value = str(env[name]);
  if (value !== null && !format.test(value))
    throw new AppError(
      "bad-config",
      `Biến môi trường ${name} không hợp lệ: phải gồm ${allowed}.`,
      `Environment variable ${name} is invalid: it must be ${allowed.replace("ký tự", "characters").replace("không có khoảng trắng", "without spaces")}.`,
    );
  return value;
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
      maxBytes: int(env, "CORPUS_MAX_FILE_MB", 20, [1, 1024]) * 1024 * 1024,
      maxTextBytes: int(env, "PLAN_MAX_TEXT_MB", 5, [1, 256]) * 1024 * 1024,
    },
    dataDir,
    promptsDir: resolve(env.PROMPTS_DIR ?? "prompts"),
    chatSettingsFile: resolve(str(env.CHAT_SETTINGS_FILE) ?? join(dataDir, "chat-settings.json")),
    pendingUpdatesFile: join(dataDir, "pending-updates.json"),
    port: int(env, "PORT", 8787, [0, 65535]),
    shutdownMs: int(env, "SHUTDOWN_TIMEOUT_MS", 10_000, [0, 600_000]),
    logQuestions: !/^(?:0|false|no|off)$/iu.test(env.LOG_QUESTIONS ?? ""),
    log: {
      level: oneOf(env, "LOG_LEVEL", LOG_LEVELS, "info"),
      format: oneOf(env, "LOG_FORMAT", ["json", "pretty", "auto"] as const, "auto"),
    },
    host: env.HOST ?? "127.0.0.1",
    embeddings: {
      provider,
      baseUrl: str(env.EMBEDDINGS_BASE_URL),
      model: str(env.EMBEDDINGS_MODEL),
      apiKey: str(env.EMBEDDINGS_API_KEY),
      dimensions: str(env.EMBEDDINGS_DIMENSIONS) ? int(env, "EMBEDDINGS_DIMENSIONS", 0, [1, 65536]) : null,
    },
    llm: {
      baseUrl: str(env.LLM_BASE_URL),
      model: str(env.LLM_MODEL),
      apiKey: str(env.LLM_API_KEY),
      timeoutMs: int(env, "LLM_TIMEOUT_MS", 8000, [100, 600_000]),
      maxConcurrency: int(env, "LLM_MAX_CONCURRENCY", 4, [1, 256]),
    },
    telegram: {
      token: str(env.TELEGRAM_BOT_TOKEN),
      // Telegram's secret_token: 1–256 characters of A–Z, a–z, 0–9, _ and -.
      webhookSecret: secret(
        env,
        "TELEGRAM_WEBHOOK_SECRET",
        /^[A-Za-z0-9_-]{1,256}$/u,
        "1–256 ký tự A–Z a–z 0–9 _ -",
      ),
      apiRoot: (str(env.TELEGRAM_API_ROOT) ?? "https://api.telegram.org").replace(/\/+$/u, ""),
      username: str(env.TELEGRAM_BOT_USERNAME),
    },
    zalo: {
      token: str(env.ZALO_BOT_TOKEN),
      webhookSecret: secret(env, "ZALO_WEBHOOK_SECRET", /^\S{8,256}$/u, "8–256 ký tự, không có khoảng trắng"),
      apiRoot: (str(env.ZALO_API_ROOT) ?? "https://bot-api.zaloplatforms.com").replace(/\/+$/u, ""),
      botName: str(env.ZALO_BOT_NAME),
    },
  };
}
