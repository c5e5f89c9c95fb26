/**
 * The HTTP API as a Hono app built from its dependencies: no file system, no process, no Node APIs, so
 * the same app runs under @hono/node-server and on Cloudflare Workers. Every bad request gets a 4xx JSON
 * error in Vietnamese and English; nothing a client sends produces a 500 or a stack trace.
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { methodNotAllowed } from "hono/method-not-allowed";
import { requestId } from "hono/request-id";
import type { AnswerService } from "../answer/service.ts";
import { errorMessage } from "../errors.ts";
import type { FeedbackLog } from "../feedback/log.ts";
import { filterIndicators, filterTasks } from "../plans/query.ts";
import type { Plan } from "../plans/schema.ts";
import { indicatorView, taskView } from "../plans/views.ts";
import type { EmbedderIdentity } from "../retrieval/embeddings/identity.ts";
import type { Retriever } from "../retrieval/search.ts";
import { SourceSpans } from "../text/quote.ts";
import type { DocsAssets } from "../web/docs-page.ts";
import { mountWeb, notFoundPage, wantsPage } from "../web/routes.ts";
import { excerpt } from "../web/source-lines.ts";
import type { Uploader } from "../web/upload.ts";
import type { Metrics } from "./metrics.ts";
import {
  AskRequest,
  AskResponse,
  ErrorBody,
  FeedbackRequest,
  FeedbackResponse,
  Health,
  IndicatorList,
  IndicatorsQuery,
  LinesQuery,
  PlanList,
  PlanModel,
  PlanParams,
  PlanQuery,
  SearchQuery,
  SearchResponse,
  SourceExcerpt,
  TaskList,
  TasksQuery,
} from "./schemas.ts";

/** Webhook handlers of the chat platforms that are configured (web-standard Request → Response). */
export interface WebhookHandlers {
  telegram?: (request: Request) => Promise<Response>;
  zalo?: (request: Request) => Promise<Response>;
}

export interface AppDeps {
  knowledge: {
    name: string;
    /** When the snapshot was built (ISO time), when known. */
    builtAt?: string | null;
    plans: readonly Plan[];
    chunks: readonly unknown[];
    sources: Readonly<Record<string, string>>;
    problems: readonly unknown[];
    retriever: Retriever;
    vectorIndex: "hnsw" | "exact";
    embedder: { identity: EmbedderIdentity };
  };
  answers: AnswerService;
  bots?: WebhookHandlers;
  log?: (event: Record<string, unknown>) => void;
  /** One log line per request (Node: pino through hono-pino), after the request id is set. */
  requestLog?: MiddlewareHandler;
  /** Prometheus metrics (Node): served on GET /metrics when given. */
  metrics?: Metrics;
  /** Log the text of each question with its intent (LOG_QUESTIONS, on unless 0). */
  logQuestions?: boolean;
  /** Answer feedback (Node): /v1/ask then returns an `id`, and POST /v1/feedback records a verdict on it. */
  feedback?: FeedbackLog;
  /** Swagger UI's script and stylesheet for /docs (Node: node_modules; Worker: its bundle). */
  docsAssets?: DocsAssets;
  /** Gzip the staff pages for browsers that accept it (Node; the Workers platform compresses itself). */
  compressPages?: boolean;
  /** The upload page's ingest (Node, with ADMIN_TOKEN set): /tai-len is off without it. */
  uploader?: Uploader | null;
}

export const MAX_BODY_BYTES = 16 * 1024;
/** Chat platforms send whole update objects (entities, reply chains), larger than a question. */
const BOT_MAX_BODY_BYTES = 4 * MAX_BODY_BYTES;

type ErrorJson = z.infer<typeof ErrorBody>;

function errorBody(code: string, message_vi: string, message_en: string, field?: string): ErrorJson {
  return { error: { code, message_vi, message_en, ...(field ? { field } : {}) } };
}

