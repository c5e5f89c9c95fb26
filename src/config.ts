/**
 * Configuration from the environment, read once at start-up. Every path can be overridden so tests
 * and deployments point the same code at other corpora and data directories.
 */
import { join, resolve } from "node:path";
import { Cron } from "croner";
import { z } from "zod";
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
  /** Recent chat update ids, so that a redelivery after a restart is answered once: `${dataDir}/recent-updates.json`. */
  recentUpdatesFile: string;
  /** Chats subscribed to deadline digests (/nhac) and the day each last got one: `${dataDir}/digest-subscriptions.json`. */
  subscriptionsFile: string;
  /** DIGEST_CRON: when `npm start` sends the digests (default "0 8 * * 1", Monday 08:00), in DIGEST_TIMEZONE. */
  digest: { cron: string; timezone: string };
  port: number;
  host: string;
  /** SHUTDOWN_TIMEOUT_MS: how long SIGTERM waits for requests and chat replies in flight (default 10 s). */
  shutdownMs: number;
  /**
   * CONVERSATION_TTL_MINUTES (default 30) and CONVERSATION_TURNS (default 3): how long, and for how many
   * follow-ups, a conversation's last turn is kept to read a follow-up question against.
   */
  conversation: { ttlMinutes: number; maxTurns: number };
  /**
   * ADMIN_TOKEN: the code the upload page (/tai-len) asks for before it ingests a plan file; the page is
   * off when it is unset.
   */
  adminToken: string | null;
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
 * Each variable is checked by its own zod schema, which also says what is allowed: a bad value stops
 * the start with the variable's name and that text ("PORT=abc" is not quietly 8787). Blank is unset.
 */
interface Setting<T> {
  schema: z.ZodType<T>;
  allowed: { vi: string; en: string };
}

function setting<T>(
  env: Record<string, string | undefined>,
  name: string,
  { schema, allowed }: Setting<T>,
): T {
  const raw = env[name]?.trim();
  const result = schema.safeParse(raw === "" ? undefined : raw);
  if (result.success) return result.data;
  // A secret's value is never repeated in the message.
  const shown = /SECRET|TOKEN|KEY/u.test(name) ? "" : `="${raw}"`;
  throw new AppError(
    "bad-config",
    `Biến môi trường ${name}${shown} không hợp lệ: ${allowed.vi}.`,
    `Environment variable ${name}${shown} is invalid: ${allowed.en}.`,
  );
}

/** A whole number in [min, max]; `fallback` when unset (null: no default). */
const int = <F extends number | null>(fallback: F, min: number, max: number): Setting<number | F> => ({
  schema: z
    .string()
    .regex(/^\d+$/u)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .optional()
    .transform((n) => n ?? fallback),
  allowed: {
    vi: `phải là số nguyên từ ${min} đến ${max}`,
    en: `it must be a whole number from ${min} to ${max}`,
  },
});

const oneOf = <T extends string>(allowed: readonly [T, ...T[]], fallback: T): Setting<T> => ({
  schema: z
    .string()
    .transform((v) => v.toLowerCase())
    .pipe(z.enum(allowed))
    .optional()
    .transform((v) => v ?? fallback),
  allowed: { vi: `chỉ nhận ${allowed.join(", ")}`, en: `use one of ${allowed.join(", ")}` },
});

/** On unless turned off (OCR, LOG_QUESTIONS); a word that is neither is refused rather than guessed. */
const flag = (fallback: boolean): Setting<boolean> => ({
  schema: z
    .string()
    .transform((v) => v.toLowerCase())
    .pipe(z.enum(["1", "0", "true", "false", "yes", "no", "on", "off"]))
    .optional()
    .transform((v) => (v === undefined ? fallback : ["1", "true", "yes", "on"].includes(v))),
  allowed: { vi: "chỉ nhận 1/0, true/false, yes/no, on/off", en: "use 1/0, true/false, yes/no or on/off" },
});

const text: Setting<string | null> = {
  schema: z
    .string()
    .optional()
    .transform((v) => v ?? null),
  allowed: { vi: "phải là một chuỗi", en: "it must be text" },
};

/** An http(s) URL, without the trailing slash. */
const url = (fallback: string | null): Setting<string | null> => ({
  schema: z
    .url({ protocol: /^https?$/u })
    .optional()
    .transform((v) => (v ?? fallback)?.replace(/\/+$/u, "") ?? null),
  allowed: {
    vi: "phải là một địa chỉ http:// hoặc https:// đầy đủ",
    en: "it must be a full http:// or https:// URL",
  },
});

/** A value the library that reads it takes without throwing. */
const accepted =
  (read: (v: string) => unknown) =>
  (v: string): boolean => {
    try {
      read(v);
      return true;
    } catch {
      return false;
    }
  };

/** A cron pattern croner accepts (5 or 6 fields). */
const cron = (fallback: string): Setting<string> => ({
  schema: z
    .string()
    .refine(accepted((v) => new Cron(v, { paused: true }).stop()))
    .optional()
    .transform((v) => v ?? fallback),
  allowed: {
    vi: "phải là biểu thức cron 5 trường (phút giờ ngày tháng thứ), ví dụ 0 8 * * 1",
    en: "it must be a 5-field cron pattern (minute hour day month weekday), e.g. 0 8 * * 1",
  },
});

