/**
 * Request and response schemas of the HTTP API: one source for validation, TypeScript types and the
 * OpenAPI document.
 */

import { z } from "@hono/zod-openapi";
import { INTENTS } from "../answer/intents.ts";
import { ANSWER_MODES } from "../answer/types.ts";
import {
  LineSpan,
  Plan,
  IndicatorView as PlanIndicatorView,
  TaskView as PlanTaskView,
  Section,
} from "../plans/schema.ts";
import { MAX_QUESTION_CHARS, questionLength } from "../text/normalize.ts";

// z.iso.date() publishes "format: date" and a pattern without the regex flags that zod-to-openapi
// used to leak ("…$/u"), which no validator can match.
const IsoDay = z.iso
  .date()
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      message: "not a calendar date",
    },
  );

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "invalid_request" }),
      message_vi: z.string().openapi({ example: "Thiếu câu hỏi (question)." }),
      message_en: z.string().openapi({ example: "The question is missing." }),
      field: z.string().optional().openapi({ example: "question" }),
    }),
  })
  .openapi("Error");

export const AskRequest = z
  .object({
    question: z
      .string()
      .trim()
      .min(1)
      .refine((q) => questionLength(q) <= MAX_QUESTION_CHARS, { message: "too_long" })
      .openapi({
        example: "ai chủ trì nâng cấp mạng LAN, hạn khi nào",
        description: `1 đến ${MAX_QUESTION_CHARS} ký tự (tính theo ký tự, không theo đơn vị UTF-16)`,
      }),
    plan: z.string().min(1).max(100).optional().openapi({ example: "tan-ky-2026" }),
    conversation: z
      .string()
      // No flag: the pattern is published as is in the OpenAPI document.
      .regex(/^[A-Za-z0-9_-]{1,100}$/)
      .optional()
      .openapi({
        description:
          "Mã cuộc hội thoại mà lần trả lời trước trả về: câu hỏi nối tiếp («hạn khi nào?», «còn Công an xã thì sao?») được hiểu theo câu trước",
        example: "3f1c2b9e-7a41-4d2f-9b8e-0c5d6a7e8f90",
      }),
    now: IsoDay.optional().openapi({
      description: "“Hôm nay” cho câu hỏi về hạn (YYYY-MM-DD)",
      example: "2026-05-15",
    }),
  })
  .strict()
  .openapi("AskRequest");

export const Citation = z
  .object({
    plan: z.string(),
    planTitle: z.string(),
    file: z.string().openapi({ description: "Tên tệp kế hoạch do địa phương cung cấp" }),
    section: z.string(),
    lines: LineSpan,
    page: z
      .number()
      .int()
      .positive()
      .nullable()
      .openapi({ description: "Trang (tệp PDF), null nếu tệp không chia trang" }),
    ocr: z.boolean().openapi({ description: "Văn bản được nhận dạng từ bản quét (OCR)" }),
    quote: z.string().openapi({ description: "Nguyên văn các dòng được trích (chỉ gộp khoảng trắng)" }),
  })
  .openapi("Citation");

// Re-wrapped here: a schema made before @hono/zod-openapi loads has no .openapi() of its own.
export const TaskView = z.object(PlanTaskView.shape).openapi("Task");
export const IndicatorView = z.object(PlanIndicatorView.shape).openapi("Indicator");

export const AskResponse = z
  .object({
    answer: z.string(),
    abstained: z.boolean(),
    intent: z.enum(INTENTS),
    mode: z.enum(ANSWER_MODES),
    plans: z.array(z.string()),
    citations: z.array(Citation),
    tasks: z.array(TaskView),
    indicators: z.array(IndicatorView),
    conversation: z
      .string()
      .optional()
      .openapi({ description: "Mã cuộc hội thoại, gửi lại cùng câu hỏi tiếp theo" }),
    id: z.string().optional().openapi({ description: "Mã câu trả lời, để đánh giá qua POST /v1/feedback" }),
  })
  .openapi("AskResponse");

export const FeedbackRequest = z
  .object({
    id: z.string().min(1).max(100).openapi({ description: "Mã câu trả lời (trường id của /v1/ask)" }),
    verdict: z.enum(["up", "down"]).openapi({ description: "up: đúng, hữu ích; down: sai hoặc thiếu" }),
    comment: z.string().max(500).optional().openapi({ description: "Lý do (tùy chọn), tối đa 500 ký tự" }),
  })
  .strict()
  .openapi("FeedbackRequest");

