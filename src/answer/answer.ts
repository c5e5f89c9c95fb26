/**
 * Extractive answers: composed from the plan model and retrieved passages, every factual line backed by
 * a citation of the plan's own lines. No model, no network; when nothing matches well enough the answer
 * says so plainly and offers the closest tasks instead of guessing.
 */
import { tasksOfUnit } from "../plans/query.ts";
import type { Indicator, IndicatorView, Plan, Task, TaskView, Unit } from "../plans/schema.ts";
import { indicatorView, taskView } from "../plans/views.ts";
import type { Chunk } from "../retrieval/chunks.ts";
import type { Retriever, SearchHit } from "../retrieval/search.ts";
import { formatViDate, isRecurring, parseTimeSpan } from "../text/dates.ts";
import { foldWords } from "../text/normalize.ts";
import { SourceSpans } from "../text/quote.ts";
import { type Citation, Citations } from "./citations.ts";
import { clip, deadlineText, indicatorLine, placeName, taskLine } from "./format.ts";
import {
  coverage,
  coversRarest,
  isEmptyTopic,
  TermStats,
  type Topic,
  topicOf,
  unknownTerms,
} from "./match.ts";
import { type Intent, type Understanding, understand } from "./understand.ts";
import { todayInVietnam } from "./window.ts";

export interface AskInput {
  question: string;
  /** A plan id the caller restricts the question to (API `plan`). */
  plan?: string;
  /** The chat's default plan, used when the question names none. */
  defaultPlan?: string;
  /** "Today" for relative questions, YYYY-MM-DD; defaults to today in Vietnam. */
  now?: string;
}

export const ANSWER_MODES = ["extractive", "llm", "extractive-fallback"] as const;
export type AnswerMode = (typeof ANSWER_MODES)[number];

export interface AskResult {
  answer: string;
  abstained: boolean;
  intent: Intent;
  mode: AnswerMode;
  /** Plans the answer draws on. */
  plans: string[];
  citations: Citation[];
  tasks: TaskView[];
  indicators: IndicatorView[];
}

export interface KnowledgeView {
  plans: readonly Plan[];
  chunks: readonly Chunk[];
  sources: Readonly<Record<string, string>>;
  retriever: Retriever;
}

/** A topic must be this well covered for a task, indicator or passage to count as the answer. */
export const MATCH_THRESHOLD = 0.5;

/** Topic pairs as phrases ("mang lan") and single syllables: what a quote window should hold. */
function phrases(topic: Topic): string[] {
  return [...topic.bigrams.map((b) => b.replace("_", " ")), ...topic.unigrams];
}

/** What an indicator question asks for, not what about. */
const INDICATOR_WORDS = ["chi tieu", "muc tieu", "ty le", "ti le", "phan tram", "bao nhieu", "phan dau"];

/** Words that name a unit or an office holder: a passage that says "who". */
const UNIT_MENTION =
  /(?<![\p{L}])(Phòng|Văn phòng|Trung tâm|Công an|Ban|Tổ|Ủy ban|UBND|Chủ tịch|Hội đồng|Đài|Trạm|Sở|Đoàn|Hội|công chức|cán bộ)(?![\p{L}])/u;

/** What an indicator says, including the years its columns name ("kết quả năm 2025", "năm 2026"). */
function indicatorText(i: Indicator): string {
  const baseline = i.baseline ? `kết quả năm ${i.baseline.year ?? ""} ${i.baseline.raw}` : "";
  return `${i.name} ${i.statement} ${i.group ?? ""} ${baseline} mục tiêu ${i.period.label} ${i.target.raw}`;
}

function sectionOfLine(plan: Plan, line: number): string {
  let best: { path: string; size: number } | null = null;
  for (const s of plan.sections) {
    const size = s.lines[1] - s.lines[0];
    if (s.lines[0] <= line && line <= s.lines[1] && (!best || size < best.size))
      best = { path: s.path, size };
  }
  return best?.path ?? "Mở đầu";
}

const ORIGIN_ORDER: Record<Task["origin"], number> = { appendix: 0, inline: 1, responsibility: 2 };

function byDeadline(a: Task, b: Task): number {
  return (a.deadline.end ?? "9999") < (b.deadline.end ?? "9999")
    ? -1
    : (a.deadline.end ?? "9999") > (b.deadline.end ?? "9999")
      ? 1
      : 0;
}

/** What a passage is scored on: its heading path and its text. */
function passageText(chunk: Chunk): string {
  return `${chunk.headingPath.join(" ")} ${chunk.text}`;
}

/** What a task is scored on. */
function taskText(task: Task): string {
  return `${task.title} ${task.description} ${task.product ?? ""}`;
}

/** Task has its own dated deadline (not recurring, conditional, or the plan's period). */
function dated(t: Task): boolean {
  return t.deadline.end !== null && t.deadline.kind !== "plan-period";
}

