/**
 * One context per question, built once: the question normalised and folded, today, the plan scope
 * (request > question > chat default > all), the units and time window it names, what it asks, and the
 * passages retrieved for it, lazily and once. Handlers read it; nothing here decides the intent.
 */

import { cueRegExp, PLAN_FACT_CUES, type PlanFacet, QUESTION_CUES } from "../lexicon/vi/questions.ts";
import { plansInText, unitsInText } from "../plans/query.ts";
import type { Plan, Unit } from "../plans/schema.ts";
import { expandQuestion } from "../retrieval/rewrite.ts";
import type { SearchHit } from "../retrieval/search.ts";
import { foldWords } from "../text/normalize.ts";
import type { Corpus } from "./corpus.ts";
import type { Intent } from "./intents.ts";
import { normaliseQuestion, type Topic, topicOf } from "./match.ts";
import type { AnswerPolicy } from "./policy.ts";
import type { AskInput } from "./types.ts";
import { unknownLocality } from "./unknown-locality.ts";
import { clauses, type TimeWindow, todayInVietnam, windowIn } from "./window.ts";

const CUES = Object.fromEntries(
  Object.entries(QUESTION_CUES).map(([name, family]) => [name, cueRegExp(family)]),
) as Record<keyof typeof QUESTION_CUES, RegExp>;
const FACTS = Object.entries(PLAN_FACT_CUES).map(([facet, family]) => [facet, cueRegExp(family)]) as Array<
  [PlanFacet, RegExp]
>;

export interface Asks {
  lead: boolean;
  coordinators: boolean;
  deadline: boolean;
  product: boolean;
}

/** The topic of one clause of the question, and whether that clause asks for a number. */
export interface ClauseTopic extends Topic {
  asksNumber: boolean;
}

export interface AskContext {
  readonly input: AskInput;
  readonly corpus: Corpus;
  readonly policy: AnswerPolicy;
  /** The question as typed, with "AI" (artificial intelligence) told apart from "ai" (who). */
  readonly question: string;
  /** Folded, shorthand written out, clauses kept apart by " | ". */
  readonly text: string;
  readonly today: string;
  readonly plans: readonly Plan[];
  readonly scope: "request" | "question" | "default" | "all";
  readonly units: ReadonlyArray<{ plan: Plan; unit: Unit }>;
  readonly window: TimeWindow | null;
  /** Every plan fact the question asks for ("số mấy, ai ký": number and signer). */
  readonly facets: readonly PlanFacet[];
  readonly asks: Asks;
  /** "nhiệm vụ nào có thời hạn theo hướng dẫn …", "việc nào thường xuyên": tasks by kind of deadline. */
  readonly deadlineKind: "conditional" | "recurring" | null;
  /** A commune or ward the question names that no plan covers. */
  readonly unknownLocality: string | null;
  readonly hint: Intent | null;
  /** Whether a cue family of the question vocabulary occurs in the question. */
  cue(name: keyof typeof QUESTION_CUES): boolean;
  /** Topic words of the question, without place names and the given phrases (memoised). */
  topic(drop?: readonly string[]): Topic;
  /** Topic words of each clause of a message that asks several things ("… bao nhiêu %, mô hình mấy lớp"). */
  clauseTopics(): readonly ClauseTopic[];
  /** The passages retrieved for the question within its scope, searched once. */
  passages(): Promise<SearchHit[]>;
}

export function buildContext(corpus: Corpus, policy: AnswerPolicy, input: AskInput): AskContext {
  const question = normaliseQuestion(input.question);
  // Clause boundaries stay ("… trả kết quả, hạn khi nào" must not read as "quá hạn").
  const text = clauses(expandQuestion, question);
  const padded = ` ${text} `;
  const today = input.now ?? todayInVietnam();
  const all = corpus.plans;
  const named = plansInText(all, input.question);
  let plans: readonly Plan[];
  let scope: AskContext["scope"];
  if (input.plan) {
    plans = all.filter((p) => p.id === input.plan);
    scope = "request";
  } else if (named.length > 0) {
    plans = named;
    scope = "question";
  } else if (input.defaultPlan) {
    plans = all.filter((p) => p.id === input.defaultPlan);
    scope = "default";
  } else {
    plans = all;
    scope = "all";
  }
  // Units are looked for in the question as typed and with shorthand written out ("ca xa", "vp ubnd").
  const units = plans.flatMap((plan) => {
    const found = new Map(unitsInText(plan, input.question).map((u) => [u.id, u]));
    for (const u of unitsInText(plan, text)) found.set(u.id, u);
    return [...found.values()].map((unit) => ({ plan, unit }));
  });
  const cue = (name: keyof typeof QUESTION_CUES) => CUES[name].test(padded);
  // A place name can read as a cue ("Tân Kỳ ban hành" as "ký ban hành"), so facts are read with each
  // place written as one placeholder word.
  let unplaced = padded;
  for (const place of corpus.places.map(foldWords).filter(Boolean))
    unplaced = unplaced.replaceAll(` ${place} `, " diadanh ");
  const matched = FACTS.filter(([, re]) => re.test(unplaced)).map(([f]) => f);
  // "thực hiện kế hoạch số mấy của tỉnh": the number of the plan it implements, not its own.
  // "Trưởng Công an xã Tân Kỳ tên gì" asks for a person, though "Tân Kỳ tên" reads like "ký tên".
  const facets = matched.filter(
    (f) =>
      !(f === "number" && matched.includes("implements")) &&
      !(f === "signer" && (matched.includes("person") || matched.includes("signed"))),
  );
  const deadlineKind = !cue("listsTasks")
    ? null
    : cue("conditionalDeadline")
      ? "conditional"
      : cue("recurringDeadline")
        ? "recurring"
        : null;

  const places = corpus.places;
  const topics = new Map<string, Topic>();
  let searched: Promise<SearchHit[]> | undefined;
  let clauseTopics: ClauseTopic[] | undefined;
  return {
    input,
    corpus,
    policy,
    question,
    text,
    today,
    plans,
    scope,
    units,
    window: windowIn(input.question, today),
    facets,
    asks: {
      lead: cue("lead"),
      coordinators: cue("coordinators"),
      deadline: cue("deadline"),
      product: cue("product"),
    },
    deadlineKind,
    unknownLocality: unknownLocality(input.question, all, named),
    hint: input.hint ?? null,
    cue,
    topic(drop = []) {
      const key = drop.join("\u0000");
      let t = topics.get(key);
      if (!t) {
        t = topicOf(question, [...places, ...drop], places);
        topics.set(key, t);
      }
      return t;
    },
    clauseTopics() {
      // "tài khoản thanh toán với hộ gia đình kết nối cáp quang", "… còn Công an xã": two things asked.
      clauseTopics ??= question
        .split(/[,;?!]+|\s(?:với|voi|còn|con)\s/u)
        .map((part) => ({
          ...topicOf(part, places, places),
          asksNumber: CUES.quantity.test(` ${expandQuestion(part)} `),
        }))
        .filter((t) => t.unigrams.length > 0);
      return clauseTopics;
    },
    passages() {
      searched ??= corpus.retriever.search(question, {
        k: policy.k,
        plans: plans.map((p) => p.id),
        units: units.flatMap(({ plan, unit }) =>
          unit.section ? [{ plan: plan.id, section: unit.section }] : [],
        ),
      });
      return searched;
    },
  };
}

/** Folded words of a plan's own title: they name the plan, not a topic. */
export function titleWords(plans: readonly Plan[]): Set<string> {
  return new Set(plans.flatMap((p) => foldWords(p.title).split(" ")));
}
