/**
 * "Căn cứ văn bản nào để phê duyệt cấp độ an toàn…", "kinh phí cho việc … lấy từ đâu": a plan-fact
 * question about one specific matter is answered by the passage that covers it, not by the plan's list.
 */

import { foldWords } from "../../text/normalize.ts";
import type { AskContext } from "../context.ts";
import { titleWords } from "../context.ts";
import { coversRarest } from "../match.ts";
import { MONEY_AMOUNT, rankedPassages } from "./common.ts";
import { passages } from "./passages.ts";

const SPECIFIC_FACETS = new Set(["legal", "budget", "reporting"]);
/** "QĐ thành lập BCĐ số mấy": the number of another document the plan cites, not the plan's own. */
const OTHER_DOCUMENT = / (quyet dinh|qd|cong van|nghi quyet|thong bao|chi thi|nghi dinh|thong tu) /u;
const FACET_WORDS = [
  "can cu",
  "van ban",
  "nghi dinh",
  "kinh phi",
  "nguon",
  "ngan sach",
  "bao cao",
  "dinh ky",
  "thuc hien",
  "nghi quyet",
  "quyet dinh",
  "ban hanh",
  "ke hoach nay",
];
const answer = passages({ asked: FACET_WORDS });

export async function factPassage(c: AskContext) {
  const facet = c.facets[0] ?? "";
  const other = facet === "number" && OTHER_DOCUMENT.test(` ${c.text} `);
  if (!SPECIFIC_FACETS.has(facet) && !other) return null;
  const title = titleWords(c.plans);
  const base = c.topic(FACET_WORDS);
  const topic = { ...base, unigrams: base.unigrams.filter((t) => !title.has(t)) };
  if (topic.unigrams.length < 3) return null;
  const best = (await rankedPassages(c, topic))[0];
  if (!best || best.cover < c.policy.factPassage || !coversRarest(c.corpus.stats, topic, best.text))
    return null;
  // "Tổng kinh phí … bao nhiêu tiền": only a passage that gives a sum of money answers it.
  if (facet === "budget" && c.cue("amount") && !MONEY_AMOUNT.test(best.text)) return null;
  // "… có phải gửi báo cáo không, gửi qua đâu": a passage that says nothing of reports does not answer it.
  if (facet === "reporting" && !foldWords(best.text).includes("bao cao")) return null;
  return answer(c);
}
