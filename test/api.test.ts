import { beforeAll, describe, expect, it } from "vitest";
import type { AskResult } from "../src/answer/types.ts";
import { createApp } from "../src/api/app.ts";
import type { Knowledge } from "../src/runtime/knowledge.ts";
import { isVerbatim } from "../src/text/quote.ts";
import { CORPUS_IDS } from "./helpers/corpus.ts";
import { localKnowledge } from "./helpers/knowledge.ts";

let knowledge: Knowledge;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  const local = await localKnowledge();
  knowledge = local.knowledge;
  app = createApp({ knowledge, answers: local.answers });
});

const post = (
  path: string,
  body: unknown,
  headers: Record<string, string> = { "content-type": "application/json" },
) =>
  app.request(path, {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

async function expectError(res: Response, status: number, code: string, field?: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/application\/json/u);
  const body = (await res.json()) as {
    error: { code: string; message_vi: string; message_en: string; field?: string };
  };
  expect(body.error.code).toBe(code);
  expect(body.error.message_vi.length).toBeGreaterThan(5);
  expect(body.error.message_en.length).toBeGreaterThan(5);
  if (field) expect(body.error.field).toBe(field);
  expect(JSON.stringify(body)).not.toMatch(/\bat .*\.(ts|js):\d+/u);
}

describe("POST /v1/ask", () => {
  it("answers with verbatim citations", async () => {
    const res = await post("/v1/ask", { question: "ai chủ trì nâng cấp mạng LAN ở Tân Kỳ, hạn khi nào" });
    expect(res.status).toBe(200);
    const body = (await res.json()) as AskResult;
    expect(body.abstained).toBe(false);
    expect(body.intent).toBe("task");
    expect(body.mode).toBe("extractive");
    expect(body.answer).toMatch(/Văn phòng HĐND và UBND xã/u);
    expect(body.answer).toMatch(/Quý III\/2026/u);
    expect(body.citations.length).toBeGreaterThan(0);
    for (const c of body.citations) {
      expect(isVerbatim(knowledge.sources[c.plan] as string, c.lines[0], c.lines[1], c.quote)).toBe(true);
    }
    expect(body.tasks[0]).toMatchObject({ plan: "tan-ky-2026", section: "II.3.d" });
  });

  it("restricts to a plan and uses the given today", async () => {
    const res = await post("/v1/ask", {
      question: "nhiệm vụ nào đã quá hạn?",
      plan: "tan-ky-2026",
      now: "2026-05-15",
    });
    const body = (await res.json()) as { answer: string; plans: string[] };
    expect(res.status).toBe(200);
    expect(body.plans).toEqual(["tan-ky-2026"]);
    expect(body.answer).toMatch(/Office 365/u);
    expect(body.answer).not.toMatch(/mạng LAN/u);
  });

  it("abstains on a commune no plan covers", async () => {
    const body = (await (
      await post("/v1/ask", { question: "Xã An Lão có kế hoạch chuyển đổi số không?" })
    ).json()) as {
      abstained: boolean;
      intent: string;
    };
    expect(body).toMatchObject({ abstained: true, intent: "out_of_scope" });
  });

  it("rejects bad input with bilingual 4xx errors", async () => {
    await expectError(await post("/v1/ask", "{bad"), 400, "invalid_json");
    await expectError(await post("/v1/ask", {}), 400, "invalid_request", "question");
    await expectError(await post("/v1/ask", { question: "   " }), 400, "invalid_request", "question");
    await expectError(
      await post("/v1/ask", { question: "x".repeat(1001) }),
      400,
      "invalid_request",
      "question",
    );
    await expectError(await post("/v1/ask", { question: 42 }), 400, "invalid_request", "question");
    await expectError(
      await post("/v1/ask", { question: "hạn?", now: "2026-13-45" }),
      400,
      "invalid_request",
      "now",
    );
    await expectError(
      await post("/v1/ask", { question: "hạn?", now: "ngày mai" }),
      400,
      "invalid_request",
      "now",
    );
    await expectError(
      await post("/v1/ask", { question: "hạn?", plan: "ha-noi-2026" }),
      404,
      "unknown_plan",
      "plan",
    );
    await expectError(await post("/v1/ask", { question: "hạn?", extra: 1 }), 400, "unknown_field", "extra");
    await expectError(await post("/v1/ask", [1, 2]), 400, "invalid_request");
    await expectError(
      await post("/v1/ask", { question: "hạn?", pad: "x".repeat(20_000) }),
      413,
      "payload_too_large",
    );
    await expectError(
      await post("/v1/ask", "question=hi", { "content-type": "text/plain" }),
      415,
      "unsupported_media_type",
    );
  });
});

describe("routes", () => {
  it("lists plans and returns one", async () => {
    const list = (await (await app.request("/v1/plans")).json()) as {
      plans: Array<{ id: string; tasks: number }>;
    };
    expect(list.plans.map((p) => p.id).sort()).toEqual([...CORPUS_IDS].sort());
    const one = (await (await app.request("/v1/plans/cat-hai-2025-h2")).json()) as {
      signer: { name: string };
    };
    expect(one.signer.name).toBe("Vũ Hữu Vững");
    await expectError(await app.request("/v1/plans/khong-co"), 404, "unknown_plan");
    // The sections' text only when asked for: the default is the structure, a fraction of the size.
    const brief = await (await app.request("/v1/plans/tan-ky-2026")).text();
    const full = await (await app.request("/v1/plans/tan-ky-2026?include=text")).text();
    expect(JSON.parse(brief).sections[0].paragraphs).toBeUndefined();
    expect(JSON.parse(brief).sections[0].paragraphCount).toBeGreaterThanOrEqual(0);
    expect(JSON.parse(full).sections.some((x: { paragraphs: unknown[] }) => x.paragraphs.length > 0)).toBe(
      true,
    );
    expect(brief.length).toBeLessThan(full.length);
    await expectError(await app.request("/v1/plans/tan-ky-2026?include=all"), 400, "invalid_request");
  });

  it("looks up tasks by plan, unit, text and deadline window", async () => {
    const police = (await (await app.request("/v1/tasks?plan=tan-ky-2026&unit=cong%20an")).json()) as {
      tasks: Array<{ title: string; role: string; deadline: { end: string | null } }>;
    };
    expect(police.tasks.some((t) => /cấp độ an toàn/u.test(t.title) && t.role === "lead")).toBe(true);
    const q3 = (await (
      await app.request("/v1/tasks?plan=tan-ky-2026&due_from=2026-07-01&due_to=2026-09-30")
    ).json()) as {
      tasks: Array<{ deadline: { end: string } }>;
    };
    expect(q3.tasks.length).toBe(4);
    expect(q3.tasks.every((t) => t.deadline.end === "2026-09-30")).toBe(true);
    const byText = (await (await app.request("/v1/tasks?q=office%20365")).json()) as {
      tasks: Array<{ plan: string }>;
    };
    expect(byText.tasks.map((t) => t.plan)).toEqual(["tan-ky-2026"]);
    await expectError(await app.request("/v1/tasks?due_from=2026-9-1"), 400, "invalid_request", "due_from");
    await expectError(
      await app.request("/v1/tasks?due_from=2026-10-01&due_to=2026-09-01"),
      400,
      "invalid_request",
      "due_from",
    );
    await expectError(await app.request("/v1/tasks?plan=nope"), 404, "unknown_plan");
    await expectError(await app.request("/v1/tasks?color=red"), 400, "unknown_field");
  });

  it("looks up indicators", async () => {
    const res = (await (
      await app.request(
        "/v1/indicators?plan=tan-ky-2026&q=x%E1%BB%AD%20l%C3%BD%20tr%E1%BB%B1c%20tuy%E1%BA%BFn",
      )
    ).json()) as {
      indicators: Array<{ name: string; target: { raw: string }; baseline: { raw: string } | null }>;
    };
    const ind = res.indicators.find((i) => i.name === "Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến");
    expect(ind?.target.raw).toBe("≥ 84%");
    expect(ind?.baseline?.raw).toBe("83,77%");
    await expectError(await app.request("/v1/indicators?plan=nope"), 404, "unknown_plan");
  });

  it("searches passages, accent-insensitively, with k bounds", async () => {
    const res = (await (await app.request("/v1/search?q=nang%20cap%20mang%20lan%20tan%20ky&k=3")).json()) as {
      results: Array<{ plan: string; section: string; lines: [number, number]; text: string; score: number }>;
    };
    expect(res.results).toHaveLength(3);
    expect(res.results[0]).toMatchObject({ plan: "tan-ky-2026", section: "II.3.d", lines: [96, 100] });
    expect(res.results[0]?.text).toMatch(/mạng LAN/u);
    await expectError(await app.request("/v1/search?q=lan&k=0"), 400, "invalid_request", "k");
    await expectError(await app.request("/v1/search?q=lan&k=51"), 400, "invalid_request", "k");
    await expectError(await app.request("/v1/search?k=5"), 400, "invalid_request", "q");
  });

  it("reports health and publishes an OpenAPI document", async () => {
    const health = (await (await app.request("/health")).json()) as {
      status: string;
      index: { plans: number; chunks: number };
    };
    expect(health.status).toBe("ok");
    expect(health.index.plans).toBe(5);
    const doc = (await (await app.request("/openapi.json")).json()) as { paths: Record<string, unknown> };
    // Every date field is a plain date: no regex flags leaking into a pattern ("…$/u").
    const text = JSON.stringify(doc);
    expect(text).not.toMatch(/"pattern":"[^"]*\/[a-z]*"/u);
    expect(text).toMatch(/"format":"date"/u);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/v1/ask",
        "/v1/plans",
        "/v1/plans/{id}",
        "/v1/tasks",
        "/v1/indicators",
        "/v1/search",
        "/health",
      ]),
    );
  });

  it("answers unknown routes with 404 and wrong methods with 405", async () => {
    await expectError(await app.request("/v2/nothing"), 404, "not_found");
    const res = await app.request("/v1/ask", { method: "GET" });
    expect(res.headers.get("allow")).toBe("POST");
    await expectError(res, 405, "method_not_allowed");
    await expectError(await app.request("/v1/plans", { method: "DELETE" }), 405, "method_not_allowed");
    await expectError(await post("/bot/telegram", {}), 404, "bot_disabled");
  });

  it("turns a failure of the answering core into a 503, never a 500 or a stack trace", async () => {
    const failing = createApp({
      knowledge,
      answers: {
        mode: "extractive",
        ask: () => {
          throw new Error("boom at answer.ts:12");
        },
      },
    });
    const res = await failing.request("/v1/ask", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ question: "xin chào" }),
    });
    await expectError(res, 503, "unavailable");
  });
});

