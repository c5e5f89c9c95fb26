/**
 * Answer feedback: the answers recently given (kept a while so that a verdict can name one by id) and the
 * verdicts, each appended as one JSON line to `${DATA_DIR}/feedback.jsonl`: question, answer, citations,
 * intent, plans, verdict, comment, time, and the chat hashed with a salt. User names are never stored.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import { appendFile, mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { BoundedMap } from "../bounded-map.ts";
import { writeFileAtomicSync } from "../files.ts";
import { type FeedbackLog, feedbackRecord, type GivenAnswer, keptAnswer } from "./record.ts";

export type { FeedbackLog, FeedbackRecord, Verdict } from "./record.ts";

export function hashChat(salt: string, chat: string): string {
  return createHash("sha256").update(`${salt}:${chat}`).digest("hex").slice(0, 16);
}

/** Answers are remembered for `keep` ids (the oldest forgotten first); verdicts go to `file`. */
export function feedbackLog(file: string, salt: string, keep = 5_000): FeedbackLog {
  const answers = new BoundedMap<string, GivenAnswer>(keep);
  let writing: Promise<void> = Promise.resolve();
  return {
    given(question, result, chat) {
      const id = crypto.randomUUID();
      answers.set(id, { question, result: keptAnswer(result), chat: chat ? hashChat(salt, chat) : null });
      return id;
    },
    async record(id, verdict, comment, now = new Date()) {
      const given = answers.get(id);
      if (!given) return false;
      const line = feedbackRecord(id, given, verdict, comment, now);
      // One line at a time: appends from concurrent requests never interleave.
      const write = writing.then(async () => {
        await mkdir(dirname(file), { recursive: true });
        await appendFile(file, `${JSON.stringify(line)}\n`);
      });
      writing = write.catch(() => undefined);
      await write;
      return true;
    },
  };
}

/** The salt chats are hashed with, kept beside the log so that one chat's verdicts stay together. */
export function feedbackSalt(file: string): string {
  try {
    const kept = readFileSync(file, "utf8").trim();
    if (kept.length >= 16) return kept;
  } catch {
    // None yet: made below.
  }
  const salt = createHash("sha256").update(crypto.randomUUID()).digest("hex");
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomicSync(file, salt);
  return salt;
}

/** Where a data directory keeps its verdicts. */
export function feedbackFile(dataDir: string): string {
  return join(dataDir, "feedback.jsonl");
}

/** The feedback log of a data directory: its verdicts, and the salt its chats are hashed with. */
export function feedbackIn(dataDir: string): FeedbackLog {
  return feedbackLog(feedbackFile(dataDir), feedbackSalt(join(dataDir, "feedback-salt")));
}
