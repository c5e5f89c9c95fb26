/**
 * A deadline digest of one plan for one day, as a pure function of the plan and the day: the tasks due
 * in the next 14 days and those whose planned deadline passed in the last 7, each with its lead and where
 * the plan says so. The plans record no completion status, so a passed deadline is "đã quá hạn theo kế
 * hoạch", never "chưa làm". Tasks with no deadline of their own follow the plan's period: they fall due
 * when the plan ends. Recurring and event-bound tasks ("hằng tuần", "theo hướng dẫn") fall due never.
 */
import { pageOf } from "../answer/citations.ts";
import { clip, deadlineText, placeInText, whoText } from "../answer/format.ts";
import { dueIn, nextDays, pastDays, type TimeWindow } from "../answer/window.ts";
import { citationText } from "../bots/format.ts";
import type { Plan, Task } from "../plans/schema.ts";
import { formatViDate } from "../text/dates.ts";

/** Days ahead a digest looks (today included) and days back (today left out). */
export const DIGEST_AHEAD_DAYS = 14;
export const DIGEST_BACK_DAYS = 7;

export interface DigestItem {
  task: Task;
  /** Where the plan states the task: as answers cite it. */
  citation: { plan: string; section: string; lines: [number, number]; page: number | null; ocr: boolean };
}

export interface Digest {
  plan: Plan;
  today: string;
  upcoming: { window: TimeWindow; items: DigestItem[] };
  overdue: { window: TimeWindow; items: DigestItem[] };
}

function item(plan: Plan, task: Task): DigestItem {
  return {
    task,
    citation: {
      plan: plan.id,
      section: task.section,
      lines: task.lines,
      page: pageOf(plan, task.lines[0]),
      ocr: plan.source.ocr,
    },
  };
}

/** Earliest deadline first, then in the plan's order. */
function byDeadline(a: DigestItem, b: DigestItem): number {
  const x = a.task.deadline.end ?? "";
  const y = b.task.deadline.end ?? "";
  return x < y ? -1 : x > y ? 1 : a.task.lines[0] - b.task.lines[0];
}

export function composeDigest(plan: Plan, today: string): Digest {
  // Today and the 13 days after it; within by the last day: a quarter under way is not due before its end.
  const upcomingWindow: TimeWindow = {
    ...nextDays(today, DIGEST_AHEAD_DAYS - 1),
    label: `${DIGEST_AHEAD_DAYS} ngày tới`,
    relation: "within",
  };
  const back = pastDays(today, DIGEST_BACK_DAYS);
  const pick = (w: TimeWindow) =>
    plan.tasks
      .filter((t) => dueIn(t.deadline, w, today))
      .map((t) => item(plan, t))
      .sort(byDeadline);
  return {
    plan,
    today,
    upcoming: { window: upcomingWindow, items: pick(upcomingWindow) },
    overdue: { window: back, items: pick(back) },
  };
}

export function isEmptyDigest(digest: Digest): boolean {
  return digest.upcoming.items.length === 0 && digest.overdue.items.length === 0;
}

export const DIGEST_TEXT = {
  noStatus:
    "Lưu ý: kế hoạch chỉ ghi thời hạn, không ghi tình trạng hoàn thành. Việc «đã quá hạn theo kế hoạch» là việc có hạn đã qua, cần đối chiếu với tiến độ thực tế của đơn vị.",
  unsubscribe: "Ngừng nhận nhắc hạn: /nhac tắt",
} as const;

function itemLines(n: number, it: DigestItem, plan: Plan): string[] {
  return [
    `${n}. ${clip(it.task.title, 200)}`,
    `   Thời hạn: ${deadlineText(it.task.deadline, plan)}; ${whoText(it.task)}.`,
    `   Nguồn: ${citationText(it.citation, [plan])}`,
  ];
}

function section(heading: string, items: readonly DigestItem[], plan: Plan, from: number): string[] {
  // The tasks that follow the plan's period all end with it: said once, before them.
  const own = items.filter((i) => i.task.deadline.kind !== "plan-period");
  const period = items.filter((i) => i.task.deadline.kind === "plan-period");
  const out = [heading];
  let n = from;
  for (const it of own) out.push(...itemLines(n++, it, plan));
  if (period.length > 0) {
    out.push(
      `Nhiệm vụ không nêu hạn riêng, phải xong khi kế hoạch kết thúc (${plan.period.label}, đến ${formatViDate(plan.period.end)}):`,
    );
    for (const it of period)
      out.push(
        `${n++}. ${clip(it.task.title, 200)}`,
        `   ${capitalize(whoText(it.task))}.`,
        `   Nguồn: ${citationText(it.citation, [plan])}`,
      );
  }
  return out;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The digest as one plain-text message (split by the sender), or null when nothing falls in it. */
export function digestText(digest: Digest): string | null {
  if (isEmptyDigest(digest)) return null;
  const { plan, today, upcoming, overdue } = digest;
  const lines = [
    `Nhắc hạn nhiệm vụ chuyển đổi số — ${plan.shortName} (${placeInText(plan)}), ngày ${formatViDate(today)}`,
  ];
  let n = 1;
  if (upcoming.items.length > 0) {
    lines.push(
      "",
      ...section(
        `Đến hạn trong ${DIGEST_AHEAD_DAYS} ngày tới (từ ${formatViDate(upcoming.window.from ?? today)} đến ${formatViDate(upcoming.window.to)}):`,
        upcoming.items,
        plan,
        n,
      ),
    );
    n += upcoming.items.length;
  }
  if (overdue.items.length > 0) {
    lines.push(
      "",
      ...section(
        `Đã quá hạn theo kế hoạch trong ${DIGEST_BACK_DAYS} ngày qua (từ ${formatViDate(overdue.window.from ?? today)} đến ${formatViDate(overdue.window.to)}):`,
        overdue.items,
        plan,
        n,
      ),
    );
  }
  lines.push("", DIGEST_TEXT.noStatus, DIGEST_TEXT.unsubscribe);
  return lines.join("\n");
}
