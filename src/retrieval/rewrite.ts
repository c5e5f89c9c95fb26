/**
 * Query rewriting for how commune staff write: abbreviations (CĐS, TTHC, VH-XH, …), chat shorthand
 * ("ko", "j", "bn"), and question words that stand for fields of a task ("ai phụ trách" ↔ "chủ trì",
 * "hạn khi nào" ↔ "thời gian hoàn thành"). Everything works on folded text, so it does not matter whether
 * the question was typed with diacritics.
 */

import { BoundedMap } from "../bounded-map.ts";
import { BEFORE_FOLDING, PARAPHRASES } from "../lexicon/vi/paraphrases.ts";
import { ABBREVIATIONS as UNIT_ABBREVIATIONS } from "../lexicon/vi/units.ts";
import { foldWords } from "../text/normalize.ts";

/** Folded abbreviation → folded expansion. The longer unit shorthands ("vhxh", "dvsnc") come from the unit lexicon. */
export const ABBREVIATIONS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(UNIT_ABBREVIATIONS.filter(([, short]) => short.length >= 4).map(([l, s]) => [s, l])),
  cds: "chuyen doi so",
  cmcn: "cach mang cong nghiep",
  cntt: "cong nghe thong tin",
  tthc: "thu tuc hanh chinh",
  dvc: "dich vu cong",
  dv: "dich vu",
  dvctt: "dich vu cong truc tuyen",
  ubnd: "uy ban nhan dan",
  hdnd: "hoi dong nhan dan",
  kttc: "ke toan tai chinh",
  attt: "an toan thong tin",
  cbccvc: "can bo cong chuc vien chuc",
  cbcc: "can bo cong chuc",
  khcn: "khoa hoc cong nghe",
  dmst: "doi moi sang tao",
  pakn: "phan anh kien nghi",
  ttdt: "thong tin dien tu",
  csdl: "co so du lieu",
  hcc: "hanh chinh cong",
  tdp: "to dan pho",
  bcd: "ban chi dao",
  hnth: "hoi nghi truyen hinh",
  hntt: "hoi nghi truc tuyen",
  qlvb: "quan ly van ban",
  ksnb: "kiem soat noi bo",
  tmdt: "thuong mai dien tu",
  tk: "tai khoan",
  vb: "van ban",
  httt: "he thong thong tin",
  tl: "ty le",
  sl: "so luong",
  vp: "van phong",
  tt: "trung tam",
  ttpvhcc: "trung tam phuc vu hanh chinh cong",
  nq: "nghi quyet",
  qd: "quyet dinh",
  nd: "nghi dinh",
  kh: "ke hoach",
  nv: "nhiem vu",
  bc: "bao cao",
  kq: "ket qua",
  tw: "trung uong",
  tp: "thanh pho",
  ttg: "thu tuong",
  cns: "cong nghe so",
  cccd: "can cuoc cong dan",
  qlnn: "quan ly nha nuoc",
  cqnn: "co quan nha nuoc",
  hcnn: "hanh chinh nha nuoc",
  vbqppl: "van ban quy pham phap luat",
  ktxh: "kinh te xa hoi",
  gddt: "giao duc dao tao",
  tnmt: "tai nguyen moi truong",
  pccc: "phong chay chua chay",
  cqdt: "chinh quyen dien tu",
  cqs: "chinh quyen so",
  kts: "kinh te so",
  xhs: "xa hoi so",
  cchc: "cai cach hanh chinh",
  dvcqg: "dich vu cong quoc gia",
  nsnn: "ngan sach nha nuoc",
  kns: "ky nang so",
  tcnscd: "to cong nghe so cong dong",
  tcns: "to cong nghe so",
  bhxh: "bao hiem xa hoi",
  bhyt: "bao hiem y te",
  dn: "doanh nghiep",
  hgd: "ho gia dinh",
  bdhvs: "binh dan hoc vu so",
  cdsqg: "chuyen doi so quoc gia",
  ccvc: "cong chuc vien chuc",
  hs: "ho so",
  bn: "bao nhieu",
  bnhieu: "bao nhieu",
  bnh: "bao nhieu",
  ko: "khong",
  k: "khong",
  j: "gi",
  dc: "duoc",
  ntn: "nhu the nao",
  vs: "voi",
  ai: "ai",
};

