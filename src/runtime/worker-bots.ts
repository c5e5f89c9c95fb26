/**
 * The chat bots on the Worker: the core and the adapters Node runs (bots/assemble.ts), with what they keep
 * in D1 (d1-stores.ts), and the tokens and secrets read from the Worker's env under the names and checks
 * Node reads (TELEGRAM_BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET, ZALO_…; config.ts). One per isolate, following
 * the snapshot in use. Besides the webhooks: the Cron Trigger's round of deadline digests, and the
 * forgetting of what is kept only for a while.
 */
import type { WebhookHandlers } from "../api/app.ts";
import { assembleAdapters } from "../bots/assemble.ts";
import { type Answers, ChatCore } from "../bots/core.ts";
import { readChatConfig } from "../config.ts";
import { type DigestRunResult, sendDigests } from "../digest/send.ts";
import { describeError } from "../errors.ts";
import type { Plan } from "../plans/schema.ts";
import type { D1Like } from "./d1.ts";
import {
  D1ChatSettingsStore,
  D1ConversationStore,
  D1FeedbackLog,
  D1SubscriptionStore,
  D1UpdateLedger,
} from "./d1-stores.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Seen update ids are kept this long: Telegram and Zalo redeliver within hours. */
const KEEP_UPDATES_MS = 2 * DAY_MS;
/** An answer can be rated this long after it was given (the verdicts themselves are kept). */
const KEEP_ANSWERS_MS = 30 * DAY_MS;

export interface WorkerBots {
  /** For `createApp({ bots })`: the platforms whose tokens are set. */
  handlers: WebhookHandlers;
  /** For `createApp({ feedback })` too: the API's answers are rated like the bots'. */
  feedback: D1FeedbackLog;
  /** Where the answering service keeps conversations (CONVERSATION_TTL_MINUTES, CONVERSATION_TURNS). */
  conversations: { store: D1ConversationStore; maxDepth: number };
  /** Resolves once every update accepted so far has been answered. */
  idle(): Promise<void>;
  /** One Cron Trigger round for the day given (YYYY-MM-DD, Vietnam); null when no bot is configured. */
  scheduled(today: string): Promise<DigestRunResult | null>;
}

/** The string vars and secrets of a Worker's env (bindings such as DB left out). */
function settingsOf(env: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => typeof e[1] === "string"),
  );
}

export function createWorkerBots(
  env: Record<string, unknown>,
  db: D1Like,
  options: {
    /** Kept in step with the snapshot in use by the Worker. */
    plans: readonly Plan[];
    answers: Answers;
    log: (event: Record<string, unknown>) => void;
  },
): WorkerBots {
  const { plans, log } = options;
  let config: ReturnType<typeof readChatConfig>;
  try {
    config = readChatConfig(settingsOf(env));
  } catch (err) {
    // A bad setting turns the bots off (said in the log), never the API.
    log({ event: "bot_config_error", ...describeError(err) });
    config = readChatConfig({});
  }
  const feedback = new D1FeedbackLog(db, log);
  const subscriptions = new D1SubscriptionStore(db);
  const ledger = new D1UpdateLedger(db, log);
  const conversations = new D1ConversationStore(db, config.conversation.ttlMinutes * 60_000);
  const core = new ChatCore({
    answers: options.answers,
    plans,
    store: new D1ChatSettingsStore(db),
    log,
    subscriptions,
    feedback,
  });
  const adapters = assembleAdapters(config, { core, ledger, log });
  const handlers = { ...adapters.handlers };
  // Node publishes Telegram's command menu at each start; an isolate, after its first update (best effort).
  let menu: Promise<unknown> | undefined;
  const telegram = adapters.telegram;
  if (telegram) {
    handlers.telegram = async (request) => {
      const response = await telegram.webhook(request);
      if (response.status === 200) menu ??= telegram.publishCommands();
      return response;
    };
  }
  return {
    handlers,
    feedback,
    conversations: { store: conversations, maxDepth: config.conversation.maxTurns },
    idle: async () => {
      await Promise.all([adapters.idle(), menu]);
    },
    async scheduled(today) {
      const now = Date.now();
      const forgotten = {
        updates: await ledger.forget(now - KEEP_UPDATES_MS),
        answers: await feedback.forget(now - KEEP_ANSWERS_MS),
        conversations: await conversations.forget(),
      };
      log({ event: "stores_forgotten", ...forgotten });
      if (!adapters.telegram && !adapters.zalo) {
        log({ event: "digest_skipped", reason: "no bot is configured" });
        return null;
      }
      return sendDigests({ plans, store: subscriptions, channels: adapters.push, today, log });
    },
  };
}