interface Draft {
  lines: string[];
  abstained: boolean;
  tasks: TaskView[];
  indicators: IndicatorView[];
  plans: Set<string>;
}

export class Answerer {
  private readonly stats: TermStats;
  private readonly spans: SourceSpans;
  private readonly places: readonly string[];
  /** One search per question: several answer strategies may look at the same passages. */
  private readonly searches = new WeakMap<Understanding, Promise<SearchHit[]>>();

  constructor(readonly knowledge: KnowledgeView) {
    this.stats = new TermStats(knowledge.chunks.map(passageText));
    this.spans = new SourceSpans(knowledge.sources);
    this.places = knowledge.plans.map((p) => p.locality.name);
  }

  /** The topic words of a question, without the names of places (typed right or with one slip). */
  topic(question: string, extra: readonly string[] = []): Topic {
    return topicOf(question, [...this.places, ...extra], this.places);
  }

  understand(input: AskInput): Understanding {
    const today = input.now ?? todayInVietnam();
    return understand({
      question: input.question,
      plans: this.knowledge.plans,
      ...(input.plan ? { plan: input.plan, planSource: "request" as const } : {}),
      ...(!input.plan && input.defaultPlan
        ? { plan: input.defaultPlan, planSource: "default" as const }
        : {}),
      today,
    });
  }

  async ask(input: AskInput): Promise<AskResult> {
    const today = input.now ?? todayInVietnam();
    const u = this.understand(input);
    const citations = new Citations(this.spans);
    const draft: Draft = { lines: [], abstained: false, tasks: [], indicators: [], plans: new Set() };
    let intent = u.intent;

    switch (u.intent) {
      case "greeting":
        this.greeting(draft, u.text);
        break;
      case "out_of_scope":
        this.outOfScope(u, draft);
        break;
      case "plan":
        // "căn cứ văn bản nào để phê duyệt cấp độ an toàn…": a specific passage, not the list of bases.
        if (await this.passageAnswersFacet(u, input.question)) {
          intent = "general";
          await this.general(u, input.question, draft, citations);
        } else {
          this.planFacts(u, draft, citations);
        }
        break;
      case "due":
        if (!this.due(u, input.question, today, draft, citations)) {
          // No task carries such a deadline; the plan's text may still say what falls due ("… trong năm 2026").
          draft.lines = [];
          draft.abstained = false;
          intent = "general";
          await this.general(u, input.question, draft, citations);
        }
        break;
      case "indicator":
        if (!(await this.indicators(u, input.question, draft, citations))) {
          intent = "general";
          await this.general(u, input.question, draft, citations, false, INDICATOR_WORDS);
        }
        break;
      case "unit":
        this.unit(u, input.question, draft, citations);
        break;
      case "task":
        if (!(await this.task(u, input.question, draft, citations))) {
          intent = "general";
          await this.general(u, input.question, draft, citations, true);
        }
        break;
      default:
        await this.general(u, input.question, draft, citations);
    }
    return {
      answer: draft.lines.join("\n").trim(),
      abstained: draft.abstained,
      intent,
      mode: "extractive",
      plans: [...draft.plans],
      citations: citations.list(),
      tasks: draft.tasks,
      indicators: draft.indicators,
    };
  }

  /** The passages retrieved for the question (`u` is of that question), in the plans it is about. */
  private passages(u: Understanding, question: string): Promise<SearchHit[]> {
    let hits = this.searches.get(u);
    if (!hits) {
      hits = this.knowledge.retriever.search(question, { k: 8, plans: u.plans.map((p) => p.id) });
      this.searches.set(u, hits);
    }
    return hits;
  }

  /** The retrieved passages ordered by how well they cover the question's topic. */
  private async bestPassage(u: Understanding, question: string, topic: Topic) {
    return (await this.passages(u, question))
      .map((h) => {
        const text = passageText(h.chunk);
        return { ...h, text, cover: coverage(this.stats, topic, text) };
      })
      .sort((a, b) => b.cover - a.cover || b.score - a.score);
  }

  /** A passage beats a structured match when it covers the topic clearly better. */
  private async passageIsBetter(
    u: Understanding,
    question: string,
    topic: Topic,
    structured: number,
    mustSay?: (text: string) => boolean,
  ): Promise<boolean> {
    const best = (await this.bestPassage(u, question, topic))[0];
    // A passage can only beat a task on "who / by when" if it says who or when.
    if (best && mustSay && !mustSay(best.chunk.text)) return false;
    return Boolean(best && best.cover >= structured + 0.15 && coversRarest(this.stats, topic, best.text));
  }