describe("questions as typed", () => {
  it("reads a question with a NUL, an escape or a zero-width space inside a word as if they were not there", async () => {
    const plain = (await (
      await post("/v1/ask", { question: "ai chủ trì nâng cấp mạng LAN Tân Kỳ" })
    ).json()) as AskResult;
    for (const question of [
      "ai chủ trì nâng cấp mạng L\u0000AN Tân Kỳ",
      "ai chủ trì nâng cấp mạng L\u001bAN Tân Kỳ",
      "ai chủ trì nâng cấp mạng L\u200bAN Tân\tKỳ",
    ]) {
      const res = await post("/v1/ask", { question });
      expect(res.status).toBe(200);
      const r = (await res.json()) as AskResult;
      expect(r.abstained).toBe(false);
      expect(r.answer).toBe(plain.answer);
    }
  });

  it("counts a question's length in characters, as the chat bots do", async () => {
    // 1,000 emoji are 2,000 UTF-16 units and one thousand characters: accepted; one more is refused.
    expect((await post("/v1/ask", { question: "😀".repeat(1000) })).status).toBe(200);
    await expectError(
      await post("/v1/ask", { question: "😀".repeat(1001) }),
      400,
      "invalid_request",
      "question",
    );
  });
});

describe("the OpenAPI document", () => {
  it("documents every route and passes Redocly's recommended lint with no error", async () => {
    const { writeFileSync, mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { spawnSync } = await import("node:child_process");
    const { ROOT } = await import("./helpers/corpus.ts");
    const text = await (await app.request("/openapi.json")).text();
    const doc = JSON.parse(text) as {
      paths: Record<string, Record<string, { operationId?: string; responses: Record<string, unknown> }>>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/bot/telegram", "/bot/zalo", "/v1/plans/{id}"]),
    );
    for (const ops of Object.values(doc.paths))
      for (const op of Object.values(ops)) expect(op.operationId).toBeTruthy();
    expect(Object.keys(doc.paths["/v1/ask"]?.post?.responses ?? {})).toEqual(
      expect.arrayContaining(["200", "400", "405", "413", "415", "503"]),
    );
    const file = join(mkdtempSync(join(tmpdir(), "cds-openapi-")), "openapi.json");
    writeFileSync(file, text);
    const run = spawnSync(join(ROOT, "node_modules", ".bin", "redocly"), ["lint", file, "--format=json"], {
      encoding: "utf8",
      env: {
        ...process.env,
        REDOCLY_TELEMETRY: "off",
        REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
        NO_COLOR: "1",
      },
    });
    const report = JSON.parse(run.stdout) as {
      totals: { errors: number };
      problems: Array<{ message: string }>;
    };
    expect(report.totals.errors, report.problems.map((p) => p.message).join("\n")).toBe(0);
  }, 60_000);
});
