/**
 * The intent router: a table of rules, each naming the intent it gives, its precedence and the
 * condition under which it applies. The matching rule of highest precedence wins; a bot command's hint
 * wins over every rule but the ones that keep a question from being answered from the wrong plan.
 */
import type { AskContext } from "./context.ts";
import { taskText } from "./handlers/common.ts";
import { counted } from "./handlers/count.ts";
import { indicatorText } from "./handlers/indicators.ts";
import { asksContact, asksOwnResults, otherPlanYear } from "./handlers/out-of-scope.ts";
import type { Intent } from "./intents.ts";
import { coverage, unknownCompounds } from "./match.ts";
import { asksPastResults } from "./past.ts";

export interface Rule {
  name: string;
  intent: Intent;
  precedence: number;
  when: (c: AskContext) => boolean;
}

/**
 * Plan facts that, asked with "who", ask who does the work ("ai lo kinh phí", "ban hành KH hưởng ứng …
 * thì phòng nào chủ trì"), not the fact; but "báo cáo qua phòng nào" asks the plan's reporting channel.
 */
const WORK_FACETS = new Set(["budget", "legal", "number", "reporting"]);

/** "Ai chủ trì Kế hoạch hưởng ứng Tháng 10 …, hạn khi nào?": the month names the task, not a window. */
function asksWindow(c: AskContext): boolean {
  const w = c.window;
  if (!w || c.cue("indicator")) return false;
  // Within a window, what falls due ("phải xong", "hạn") or a list of what happens in it ("tháng 10 có
  // hoạt động gì", "phải ban hành những kế hoạch gì"); not when one thing's time is asked.
  // A window that spans a plan's whole period ("năm 2026" of the 2026 plan) holds all its work: a list
  // of it is the plan's or a unit's work, not what falls due.
  const whole =
    c.plans.length > 0 && c.plans.every((p) => (w.from ?? c.today) <= p.period.start && w.to >= p.period.end);
  const lists = c.cue("listsTasks") && (c.cue("due") || !whole);
  if (w.relation === "within" && (!(c.cue("due") || lists) || (c.cue("whenAsked") && !lists))) return false;
  return !(c.asks.lead && w.relation === "within" && !lists);
}

/**
 * "việc cài VNeID … đầu ra cần đạt bao nhiêu": the product of a task named as a task, which may be a
 * figure ("Số sản phẩm OCOP … bao nhiêu" is a target: its products are goods).
 */
function productOfTask(c: AskContext): boolean {
  return c.asks.product && / (?:viec|nhiem vu) /u.test(` ${c.text} `);
}

/** One target of the plans in scope says nearly all the question asks, better than any task does. */
function targetAnswers(c: AskContext): boolean {
  const topic = c.topic();
  const { stats } = c.corpus;
  const best = (texts: string[]) => Math.max(0, ...texts.map((t) => coverage(stats, topic, t)));
  const target = best(c.plans.flatMap((p) => p.indicators.map(indicatorText)));
  return target >= c.policy.strongRecord && target > best(c.plans.flatMap((p) => p.tasks.map(taskText)));
}

