/**
 * Telegram adapter on grammY: a web-standard webhook handler (`webhookCallback(bot, "std/http")`, so it
 * also runs on Workers) and long polling, both feeding the platform-neutral `ChatCore`.
 *
 * - Building the bot never calls Telegram (`publishCommands()` is called by the start scripts, never
 *   waited on): `botInfo` is given up front (from TELEGRAM_BOT_USERNAME, or a
 *   placeholder), and the real one is learned with getMe on the first authenticated update or when
 *   polling starts; if getMe fails the bot keeps going with what it has and tries again later.
 * - Webhook: the secret header is checked by grammY (constant time; 401, nothing processed, no network
 *   call). The update is acknowledged at once and handled in the background (`idle()` waits for it), so
 *   a slow answer never runs into grammY's webhook timeout; a timeout or any error still answers 200.
 * - A repeated update_id is handled once (bounded set of recent ids, kept across restarts by the Node
 *   ledger); an update is journaled before it is acknowledged and removed once answered.
 * - API calls go through @grammyjs/auto-retry with bounded attempts and delays.
 */
import { autoRetry } from "@grammyjs/auto-retry";
import { Api, Bot, type Context, webhookCallback } from "grammy";
import type { InlineKeyboardMarkup, Message, UserFromGetMe } from "grammy/types";
import { errorMessage } from "../errors.ts";
import type { Verdict } from "../feedback/log.ts";
import { type ChatChannel, type ChatCore, type ChatMessage, COMMANDS } from "./core.ts";
import { escapeHtml, TELEGRAM_LIMIT } from "./format.ts";
import { Background, LearnedOnce, MemoryLedger, type PendingUpdates, type UpdateLedger } from "./util.ts";

export interface TelegramBotOptions {
  token: string;
  core: ChatCore;
  /** Bot API root without a trailing slash (default https://api.telegram.org; a fake in tests). */
  apiRoot?: string;
  /** TELEGRAM_WEBHOOK_SECRET: required for the webhook (without it every webhook call gets 401). */
  webhookSecret?: string | null;
  /** TELEGRAM_BOT_USERNAME: known before getMe answers (mentions, "/hoi@name"). */
  username?: string | null;
  log?: (event: Record<string, unknown>) => void;
  /** auto-retry bounds (defaults: 3 retries, retry_after up to 60 s). */
  retry?: { maxRetryAttempts?: number; maxDelaySeconds?: number };
  /** How long getMe may take before the bot goes on without it (default 10 s). */
  getMeTimeoutMs?: number;
  /** After a failed getMe, wait this long before trying again (default 60 s). */
  getMeRetryMs?: number;
  /** Webhook safety net: grammY's timeout (default 10 s); processing is in the background anyway. */
  webhookTimeoutMs?: number;
  /** Seen update ids and the journal of updates being answered (default: ids in memory, no journal). */
  ledger?: UpdateLedger;
}

/**
 * The Bot API client's behaviour, for the bot's own client and for one made to push digests: a 429 or
 * 5xx answer is logged (each attempt), then auto-retry waits and tries again within bounds.
 */
function configureApi(
  api: Api,
  log: (event: Record<string, unknown>) => void,
  retry: TelegramBotOptions["retry"] = {},
): void {
  api.config.use(async (prev, method, payload, signal) => {
    const res = await prev(method, payload, signal);
    if (!res.ok && (res.error_code === 429 || res.error_code >= 500))
      log({
        event: "telegram_api_retryable",
        method,
        code: res.error_code,
        retryAfter: res.parameters?.retry_after ?? null,
      });
    return res;
  });
  // Installed after the logger, so it wraps it: every attempt is logged.
  api.config.use(
    autoRetry({
      maxRetryAttempts: retry.maxRetryAttempts ?? 3,
      maxDelaySeconds: retry.maxDelaySeconds ?? 60,
      // 5xx: retried with backoff, bounded by maxRetryAttempts. Network errors: thrown at once, since
      // auto-retry would otherwise retry them forever (its HttpError loop ignores maxRetryAttempts).
      rethrowInternalServerErrors: false,
      rethrowHttpErrors: true,
    }),
  );
}

