/** Digest subscriptions in `${DATA_DIR}/digest-subscriptions.json` (Node), written atomically. */
import { JsonFileMap } from "../bots/json-file-map.ts";
import { parseSubscription, type Subscription, type SubscriptionStore, subscribed } from "./subscriptions.ts";

export class JsonFileSubscriptionStore implements SubscriptionStore {
  private readonly map: JsonFileMap<Subscription>;

  constructor(
    readonly file: string,
    log: (event: Record<string, unknown>) => void = () => {},
  ) {
    this.map = new JsonFileMap(file, parseSubscription, "digest_subscriptions", log);
  }

  get(chatKey: string): Promise<Subscription | undefined> {
    return this.map.get(chatKey);
  }

  async subscribe(chatKey: string, plan: string, today: string): Promise<Subscription> {
    return (await this.map.update(chatKey, (old) => subscribed(old, plan, today))) as Subscription;
  }

  async unsubscribe(chatKey: string): Promise<boolean> {
    let had = false;
    await this.map.update(chatKey, (old) => {
      had = old !== undefined;
      return undefined;
    });
    return had;
  }

  list(): Promise<Array<[string, Subscription]>> {
    return this.map.all();
  }

  async markSent(chatKey: string, day: string): Promise<void> {
    await this.map.update(chatKey, (old) => (old ? { ...old, lastSent: day } : undefined));
  }
}