export const RULES: readonly Rule[] = [
  { name: "unknown place", intent: "out_of_scope", precedence: 100, when: (c) => c.unknownLocality !== null },
  {
    name: "thing no plan names",
    intent: "out_of_scope",
    precedence: 88,
    when: (c) => unknownCompounds(c.corpus.stats, c.topic(), c.placeless).length > 0,
  },
  { name: "a how-to for the asker", intent: "out_of_scope", precedence: 87, when: (c) => c.cue("howTo") },
  {
    name: "contact details",
    intent: "out_of_scope",
    precedence: 89,
    when: asksContact,
  },
  { name: "prices of a service", intent: "out_of_scope", precedence: 82, when: (c) => c.cue("prices") },
  { name: "progress so far", intent: "out_of_scope", precedence: 83, when: (c) => c.cue("progress") },
  { name: "results of the plan's own period", intent: "out_of_scope", precedence: 81, when: asksOwnResults },
  {
    name: "a plan of another year",
    intent: "out_of_scope",
    precedence: 79,
    when: (c) => otherPlanYear(c) !== null,
  },
  {
    name: "greeting or help",
    intent: "greeting",
    precedence: 90,
    when: (c) => c.cue("greeting") || c.cue("help"),
  },
  {
    name: "count of indicators",
    intent: "indicator",
    precedence: 86,
    when: (c) => counted(c) === "indicators",
  },
  {
    name: "count of a unit's tasks",
    intent: "unit",
    precedence: 85,
    when: (c) => counted(c) === "tasks" && c.units.length > 0,
  },
  { name: "count of tasks", intent: "plan", precedence: 84, when: (c) => counted(c) === "tasks" },
  {
    name: "plan fact",
    intent: "plan",
    precedence: 80,
    when: (c) => {
      const facet = c.facets[0];
      if (facet === undefined) return false;
      if (c.asks.lead && WORK_FACETS.has(facet) && !(facet === "reporting" && c.cue("reportingChannel")))
        return false;
      // "Chỉ tiêu … đạt bao nhiêu, trong giai đoạn nào": the period of an indicator, not of the plan;
      // "bao nhiêu % báo cáo định kỳ … làm trên hệ thống": a target, not the plan's reporting.
      if (facet === "reporting" && c.cue("indicator")) return false;
      return !(facet === "period" && (c.cue("indicator") || c.cue("amount")));
    },
  },
  {
    name: "plans that say something",
    intent: "general",
    precedence: 75,
    when: (c) => c.cue("whichPlans") && c.scope !== "question" && c.plans.length > 1,
  },
  { name: "kind of deadline", intent: "due", precedence: 70, when: (c) => c.deadlineKind !== null },
  {
    name: "targets due in a window",
    intent: "due",
    precedence: 62,
    when: (c) => c.window?.relation === "within" && c.cue("listsIndicators"),
  },
  { name: "time window", intent: "due", precedence: 60, when: asksWindow },
  { name: "results already achieved", intent: "general", precedence: 55, when: asksPastResults },
  {
    name: "target or rate",
    intent: "indicator",
    precedence: 50,
    // "nhiệm vụ đạt tỷ lệ … 98%: ai chịu trách nhiệm" asks who leads the task.
    when: (c) =>
      c.cue("indicator") && !c.cue("duties") && !c.asks.lead && !c.asks.coordinators && !productOfTask(c),
  },
  {
    name: "duties of a body the plan does not name",
    intent: "unit",
    precedence: 41,
    // "Đoàn Thanh niên xã được phân công việc gì" where the plan gives it nothing: said so, as a unit's.
    when: (c) => c.unnamedBody !== null && c.cue("duties"),
  },
  {
    name: "duties of a unit",
    intent: "unit",
    precedence: 40,
    // "VP UBND phụ trách phần mềm nào" says what a named unit leads; "ai phụ trách …", "có phải X
    // chủ trì … không" ask who leads a task, "… sản phẩm đầu ra là gì" what one task gives.
    when: (c) =>
      c.units.length > 0 &&
      (c.cue("duties") ||
        !((c.asks.lead && (c.cue("who") || c.cue("yesNo"))) || c.asks.deadline || c.asks.product)),
  },
  {
    name: "by when a target is due",
    intent: "indicator",
    precedence: 35,
    // "Từ ngày nào hồ sơ … phải được tạo lập trên môi trường điện tử": a target's own words answer it.
    when: (c) =>
      c.asks.deadline && !c.asks.lead && !c.asks.coordinators && !c.asks.product && targetAnswers(c),
  },
  {
    name: "field of a task",
    intent: "task",
    precedence: 30,
    when: (c) => c.asks.lead || c.asks.deadline || c.asks.coordinators || c.asks.product,
  },
  { name: "anything else", intent: "general", precedence: 0, when: () => true },
];

/** Rules a command's hint cannot override. */
const BINDING = 90;

export function route(c: AskContext, rules: readonly Rule[] = RULES): { intent: Intent; rule: string } {
  let best: Rule | undefined;
  for (const rule of rules) {
    if ((!best || rule.precedence > best.precedence) && rule.when(c)) best = rule;
  }
  const chosen = best as Rule;
  if (c.hint && chosen.precedence < BINDING) return { intent: c.hint, rule: "command" };
  return { intent: chosen.intent, rule: chosen.name };
}
