/**
 * The compiled entry points that `npm start`, `npm run ingest`, `npm run ask`, `npm run plans` and the
 * bots run: one esbuild pass over the TypeScript (packages left to node_modules), written to dist/
 * beside a stamp of the sources it was built from. When nothing changed since, it returns at once, so
 * every script calls it first and an edited source is never run stale.
 *
 * Plain JavaScript on purpose: it runs before anything is compiled.
 * Usage: node scripts/build.mjs [--force]
 */
import { readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "dist");
const stampFile = join(out, "build-stamp.json");

export const ENTRIES = {
  start: "src/runtime/start.ts",
  ingest: "scripts/ingest.ts",
  ask: "scripts/ask.ts",
  plans: "scripts/plans.ts",
  "bot-telegram": "scripts/bot-telegram.ts",
  "bot-zalo": "scripts/bot-zalo.ts",
};

/** Every source file's path, size and modification time, and the build's own inputs. */
async function sourceState() {
  const files = [];
  const walk = async (dir) => {
    for (const entry of await readdir(join(root, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (/\.(?:ts|mjs|json)$/u.test(entry.name)) files.push(path);
    }
  };
  await walk("src");
  await walk("scripts");
  files.push("package.json", "package-lock.json", "tsconfig.json");
  const state = {};
  for (const file of files.sort()) {
    const s = await stat(join(root, file)).catch(() => null);
    if (s) state[file] = `${s.size}:${Math.round(s.mtimeMs)}`;
  }
  return state;
}

async function upToDate(state) {
  try {
    const stamp = JSON.parse(await readFile(stampFile, "utf8"));
    if (JSON.stringify(stamp.sources) !== JSON.stringify(state)) return false;
    if (JSON.stringify(stamp.entries) !== JSON.stringify(ENTRIES)) return false;
    for (const name of Object.keys(ENTRIES)) await stat(join(out, `${name}.js`));
    return true;
  } catch {
    return false;
  }
}

export async function build({ force = false } = {}) {
  const state = await sourceState();
  if (!force && (await upToDate(state))) return false;
  const { build: esbuild } = await import("esbuild");
  // Built beside dist/ and renamed into place, so a running server's files are never half-written.
  const next = `${out}.${process.pid}.tmp`;
  await rm(next, { recursive: true, force: true });
  await esbuild({
    absWorkingDir: root,
    entryPoints: ENTRIES,
    outdir: next,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    sourcemap: "linked",
    logLevel: "error",
  });
  await writeFile(join(next, "build-stamp.json"), JSON.stringify({ entries: ENTRIES, sources: state }));
  const old = `${out}.${process.pid}.old`;
  await rename(out, old).catch(() => {});
  try {
    await rename(next, out);
  } catch (err) {
    // Another script built the same sources at the same moment: its output serves.
    await rm(next, { recursive: true, force: true });
    if (!(await upToDate(state))) throw err;
  }
  await rm(old, { recursive: true, force: true });
  return true;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes("--help") || process.argv.includes("-h")) {
    process.stdout.write(
      "Cách dùng / usage: npm run build  (node scripts/build.mjs [--force])\n" +
        "Biên dịch mã TypeScript vào dist/ khi mã nguồn thay đổi; --force biên dịch lại dù không đổi.\n" +
        "Compiles the TypeScript into dist/ when a source changed; --force compiles anyway.\n",
    );
    process.exit(0);
  }
  const unknown = process.argv.slice(2).filter((a) => a !== "--force");
  if (unknown.length > 0) {
    process.stderr.write(
      `Lỗi tham số dòng lệnh / bad argument: ${unknown.join(" ")}\n\nCách dùng / usage: npm run build  (node scripts/build.mjs [--force])\n`,
    );
    process.exit(2);
  }
  try {
    const started = performance.now();
    if (await build({ force: process.argv.includes("--force") }))
      process.stderr.write(
        `Đã biên dịch / compiled ${Object.keys(ENTRIES).length} entry points → ${relative(root, out)}/ (${Math.round(performance.now() - started)} ms)\n`,
      );
  } catch (err) {
    process.stderr.write(
      `Lỗi: không biên dịch được mã nguồn.\nError: the sources could not be compiled.\n${err?.message ?? err}\n`,
    );
    process.exit(2);
  }
}
