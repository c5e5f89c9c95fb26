/**
 * How well a text answers the topic of a question: IDF-weighted coverage of the question's content
 * syllables and syllable pairs. A word the plans never use ("sân bay") weighs the most, so a question
 * about something the plans do not contain cannot match by its ordinary words alone.
 */
import { COMPOUNDS } from "../lexicon/vi/compounds.ts";
import { WHICH_UNIT } from "../lexicon/vi/questions.ts";
import { nearPlaceName } from "../plans/query.ts";
import { lexicalTerms } from "../retrieval/lexical.ts";
import { expandQuestion } from "../retrieval/rewrite.ts";
import { DAY_MONTH } from "../text/dates.ts";
import { foldWords } from "../text/normalize.ts";
import { bigrams, STOPWORDS, tokens } from "../text/tokenize.ts";
import { UNTIL_END } from "./window.ts";

/**
 * Phrases and words of a question that say what is asked, not what about. Phrases go first so that
 * "nhiệm vụ" goes without taking "dịch vụ" with it. Folding merges some words with topic words
 * ("có"/"cơ quan", "do"/"cấp độ", "công"), which therefore stay.
 */
const QUESTION_PHRASES = [
  ...WHICH_UNIT,
  // "do đơn vị nào làm", "do ai": by whom (the folded "do" alone is also "độ" and stays)
  ...WHICH_UNIT.map((w) => `do ${w}`),
  "do ai",
  // "bắt buộc hồ sơ … phải làm thế nào": must, not a topic
  "bat buoc",
  // "ứng dụng … tên gì": its name is asked, not a topic
  "ten la gi",
  "ten gi",
  "ten nao",
  "tinh ket qua bang gi",
  "ket qua tinh bang gi",
  "chu tri",
  "phu trach",
  "chiu trach nhiem",
  "thuc hien",
  "phoi hop",
  "thoi han",
  "thoi gian hoan thanh",
  "thoi gian",
  "hoan thanh",
  "khi nao",
  "bao gio",
  "luc nao",
  "the nao",
  "nhu the nao",
  "bao nhieu",
  "nhiem vu",
  "cong viec",
  "cho biet",
  "vui long",
  "ke hoach",
  "xa phuong",
  "dac khu",
  "thi tran",
  "thanh pho",
  "duoc giao",
  "la gi",
  "la ai",
  "phai lam",
  "co nhung",
  "nhung gi",
  "bao lau",
  "vao ngay nao",
  // "chậm nhất vào ngày nào": how late, which the deadline says
  "cham nhat",
  "muon nhat",
  "tre nhat",
  "moc nao",
  "moc thoi gian nao",
  "ngay nao",
  "nam nao",
  "thang nao",
  "thang may",
  "quy may",
  "quy nao",
  "ngay may",
  "nam may",
  "so may",
  "do may",
  "may lan",
  "may phan",
  "may muc",
  "may lop",
  "may tang",
  "may nguoi",
  "may ngay",
  "bao nhieu phan tram",
  "o dau",
  "tu dau",
  // "có nhắc đến …", "dẫn chiếu …": whether a plan says something, not what about
  "co nhac den",
  "co nhac toi",
  "nhac den",
  "nhac toi",
  "co de cap",
  "de cap den",
  "de cap toi",
  "de cap",
  "dan chieu",
  "vien dan",
  "trich dan",
  // "quá hạn chưa", "sắp đến hạn": a window of time, which the window says
  "qua han",
  "tre han",
  "le ra",
  "dang le",
  "cham han",
  "het han",
  "den han",
  "toi han",
  // "việc đó", "nhiệm vụ này": the thing just spoken of, which a follow-up names no other way
  "viec do",
  "viec nay",
  "nhiem vu do",
  "nhiem vu nay",
  "cai do",
  "cai nay",
  // "từ giờ đến cuối năm": from today, which the window says
  "tu gio den",
  "tu gio toi",
  "tu bay gio den",
  "tu nay den",
  "tu nay toi",
  "nhu nao",
  "ra sao",
  "cu the",
  "mot lan",
  // "bao lâu báo cáo 1 lần": how often, not a topic
  "1 lan",
  // "đặt chỉ tiêu … bao nhiêu %": setting a target is the question's form, the topic is what follows
  "dat chi tieu",
  "dat muc tieu",
  // "có dịp gì phải tổ chức": which occasion
  "dip gi",
  "dip nao",
  "thoi diem nao",
  "lo trinh nao",
  "theo lo trinh nao",
  "dat ra",
  "phan tram",
  "phan dau",
  "han chot",
  "ai lo",
  "lo viec",
  "phai dat",
  "dat den",
  "dat duoc",
  "dat bao nhieu",
  "giai doan nao",
  "ap dung trong",
  "ap dung",
  "dat muc nao",
  "muc nao",
  "chiem bao nhieu",
  "den khi nao",
  "truoc thoi diem nao",
  "toi dau roi",
  "duoc bao nhieu",
  "cam trich",
  "dau moi",
  "dam nhiem",
  "lam chinh",
  "lam cung",
  "lam chung",
  "moi xong",
  "xong het",
  "moi hoan thanh",
  "bao gio moi",
  "liet ke",
  "giup em",
  "giup minh",
  "cho em hoi",
  "cho minh hoi",
  "tren trang nao",
  "trang nao",
  "den thoi diem nao",
  "tai sao",
  "keo sang",
  "de sang",
  "moi phai",
  "het han",
  "con hon",
  "thang nua",
  "ngay nua",
  "tuan nua",
  "nua la",
  "vi sao",
  "the sao",
  "sao vay",
  "gom nhung gi",
  "bao gom nhung gi",
  "gom nhung",
  "tinh bang gi",
  "do bang gi",
  "bang gi",
  "den ngay nao",
  "he thong nao",
].sort((a, b) => b.length - a.length);
export const QUESTION_WORDS = new Set(
  (
    "ai nao han xong truoc deadline lam viec gi nhung phai duoc giao hay hoi xin oi a nhe voi minh toi em anh len ma " +
    "kh trong nam cua xa phuong tinh la khong ko de " +
    // chat words around a question: "chiếm bao nhiêu", "tới đâu rồi", "hiện được", "vậy", "giúp"
    "chiem roi hien vay nhe nha ha day giup dum voi lo muon " +
    // "công nghệ nào ngoài AI": besides, not a topic
    "ngoai " +
    // "ad ơi", "bên Tân Kỳ", "sếp bảo": addressing the bot, "at", the boss who asked
    "ad admin ben sep " +
    // "tuyên truyền xuống cán bộ", "đưa lên cổng": where to, not what
    "xuong"
  ).split(/\s+/u),
);

