/**
 * Conversations: each carries its last answered turn for a while (30 minutes and a few follow-ups by
 * default), kept behind a store interface (memory here; the Workers store on Cloudflare), so that a
 * follow-up is read against it. A conversation is one chat and user, or one API `conversation` id:
 * nothing is ever read across two of them.
 */
import { BoundedMap } from "../bounded-map.ts";
import type { Corpus } from "./corpus.ts";
import { resolveFollowUp, type Turn } from "./follow-up.ts";
import type { AnswerPolicy } from "./policy.ts";
import type { AskInput, AskResult } from "./types.ts";

export interface ConversationStore {
  get(id: string): Promise<Turn | null>;
  set(id: string, turn: Turn): Promise<void>;
}

/** Turns in memory, each dropped after `ttlMs`; the oldest go first past `maxEntries`. */
export class MemoryConversationStore implements ConversationStore {
  private readonly turns: BoundedMap<string, { turn: Turn; until: number }>;
  constructor(
    private readonly ttlMs: number,
    maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {
    this.turns = new BoundedMap(maxEntries);
  }

  async get(id: string): Promise<Turn | null> {
    const held = this.turns.get(id);
    if (!held) return null;
    if (held.until <= this.now()) {
      this.turns.delete(id);
      return null;
    }
    return held.turn;
  }

  async set(id: string, turn: Turn): Promise<void> {
    this.turns.set(id, { turn, until: this.now() + this.ttlMs });
  }
}

export interface ConversationOptions {
  store: ConversationStore;
  /** Follow-ups read against one turn before a question must stand alone again. */
  maxDepth: number;
}

export interface Conversations {
  /** Answers within a conversation (a new id when none is given), and says which. */
  ask(input: AskInput, conversation?: string): Promise<AskResult & { conversation: string }>;
}

export function conversations(
  ask: (input: AskInput) => Promise<AskResult>,
  corpus: Corpus,
  policy: AnswerPolicy,
  options: ConversationOptions,
): Conversations {
  return {
    async ask(input, conversation) {
      const id = conversation ?? crypto.randomUUID();
      const previous = conversation ? await options.store.get(id) : null;
      const resolved = resolveFollowUp(corpus, policy, previous, input, options.maxDepth);
      const result = await ask(resolved.input);
      // An answer that drew on no plan gives a follow-up nothing to read against: the last one stays.
      if (result.plans.length > 0)
        await options.store.set(id, {
          question: resolved.input.question,
          plans: result.plans,
          intent: result.intent,
          depth: resolved.depth,
        });
      return { ...result, conversation: id };
    },
  };
}
