/** What `npm run feedback` prints and exports: pure functions over the lines of feedback.jsonl. */
import type { FeedbackRecord } from "./log.ts";

export function readFeedback(text: string): { records: FeedbackRecord[]; bad: number } {
  const records: FeedbackRecord[] = [];
  let bad = 0;
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as FeedbackRecord;
      if ((r.verdict === "up" || r.verdict === "down") && typeof r.question === "string") records.push(r);
      else bad++;
    } catch {
      bad++;
    }
  }
  return { records, bad };
}

/**
 * One verdict per answer: a later line on the same answer replaces an earlier one (a changed mind, a
 * button pressed again, the reason sent after a 👎), keeping an earlier comment when the later line has
 * none and the verdict is the same. In the order the answers were first rated.
 */
export function latestPerAnswer(records: readonly FeedbackRecord[]): FeedbackRecord[] {
  const byId = new Map<string, FeedbackRecord>();
  for (const r of records) {
    const earlier = byId.get(r.id);
    const comment = r.comment ?? (earlier?.verdict === r.verdict ? earlier.comment : null);
    byId.set(r.id, { ...r, comment });
  }
  return [...byId.values()];
}

/** 👍 and 👎 by intent and by plan, most 👎 first; one verdict per answer. */
export function summarize(all: readonly FeedbackRecord[]): string {
  const records = latestPerAnswer(all);
  const table = (title: string, keyOf: (r: FeedbackRecord) => string[]) => {
    const counts = new Map<string, { up: number; down: number }>();
    for (const r of records)
      for (const key of keyOf(r)) {
        const c = counts.get(key) ?? { up: 0, down: 0 };
        c[r.verdict]++;
        counts.set(key, c);
      }
    const rows = [...counts].sort((a, b) => b[1].down - a[1].down || a[0].localeCompare(b[0]));
    return [
      `| ${title} | 👍 | 👎 |`,
      "| --- | --: | --: |",
      ...rows.map(([k, c]) => `| ${k} | ${c.up} | ${c.down} |`),
    ].join("\n");
  };
  const down = records.filter((r) => r.verdict === "down").length;
  return [
    `${records.length} đánh giá / verdicts: ${records.length - down} 👍, ${down} 👎`,
    "",
    table("ý định / intent", (r) => [r.intent]),
    "",
    table("kế hoạch / plan", (r) => (r.plans.length > 0 ? r.plans : ["(không kế hoạch nào)"])),
  ].join("\n");
}

/**
 * The 👎 as golden-format candidates for a person to review: the question, the plan it was about, and
 * what was wrong, with no expectation filled in (a person writes that from the plan).
 */
export function goldenCandidates(records: readonly FeedbackRecord[]): string {
  return latestPerAnswer(records)
    .filter((r) => r.verdict === "down")
    .map((r, i) =>
      JSON.stringify({
        id: `fb${String(i + 1).padStart(3, "0")}`,
        question: r.question,
        type: r.intent,
        ...(r.plans.length === 1 ? { plan: r.plans[0] } : {}),
        expect: [],
        review: { answer: r.answer, comment: r.comment, time: r.time },
      }),
    )
    .map((l) => `${l}\n`)
    .join("");
}
