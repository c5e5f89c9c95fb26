/**
 * Follow-up questions read against the last answered turn of the same conversation:
 * - "hạn khi nào?", "ai phối hợp?", "sản phẩm là gì?", "việc đó quá hạn chưa?" (a question with no topic
 *   of its own) ask about what the last answer was about;
 * - "còn Phòng Văn hóa - Xã hội thì sao?", "thế còn Công an xã?" ask the last question of another unit;
 * - "thế còn Cát Hải?" asks the last question of another commune.
 * A question with its own topic starts afresh (it keeps only the commune, when it names none). The
 * rewritten question goes through the same pipeline, so its citations are as strict as a first one's.
 */
import { plansInText, unitsInText } from "../plans/query.ts";
import type { Plan } from "../plans/schema.ts";
import { expandQuestion } from "../retrieval/rewrite.ts";
import { cleanQuestion, foldWords } from "../text/normalize.ts";
import { buildContext } from "./context.ts";
import type { Corpus } from "./corpus.ts";
import { taskTopic } from "./handlers/tasks.ts";
import type { Intent } from "./intents.ts";
import { isEmptyTopic, topicOf } from "./match.ts";
import type { AnswerPolicy } from "./policy.ts";
import type { AskInput } from "./types.ts";

/** What a conversation keeps of its last answered question. */
export interface Turn {
  /** The question as it was answered (a follow-up already rewritten). */
  question: string;
  /** The plans the answer drew on. */
  plans: string[];
  intent: Intent;
  /** Follow-ups since the last question that had a topic of its own. */
  depth: number;
}

export type FollowUpKind = "fresh" | "same-topic" | "other-unit" | "other-place";

export interface Resolved {
  input: AskInput;
  kind: FollowUpKind;
  /** How many follow-ups deep this question is (0 for a fresh one). */
  depth: number;
}

/** "còn X thì sao", "thế còn X?", "vậy còn X nhỉ" (folded): the same question about X. */
const OTHER =
  /^(?:(?:the|vay|va|roi|thi|con) )?con (.+?)(?: thi (?:sao|the nao|ra sao|lam gi|nhu the nao))?(?: (?:nhi|a|nua|vay|ha))*$/u;

/** A folded text without the place names (and their kinds) of these plans. */
function withoutPlaces(text: string, plans: readonly Plan[]): string {
  let out = ` ${text} `;
  for (const plan of plans) {
    const name = foldWords(plan.locality.name);
    if (!name) continue;
    out = out.replace(new RegExp(` (?:(?:xa|phuong|dac khu|thi tran|o|tai|cua|ben) )*${name} `, "gu"), " ");
  }
  return out.trim();
}

/** A folded text without the units of these plans it names ("cong an xa", "phong van hoa xa hoi"). */
function withoutUnits(text: string, plans: readonly Plan[]): string {
  let out = ` ${text} `;
  for (const plan of plans) {
    for (const unit of unitsInText(plan, out)) {
      for (const alias of [unit.name, ...unit.aliases].map(foldWords).sort((a, b) => b.length - a.length))
        out = out.replaceAll(` ${alias} `, " ");
    }
  }
  return out.replace(/\s+/gu, " ").trim();
}

export function resolveFollowUp(
  corpus: Corpus,
  policy: AnswerPolicy,
  previous: Turn | null,
  input: AskInput,
  maxDepth: number,
): Resolved {
  const fresh: Resolved = { input, kind: "fresh", depth: 0 };
  if (!previous || previous.depth >= maxDepth || input.plan) return fresh;
  const before = corpus.plans.filter((p) => previous.plans.includes(p.id));
  if (before.length === 0) return fresh;
  const folded = foldWords(cleanQuestion(input.question));
  const depth = previous.depth + 1;
  const other = OTHER.exec(folded)?.[1];
  if (other) {
    const places = plansInText(corpus.plans, other);
    if (places.length > 0 && places.some((p) => !previous.plans.includes(p.id))) {
      const asked = withoutPlaces(foldWords(previous.question), before);
      return { input: { ...input, question: `${asked} ${other}` }, kind: "other-place", depth };
    }
    const expanded = expandQuestion(other);
    if (before.some((p) => unitsInText(p, expanded).length > 0)) {
      const asked = withoutUnits(expandQuestion(previous.question), before);
      const place = before.length === 1 ? ` ${foldWords((before[0] as Plan).locality.name)}` : "";
      const named = plansInText(corpus.plans, asked).length > 0 ? "" : place;
      return { input: { ...input, question: `${expanded} ${asked}${named}` }, kind: "other-unit", depth };
    }
  }
  const c = buildContext(corpus, policy, input);
  if (c.scope === "question") return fresh;
  const asks = c.asks.lead || c.asks.coordinators || c.asks.deadline || c.asks.product || c.window !== null;
  // A question of its own, in the same commune: the commune carries over when it names none.
  if (c.units.length > 0 || !isEmptyTopic(taskTopic(c)) || !asks) {
    return before.length === 1 && !input.defaultPlan
      ? { input: { ...input, defaultPlan: (before[0] as Plan).id }, kind: "fresh", depth: 0 }
      : fresh;
  }
  const places = before.map((p) => foldWords(p.locality.name));
  const about = topicOf(previous.question, [], places).unigrams.join(" ");
  const place = before.length === 1 ? ` ${places[0]}` : "";
  return { input: { ...input, question: `${folded} ${about}${place}` }, kind: "same-topic", depth };
}
