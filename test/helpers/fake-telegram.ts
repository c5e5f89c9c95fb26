/**
 * A fake Telegram Bot API on 127.0.0.1 for tests: `POST /bot<token>/<method>` with JSON bodies, answered
 * in the Bot API envelope. Records every call; can be told to fail a method N times (429 with
 * retry_after, or a 5xx); serves getMe, sendMessage, sendChatAction, deleteWebhook and getUpdates (from a
 * queue of updates, honouring `offset`).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface TelegramCall {
  method: string;
  body: Record<string, unknown>;
  /** HTTP status the fake answered with. */
  status: number;
  /** Date.now() when the request arrived. */
  at: number;
}

export interface TelegramFailure {
  status?: number;
  /** Seconds, sent as parameters.retry_after (429 only). */
  retryAfter?: number;
  description?: string;
}

export interface FakeTelegram {
  /** Bot API root for the client (`TELEGRAM_API_ROOT`). */
  url: string;
  token: string;
  me: Record<string, unknown>;
  calls: TelegramCall[];
  /** Calls of one method, optionally only the successful ones. */
  sent(method: string, okOnly?: boolean): TelegramCall[];
  /** The next `times` calls of `method` fail (default: 429 with retry_after 1). */
  failNext(method: string, times: number, failure?: TelegramFailure): void;
  /** Updates getUpdates will hand out (update_id ≥ offset). */
  queueUpdates(...updates: Array<Record<string, unknown>>): void;
  reset(): void;
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { _raw: text };
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

export const FAKE_TELEGRAM_ME = {
  id: 4242,
  is_bot: true,
  first_name: "Trợ lý CĐS",
  username: "kb_test_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

export async function startFakeTelegram(
  token = "123456:TEST-token",
  me: Record<string, unknown> = FAKE_TELEGRAM_ME,
): Promise<FakeTelegram> {
  const calls: TelegramCall[] = [];
  const failures = new Map<string, Array<Required<Pick<TelegramFailure, "status">> & TelegramFailure>>();
  let updates: Array<Record<string, unknown>> = [];
  let nextMessageId = 90_000;

  const answer = async (method: string, body: Record<string, unknown>): Promise<[number, unknown]> => {
    const queue = failures.get(method);
    const failure = queue?.shift();
    if (failure) {
      const code = failure.status;
      return [
        code,
        {
          ok: false,
          error_code: code,
          description:
            failure.description ??
            (code === 429
              ? `Too Many Requests: retry after ${failure.retryAfter ?? 1}`
              : "Internal Server Error"),
          ...(code === 429 ? { parameters: { retry_after: failure.retryAfter ?? 1 } } : {}),
        },
      ];
    }
    switch (method) {
      case "getMe":
        return [200, { ok: true, result: me }];
      case "sendMessage": {
        const chatId = body.chat_id as number | string;
        return [
          200,
          {
            ok: true,
            result: {
              message_id: ++nextMessageId,
              date: Math.floor(Date.now() / 1000),
              chat: { id: chatId, type: Number(chatId) < 0 ? "supergroup" : "private" },
              from: { id: me.id, is_bot: true, first_name: me.first_name, username: me.username },
              text: body.text,
            },
          },
        ];
      }
      case "sendChatAction":
      case "deleteWebhook":
      case "setWebhook":
        return [200, { ok: true, result: true }];
      case "getUpdates": {
        const offset = Number(body.offset ?? 0);
        updates = updates.filter((u) => Number(u.update_id) >= offset);
        if (updates.length === 0) {
          // A short long poll: enough to avoid a busy loop, short enough for stop() to be quick.
          const wait = Math.min(Number(body.timeout ?? 0), 0.2) * 1000;
          await new Promise((r) => setTimeout(r, wait));
        }
        const limit = Number(body.limit ?? 100);
        return [200, { ok: true, result: updates.slice(0, limit) }];
      }
      default:
        return [404, { ok: false, error_code: 404, description: "Not Found: method not found" }];
    }
  };

  const server: Server = createServer(async (req, res) => {
    const at = Date.now();
    const body = await readJson(req);
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/u.exec((req.url ?? "/").replace(/\?.*$/u, ""));
    if (req.method !== "POST" || !m) {
      send(res, 404, { ok: false, error_code: 404, description: "Not Found" });
      return;
    }
    if (m[1] !== token) {
      calls.push({ method: m[2] as string, body, status: 401, at });
      send(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
      return;
    }
    const method = m[2] as string;
    const [status, payload] = await answer(method, body);
    calls.push({ method, body, status, at });
    send(res, status, payload);
  });
  // grammY reuses sockets; Node's 5 s default would hand it a stale one between tests.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    me,
    calls,
    sent: (method, okOnly = false) =>
      calls.filter((c) => c.method === method && (!okOnly || c.status === 200)),
    failNext(method, times, failure = {}) {
      const queue = failures.get(method) ?? [];
      for (let i = 0; i < times; i++) queue.push({ status: 429, ...failure });
      failures.set(method, queue);
    },
    queueUpdates: (...u) => {
      updates.push(...u);
    },
    reset() {
      calls.length = 0;
      failures.clear();
      updates = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
