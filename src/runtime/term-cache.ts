/**
 * Term counts of a snapshot's passages, kept beside the snapshot so that `npm run ask` and `npm start`
 * do not recount them at every start (a third of a question's start-up). They depend on the code that
 * reads terms as much as on the passages, so they are keyed by the compiled build that counted them
 * (`codeVersion()`): another build recounts, and run from the TypeScript sources nothing is cached.
 */
import { readdir, readFile, unlink } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { TermCounts } from "../answer/match.ts";
import { codeVersion } from "../code-version.ts";
import { writeFileAtomic } from "../files.ts";

const Counts = z.object({ documents: z.number().int(), df: z.record(z.string(), z.number().int()) });

async function cacheFile(snapshotDir: string): Promise<string | null> {
  const key = await codeVersion();
  return key ? join(snapshotDir, `term-counts.${key}.json`) : null;
}

/** The counts this build took of the snapshot before, or null. A damaged file is only a miss. */
export async function readTermCounts(snapshotDir: string): Promise<TermCounts | null> {
  const file = await cacheFile(snapshotDir);
  if (!file) return null;
  try {
    return Counts.parse(JSON.parse(await readFile(file, "utf8")));
  } catch {
    return null;
  }
}

/**
 * Keeps the counts for the next start of this build, and drops those of earlier builds; a read-only
 * data directory only loses the cache.
 */
export async function saveTermCounts(snapshotDir: string, counts: TermCounts): Promise<void> {
  const file = await cacheFile(snapshotDir);
  if (!file) return;
  await writeFileAtomic(file, JSON.stringify(counts)).catch(() => undefined);
  // Those of earlier builds are never read again.
  const names = await readdir(snapshotDir).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((n) => /^term-counts\.[0-9a-f]+\.json$/u.test(n) && join(snapshotDir, n) !== file)
      .map((n) => unlink(join(snapshotDir, n)).catch(() => undefined)),
  );
}
