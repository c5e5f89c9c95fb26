import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DEFAULT_PROMPTS, type Prompts } from "../answer/llm.ts";

/** prompts/system.md and prompts/answer.md; the built-in short prompts when a file is missing. */
export async function loadPrompts(dir: string): Promise<Prompts> {
  const read = (name: string, fallback: string) => readFile(join(dir, name), "utf8").catch(() => fallback);
  return {
    system: await read("system.md", DEFAULT_PROMPTS.system),
    answer: await read("answer.md", DEFAULT_PROMPTS.answer),
  };
}
