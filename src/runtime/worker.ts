/**
 * The same API on Cloudflare Workers. The snapshot is not in the script: it is read from D1 (see d1.ts;
 * loaded by `npm run worker:load`) on an isolate's first request and again when D1 holds a newer one,
 * so a corpus change is a data load, not a redeploy. Native hnswlib cannot load there, so vectors are
 * searched by the exact scan, within the question's scope; everything else (understanding, answers, the
 * Hono app, the pages) is the same code as on Node.
 *
 * With D1 bound, the chat bots whose tokens are in the env answer on /bot/telegram and /bot/zalo
 * (worker-bots.ts): a webhook is acknowledged at once and answered after, the isolate kept alive with
 * `waitUntil` until the answer is sent. The Cron Triggers (wrangler.toml) send the deadline digests.
 */
import { createAnswering } from "../answer/service.ts";
import { todayInVietnam } from "../answer/window.ts";
import { createApp } from "../api/app.ts";
import type { Answers } from "../bots/core.ts";
import type { Plan } from "../plans/schema.ts";
import { sameEmbedder } from "../retrieval/embeddings/identity.ts";
import { LocalHashEmbeddings } from "../retrieval/embeddings/local.ts";
import { Retriever } from "../retrieval/search.ts";
import { ExactVectorIndex } from "../retrieval/vector.ts";
import type { DocsAssetName } from "../web/docs-page.ts";
import { type D1Like, d1SnapshotName, readD1, type WorkerData } from "./d1.ts";
import { createWorkerBots, type WorkerBots } from "./worker-bots.ts";

/** Swagger UI's files, imported as text by the generated entry (npm run build:worker), for /docs. */
export type WorkerDocsAssets = Partial<Record<DocsAssetName, string>>;

export interface WorkerEnv {
  DB?: D1Like;
  /** Vars and secrets: the chat platforms' settings under Node's names (TELEGRAM_BOT_TOKEN, …). */
  [name: string]: unknown;
}

/** The parts of the Workers runtime's ExecutionContext and ScheduledController used here. */
export interface WorkerContext {
  waitUntil(promise: Promise<unknown>): void;
}
export interface WorkerSchedule {
  cron: string;
  /** When the trigger was due (ms since the epoch): the digests are of that day in Vietnam. */
  scheduledTime: number;
}

export interface WorkerSource {
  /** The snapshot to answer from. */
  load(env: WorkerEnv): Promise<WorkerData>;
  /** The name of the snapshot the source holds now (cheap), or null: a new name is loaded. */
  version(env: WorkerEnv): Promise<string | null>;
}

/** D1, as bound in wrangler.toml (binding "DB"). */
export const D1_SOURCE: WorkerSource = {
  load: (env) => {
    if (!env.DB) throw new Error("no D1 database is bound as DB (wrangler.toml [[d1_databases]])");
    return readD1(env.DB);
  },
  version: async (env) => (env.DB ? d1SnapshotName(env.DB) : null),
};

/** How often an isolate asks D1 whether a newer snapshot was loaded. */
const RECHECK_MS = 30_000;

function knowledgeOf(data: WorkerData) {
  const embeddings = new LocalHashEmbeddings({ dimensions: data.embedder.dimensions ?? undefined });
  if (!sameEmbedder(data.embedder, embeddings.identity)) {
    throw new Error(`the snapshot was embedded with ${data.embedder.provider}/${data.embedder.model}`);
  }
  const vectors = new ExactVectorIndex(data.vectors, embeddings.dimensions);
  const retriever = new Retriever(data.plans, data.chunks, embeddings, vectors);
  return { ...data, retriever, vectorIndex: vectors.kind, embedder: { identity: embeddings.identity } };
}

const unavailable = (why: string) =>
  new Response(
    JSON.stringify({
      error: {
        code: "no-index",
        message_vi: "Trợ lý chưa có dữ liệu kế hoạch (chưa nạp vào D1). Hãy chạy «npm run worker:load».",
        message_en: `No plan data yet (${why}). Run "npm run worker:load".`,
      },
    }),
    { status: 503, headers: { "content-type": "application/json; charset=utf-8", "retry-after": "30" } },
  );

/** One JSON line per event: what Workers Logs and `wrangler tail` show. */
const log = (event: Record<string, unknown>) => console.log(JSON.stringify(event));

export interface Worker {
  fetch(request: Request, env?: WorkerEnv, ctx?: WorkerContext): Promise<Response>;
  scheduled(schedule: WorkerSchedule, env?: WorkerEnv, ctx?: WorkerContext): Promise<void>;
}

export function createWorker(source: WorkerSource, docs: WorkerDocsAssets = {}): Worker {
  // Written by refresh(), which runs inside fetch: declared wide so that no narrowing outlives an await.
  let current = null as {
    name: string;
    app: ReturnType<typeof createApp>;
    answers: ReturnType<typeof createAnswering>;
  } | null;
  let checkedAt = 0;
  let loading: Promise<void> | null = null;
  // The bots live as long as the isolate, across snapshots: they answer from the one in use.
  let bots: WorkerBots | null | undefined;
  const plans: Plan[] = [];
  const following: Answers = {
    ask: (input) => inUse().answers.ask(input),
    converse: (input, conversation) => inUse().answers.converse(input, conversation),
  };
  const inUse = () => {
    if (!current) throw new Error("no snapshot loaded");
    return current;
  };
  const bundled = Object.keys(docs).length > 0;
  const refresh = async (env: WorkerEnv) => {
    const name = await source.version(env);
    checkedAt = Date.now();
    if (current && name === current.name) return;
    const data = await source.load(env);
    const knowledge = knowledgeOf(data);
    bots ??= env.DB ? createWorkerBots(env, env.DB, { plans, answers: following, log }) : null;
    const answers = createAnswering(knowledge, bots ? { conversations: bots.conversations } : {});
    plans.splice(0, plans.length, ...knowledge.plans);
    current = {
      name: data.name,
      answers,
      app: createApp({
        knowledge,
        answers,
        ...(bots ? { bots: bots.handlers, feedback: bots.feedback } : {}),
        ...(bundled ? { docsAssets: async (file: DocsAssetName) => docs[file] ?? null } : {}),
      }),
    };
  };
  /** The snapshot is loaded and recent enough; else why not. */
  const ready = async (env: WorkerEnv): Promise<string | null> => {
    if (!current || Date.now() - checkedAt > RECHECK_MS) {
      // One load at a time per isolate; requests meanwhile wait for it.
      loading ??= refresh(env).finally(() => {
        loading = null;
      });
      try {
        await loading;
      } catch (err) {
        // A failed re-check keeps serving what was loaded; with nothing loaded, say why.
        if (!current) return err instanceof Error ? err.message : String(err);
      }
    }
    return current ? null : "no snapshot loaded";
  };
  return {
    fetch: async (request, env = {}, ctx) => {
      const why = await ready(env);
      if (why !== null || !current) return unavailable(why ?? "no snapshot loaded");
      const response = await current.app.fetch(request);
      // A webhook's answer is sent after the platform is acknowledged; the isolate waits for it.
      if (bots && ctx) ctx.waitUntil(bots.idle());
      return response;
    },
    scheduled: async (schedule, env = {}) => {
      const why = await ready(env);
      if (why !== null || !bots) {
        log({ event: "scheduled_skipped", cron: schedule.cron, reason: why ?? "no D1 database is bound" });
        return;
      }
      await bots.scheduled(todayInVietnam(new Date(schedule.scheduledTime)));
    },
  };
}
