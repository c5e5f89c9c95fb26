/**
 * Node wiring of the chat bots: the settings file, the shared core, and the adapters whose tokens are
 * configured. Used by the API server (webhooks) and by the long-polling scripts. Nothing here calls a
 * platform: building the bots never waits on the network.
 */
import type { WebhookHandlers } from "../api/app.ts";
import type { Config } from "../config.ts";
import type { Plan } from "../plans/schema.ts";
import { type Answers, ChatCore } from "./core.ts";
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
}

export interface BuildBotsOptions {
  plans: readonly Plan[];
  answers: Answers;
  log: (event: Record<string, unknown>) => void;
  /** Defaults to the JSON file at config.chatSettingsFile. */
  store?: ChatSettingsStore;
  only?: "telegram" | "zalo";
}

export function buildBots(
  config: Pick<Config, "telegram" | "zalo" | "chatSettingsFile">,
  options: BuildBotsOptions,
): Bots {
  const { log } = options;
  const store = options.store ?? new JsonFileChatSettingsStore(config.chatSettingsFile, log);
  const core = new ChatCore({ answers: options.answers, plans: options.plans, store, log });
  const bots: Bots = { handlers: {}, close: async () => {} };
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
    bots.handlers.zalo = zalo.webhook;
    log({ event: "bot_ready", platform: "zalo", webhook: Boolean(config.zalo.webhookSecret) });
  }
  bots.close = async () => {
    await Promise.all([bots.telegram?.stop(), bots.zalo?.stop()]);
  };
  return bots;
}