/** A channel to a chat nobody just wrote in (a digest): HTML, no reply-to. */
function pushChannel(api: Api, chatId: string): ChatChannel {
  return {
    limit: TELEGRAM_LIMIT,
    render: escapeHtml,
    send: async (html) => {
      await api.sendMessage(chatId, html, {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
      });
    },
  };
}

/** Channels to Telegram chats for a process that runs no bot (`npm run digest`). */
export function telegramPush(
  options: Pick<TelegramBotOptions, "token" | "apiRoot" | "log" | "retry">,
): (chatId: string) => ChatChannel {
  const api = new Api(options.token, {
    ...(options.apiRoot ? { apiRoot: options.apiRoot.replace(/\/+$/u, "") } : {}),
    timeoutSeconds: 60,
  });
  configureApi(api, options.log ?? (() => {}), options.retry);
  return (chatId) => pushChannel(api, chatId);
}

export interface TelegramBot extends PendingUpdates {
  /** POST /bot/telegram: web-standard Request → Response. */
  webhook(request: Request): Promise<Response>;
  /** Long polling (deletes any webhook first, as grammY does); resolves when stopped. */
  startPolling(): Promise<void>;
  /** Stops polling (if running) and waits for updates being handled. */
  stop(): Promise<void>;
  /** Resolves once every accepted update has been handled (tests, shutdown). */
  idle(): Promise<void>;
  /** What the bot currently knows about itself. */
  me(): UserFromGetMe;
  /** A channel to a chat for a message nobody asked for just now (a digest). */
  push(chatId: string): ChatChannel;
  /** Publishes the Vietnamese command menu (setMyCommands); failures are logged, never thrown. */
  publishCommands(): Promise<boolean>;
}

function placeholderMe(username: string | null | undefined): UserFromGetMe {
  return {
    id: 0,
    is_bot: true,
    first_name: username ?? "bot",
    username: username?.replace(/^@/u, "") ?? "",
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
    supports_join_request_queries: false,
  };
}

type TextMessage = Message & { text: string };

/** callback_data of the verdict buttons: "fb:up:<answer id>", "fb:down:<answer id>" (≤ 64 bytes). */
const PRESS = /^fb:(up|down):([A-Za-z0-9-]{1,56})$/u;

/** 👍 / 👎 under an answer; once pressed, the choice is marked (and may still be changed). */
export function feedbackKeyboard(answerId: string, chosen?: Verdict): InlineKeyboardMarkup {
  const button = (verdict: Verdict, emoji: string) => ({
    text: chosen === verdict ? `✅ ${emoji}` : emoji,
    callback_data: `fb:${verdict}:${answerId}`,
  });
  return { inline_keyboard: [[button("up", "👍"), button("down", "👎")]] };
}

/** The platform-neutral view of a Telegram text message; mentions of the bot are cut out of the text. */
export function telegramMessage(msg: TextMessage, me: UserFromGetMe, known: boolean): ChatMessage {
  const username = me.username.toLowerCase();
  const cuts: Array<[number, number]> = [];
  let addressed = false;
  for (const e of msg.entities ?? []) {
    const piece = msg.text.slice(e.offset, e.offset + e.length);
    const mention = e.type === "mention" && username !== "" && piece.toLowerCase() === `@${username}`;
    const textMention = e.type === "text_mention" && known && e.user.id === me.id;
    if (mention || textMention) {
      addressed = true;
      cuts.push([e.offset, e.offset + e.length]);
    }
  }
  let text = msg.text;
  for (const [from, to] of cuts.sort((a, b) => b[0] - a[0])) text = text.slice(0, from) + text.slice(to);
  text = text.replace(/[ \t]{2,}/gu, " ").trim();
  const replied = msg.reply_to_message?.from;
  if (replied?.is_bot) {
    if (known && replied.id === me.id) addressed = true;
    else if (username && replied.username?.toLowerCase() === username) addressed = true;
  }
  return {
    platform: "telegram",
    chatId: String(msg.chat.id),
    chatType: msg.chat.type === "private" ? "private" : "group",
    messageId: String(msg.message_id),
    text,
    addressed,
    ...(username ? { botUsername: me.username } : {}),
    ...(msg.from ? { userId: String(msg.from.id) } : {}),
  };
}

