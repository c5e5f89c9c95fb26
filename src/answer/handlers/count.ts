/**
 * Counting: "phụ lục có bao nhiêu nhiệm vụ", "Công an xã chủ trì mấy việc", "mấy việc thường xuyên",
 * "có mấy chỉ tiêu". Counted from the plan model and listed, each item cited.
 */
import { tasksOfUnit } from "../../plans/query.ts";
import type { Plan, Task } from "../../plans/schema.ts";
import type { AskContext } from "../context.ts";
import { abstention, evidence, type Item } from "../evidence.ts";
import { placeInText, placeName } from "../format.ts";
import { dated, indicatorsSource, targetsDue } from "./common.ts";

/** What a question counts, if it counts anything. */
export function counted(c: AskContext): "tasks" | "indicators" | null {
  if (c.cue("countIndicators")) return "indicators";
  // "mấy việc làm thường xuyên, việc nào có hạn riêng", "mấy nv … tới giờ quá hạn chưa": which ones, by
  // their deadlines, is what is asked.
  if (c.deadlineKind !== null || c.window?.relation === "overdue") return null;
  // "mấy việc nào kéo sang năm 2026": which tasks ("mấy … nào" is a plural), not how many.
  if (/ (?:may|nhung) (?:viec|nhiem vu|cong viec|dau viec) nao /u.test(` ${c.text} `)) return null;
  if (c.cue("countTasks")) return "tasks";
  return null;
}

function tasksCounted(c: AskContext, plan: Plan): { tasks: Task[]; what: string; dates: Task[] } {
  let tasks = plan.tasks;
  const what: string[] = [];
  const listed = tasks.filter((t) => t.origin === "appendix");
  const units = c.units.filter((x) => x.plan.id === plan.id);
  if (c.cue("appendix") && listed.length > 0) {
    tasks = listed;
    what.push("trong phụ lục");
  } else if (units.length === 0 && tasks.some((t) => t.origin !== "responsibility")) {
    // Counting a plan's tasks counts its task lists; a unit's work also holds the duties the plan gives it.
    tasks = tasks.filter((t) => t.origin !== "responsibility");
  }
  if (units.length > 0) {
    const leadOnly = c.asks.lead && !c.asks.coordinators;
    const mine = new Set(
      units.flatMap((x) =>
        tasksOfUnit(plan, x.unit)
          .filter((h) => !leadOnly || h.role === "lead")
          .map((h) => h.task),
      ),
    );
    tasks = tasks.filter((t) => mine.has(t));
    if (tasks.some((t) => t.origin === "responsibility") && tasks.some((t) => t.origin !== "responsibility"))
      tasks = [...tasks].sort(
        (a, b) => Number(a.origin === "responsibility") - Number(b.origin === "responsibility"),
      );
    what.push(
      `${leadOnly ? "do" : "của"} ${units.map((x) => x.unit.name).join(", ")}${leadOnly ? " chủ trì" : ""}`,
    );
  }
  let dates: Task[] = [];
  if (c.deadlineKind === "recurring" || c.cue("recurringDeadline")) {
    // "… việc nào có hạn riêng" in the same message: those are listed after.
    if (c.cue("datedDeadline")) dates = tasks.filter(dated);
    tasks = tasks.filter((t) => t.deadline.kind === "recurring");
    what.push("có thời hạn thường xuyên, định kỳ");
  } else if (c.deadlineKind === "conditional") {
    tasks = tasks.filter((t) => t.deadline.kind === "conditional");
    what.push("có thời hạn theo hướng dẫn, chỉ đạo");
  }
  return { tasks, what: what.join(" "), dates };
}

export function count(c: AskContext) {
  const what = counted(c);
  if (!what) return null;
  const items: Item[] = [];
  const max = c.policy.limits.dueList;
  // "Phụ lục nhiệm vụ có bao nhiêu nhiệm vụ" of a plan whose text holds no appendix table.
  const noAppendix: Plan[] = [];
  for (const plan of c.plans) {
    if (what === "tasks" && c.cue("appendix") && !plan.tasks.some((t) => t.origin === "appendix")) {
      noAppendix.push(plan);
      continue;
    }
    if (what === "indicators") {
      const list = plan.indicators;
      if (list.length === 0) continue;
      const first = list[0] as (typeof list)[number];
      const due = c.asks.deadline ? targetsDue(list) : "";
      items.push({
        kind: "line",
        text: `${placeName(plan)} (${plan.shortName}) có ${list.length} chỉ tiêu${due ? `, ${due}` : ""}:`,
        sources: [
          indicatorsSource(plan, list) ?? {
            plan,
            section: first.section,
            lines: first.lines,
            focus: [first.name],
          },
        ],
      });
      for (const indicator of list.slice(0, max))
        items.push({ kind: "indicator", plan, indicator, focus: [indicator.target.raw] });
      if (list.length > max) items.push({ kind: "line", text: `… và ${list.length - max} chỉ tiêu khác.` });
      continue;
    }
    const { tasks, what: which, dates } = tasksCounted(c, plan);
    items.push({
      kind: "line",
      about: plan,
      text: `${placeName(plan)} (${plan.shortName}) có ${tasks.length} nhiệm vụ${which ? ` ${which}` : ""}${tasks.length > 0 ? ":" : "."}`,
    });
    for (const task of tasks.slice(0, max)) items.push({ kind: "task", plan, task, style: "due" });
    if (tasks.length > max) items.push({ kind: "line", text: `… và ${tasks.length - max} nhiệm vụ khác.` });
    if (dates.length > 0) {
      items.push({ kind: "line", about: plan, text: `${dates.length} nhiệm vụ có hạn riêng:` });
      for (const task of dates.slice(0, max)) items.push({ kind: "task", plan, task, style: "due" });
    }
  }
  const without =
    noAppendix.length > 0
      ? `Văn bản kế hoạch của ${noAppendix.map(placeInText).join(", ")} không có bảng phụ lục danh mục nhiệm vụ (phụ lục có thể được gửi kèm riêng), nên không đếm được nhiệm vụ trong phụ lục.`
      : "";
  if (items.length === 0) return without ? abstention("plan", without) : null;
  if (without) items.push({ kind: "line", text: without });
  return evidence(what === "indicators" ? "indicator" : "plan", items);
}
