/**
 * A small fetch client for the Zalo Bot Platform (bot.zaloplatforms.com): a Telegram-like Bot API at
 * `${apiRoot}/bot${token}/<method>`, every call a POST with a JSON body, answers in an envelope
 * `{ok:true,result}` or `{ok:false,error_code,description}`. No library exists for it.
 *
 * Retries: 429 and 5xx (as the HTTP status or the envelope's error_code) and network failures are retried,
 * at most `maxAttempts` tries in all, waiting `parameters.retry_after` / a Retry-After header when there is
 * one (giving up when it is longer than `maxDelayMs`), exponential backoff otherwise. Other errors are final.
 */
import { errorMessage } from "../errors.ts";
import { sleep } from "./util.ts";

export interface ZaloUser {
  id: string;
  display_name?: string;
  is_bot?: boolean;
}

export interface ZaloMessage {
  message_id: string;
  date?: number;
  from?: ZaloUser;
  chat: { id: string; chat_type?: "PRIVATE" | "GROUP" | string };
  text?: string;
}

export interface ZaloUpdate {
  event_name?: string;
  message?: ZaloMessage;
}

export interface ZaloMe {
  id: string;
  account_name?: string;
  display_name?: string;
  account_type?: string;
  can_join_groups?: boolean;
}

export class ZaloApiError extends Error {
  constructor(
    readonly method: string,
    /** Envelope error_code, or the HTTP status when there is no envelope; 0 for a network failure. */
    readonly errorCode: number,
    readonly description: string,
    /** Seconds the platform asked to wait, when it said. */
    readonly retryAfter?: number,
  ) {
    super(`Zalo ${method} failed: ${errorCode} ${description}`);
    this.name = "ZaloApiError";
  }
}

export interface ZaloApiOptions {
  /** Default https://bot-api.zaloplatforms.com (ZALO_API_ROOT). */
  apiRoot?: string;
  /** Tries in all for a retryable failure (default 3). */
  maxAttempts?: number;
  /** First backoff when the platform gives no retry_after (default 1 s; doubled each time). */
  baseDelayMs?: number;
  /** Longest wait honoured or used (default 60 s). */
  maxDelayMs?: number;
  /** Per-request timeout (default 15 s; getUpdates uses its poll timeout + 5 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
  log?: (event: Record<string, unknown>) => void;
}

interface Envelope<T> {
  ok?: boolean;
  result?: T;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number };
}

function retryAfterHeader(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

function retryable(code: number): boolean {
  return code === 0 || code === 429 || code >= 500;
}

export class ZaloApi {
  readonly apiRoot: string;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly timeoutMs: number;
  private readonly fetch: typeof fetch;
  private readonly log: (event: Record<string, unknown>) => void;

  constructor(
    private readonly token: string,
    options: ZaloApiOptions = {},
  ) {
    this.apiRoot = (options.apiRoot ?? "https://bot-api.zaloplatforms.com").replace(/\/+$/u, "");
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 3);
    this.baseDelayMs = options.baseDelayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 60_000;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.log = options.log ?? (() => {});
  }

  /** One call, with the retries described above. `retry: false` tries once. */
  async call<T>(
    method: string,
    params: Record<string, unknown> = {},
    opts: { retry?: boolean; timeoutMs?: number; signal?: AbortSignal } = {},
  ): Promise<T> {
    const attempts = opts.retry === false ? 1 : this.maxAttempts;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once<T>(method, params, opts.timeoutMs ?? this.timeoutMs, opts.signal);
      } catch (err) {
        if (!(err instanceof ZaloApiError) || !retryable(err.errorCode) || attempt >= attempts) throw err;
        if (opts.signal?.aborted) throw err;
        const waitMs =
          err.retryAfter !== undefined
            ? err.retryAfter * 1000
            : Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
        if (waitMs > this.maxDelayMs) throw err;
        this.log({
          event: "zalo_retry",
          method,
          attempt,
          code: err.errorCode,
          waitMs: Math.round(waitMs),
        });
        await sleep(waitMs, opts.signal);
      }
    }
  }

  private async once<T>(
    method: string,
    params: Record<string, unknown>,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<T> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let res: Response;
    try {
      res = await this.fetch(`${this.apiRoot}/bot${this.token}/${method}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(params),
        signal: combined,
      });
    } catch (err) {
      // The token is part of the URL: never put the error's URL in the message.
      const why = timeout.aborted ? "timeout" : signal?.aborted ? "aborted" : "network error";
      throw new ZaloApiError(method, 0, `${why}: ${errorMessage(err).replaceAll(this.token, "***")}`);
    }
    let body: Envelope<T> | undefined;
    try {
      body = (await res.json()) as Envelope<T>;
    } catch {
      body = undefined;
    }
    const headerWait = retryAfterHeader(res.headers.get("retry-after"));
    if (body && body.ok === true) return body.result as T;
    const code = body?.error_code ?? (res.ok ? 500 : res.status);
    // An HTTP error status wins over an envelope that forgets to say it (a 429 page from a proxy).
    const effective = !res.ok && !retryable(code) && retryable(res.status) ? res.status : code;
    const wait = body?.parameters?.retry_after ?? headerWait;
    throw new ZaloApiError(
      method,
      effective,
      body?.description ?? (res.ok ? "malformed response" : `HTTP ${res.status}`),
      wait,
    );
  }

  /** Not retried: who the bot is can be learned on a later message. */
  getMe(): Promise<ZaloMe> {
    return this.call<ZaloMe>("getMe", {}, { retry: false, timeoutMs: 10_000 });
  }

  /**
   * One long poll: the platform returns one update (or, defensively, an array); `[]` when the poll timed
   * out with nothing (error_code 408). Not retried: the polling loop decides.
   */
  async getUpdates(timeoutSeconds: number, signal?: AbortSignal): Promise<ZaloUpdate[]> {
    try {
      const result = await this.call<ZaloUpdate | ZaloUpdate[] | null>(
        "getUpdates",
        { timeout: String(timeoutSeconds) },
        { retry: false, timeoutMs: (timeoutSeconds + 5) * 1000, ...(signal ? { signal } : {}) },
      );
      if (!result) return [];
      return Array.isArray(result) ? result : [result];
    } catch (err) {
      if (err instanceof ZaloApiError && err.errorCode === 408) return [];
      throw err;
    }
  }

  sendMessage(chatId: string, text: string): Promise<unknown> {
    return this.call("sendMessage", { chat_id: chatId, text });
  }

  sendChatAction(chatId: string, action = "typing"): Promise<unknown> {
    return this.call("sendChatAction", { chat_id: chatId, action }, { retry: false });
  }

  deleteWebhook(): Promise<unknown> {
    return this.call("deleteWebhook", {});
  }
}
