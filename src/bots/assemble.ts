/**
 * The chat adapters whose tokens are configured, built on one `ChatCore` and one ledger, with their webhook
 * handlers and the channels digests are pushed through. Web-standard only: Node (node.ts) and the Worker
 * (runtime/worker-bots.ts) give it their own stores. Nothing here calls a platform.
 */
import type { WebhookHandlers } from "../api/app.ts";
import type { Config } from "../config.ts";
import type { DigestChannels } from "../digest/send.ts";
import type { ChatCore } from "./core.ts";
import { createTelegramBot, type TelegramBot } from "./telegram.ts";
import type { UpdateLedger } from "./util.ts";
import { createZaloBot, type ZaloBot } from "./zalo.ts";

export interface Adapters {
  telegram?: TelegramBot;
  zalo?: ZaloBot;
  /** Webhook handlers for `createApp({ bots })`. */
  handlers: WebhookHandlers;
  /** Channels for digests, through the configured bots' own clients. */
  push: DigestChannels;
  /** Resolves once every accepted update has been answered. */
  idle(): Promise<void>;
}

export function assembleAdapters(
  config: Pick<Config, "telegram" | "zalo">,
  parts: {
    core: ChatCore;
    ledger: UpdateLedger;
    log: (event: Record<string, unknown>) => void;
    only?: "telegram" | "zalo" | undefined;
  },
): Adapters {
  const { core, ledger, log, only } = parts;
  const adapters: Adapters = {
    handlers: {},
    push: {},
    idle: async () => {
      await Promise.all([adapters.telegram?.idle(), adapters.zalo?.idle()]);
    },
  };
  // What every adapter gives the rest: its digest channel, its webhook, and a line saying it is ready.
  const ready = (
    platform: "telegram" | "zalo",
    bot: TelegramBot | ZaloBot,
    secret: string | null | undefined,
  ) => {
    adapters.push[platform] = (chatId) => bot.push(chatId);
    adapters.handlers[platform] = bot.webhook;
    log({ event: "bot_ready", platform, webhook: Boolean(secret) });
  };
  if (config.telegram.token && only !== "zalo") {
    adapters.telegram = createTelegramBot({
      token: config.telegram.token,
      apiRoot: config.telegram.apiRoot,
      webhookSecret: config.telegram.webhookSecret,
      username: config.telegram.username,
      core,
      log,
      ledger,
    });
    ready("telegram", adapters.telegram, config.telegram.webhookSecret);
  }
  if (config.zalo.token && only !== "telegram") {
    adapters.zalo = createZaloBot({
      token: config.zalo.token,
      apiRoot: config.zalo.apiRoot,
      webhookSecret: config.zalo.webhookSecret,
      botName: config.zalo.botName,
      core,
      log,
      ledger,
    });
    ready("zalo", adapters.zalo, config.zalo.webhookSecret);
  }
  return adapters;
}
