/**
 * Zalo Bot Platform adapter: webhook handler (web-standard Request → Response) and long polling, both
 * feeding the platform-neutral `ChatCore`.
 *
 * - Webhook: header `X-Bot-Api-Secret-Token` compared in constant time with ZALO_WEBHOOK_SECRET (401
 *   otherwise, and always when no secret is configured). The update may come wrapped in `{ok,result}` or
 *   at top level; it is acknowledged at once and handled in the background (`idle()` waits for it).
 * - Only `message.text.received` is handled. There is no update_id: a delivery is deduplicated on
 *   event name + message_id (bounded set of recent keys, kept across restarts by the Node ledger); an
 *   update is journaled before it is acknowledged and removed once answered.
 * - Groups: the platform sends no mention, entity or reply-to information (and Marketplace bots may not be
 *   allowed in groups at all), so in a GROUP chat the bot answers only commands (`/hoi …`, `/kehoach …`)
 *   and messages that start with the bot's name (ZALO_BOT_NAME, else the name getMe reports), with or
 *   without "@". Everything else in a group is ignored.
 * - Replies are plain text (no parse mode, no reply-to: parts are sent in order), ≤ 2,000 characters.
 */

import { errorMessage } from "../errors.ts";
import type { ChatChannel, ChatCore, ChatMessage } from "./core.ts";
import { ZALO_LIMIT } from "./format.ts";
import {
  Background,
  constantTimeEqual,
  LearnedOnce,
  MemoryLedger,
  type PendingUpdates,
  sleep,
  type UpdateLedger,
} from "./util.ts";
import { ZaloApi, type ZaloApiOptions, type ZaloMessage, type ZaloUpdate } from "./zalo-api.ts";

export const ZALO_SECRET_HEADER = "x-bot-api-secret-token";
export const ZALO_TEXT_EVENT = "message.text.received";

export interface ZaloBotOptions {
  token: string;
  core: ChatCore;
  /** ZALO_API_ROOT (default https://bot-api.zaloplatforms.com). */
  apiRoot?: string;
  /** ZALO_WEBHOOK_SECRET: required for the webhook. */
  webhookSecret?: string | null;
  /** ZALO_BOT_NAME: how group members address the bot ("Trợ lý CĐS …"). */
  botName?: string | null;
  log?: (event: Record<string, unknown>) => void;
  /** Retry bounds and timeouts of the API client. */
  api?: Omit<ZaloApiOptions, "apiRoot" | "log">;
  /** Long-poll timeout in seconds (default 30). */
  pollTimeoutSeconds?: number;
  /** After a failed getMe, wait this long before trying again (default 60 s). */
  getMeRetryMs?: number;
  /** Seen deliveries and the journal of updates being answered (default: in memory, no journal). */
  ledger?: UpdateLedger;
}

/** A channel to a Zalo chat: plain text, parts in order. */
export function zaloChannel(api: ZaloApi, chatId: string): ChatChannel {
  return {
    limit: ZALO_LIMIT,
    render: (plain) => plain,
    send: async (t) => {
      await api.sendMessage(chatId, t);
    },
    typing: async () => {
      await api.sendChatAction(chatId, "typing");
    },
  };
}