  private async passageAnswersFacet(u: Understanding, question: string): Promise<boolean> {
    if (!["legal", "budget", "reporting"].includes(u.facet ?? "")) return false;
    const facetWords = [
      "can cu",
      "van ban",
      "nghi dinh",
      "kinh phi",
      "nguon",
      "ngan sach",
      "bao cao",
      "dinh ky",
      "thuc hien",
    ];
    // Words of the plan's own title ("kế hoạch chuyển đổi số xã …") name the plan, not a topic.
    const titleWords = new Set(u.plans.flatMap((p) => foldWords(p.title).split(" ")));
    const topic = this.topic(question, facetWords);
    topic.unigrams = topic.unigrams.filter((t) => !titleWords.has(t));
    if (topic.unigrams.length < 3) return false;
    const best = (await this.bestPassage(u, question, topic))[0];
    return Boolean(best && best.cover >= 0.6 && coversRarest(this.stats, topic, best.text));
  }

  private planList(): string {
    return this.knowledge.plans.map((p) => `${placeName(p)} (${p.period.label})`).join("; ");
  }

  private greeting(draft: Draft, text: string): void {
    if (/\b(cam on|thank|thanks|ok|oke|okay|vang|tot|tuyet)\b/u.test(text)) {
      draft.lines.push("Không có gì ạ. Cần tra cứu thêm về kế hoạch chuyển đổi số, bạn cứ hỏi tiếp.");
      return;
    }
    draft.lines.push(
      "Xin chào! Tôi trả lời câu hỏi về kế hoạch chuyển đổi số / ứng dụng CNTT của các địa phương, có trích dẫn mục và dòng trong kế hoạch.",
      "Ví dụ: «ai chủ trì nâng cấp mạng LAN, hạn khi nào», «công an xã phải làm gì», «việc nào hạn quý III», «chỉ tiêu hồ sơ trực tuyến bao nhiêu», «ai ký kế hoạch».",
      `Các kế hoạch hiện có: ${this.planList()}.`,
    );
  }

  private outOfScope(u: Understanding, draft: Draft): void {
    draft.abstained = true;
    draft.lines.push(
      `Hiện chưa có kế hoạch nào của ${u.unknownLocality ?? "địa phương này"} trong dữ liệu, nên tôi không trả lời thay bằng kế hoạch của địa phương khác.`,
      `Các kế hoạch hiện có: ${this.planList()}.`,
    );
  }

  private abstain(u: Understanding, draft: Draft, citations: Citations, question: string, why: string): void {
    draft.abstained = true;
    draft.lines = [why];
    // Offer the nearest tasks, marked as suggestions, never as the answer.
    const topic = this.topic(question);
    if (isEmptyTopic(topic)) return;
    const scored = u.plans
      .flatMap((plan) =>
        plan.tasks.filter((t) => t.origin !== "responsibility").map((task) => ({ plan, task })),
      )
      .map((x) => ({ ...x, score: coverage(this.stats, topic, `${x.task.title} ${x.task.description}`) }))
      .filter((x) => x.score > 0.15)
      .sort((a, b) => b.score - a.score)
      .slice(0, 3);
    if (scored.length === 0) return;
    draft.lines.push("Các nhiệm vụ gần nhất trong kế hoạch (để tham khảo, không phải câu trả lời):");
    for (const { plan, task } of scored) {
      const n = citations.add(plan, task.section, task.lines, topic.unigrams);
      draft.lines.push(`• ${plan.shortName}: ${clip(task.title, 140)} [${n}]`);
    }
  }

  private notSaid(u: Understanding, what: string): string {
    const where =
      u.plans.length === 1 ? `Kế hoạch của ${placeName(u.plans[0] as Plan)}` : "Các kế hoạch hiện có";
    return `${where} không nêu ${what}.`;
  }

  // ——— plan facts ———

