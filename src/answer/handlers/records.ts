/**
 * A question of no recognised form ("chuyên mục … phát mấy lần", "tổ công tác … làm gì") whose topic one
 * record of the plan matches strongly: the answer is that record whole (a task with its lead,
 * coordinators, deadline and product; an indicator with its target), not a loose passage.
 */
import type { AskContext } from "../context.ts";
import { evidence, type Item } from "../evidence.ts";
import { coverage, coversRarest, isEmptyTopic } from "../match.ts";
import { asksPastResults } from "../past.ts";
import { passageIsBetter, phrases, taskText } from "./common.ts";
import { indicatorText } from "./indicators.ts";
import { scoredTasks, taskItems, taskTopic } from "./tasks.ts";

export async function records(c: AskContext) {
  // A number asked for ("bao nhiêu tổ", "mấy lần") or a past result is said by a sentence of the text.
  if (c.cue("quantity") || asksPastResults(c)) return null;
  const topic = taskTopic(c);
  if (isEmptyTopic(topic)) return null;
  const { stats } = c.corpus;
  const { strongRecord, runnerUpGap, limits } = c.policy;
  const tasks = scoredTasks(c, topic).filter((x) => coversRarest(stats, topic, taskText(x.task)));
  const indicators = c.plans
    .flatMap((plan) => plan.indicators.map((indicator) => ({ plan, indicator })))
    .map((x) => ({ ...x, score: coverage(stats, topic, indicatorText(x.indicator)) }))
    .filter((x) => coversRarest(stats, topic, indicatorText(x.indicator)))
    .sort((a, b) => b.score - a.score);
  const task = tasks[0]?.score ?? 0;
  const indicator = indicators[0]?.score ?? 0;
  const best = Math.max(task, indicator);
  if (best < strongRecord || (await passageIsBetter(c, topic, best))) return null;
  if (task >= indicator) {
    const chosen = tasks.filter((x) => x.score >= task - runnerUpGap.task).slice(0, limits.tasks);
    return evidence("task", taskItems(c, chosen, phrases(topic)));
  }
  const items: Item[] = indicators
    .filter((x) => x.score >= indicator - runnerUpGap.indicator)
    .slice(0, limits.indicatorsPerPlan)
    .map(({ plan, indicator }) => ({
      kind: "indicator",
      plan,
      indicator,
      focus: [indicator.target.raw, ...topic.unigrams],
    }));
  return evidence("indicator", items);
}
