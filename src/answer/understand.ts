/**
 * Rule-based understanding of a staff question: what is asked (intent), about which plan(s), which
 * unit, which time window, which plan fact. Pure; works on folded text, so diacritics are optional.
 */
import { plansInText, unitsInText } from "../plans/query.ts";
import type { Plan, Unit } from "../plans/schema.ts";
import { expandQuestion } from "../retrieval/rewrite.ts";
import { foldWords } from "../text/normalize.ts";
import { normaliseQuestion } from "./match.ts";
import { clauses, type TimeWindow, windowIn } from "./window.ts";

export const INTENTS = [
  "greeting",
  "task",
  "unit",
  "due",
  "indicator",
  "plan",
  "general",
  "out_of_scope",
] as const;
export type Intent = (typeof INTENTS)[number];

export type PlanFacet =
  | "signer"
  | "budget"
  | "legal"
  | "implements"
  | "replaces"
  | "period"
  | "reporting"
  | "number"
  | "recipients"
  | "locality"
  | "structure";

export interface Understanding {
  intent: Intent;
  /** Folded question with abbreviations expanded. */
  text: string;
  plans: Plan[];
  /** Where the plan scope came from. */
  scope: "request" | "question" | "default" | "all";
  units: Array<{ plan: Plan; unit: Unit }>;
  window: TimeWindow | null;
  facet: PlanFacet | null;
  /** Every plan fact the question asks for ("số mấy, ai ký": number and signer), `facet` first. */
  facets: PlanFacet[];
  /** A commune or ward the question names that no plan covers. */
  unknownLocality: string | null;
  asks: { lead: boolean; coordinators: boolean; deadline: boolean; product: boolean };
  /** "nhiệm vụ nào có thời hạn theo hướng dẫn …", "việc nào thường xuyên": tasks by the kind of deadline. */
  deadlineKind: "conditional" | "recurring" | null;
}

const has = (text: string, re: RegExp) => re.test(` ${text} `);

const GREETING =
  /^(xin )?(chao|hello|hi|alo|hey|cam on|thank you|thanks|ok|oke|okay|vang|da|u|uh|tot|tuyet)( (ban|bot|em|anh|chi|tro ly|ad|admin|nhieu|nhe))*( oi| a| nhe| nha)*$/u;
const HELP =
  / (huong dan su dung|ban lam duoc gi|ban la ai|ban giup duoc gi|dung the nao|cach dung|help|tro giup|lenh nao) /u;

const FACETS: ReadonlyArray<readonly [PlanFacet, RegExp]> = [
  [
    "signer",
    / (ai ky|nguoi ky|ky ke hoach|ky ban hanh|ai la nguoi ky|do ai ky|chu tich nao ky|ky boi|ky ten) /u,
  ],
  // "thay thế máy tính cấu hình thấp" is a task; a plan replaces a plan or a document.
  ["replaces", / (thay the (cho )?(ke hoach|van ban)|ke hoach nao bi thay the|bai bo|bi thay the) /u],
  [
    "implements",
    / (thuc hien ke hoach (so )?nao|thuc hien ke hoach so (may|bao nhieu)|trien khai ke hoach (so )?nao|thuc hien theo ke hoach|ke hoach cap tren|lam theo ke hoach|thuc hien van ban nao|trien khai van ban nao|ke hoach nao cua (thanh pho|tinh|thi xa|huyen|trung uong)|cu the hoa ke hoach|theo ke hoach so) /u,
  ],
  ["legal", / (can cu|co so phap ly|dua tren van ban|nhung van ban nao|van ban nao lam can cu) /u],
  ["budget", / (kinh phi|nguon von|ngan sach|tien o dau|lay tien|nguon tien|chi phi|nguon luc tai chinh) /u],
  [
    "reporting",
    / (bao cao dinh ky|che do bao cao|bao cao ve|bao cao cho ai|bao cao len|gui bao cao|bao cao ket qua|dinh ky bao cao|bao cao qua) /u,
  ],
  [
    "number",
    / (so hieu|so ke hoach|so van ban|ban hanh ngay|ngay ban hanh|ngay ky|ky ngay|ky ngay nao|ban hanh khi nao|ke hoach .*so (may|bao nhieu)|so (may|bao nhieu) cua|mang so) /u,
  ],
  ["recipients", / (noi nhan|gui cho nhung ai|gui toi ai|gui den dau) /u],
  [
    "period",
    / (ap dung (cho )?(giai doan|thoi gian|nam)|ap dung den|giai doan nao|thoi gian (ap dung|thuc hien ke hoach|cua ke hoach)|ke hoach (con )?hieu luc|hieu luc (cua|den)|co hieu luc|ke hoach cho (nam|giai doan)|ap dung (trong|den) khi nao|ke hoach (nam|giai doan) nao|cho nam nao|ke hoach .*den khi nao) /u,
  ],
  [
    "locality",
    / (thuoc tinh|thuoc thanh pho|thuoc huyen|thuoc thi xa|thuoc quan|o tinh nao|tinh nao|thi xa nao|la xa hay|la phuong hay|xa hay phuong|phuong hay dac khu|hay dac khu|cap hanh chinh nao) /u,
  ],
  [
    "structure",
    / (gom nhung phan nao|co may phan|bo cuc|gom may muc|nhung muc nao|cau truc (cua )?(ke hoach|van ban)) /u,
  ],
];

