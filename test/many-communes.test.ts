/**
 * Over many communes' plans (the five real ones and generated plans of other communes): a question that
 * names no commune asks which one is meant instead of answering for a few; one that names a commune, or
 * comes with the chat's default plan, is answered as before; "kế hoạch nào nhắc tới …" still counts them.
 */
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Answerer } from "../src/answer/answerer.ts";
import { communes, LAYOUTS, planText, rng, slug } from "../src/corpus-gen/generate.ts";
import { CORPUS_DIR } from "./helpers/corpus.ts";
import { localKnowledge } from "./helpers/knowledge.ts";

let dir: string;
let answerer: Answerer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "many-communes-"));
  for (const f of readdirSync(CORPUS_DIR)) copyFileSync(join(CORPUS_DIR, f), join(dir, f));
  const r = rng(5);
  for (const [i, c] of communes(r, 10).entries())
    writeFileSync(join(dir, `${slug(c)}.txt`), planText(r, c, LAYOUTS[i % LAYOUTS.length] ?? "inline"));
  ({ answerer } = await localKnowledge(dir));
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a corpus of fifteen communes", () => {
  it("asks which commune a question means when it names none and several plans answer it", async () => {
    const r = await answerer.ask({ question: "công an xã phải làm gì về chuyển đổi số" });
    expect(r.abstained).toBe(true);
    expect(r.answer).toContain("Bạn hỏi cho địa phương nào?");
    expect(r.answer).toContain("/kehoach");
    expect(r.citations).toEqual([]);
  });

  it("answers the same question for the commune it names, and for the chat's default plan", async () => {
    const named = await answerer.ask({ question: "công an xã Tân Kỳ phải làm gì về chuyển đổi số" });
    expect(named.abstained).toBe(false);
    expect(named.plans).toEqual(["tan-ky-2026"]);
    const byDefault = await answerer.ask({
      question: "công an xã phải làm gì về chuyển đổi số",
      plan: "tan-ky-2026",
    });
    expect(byDefault.abstained).toBe(false);
    expect(byDefault.plans).toEqual(["tan-ky-2026"]);
  });

  it("still names the plans that mention a thing when that is what is asked", async () => {
    const r = await answerer.ask({ question: "Kế hoạch nào có nhắc tới ứng dụng Smart Hai Phong?" });
    expect(r.abstained).toBe(false);
    expect(r.answer).toMatch(/Có \d+ trong 15 kế hoạch/u);
  });
});
