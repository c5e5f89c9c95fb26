/**
 * Tasks by deadline: those due in a window ("quý III", "tháng này", "sắp đến hạn"), those overdue, and
 * those whose deadline is of a kind ("thường xuyên", "theo hướng dẫn"). A window with no task dated in
 * it says so, and names the tasks that follow the plan's period when that period ends in it.
 */
import { tasksOfUnit } from "../../plans/query.ts";
import type { Plan, Task } from "../../plans/schema.ts";
import { foldWords } from "../../text/normalize.ts";
import type { AskContext } from "../context.ts";
import { abstention, evidence, type Item, line } from "../evidence.ts";
import { clip, deadlineText, placeName } from "../format.ts";
import { byDeadline, dated } from "./common.ts";

type Hit = { plan: Plan; task: Task };

/** Words of the question that may name the deadline itself ("theo hướng dẫn của Sở Nội vụ"). */
const DEADLINE_WORDS = ["thoi han", "theo huong dan", "huong dan", "thuong xuyen"];

export function due(c: AskContext) {
  const w = c.window;
  const hits: Hit[] = [];
  const topic = c.topic(DEADLINE_WORDS);
  for (const plan of c.plans) {
    const mine = c.units.filter((x) => x.plan.id === plan.id);
    const byUnit =
      mine.length > 0 ? new Set(mine.flatMap((x) => tasksOfUnit(plan, x.unit).map((h) => h.task))) : null;
    for (const task of plan.tasks) {
      if (byUnit && !byUnit.has(task)) continue;
      if (c.deadlineKind) {
        if (task.deadline.kind !== c.deadlineKind) continue;
        const raw = foldWords(task.deadline.raw).split(" ");
        if (
          c.deadlineKind === "conditional" &&
          topic.unigrams.length > 0 &&
          !topic.unigrams.some((t) => raw.includes(t))
        )
          continue;
        hits.push({ plan, task });
        continue;
      }
      if (!w || !dated(task)) continue;
      const end = task.deadline.end as string;
      const inWindow =
        w.relation === "overdue" ? end < c.today : (w.from === null || end >= w.from) && end <= w.to;
      if (inWindow) hits.push({ plan, task });
    }
  }
  hits.sort((a, b) => byDeadline(a.task, b.task));
  if (c.deadlineKind) {
    if (hits.length === 0) return null;
    const label =
      c.deadlineKind === "conditional"
        ? "có thời hạn tùy theo hướng dẫn, chỉ đạo"
        : "làm thường xuyên, định kỳ";
    return evidence("due", listTasks(c, hits, label));
  }
  if (!w) return null;
  const label = w.relation === "overdue" ? w.label : `có hạn trong ${w.label}`;
  if (hits.length > 0) {
    const items = listTasks(c, hits, label);
    if (w.relation === "overdue")
      items.push(
        line(
          "Lưu ý: kế hoạch không ghi tình trạng hoàn thành; đây là các việc có hạn đã qua, cần đối chiếu thực tế.",
        ),
      );
    return evidence("due", items);
  }
  // "Những việc nào phải hoàn thành trong năm 2026": the text may say so outside any task table.
  if (w.relation === "within") return null;
  const where = c.plans.length === 1 ? placeName(c.plans[0] as Plan) : "các kế hoạch";
  const upcoming = c.plans
    .flatMap((plan) =>
      plan.tasks
        .filter((t) => dated(t) && (t.deadline.end as string) >= c.today)
        .map((task) => ({ plan, task })),
    )
    .sort((a, b) => byDeadline(a.task, b.task))
    .slice(0, 3);
  const near: Item[] =
    upcoming.length === 0
      ? []
      : [
          line("Các hạn gần nhất sắp tới (để tham khảo):"),
          ...upcoming.map(({ plan, task }) =>
            line(`• ${plan.shortName}: ${clip(task.title, 120)} — ${deadlineText(task.deadline, plan)}`, {
              plan,
              section: task.section,
              lines: task.lines,
            }),
          ),
        ];
  return abstention("due", `Không có nhiệm vụ nào của ${where} ${label}.`, near);
}

function listTasks(c: AskContext, hits: readonly Hit[], label: string): Item[] {
  const perPlan = new Map<string, Hit[]>();
  for (const h of hits) {
    const list = perPlan.get(h.plan.id);
    if (list) list.push(h);
    else perPlan.set(h.plan.id, [h]);
  }
  const max = c.policy.limits.dueList;
  const items: Item[] = [];
  let shown = 0;
  for (const list of perPlan.values()) {
    // Past the cap a commune would get a heading with nothing under it; the closing line counts it.
    if (shown >= max) break;
    const plan = (list[0] as Hit).plan;
    items.push({
      kind: "line",
      text: `${placeName(plan)} (${plan.shortName}) — ${list.length} nhiệm vụ ${label}:`,
      about: plan,
    });
    for (const { task } of list) {
      if (shown >= max) break;
      shown++;
      items.push({ kind: "task", plan, task, style: "due" });
    }
  }
  if (hits.length > max) items.push(line(`… và ${hits.length - max} nhiệm vụ khác.`));
  return items;
}