export const FeedbackResponse = z.object({ ok: z.literal(true) }).openapi("FeedbackResponse");

export const PlanSummary = z
  .object({
    id: z.string(),
    title: z.string(),
    shortName: z.string(),
    locality: Plan.shape.locality,
    province: Plan.shape.province,
    period: Plan.shape.period,
    tasks: z.number().int(),
    indicators: z.number().int(),
    sections: z.number().int(),
  })
  .openapi("PlanSummary");

export const PlanList = z.object({ plans: z.array(PlanSummary) }).openapi("PlanList");

export const PlanParams = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: "id", in: "path" }, example: "tan-ky-2026" }),
});

/** The plan model as GET /v1/plans/{id} serves it (see src/plans/schema.ts). */
export const PlanModel = Plan.extend({
  sections: z.array(
    Section.partial({ paragraphs: true }).extend({ paragraphCount: z.number().int().optional() }),
  ),
}).openapi("Plan");

export const PlanQuery = z
  .object({
    include: z.enum(["text"]).optional().openapi({
      description:
        "«text»: kèm nội dung từng mục (có thể lớn); mặc định chỉ có cấu trúc / include each section's text (large); by default only its structure",
    }),
  })
  .strict();

export const TasksQuery = z
  .object({
    plan: z.string().max(100).optional(),
    unit: z.string().max(200).optional().openapi({ example: "cong an" }),
    q: z.string().max(500).optional(),
    due_from: IsoDay.optional(),
    due_to: IsoDay.optional(),
  })
  .strict();

export const TaskHit = TaskView.extend({ role: z.enum(["lead", "coordinator"]).nullable() }).openapi(
  "TaskHit",
);
export const TaskList = z.object({ tasks: z.array(TaskHit) }).openapi("TaskList");

export const IndicatorsQuery = z
  .object({
    plan: z.string().max(100).optional(),
    q: z.string().max(500).optional(),
  })
  .strict();
export const IndicatorList = z.object({ indicators: z.array(IndicatorView) }).openapi("IndicatorList");

export const SearchQuery = z
  .object({
    q: z.string().trim().min(1).max(1000).openapi({ example: "nâng cấp mạng LAN Tân Kỳ" }),
    k: z.coerce.number().int().min(1).max(50).default(5),
  })
  .strict();

export const SearchResult = z
  .object({
    plan: z.string(),
    planTitle: z.string(),
    section: z.string(),
    lines: LineSpan,
    text: z.string(),
    score: z.number(),
  })
  .openapi("SearchResult");
export const SearchResponse = z.object({ results: z.array(SearchResult) }).openapi("SearchResponse");

export const Health = z
  .object({
    status: z.literal("ok"),
    index: z.object({
      snapshot: z.string(),
      /** When the snapshot was built; null when it was built in memory. */
      builtAt: z.string().nullable(),
      plans: z.number().int(),
      chunks: z.number().int(),
      tasks: z.number().int(),
      indicators: z.number().int(),
      vectorIndex: z.enum(["hnsw", "exact"]),
      skippedFiles: z.number().int(),
    }),
    embedder: z.object({ provider: z.string(), model: z.string(), dimensions: z.number().int().nullable() }),
    mode: z.enum(["extractive", "llm"]),
    bots: z.object({ telegram: z.boolean(), zalo: z.boolean() }),
  })
  .openapi("Health");

export const LinesQuery = z
  .object({
    from: z.coerce.number().int().min(1).max(1_000_000).openapi({ example: 96 }),
    to: z.coerce.number().int().min(1).max(1_000_000).optional().openapi({ example: 100 }),
    context: z.coerce
      .number()
      .int()
      .min(0)
      .max(50)
      .default(6)
      .openapi({ description: "Số dòng kèm theo mỗi bên / lines of context on each side" }),
  })
  .strict();

export const SourceExcerpt = z
  .object({
    plan: z.string(),
    planTitle: z.string(),
    file: z.string(),
    section: z.object({ path: z.string(), heading: z.string() }).nullable(),
    from: z.number().int(),
    to: z.number().int(),
    page: z.number().int().nullable(),
    lineCount: z.number().int(),
    lines: z.array(z.object({ n: z.number().int(), text: z.string(), cited: z.boolean() })),
  })
  .openapi("SourceExcerpt");
