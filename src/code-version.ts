/**
 * Which code is running: a digest of the build stamp beside the compiled bundle (dist/build-stamp.json,
 * which changes with any source file), or null when running the TypeScript sources (tests, tsx).
 * Whatever is kept from one run for the next because the same code would compute it again — term counts,
 * plans parsed at the last ingest — is keyed by it; null means nothing is reused.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

let version: Promise<string | null> | undefined;

export function codeVersion(): Promise<string | null> {
  version ??= readFile(fileURLToPath(new URL("./build-stamp.json", import.meta.url)))
    .then((bytes) => createHash("sha256").update(bytes).digest("hex").slice(0, 16))
    .catch(() => null);
  return version;
}
