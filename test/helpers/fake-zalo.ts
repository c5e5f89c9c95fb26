/**
 * A fake Zalo Bot Platform API on 127.0.0.1 for tests: `POST /bot<token>/<method>` with JSON bodies,
 * answered in the `{ok,result}` / `{ok:false,error_code,description}` envelope. Records every call; can be
 * told to fail a method N times (HTTP 429 with a Retry-After header, or a 5xx); getUpdates hands out one
 * queued update per call and answers 408 when there is none (as the platform does on a poll timeout).
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ZaloCall {
  method: string;
  body: Record<string, unknown>;
  status: number;
  at: number;
}

export interface ZaloFailure {
  status?: number;
  /** Seconds, sent as a Retry-After header (429 only). */
  retryAfter?: number;
}

export interface FakeZalo {
  url: string;
  token: string;
  calls: ZaloCall[];
  sent(method: string, okOnly?: boolean): ZaloCall[];
  failNext(method: string, times: number, failure?: ZaloFailure): void;
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

export const FAKE_ZALO_ME = {
  id: "1459232241454765289",
  account_name: "bot.TestCds",
  display_name: "Trợ lý CĐS",
  account_type: "BASIC",
  can_join_groups: true,
};

export async function startFakeZalo(token = "1459232241454765289:TestSecret"): Promise<FakeZalo> {
  const calls: ZaloCall[] = [];
  const failures = new Map<string, Array<ZaloFailure & { status: number }>>();
  let updates: Array<Record<string, unknown>> = [];
  let n = 0;

  const answer = async (
    method: string,
    body: Record<string, unknown>,
  ): Promise<[number, unknown, Record<string, string>]> => {
    const failure = failures.get(method)?.shift();
    if (failure) {
      const headers: Record<string, string> =
        failure.status === 429 && failure.retryAfter !== undefined
          ? { "retry-after": String(failure.retryAfter) }
          : {};
      const description = failure.status === 429 ? "Too many requests" : "Internal server error";
      return [failure.status, { ok: false, error_code: failure.status, description }, headers];
    }
    switch (method) {
      case "getMe":
        return [200, { ok: true, result: FAKE_ZALO_ME }, {}];
      case "sendMessage": {
        const text = String(body.text ?? "");
        if (!body.chat_id || text.length < 1 || text.length > 2000) {
          return [
            200,
            { ok: false, error_code: 400, description: "Bad request: text must be 1-2000 chars" },
            {},
          ];
        }
        return [
          200,
          { ok: true, result: { message_id: (++n).toString(16).padStart(20, "0"), date: Date.now() } },
          {},
        ];
      }
      case "sendChatAction":
        return [200, { ok: true }, {}];
      case "deleteWebhook":
      case "setWebhook":
        return [200, { ok: true, result: { url: String(body.url ?? ""), updated_at: Date.now() } }, {}];
      case "getUpdates": {
        if (typeof body.timeout !== "string") {
          return [200, { ok: false, error_code: 400, description: "timeout must be a string" }, {}];
        }
        const next = updates.shift();
        if (next) return [200, { ok: true, result: next }, {}];
        await new Promise((r) => setTimeout(r, Math.min(Number(body.timeout), 0.2) * 1000));
        return [200, { ok: false, error_code: 408, description: "Request timeout" }, {}];
      }
      default:
        return [404, { ok: false, error_code: 404, description: "Method not found" }, {}];
    }
  };

  const server: Server = createServer(async (req, res) => {
    const at = Date.now();
    const body = await readJson(req);
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/u.exec((req.url ?? "/").replace(/\?.*$/u, ""));
    const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(payload));
    };
    if (req.method !== "POST" || !m) {
      reply(404, { ok: false, error_code: 404, description: "Not found" });
      return;
    }
    const method = m[2] as string;
    if (m[1] !== token) {
      calls.push({ method, body, status: 401, at });
      reply(401, { ok: false, error_code: 401, description: "Unauthorized" });
      return;
    }
    const [status, payload, headers] = await answer(method, body);
    // Recorded status: 200 for a success, else the envelope's error_code (the platform's real outcome).
    const envelope = payload as { ok?: boolean; error_code?: number };
    calls.push({ method, body, status: envelope.ok ? 200 : (envelope.error_code ?? status), at });
    reply(status, payload, headers);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

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
