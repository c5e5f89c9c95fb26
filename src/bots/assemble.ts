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
  if (config.telegram.token && only !== "zalo") {
    const telegram = createTelegramBot({
      token: config.telegram.token,
      apiRoot: config.telegram.apiRoot,
      webhookSecret: config.telegram.webhookSecret,
      username: config.telegram.username,
      core,
      log,
      ledger,
    });
    adapters.telegram = telegram;
    adapters.push.telegram = (chatId) => telegram.push(chatId);
    adapters.handlers.telegram = telegram.webhook;
    log({ event: "bot_ready", platform: "telegram", webhook: Boolean(config.telegram.webhookSecret) });
  }
  if (config.zalo.token && only !== "telegram") {
    const zalo = createZaloBot({
      token: config.zalo.token,
      apiRoot: config.zalo.apiRoot,
      webhookSecret: config.zalo.webhookSecret,
      botName: config.zalo.botName,
      core,
      log,
      ledger,
    });
    adapters.zalo = zalo;
    adapters.push.zalo = (chatId) => zalo.push(chatId);
    adapters.handlers.zalo = zalo.webhook;
    log({ event: "bot_ready", platform: "zalo", webhook: Boolean(config.zalo.webhookSecret) });
  }
  return adapters;
}
