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
import { assembleAdapters } from "./assemble.ts";
import { type Answers, ChatCore } from "./core.ts";
import { FileLedger } from "./pending-file.ts";
import type { ChatSettingsStore } from "./settings.ts";
import { JsonFileChatSettingsStore } from "./settings-file.ts";
import type { TelegramBot } from "./telegram.ts";
import type { ZaloBot } from "./zalo.ts";

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
  config: Pick<
    Config,
    | "telegram"
    | "zalo"
    | "chatSettingsFile"
    | "pendingUpdatesFile"
    | "recentUpdatesFile"
    | "subscriptionsFile"
  >,
  options: BuildBotsOptions,
): Bots {
  const { log } = options;
  const store = options.store ?? new JsonFileChatSettingsStore(config.chatSettingsFile, log);
  // Seen update ids and the journal of updates being answered, in DATA_DIR: a redelivery after a restart
  // is answered once, and an update whose answer a killed process never sent is answered at the next start.
  const ledger = new FileLedger(
    { pending: config.pendingUpdatesFile, recent: config.recentUpdatesFile },
    log,
  );
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
  const adapters = assembleAdapters(config, { core, ledger, log, only: options.only });
  const bots: Bots = {
    ...(adapters.telegram ? { telegram: adapters.telegram } : {}),
    ...(adapters.zalo ? { zalo: adapters.zalo } : {}),
    handlers: adapters.handlers,
    close: async () => {},
    savePending: () => 0,
    resume: async () => 0,
    subscriptions,
    push: adapters.push,
  };
  bots.close = async () => {
    await Promise.all([bots.telegram?.stop(), bots.zalo?.stop()]);
  };
  // The journal already holds every update being answered; at a shutdown out of time it is said so.
  bots.savePending = () => {
    const count = ledger.journal.persist();
    if (count > 0) log({ event: "pending_updates_saved", count });
    return count;
  };
  bots.resume = async () => {
    const saved = ledger.journal.leftovers();
    let count = 0;
    for (const platform of ["telegram", "zalo"] as const) {
      const bot = bots[platform];
      if (!bot) {
        // An update for a platform no longer configured cannot be answered: said, not silently lost.
        if (saved[platform].length > 0)
          log({
            event: "pending_updates_dropped",
            count: saved[platform].length,
            reason: "platform not configured",
          });
        for (const [key] of saved[platform]) ledger.done(platform, key);
        continue;
      }
      // Each leaves the journal as it is handed back, and the adapter journals it again while answering.
      for (const [key, update] of saved[platform]) {
        ledger.done(platform, key);
        await bot.replay([update]);
        count++;
      }
    }
    if (count > 0) log({ event: "pending_updates_resumed", count });
    return count;
  };
  return bots;
}