const FIELD_MESSAGES: Record<string, { vi: string; en: string }> = {
  question: {
    vi: "Câu hỏi (question) là bắt buộc, từ 1 đến 1000 ký tự.",
    en: "The question is required and must be 1 to 1000 characters.",
  },
  now: { vi: "Ngày «now» phải có dạng YYYY-MM-DD.", en: "“now” must be a date as YYYY-MM-DD." },
  plan: { vi: "Mã kế hoạch (plan) không hợp lệ.", en: "Invalid plan id." },
  k: { vi: "k phải là số nguyên từ 1 đến 50.", en: "k must be an integer from 1 to 50." },
  q: {
    vi: "Thiếu nội dung tìm kiếm (q), tối đa 1000 ký tự.",
    en: "The search text q is required (at most 1000 characters).",
  },
  from: { vi: "from phải là số dòng (số nguyên dương).", en: "from must be a line number." },
  to: { vi: "to phải là số dòng (số nguyên dương).", en: "to must be a line number." },
  context: { vi: "context phải là số nguyên từ 0 đến 50.", en: "context must be an integer from 0 to 50." },
  due_from: { vi: "due_from phải có dạng YYYY-MM-DD.", en: "due_from must be YYYY-MM-DD." },
  due_to: { vi: "due_to phải có dạng YYYY-MM-DD.", en: "due_to must be YYYY-MM-DD." },
};

function validationError(
  issues: ReadonlyArray<{ code: string; path: ReadonlyArray<PropertyKey>; message: string; keys?: string[] }>,
): ErrorJson {
  const issue = issues[0];
  if (issue?.code === "unrecognized_keys") {
    const keys = (issue.keys ?? []).join(", ");
    return errorBody(
      "unknown_field",
      `Trường không được hỗ trợ: ${keys}.`,
      `Unsupported field(s): ${keys}.`,
      issue.keys?.[0],
    );
  }
  const field = String(issue?.path[0] ?? "");
  const m = FIELD_MESSAGES[field];
  if (m) return errorBody("invalid_request", m.vi, m.en, field);
  if (field === "")
    return errorBody(
      "invalid_request",
      "Nội dung yêu cầu phải là một đối tượng JSON.",
      "The request body must be a JSON object.",
    );
  return errorBody("invalid_request", `Trường «${field}» không hợp lệ.`, `Invalid field “${field}”.`, field);
}

function unknownPlan(id: string, ids: string): ErrorJson {
  return errorBody(
    "unknown_plan",
    `Không có kế hoạch «${id}». Có: ${ids}.`,
    `No plan “${id}”. Available: ${ids}.`,
    "plan",
  );
}

const error = (description: string) => ({
  description,
  content: { "application/json": { schema: ErrorBody } },
});

/** Every error status a route can answer with, each with the one error body. */
const errors = {
  400: error("Yêu cầu không hợp lệ / bad request"),
  404: error("Không tìm thấy / not found"),
  405: error("Sai phương thức (kèm Allow) / method not allowed (with Allow)"),
  503: error("Tạm thời không trả lời được / temporarily unavailable"),
};
/** And for routes that take a JSON body. */
const bodyErrors = {
  ...errors,
  413: error("Nội dung quá lớn / body too large"),
  415: error("Không phải application/json / not application/json"),
};