  private planFacts(u: Understanding, draft: Draft, citations: Citations): void {
    const lines: string[] = [];
    // "bao nhiêu tỷ đồng": an amount, which these plans do not give.
    const asksAmount =
      / (bao nhieu|so tien|ty dong|trieu dong|bao nhieu tien|muc kinh phi|tong kinh phi|du toan) /u.test(
        ` ${u.text} `,
      );
    let noAmount = false;
    for (const facet of u.facets.length > 0 ? u.facets : [u.facet])
      for (const plan of u.plans) {
        const name = plan.shortName;
        const cite = (section: string, span: readonly [number, number], focus: string[] = []) =>
          `[${citations.add(plan, section, span, focus)}]`;
        switch (facet) {
          case "signer":
            if (plan.signer) {
              const on = plan.signer.onBehalfOf ? ` (${plan.signer.onBehalfOf})` : "";
              lines.push(
                `${name}: ${plan.signer.title} ${plan.signer.name} ký${on} ${cite("Phần kết", plan.signer.lines, [plan.signer.name])}`,
              );
            }
            break;
          case "budget":
            if (
              plan.budget &&
              asksAmount &&
              !/\d[\d.,]*\s*(?:đồng|triệu|tỷ|nghìn)/iu.test(plan.budget.text)
            ) {
              noAmount = true;
              const src = plan.budget.sources.join("; ");
              lines.push(
                `${name}: kế hoạch không nêu số tiền cụ thể; chỉ nêu nguồn kinh phí: ${src || clip(plan.budget.text, 200)} ${cite(plan.budget.section, plan.budget.lines, ["ngân sách", "kinh phí"])}`,
              );
            } else if (plan.budget) {
              // The plan's own words: the list of sources alone loses qualifiers such as "theo phân cấp".
              const first = (plan.budget.text.split("\n")[0] ?? plan.budget.text).replace(/^[-+•]\s*/u, "");
              lines.push(
                `${name}: ${clip(first, 420)} ${cite(plan.budget.section, plan.budget.lines, ["ngân sách", "kinh phí", "nguồn"])}`,
              );
            }
            break;
          case "implements":
            for (const r of plan.implements)
              lines.push(`${name} thực hiện ${r.text} ${cite("Mở đầu", r.lines, [r.number ?? ""])}`);
            break;
          case "replaces":
            for (const r of plan.replaces)
              lines.push(`${name} thay thế ${r.text} ${cite("Phần kết", r.lines, [r.number ?? ""])}`);
            break;
          case "legal": {
            const refs = plan.legalBases.slice(0, 10);
            if (refs.length > 0) {
              lines.push(`${name} căn cứ / thực hiện các văn bản:`);
              for (const r of refs) lines.push(`• ${r.text} ${cite("Căn cứ", r.lines, [r.number ?? ""])}`);
              if (plan.legalBases.length > refs.length)
                lines.push(`… và ${plan.legalBases.length - refs.length} văn bản khác.`);
            }
            break;
          }
          case "period":
            lines.push(
              `${name}: áp dụng ${plan.period.label} (từ ${formatViDate(plan.period.start)} đến ${formatViDate(plan.period.end)}) ${cite("Mở đầu", plan.titleLines, [plan.period.label])}`,
            );
            break;
          case "reporting":
            for (const r of plan.reporting.slice(0, 3))
              lines.push(`${name}: ${clip(r.text, 300)} ${cite(r.section, r.lines, ["báo cáo"])}`);
            break;
          case "number": {
            const num = plan.number ? `số ${plan.number}` : "chưa ghi số (bản trích chỉ có «Số: …/KH-UBND»)";
            const date = plan.issued ? `, ${plan.issued.raw}` : "";
            const span = plan.numberLines ?? plan.issued?.lines ?? plan.titleLines;
            lines.push(`${name}: ${num}${date} ${cite("Mở đầu", span, ["Số"])}`);
            break;
          }
          case "recipients": {
            const closing = plan.sections.find((s) => s.kind === "closing");
            if (plan.recipients.length > 0 && closing) {
              lines.push(
                `${name} gửi: ${plan.recipients.join("; ")} ${cite(closing.path, closing.lines, ["Nơi nhận"])}`,
              );
            }
            break;
          }
          case "locality": {
            const where = [
              placeName(plan),
              plan.province.district ? `thị xã/huyện ${plan.province.district}` : null,
              plan.province.name,
            ]
              .filter(Boolean)
              .join(", ");
            const markers = [cite("Mở đầu", plan.titleLines, [plan.locality.name])];
            if (plan.province.lines) {
              const focus = [plan.province.district ?? "", plan.province.name ?? ""].filter(Boolean);
              markers.push(cite(sectionOfLine(plan, plan.province.lines[0]), plan.province.lines, focus));
            }
            lines.push(`${name}: ${where} ${markers.join("")}`);
            break;
          }
          case "structure": {
            const top = plan.sections.filter(
              (s) => s.parent === null && s.kind !== "preamble" && s.kind !== "closing",
            );
            lines.push(`${name} gồm các phần:`);
            for (const s of top.slice(0, 10)) {
              const span = s.headingLines ?? s.lines;
              lines.push(
                `• ${s.path}${s.label && s.kind === "part" ? ` (trong văn bản: Phần ${s.label})` : ""}: ${clip(s.heading, 120)} ${cite(s.path, span, [s.heading])}`,
              );
            }
            break;
          }
          default:
            break;
        }
        if (lines.length > 0) draft.plans.add(plan.id);
      }
    if (lines.length === 0) {
      const what: Record<string, string> = {
        signer: "người ký",
        budget: "nguồn kinh phí",
        implements: "kế hoạch cấp trên mà nó thực hiện",
        replaces: "việc thay thế kế hoạch nào",
        legal: "căn cứ pháp lý",
        period: "thời gian áp dụng",
        reporting: "chế độ báo cáo định kỳ",
        number: "số hiệu",
        recipients: "nơi nhận",
        locality: "địa bàn",
        structure: "bố cục",
      };
      draft.abstained = true;
      draft.lines.push(this.notSaid(u, what[u.facet ?? ""] ?? "nội dung này"));
      return;
    }
    draft.lines.push(...lines);
    // Saying where the money comes from does not answer "how much".
    if (noAmount) draft.abstained = true;
  }

