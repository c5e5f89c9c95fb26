/**
 * The staff pages in a real browser: Debian's Chromium, headless, driven by playwright-core, against the
 * real server (buildServer over a scratch copy of the corpus, on 127.0.0.1 port 0). Every request a
 * page makes is checked to stay on that address, and every console message of level error fails the
 * test. Expected answers come from the plan model, never from text written here.
 *
 * WEB_SCREENSHOTS=1 also writes docs/screenshots/{chat,explorer,upload}.png (the README's pictures).
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../src/config.ts";
import { filterTasks } from "../src/plans/query.ts";
import type { Plan } from "../src/plans/schema.ts";
import { localEmbedder } from "../src/retrieval/embeddings/local.ts";
import { ingest } from "../src/retrieval/ingest.ts";
import { type BuiltServer, buildServer } from "../src/runtime/server.ts";
import { ROOT } from "./helpers/corpus.ts";
import { memoryLog } from "./helpers/log.ts";
import { scratch } from "./helpers/tmp.ts";

const CHROMIUM = "/usr/bin/chromium";
const TOKEN = "kiem-thu-tai-len-2026";
const PLAN = "tan-ky-2026";
const TODAY = "2026-08-15";
const SHOTS = process.env.WEB_SCREENSHOTS === "1" ? join(ROOT, "docs", "screenshots") : null;

const dirs = scratch();
let built: BuiltServer;
let server: Server;
let base = "";
let browser: Browser;
let plans: Plan[] = [];

/** What left 127.0.0.1 (should stay empty), and the console errors of every page. */
const outside: string[] = [];
const consoleErrors: string[] = [];
const contexts: BrowserContext[] = [];
/** Page weights (transferred bytes) and submit → answer times, printed at the end. */
const weights: Record<string, number> = {};
const answerMs: number[] = [];

