/** A real pino logger whose JSON lines are kept in memory, for tests that read the server's log. */
import { createLogger, type Logger } from "../../src/runtime/logger.ts";

export async function memoryLog(): Promise<{ logger: Logger; lines: string[] }> {
  const lines: string[] = [];
  const logger = await createLogger({ level: "info", format: "json" }, { write: (line) => lines.push(line) });
  return { logger, lines };
}