const ASKS_LEAD =
  / (ai|don vi nao|co quan nao|bo phan nao|phong nao|ben nao|chu tri|phu trach|chiu trach nhiem|ai lam|thuc hien la ai|giao cho ai|ai thuc hien) /u;
const ASKS_COORD = / (phoi hop|cung voi ai|ho tro) /u;
const ASKS_DEADLINE =
  / (han|thoi han|khi nao|bao gio|luc nao|den khi nao|xong truoc|deadline|may gio|thoi gian hoan thanh|hoan thanh (vao|truoc|trong)|han chot|thoi gian) /u;
const ASKS_DUTIES =
  / (lam gi|lam nhung gi|phai lam|nhiem vu gi|nhiem vu nao|nhung nhiem vu|nhung viec|viec gi|trach nhiem gi|trach nhiem nhung|duoc giao|giao nhiem vu|co nhiem vu|chiu trach nhiem nhung|phu trach nhung|lam nhung viec|phan cong|vai tro) /u;
const ASKS_INDICATOR =
  / (chi tieu|muc tieu|ty le|ti le|phan tram|%|dat bao nhieu|bao nhieu phan tram|phan dau|bao nhieu phien|tang bao nhieu) /u;
const DUE_WORDS =
  / (phai xong|hoan thanh|den han|het han|qua han|han|xong|can xong|toi han|han chot|co han|trong (quy|thang)|vao (quy|thang)|thang nay|quy nay|thang sau|quy sau|thang toi|quy toi) /u;

/** Names after "xã/phường/đặc khu" that no plan covers ("xã An Lão"). */
function unknownLocality(question: string, plans: readonly Plan[], named: readonly Plan[]): string | null {
  const known = new Set(plans.map((p) => foldWords(p.locality.name)));
  const regions = new Set(
    plans.flatMap((p) =>
      [p.province.name, p.province.district].filter((x): x is string => Boolean(x)).map(foldWords),
    ),
  );
  // With diacritics, a place name is capitalised: "xã An Lão", "phường Hồng Bàng".
  const capitalised =
    /(?<![\p{L}])(?:[Xx]ã|[Pp]hường|[Đđ]ặc khu|[Tt]hị trấn|[Tt]hành phố|[Tt]ỉnh|[Hh]uyện|[Qq]uận|[Tt]hị xã)\s+((?:[\p{Lu}][\p{L}\p{M}]*)(?:\s+[\p{Lu}][\p{L}\p{M}]*){0,2})/gu;
  for (const m of question.matchAll(capitalised)) {
    // "Phòng Văn Hóa Xã Hội": "Xã Hội" is society, not a commune.
    if (/^h[oộ]i\b/iu.test(m[1] ?? "")) continue;
    const name = foldWords(m[1] ?? "");
    const words = name.split(" ");
    // The place may be followed by capitalised words that are not part of it ("xã Tân Kỳ Hải Phòng").
    const candidates = words.map((_, i) => words.slice(0, i + 1).join(" "));
    if (candidates.some((c) => known.has(c) || regions.has(c))) continue;
    if (named.length > 0) continue;
    return m[1] ?? null;
  }
  // Without diacritics, only a lower-case "xa an lao" / "phuong hong bang" that is not ordinary words.
  if (!/[\p{M}đĐ]/u.test(question.normalize("NFD")) && named.length === 0) {
    const f = ` ${foldWords(question)} `;
    const m = / (xa|phuong|dac khu|thi tran) ([a-z]+ [a-z]+) /u.exec(f);
    if (m?.[2]) {
      const candidate = m[2];
      const ordinary =
        /^(hoi|phai|lam|co|da|se|nao|minh|nay|do|ta|duoc|thi|la|ve|trong|tren|cua|va|can|cung|ban|nha|chu|khong|ko|ma|tu|den|dang|gi|giao|chi|ke|nam|hien|thuc|phoi|tham|nhan|vien|cong|uy|van|trung|to|thon|doan|dac|phuong|xa)\b/u.test(
          candidate,
        );
      if (!ordinary && !known.has(candidate) && !regions.has(candidate)) return candidate;
    }
  }
  return null;
}