/**
 * "AI" written in capitals is artificial intelligence, not "ai" (who); so is "ai" after a word that
 * names a technology ("công nghệ mới nào ngoài ai", "ung dung ai").
 */
const AI_AFTER =
  /(?<=(?<![\p{L}])(?:ngoài|ngoai|công nghệ|cong nghe|ứng dụng|ung dung|áp dụng|ap dung|sử dụng|su dung|dùng|tích hợp|tich hop|trợ lý|tro ly|chatbot)\s+)ai(?![\p{L}])/giu;

/** Written with tones: "ba" is then three, never "bạ" or "bà". */
const TONED = /[\u0300-\u036f]/u;

export function normaliseQuestion(question: string): string {
  // "nguyên tắc ba «một»", "ba nguyên tắc nào": a count of what is asked, not what it is about; in a
  // question typed without tones "ba" may be "học bạ", so it is dropped only before a quote.
  const three = TONED.test(question.normalize("NFD"))
    ? /(?<![\p{L}])ba(?![\p{L}\p{M}])/gu
    : /(?<![\p{L}])ba(?=\s*['"“‘«])/gu;
  return question
    .replace(three, "")
    .replace(/(?<![\p{L}])AI(?![\p{L}])/gu, "trí tuệ nhân tạo")
    .replace(AI_AFTER, "trí tuệ nhân tạo");
}

/** Syllables and pairs of a text, with the abbreviations plans also use ("TTHC", "CNTT") written out. */
function termsOf(text: string): Set<string> {
  // A day written "10/10" is in "tháng 10": a question about a month finds what happens on its days.
  const months = [...text.matchAll(DAY_MONTH)].map((m) => `tháng ${Number(m[1])}`);
  const read = months.length > 0 ? `${text}. ${[...new Set(months)].join(". ")}` : text;
  // Plans write "trợ lý ảo (AI)" where a question reads "trí tuệ nhân tạo": both are read alike.
  return new Set(lexicalTerms(expandQuestion(normaliseQuestion(read))));
}

/** How many passages hold each term: what TermStats is made of, kept to skip recounting at start-up. */
export interface TermCounts {
  documents: number;
  df: Record<string, number>;
}

export class TermStats {
  private readonly df: Map<string, number>;
  private readonly memo = new Map<string, Set<string>>();
  readonly documents: number;

  /** From the passages' texts, or from counts taken of the same texts by the same code. */
  constructor(texts: readonly string[] | TermCounts) {
    if (!Array.isArray(texts)) {
      const counts = texts as TermCounts;
      this.documents = counts.documents;
      this.df = new Map(Object.entries(counts.df));
      return;
    }
    this.documents = texts.length;
    this.df = new Map();
    for (const text of texts) {
      for (const term of termsOf(text)) this.df.set(term, (this.df.get(term) ?? 0) + 1);
    }
  }

  counts(): TermCounts {
    return { documents: this.documents, df: Object.fromEntries(this.df) };
  }

  /** Terms of a text, memoised: plan texts are scored again and again. */
  terms(text: string): Set<string> {
    let t = this.memo.get(text);
    if (!t) {
      t = termsOf(text);
      if (this.memo.size > 20_000) this.memo.clear();
      this.memo.set(text, t);
    }
    return t;
  }

  idf(term: string): number {
    const df = this.df.get(term) ?? 0;
    return Math.log(1 + (this.documents - df + 0.5) / (df + 0.5));
  }

  known(term: string): boolean {
    return (this.df.get(term) ?? 0) > 0;
  }
}

export interface Topic {
  unigrams: string[];
  bigrams: string[];
}

/**
 * The topic words of a question: without question words, stop words, and phrases already used to pick a
 * plan or a unit (passed in `drop`, folded).
 */
export function topicOf(
  question: string,
  drop: readonly string[] = [],
  places: readonly string[] = [],
): Topic {
  let text = ` ${expandQuestion(normaliseQuestion(question))} `;
  // Replacing only ever removes words, so a phrase with a word the question lacks never matches.
  const present = new Set(text.split(" "));
  const may = (words: readonly string[]) => words.every((w) => present.has(w));
  for (const phrase of [...drop].map(foldWords).sort((a, b) => b.length - a.length)) {
    if (phrase && may(phrase.split(" "))) text = text.replaceAll(` ${phrase} `, " | ");
  }
  // Place names typed with one slip ("tan kyy", "phu lienn") go too.
  for (const place of places.map(foldWords)) {
    const words = text.trim().split(/\s+/u);
    const n = place.split(" ").length;
    for (let i = nearPlaceName(words, place); i >= 0; i = nearPlaceName(words, place, i + 1)) {
      words.splice(i, n, "|");
    }
    text = ` ${words.join(" ")} `;
  }
  // "còn hơn 1 tháng nữa", "3 ngày tới": how long until, not a topic.
  text = text.replace(/ \d+ (?:ngay|tuan|thang|nam) (?:nua|toi) /gu, " | ");
  // "từ giờ đến cuối năm", "quý này", "tháng sau": a window of time relative to today, not a topic.
  text = text
    .replace(UNTIL_END_ALL, " | ")
    .replace(/ (?:quy|thang|tuan) (?:nay|hien tai|sau|toi|truoc) | nam (?:nay|hien tai) /gu, " | ");
  for (const [phrase, words] of QUESTION_PHRASE_WORDS)
    if (may(words)) text = text.replaceAll(` ${phrase} `, " | ");
  const segments = text
    .split("|")
    .map((s) => tokens(s).filter((t) => !QUESTION_WORDS.has(t) && !STOPWORDS.has(t) && t !== "%"));
  return {
    unigrams: [...new Set(segments.flat())],
    bigrams: [...new Set(segments.flatMap((seg) => bigrams(seg)))],
  };
}

const UNTIL_END_ALL = new RegExp(UNTIL_END.source, "gu");

const QUESTION_PHRASE_WORDS = QUESTION_PHRASES.map((p) => [p, p.split(" ")] as const);

const COMPOUND_PAIRS = new Set(COMPOUNDS.map((c) => c.replace(" ", "_")));

/** A pair of the topic that is one word and that no plan uses ("sân bay", "kết hôn"). */
function unknownCompound(stats: TermStats, term: string): boolean {
  return COMPOUND_PAIRS.has(term) && !stats.known(term);
}

export function isEmptyTopic(topic: Topic): boolean {
  return topic.unigrams.length === 0;
}

/** Share (0..1) of the topic's IDF mass found in the text; pairs count as much as single syllables. */
export function coverage(stats: TermStats, topic: Topic, text: string): number {
  const have = stats.terms(text);
  let total = 0;
  let found = 0;
  for (const t of [...topic.unigrams, ...topic.bigrams]) {
    // A pair of words the plans never put together says more about word order than about the topic.
    // (For a topic of one or two words the pair is the concept itself: "cảm ơn", "sân bay".)
    if (t.includes("_") && !stats.known(t) && topic.unigrams.length >= 3 && !unknownCompound(stats, t))
      continue;
    const w = stats.idf(t);
    total += w;
    if (have.has(t)) found += w;
  }
  return total === 0 ? 0 : found / total;
}

/** Topic syllables the corpus never uses: strong evidence the plans do not cover the question. */
export function unknownTerms(stats: TermStats, topic: Topic): string[] {
  return [
    ...new Set([
      ...topic.unigrams.filter((t) => !stats.known(t) && t.length > 1 && !/^\d+$/u.test(t)),
      ...unknownCompounds(stats, topic),
    ]),
  ];
}

/**
 * Compounds and acronyms of the topic no plan uses: the question is about a thing the plans never name.
 * A word without a vowel is an acronym ("GPLX", "BHXH"), never a Vietnamese syllable.
 */
export function unknownCompounds(stats: TermStats, topic: Topic, text = ""): string[] {
  // A compound with a function-word syllable ("bão lụt": "bao") is looked for in the folded text too.
  const written = COMPOUNDS.filter((p) => ` ${text} `.includes(` ${p} `)).map((p) => p.replace(" ", "_"));
  return [
    ...new Set([...topic.bigrams, ...written].filter((t) => unknownCompound(stats, t))),
    ...topic.unigrams.filter((t) => t.length >= 3 && !/[aeiouy\d]/u.test(t) && !stats.known(t)),
  ];
}

/**
 * The most distinctive words of a topic (highest IDF, numbers aside) all occur in the text: an answer
 * about "thời tiết Hải Phòng" must at least mention "tiết", one about cameras must say "camera".
 */
export function coversRarest(stats: TermStats, topic: Topic, text: string): boolean {
  // A word no plan uses ("lắp thêm" where the plan says "lắp đặt bổ sung") cannot tell records apart.
  const words = topic.unigrams.filter((t) => !/^\d+$/u.test(t) && stats.known(t));
  if (words.length === 0) return true;
  // The rarest word always; for a long topic also one of the next two.
  const rarest = [...words].sort((a, b) => stats.idf(b) - stats.idf(a));
  const have = stats.terms(text);
  if (!have.has(rarest[0] as string)) return false;
  return words.length < 6 || rarest.slice(1, 3).some((t) => have.has(t));
}
