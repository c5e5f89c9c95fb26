import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CORPUS_DIR } from "./corpus.ts";

/** A scratch directory with a copy of the real corpus, removed by the returned function. */
export function scratch(): { root: string; corpusDir: string; dataDir: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), "cds-test-"));
  const corpusDir = join(root, "corpus");
  cpSync(CORPUS_DIR, corpusDir, { recursive: true });
  return {
    root,
    corpusDir,
    dataDir: join(root, "data"),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}
