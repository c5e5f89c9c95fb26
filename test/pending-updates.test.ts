/**
 * The Node ledger of the chat adapters: the pending journal (written before an update is acknowledged,
 * removed once answered, left behind by a killed process) and the recent update ids kept across restarts.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PendingJournal, RecentUpdates, savePendingUpdates } from "../src/bots/pending-file.ts";

const dir = mkdtempSync(join(tmpdir(), "cds-pending-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
type Event = Record<string, unknown>;

describe("pending chat updates", () => {
  it("journals an update until it is answered, and hands what a killed process left back exactly once", () => {
    const file = join(dir, "a.json");
    const events: Event[] = [];
    const journal = new PendingJournal(file, (e) => events.push(e));
    expect(existsSync(file)).toBe(false);
    const update = { update_id: 5, message: { text: "hạn quý III" } };
    journal.begin("telegram", "5", update);
    journal.begin("zalo", "message.text.received:m1", { message: { text: "x" } });
    journal.done("zalo", "message.text.received:m1");
    expect(existsSync(file)).toBe(true);
    // The process is killed here; the next one opens the same file.
    const next = new PendingJournal(file, (e) => events.push(e));
    const left = next.leftovers();
    expect(left.telegram).toEqual([["5", update]]);
    expect(left.zalo).toEqual([]);
    expect(next.leftovers()).toEqual({ telegram: [], zalo: [] });
    // Still journaled until answered.
    expect(existsSync(file)).toBe(true);
    next.done("telegram", "5");
    expect(existsSync(file)).toBe(false);
    expect(events).toEqual([]);
  });

  it("reads a file written before the journal (no keys)", () => {
    const file = join(dir, "v1.json");
    savePendingUpdates(file, { telegram: [{ update_id: 9 }], zalo: [] });
    expect(new PendingJournal(file).leftovers().telegram).toHaveLength(1);
  });

  it("drops updates saved more than a day ago, saying so", () => {
    const file = join(dir, "b.json");
    savePendingUpdates(file, { telegram: [{ update_id: 1 }], zalo: [] }, new Date("2026-11-01T00:00:00Z"));
    const events: Event[] = [];
    const journal = new PendingJournal(file, (e) => events.push(e), new Date("2026-11-03T00:00:00Z"));
    expect(journal.leftovers().telegram).toEqual([]);
    expect(events[0]).toMatchObject({ event: "pending_updates_dropped", count: 1 });
    expect(existsSync(file)).toBe(false);
  });

  it("keeps a damaged file aside under .bad and logs it, never throwing", () => {
    const file = join(dir, "c.json");
    writeFileSync(file, '{"version":1,"savedAt":');
    const events: Event[] = [];
    expect(new PendingJournal(file, (e) => events.push(e)).leftovers()).toEqual({ telegram: [], zalo: [] });
    expect(readFileSync(`${file}.bad`, "utf8")).toContain("savedAt");
    expect(events[0]).toMatchObject({ event: "pending_updates_corrupt" });
  });

  it("remembers recent update ids across a restart, at most `capacity` a platform", () => {
    const file = join(dir, "recent.json");
    const first = new RecentUpdates(file, () => {}, 3);
    expect(first.add("telegram", "1")).toBe(true);
    expect(first.add("telegram", "1")).toBe(false);
    for (const id of ["2", "3", "4"]) first.add("telegram", id);
    first.add("zalo", "message.text.received:m1");
    const second = new RecentUpdates(file, () => {}, 3);
    expect(second.add("telegram", "4")).toBe(false);
    expect(second.add("zalo", "message.text.received:m1")).toBe(false);
    // The oldest was forgotten.
    expect(second.add("telegram", "1")).toBe(true);
    writeFileSync(file, "not json");
    const events: Event[] = [];
    expect(new RecentUpdates(file, (e) => events.push(e)).add("telegram", "4")).toBe(true);
    expect(events[0]).toMatchObject({ event: "recent_updates_corrupt" });
  });
});