  // ——— tasks ———

  private scoredTasks(u: Understanding, topic: Topic): Array<{ plan: Plan; task: Task; score: number }> {
    return u.plans
      .flatMap((plan) => plan.tasks.map((task) => ({ plan, task })))
      .map((x) => ({
        ...x,
        score: coverage(this.stats, topic, taskText(x.task)),
      }))
      .sort((a, b) => b.score - a.score || ORIGIN_ORDER[a.task.origin] - ORIGIN_ORDER[b.task.origin]);
  }

  /** Who leads / coordinates a task and by when. False when no task matches the question well enough. */
  private async task(
    u: Understanding,
    question: string,
    draft: Draft,
    citations: Citations,
  ): Promise<boolean> {
    // "Sản phẩm hoàn thành của nhiệm vụ … là gì": the product is what is asked, not the topic.
    const asked = u.asks.product ? ["san pham hoan thanh", "san pham", "ket qua dau ra"] : [];
    const topic = this.topic(question, [...u.units.map((x) => x.unit.name), ...asked]);
    if (isEmptyTopic(topic)) return false;
    const scored = this.scoredTasks(u, topic);
    const best = scored[0];
    // Not a task the plans list: the passages may still say it (general answers abstain when they do not).
    if (!best || best.score < MATCH_THRESHOLD) return false;
    if (!coversRarest(this.stats, topic, taskText(best.task))) return false;
    const saysWhoOrWhen = (text: string) =>
      (!u.asks.lead || UNIT_MENTION.test(text)) &&
      (!u.asks.deadline || u.asks.lead || parseTimeSpan(text) !== null || isRecurring(text));
    if (await this.passageIsBetter(u, question, topic, best.score, saysWhoOrWhen)) return false;
    const floor = Math.max(MATCH_THRESHOLD, best.score - 0.12);
    const chosen = scored.filter((x) => x.score >= floor).slice(0, 4);
    const multiplePlans = new Set(chosen.map((x) => x.plan.id)).size > 1 || u.scope === "all";
    let currentPlan = "";
    for (const { plan, task } of chosen) {
      if (multiplePlans && plan.id !== currentPlan) {
        draft.lines.push(`${placeName(plan)} (${plan.shortName}):`);
        currentPlan = plan.id;
      } else if (!multiplePlans && draft.lines.length === 0) {
        draft.lines.push(`${plan.shortName}:`);
      }
      const n = citations.add(plan, task.section, task.lines, phrases(topic), 700);
      draft.lines.push(taskLine(task, plan, `[${n}]`, u.asks.product));
      draft.tasks.push(taskView(plan, task));
      draft.plans.add(plan.id);
    }
    return true;
  }

  // ——— unit duties ———

