/**
 * Each intent's handlers, in the order they are tried: the first that returns evidence answers, and a
 * handler that finds nothing passes on. Every fallback of the answering core is stated here.
 */
import type { Handler } from "./handlers/common.ts";
import { count } from "./handlers/count.ts";
import { due } from "./handlers/due.ts";
import { factPassage } from "./handlers/fact-passage.ts";
import { greeting } from "./handlers/greeting.ts";
import { indicators, TARGET_WORDS } from "./handlers/indicators.ts";
import { mentions } from "./handlers/mentions.ts";
import { outOfScope } from "./handlers/out-of-scope.ts";
import { passages } from "./handlers/passages.ts";
import { planFacts } from "./handlers/plan-facts.ts";
import { records } from "./handlers/records.ts";
import { tasks } from "./handlers/tasks.ts";
import { unitDuties, unitTopic } from "./handlers/unit.ts";
import type { Intent } from "./intents.ts";

export const ROUTES: Readonly<Record<Intent, readonly Handler[]>> = {
  greeting: [greeting],
  out_of_scope: [outOfScope],
  plan: [count, factPassage, planFacts],
  due: [due, passages()],
  indicator: [count, indicators, passages({ asked: TARGET_WORDS, number: true })],
  unit: [count, unitTopic, unitDuties],
  task: [tasks, passages({ taskLike: true })],
  general: [mentions, records, passages()],
};
