/**
 * Answer feedback through the API: /v1/ask returns an id, POST /v1/feedback appends the verdict to
 * feedback.jsonl with the question, answer, citations, intent and plans (never a user name), and
 * `npm run feedback` summarises the verdicts and exports the 👎 as golden-format candidates.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AskResult } from "../src/answer/types.ts";
import { createApp } from "../src/api/app.ts";
import { feedbackLog, feedbackSalt, hashChat } from "../src/feedback/log.ts";
import { goldenCandidates, readFeedback, summarize } from "../src/feedback/summary.ts";
import { ROOT } from "./helpers/corpus.ts";
import { localKnowledge } from "./helpers/knowledge.ts";
import { scratch } from "./helpers/tmp.ts";

let app: ReturnType<typeof createApp>;
let dirs: ReturnType<typeof scratch>;
let file: string;

beforeAll(async () => {
  const local = await localKnowledge();
  dirs = scratch();
  file = join(dirs.dataDir, "feedback.jsonl");
  const salt = feedbackSalt(join(dirs.dataDir, "feedback-salt"));
  app = createApp({ knowledge: local.knowledge, answers: local.answers, feedback: feedbackLog(file, salt) });
});

afterAll(() => dirs?.cleanup());

const post = (path: string, body: unknown) =>
  app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("answer feedback", () => {
  it("records 👍 and 👎 on answers by their id, with what was asked and answered", async () => {
    const lan = (await (
      await post("/v1/ask", { question: "ai chủ trì nâng cấp mạng LAN ở Tân Kỳ" })
    ).json()) as AskResult & {
      id: string;
    };
    expect(lan.id).toMatch(/^[0-9a-f-]{36}$/u);
    const up = await post("/v1/feedback", { id: lan.id, verdict: "up" });
    expect(up.status).toBe(200);
    const weather = (await (
      await post("/v1/ask", { question: "thời tiết Hải Phòng mai thế nào" })
    ).json()) as {
      id: string;
    };
    expect(
      (await post("/v1/feedback", { id: weather.id, verdict: "down", comment: "  sai chủ đề  " })).status,
    ).toBe(200);
    const { records, bad } = readFeedback(readFileSync(file, "utf8"));
    expect(bad).toBe(0);
    expect(records.map((r) => r.verdict)).toEqual(["up", "down"]);
    expect(records[0]).toMatchObject({
      question: "ai chủ trì nâng cấp mạng LAN ở Tân Kỳ",
      intent: "task",
      plans: ["tan-ky-2026"],
    });
    expect(records[0]?.citations.length).toBeGreaterThan(0);
    expect(records[1]).toMatchObject({ comment: "sai chủ đề", chat: null });
    expect(summarize(records)).toContain("2 đánh giá / verdicts: 1 👍, 1 👎");
    const candidates = goldenCandidates(records)
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(candidates).toEqual([
      expect.objectContaining({
        question: "thời tiết Hải Phòng mai thế nào",
        expect: [],
        type: "out_of_scope",
      }),
    ]);
  });

  it("refuses an unknown id and a bad verdict with a clear error, writing nothing", async () => {
    const before = readFileSync(file, "utf8");
    const unknown = await post("/v1/feedback", { id: "khong-co", verdict: "up" });
    expect(unknown.status).toBe(404);
    const body = (await unknown.json()) as {
      error: { code: string; message_vi: string; message_en: string };
    };
    expect(body.error.code).toBe("unknown_answer");
    const wrong = await post("/v1/feedback", { id: "x", verdict: "maybe" });
    expect(wrong.status).toBe(400);
    expect(readFileSync(file, "utf8")).toBe(before);
  });

  it("hashes a chat with the salt and never keeps it in the clear", () => {
    expect(hashChat("s", "telegram:123")).toMatch(/^[0-9a-f]{16}$/u);
    expect(hashChat("s", "telegram:123")).not.toBe(hashChat("t", "telegram:123"));
  });

  it("prints the summary and exports the 👎 from `npm run feedback`", () => {
    const out = join(dirs.dataDir, "candidates.jsonl");
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/feedback.ts", "--export", out], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, DATA_DIR: dirs.dataDir },
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("1 👍, 1 👎");
    expect(readFileSync(out, "utf8").trim().split("\n")).toHaveLength(1);
  });
});
