/**
 * Facts about a plan itself: signer, number and date, period, budget sources, the plan it implements
 * or replaces, legal bases, reporting, recipients, locality, structure. Straight from the plan model.
 */
import { OFFICES, PLAN_FACT_NAMES, type PlanFacet } from "../../lexicon/vi/questions.ts";
import { documentNumbers, findReferences, numberIs } from "../../plans/references.ts";
import type { Plan, Section } from "../../plans/schema.ts";
import type { Chunk } from "../../retrieval/chunks.ts";
import { formatViDate } from "../../text/dates.ts";
import { foldWords } from "../../text/normalize.ts";
import type { AskContext } from "../context.ts";
import { abstention, evidence, type Item, line, type Source } from "../evidence.ts";
import { clip, placeInText } from "../format.ts";
import { coverage } from "../match.ts";
import { MONEY_AMOUNT, notSaid, sentencesWhere } from "./common.ts";

function sectionOfLine(plan: Plan, at: number): string {
  let best: { path: string; size: number } | null = null;
  for (const s of plan.sections) {
    const size = s.lines[1] - s.lines[0];
    if (s.lines[0] <= at && at <= s.lines[1] && (!best || size < best.size)) best = { path: s.path, size };
  }
  return best?.path ?? "Mở đầu";
}

/** The lines stating one fact of one plan; `short` when the plan gives sources but no amount asked for. */
interface Fact {
  items: Item[];
  /** Where the money comes from, when the question asked how much. */
  noAmount?: boolean;
  /** The plan does not name the person asked for: why, and who the plan does name. */
  unnamed?: Item[];
}

/** The office a signer holds in person: "KT. Chủ tịch – Phó Chủ tịch" signs as Phó Chủ tịch. */
function signerOffice(title: string): string {
  const own = title.split(/\s[–-]\s|\n/u).pop() ?? title;
  return foldWords(own).replace(/^(kt|tm|tl|q)\s+/u, "");
}

const ASKS_NUMBER = / (so (may|bao nhieu|nao)|so hieu|so ke hoach|so van ban|mang so) /u;
/** "Ngoài KH 02 …, còn thực hiện KH nào": the document named is known, the others are asked. */
const ASKS_OTHERS = / (ngoai|ben canh|khac|con (?:thuc hien|trien khai|can cu|theo)) /u;

/** Sentences of one plan naming a plan dated within a window ("kế hoạch số 33/KH-UBND ngày 06/3/2023"). */
function plansDatedIn(c: AskContext, plan: Plan, w: { from: string | null; to: string }): Item[] {
  return sentencesWhere(
    c,
    (sentence) =>
      findReferences(sentence.replace(/(?<![\p{L}])kế hoạch/gu, "Kế hoạch")).some(
        (r) => r.type.startsWith("Kế hoạch") && r.date !== null && r.date <= w.to && r.date >= (w.from ?? ""),
      ),
    ["số"],
    [plan],
  );
}

const KIND_NAMES: Record<string, string> = {
  "thi xa": "thị xã",
  huyen: "huyện",
  quan: "quận",
  "thanh pho": "thành phố",
  tinh: "tỉnh",
};

/** Where the plan first writes a place with its kind ("thị xã Nghi Sơn"): the kind, the lines, the phrase. */
function placeWritten(c: AskContext, plan: Plan, kinds: readonly string[], place: string) {
  const name = foldWords(place);
  for (const chunk of c.corpus.chunks) {
    if (chunk.plan !== plan.id) continue;
    const text = ` ${foldWords(chunk.text)} `;
    const kind = kinds.find((k) => text.includes(` ${k} ${name} `));
    if (!kind) continue;
    const kindName = KIND_NAMES[kind] ?? kind;
    return { kind: kindName, lines: chunk.lines, section: chunk.section, phrase: `${kindName} ${place}` };
  }
  return null;
}

/** A plan's signature stamps, one per signer (the first time each signed). */
function signatures(plan: Plan) {
  const seen = new Set<string>();
  return (plan.signatures ?? []).filter((s) => !seen.has(s.by) && Boolean(seen.add(s.by)));
}

