/** A commune no plan covers: never answered from another commune's plan. */

import { foldWords } from "../../text/normalize.ts";
import type { AskContext } from "../context.ts";
import { abstention, line } from "../evidence.ts";
import { placeInText } from "../format.ts";
import { unknownCompounds } from "../match.ts";
import { planList } from "./plan-list.ts";

/** The words of the question that fold to a topic term ("ket_hon" → "kết hôn", "gplx" → "GPLX"). */
function originalWords(question: string, term: string): string {
  const want = term.replace("_", " ");
  const words = question.split(/\s+/u).map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""));
  // "V-League" is one word as typed and two syllables folded.
  for (let n = want.split(" ").length; n >= 1; n--)
    for (let i = 0; i + n <= words.length; i++) {
      const phrase = words.slice(i, i + n).join(" ");
      if (foldWords(phrase.replace(/[-‐–]/gu, " ")) === want) return phrase;
    }
  return want;
}

const OUTSIDE = "Câu hỏi này nằm ngoài nội dung các kế hoạch chuyển đổi số hiện có, nên tôi không trả lời.";

const HOW_TO =
  "Các kế hoạch chuyển đổi số giao việc và đặt chỉ tiêu, không hướng dẫn từng bước thao tác, nên tôi không trả lời câu này. Bạn có thể hỏi kế hoạch giao ai hỗ trợ người dân việc đó.";

const CONTACT =
  "Các kế hoạch chuyển đổi số không ghi số điện thoại hay địa chỉ liên hệ của cơ quan, cán bộ, nên tôi không trả lời câu này. Bạn có thể hỏi kế hoạch giao việc gì cho cơ quan đó.";

const PRICES =
  "Các kế hoạch chuyển đổi số không quy định giá cước hay phí dịch vụ của doanh nghiệp viễn thông, nên tôi không trả lời câu này. Bạn có thể hỏi kế hoạch đặt chỉ tiêu gì về hạ tầng đó.";

const PROGRESS =
  "Kế hoạch được ban hành trước khi thực hiện: nó giao việc và đặt chỉ tiêu, không ghi kết quả thực hiện đến nay, nên tôi không trả lời câu này. Bạn có thể hỏi chỉ tiêu hoặc thời hạn của việc đó.";

const OWN_RESULTS =
  "Kế hoạch đặt chỉ tiêu cho chính thời kỳ này, không ghi kết quả thực tế đạt được trong thời kỳ đó, nên tôi không trả lời câu này. Bạn có thể hỏi chỉ tiêu phấn đấu của việc đó.";

/**
 * "Năm 2024 thực tế đạt bao nhiêu" of a plan for 2024: the result of the plan's own period (or a later
 * one), which a plan written before it cannot give; a year before the plan is its situation assessment.
 */
export function asksOwnResults(c: AskContext): boolean {
  const from = c.window?.from;
  return (
    c.cue("actualResult") &&
    from != null &&
    c.plans.length > 0 &&
    c.plans.every((p) => from >= p.period.start)
  );
}

/**
 * "Kế hoạch CĐS năm 2027 của Tân Kỳ có chỉ tiêu gì": a plan of a year no plan in scope covers; the
 * year it names, or null.
 */
export function otherPlanYear(c: AskContext): number | null {
  if (c.scope === "all" || c.plans.length === 0) return null;
  const m = /(?:^| )ke hoach(?: [a-z]+){0,4} nam (\d{4}) /u.exec(` ${c.text} `);
  const year = m ? Number(m[1]) : null;
  if (year === null) return null;
  const covers = (p: AskContext["plans"][number]) =>
    Number(p.period.start.slice(0, 4)) <= year && year <= Number(p.period.end.slice(0, 4));
  return c.plans.some(covers) ? null : year;
}

/** "Số điện thoại phòng VH-XH": contact details; "Trưởng Công an là ai, số điện thoại": the person first. */
export function asksContact(c: AskContext): boolean {
  return c.cue("contact") && !c.facets.includes("person");
}

export function outOfScope(c: AskContext) {
  if (c.cue("howTo")) return abstention("out_of_scope", HOW_TO);
  if (asksContact(c)) return abstention("out_of_scope", CONTACT);
  if (c.cue("prices")) return abstention("out_of_scope", PRICES);
  if (c.cue("progress")) return abstention("out_of_scope", PROGRESS);
  if (asksOwnResults(c)) return abstention("out_of_scope", OWN_RESULTS);
  const year = otherPlanYear(c);
  if (year !== null)
    return abstention(
      "out_of_scope",
      `Hiện chưa có kế hoạch năm ${year} của ${c.plans.map(placeInText).join(", ")} trong dữ liệu, nên tôi không trả lời thay bằng kế hoạch khác.`,
      [line(`Kế hoạch hiện có: ${planList(c.plans)}.`)],
    );
  if (!c.unknownLocality) {
    // A thing no plan names ("đăng ký kết hôn", "GPLX"): said in the question's own words.
    const things = unknownCompounds(c.corpus.stats, c.topic(), c.placeless).map((t) =>
      originalWords(c.question, t),
    );
    const named = things.length > 0 ? ` Không kế hoạch nào nhắc đến «${things.join("», «")}».` : "";
    return abstention("out_of_scope", `${OUTSIDE}${named}`);
  }
  const place = c.unknownLocality ?? "địa phương này";
  return abstention(
    "out_of_scope",
    `Hiện chưa có kế hoạch nào của ${place} trong dữ liệu, nên tôi không trả lời thay bằng kế hoạch của địa phương khác.`,
    [line(`Các kế hoạch hiện có: ${planList(c.corpus.plans)}.`)],
  );
}
