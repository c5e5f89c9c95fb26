/**
 * Wiring for Node: knowledge from the data directory, the answer service (extractive, or an
 * OpenAI-compatible LLM when configured), the chat adapters that are configured, and the Hono app.
 */
import type { Duplex } from "node:stream";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Answering, AnswerService } from "../answer/service.ts";
import { createApp } from "../api/app.ts";
import { createMetrics } from "../api/metrics.ts";
import { buildBots } from "../bots/node.ts";
import type { Config } from "../config.ts";
import { scheduleDigests } from "../digest/schedule.ts";
import { sendDigests } from "../digest/send.ts";
import { feedbackIn } from "../feedback/log.ts";
import type { Plan } from "../plans/schema.ts";
import { buildAnswering } from "./answers.ts";
import { nodeDocsAssets } from "./docs-assets.ts";
import { type Knowledge, loadKnowledge } from "./knowledge.ts";
import { corpusChanges, type Live, liveSnapshot } from "./live.ts";
import { eventLog, httpLog, type Logger, lineLog } from "./logger.ts";
import { createUploader } from "./upload.ts";

export interface BuiltServer {
  /** The app of the snapshot in use now (swapped when an ingest makes a new one current). */
  app(): OpenAPIHono;
  /** Every request goes to the app of the snapshot in use when it arrives. */
  fetch: (request: Request, env?: object) => Response | Promise<Response>;
  knowledge(): Knowledge;
  mode: "extractive" | "llm";
  /** Read data/CURRENT now and swap in a new snapshot; true when one was swapped in. */
  reload: () => Promise<boolean>;
  close: () => Promise<void>;
  /** At a shutdown out of time: the chat updates still being answered, written for the next start. */
  savePending: () => number;
  /** Publishes Telegram's command menu when the bot is configured (best effort, logged). */
  publishCommands: () => Promise<void>;
}

export async function buildServer(config: Config, logger: Logger): Promise<BuiltServer> {
  const log = lineLog(logger);
  const first = await buildAnswering(config, log);
  const logEvent = eventLog(logger);
  const requestLog = httpLog(logger);
  // Bots keep one list of plans and one answer service, which follow the snapshot in use.
  const plans: Plan[] = [...first.knowledge.plans];
  const following: AnswerService = {
    mode: first.answers.mode,
    ask: (input) => live.current().answers.ask(input),
    converse: (input, conversation) => live.current().answers.converse(input, conversation),
  };
  // Chat webhooks for the platforms whose tokens are set; building them makes no network call.
  // Verdicts on answers, shared across snapshots: an answer given before a reload can still be rated.
  const feedback = feedbackIn(config.dataDir);
  const bots = buildBots(config, { plans, answers: following, log: logEvent, feedback });
  // Deadline digests to the chats subscribed with /nhac, at DIGEST_CRON, when a bot is configured.
  const digests =
    bots.telegram || bots.zalo
      ? scheduleDigests({
          cron: config.digest.cron,
          timezone: config.digest.timezone,
          log: logEvent,
          run: (today) =>
            sendDigests({ plans, store: bots.subscriptions, channels: bots.push, today, log: logEvent }),
        })
      : undefined;
  // One set of metrics across snapshots; the snapshot's age is read from the one in use.
  const metrics = createMetrics(() => live.current().knowledge.builtAt);
  const docsAssets = nodeDocsAssets();
  // Plan upload from /tai-len, when ADMIN_TOKEN is set: ingests into the data directory, then swaps live.
  const uploader = createUploader({
    config,
    embedder: first.knowledge.embedder,
    reload: () => live.check(),
    log: logEvent,
  });
  const serve = (knowledge: Knowledge, service: Answering) => ({
    knowledge,
    answers: service,
    app: createApp({
      knowledge,
      answers: service,
      bots: bots.handlers,
      log: logEvent,
      requestLog,
      metrics,
      logQuestions: config.logQuestions,
      feedback,
      docsAssets,
      compressPages: true,
      uploader,
    }),
  });
  const live: Live<ReturnType<typeof serve>> = liveSnapshot(
    first.knowledge.name,
    serve(first.knowledge, first.answers),
    {
      dataDir: config.dataDir,
      log: logEvent,
      build: async (name) => {
        const knowledge = await loadKnowledge(config, { embedder: first.knowledge.embedder, name });
        const next = serve(knowledge, first.serviceFor(knowledge));
        plans.splice(0, plans.length, ...knowledge.plans);
        return next;
      },
    },
  );
  // Updates an earlier process acknowledged but could not answer before it stopped.
  void bots
    .resume()
    .catch((err: unknown) => logEvent({ event: "pending_updates_error", message: String(err) }));
  const changed = await corpusChanges(config, first.knowledge);
  if (changed.length > 0)
    log(
      `Cảnh báo: kho kế hoạch đã thay đổi sau khi tạo chỉ mục (${changed.join(", ")}); chạy "npm run ingest" để cập nhật.
` + `Warning: the corpus changed since the index was built (${changed.join(", ")}); run "npm run ingest".`,
    );
  return {
    app: () => live.current().app,
    fetch: (request, env) => live.current().app.fetch(request, env),
    knowledge: () => live.current().knowledge,
    mode: first.answers.mode,
    reload: () => live.check(),
    close: async () => {
      digests?.stop();
      live.close();
      await bots.close();
    },
    savePending: () => bots.savePending(),
    publishCommands: async () => {
      await bots.telegram?.publishCommands();
    },
  };
}

/**
 * `CONNECT` (a proxy tunnel) never reaches the app: Node hands the raw socket to a "connect" listener,
 * and with none it closes the socket without a word. It is answered 405 like any other wrong method.
 */
export function refuseConnect(server: {
  on(event: "connect", listener: (req: unknown, socket: Duplex) => void): unknown;
}) {
  server.on("connect", (_req, socket) => {
    const body = JSON.stringify({
      error: {
        code: "method_not_allowed",
        message_vi: "Phương thức CONNECT không được hỗ trợ.",
        message_en: "The CONNECT method is not supported.",
      },
    });
    socket.end(
      `HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, POST\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