function factItems(c: AskContext, plan: Plan, facet: PlanFacet): Fact {
  const name = plan.shortName;
  const src = (section: string, lines: readonly [number, number], focus: string[] = []): Source => ({
    plan,
    section,
    lines,
    focus,
  });
  switch (facet) {
    case "person": {
      const asked = OFFICES.find(([folded]) => ` ${c.text} `.includes(` ${folded} `));
      const s = plan.signer;
      if (!asked) return { items: [] };
      const source = s ? src("Phần kết", s.lines, [s.name]) : null;
      if (s && source && signerOffice(s.title) === asked[0])
        return {
          items: [
            line(
              foldWords(s.title) === asked[0]
                ? `${name}: ${asked[1]} là ${s.name} (người ký kế hoạch)`
                : `${name}: ${asked[1]} là ${s.name}, người ký kế hoạch (${s.title})`,
              source,
            ),
          ],
        };
      // "Chủ tịch UBND phường là Trưởng ban": the plan may say who holds the office in its text.
      const said = holderSentence(c, plan, asked[0]);
      if (said) return { items: [said] };
      const signed = s && source ? [line(`Kế hoạch do ${s.title} ${s.name} ký.`, source)] : [];
      return {
        items: [],
        unnamed: [line(`Kế hoạch của ${placeInText(plan)} không nêu tên ${asked[1]}.`), ...signed],
      };
    }
    case "issuer": {
      if (!plan.issuer) return { items: [] };
      return {
        items: [line(`${name} do ${plan.issuer.name} ban hành`, src("Mở đầu", plan.issuer.lines, []))],
      };
    }
    case "signer": {
      const s = plan.signer;
      if (!s) return { items: [] };
      const on = s.onBehalfOf ? ` (${s.onBehalfOf})` : "";
      return { items: [line(`${name}: ${s.title} ${s.name} ký${on}`, src("Phần kết", s.lines, [s.name]))] };
    }
    case "budget": {
      const b = plan.budget;
      if (!b) return { items: [] };
      if (c.cue("amount") && !MONEY_AMOUNT.test(b.text)) {
        const sources = b.sources.join("; ");
        return {
          noAmount: true,
          items: [
            line(
              `${name}: kế hoạch không nêu số tiền cụ thể; chỉ nêu nguồn kinh phí: ${sources || clip(b.text, 200)}`,
              src(b.section, b.lines, ["ngân sách", "kinh phí"]),
            ),
          ],
        };
      }
      // The plan's own words: the list of sources alone loses qualifiers such as "theo phân cấp".
      const first = (b.text.split("\n")[0] ?? b.text).replace(/^[-+•]\s*/u, "");
      return {
        items: [
          line(`${name}: ${clip(first, 420)}`, src(b.section, b.lines, ["ngân sách", "kinh phí", "nguồn"])),
        ],
      };
    }
    case "implements": {
      // "Ban chỉ đạo được lập theo quyết định số mấy": the document the text names beside that body.
      if (c.cue("establishedBy")) {
        const topic = c.topic(ESTABLISHED_WORDS);
        const named = sentencesWhere(
          c,
          (sentence) =>
            findReferences(sentence).some((r) => r.number !== null) &&
            coverage(c.corpus.stats, topic, sentence) >= c.policy.match,
          [],
          [plan],
        );
        if (named.length > 0) return { items: named.slice(0, 2) };
      }
      // "Kế hoạch nào thực hiện KH 215": only the plans, and the documents, of that number.
      const asked = documentNumbers(c.question);
      // "thực hiện KH 02 theo KH số mấy của thành phố": the number named is known, the other one is asked.
      const others = asked.length > 0 && ASKS_OTHERS.test(` ${c.text} `);
      const refs = others
        ? plan.implements.filter((r) => !asked.some((n) => numberIs(r.number, n)))
        : asked.length === 0 || ASKS_NUMBER.test(` ${c.text} `)
          ? plan.implements
          : [...plan.implements, ...plan.legalBases].filter((r) => asked.some((n) => numberIs(r.number, n)));
      const seen = new Set<string>();
      return {
        items: refs
          .filter((r) => !seen.has(r.text) && Boolean(seen.add(r.text)))
          .map((r) => line(`${name} thực hiện ${r.text}`, src("Mở đầu", r.lines, [r.number ?? ""]))),
      };
    }
    case "replaces":
      return {
        items: plan.replaces.map((r) =>
          line(`${name} thay thế ${r.text}`, src("Phần kết", r.lines, [r.number ?? ""])),
        ),
      };
    case "legal": {
      const max = c.policy.limits.legalBases;
      const refs = plan.legalBases.slice(0, max);
      if (refs.length === 0) return { items: [] };
      const items = [
        line(`${name} căn cứ / thực hiện các văn bản:`),
        ...refs.map((r) => line(`• ${r.text}`, src("Căn cứ", r.lines, [r.number ?? ""]))),
      ];
      if (plan.legalBases.length > max)
        items.push(line(`… và ${plan.legalBases.length - max} văn bản khác.`));
      return { items };
    }
    case "period":
      return {
        items: [
          line(
            `${name}: áp dụng ${plan.period.label} (từ ${formatViDate(plan.period.start)} đến ${formatViDate(plan.period.end)})`,
            src("Mở đầu", plan.titleLines, [plan.period.label]),
          ),
        ],
      };
    case "reporting": {
      if (plan.reporting.length > 0)
        return {
          items: plan.reporting
            .slice(0, 3)
            .map((r) =>
              line(`${name}: ${clip(reportingWords(r.text), 300)}`, src(r.section, r.lines, ["báo cáo"])),
            ),
        };
      // A plan that sets no reporting of its own still sends itself, "(B/c)", to those it reports to.
      const closing = plan.sections.find((s) => s.kind === "closing");
      const reportedTo = plan.recipients.filter((r) => /\(\s*B\s*\/\s*c\s*\)/iu.test(r));
      if (!closing || reportedTo.length === 0) return { items: [] };
      return {
        items: [
          line(
            `${name}: kế hoạch không đặt chế độ báo cáo riêng; văn bản được gửi để báo cáo (B/c) tới: ${reportedTo.map((r) => r.replace(/\s*\(\s*B\s*\/\s*c\s*\)/iu, "")).join("; ")}`,
            src(closing.path, closing.lines, ["Nơi nhận"]),
          ),
        ],
      };
    }
    case "signed": {
      const stamps = signatures(plan);
      if (stamps.length === 0) return { items: [] };
      const days = [...new Set(stamps.map((s) => formatViDate(s.date)))].join(", ");
      return {
        items: [
          line(
            `${name}: văn bản được ký số ngày ${days}: ${stamps.map((s) => (s.at.length > 10 ? `${s.by} lúc ${s.at.slice(11)}` : s.by)).join("; ")}`,
            ...stamps.map((s) => src("Phần kết", s.lines, [s.by])),
          ),
        ],
      };
    }
    case "number": {
      // "năm 2023 có kế hoạch số mấy" of a 2024 plan: the earlier plans its text names, dated that year.
      const earlier = c.window && c.window.to < plan.period.start ? plansDatedIn(c, plan, c.window) : [];
      if (earlier.length > 0) return { items: earlier };
      const num = plan.number ? `số ${plan.number}` : "chưa ghi số (văn bản chỉ có «Số: …/KH-UBND»)";
      const date = plan.issued ? `, ${plan.issued.raw}` : "";
      const span = plan.numberLines ?? plan.issued?.lines ?? plan.titleLines;
      // A plan signed electronically with its date left blank: the stamp says when it was signed.
      const stamp = plan.issued?.date?.length === 10 ? undefined : signatures(plan)[0];
      const signedOn = stamp ? `; ký số ngày ${formatViDate(stamp.date)}` : "";
      // The date is cited where it is written, when that is not the number's line.
      const dated =
        plan.issued && plan.issued.lines[0] !== span[0]
          ? [src("Mở đầu", plan.issued.lines, [plan.issued.raw])]
          : [];
      const item = line(
        `${name}: ${num}${date}${signedOn}`,
        src("Mở đầu", span, ["Số"]),
        ...dated,
        ...(stamp ? [src("Phần kết", stamp.lines, [stamp.by])] : []),
      );
      // Asked for the number of a plan that left it blank ("số mấy", "số hiệu"), or for a number and a
      // date it gives neither of: the answer says so, it does not answer.
      const asksNumber = c.cue("amount") || ASKS_NUMBER.test(` ${c.text} `);
      if (!plan.number && (asksNumber || (!plan.issued && !stamp)))
        return {
          items: [],
          unnamed: [
            line(
              `${notSaid(c, !plan.issued && !stamp ? "số hiệu và ngày ban hành" : "số hiệu")} Văn bản ghi:`,
            ),
            item,
          ],
        };
      return { items: [item] };
    }
    case "recipients": {
      const closing = plan.sections.find((s) => s.kind === "closing");
      if (plan.recipients.length === 0 || !closing) return { items: [] };
      return {
        items: [
          line(`${name} gửi: ${plan.recipients.join("; ")}`, src(closing.path, closing.lines, ["Nơi nhận"])),
        ],
      };
    }
    case "locality": {
      const { district, name: province } = plan.province;
      // The kind of the district and the province as the plan writes them ("UBND thị xã Nghi Sơn",
      // "tỉnh Thanh Hóa"), each cited where it is written.
      const districtAt = district
        ? placeWritten(c, plan, ["thi xa", "huyen", "quan", "thanh pho"], district)
        : null;
      const provinceAt = province ? placeWritten(c, plan, ["tinh", "thanh pho"], province) : null;
      const where = [
        placeInText(plan),
        district ? `${districtAt?.kind ?? "thị xã/huyện"} ${district}` : null,
        province ? `${provinceAt?.kind ?? "tỉnh/thành phố"} ${province}` : null,
      ]
        .filter(Boolean)
        .join(", ");
      const sources = [src("Mở đầu", plan.titleLines, [plan.locality.name])];
      for (const at of [districtAt, provinceAt]) if (at) sources.push(src(at.section, at.lines, [at.phrase]));
      if (!districtAt && !provinceAt && plan.province.lines) {
        const focus = [district ?? "", province ?? ""].filter(Boolean);
        sources.push(src(sectionOfLine(plan, plan.province.lines[0]), plan.province.lines, focus));
      }
      return { items: [line(`${name}: ${where}`, ...sources)] };
    }
    case "structure": {
      const top = plan.sections.filter(
        (s) => s.parent === null && s.kind !== "preamble" && s.kind !== "closing",
      );
      // The part that holds most of the tasks of the body (not the duties of units) is the plan's content,
      // or else the part headed "Nhiệm vụ" / "Nội dung"; its own headings are its areas ("1. Hạ tầng số").
      const children = (s: Section) => plan.sections.filter((x) => x.parent === s.path);
      const holding = (s: Section) =>
        plan.tasks.filter(
          (t) =>
            t.origin !== "responsibility" && (t.section === s.path || t.section.startsWith(`${s.path}.`)),
        ).length;
      const parents = top.filter((s) => children(s).length > 0);
      const content =
        [...parents].filter((s) => holding(s) > 0).sort((a, b) => holding(b) - holding(a))[0] ??
        parents.find((s) => /^(nhiem vu|noi dung)/u.test(foldWords(s.heading)));
      const areas = content ? children(content) : [];
      const entry = (s: Section, indent: string) =>
        line(
          `${indent}• ${s.path}${s.label && s.kind === "part" ? ` (trong văn bản: Phần ${s.label})` : ""}: ${clip(s.heading, 120)}`,
          src(s.path, s.headingLines ?? s.lines, [s.heading]),
        );
      return {
        items: [
          line(`${name} gồm các phần:`),
          ...top
            .slice(0, 10)
            .flatMap((s) => [
              entry(s, ""),
              ...(s === content ? areas.slice(0, 10).map((a) => entry(a, "   ")) : []),
            ]),
        ],
      };
    }
  }
}

