/** The file of chat updates a shutdown left unanswered: written whole, taken once, a damaged one kept aside. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { savePendingUpdates, takePendingUpdates } from "../src/bots/pending-file.ts";

const dir = mkdtempSync(join(tmpdir(), "cds-pending-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("pending chat updates", () => {
  it("writes nothing when nothing is pending, and hands the updates back exactly once", async () => {
    const file = join(dir, "a.json");
    expect(savePendingUpdates(file, { telegram: [], zalo: [] })).toBe(0);
    expect(existsSync(file)).toBe(false);
    const update = { update_id: 5, message: { text: "hạn quý III" } };
    expect(savePendingUpdates(file, { telegram: [update], zalo: [{ message: { text: "x" } }] })).toBe(2);
    const events: Record<string, unknown>[] = [];
    const taken = await takePendingUpdates(file, (e) => events.push(e));
    expect(taken.telegram).toEqual([update]);
    expect(taken.zalo).toHaveLength(1);
    expect(existsSync(file)).toBe(false);
    expect(await takePendingUpdates(file, (e) => events.push(e))).toEqual({ telegram: [], zalo: [] });
    expect(events).toEqual([]);
  });

  it("drops updates saved more than a day ago, saying so", async () => {
    const file = join(dir, "b.json");
    savePendingUpdates(file, { telegram: [{ update_id: 1 }], zalo: [] }, new Date("2026-11-01T00:00:00Z"));
    const events: Record<string, unknown>[] = [];
    const taken = await takePendingUpdates(file, (e) => events.push(e), new Date("2026-11-03T00:00:00Z"));
    expect(taken.telegram).toEqual([]);
    expect(events[0]).toMatchObject({ event: "pending_updates_dropped", count: 1 });
  });

  it("keeps a damaged file aside under .bad and logs it, never throwing", async () => {
    const file = join(dir, "c.json");
    writeFileSync(file, '{"version":1,"savedAt":');
    const events: Record<string, unknown>[] = [];
    expect(await takePendingUpdates(file, (e) => events.push(e))).toEqual({ telegram: [], zalo: [] });
    expect(readFileSync(`${file}.bad`, "utf8")).toContain("savedAt");
    expect(events[0]).toMatchObject({ event: "pending_updates_corrupt" });
  });
});
