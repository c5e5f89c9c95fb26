/**
 * The part Telegram's and Zalo's fake Bot APIs share: a real HTTP server on 127.0.0.1 routing
 * `POST /bot<token>/<method>` with JSON bodies, a record of every call, failures queued per method and a
 * queue of updates for getUpdates. Each fake supplies only how its platform answers a method.
 */
import { createServer, type Server } from "node:http";
import { listenLocal, readJson, sendJson } from "./http.ts";

export interface BotApiCall {
  method: string;
  body: Record<string, unknown>;
  /** 200 for a success, else the envelope's error_code (the platform's real outcome). */
  status: number;
  /** Date.now() when the request arrived. */
  at: number;
}

export interface BotApiFailure {
  status?: number;
  /** Seconds the platform tells the client to wait (429 only). */
  retryAfter?: number;
  description?: string;
}

export interface BotApiReply {
  status: number;
  payload: unknown;
  headers?: Record<string, string>;
}

export type Update = Record<string, unknown>;

export interface BotApiState {
  /** Pending updates; a handler may take from it or filter it. */
  updates: Update[];
}

/** How a platform answers one method; `failure` is set when the test queued one for this call. */
export type BotApiHandler = (
  method: string,
  body: Record<string, unknown>,
  state: BotApiState,
  failure: (BotApiFailure & { status: number }) | undefined,
) => Promise<BotApiReply>;

export interface FakeBotApi {
  /** API root for the client (`TELEGRAM_API_ROOT`, `ZALO_API_ROOT`). */
  url: string;
  token: string;
  calls: BotApiCall[];
  /** Calls of one method, optionally only the successful ones. */
  sent(method: string, okOnly?: boolean): BotApiCall[];
  /** The next `times` calls of `method` fail (default: 429). */
  failNext(method: string, times: number, failure?: BotApiFailure): void;
  queueUpdates(...updates: Update[]): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startBotApi(token: string, handle: BotApiHandler): Promise<FakeBotApi> {
  const calls: BotApiCall[] = [];
  const failures = new Map<string, Array<BotApiFailure & { status: number }>>();
  const state: BotApiState = { updates: [] };

  const server: Server = createServer(async (req, res) => {
    const at = Date.now();
    const body = await readJson(req);
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/u.exec((req.url ?? "/").replace(/\?.*$/u, ""));
    const reply = ({ status, payload, headers = {} }: BotApiReply) => sendJson(res, status, payload, headers);
    if (req.method !== "POST" || !m) {
      reply({ status: 404, payload: { ok: false, error_code: 404, description: "Not Found" } });
      return;
    }
    const method = m[2] as string;
    if (m[1] !== token) {
      calls.push({ method, body, status: 401, at });
      reply({ status: 401, payload: { ok: false, error_code: 401, description: "Unauthorized" } });
      return;
    }
    const answer = await handle(method, body, state, failures.get(method)?.shift());
    const envelope = answer.payload as { ok?: boolean; error_code?: number };
    calls.push({ method, body, status: envelope.ok ? 200 : (envelope.error_code ?? answer.status), at });
    reply(answer);
  });
  const { port, close } = await listenLocal(server);

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    calls,
    sent: (method, okOnly = false) =>
      calls.filter((c) => c.method === method && (!okOnly || c.status === 200)),
    failNext(method, times, failure = {}) {
      const queue = failures.get(method) ?? [];
      for (let i = 0; i < times; i++) queue.push({ status: 429, ...failure });
      failures.set(method, queue);
    },
    queueUpdates: (...u) => {
      state.updates.push(...u);
    },
    reset() {
      calls.length = 0;
      failures.clear();
      state.updates = [];
    },
    close,
  };
}
