/**
 * Tokens for matching: folded syllables (Vietnamese words are space-separated syllables), so text typed
 * with or without diacritics, in NFC or NFD, tokenises the same.
 */
import { foldWords } from "./normalize.ts";

/**
 * Function words and question words that carry no topic. Folding merges some words ("có"/"cơ",
 * "để"/"đề", "đang"/"đảng", "cần"/"cán", "cũng"/"cung", "do"/"độ", "tại"/"tái"), so those are deliberately absent.
 */
export const STOPWORDS = new Set(
  (
    "va voi cua cac nhung la thi o trong theo duoc cho nay kia mot khong chua se nhu hay hoac neu " +
    "khi nao gi ai bao nhieu ve vay oi xin chao nhe nhi ne a ah u ha ko k j dc hok hem nha giup gium"
  ).split(/\s+/u),
);

export function tokens(text: string): string[] {
  const f = foldWords(text);
  return f === "" ? [] : f.split(" ");
}

/** Adjacent pairs of content-bearing syllables: "mang lan", "chu tri" carry meaning single syllables lack. */
export function bigrams(toks: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < toks.length; i++) {
    const a = toks[i] as string;
    const b = toks[i + 1] as string;
    if (STOPWORDS.has(a) && STOPWORDS.has(b)) continue;
    out.push(`${a}_${b}`);
  }
  return out;
}