export function planFacts(c: AskContext) {
  const items: Item[] = [];
  const unnamed: Item[] = [];
  let noAmount = false;
  for (const facet of c.facets)
    for (const plan of c.plans) {
      const fact = factItems(c, plan, facet);
      items.push(...fact.items);
      unnamed.push(...(fact.unnamed ?? []));
      noAmount ||= fact.noAmount === true;
    }
  const first = c.facets[0];
  if (items.length === 0 && unnamed.length > 0) {
    const [why, ...rest] = unnamed;
    return abstention("plan", (why as { text: string }).text, rest);
  }
  if (items.length === 0)
    return abstention("plan", notSaid(c, first ? PLAN_FACT_NAMES[first] : "nội dung này"));
  // Saying where the money comes from does not answer "how much".
  return evidence("plan", items, noAmount);
}

/** A sentence of the plan that says who holds an office ("… Chủ tịch UBND phường là Trưởng ban"). */
/**
 * The sentences of a reporting paragraph that say what is reported, to whom and through whom: a
 * closing paragraph opens with "Trên đây là Kế hoạch …" and reaches «báo cáo … (qua Phòng …)» last.
 */
function reportingWords(text: string): string {
  const sentences = text.split(/(?<=[.;])\s+/u);
  const reporting = sentences.filter((s) => /báo cáo|bao cao/iu.test(s));
  return reporting.length > 0 && reporting.length < sentences.length ? reporting.join(" ") : text;
}

