/**
 * One context per question, built once: the question normalised and folded, today, the plan scope
 * (request > question > chat default > all), the units and time window it names, what it asks, and the
 * passages retrieved for it, lazily and once. Handlers read it; nothing here decides the intent.
 */

import { cueRegExp, PLAN_FACT_CUES, type PlanFacet, QUESTION_CUES } from "../lexicon/vi/questions.ts";
import { COMMUNE_BODIES } from "../lexicon/vi/units.ts";
import { plansInText, unitsInText, withoutInitials } from "../plans/query.ts";
import { documentNumbers, numberIs } from "../plans/references.ts";
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

/** The first commune body a folded question names ("đoàn thanh niên"), longest names first. */
const BODIES = COMMUNE_BODIES.map((name) => ({ name, folded: ` ${foldWords(name)} ` })).sort(
  (a, b) => b.folded.length - a.folded.length,
);
function bodyIn(padded: string): string | null {
  return BODIES.find((b) => padded.includes(b.folded))?.name ?? null;
}

/**
 * The time window asked. "Tháng 10", "quý III" written without a year, of plans that all run in one
 * other year, mean that month of the plans' year ("Tĩnh Hải tháng 10 làm gì" of a 2024 plan); a year
 * written, or "tháng này / tháng sau", is kept as it is.
 */
function windowOf(question: string, today: string, plans: readonly Plan[]): TimeWindow | null {
  const window = windowIn(question, today);
  if (window?.relation !== "within" || window.from === null || plans.length === 0) return window;
  const from = window.from;
  const overlaps = (w: TimeWindow, p: Plan) => (w.from ?? "") <= p.period.end && w.to >= p.period.start;
  if (plans.some((p) => overlaps(window, p))) return window;
  const folded = ` ${foldWords(question)} `;
  if (/\d{4}/u.test(question) || / (nay|hien tai|sau|toi|truoc|qua) /u.test(folded)) return window;
  const years = new Set(plans.map((p) => p.period.end.slice(0, 4)));
  if (years.size !== 1) return window;
  const year = [...years][0] as string;
  const shifted = windowIn(question, `${year}${today.slice(4)}`);
  return shifted && shifted.from !== from && plans.some((p) => overlaps(shifted, p)) ? shifted : window;
}

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
  /** The same with each place name as one placeholder word ("phú thái lần lượt" is not "Thái Lan"). */
  readonly placeless: string;
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
  /** A body every commune has ("Đoàn Thanh niên") that the question names and the plans in scope do not. */
  readonly unnamedBody: string | null;
  readonly hint: Intent | null;
  /** Whether a cue family of the question vocabulary occurs in the question. */
  cue(name: keyof typeof QUESTION_CUES): boolean;
  /** Topic words of the question, without place names and the given phrases (memoised). */
  topic(drop?: readonly string[]): Topic;
  /** Topic words of each clause of a message that asks several things ("… bao nhiêu %, mô hình mấy lớp"). */
  clauseTopics(drop?: readonly string[]): readonly ClauseTopic[];
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
  // Only places whose first syllable the question has can be in it, even with a slip: over a thousand
  // plans, the others are not looked at.
  const words = new Set([...foldWords(input.question).split(" "), ...text.split(" ")]);
  const places = corpus.places.filter((p) => words.has(p.split(" ")[0] as string));
  let unplaced = padded;
  for (const place of places) unplaced = unplaced.replaceAll(` ${place} `, " diadanh ");
  const matched = FACTS.filter(([, re]) => re.test(unplaced)).map(([f]) => f);
  // "thực hiện kế hoạch số mấy của tỉnh": the number of the plan it implements, not its own.
  // "Trưởng Công an xã Tân Kỳ tên gì" asks for a person, though "Tân Kỳ tên" reads like "ký tên".
  // "thực hiện KH 01-KH/BCĐ của cơ quan nào, ban hành ngày nào": who issued the document named, and
  // when, not the asking plan's own header.
  const asked = documentNumbers(input.question);
  const ofReference =
    asked.length > 0 &&
    !plans.some((p) => asked.some((n) => numberIs(p.number, n))) &&
    plans.some((p) =>
      [...p.implements, ...p.legalBases].some((r) => asked.some((n) => numberIs(r.number, n))),
    );
  const read = ofReference
    ? [...new Set(matched.map((f) => (f === "issuer" || f === "number" ? "implements" : f)))]
    : matched;
  const facets = read.filter(
    (f) =>
      // "kế hoạch này ban hành tháng mấy, thực hiện KH nào" asks both; "thực hiện KH số 01 … ban hành
      // ngày nào" asks the date of the plan it names.
      !(f === "number" && matched.includes("implements") && (!cue("issuedWhen") || asked.length > 0)) &&
      !(f === "signer" && (matched.includes("person") || matched.includes("signed"))),
  );
  const deadlineKind = !cue("listsTasks")
    ? null
    : cue("conditionalDeadline")
      ? "conditional"
      : cue("recurringDeadline")
        ? "recurring"
        : null;

  // "xã TK": the initials named the plan; they are not part of what is asked ("TK" is also "tài khoản").
  const topicText = scope === "question" ? withoutInitials(question, plans) : question;
  const topics = new Map<string, Topic>();
  let searched: Promise<SearchHit[]> | undefined;
  const clauseTopics = new Map<string, ClauseTopic[]>();
  return {
    input,
    corpus,
    policy,
    question,
    text,
    placeless: unplaced,
    today,
    plans,
    scope,
    units,
    window: windowOf(input.question, today, plans),
    facets,
    asks: {
      lead: cue("lead"),
      coordinators: cue("coordinators"),
      deadline: cue("deadline"),
      product: cue("product"),
    },
    deadlineKind,
    unknownLocality: unknownLocality(input.question, all, named),
    unnamedBody: units.length > 0 ? null : bodyIn(padded),
    hint: input.hint ?? null,
    cue,
    topic(drop = []) {
      const key = drop.join("\u0000");
      let t = topics.get(key);
      if (!t) {
        t = topicOf(topicText, [...places, ...drop], places);
        topics.set(key, t);
      }
      return t;
    },
    clauseTopics(drop = []) {
      const key = drop.join("\u0000");
      let found = clauseTopics.get(key);
      if (!found) {
        // "tài khoản thanh toán với hộ gia đình kết nối cáp quang", "… còn Công an xã": two things asked.
        found = topicText
          .split(/[,;?!]+|\s(?:với|voi|còn|con)\s/u)
          .map((part) => ({
            ...topicOf(part, [...places, ...drop], places),
            asksNumber: CUES.quantity.test(` ${expandQuestion(part)} `),
          }))
          .filter((t) => t.unigrams.length > 0);
        clauseTopics.set(key, found);
      }
      return found;
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
