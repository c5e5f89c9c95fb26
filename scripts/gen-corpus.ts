/**
 * npm run gen:corpus -- --plans N --out DIR [--seed S]
 * Writes DIR/corpus/: the real plans of corpus/ plus N minus that many generated plans of other
 * communes, in varied layouts; the same seed gives the same files. Then:
 *   CORPUS_DIR=DIR/corpus DATA_DIR=DIR/data npm run ingest
 */
import { copyFile, mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseCli } from "../src/cli/args.ts";
import { communes, LAYOUTS, planText, rng, slug } from "../src/corpus-gen/generate.ts";

const USAGE = "Cách dùng / usage: npm run gen:corpus -- --plans N --out DIR [--seed S]";
const { values } = parseCli(
  {
    options: {
      plans: { type: "string" },
      out: { type: "string" },
      seed: { type: "string", default: "1" },
      from: { type: "string", default: "corpus" },
    },
  },
  USAGE,
);
const count = Number(values.plans);
const seed = Number(values.seed);
if (!values.out || !Number.isInteger(count) || count < 1 || count > 100_000 || !Number.isInteger(seed)) {
  process.stderr.write(
    `Lỗi: cần --plans (1–100000), --out và --seed là số nguyên.\nError: --plans (1–100000), --out and an integer --seed are required.\n\n${USAGE}\n`,
  );
  process.exit(2);
}
const dir = join(resolve(values.out), "corpus");
await rm(dir, { recursive: true, force: true });
await mkdir(dir, { recursive: true });
const real = (await readdir(values.from)).filter((f) => !f.startsWith(".")).sort();
for (const f of real.slice(0, count)) await copyFile(join(values.from, f), join(dir, f));
const r = rng(seed);
const made = communes(r, Math.max(0, count - real.length));
for (const [i, c] of made.entries())
  await writeFile(join(dir, `${slug(c)}.txt`), planText(r, c, LAYOUTS[i % LAYOUTS.length] ?? "inline"));
process.stderr.write(
  `Đã tạo / wrote ${Math.min(count, real.length)} real + ${made.length} generated plans → ${dir}\n` +
    `CORPUS_DIR=${dir} DATA_DIR=${join(resolve(values.out), "data")} npm run ingest\n`,
);
