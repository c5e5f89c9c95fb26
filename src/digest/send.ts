/**
 * One round of deadline digests for a day: for each subscribed chat not yet sent one that day, the
 * digest of its plan, split for the platform and sent in order. The platform clients retry a 429 (after
 * its retry_after) or a 5xx within their bounds and log each retry; a chat whose digest still fails is
 * logged and not marked sent, so the next run (the next timer, or `npm run digest` again) tries again.
 * A chat with nothing due in either window gets nothing that day.
 */
import { type ChatChannel, chatRef, type Platform } from "../bots/core.ts";
import { splitMessage } from "../bots/format.ts";
import { errorMessage } from "../errors.ts";
import type { Plan } from "../plans/schema.ts";
import { composeDigest, digestText } from "./compose.ts";
import { type SubscriptionStore, splitChatKey } from "./subscriptions.ts";

export type DigestChannels = Partial<Record<Platform, (chatId: string) => ChatChannel>>;

export interface DigestRunOptions {
  plans: readonly Plan[];
  store: SubscriptionStore;
  channels: DigestChannels;
  /** The day the digests are for (YYYY-MM-DD, Vietnam). */
  today: string;
  /** Compose and hand each digest to `print` instead of sending; nothing is marked sent. */
  dryRun?: boolean;
  print?: (chatKey: string, text: string) => void;
  log?: (event: Record<string, unknown>) => void;
}

export interface DigestRunResult {
  sent: number;
  /** Already sent one today. */
  skipped: number;
  /** Nothing due in either window. */
  empty: number;
  failed: number;
  printed: number;
}

/** Sends the rendered parts in order; throws at the first part the platform refuses. */
export async function deliver(channel: ChatChannel, plain: string): Promise<number> {
  const parts = splitMessage(plain, channel.limit, (s) => channel.render(s).length);
  for (const part of parts) await channel.send(channel.render(part));
  return parts.length;
}

export async function sendDigests(options: DigestRunOptions): Promise<DigestRunResult> {
  const log = options.log ?? (() => {});
  const { today } = options;
  const result: DigestRunResult = { sent: 0, skipped: 0, empty: 0, failed: 0, printed: 0 };
  for (const [chatKey, sub] of await options.store.list()) {
    const { platform, chatId } = splitChatKey(chatKey);
    const chat = { platform, chat: chatRef(chatKey), plan: sub.plan };
    if (sub.lastSent === today) {
      result.skipped++;
      continue;
    }
    const plan = options.plans.find((p) => p.id === sub.plan);
    if (!plan) {
      log({ event: "digest_plan_missing", ...chat });
      result.failed++;
      continue;
    }
    const text = digestText(composeDigest(plan, today));
    if (text === null) {
      result.empty++;
      continue;
    }
    if (options.dryRun) {
      options.print?.(chatKey, text);
      result.printed++;
      continue;
    }
    const channel = options.channels[platform as Platform];
    if (!channel) {
      log({ event: "digest_send_failed", ...chat, message: `${platform} is not configured` });
      result.failed++;
      continue;
    }
    try {
      const parts = await deliver(channel(chatId), text);
      await options.store.markSent(chatKey, today);
      log({ event: "digest_sent", ...chat, parts, day: today });
      result.sent++;
    } catch (err) {
      log({ event: "digest_send_failed", ...chat, day: today, message: errorMessage(err) });
      result.failed++;
    }
  }
  log({ event: "digest_run", day: today, dryRun: Boolean(options.dryRun), ...result });
  return result;
}
