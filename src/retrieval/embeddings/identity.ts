import { z } from "zod";
import { AppError } from "../../errors.ts";

/** What an index was embedded with; a server refuses an index built with anything else. */
export const EmbedderIdentity = z.object({
  provider: z.enum(["local", "openai"]),
  model: z.string(),
  /** Null until the first vector is seen (remote models whose size is not configured). */
  dimensions: z.number().int().positive().nullable(),
});
export type EmbedderIdentity = z.infer<typeof EmbedderIdentity>;

export function describeIdentity(id: EmbedderIdentity): string {
  return `${id.provider}/${id.model}${id.dimensions ? ` (${id.dimensions} chiều)` : ""}`;
}

/** Same provider and model, and the same size when both sides know it. */
export function sameEmbedder(a: EmbedderIdentity, b: EmbedderIdentity): boolean {
  return (
    a.provider === b.provider &&
    a.model === b.model &&
    (!a.dimensions || !b.dimensions || a.dimensions === b.dimensions)
  );
}

export function describeEmbedderMismatch(index: EmbedderIdentity, running: EmbedderIdentity): AppError {
  return new AppError(
    "embedder-mismatch",
    `Chỉ mục được tạo bằng bộ embedding ${describeIdentity(index)}, nhưng máy chủ đang cấu hình ${describeIdentity(running)}. Hãy chạy lại "npm run ingest" với cấu hình hiện tại, hoặc đặt lại biến EMBEDDINGS_* như lúc tạo chỉ mục.`,
    `The index was built with the embedder ${describeIdentity(index)}, but the server is configured with ${describeIdentity(running)}. Run "npm run ingest" again with the current settings, or restore the EMBEDDINGS_* variables used to build it.`,
  );
}