export interface UnderstandInput {
  question: string;
  plans: readonly Plan[];
  /** Plan id chosen by the request (API `plan`) or the chat's default plan. */
  plan?: string;
  planSource?: "request" | "default";
  today: string;
}

export function understand(input: UnderstandInput): Understanding {
  // Clause boundaries stay ("… trả kết quả, hạn khi nào" must not read as "quá hạn").
  const text = clauses(expandQuestion, normaliseQuestion(input.question));
  const named = plansInText(input.plans, input.question);
  let plans: Plan[];
  let scope: Understanding["scope"];
  if (input.plan && input.planSource === "request") {
    plans = input.plans.filter((p) => p.id === input.plan);
    scope = "request";
  } else if (named.length > 0) {
    plans = named;
    scope = "question";
  } else if (input.plan) {
    plans = input.plans.filter((p) => p.id === input.plan);
    scope = "default";
  } else {
    plans = [...input.plans];
    scope = "all";
  }
  // Units are looked for in the question as typed and with shorthand written out ("ca xa", "vp ubnd").
  const units = plans.flatMap((plan) => {
    const found = new Map(unitsInText(plan, input.question).map((u) => [u.id, u]));
    for (const u of unitsInText(plan, text)) found.set(u.id, u);
    return [...found.values()].map((unit) => ({ plan, unit }));
  });
  const window = windowIn(input.question, input.today);
  const asks = {
    lead: has(text, ASKS_LEAD),
    coordinators: has(text, ASKS_COORD),
    deadline: has(text, ASKS_DEADLINE),
    product: has(text, / (san pham|ket qua dau ra|dau ra|san pham hoan thanh) /u),
  };
  const listsTasks = has(
    text,
    / (viec nao|nhiem vu nao|nhung viec|nhung nhiem vu|cac viec|cac nhiem vu|viec gi) /u,
  );
  const deadlineKind: Understanding["deadlineKind"] = !listsTasks
    ? null
    : has(text, / (han|thoi han|thoi gian) (la |hoan thanh )?theo (huong dan|chi dao|yeu cau) /u)
      ? "conditional"
      : has(text, / (thuong xuyen|dinh ky) /u)
        ? "recurring"
        : null;
  const base = {
    text,
    plans,
    scope,
    units,
    window,
    asks,
    facet: null,
    facets: [],
    unknownLocality: null,
    deadlineKind,
  };

  const stranger = unknownLocality(input.question, input.plans, named);
  if (stranger) return { ...base, intent: "out_of_scope", unknownLocality: stranger };

  const bare = text.trim();
  if (GREETING.test(bare) || has(text, HELP)) return { ...base, intent: "greeting" };

  const matched = FACETS.filter(([, re]) => has(text, re)).map(([f]) => f);
  // "thực hiện kế hoạch số mấy của tỉnh": the number of the plan it implements, not its own.
  const facets = matched.includes("implements") ? matched.filter((f) => f !== "number") : matched;
  const facet = facets[0] ?? null;
  // "ai lo kinh phí", "ai tham mưu bố trí kinh phí": who does it, not where the money comes from.
  const factAboutWho = asks.lead && (facet === "budget" || facet === "reporting" || facet === "legal");
  if (facet && !factAboutWho) return { ...base, intent: "plan", facet, facets };

  if (deadlineKind) return { ...base, intent: "due" };
  if (window && (window.relation !== "within" || has(text, DUE_WORDS)) && !has(text, ASKS_INDICATOR)) {
    // "Ai chủ trì Kế hoạch hưởng ứng Tháng 10 …, hạn khi nào?": the month names the task, not a window.
    if (!(asks.lead && window.relation === "within" && !listsTasks)) return { ...base, intent: "due" };
  }
  if (has(text, ASKS_INDICATOR) && !has(text, ASKS_DUTIES)) return { ...base, intent: "indicator" };
  const onlyUnit = units.length > 0 && (has(text, ASKS_DUTIES) || !(asks.lead || asks.deadline));
  if (onlyUnit) return { ...base, intent: "unit" };
  if (asks.lead || asks.deadline || asks.coordinators || asks.product) return { ...base, intent: "task" };
  return { ...base, intent: "general" };
}