beforeAll(async () => {
  expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium`).toBe(true);
  await ingest({ corpusDir: dirs.corpusDir, dataDir: dirs.dataDir, embedder: localEmbedder() });
  const config = readConfig({
    CORPUS_DIR: dirs.corpusDir,
    DATA_DIR: dirs.dataDir,
    EMBEDDINGS_PROVIDER: "local",
    ADMIN_TOKEN: TOKEN,
    OCR: "0",
  });
  const { logger } = await memoryLog();
  built = await buildServer(config, logger);
  plans = [...built.knowledge().plans];
  server = serve({ fetch: built.fetch, port: 0, hostname: "127.0.0.1" }) as Server;
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await built?.close();
  dirs.cleanup();
  if (Object.keys(weights).length > 0)
    process.stdout.write(
      `web: transferred bytes ${JSON.stringify(weights)}; submit → answer ms ${JSON.stringify(answerMs)}\n`,
    );
});

afterEach(() => {
  const left = outside.splice(0);
  const errors = consoleErrors.splice(0);
  expect(left, "requests that left 127.0.0.1").toEqual([]);
  expect(errors, "console errors").toEqual([]);
});

async function open(
  path: string,
  viewport = { width: 1100, height: 900 },
): Promise<{ page: Page; transferred: () => number }> {
  const context = await browser.newContext({ viewport, locale: "vi-VN", serviceWorkers: "block" });
  contexts.push(context);
  // Anything not for this server is refused and recorded.
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(`${base}/`)) return route.continue();
    outside.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(`${path}: ${m.text()}`);
  });
  page.on("pageerror", (e) => consoleErrors.push(`${path}: ${e.message}`));
  let bytes = 0;
  page.on("requestfinished", async (request) => {
    const sizes = await request.sizes().catch(() => null);
    if (sizes) bytes += sizes.responseBodySize + sizes.responseHeadersSize;
  });
  await page.goto(`${base}${path}`, { waitUntil: "networkidle" });
  return { page, transferred: () => bytes };
}

const planOf = (id: string) => plans.find((p) => p.id === id) as Plan;
const lanTask = () => planOf(PLAN).tasks.find((t) => /mạng LAN/u.test(t.title)) as Plan["tasks"][number];

/** Ask on the chat page and wait for the answer; returns its text and the time it took to show. */
async function ask(page: Page, question: string, how: "enter" | "button" = "enter") {
  const box = page.getByRole("textbox", { name: "Câu hỏi" });
  const answered = page.locator(".turn:not(.waiting) .a");
  const before = await answered.count();
  await box.fill(question);
  const started = Date.now();
  if (how === "enter") await box.press("Enter");
  else await page.getByRole("button", { name: "Hỏi", exact: true }).click();
  await expect.poll(() => answered.count(), { timeout: 15_000 }).toBe(before + 1);
  const ms = Date.now() - started;
  return { text: (await answered.nth(before).textContent()) ?? "", ms };
}

describe("the chat page", () => {
  it("answers with facts of the plan model, opens a citation at its lines, and follows up", async () => {
    const { page, transferred } = await open("/");
    weights["/"] = transferred();
    const task = lanTask();
    const sent: Array<Record<string, unknown>> = [];
    page.on("request", (r) => {
      if (r.url().endsWith("/v1/ask")) sent.push(JSON.parse(r.postData() ?? "{}") as Record<string, unknown>);
    });
    const first = await ask(page, "ai chủ trì nâng cấp mạng LAN ở Tân Kỳ, hạn khi nào");
    answerMs.push(first.ms);
    expect(first.text).toContain(task.lead[0] as string);
    expect(first.text).toContain(task.deadline.raw);

    // Citation [1]: the plan's own words at the cited lines, highlighted, with plan, section, lines.
    await page
      .getByRole("button", { name: /^Trích dẫn 1:/u })
      .first()
      .click();
    const dialog = page.getByRole("dialog");
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await expect.poll(() => page.locator("#cite-lines .cited").count()).toBeGreaterThan(0);
    const lines = readFileSync(join(dirs.corpusDir, `${PLAN}.txt`), "utf8").split(/\r?\n/u);
    const cited = (await page.locator("#cite-lines .cited mark").allTextContents()).join("\n");
    expect(cited).toContain((lines[task.lines[0] - 1] as string).trim());
    const facts = (await page.locator("#cite-facts").textContent()) ?? "";
    expect(facts).toContain(planOf(PLAN).title);
    expect(facts).toContain(task.section);
    expect(facts).toContain(`${task.lines[0]}–${task.lines[1]}`);
    expect(await page.locator("#cite-lines li:not(.cited)").count()).toBeGreaterThan(0);
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.isVisible()).toBe(false);

    // A follow-up in the same conversation, by the button this time.
    const second = await ask(page, "ai phối hợp?", "button");
    expect(second.text).toContain(task.coordinators[0] as string);
    expect(sent).toHaveLength(2);
    expect(sent[0]?.conversation).toBeUndefined();
    expect(typeof sent[1]?.conversation).toBe("string");

    // 👍 on the first answer is recorded.
    const rated = page.waitForResponse((r) => r.url().endsWith("/v1/feedback"));
    await page.getByRole("button", { name: "Câu trả lời đúng, hữu ích" }).first().click();
    expect((await rated).status()).toBe(200);
    await expect.poll(() => page.getByText("Cảm ơn anh/chị đã đánh giá.").count()).toBe(1);
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, "chat.png"), fullPage: true });
    }
  });

  it("asks an example question, and keeps the default plan on the device", async () => {
    const { page } = await open("/");
    await page.getByRole("combobox", { name: "Kế hoạch mặc định" }).selectOption(PLAN);
    const example = page.locator(".example").first();
    const before = await page.locator(".turn:not(.waiting)").count();
    await example.click();
    await expect
      .poll(() => page.locator(".turn:not(.waiting)").count(), { timeout: 15_000 })
      .toBe(before + 1);
    expect(await page.locator(".turn .a .sources li").count()).toBeGreaterThan(0);
    await page.reload();
    expect(await page.getByRole("combobox", { name: "Kế hoạch mặc định" }).inputValue()).toBe(PLAN);
  });

  it("says in Vietnamese when the answer cannot be had", async () => {
    const { page } = await open("/");
    await page.route("**/v1/ask", (route) => route.abort("connectionrefused"));
    // The failed request is what this test is about, not a console error of the page.
    page.removeAllListeners("console");
    await page.getByRole("textbox", { name: "Câu hỏi" }).fill("ai ký kế hoạch Tân Kỳ");
    await page.getByRole("textbox", { name: "Câu hỏi" }).press("Enter");
    const alert = page.locator("#error");
    await expect.poll(() => alert.textContent()).toMatch(/Chưa kết nối được với hệ thống/u);
    expect(await page.getByRole("button", { name: "Hỏi", exact: true }).isEnabled()).toBe(true);
  });

  it("works by keyboard alone: skip link, question, citation dialog and back", async () => {
    const { page } = await open("/");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Chuyển đến nội dung chính");
    for (let i = 0; i < 30; i++) {
      if (await page.evaluate(() => document.activeElement?.id === "q")) break;
      await page.keyboard.press("Tab");
    }
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("q");
    await page.keyboard.type("ai chủ trì nâng cấp mạng LAN ở Tân Kỳ");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator(".turn:not(.waiting)").count(), { timeout: 15_000 }).toBe(1);
    // Focus is back in the box; Shift+Tab walks back into the answer to the last source button.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("q");
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press("Shift+Tab");
      if (await page.evaluate(() => document.activeElement?.classList.contains("cite-open"))) break;
    }
    expect(await page.evaluate(() => document.activeElement?.className)).toBe("cite-open");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByRole("dialog").isVisible()).toBe(true);
    await page.keyboard.press("Escape");
    await expect.poll(() => page.getByRole("dialog").isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.className)).toBe("cite-open");
    // Every control has a name a screen reader can say.
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll("button, select, textarea, input")]
        .filter((e) => !(e as HTMLElement).closest("dialog:not([open])"))
        .filter((e) => {
          const el = e as HTMLInputElement;
          const label = el.labels?.length || el.getAttribute("aria-label") || el.textContent?.trim();
          return !label;
        })
        .map((e) => e.outerHTML),
    );
    expect(unnamed).toEqual([]);
    expect(await page.locator('[role="status"][aria-live="polite"]').count()).toBeGreaterThan(0);
  });
});

describe("the plan explorer", () => {
  it("lists the plans and filters tasks by unit and by window, as the model says", async () => {
    const list = await open("/ke-hoach");
    weights["/ke-hoach"] = list.transferred();
    expect(await list.page.locator(".plans > li").count()).toBe(plans.length);

    const { page, transferred } = await open(`/ke-hoach/${PLAN}?now=${TODAY}`);
    weights["/ke-hoach/:id"] = transferred();
    const plan = planOf(PLAN);
    const facts = (await page.locator(".facts").first().textContent()) ?? "";
    for (const fact of [plan.number, plan.issued?.raw, plan.signer?.name, plan.period.label])
      if (fact) expect(facts).toContain(fact);
    expect(plan.signer?.name).toBeTruthy();
    const rows = page.locator("table.tasks tbody tr");
    expect(await rows.count()).toBe(plan.tasks.length);

    // By unit: the tasks it leads or coordinates.
    await page.getByRole("combobox", { name: /Đơn vị/u }).selectOption("Công an xã");
    await page.getByRole("button", { name: "Lọc nhiệm vụ" }).click();
    await page.waitForURL(/unit=/u);
    const byUnit = filterTasks([plan], { plan: PLAN, unit: "Công an xã" });
    expect(byUnit.length).toBeGreaterThan(0);
    expect(await rows.count()).toBe(byUnit.length);
    expect(await rows.first().textContent()).toContain(byUnit[0]?.task.title);

    // Overdue against the day given: every dated task that ended before it.
    await page.getByRole("combobox", { name: /Đơn vị/u }).selectOption("");
    await page.getByRole("combobox", { name: "Thời hạn" }).selectOption("overdue");
    await page.getByRole("button", { name: "Lọc nhiệm vụ" }).click();
    await page.waitForURL(/window=overdue/u);
    const overdue = plan.tasks.filter(
      (t) => t.deadline.end && t.deadline.kind !== "plan-period" && t.deadline.end < TODAY,
    );
    expect(overdue.length).toBeGreaterThan(0);
    expect(await rows.count()).toBe(overdue.length);
    expect(await page.locator("table.tasks .deadline-overdue").count()).toBe(overdue.length);

    // Recurring and conditional: the deadline kinds.
    for (const kind of ["recurring", "conditional"] as const) {
      await page.getByRole("combobox", { name: "Thời hạn" }).selectOption(kind);
      await page.getByRole("button", { name: "Lọc nhiệm vụ" }).click();
      await page.waitForURL(new RegExp(`window=${kind}`, "u"));
      expect(await rows.count()).toBe(plan.tasks.filter((t) => t.deadline.kind === kind).length);
    }

    // Each task links to its own lines, highlighted on the plan's text page.
    await page.getByRole("combobox", { name: "Thời hạn" }).selectOption("quarter");
    await page.getByRole("button", { name: "Lọc nhiệm vụ" }).click();
    await page.waitForURL(/window=quarter/u);
    const q3 = plan.tasks.filter(
      (t) => t.deadline.end && t.deadline.end >= "2026-07-01" && t.deadline.end <= "2026-09-30",
    );
    expect(await rows.count()).toBe(q3.length);
    const firstRow = filterTasks([plan], { plan: PLAN, dueFrom: "2026-07-01", dueTo: "2026-09-30" })[0]?.task;
    expect(firstRow).toBeDefined();
    await rows.first().getByRole("link").click();
    await page.waitForURL(/\/van-ban\?from=/u);
    const source = readFileSync(join(dirs.corpusDir, `${PLAN}.txt`), "utf8").split(/\r?\n/u);
    const marked = (await page.locator(".source-lines .cited mark").allTextContents()).join("\n");
    expect(marked).toContain((source[(firstRow?.lines[0] ?? 1) - 1] as string).trim());
    expect(page.url()).toMatch(/#L\d+$/u);
  });

  it("shows the timeline by quarter and month with the model's counts, and indicators", async () => {
    const { page } = await open(`/ke-hoach/${PLAN}?now=${TODAY}`);
    const plan = planOf(PLAN);
    const dated = plan.tasks.filter((t) => t.deadline.end && t.deadline.kind !== "plan-period");
    const quarters = page.locator(".timeline > li");
    expect(await quarters.count()).toBeGreaterThanOrEqual(4);
    const q3 = quarters.filter({ has: page.getByRole("heading", { name: /^Quý III\/2026/u }) });
    const inQ3 = dated.filter(
      (t) =>
        (t.deadline.end as string).slice(0, 7) >= "2026-07" &&
        (t.deadline.end as string).slice(0, 7) <= "2026-09",
    );
    expect(await q3.locator(".badge").first().textContent()).toBe(`${inQ3.length} nhiệm vụ`);
    expect(await q3.getAttribute("class")).toBe("now");
    expect(await quarters.first().getAttribute("class")).toBe("past");
    for (const t of inQ3) expect(await q3.textContent()).toContain(t.title);
    const indicators = page.locator("table.indicators tbody tr");
    expect(await indicators.count()).toBe(plan.indicators.length);
    const i = plan.indicators.find((x) => x.baseline) ?? plan.indicators[0];
    if (i) {
      const row = indicators.filter({ hasText: i.name }).first();
      expect(await row.textContent()).toContain(i.target.raw);
      if (i.baseline) expect(await row.textContent()).toContain(i.baseline.raw);
    }
    if (SHOTS) {
      await page.locator(".timeline").first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, "explorer.png"), fullPage: false });
    }
  });

  it("answers an unknown plan with a Vietnamese 404 page", async () => {
    const { page } = await open("/");
    // The browser logs the 404 status itself; that is the page under test, not an error of it.
    page.removeAllListeners("console");
    const res = await page.goto(`${base}/ke-hoach/khong-co-ke-hoach-nay`);
    expect(res?.status()).toBe(404);
    expect(res?.headers()["content-type"]).toMatch(/text\/html/u);
    expect(await page.locator("h1").textContent()).toBe("Không tìm thấy trang");
    expect(await page.getByRole("alert").textContent()).toMatch(/Không có kế hoạch «khong-co-ke-hoach-nay»/u);
  });
});

describe("the upload page", () => {
  it("refuses a bad file in Vietnamese and ingests a good one, losing nothing", async () => {
    const { page, transferred } = await open("/tai-len");
    weights["/tai-len"] = transferred();
    const count = async () =>
      ((await (await fetch(`${base}/v1/plans`)).json()) as { plans: Array<{ id: string }> }).plans;
    const served = await count();
    const send = async (token: string, file: { name: string; mimeType: string; buffer: Buffer }) => {
      await page.getByLabel("Mã quản trị").fill(token);
      await page.getByLabel("Tệp kế hoạch").setInputFiles(file);
      await page.getByRole("button", { name: "Tải lên và nạp kế hoạch" }).click();
      await page.waitForLoadState("networkidle");
    };
    // The browser reports a refused POST's status as a console error; that is the page working.
    page.removeAllListeners("console");
    await send(TOKEN, {
      name: "thong-bao.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("Thông báo lịch họp giao ban tuần.\nKính gửi các đồng chí.\n"),
    });
    expect(await page.getByRole("alert").textContent()).toMatch(/không phải một kế hoạch đọc được/u);
    await send(TOKEN, {
      name: "bang-tinh.xlsx",
      mimeType: "application/octet-stream",
      buffer: Buffer.from("PK"),
    });
    expect(await page.getByRole("alert").textContent()).toMatch(/không đúng loại/u);
    await send("sai-ma", {
      name: "x.txt",
      mimeType: "text/plain",
      buffer: readFileSync(join(dirs.corpusDir, `${PLAN}.txt`)),
    });
    expect(await page.getByRole("alert").textContent()).toMatch(/Mã quản trị không đúng/u);
    await send(TOKEN, {
      name: "ban-sao-tan-ky.txt",
      mimeType: "text/plain",
      buffer: readFileSync(join(dirs.corpusDir, `${PLAN}.txt`)),
    });
    expect(await page.getByRole("alert").textContent()).toMatch(/trùng/u);
    expect(await count()).toEqual(served);

    const fixture = join(ROOT, "test", "fixtures", "plans", "xa-dong-que-2026", "xa-dong-que-2026.txt");
    await send(TOKEN, {
      name: "xa-dong-que-2026.txt",
      mimeType: "text/plain",
      buffer: readFileSync(fixture),
    });
    expect(await page.locator("h1").textContent()).toBe("Đã nạp kế hoạch");
    const now = await count();
    expect(now.map((p) => p.id)).toEqual(
      expect.arrayContaining([...served.map((p) => p.id), "xa-dong-que-2026"]),
    );
    const model = (await (await fetch(`${base}/v1/plans/xa-dong-que-2026`)).json()) as Plan;
    expect(await page.locator('[data-count="tasks"]').textContent()).toBe(String(model.tasks.length));
    expect(await page.locator('[data-count="indicators"]').textContent()).toBe(
      String(model.indicators.length),
    );
    expect(Number(await page.locator('[data-count="units"]').textContent())).toBe(
      model.units.filter((u) => !u.collective).length,
    );
    expect(model.tasks.length).toBeGreaterThan(0);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, "upload.png"), fullPage: false });
    // The new plan is answered at once, and the plans served before still are.
    const answer = (await (
      await fetch(`${base}/v1/ask`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ question: "ai chủ trì nâng cấp mạng LAN ở Tân Kỳ" }),
      })
    ).json()) as { answer: string };
    expect(answer.answer).toContain(lanTask().lead[0] as string);
  });
});

describe("at phone width, offline, and light", () => {
  it("has no horizontal scroll at 375×740 on any page, and asks there too", async () => {
    for (const path of [
      "/",
      "/ke-hoach",
      `/ke-hoach/${PLAN}?now=${TODAY}`,
      `/ke-hoach/${PLAN}/van-ban?from=96&to=100`,
      "/tai-len",
      "/docs",
    ]) {
      const { page } = await open(path, { width: 375, height: 740 });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, path).toBeLessThanOrEqual(375);
      if (path === "/") {
        const { text } = await ask(page, "ai chủ trì nâng cấp mạng LAN ở Tân Kỳ");
        expect(text).toContain(lanTask().lead[0] as string);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      }
    }
  });

  it("serves /docs offline from this server, and every page under 150 KB transferred", async () => {
    // /docs lists every operation of /openapi.json; Swagger UI, its interactive twin, is a link away.
    const docs = await open("/docs");
    const spec = (await (await fetch(`${base}/openapi.json`)).json()) as { paths: Record<string, object> };
    const body = (await docs.page.textContent("main")) ?? "";
    for (const [path, item] of Object.entries(spec.paths))
      for (const method of Object.keys(item)) expect(body).toContain(`${method.toUpperCase()} ${path}`);
    weights["/docs"] = docs.transferred();
    const swagger = await open("/docs/swagger");
    await expect.poll(() => swagger.page.locator(".opblock").count(), { timeout: 20_000 }).toBeGreaterThan(5);
    expect(await swagger.page.textContent("body")).toContain("/v1/ask");
    weights["/docs/swagger"] = swagger.transferred();
    const text = await open(`/ke-hoach/${PLAN}/van-ban?from=96&to=100`);
    weights["/ke-hoach/:id/van-ban"] = text.transferred();
    for (const [path, bytes] of Object.entries(weights)) {
      // Swagger UI's own script is half a megabyte; it is the one page outside the budget, by choice.
      if (path === "/docs/swagger") continue;
      expect(bytes, path).toBeGreaterThan(1000);
      expect(bytes, path).toBeLessThan(150 * 1024);
    }
  });

  it("shows an answer soon after it is asked (median of five, after one warm-up)", async () => {
    const { page } = await open("/");
    await ask(page, "ai ký kế hoạch Tân Kỳ");
    const times: number[] = [];
    for (const q of [
      "ai chủ trì nâng cấp mạng LAN ở Tân Kỳ, hạn khi nào",
      "công an xã Tân Kỳ phải làm gì",
      "chỉ tiêu hồ sơ trực tuyến Tân Kỳ",
      "Tân Kỳ quý III phải xong việc gì",
      "kinh phí kế hoạch Tân Kỳ lấy từ đâu",
    ])
      times.push((await ask(page, q)).ms);
    answerMs.push(...times);
    const median = [...times].sort((a, b) => a - b)[2] as number;
    // 300 ms is the target on an idle machine (README); the bound here leaves room for a loaded CI.
    expect(median).toBeLessThan(Number(process.env.WEB_ANSWER_BUDGET_MS ?? 1500));
  });
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
});
