/**
 * One task's fields: who leads, who coordinates, by when, what product. The task is found by how well
 * its title and description cover the question's topic; a passage that covers it clearly better wins.
 */
import type { Plan, Task } from "../../plans/schema.ts";
import { isRecurring, parseTimeSpan } from "../../text/dates.ts";
import type { AskContext } from "../context.ts";
import { abstention, evidence, type Item, line } from "../evidence.ts";
import { placeName } from "../format.ts";
import { coverage, coversRarest, isEmptyTopic, type Topic } from "../match.ts";
import {
  byOrigin,
  DAY,
  DURATION,
  MONEY_AMOUNT,
  notSaid,
  passageIsBetter,
  phrases,
  rankedPassages,
  taskText,
  UNIT_MENTION,
} from "./common.ts";

/** "Sản phẩm hoàn thành của nhiệm vụ … là gì": the product is what is asked, not the topic. */
const PRODUCT_WORDS = [
  // "nộp ra sản phẩm gì", "giao nộp sản phẩm": what is handed in is the product
  "giao nop san pham",
  "san pham nop ra",
  "san pham nop",
  "nop ra san pham",
  "nop san pham",
  "tao ra san pham",
  "san pham hoan thanh",
  "san pham dau ra",
  "san pham ra",
  "san pham",
  "ket qua dau ra",
  "dau ra",
];

export function taskTopic(c: AskContext): Topic {
  return c.topic([...c.units.map((x) => x.unit.name), ...(c.asks.product ? PRODUCT_WORDS : [])]);
}

export function scoredTasks(c: AskContext, topic: Topic): Array<{ plan: Plan; task: Task; score: number }> {
  return c.plans
    .flatMap((plan) => plan.tasks.map((task) => ({ plan, task })))
    .map((x) => ({ ...x, score: coverage(c.corpus.stats, topic, taskText(x.task)) }))
    .sort((a, b) => b.score - a.score || byOrigin(a.task, b.task));
}

/** Who leads / coordinates a task and by when; passes when no task matches the question well enough. */
export async function tasks(c: AskContext) {
  const topic = taskTopic(c);
  if (isEmptyTopic(topic)) return null;
  const { match } = c.policy;
  let scored = scoredTasks(c, topic);
  // "… sản phẩm đầu ra cần đạt bao nhiêu": a task whose product gives a figure answers; one whose
  // product gives none does not, however well its title matches.
  if (c.asks.product && c.cue("quantity")) {
    const figured = scored.filter((x) => /\d/u.test(x.task.product ?? ""));
    if ((figured[0]?.score ?? 0) >= match) scored = figured;
  }
  const best = scored[0];
  if (!best || best.score < match) return null;
  // A sum of money asked of a task whose text gives none: the task does not answer it.
  if (c.cue("money") && !MONEY_AMOUNT.test(taskText(best.task))) return null;
  // A record that covers most of the topic and stands clearly above every other is the one meant, even
  // when a stray word of the question ("bên", "đo bằng gì", "bị vướng") is not in it.
  // The closer a record covers the topic, the less it needs to stand above the runner-up.
  const { clear: cl } = c.policy;
  const lead = best.score - (scored[1]?.score ?? 0);
  const clear =
    best.score >= cl.match && lead >= Math.max(cl.minLead, cl.lead - (best.score - cl.match) * 0.4);
  if (!clear && !coversRarest(c.corpus.stats, topic, taskText(best.task))) return null;
  const saysWhoOrWhen = (text: string) =>
    (!c.asks.lead || UNIT_MENTION.test(text)) &&
    (!c.asks.deadline ||
      c.asks.lead ||
      parseTimeSpan(text) !== null ||
      isRecurring(text) ||
      DURATION.test(text));
  if (await passageIsBetter(c, topic, best.score, saysWhoOrWhen)) return null;
  // "… vào ngày nào" of a task without a date of its own: a passage that gives the day answers it.
  if (c.asks.deadline && !c.asks.lead && best.task.deadline.kind === "plan-period") {
    const dated = (await rankedPassages(c, topic)).some(
      (h) => h.cover >= match && coversRarest(c.corpus.stats, topic, h.text) && DAY.test(h.chunk.text),
    );
    if (dated) return null;
  }
  const floor = Math.max(match, best.score - c.policy.runnerUpGap.task);
  const chosen = scored.filter((x) => x.score >= floor).slice(0, c.policy.limits.tasks);
  // "… từ ngày nào, khi nào kết thúc" of a task with no date of its own: the plan does not say.
  if (c.cue("day") && !c.asks.lead && best.task.deadline.kind === "plan-period")
    return abstention(
      "task",
      `${notSaid(c, "ngày cụ thể")} Nhiệm vụ liên quan trong kế hoạch:`,
      taskItems(c, chosen.slice(0, 1), phrases(topic)),
    );
  return evidence("task", taskItems(c, chosen, phrases(topic)));
}

/** The chosen tasks in full, under the name of each commune when several plans are involved. */
export function taskItems(
  c: AskContext,
  chosen: ReadonlyArray<{ plan: Plan; task: Task }>,
  focus: readonly string[],
): Item[] {
  const items: Item[] = [];
  const multiplePlans = new Set(chosen.map((x) => x.plan.id)).size > 1 || c.scope === "all";
  let current = "";
  for (const { plan, task } of chosen) {
    if (multiplePlans && plan.id !== current) {
      items.push(line(`${placeName(plan)} (${plan.shortName}):`));
      current = plan.id;
    } else if (!multiplePlans && items.length === 0) {
      items.push(line(`${plan.shortName}:`));
    }
    items.push({ kind: "task", plan, task, style: "full", focus, withProduct: c.asks.product });
  }
  return items;
}
