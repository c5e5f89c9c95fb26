/**
 * Follow-up questions: read against the last turn of the same conversation (the pure resolver, and
 * POST /v1/ask with the `conversation` id it returns), never across two conversations, and forgotten
 * after their time.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Answerer } from "../src/answer/answerer.ts";
import { MemoryConversationStore } from "../src/answer/conversation.ts";
import { resolveFollowUp, type Turn } from "../src/answer/follow-up.ts";
import { DEFAULT_POLICY } from "../src/answer/policy.ts";
import type { AskResult } from "../src/answer/types.ts";
import { createApp } from "../src/api/app.ts";
import { localKnowledge } from "./helpers/knowledge.ts";

let app: ReturnType<typeof createApp>;
let answerer: Answerer;

beforeAll(async () => {
  const local = await localKnowledge();
  answerer = local.answerer;
  app = createApp({ knowledge: local.knowledge, answers: local.answers });
});

type Answer = AskResult & { conversation: string };

async function ask(question: string, conversation?: string, now?: string): Promise<Answer> {
  const res = await app.request("/v1/ask", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ question, ...(conversation ? { conversation } : {}), ...(now ? { now } : {}) }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Answer;
}

const turn = (question: string, plans: string[], depth = 0): Turn => ({
  question,
  plans,
  intent: "task",
  depth,
});
const resolve = (previous: Turn | null, question: string) =>
  resolveFollowUp(answerer.corpus, DEFAULT_POLICY, previous, { question }, 3);

describe("follow-up questions", () => {
  it.each([
    ["hạn khi nào?", "same-topic"],
    ["ai phối hợp?", "same-topic"],
    ["sản phẩm là gì?", "same-topic"],
    ["việc đó quá hạn chưa?", "same-topic"],
    ["còn Phòng Văn hóa - Xã hội thì sao?", "other-unit"],
    ["thế còn Công an xã?", "other-unit"],
    ["thế còn Cát Hải?", "other-place"],
    ["chỉ tiêu hồ sơ trực tuyến bao nhiêu", "fresh"],
    ["Phú Thái ai ký kế hoạch", "fresh"],
  ])("reads «%s» after a question about Office 365 in Tân Kỳ as %s", (question, kind) => {
    const r = resolve(turn("Ai chủ trì triển khai Office 365 ở Tân Kỳ?", ["tan-ky-2026"]), question);
    expect(r.kind).toBe(kind);
  });

  it("starts afresh with no turn, past the follow-ups allowed, and for a question restricted to a plan", () => {
    expect(resolve(null, "hạn khi nào?").kind).toBe("fresh");
    expect(
      resolve(turn("Ai chủ trì triển khai Office 365 ở Tân Kỳ?", ["tan-ky-2026"], 3), "hạn khi nào?").kind,
    ).toBe("fresh");
    const restricted = resolveFollowUp(
      answerer.corpus,
      DEFAULT_POLICY,
      turn("Ai chủ trì triển khai Office 365 ở Tân Kỳ?", ["tan-ky-2026"]),
      { question: "hạn khi nào?", plan: "cat-hai-2025-h2" },
      3,
    );
    expect(restricted.kind).toBe("fresh");
  });

  it("answers the task, another unit and another commune through POST /v1/ask's conversation", async () => {
    const first = await ask("Ai chủ trì triển khai Office 365 ở Tân Kỳ?");
    expect(first.conversation).toMatch(/^[0-9a-f-]{36}$/u);
    const when = await ask("hạn khi nào?", first.conversation);
    expect(when.conversation).toBe(first.conversation);
    expect(when.abstained).toBe(false);
    expect(when.answer).toContain("Office 365");
    expect(when.answer).toContain("Quý I/2026");
    const overdue = await ask("việc đó quá hạn chưa?", first.conversation, "2026-05-15");
    expect(overdue.answer).toContain("1 nhiệm vụ đã quá hạn");
    expect(overdue.answer).toContain("Office 365");

    const police = await ask("Công an xã Tân Kỳ phải làm gì?");
    const culture = await ask("còn Phòng Văn hóa - Xã hội thì sao?", police.conversation);
    expect(culture.intent).toBe("unit");
    expect(culture.answer).toMatch(/^Phòng Văn hóa - Xã hội/u);
    expect(culture.plans).toEqual(["tan-ky-2026"]);
    const elsewhere = await ask("thế còn Cát Hải?", police.conversation);
    expect(elsewhere.plans).toEqual(["cat-hai-2025-h2"]);
    expect(elsewhere.answer).toContain("Công an đặc khu");
  });

  it("never reads a follow-up against another conversation, and a new topic stands alone", async () => {
    const first = await ask("Ai chủ trì triển khai Office 365 ở Tân Kỳ?");
    const other = await ask("hạn khi nào?");
    expect(other.conversation).not.toBe(first.conversation);
    expect(other.answer).not.toContain("Office 365");
    const fresh = await ask("ai chủ trì nâng cấp mạng LAN", first.conversation);
    expect(fresh.answer).toContain("mạng LAN");
    expect(fresh.answer).not.toContain("Office 365");
  });

  it("refuses a malformed conversation id with a clear error", async () => {
    const res = await app.request("/v1/ask", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ question: "hạn khi nào?", conversation: "khong hop le!" }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message_vi: string; message_en: string } };
    expect(body.error.message_vi.length).toBeGreaterThan(5);
  });

  it("forgets a turn after its time and the oldest turns past its size", async () => {
    let now = 0;
    const store = new MemoryConversationStore(30 * 60_000, 2, () => now);
    await store.set("a", turn("q", ["tan-ky-2026"]));
    now = 29 * 60_000;
    expect(await store.get("a")).not.toBeNull();
    now = 31 * 60_000;
    expect(await store.get("a")).toBeNull();
    await store.set("b", turn("q", ["tan-ky-2026"]));
    await store.set("c", turn("q", ["tan-ky-2026"]));
    await store.set("d", turn("q", ["tan-ky-2026"]));
    expect(await store.get("b")).toBeNull();
    expect(await store.get("d")).not.toBeNull();
  });
});
