/**
 * Errors a user or operator can act on: a code and a message in Vietnamese and in English. Anything
 * else is a bug and is reported as such, never as a stack trace to a user.
 */
export class AppError extends Error {
  readonly code: string;
  readonly message_vi: string;
  readonly message_en: string;

  constructor(code: string, message_vi: string, message_en: string) {
    super(message_en);
    this.name = "AppError";
    this.code = code;
    this.message_vi = message_vi;
    this.message_en = message_en;
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function describeError(err: unknown): { code: string; message_vi: string; message_en: string } {
  if (err instanceof AppError)
    return { code: err.code, message_vi: err.message_vi, message_en: err.message_en };
  const message = errorMessage(err);
  return {
    code: "internal",
    message_vi: `Lỗi không mong đợi: ${message}`,
    message_en: `Unexpected error: ${message}`,
  };
}

/** How a command-line tool reports an error: the Vietnamese line, then the English one. */
export function formatError(err: unknown): string {
  const e = describeError(err);
  return `Lỗi: ${e.message_vi}\nError: ${e.message_en}`;
}
