/**
 * The compiled start: `npm start` and the other commands run dist/, which scripts/build.mjs rebuilds
 * when any source changed and leaves alone otherwise (so an edited file is never run stale, and an
 * unchanged one costs no build). Run on a copy of the sources, so the checkout's dist/ is not touched.
 */
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "./helpers/corpus.ts";

const copy = mkdtempSync(join(tmpdir(), "cds-build-"));
afterAll(() => rmSync(copy, { recursive: true, force: true }));
for (const part of ["src", "scripts", "prompts", "package.json", "package-lock.json", "tsconfig.json"])
  cpSync(join(ROOT, part), join(copy, part), { recursive: true });
symlinkSync(join(ROOT, "node_modules"), join(copy, "node_modules"));

const build = () => spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: copy, encoding: "utf8" });

describe("compiled start", () => {
  it("builds every entry point, then skips when nothing changed, and rebuilds after an edit", () => {
    const first = build();
    expect(first.status).toBe(0);
    expect(first.stderr).toMatch(/compiled 6 entry points/u);
    for (const name of ["start", "ingest", "ask", "plans", "bot-telegram", "bot-zalo"])
      expect(existsSync(join(copy, "dist", `${name}.js`))).toBe(true);
    const again = build();
    expect(again.status).toBe(0);
    expect(again.stderr).toBe("");
    writeFileSync(join(copy, "src", "cli", "usage-note.ts"), "export const note = 1;\n");
    expect(build().stderr).toMatch(/compiled/u);
  });

  it("answers the questions piped to `npm run ask` one per line, as JSON Lines, from one loaded index", () => {
    const data = join(copy, "data-ask");
    const ask = spawnSync(process.execPath, ["dist/ask.js", "--json"], {
      cwd: copy,
      encoding: "utf8",
      env: { ...process.env, DATA_DIR: data, CORPUS_DIR: join(ROOT, "corpus") },
      input:
        "ai chủ trì nâng cấp mạng LAN Tân Kỳ\n\nchỉ tiêu hồ sơ trực tuyến Tân Kỳ bao nhiêu\nthoát\nkhông được hỏi\n",
    });
    expect(ask.status).toBe(0);
    const answers = ask.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { intent: string; answer: string });
    expect(answers.map((a) => a.intent)).toEqual(["task", "indicator"]);
    expect(answers[0]?.answer).toContain("Văn phòng HĐND và UBND");
    // The passages' term counts, taken by this build, are kept beside the snapshot; the next start
    // reads them and answers alike.
    const snapshot = join(data, "snapshots", readFileSync(join(data, "CURRENT"), "utf8").trim());
    const kept = readdirSync(snapshot).filter((f) => /^term-counts\.[0-9a-f]{16}\.json$/u.test(f));
    expect(kept).toHaveLength(1);
    const again = spawnSync(
      process.execPath,
      ["dist/ask.js", "--json", "ai chủ trì nâng cấp mạng LAN Tân Kỳ"],
      {
        cwd: copy,
        encoding: "utf8",
        env: { ...process.env, DATA_DIR: data },
      },
    );
    expect(JSON.parse(again.stdout).answer).toBe(answers[0]?.answer);
  });

  it("re-ingests after one plan changed by parsing that plan alone, into the snapshot a fresh ingest gives", () => {
    const corpus = join(copy, "corpus-re");
    cpSync(join(ROOT, "corpus"), corpus, { recursive: true });
    const ingest = (data: string) => {
      const run = spawnSync(process.execPath, ["dist/ingest.js"], {
        cwd: copy,
        encoding: "utf8",
        env: { ...process.env, CORPUS_DIR: corpus, DATA_DIR: data, EMBEDDINGS_PROVIDER: "local" },
      });
      expect(run.status).toBe(0);
      return run.stderr;
    };
    const data = join(copy, "data-re");
    expect(ingest(data)).toMatch(/5 kế hoạch \/ plans \(0 không đổi/u);
    const file = join(corpus, "tan-ky-2026.txt");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace("nâng cấp hạ tầng mạng LAN", "nâng cấp hạ tầng mạng nội bộ LAN"),
    );
    expect(ingest(data)).toMatch(/5 kế hoạch \/ plans \(4 không đổi/u);
    const fresh = join(copy, "data-fresh");
    expect(ingest(fresh)).toMatch(/\(0 không đổi/u);
    const snapshotOf = (dir: string) =>
      join(dir, "snapshots", readFileSync(join(dir, "CURRENT"), "utf8").trim());
    for (const part of ["plans.json", "chunks.json", "sources.json", "vectors.f32"])
      expect(
        readFileSync(join(snapshotOf(data), part)).equals(readFileSync(join(snapshotOf(fresh), part))),
      ).toBe(true);
    // The HNSW index was updated, not rebuilt (the changed passages were added under new labels, past
    // the old ones), and it answers a question over every plan with the new wording.
    const labels = (
      JSON.parse(readFileSync(join(snapshotOf(data), "hnsw", "docstore.json"), "utf8")) as Array<
        [string, unknown]
      >
    ).map(([label]) => Number(label));
    expect(Math.max(...labels)).toBeGreaterThanOrEqual(labels.length);
    const ask = spawnSync(
      process.execPath,
      ["dist/ask.js", "--json", "ai chủ trì nâng cấp hạ tầng mạng nội bộ LAN"],
      {
        cwd: copy,
        encoding: "utf8",
        env: { ...process.env, DATA_DIR: data },
      },
    );
    expect(ask.status).toBe(0);
    expect(JSON.parse(ask.stdout).answer).toContain("mạng nội bộ LAN");
  });

  it("answers from the compiled CLI, and reports a source that does not compile without running stale code", () => {
    const ask = spawnSync(process.execPath, ["dist/ask.js", "--help"], { cwd: copy, encoding: "utf8" });
    expect(ask.status).toBe(0);
    expect(ask.stdout).toMatch(/npm run ask/u);
    writeFileSync(join(copy, "src", "cli", "broken.ts"), "export const = ;\n");
    writeFileSync(join(copy, "scripts", "ask.ts"), 'import "../src/cli/broken.ts";\n', { flag: "a" });
    const broken = build();
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/không biên dịch được.*\n.*could not be compiled/u);
    expect(broken.stderr).not.toMatch(/^\s+at /mu);
  });
});