/** Phrases of a question (folded) → the plan vocabulary they stand for. */
const INTENT_WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  // "Ai chủ trì …" is answered by the task's own passage; adding "chủ trì" would pull every duty list.
  [
    /\b(han|thoi han|khi nao|bao gio|luc nao|den khi nao|xong truoc|deadline|may gio)\b/u,
    "thoi gian hoan thanh",
  ],
  [/\b(bao nhieu|may|ty le|ti le|phan tram|%)\b/u, "ty le chi tieu"],
  [/\b(lam gi|nhiem vu gi|phai lam|trach nhiem gi)\b/u, "nhiem vu"],
  [/\b(kinh phi|tien|von|ngan sach)\b/u, "kinh phi ngan sach"],
  [/\b(ky|nguoi ky|ai ky)\b/u, "chu tich"],
];

export function expandAbbreviations(folded: string): string {
  return folded
    .split(" ")
    .map((w) => {
      const whole = ABBREVIATIONS[w];
      if (whole) return whole;
      // "NQ57", "QĐ2629": shorthand with the document's number glued on.
      const glued = /^([a-z]{2,4})(\d+)$/u.exec(w);
      const head = glued ? ABBREVIATIONS[glued[1] as string] : undefined;
      return head ? `${head} ${glued?.[2]}` : w;
    })
    .join(" ");
}

/** Folded question with staff shorthand written out ("phong vh-xh" → "phong van hoa xa hoi", "ca xa" → "cong an xa"). */
export function expandQuestion(question: string): string {
  let expanded = EXPANDED.get(question);
  if (expanded === undefined) {
    expanded = expand(question);
    EXPANDED.set(question, expanded);
  }
  return expanded;
}

/** One question is expanded for its topic, its clauses, its window and its terms: once. */
const EXPANDED = new BoundedMap<string, string>(4096);

function expand(question: string): string {
  // Shorthand written with dashes ("VH-XH", "KT-HT-ĐT", "VH-TT-TT") is one word; "CA xã" is the police.
  const read = BEFORE_FOLDING.reduce((text, [word, meant]) => text.replace(word, meant), question);
  const joined = read.replace(/(?<![\p{L}\p{N}])\p{L}{1,3}(?:-\p{L}{1,3})+(?![\p{L}\p{N}])/gu, (m) =>
    m.replaceAll("-", ""),
  );
  const folded = foldWords(joined)
    .replace(/\bvh xh\b/gu, "vhxh")
    .replace(/\bhdnd ubnd\b/gu, "hdnd va ubnd")
    .replace(/\bca (xa|phuong|dac khu)\b/gu, "cong an $1");
  return canonicalWording(expandAbbreviations(folded));
}

// Longest wordings first: "hop online" is a meeting before "online" is anything online.
const WORDINGS = PARAPHRASES.flatMap(([canon, alts]) => alts.map((alt) => [alt, canon] as const)).sort(
  (a, b) => b[0].length - a[0].length,
);

const CANON = new Map<string, string>(WORDINGS);
// One pass, longest wording first, so that a plan's wording written in is never rewritten again
// ("chặn tin giả" inside "ngăn chặn tin giả").
const WORDING = new RegExp(`(?<=^| )(?:${WORDINGS.map(([alt]) => alt).join("|")})(?= |$)`, "gu");

/** Every everyday wording of a paraphrase family written as the plans write it. */
export function canonicalWording(folded: string): string {
  return folded.replace(WORDING, (alt) => CANON.get(alt) ?? alt);
}

/** Folded, with abbreviations expanded and field words added: what search matches. */
export function rewriteQuery(question: string): string {
  const expanded = expandQuestion(question);
  const extra = INTENT_WORDS.filter(([re]) => re.test(expanded)).map(([, words]) => words);
  return [expanded, ...extra].join(" ").trim();
}
