/** The deadline digest as a pure function of a real corpus plan and a day. */
import { describe, expect, it } from "vitest";
import { composeDigest, DIGEST_TEXT, digestText, isEmptyDigest } from "../src/digest/compose.ts";
import type { Plan, Task } from "../src/plans/schema.ts";
import { plan } from "./helpers/corpus.ts";

const addDays = (iso: string, n: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** The tasks whose last day is in [from, to], read straight from the plan model. */
function endingIn(p: Plan, from: string, to: string): Task[] {
  return p.tasks.filter((t) => t.deadline.end !== null && t.deadline.end >= from && t.deadline.end <= to);
}

const ids = (tasks: readonly { id: string }[]) => tasks.map((t) => t.id).sort();

describe("deadline digest", () => {
  it("lists the tasks due in the next 14 days with lead, deadline and a citation line", () => {
    const p = plan("tan-ky-2026");
    const today = "2026-03-23";
    const digest = composeDigest(p, today);
    const expected = endingIn(p, today, addDays(today, 13));
    expect(expected.length).toBeGreaterThan(0);
    expect(ids(digest.upcoming.items.map((i) => i.task))).toEqual(ids(expected));
    expect(digest.overdue.items).toEqual([]);
    const text = digestText(digest) ?? "";
    expect(text).toContain("Tân Kỳ 2026");
    expect(text).toContain("23/03/2026");
    for (const t of expected) {
      expect(text).toContain(t.title.slice(0, 40));
      expect(text).toContain(`chủ trì: ${t.lead.join("; ")}`);
      const [from, to] = t.lines;
      expect(text).toContain(
        `Nguồn: Tân Kỳ 2026 · ${t.section} · dòng ${from === to ? from : `${from}–${to}`}`,
      );
    }
    expect(text).toContain(DIGEST_TEXT.noStatus);
    expect(text).not.toMatch(/chưa làm/u);
  });

  it("lists tasks whose planned deadline passed in the last 7 days as «đã quá hạn theo kế hoạch»", () => {
    const p = plan("tan-ky-2026");
    const today = "2026-10-05";
    const digest = composeDigest(p, today);
    const expected = endingIn(p, addDays(today, -7), addDays(today, -1));
    expect(expected.length).toBeGreaterThan(0);
    expect(ids(digest.overdue.items.map((i) => i.task))).toEqual(ids(expected));
    expect(ids(digest.upcoming.items.map((i) => i.task))).toEqual(
      ids(endingIn(p, today, addDays(today, 13))),
    );
    const text = digestText(digest) ?? "";
    expect(text).toMatch(/Đã quá hạn theo kế hoạch trong 7 ngày qua \(từ 28\/09\/2026 đến 04\/10\/2026\)/u);
  });

  it("a deadline eight days past, or a quarter under way but ending later, is left out", () => {
    const p = plan("tan-ky-2026");
    // Quý I/2026 ended 31/03: on 09/04 it is 9 days past; Quý III/2026 is under way in August.
    expect(composeDigest(p, "2026-04-09").overdue.items).toEqual([]);
    const august = composeDigest(p, "2026-08-10");
    expect(august.upcoming.items.filter((i) => i.task.deadline.kind === "quarter")).toEqual([]);
  });

  it("at a plan's end lists the tasks that follow its period, once under one heading; recurring ones never", () => {
    const p = plan("phu-thai-2025-h2");
    const digest = composeDigest(p, "2025-12-22");
    const expected = endingIn(p, "2025-12-22", "2026-01-04");
    expect(expected.every((t) => t.deadline.kind === "plan-period")).toBe(true);
    expect(ids(digest.upcoming.items.map((i) => i.task))).toEqual(ids(expected));
    expect(digest.upcoming.items.some((i) => i.task.deadline.kind === "recurring")).toBe(false);
    const text = digestText(digest) ?? "";
    expect(text.match(/phải xong khi kế hoạch kết thúc/gu)).toHaveLength(1);
    expect(text).toContain("đến 31/12/2025");
  });

  it("is empty, and has no text, when nothing falls in either window", () => {
    const digest = composeDigest(plan("tan-ky-2026"), "2026-06-01");
    expect(isEmptyDigest(digest)).toBe(true);
    expect(digestText(digest)).toBeNull();
    expect(digestText(composeDigest(plan("tinh-hai-2024"), "2026-03-23"))).toBeNull();
  });

  it("is the same for the same plan and day (a pure function)", () => {
    const p = plan("tan-ky-2026");
    expect(digestText(composeDigest(p, "2026-09-21"))).toBe(digestText(composeDigest(p, "2026-09-21")));
  });
});