  private unit(u: Understanding, question: string, draft: Draft, citations: Citations): void {
    const seen = new Set<string>();
    // "tổ dân phố" names a collective of the task tables and also a part of a unit with its own section
    // ("Tổ công tác …; Các Tổ dân phố trên địa bàn"): that section answers "phải làm gì".
    const withSections = u.units.flatMap(({ plan, unit }) => {
      if (unit.section) return [{ plan, unit }];
      const core = unit.id.replace(/^cac\s+/u, "");
      const holders = plan.units.filter((x) => x.section && ` ${x.id} `.includes(` ${core} `));
      return [...holders.map((x) => ({ plan, unit: x })), { plan, unit }];
    });
    const units = withSections.filter(({ plan, unit }) => {
      const key = `${plan.id}/${unit.id}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const topic = this.topic(question, [
      ...units.flatMap((x) => [x.unit.name, ...x.unit.aliases]),
      "lam gi",
      "trach nhiem",
      "co nhiem vu",
    ]);
    // Across several plans, a few duties each and a hint to name the commune; one plan gets everything.
    const brief = new Set(units.map((x) => x.plan.id)).size > 1;
    for (const { plan, unit } of units.slice(0, brief ? 5 : 4)) {
      this.unitDuties(plan, unit, topic, draft, citations, brief ? 3 : undefined);
    }
    if (brief)
      draft.lines.push("Hỏi kèm tên xã, phường (ví dụ «công an xã Tân Kỳ phải làm gì») để xem đầy đủ.");
    if (draft.lines.length === 0) {
      this.abstain(u, draft, citations, question, this.notSaid(u, "nhiệm vụ của đơn vị này"));
    }
  }

  private unitDuties(
    plan: Plan,
    unit: Unit,
    topic: Topic,
    draft: Draft,
    citations: Citations,
    limit?: number,
  ): void {
    const all = tasksOfUnit(plan, unit);
    const section = unit.section ? plan.sections.find((s) => s.path === unit.section) : undefined;
    if (all.length === 0 && !section) return;
    draft.plans.add(plan.id);
    const focused = !isEmptyTopic(topic);
    const score = (t: Task) => (focused ? coverage(this.stats, topic, `${t.title} ${t.description}`) : 0);
    // The unit's own part of "Tổ chức thực hiện" first: that is what the plan says the unit must do.
    const own = all
      .filter(
        (x) => x.role === "lead" && x.task.origin === "responsibility" && x.task.section === unit.section,
      )
      .map((x) => x.task);
    const assigned = all
      .filter((x) => x.role === "lead" && !own.includes(x.task))
      .map((x) => x.task)
      .sort(
        (a, b) => score(b) - score(a) || ORIGIN_ORDER[a.origin] - ORIGIN_ORDER[b.origin] || byDeadline(a, b),
      );
    const coordinates = all.filter((x) => x.role === "coordinator").map((x) => x.task);
    const maxOwn = limit ?? own.length;
    const maxAssigned = limit ?? 10;
    const maxCoordinated = limit ? 0 : 3;
    const items =
      Math.min(own.length, maxOwn) +
      Math.min(assigned.length, maxAssigned) +
      Math.min(coordinates.length, maxCoordinated);
    const width = limit ? 160 : Math.max(110, Math.min(600, Math.floor(2400 / Math.max(1, items))));
    const more = (n: number, what: string) => n > 0 && draft.lines.push(`… và ${n} ${what}.`);

    if (section && own.length > 0) {
      const n = citations.add(plan, section.path, section.lines, [section.heading, ...topic.unigrams], 2500);
      draft.lines.push(`${unit.name} (${plan.shortName}, mục ${section.path}) [${n}]:`);
      for (const task of own.slice(0, maxOwn)) {
        draft.lines.push(`• ${clip(task.title, width)}`);
        draft.tasks.push(taskView(plan, task));
      }
      more(own.length - maxOwn, "việc khác trong mục này");
    } else {
      draft.lines.push(`${unit.name} (${plan.shortName}):`);
    }
    if (assigned.length > 0 && maxAssigned > 0) {
      draft.lines.push(own.length > 0 ? "Nhiệm vụ chủ trì khác trong kế hoạch:" : "Chủ trì:");
      for (const t of assigned.slice(0, maxAssigned)) {
        const n = citations.add(plan, t.section, t.lines, topic.unigrams, 300);
        const when =
          t.deadline.kind === "plan-period" ? "" : ` — thời hạn: ${deadlineText(t.deadline, plan)}`;
        draft.lines.push(`• ${clip(t.title, width)}${when} [${n}]`);
        draft.tasks.push(taskView(plan, t));
      }
      more(assigned.length - maxAssigned, "việc khác");
    }
    if (coordinates.length > 0) {
      if (maxCoordinated === 0) {
        draft.lines.push(`Phối hợp thực hiện ${coordinates.length} việc khác.`);
        return;
      }
      draft.lines.push("Phối hợp:");
      for (const t of coordinates.slice(0, maxCoordinated)) {
        const n = citations.add(plan, t.section, t.lines, topic.unigrams, 300);
        draft.lines.push(
          `• ${clip(t.title, Math.min(width, 160))} (chủ trì: ${t.lead.join("; ") || "không nêu"}) [${n}]`,
        );
        draft.tasks.push(taskView(plan, t));
      }
      more(coordinates.length - maxCoordinated, "việc phối hợp khác");
    }
  }

  // ——— due in a window ———

  private due(
    u: Understanding,
    question: string,
    today: string,
    draft: Draft,
    citations: Citations,
  ): boolean {
    const w = u.window;
    const hits: Array<{ plan: Plan; task: Task }> = [];
    // Words of the question that may name the deadline itself ("theo hướng dẫn của Sở Nội vụ").
    const topic = this.topic(question, ["thoi han", "theo huong dan", "huong dan", "thuong xuyen"]);
    for (const plan of u.plans) {
      const mine = u.units.filter((x) => x.plan.id === plan.id);
      const byUnit =
        mine.length > 0 ? new Set(mine.flatMap((x) => tasksOfUnit(plan, x.unit).map((h) => h.task))) : null;
      for (const task of plan.tasks) {
        if (byUnit && !byUnit.has(task)) continue;
        if (u.deadlineKind) {
          if (task.deadline.kind !== u.deadlineKind) continue;
          const raw = foldWords(task.deadline.raw).split(" ");
          if (
            u.deadlineKind === "conditional" &&
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
          w.relation === "overdue" ? end < today : (w.from === null || end >= w.from) && end <= w.to;
        if (inWindow) hits.push({ plan, task });
      }
    }
    hits.sort((a, b) => byDeadline(a.task, b.task));
    if (u.deadlineKind) {
      if (hits.length === 0) return false;
      const label =
        u.deadlineKind === "conditional"
          ? "có thời hạn tùy theo hướng dẫn, chỉ đạo"
          : "làm thường xuyên, định kỳ";
      this.listTasks(hits, label, draft, citations);
      return true;
    }
    if (!w) return false;
    const label = w.relation === "overdue" ? w.label : `có hạn trong ${w.label}`;
    if (hits.length === 0) {
      // "Những việc nào phải hoàn thành trong năm 2026": the text may say so outside any task table.
      if (w.relation === "within") return false;
      draft.abstained = true;
      const where = u.plans.length === 1 ? placeName(u.plans[0] as Plan) : "các kế hoạch";
      draft.lines.push(`Không có nhiệm vụ nào của ${where} ${label}.`);
      const upcoming = u.plans
        .flatMap((plan) =>
          plan.tasks
            .filter((t) => dated(t) && (t.deadline.end as string) >= today)
            .map((task) => ({ plan, task })),
        )
        .sort((a, b) => byDeadline(a.task, b.task))
        .slice(0, 3);
      if (upcoming.length > 0) {
        draft.lines.push("Các hạn gần nhất sắp tới (để tham khảo):");
        for (const { plan, task } of upcoming) {
          const n = citations.add(plan, task.section, task.lines);
          draft.lines.push(
            `• ${plan.shortName}: ${clip(task.title, 120)} — ${deadlineText(task.deadline, plan)} [${n}]`,
          );
        }
      }
      return true;
    }
    this.listTasks(hits, label, draft, citations);
    if (w.relation === "overdue") {
      draft.lines.push(
        "Lưu ý: kế hoạch không ghi tình trạng hoàn thành; đây là các việc có hạn đã qua, cần đối chiếu thực tế.",
      );
    }
    return true;
  }

  private listTasks(
    hits: ReadonlyArray<{ plan: Plan; task: Task }>,
    label: string,
    draft: Draft,
    citations: Citations,
  ): void {
    const perPlan = new Map<string, Array<{ plan: Plan; task: Task }>>();
    for (const h of hits) {
      const list = perPlan.get(h.plan.id);
      if (list) list.push(h);
      else perPlan.set(h.plan.id, [h]);
    }
    const max = 10;
    let shown = 0;
    for (const list of perPlan.values()) {
      // Past the cap a commune would get a heading with nothing under it; the closing line counts it.
      if (shown >= max) break;
      const plan = (list[0] as { plan: Plan }).plan;
      draft.plans.add(plan.id);
      draft.lines.push(`${placeName(plan)} (${plan.shortName}) — ${list.length} nhiệm vụ ${label}:`);
      for (const { task } of list) {
        if (shown >= max) break;
        shown++;
        const n = citations.add(plan, task.section, task.lines);
        draft.lines.push(
          `• ${clip(task.title, 150)} — chủ trì: ${task.lead.join("; ") || "không nêu"}; hạn: ${deadlineText(task.deadline, plan)} [${n}]`,
        );
        draft.tasks.push(taskView(plan, task));
      }
    }
    if (hits.length > max) draft.lines.push(`… và ${hits.length - max} nhiệm vụ khác.`);
  }

  // ——— indicators ———

  private async indicators(
    u: Understanding,
    question: string,
    draft: Draft,
    citations: Citations,
  ): Promise<boolean> {
    const topic = this.topic(question, [
      "chi tieu",
      "muc tieu",
      "ty le",
      "ti le",
      "phan tram",
      "bao nhieu",
      "dat",
      "phan dau",
      "khac nhau",
      "so sanh",
      "co",
      "may",
      "tat ca",
      "cac",
      "gom",
      "nhung",
      "nao",
    ]);
    const candidates = u.plans.flatMap((plan) =>
      plan.indicators.map((indicator) => ({
        plan,
        indicator,
        score: isEmptyTopic(topic) ? 1 : coverage(this.stats, topic, indicatorText(indicator)),
      })),
    );
    if (candidates.length === 0) return false;
    const chosen: typeof candidates = [];
    for (const plan of u.plans) {
      const mine = candidates.filter((c) => c.plan.id === plan.id).sort((a, b) => b.score - a.score);
      const best = mine[0];
      if (!best || best.score < MATCH_THRESHOLD) continue;
      const text = indicatorText(best.indicator);
      // Comparing plans, each words its indicator its own way; for one plan the distinctive words must be there.
      if (u.plans.length === 1 && !isEmptyTopic(topic) && !coversRarest(this.stats, topic, text)) continue;
      const floor = isEmptyTopic(topic) ? 0 : Math.max(MATCH_THRESHOLD, best.score - 0.1);
      chosen.push(...mine.filter((c) => c.score >= floor).slice(0, isEmptyTopic(topic) ? 12 : 3));
    }
    if (chosen.length === 0) return false;
    const top = Math.max(...chosen.map((c) => c.score));
    if (u.plans.length === 1 && !isEmptyTopic(topic) && (await this.passageIsBetter(u, question, topic, top)))
      return false;
    let current = "";
    for (const { plan, indicator } of chosen) {
      if (plan.id !== current) {
        draft.lines.push(
          isEmptyTopic(topic)
            ? `${placeName(plan)} (${plan.shortName}) có ${plan.indicators.length} chỉ tiêu${plan.indicators.length > 12 ? ", 12 chỉ tiêu đầu" : ""}:`
            : `${placeName(plan)} (${plan.shortName}):`,
        );
        current = plan.id;
      }
      const n = citations.add(plan, indicator.section, indicator.lines, [
        indicator.target.raw,
        ...topic.unigrams,
      ]);
      draft.lines.push(indicatorLine(indicator, `[${n}]`));
      draft.indicators.push(indicatorView(plan, indicator));
      draft.plans.add(plan.id);
    }
    return true;
  }

  // ——— anything else: the best passage ———

  private async general(
    u: Understanding,
    question: string,
    draft: Draft,
    citations: Citations,
    taskLike = false,
    asked: readonly string[] = [],
  ): Promise<void> {
    const topic = this.topic(question, asked);
    if (isEmptyTopic(topic)) {
      this.abstain(
        u,
        draft,
        citations,
        question,
        "Câu hỏi chưa nêu rõ nội dung cần tra cứu. Bạn hỏi cụ thể hơn giúp tôi (nhiệm vụ, đơn vị, chỉ tiêu hoặc địa phương).",
      );
      return;
    }
    // Only passages that hold the question's most distinctive words can answer it.
    const scored = (await this.bestPassage(u, question, topic)).filter((h) =>
      coversRarest(this.stats, topic, h.text),
    );
    const best = scored[0];
    const unknown = unknownTerms(this.stats, topic);
    if (!best || best.cover < MATCH_THRESHOLD || unknown.length >= Math.max(1, topic.unigrams.length / 2)) {
      const why =
        u.plans.length === this.knowledge.plans.length && unknown.length > 0 && (best?.cover ?? 0) < 0.35
          ? "Câu hỏi này nằm ngoài nội dung các kế hoạch chuyển đổi số hiện có, nên tôi không trả lời."
          : this.notSaid(u, taskLike ? "nhiệm vụ này" : "nội dung này");
      this.abstain(u, draft, citations, question, why);
      return;
    }
    const picked = scored.filter((s) => s.cover >= Math.max(MATCH_THRESHOLD, best.cover - 0.1)).slice(0, 2);
    for (const hit of picked) {
      const sentence = this.bestSentence(hit.chunk, topic);
      const heading = hit.chunk.headingPath[hit.chunk.headingPath.length - 1] ?? "";
      const n = citations.add(
        hit.plan,
        hit.chunk.section,
        hit.chunk.lines,
        [sentence.focus, ...phrases(topic)],
        700,
      );
      // The heading often carries what the sentence leaves implicit ("Mục tiêu cụ thể đến ngày 31/12/2025").
      const where =
        hit.chunk.section === "Mở đầu" || hit.chunk.section === "Phần kết"
          ? hit.chunk.section.toLowerCase()
          : `mục ${clip(heading, 90)}`;
      draft.lines.push(`${hit.plan.shortName} (${where}): ${sentence.text} [${n}]`);
      draft.plans.add(hit.plan.id);
    }
  }

  /** The sentence (or two) of a passage that covers the topic best; a table row is one statement. */
  private bestSentence(chunk: Chunk, topic: Topic): { text: string; focus: string } {
    if (chunk.kind === "table-row") return { text: clip(chunk.text, 600), focus: chunk.text.slice(0, 40) };
    const sentences = chunk.text
      .split(/\n|(?<=[.!?])\s+(?=[\p{Lu}\d"“(-])/u)
      .map((s) => s.replace(/^[-+•]\s*/u, "").trim())
      .filter((s) => s.length > 0);
    let best = { text: chunk.text, score: -1 };
    sentences.forEach((s, i) => {
      const score = coverage(this.stats, topic, s);
      if (score > best.score) {
        // A short sentence reads better with the one after it.
        const next = sentences[i + 1];
        const text = s.length < 80 && next ? `${s} ${next}` : s;
        best = { text, score };
      }
    });
    const text = clip(best.text, 600);
    // The sentence's opening words locate it in the quote.
    return { text, focus: text.slice(0, 40).replace(/\s+\S*$/u, "") };
  }
}
