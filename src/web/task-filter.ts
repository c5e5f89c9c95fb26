/**
 * The explorer's deadline windows, read as the answers read them: «tháng này», «quý này», «quá hạn» go
 * through the question windows of src/answer/window.ts and the deadline filter of src/plans/query.ts, so
 * the page lists what a question about the same window would; «thường xuyên» and «có điều kiện» are the
 * typed deadline kinds of src/plans/deadline.ts.
 */
import { windowIn } from "../answer/window.ts";
import { filterTasks, type TaskHit } from "../plans/query.ts";
import type { Plan } from "../plans/schema.ts";
import { formatViDate } from "../text/dates.ts";

export const WINDOWS = ["month", "quarter", "overdue", "recurring", "conditional"] as const;
export type WindowChoice = (typeof WINDOWS)[number];

/** The question each dated window is, as staff would ask it. */
const PHRASE: Record<"month" | "quarter" | "overdue", string> = {
  month: "tháng này",
  quarter: "quý này",
  overdue: "đã quá hạn",
};

export function isWindow(value: string | undefined): value is WindowChoice {
  return (WINDOWS as readonly string[]).includes(value ?? "");
}

export function windowLabel(choice: WindowChoice, today: string): string {
  switch (choice) {
    case "month":
      return `Tháng này (${windowIn(PHRASE.month, today)?.label ?? ""})`;
    case "quarter":
      return `Quý này (${windowIn(PHRASE.quarter, today)?.label ?? ""})`;
    case "overdue":
      return `Quá hạn so với hôm nay (${formatViDate(today)})`;
    case "recurring":
      return "Thường xuyên, định kỳ";
    case "conditional":
      return "Có điều kiện (theo hướng dẫn, khi có yêu cầu)";
  }
}

export function tasksIn(
  plan: Plan,
  filter: { unit?: string | undefined; window?: WindowChoice | undefined },
  today: string,
): TaskHit[] {
  const base = { plan: plan.id, ...(filter.unit ? { unit: filter.unit } : {}) };
  const choice = filter.window;
  if (choice === "month" || choice === "quarter" || choice === "overdue") {
    const w = windowIn(PHRASE[choice], today);
    if (!w) return [];
    return filterTasks([plan], { ...base, ...(w.from ? { dueFrom: w.from } : {}), dueTo: w.to });
  }
  const hits = filterTasks([plan], base);
  if (choice === "recurring" || choice === "conditional")
    return hits.filter((h) => h.task.deadline.kind === choice);
  return hits;
}