/** Channels to Zalo chats for a process that runs no bot (`npm run digest`). */
export function zaloPush(
  options: Pick<ZaloBotOptions, "token" | "apiRoot" | "log" | "api">,
): (chatId: string) => ChatChannel {
  const api = new ZaloApi(options.token, {
    ...options.api,
    ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  return (chatId) => zaloChannel(api, chatId);
}

export interface ZaloBot extends PendingUpdates {
  /** POST /bot/zalo: web-standard Request → Response. */
  webhook(request: Request): Promise<Response>;
  /** Long polling with getUpdates (deletes any webhook first); resolves when stopped. */
  startPolling(): Promise<void>;
  stop(): Promise<void>;
  idle(): Promise<void>;
  /** A channel to a chat for a message nobody asked for just now (a digest). */
  push(chatId: string): ChatChannel;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
}

/** "@Trợ lý, ai chủ trì …" → "ai chủ trì …" when the text starts with one of the names; else undefined. */
export function stripLeadingName(text: string, names: readonly string[]): string | undefined {
  const t = text.normalize("NFC").trimStart();
  for (const name of names) {
    const n = name.normalize("NFC").trim().replace(/^@/u, "");
    if (!n) continue;
    const re = new RegExp(`^@?${escapeRegExp(n)}(?=$|[\\s,:;.!?])[\\s,:;.!?]*`, "iu");
    const m = re.exec(t);
    if (m) return t.slice(m[0].length).trim();
  }
  return undefined;
}

/** The platform-neutral view of a Zalo text message. */
export function zaloMessage(msg: ZaloMessage & { text: string }, names: readonly string[]): ChatMessage {
  const type = msg.chat.chat_type;
  const group = type === "GROUP" || (type !== "PRIVATE" && msg.from?.id !== msg.chat.id);
  let text = msg.text.trim();
  let addressed = false;
  if (group) {
    const rest = stripLeadingName(text, names);
    if (rest !== undefined) {
      addressed = true;
      text = rest;
    }
  }
  return {
    platform: "zalo",
    chatId: String(msg.chat.id),
    chatType: group ? "group" : "private",
    messageId: String(msg.message_id),
    text,
    addressed,
    ...(msg.from?.id ? { userId: String(msg.from.id) } : {}),
  };
}

/** The update in a webhook body: wrapped `{ok:true,result:{…}}` or at top level. */
export function unwrapZaloUpdate(body: unknown): ZaloUpdate | undefined {
  if (!body || typeof body !== "object") return undefined;
  const b = body as { ok?: unknown; result?: unknown };
  const u = b.ok === true && b.result && typeof b.result === "object" ? b.result : body;
  return u as ZaloUpdate;
}

export function createZaloBot(options: ZaloBotOptions): ZaloBot {
  const log = options.log ?? (() => {});
  const secret = options.webhookSecret ?? undefined;
  const api = new ZaloApi(options.token, {
    ...options.api,
    ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}),
    log,
  });
  const ledger = options.ledger ?? new MemoryLedger();
  const background = new Background((err) => log({ event: "zalo_update_error", message: errorMessage(err) }));

  // ---- who am I (getMe, lazily, never blocking) -------------------------------------------------
  const identity = new LearnedOnce(
    async () => {
      const me = await api.getMe();
      log({ event: "zalo_me", id: me.id, name: me.display_name ?? me.account_name ?? null });
      return me;
    },
    options.getMeRetryMs ?? 60_000,
    (err) => log({ event: "zalo_getme_failed", message: errorMessage(err) }),
  );
  const learnMe = () => identity.learn();
  const names = (): string[] =>
    [options.botName, identity.current?.display_name, identity.current?.account_name].filter(
      (n): n is string => Boolean(n?.trim()),
    );

  const accept = async (raw: unknown, replayed = false): Promise<boolean> => {
    const update = unwrapZaloUpdate(raw);
    const msg = update?.message;
    if (!update || !msg || typeof msg !== "object" || !msg.chat) return false;
    const event = update.event_name ?? (typeof msg.text === "string" ? ZALO_TEXT_EVENT : undefined);
    if (event !== ZALO_TEXT_EVENT || typeof msg.text !== "string") {
      log({ event: "zalo_ignored", name: event ?? null });
      return false;
    }
    if (msg.from?.is_bot) return false;
    const key = msg.message_id !== undefined ? `${event}:${msg.message_id}` : crypto.randomUUID();
    if (!replayed && msg.message_id !== undefined && !(await ledger.firstTime("zalo", key))) {
      log({ event: "zalo_duplicate_update", message_id: msg.message_id });
      return false;
    }
    const text = msg.text;
    const chatId = String(msg.chat.id);
    const channel = zaloChannel(api, chatId);
    await ledger.begin("zalo", key, raw);
    void background.run(async () => {
      try {
        await learnMe();
        await options.core.handle(zaloMessage({ ...msg, text }, names()), channel);
      } finally {
        await ledger.done("zalo", key);
      }
    });
    return true;
  };

  let warned = false;
  const webhook = async (request: Request): Promise<Response> => {
    const header = request.headers.get(ZALO_SECRET_HEADER);
    if (!secret) {
      if (!warned) log({ event: "zalo_webhook_refused", reason: "ZALO_WEBHOOK_SECRET is not set" });
      warned = true;
    }
    if (!secret || header === null || !constantTimeEqual(header, secret)) {
      return Response.json({ ok: false, error_code: 401, description: "unauthorized" }, { status: 401 });
    }
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      return Response.json({ ok: false, error_code: 400, description: "invalid JSON" }, { status: 400 });
    }
    try {
      await accept(body);
    } catch (err) {
      log({ event: "zalo_webhook_error", message: errorMessage(err) });
    }
    return Response.json({ ok: true });
  };

  // ---- long polling -----------------------------------------------------------------------------
  let polling: AbortController | undefined;
  let loop: Promise<void> | undefined;
  const pollTimeout = options.pollTimeoutSeconds ?? 30;

  const run = async (signal: AbortSignal) => {
    try {
      await api.deleteWebhook();
    } catch (err) {
      log({ event: "zalo_delete_webhook_failed", message: errorMessage(err) });
    }
    void learnMe();
    log({ event: "zalo_polling" });
    let backoff = 1000;
    while (!signal.aborted) {
      try {
        const updates = await api.getUpdates(pollTimeout, signal);
        backoff = 1000;
        for (const u of updates) await accept(u);
      } catch (err) {
        if (signal.aborted) break;
        log({ event: "zalo_poll_error", message: errorMessage(err), retryInMs: backoff });
        await sleep(backoff, signal).catch(() => {});
        backoff = Math.min(backoff * 2, 30_000);
      }
    }
  };

  return {
    webhook,
    startPolling() {
      if (loop) return loop;
      polling = new AbortController();
      loop = run(polling.signal).finally(() => {
        loop = undefined;
      });
      return loop;
    },
    async stop() {
      polling?.abort();
      await loop;
      await background.idle();
    },
    idle: () => background.idle(),
    async replay(updates) {
      for (const update of updates) await accept(update, true);
    },
    push: (chatId) => zaloChannel(api, chatId),
  };
}
