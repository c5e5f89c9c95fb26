/**
 * The extractive answering pipeline: context → route → handlers (first evidence wins) → postprocess
 * (an unscoped question over many communes asks which one) → render.
 * No model, no network; every factual line is backed by a citation of the plan's own lines, and when
 * nothing matches well enough the answer says so plainly and offers the closest tasks instead.
 */
import { cleanQuestion } from "../text/normalize.ts";
import { type AskContext, buildContext } from "./context.ts";
import { type Corpus, corpusOf, type KnowledgeView } from "./corpus.ts";
import { abstention, type Evidence, plansOf } from "./evidence.ts";
import type { Intent } from "./intents.ts";
import { type AnswerPolicy, DEFAULT_POLICY } from "./policy.ts";
import { type Rendered, render } from "./render.ts";
import { route } from "./router.ts";
import { ROUTES } from "./routes.ts";
import { answerParts } from "./several.ts";
import type { AskInput, AskResult } from "./types.ts";
import { askWhichPlace } from "./which-place.ts";

export interface Gathered {
  context: AskContext;
  /** The intent the router chose, and the rule that chose it. */
  routed: { intent: Intent; rule: string };
  evidence: Evidence;
}

export interface Answerer {
  readonly corpus: Corpus;
  /** Context, route and evidence for a question, before any wording. */
  gather(input: AskInput): Promise<Gathered>;
  ask(input: AskInput): Promise<AskResult>;
}

export function createAnswerer(knowledge: KnowledgeView, policy: AnswerPolicy = DEFAULT_POLICY): Answerer {
  const corpus = corpusOf(knowledge);
  const gatherOne = async (asked: AskInput): Promise<Gathered> => {
    // "mạng\u0000LAN", "phòng\u200bKT": what cannot be seen is not read.
    const input = { ...asked, question: cleanQuestion(asked.question) };
    const context = buildContext(corpus, policy, input);
    const routed = route(context);
    let found: Evidence | null = null;
    for (const handler of ROUTES[routed.intent]) {
      found = await handler(context);
      if (found) break;
    }
    const evidence = found ?? abstention(routed.intent, "Các kế hoạch hiện có không nêu nội dung này.");
    // A fallback answers the same question, so the answer keeps the question's intent; but a question
    // about something no plan covers is out of scope, a task or unit question the text answers (not a
    // task, not a list of duties) is general, and a question of no known form that one record answers is about that record.
    const own =
      evidence.intent === "out_of_scope" ||
      (!evidence.abstained &&
        (((routed.intent === "task" || routed.intent === "unit") && evidence.intent === "general") ||
          routed.intent === "general"));
    if (!own) evidence.intent = routed.intent;
    return { context, routed, evidence };
  };
  const gather = async (asked: AskInput): Promise<Gathered> => {
    const one = await gatherOne(asked);
    const evidence = await answerParts(one.context, one.evidence, gatherOne);
    return { ...one, evidence: askWhichPlace(one.context, evidence) };
  };
  return {
    corpus,
    gather,
    async ask(input) {
      const { evidence } = await gather(input);
      return resultOf(evidence, corpus);
    },
  };
}

export function resultOf(
  evidence: Evidence,
  corpus: Corpus,
  rendered: Rendered = render(evidence, corpus.spans),
): AskResult {
  return {
    answer: rendered.answer,
    abstained: evidence.abstained,
    intent: evidence.intent,
    mode: "extractive",
    plans: plansOf(evidence),
    citations: rendered.citations,
    tasks: rendered.tasks,
    indicators: rendered.indicators,
  };
}