/** What an "established by which document" question asks for, not what about. */
const ESTABLISHED_WORDS = [
  "thanh lap",
  "kien toan",
  "phe duyet",
  "ban hanh",
  "lap",
  "theo",
  "quyet dinh",
  "van ban",
  "so may",
  "so",
  "nao",
];

const sentencesCache = new WeakMap<Chunk, ReadonlyArray<readonly [string, string]>>();

/** A passage's sentences with their folded form (` … ` padded), read once per passage. */
function foldedSentences(chunk: Chunk): ReadonlyArray<readonly [string, string]> {
  let sentences = sentencesCache.get(chunk);
  if (!sentences) {
    sentences = chunk.text
      .split(/(?<=[.;:!?])\s+|\n/u)
      .map((sentence) => [sentence, ` ${foldWords(sentence)} `] as const);
    sentencesCache.set(chunk, sentences);
  }
  return sentences;
}

function holderSentence(c: AskContext, plan: Plan, office: string): Item | null {
  for (const chunk of c.corpus.chunks) {
    if (chunk.plan !== plan.id) continue;
    for (const [sentence, f] of foldedSentences(chunk)) {
      if (f.includes(` la ${office} `) || f.includes(` ${office} la `))
        return line(`${plan.shortName}: ${clip(sentence.trim(), 300)}`, {
          plan,
          section: chunk.section,
          lines: chunk.lines,
          focus: [sentence.slice(0, 40)],
        });
    }
  }
  return null;
}