export function createTelegramBot(options: TelegramBotOptions): TelegramBot {
  const log = options.log ?? (() => {});
  const secret = options.webhookSecret ?? undefined;
  const bot = new Bot(options.token, {
    botInfo: placeholderMe(options.username),
    client: {
      ...(options.apiRoot ? { apiRoot: options.apiRoot.replace(/\/+$/u, "") } : {}),
      // Above the 30 s long-poll timeout; a send normally takes well under a second.
      timeoutSeconds: 60,
    },
  });
  configureApi(bot.api, log, options.retry);

  // ---- who am I (getMe, lazily, never blocking) -------------------------------------------------
  const getMeTimeout = options.getMeTimeoutMs ?? 10_000;
  const identity = new LearnedOnce(
    async () => {
      // grammY types its signal with the abort-controller polyfill; node-fetch accepts the native one.
      const signal = AbortSignal.timeout(getMeTimeout) as unknown as Parameters<typeof bot.api.getMe>[0];
      const me = await bot.api.getMe(signal);
      bot.botInfo = me;
      log({ event: "telegram_me", username: me.username, id: me.id });
      return me;
    },
    options.getMeRetryMs ?? 60_000,
    (err) => log({ event: "telegram_getme_failed", message: errorMessage(err) }),
  );
  const learnMe = () => identity.learn();

  // ---- updates ----------------------------------------------------------------------------------
  const ledger = options.ledger ?? new MemoryLedger();
  /** Updates handed back from the journal: seen before, answered now. */
  const replaying = new Set<number>();
  const background = new Background((err) =>
    log({ event: "telegram_update_error", message: errorMessage(err) }),
  );

  // Runs only for authenticated updates (after grammY's secret check): dedupe, then acknowledge at once
  // and handle the rest of the chain in the background.
  bot.use(async (ctx, next) => {
    const id = ctx.update.update_id;
    const key = String(id);
    if (!replaying.delete(id) && !(await ledger.firstTime("telegram", key))) {
      log({ event: "telegram_duplicate_update", update_id: id });
      return;
    }
    await ledger.begin("telegram", key, ctx.update);
    void background.run(async () => {
      try {
        await learnMe();
        await next();
      } finally {
        await ledger.done("telegram", key);
      }
    });
  });

  bot.on("message:text", async (ctx: Context) => {
    const msg = ctx.message as TextMessage | undefined;
    if (!msg || msg.from?.is_bot) return;
    const chat = msg.chat.id;
    const channel: ChatChannel = {
      limit: TELEGRAM_LIMIT,
      render: escapeHtml,
      send: async (html, sendOptions) => {
        await bot.api.sendMessage(chat, html, {
          parse_mode: "HTML",
          reply_parameters: { message_id: msg.message_id, allow_sending_without_reply: true },
          ...(sendOptions?.feedback ? { reply_markup: feedbackKeyboard(sendOptions.feedback) } : {}),
          link_preview_options: { is_disabled: true },
          ...(msg.is_topic_message && msg.message_thread_id
            ? { message_thread_id: msg.message_thread_id }
            : {}),
        });
      },
      typing: async () => {
        await bot.api.sendChatAction(chat, "typing");
      },
    };
    await options.core.handle(telegramMessage(msg, bot.botInfo, identity.current !== undefined), channel);
  });

  // A 👍 / 👎 press: acknowledged (answerCallbackQuery), the buttons show the choice, the verdict goes to
  // the feedback log, and after 👎 the member is asked for a reason in reply to the answer.
  bot.on("callback_query:data", async (ctx) => {
    const q = ctx.callbackQuery;
    const m = PRESS.exec(q.data);
    const message = q.message;
    if (!m || !message) {
      await bot.api
        .answerCallbackQuery(q.id)
        .catch((err: unknown) => log({ event: "telegram_callback_error", message: errorMessage(err) }));
      return;
    }
    const verdict = m[1] as Verdict;
    const answerId = m[2] as string;
    const chat = message.chat.id;
    const thread =
      "is_topic_message" in message && message.is_topic_message && message.message_thread_id
        ? { message_thread_id: message.message_thread_id }
        : {};
    const channel: ChatChannel = {
      limit: TELEGRAM_LIMIT,
      render: escapeHtml,
      send: async (html) => {
        await bot.api.sendMessage(chat, html, {
          parse_mode: "HTML",
          reply_parameters: { message_id: message.message_id, allow_sending_without_reply: true },
          ...thread,
        });
      },
    };
    await options.core.press(
      {
        platform: "telegram",
        chatId: String(chat),
        chatType: message.chat.type === "private" ? "private" : "group",
        userId: String(q.from.id),
        answerId,
        verdict,
      },
      channel,
      async (outcome) => {
        await bot.api.answerCallbackQuery(q.id, { text: outcome.notice });
        if (outcome.recorded)
          await bot.api.editMessageReplyMarkup(chat, message.message_id, {
            reply_markup: feedbackKeyboard(answerId, outcome.verdict),
          });
      },
    );
  });

  // Polling only (grammY does not use it for webhooks); the middleware above never throws anyway.
  bot.catch((err) => log({ event: "telegram_error", message: errorMessage(err.error) }));

  // ---- webhook ----------------------------------------------------------------------------------
  let callback: ((request: Request) => Promise<Response>) | undefined;
  let warned = false;
  const webhook = async (request: Request): Promise<Response> => {
    if (!secret) {
      if (!warned) log({ event: "telegram_webhook_refused", reason: "TELEGRAM_WEBHOOK_SECRET is not set" });
      warned = true;
      return new Response('"unauthorized"', { status: 401 });
    }
    // Created on first use: webhookCallback disables bot.start(), which the polling script needs.
    callback ??= webhookCallback(bot, "std/http", {
      secretToken: secret,
      onTimeout: "return",
      timeoutMilliseconds: options.webhookTimeoutMs ?? 10_000,
    });
    try {
      return await callback(request);
    } catch (err) {
      // A malformed body or a handler error: logged, and Telegram is not asked to redeliver.
      log({ event: "telegram_webhook_error", message: errorMessage(err) });
      return new Response(null, { status: 200 });
    }
  };

  const publishCommands = async (): Promise<boolean> => {
    try {
      await bot.api.setMyCommands(
        COMMANDS.map((c) => ({
          command: c.command,
          description: `${c.description.charAt(0).toUpperCase()}${c.description.slice(1)}`,
        })),
      );
      log({ event: "telegram_commands_set", count: COMMANDS.length });
      return true;
    } catch (err) {
      log({ event: "telegram_commands_failed", message: errorMessage(err) });
      return false;
    }
  };

  return {
    webhook,
    publishCommands,
    async startPolling() {
      void learnMe();
      void publishCommands();
      await bot.start({
        allowed_updates: ["message", "callback_query"],
        onStart: (me) => log({ event: "telegram_polling", username: me.username }),
      });
    },
    async stop() {
      if (bot.isRunning()) {
        // bot.stop() confirms the last offset with one more getUpdates; a failure there only means the
        // last updates may be delivered again (and the dedupe set is per process): log it, go on.
        await bot
          .stop()
          .catch((err: unknown) => log({ event: "telegram_stop_error", message: errorMessage(err) }));
      }
      await background.idle();
    },
    idle: () => background.idle(),
    async replay(updates) {
      for (const update of updates) {
        const u = update as Parameters<typeof bot.handleUpdate>[0];
        replaying.add(u.update_id);
        await bot.handleUpdate(u);
      }
    },
    me: () => bot.botInfo,
    push: (chatId) => pushChannel(bot.api, chatId),
  };
}