export function createApp(deps: AppDeps): OpenAPIHono {
  const log = deps.log ?? (() => {});
  const { knowledge } = deps;
  const planById = new Map(knowledge.plans.map((p) => [p.id, p]));
  const planIdList = knowledge.plans.map((p) => p.id).join(", ");
  // The knowledge an app serves never changes: what depends only on it is computed once.
  const planList = {
    plans: knowledge.plans.map((p) => ({
      id: p.id,
      title: p.title,
      shortName: p.shortName,
      locality: p.locality,
      province: p.province,
      period: p.period,
      tasks: p.tasks.length,
      indicators: p.indicators.length,
      sections: p.sections.length,
    })),
  };
  const health = {
    status: "ok" as const,
    index: {
      snapshot: knowledge.name,
      builtAt: knowledge.builtAt ?? null,
      plans: knowledge.plans.length,
      chunks: knowledge.chunks.length,
      tasks: knowledge.plans.reduce((n, p) => n + p.tasks.length, 0),
      indicators: knowledge.plans.reduce((n, p) => n + p.indicators.length, 0),
      vectorIndex: knowledge.vectorIndex,
      skippedFiles: knowledge.problems.length,
    },
    embedder: knowledge.embedder.identity,
    mode: deps.answers.mode,
    bots: { telegram: Boolean(deps.bots?.telegram), zalo: Boolean(deps.bots?.zalo) },
  };

  const app = new OpenAPIHono({
    defaultHook: (result, c) => {
      if (!result.success) return c.json(validationError(result.error.issues as never), 400);
    },
  });

  // Every response carries X-Request-Id (the client's own when it sent a valid one), and so do its log lines.
  app.use("*", requestId());
  if (deps.requestLog) app.use("*", deps.requestLog);
  const metrics = deps.metrics;
  if (metrics) {
    app.use("*", metrics.middleware);
    app.get("/metrics", (c) => metrics.print(c));
  }

  for (const [path, maxSize] of [
    ["/v1/*", MAX_BODY_BYTES],
    ["/bot/*", BOT_MAX_BODY_BYTES],
  ] as const) {
    app.use(path, bodyLimit({ maxSize, onError: (c) => c.json(tooLarge(maxSize), 413) }));
  }

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/ask",
      operationId: "ask",
      tags: ["Hỏi đáp / answers"],
      summary: "Hỏi đáp có trích dẫn / cited answer",
      request: { body: { required: true, content: { "application/json": { schema: AskRequest } } } },
      responses: {
        200: { description: "Câu trả lời", content: { "application/json": { schema: AskResponse } } },
        ...bodyErrors,
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      if (body.plan && !planById.has(body.plan)) return c.json(unknownPlan(body.plan, planIdList), 404);
      const started = performance.now();
      const input = {
        question: body.question,
        ...(body.plan ? { plan: body.plan } : {}),
        ...(body.now ? { now: body.now } : {}),
      };
      const result = deps.answers.converse
        ? await deps.answers.converse(input, body.conversation)
        : await deps.answers.ask(input);
      log({
        event: "ask",
        reqId: c.get("requestId"),
        intent: result.intent,
        abstained: result.abstained,
        mode: result.mode,
        ms: Math.round(performance.now() - started),
        ...(deps.logQuestions ? { question: body.question } : {}),
      });
      deps.metrics?.answered(result);
      const id = await deps.feedback?.given(body.question, result);
      return c.json(id ? { ...result, id } : result, 200);
    },
  );

  if (deps.feedback) {
    const feedback = deps.feedback;
    app.openapi(
      createRoute({
        method: "post",
        path: "/v1/feedback",
        operationId: "feedback",
        tags: ["Hỏi đáp / answers"],
        summary: "Đánh giá câu trả lời / rate an answer",
        request: { body: { required: true, content: { "application/json": { schema: FeedbackRequest } } } },
        responses: {
          200: { description: "Đã ghi nhận", content: { "application/json": { schema: FeedbackResponse } } },
          ...bodyErrors,
        },
      }),
      async (c) => {
        const body = c.req.valid("json");
        if (!(await feedback.record(body.id, body.verdict, body.comment)))
          return c.json(
            errorBody(
              "unknown_answer",
              "Không tìm thấy câu trả lời có mã này (có thể đã quá lâu). Hãy hỏi lại rồi đánh giá.",
              "No answer with this id (it may be too old). Ask again, then rate the answer.",
              "id",
            ),
            404,
          );
        return c.json({ ok: true as const }, 200);
      },
    );
  }

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/plans",
      operationId: "listPlans",
      tags: ["Kế hoạch / plans"],
      summary: "Danh sách kế hoạch / plans",
      responses: {
        200: { description: "Các kế hoạch", content: { "application/json": { schema: PlanList } } },
        405: errors[405],
        503: errors[503],
      },
    }),
    (c) => c.json(planList, 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/plans/{id}",
      operationId: "getPlan",
      tags: ["Kế hoạch / plans"],
      summary: "Một kế hoạch đầy đủ / one plan",
      request: { params: PlanParams, query: PlanQuery },
      responses: {
        200: {
          description: "Kế hoạch (không kèm nội dung mục trừ khi ?include=text) / the plan model",
          content: { "application/json": { schema: PlanModel } },
        },
        ...errors,
      },
    }),
    (c) => {
      const { id } = c.req.valid("param");
      const { include } = c.req.valid("query");
      const plan = planById.get(id);
      if (!plan) return c.json(unknownPlan(id, planIdList), 404);
      if (include === "text") return c.json(plan as never, 200);
      // The model without the sections' text, which can be large: ?include=text adds it.
      const sections = plan.sections.map(({ paragraphs, ...section }) => ({
        ...section,
        paragraphCount: paragraphs.length,
      }));
      return c.json({ ...plan, sections } as never, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/plans/{id}/lines",
      operationId: "getPlanLines",
      tags: ["Kế hoạch / plans"],
      summary: "Nguyên văn các dòng của kế hoạch / a plan's own lines",
      description:
        "Các dòng from–to của tệp kế hoạch (như trích dẫn ghi), kèm vài dòng trước và sau, mục và trang. / Lines from–to of the plan's file as a citation names them, with context, section and page.",
      request: { params: PlanParams, query: LinesQuery },
      responses: {
        200: { description: "Các dòng", content: { "application/json": { schema: SourceExcerpt } } },
        ...errors,
      },
    }),
    (c) => {
      const { id } = c.req.valid("param");
      const q = c.req.valid("query");
      const plan = planById.get(id);
      if (!plan) return c.json(unknownPlan(id, planIdList), 404);
      const to = q.to ?? q.from;
      if (to < q.from)
        return c.json(
          errorBody("invalid_request", "from phải nhỏ hơn hoặc bằng to.", "from must not exceed to.", "from"),
          400,
        );
      if (q.from > plan.lineCount && q.from > 1)
        return c.json(
          errorBody(
            "invalid_request",
            `Kế hoạch chỉ có ${plan.lineCount} dòng.`,
            `The plan has only ${plan.lineCount} lines.`,
            "from",
          ),
          400,
        );
      return c.json(excerpt(plan, knowledge.sources, q.from, to, q.context), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/tasks",
      operationId: "listTasks",
      tags: ["Tra cứu / lookups"],
      summary: "Tra cứu nhiệm vụ / tasks by plan, unit, text, deadline",
      request: { query: TasksQuery },
      responses: {
        200: { description: "Nhiệm vụ", content: { "application/json": { schema: TaskList } } },
        ...errors,
      },
    }),
    (c) => {
      const q = c.req.valid("query");
      if (q.plan && !planById.has(q.plan)) return c.json(unknownPlan(q.plan, planIdList), 404);
      if (q.due_from && q.due_to && q.due_from > q.due_to) {
        return c.json(
          errorBody(
            "invalid_request",
            "due_from phải trước due_to.",
            "due_from must not be after due_to.",
            "due_from",
          ),
          400,
        );
      }
      const hits = filterTasks(knowledge.plans, {
        ...(q.plan ? { plan: q.plan } : {}),
        ...(q.unit ? { unit: q.unit } : {}),
        ...(q.q ? { q: q.q } : {}),
        ...(q.due_from ? { dueFrom: q.due_from } : {}),
        ...(q.due_to ? { dueTo: q.due_to } : {}),
      });
      return c.json(
        {
          tasks: hits.map(({ plan, task, role }) => ({ ...taskView(plan, task), role })),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/indicators",
      operationId: "listIndicators",
      tags: ["Tra cứu / lookups"],
      summary: "Tra cứu chỉ tiêu / indicators",
      request: { query: IndicatorsQuery },
      responses: {
        200: { description: "Chỉ tiêu", content: { "application/json": { schema: IndicatorList } } },
        ...errors,
      },
    }),
    (c) => {
      const q = c.req.valid("query");
      if (q.plan && !planById.has(q.plan)) return c.json(unknownPlan(q.plan, planIdList), 404);
      const hits = filterIndicators(knowledge.plans, {
        ...(q.plan ? { plan: q.plan } : {}),
        ...(q.q ? { q: q.q } : {}),
      });
      return c.json(
        {
          indicators: hits.map(({ plan, indicator }) => indicatorView(plan, indicator)),
        },
        200,
      );
    },
  );

  const spans = new SourceSpans(knowledge.sources);

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/search",
      operationId: "searchPassages",
      tags: ["Tra cứu / lookups"],
      summary: "Tìm đoạn văn / hybrid passage search",
      request: { query: SearchQuery },
      responses: {
        200: { description: "Đoạn văn", content: { "application/json": { schema: SearchResponse } } },
        ...errors,
      },
    }),
    async (c) => {
      const { q, k } = c.req.valid("query");
      const hits = await knowledge.retriever.search(q, { k });
      return c.json(
        {
          results: hits.map((h) => ({
            plan: h.plan.id,
            planTitle: h.plan.title,
            section: h.chunk.section,
            lines: h.chunk.lines,
            // The file's own lines, as a citation would show them.
            text: spans.text(h.plan.id, h.chunk.lines[0], h.chunk.lines[1]),
            score: Number(h.score.toFixed(6)),
          })),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/health",
      operationId: "getHealth",
      tags: ["Vận hành / operations"],
      summary: "Tình trạng / health",
      responses: {
        200: { description: "OK", content: { "application/json": { schema: Health } } },
        405: errors[405],
        503: errors[503],
      },
    }),
    (c) => c.json(health, 200),
  );

  for (const platform of ["telegram", "zalo"] as const) {
    const handler = deps.bots?.[platform];
    app.post(`/bot/${platform}`, async (c) => {
      if (!handler) {
        return c.json(
          errorBody(
            "bot_disabled",
            `Bot ${platform} chưa được cấu hình trên máy chủ này.`,
            `The ${platform} bot is not configured on this server.`,
          ),
          404,
        );
      }
      // Through the context, so that the response keeps the headers set on the way in (X-Request-Id).
      const res = await handler(c.req.raw);
      return c.newResponse(res.body, res);
    });
  }

  // The chat webhooks are plain routes (each platform posts its own update format): documented here.
  for (const [platform, header, name] of [
    ["telegram", "X-Telegram-Bot-Api-Secret-Token", "Telegram"],
    ["zalo", "X-Bot-Api-Secret-Token", "Zalo"],
  ] as const) {
    app.openAPIRegistry.registerComponent("securitySchemes", `${platform}Secret`, {
      type: "apiKey",
      in: "header",
      name: header,
      description: `${platform.toUpperCase()}_WEBHOOK_SECRET, gửi kèm mỗi cập nhật / sent with every update`,
    });
    app.openAPIRegistry.registerPath({
      method: "post",
      path: `/bot/${platform}`,
      operationId: `${platform}Webhook`,
      tags: ["Bot trò chuyện / chat bots"],
      summary: `Webhook ${name}`,
      description: `Nhận cập nhật của ${name}; trả lời ngay, câu trả lời được gửi qua API của ${name}. / Receives ${name} updates; acknowledged at once, answered through the ${name} API.`,
      security: [{ [`${platform}Secret`]: [] }],
      request: {
        body: { required: true, content: { "application/json": { schema: z.object({}).passthrough() } } },
      },
      responses: {
        200: { description: "Đã nhận / acknowledged" },
        401: { description: "Sai hoặc thiếu khóa bí mật / wrong or missing secret" },
        ...bodyErrors,
      },
    });
  }

  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Trợ lý kế hoạch chuyển đổi số cấp xã",
      version: "0.1.0",
      description:
        "Hỏi đáp có trích dẫn và tra cứu nhiệm vụ, chỉ tiêu trong kế hoạch chuyển đổi số của xã, phường, đặc khu.",
      // OpenAPI 3.1 licence by SPDX identifier (the generator's types predate 3.1's field).
      license: { name: "Proprietary", identifier: "LicenseRef-Proprietary" } as { name: string },
    },
    servers: [{ url: "http://127.0.0.1:8787", description: "npm start (HOST, PORT)" }],
    // The API itself is open on the network it listens on; only the webhooks carry a secret.
    security: [{}],
    tags: [
      { name: "Hỏi đáp / answers", description: "Câu trả lời có trích dẫn / cited answers" },
      { name: "Kế hoạch / plans", description: "Mô hình kế hoạch đã đọc / the parsed plan model" },
      {
        name: "Tra cứu / lookups",
        description: "Nhiệm vụ, chỉ tiêu, đoạn văn / tasks, indicators, passages",
      },
      { name: "Bot trò chuyện / chat bots", description: "Webhook Telegram và Zalo / chat webhooks" },
      { name: "Vận hành / operations", description: "Tình trạng dịch vụ / service health" },
    ],
  });

  mountWeb(app, {
    plans: knowledge.plans,
    sources: knowledge.sources,
    feedback: Boolean(deps.feedback),
    docsAssets: deps.docsAssets,
    compress: deps.compressPages,
    uploader: deps.uploader,
  });

  app.notFound((c) =>
    wantsPage(c)
      ? notFoundPage(c, Boolean(deps.uploader))
      : c.json(
          errorBody(
            "not_found",
            `Không có đường dẫn ${c.req.path}.`,
            `No route ${c.req.method} ${c.req.path}.`,
          ),
          404,
        ),
  );
  app.use(
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c: Context, methods: string[]) =>
        c.json(
          errorBody(
            "method_not_allowed",
            `Phương thức ${c.req.method} không dùng được cho ${c.req.path} (dùng ${methods.join(", ")}).`,
            `Method ${c.req.method} is not allowed on ${c.req.path} (use ${methods.join(", ")}).`,
          ),
          405,
          { Allow: methods.join(", ") },
        ),
    }),
  );
  app.onError((err, c) => {
    if (err instanceof HTTPException) {
      if (err.status === 415) {
        return c.json(
          errorBody(
            "unsupported_media_type",
            "Gửi nội dung dạng application/json.",
            "Send the body as application/json.",
          ),
          415,
        );
      }
      if (err.status === 400) {
        return c.json(
          errorBody(
            "invalid_json",
            "Nội dung gửi lên không phải JSON hợp lệ.",
            "The request body is not valid JSON.",
          ),
          400,
        );
      }
      return c.json(
        errorBody("http_error", "Yêu cầu không được chấp nhận.", "The request was not accepted."),
        err.status,
      );
    }
    log({ event: "error", reqId: c.get("requestId"), message: errorMessage(err) });
    // A fault of ours is reported as a temporary outage, never with internals.
    return c.json(
      errorBody(
        "unavailable",
        "Hệ thống tạm thời chưa trả lời được yêu cầu này, vui lòng thử lại sau.",
        "The service could not handle this request right now; please try again later.",
      ),
      503,
    );
  });
  return app;
}

function tooLarge(maxBytes: number): ErrorJson {
  return errorBody(
    "payload_too_large",
    `Nội dung gửi lên quá lớn (tối đa ${maxBytes / 1024} KB).`,
    `The request body is too large (at most ${maxBytes / 1024} KB).`,
  );
}