/** An IANA time zone name the runtime knows. */
const timeZone = (fallback: string): Setting<string> => ({
  schema: z
    .string()
    .refine(accepted((v) => new Intl.DateTimeFormat("en", { timeZone: v })))
    .optional()
    .transform((v) => v ?? fallback),
  allowed: {
    vi: "phải là tên múi giờ, ví dụ Asia/Ho_Chi_Minh",
    en: "it must be a time zone, e.g. Asia/Ho_Chi_Minh",
  },
});

/** A webhook secret in the platform's format. */
const secret = (format: RegExp, vi: string, en: string): Setting<string | null> => ({
  schema: z
    .string()
    .regex(format)
    .optional()
    .transform((v) => v ?? null),
  allowed: { vi: `phải gồm ${vi}`, en: `it must be ${en}` },
});

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  const get = <T>(name: string, spec: Setting<T>): T => setting(env, name, spec);
  const dataDir = resolve(env.DATA_DIR?.trim() || "data");
  return {
    corpusDir: resolve(env.CORPUS_DIR?.trim() || "corpus"),
    read: {
      // On unless turned off: a commune that drops a scan expects it read (about 3 s a page).
      ocr: get("OCR", flag(true)),
      maxBytes: get("CORPUS_MAX_FILE_MB", int(20, 1, 1024)) * 1024 * 1024,
      maxTextBytes: get("PLAN_MAX_TEXT_MB", int(5, 1, 256)) * 1024 * 1024,
    },
    dataDir,
    promptsDir: resolve(env.PROMPTS_DIR?.trim() || "prompts"),
    chatSettingsFile: resolve(get("CHAT_SETTINGS_FILE", text) ?? join(dataDir, "chat-settings.json")),
    pendingUpdatesFile: join(dataDir, "pending-updates.json"),
    recentUpdatesFile: join(dataDir, "recent-updates.json"),
    subscriptionsFile: join(dataDir, "digest-subscriptions.json"),
    digest: {
      cron: get("DIGEST_CRON", cron("0 8 * * 1")),
      timezone: get("DIGEST_TIMEZONE", timeZone("Asia/Ho_Chi_Minh")),
    },
    port: get("PORT", int(8787, 0, 65535)),
    shutdownMs: get("SHUTDOWN_TIMEOUT_MS", int(10_000, 0, 600_000)),
    logQuestions: get("LOG_QUESTIONS", flag(true)),
    adminToken: get(
      "ADMIN_TOKEN",
      secret(/^\S{12,256}$/u, "12–256 ký tự, không có khoảng trắng", "12–256 characters without spaces"),
    ),
    log: {
      level: get("LOG_LEVEL", oneOf(LOG_LEVELS, "info")),
      format: get("LOG_FORMAT", oneOf(["json", "pretty", "auto"], "auto")),
    },
    host: get("HOST", text) ?? "127.0.0.1",
    embeddings: {
      provider: get("EMBEDDINGS_PROVIDER", oneOf(["local", "openai"], "local")),
      baseUrl: get("EMBEDDINGS_BASE_URL", url(null)),
      model: get("EMBEDDINGS_MODEL", text),
      apiKey: get("EMBEDDINGS_API_KEY", text),
      dimensions: get("EMBEDDINGS_DIMENSIONS", int(null, 1, 65536)),
    },
    llm: {
      baseUrl: get("LLM_BASE_URL", url(null)),
      model: get("LLM_MODEL", text),
      apiKey: get("LLM_API_KEY", text),
      timeoutMs: get("LLM_TIMEOUT_MS", int(8000, 100, 600_000)),
      maxConcurrency: get("LLM_MAX_CONCURRENCY", int(4, 1, 256)),
    },
    ...readChatConfig(env),
  };
}

/**
 * The chats' settings alone (the Worker reads them from its env, the same names and checks as Node):
 * tokens, webhook secrets, API roots and the names the bots go by, and how long a conversation is kept.
 */
export function readChatConfig(
  env: Record<string, string | undefined>,
): Pick<Config, "telegram" | "zalo" | "conversation"> {
  const get = <T>(name: string, spec: Setting<T>): T => setting(env, name, spec);
  return {
    conversation: {
      ttlMinutes: get("CONVERSATION_TTL_MINUTES", int(30, 1, 24 * 60)),
      maxTurns: get("CONVERSATION_TURNS", int(3, 0, 50)),
    },
    telegram: {
      token: get("TELEGRAM_BOT_TOKEN", text),
      // Telegram's secret_token: 1–256 characters of A–Z, a–z, 0–9, _ and -.
      webhookSecret: get(
        "TELEGRAM_WEBHOOK_SECRET",
        secret(
          /^[A-Za-z0-9_-]{1,256}$/u,
          "1–256 ký tự A–Z a–z 0–9 _ -",
          "1–256 characters of A–Z a–z 0–9 _ -",
        ),
      ),
      apiRoot: get("TELEGRAM_API_ROOT", url("https://api.telegram.org")) as string,
      username: get("TELEGRAM_BOT_USERNAME", text),
    },
    zalo: {
      token: get("ZALO_BOT_TOKEN", text),
      webhookSecret: get(
        "ZALO_WEBHOOK_SECRET",
        secret(/^\S{8,256}$/u, "8–256 ký tự, không có khoảng trắng", "8–256 characters without spaces"),
      ),
      apiRoot: get("ZALO_API_ROOT", url("https://bot-api.zaloplatforms.com")) as string,
      botName: get("ZALO_BOT_NAME", text),
    },
  };
}
