/**
 * Small runtime helpers the chat adapters share. Web-standard only (no Node APIs), so the adapters also
 * run on Cloudflare Workers.
 */

/** A bounded set of recently seen keys (least recently added dropped first): webhook redelivery dedupe. */
export class RecentSet<K> {
  private readonly keys = new Set<K>();

  constructor(private readonly capacity = 2048) {}

  /** Adds the key; false when it was already there (a repeat). */
  add(key: K): boolean {
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    if (this.keys.size > this.capacity) {
      const oldest = this.keys.values().next();
      if (!oldest.done) this.keys.delete(oldest.value);
    }
    return true;
  }

  has(key: K): boolean {
    return this.keys.has(key);
  }

  /** Oldest first. */
  values(): K[] {
    return [...this.keys];
  }

  get size(): number {
    return this.keys.size;
  }
}

/**
 * What an adapter must not lose across a restart: which updates it has seen (a redelivery is answered
 * once) and which it is answering (written before the platform is acknowledged, removed once answered,
 * so that an update whose handling is killed is answered by the next start). `MemoryLedger` keeps the
 * first in memory and the second nowhere (tests); the Node one keeps both in DATA_DIR; the Worker's
 * keeps the first in D1. A ledger in a database answers later: the adapters await every call.
 */
export interface UpdateLedger {
  /** Records a delivery key of the platform; false when it was seen before (a redelivery). */
  firstTime(platform: string, key: string): boolean | Promise<boolean>;
  /** The update is being answered. */
  begin(platform: string, key: string, update: unknown): void | Promise<void>;
  /** It was answered (or could not be, and never will). */
  done(platform: string, key: string): void | Promise<void>;
}

export class MemoryLedger implements UpdateLedger {
  private readonly seen = new RecentSet<string>(4096);

  firstTime(platform: string, key: string): boolean {
    return this.seen.add(`${platform}:${key}`);
  }

  begin(): void {}

  done(): void {}
}

/** What an adapter takes back at the next start (from the ledger's journal). */
export interface PendingUpdates {
  /** Handles updates an earlier process journaled but never answered, as if they had just arrived. */
  replay(updates: readonly unknown[]): Promise<void>;
}

/**
 * Work started in the background (after a webhook has been acknowledged), kept so a shutdown or a test
 * can wait for it. A task never rejects: failures go to `onError`.
 */
export class Background {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly onError: (err: unknown) => void) {}

  run(task: () => Promise<void>): Promise<void> {
    const p: Promise<void> = Promise.resolve()
      .then(task)
      .catch((err: unknown) => this.onError(err))
      .finally(() => this.running.delete(p));
    this.running.add(p);
    return p;
  }

  /** Resolves once nothing is running, including work started while waiting. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}

/** Runs tasks one after another per key (a chat): answers leave in the order the questions came. */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => {},
      () => {},
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}

/** Compares two strings in time independent of where they differ (webhook secrets). */
export function constantTimeEqual(a: string, b: string): boolean {
  const enc = new TextEncoder();
  const x = enc.encode(a);
  const y = enc.encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < y.length; i++) diff |= (x[i % Math.max(x.length, 1)] ?? 0) ^ (y[i] ?? 0);
  return diff === 0 && x.length === y.length;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason ?? new Error("aborted"));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason ?? new Error("aborted"));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Something a bot learns from its platform once (who it is), fetched lazily and never blocking: one request
 * at a time, and after a failure no new attempt for `retryMs`. `learn()` never rejects.
 */
export class LearnedOnce<T> {
  private value: T | undefined;
  private lastFailure = Number.NEGATIVE_INFINITY;
  private inflight: Promise<void> | undefined;

  constructor(
    private readonly fetch: () => Promise<T>,
    private readonly retryMs: number,
    private readonly onFailure: (err: unknown) => void,
  ) {}

  get current(): T | undefined {
    return this.value;
  }

  learn(): Promise<void> {
    if (this.value !== undefined || Date.now() - this.lastFailure < this.retryMs) return Promise.resolve();
    this.inflight ??= (async () => {
      try {
        this.value = await this.fetch();
      } catch (err) {
        this.lastFailure = Date.now();
        this.onFailure(err);
      } finally {
        this.inflight = undefined;
      }
    })();
    return this.inflight;
  }
}
