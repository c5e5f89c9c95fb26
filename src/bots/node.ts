/**
 * Node wiring of the chat bots: the settings file, the shared core, and the adapters whose tokens are
 * configured. Used by the API server (webhooks) and by the long-polling scripts. Nothing here calls a
 * platform: building the bots never waits on the network.
 */
import type { WebhookHandlers } from "../api/app.ts";
import type { Config } from "../config.ts";
import type { DigestChannels } from "../digest/send.ts";
import type { SubscriptionStore } from "../digest/subscriptions.ts";
import { JsonFileSubscriptionStore } from "../digest/subscriptions-file.ts";
import type { FeedbackLog } from "../feedback/log.ts";
import type { Plan } from "../plans/schema.ts";
import { type Answers, ChatCore } from "./core.ts";
import { savePendingUpdates, takePendingUpdates } from "./pending-file.ts";
import type { ChatSettingsStore } from "./settings.ts";
import { JsonFileChatSettingsStore } from "./settings-file.ts";
import { createTelegramBot, type TelegramBot } from "./telegram.ts";
import { createZaloBot, type ZaloBot } from "./zalo.ts";

export interface Bots {
  telegram?: TelegramBot;
  zalo?: ZaloBot;
  /** Webhook handlers for `createApp({ bots })`. */
  handlers: WebhookHandlers;
  /** Stops polling and waits for messages being answered. */
  close(): Promise<void>;
  /** Writes the updates still being answered to the pending file (a shutdown out of time); how many. */
  savePending(): number;
  /** Answers the updates an earlier process saved, and removes the file; how many. */
  resume(): Promise<number>;
  /** Chats subscribed to deadline digests (/nhac). */
  subscriptions: SubscriptionStore;
  /** Channels for digests, through the configured bots' own clients. */
  push: DigestChannels;
}

export interface BuildBotsOptions {
  plans: readonly Plan[];
  answers: Answers;
  log: (event: Record<string, unknown>) => void;
  /** Defaults to the JSON file at config.chatSettingsFile. */
  store?: ChatSettingsStore;
  only?: "telegram" | "zalo";
  /** Verdicts on answers («👍», «👎», «/sai <lý do>»), when kept. */
  feedback?: FeedbackLog;
  /** Defaults to the JSON file at config.subscriptionsFile. */
  subscriptions?: SubscriptionStore;
  /** "Today" for the core (tests). */
  now?: () => string | undefined;
}

export function buildBots(
  config: Pick<Config, "telegram" | "zalo" | "chatSettingsFile" | "pendingUpdatesFile" | "subscriptionsFile">,
  options: BuildBotsOptions,
): Bots {
  const { log } = options;
  const store = options.store ?? new JsonFileChatSettingsStore(config.chatSettingsFile, log);
  const subscriptions = options.subscriptions ?? new JsonFileSubscriptionStore(config.subscriptionsFile, log);
  const core = new ChatCore({
    answers: options.answers,
    plans: options.plans,
    store,
    log,
    subscriptions,
    ...(options.feedback ? { feedback: options.feedback } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const bots: Bots = {
    handlers: {},
    close: async () => {},
    savePending: () => 0,
    resume: async () => 0,
    subscriptions,
    push: {},
  };
  if (config.telegram.token && options.only !== "zalo") {
    const telegram = createTelegramBot({
      token: config.telegram.token,
      apiRoot: config.telegram.apiRoot,
      webhookSecret: config.telegram.webhookSecret,
      username: config.telegram.username,
      core,
      log,
    });
    bots.telegram = telegram;
    bots.push.telegram = (chatId) => telegram.push(chatId);
    bots.handlers.telegram = telegram.webhook;
    log({ event: "bot_ready", platform: "telegram", webhook: Boolean(config.telegram.webhookSecret) });
  }
  if (config.zalo.token && options.only !== "telegram") {
    const zalo = createZaloBot({
      token: config.zalo.token,
      apiRoot: config.zalo.apiRoot,
      webhookSecret: config.zalo.webhookSecret,
      botName: config.zalo.botName,
      core,
      log,
    });
    bots.zalo = zalo;
    bots.push.zalo = (chatId) => zalo.push(chatId);
    bots.handlers.zalo = zalo.webhook;
    log({ event: "bot_ready", platform: "zalo", webhook: Boolean(config.zalo.webhookSecret) });
  }
  bots.close = async () => {
    await Promise.all([bots.telegram?.stop(), bots.zalo?.stop()]);
  };
  bots.savePending = () => {
    const count = savePendingUpdates(config.pendingUpdatesFile, {
      telegram: bots.telegram?.pending() ?? [],
      zalo: bots.zalo?.pending() ?? [],
    });
    if (count > 0) log({ event: "pending_updates_saved", count });
    return count;
  };
  bots.resume = async () => {
    const saved = await takePendingUpdates(config.pendingUpdatesFile, log);
    // An update for a platform no longer configured cannot be answered: said, not silently lost.
    const lost = (bots.telegram ? 0 : saved.telegram.length) + (bots.zalo ? 0 : saved.zalo.length);
    if (lost > 0) log({ event: "pending_updates_dropped", count: lost, reason: "platform not configured" });
    await bots.telegram?.replay(saved.telegram);
    await bots.zalo?.replay(saved.zalo);
    const count = saved.telegram.length + saved.zalo.length - lost;
    if (count > 0) log({ event: "pending_updates_resumed", count });
    return count;
  };
  return bots;
}
