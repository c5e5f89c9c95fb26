/**
 * A fake Zalo Bot Platform API on 127.0.0.1 for tests, answered in the `{ok,result}` /
 * `{ok:false,error_code,description}` envelope. A queued failure answers HTTP 429 with a Retry-After
 * header, or a 5xx; getUpdates hands out one queued update per call and answers 408 when there is none
 * (as the platform does on a poll timeout).
 */
import { type BotApiHandler, type BotApiReply, type FakeBotApi, startBotApi } from "./fake-bot-api.ts";

export type FakeZalo = FakeBotApi;

export const FAKE_ZALO_ME = {
  id: "1459232241454765289",
  account_name: "bot.TestCds",
  display_name: "Trợ lý CĐS",
  account_type: "BASIC",
  can_join_groups: true,
};

const ok = (result: unknown): BotApiReply => ({ status: 200, payload: { ok: true, result } });
/** Zalo answers most errors with HTTP 200 and the error in the envelope. */
const envelopeError = (code: number, description: string, status = 200): BotApiReply => ({
  status,
  payload: { ok: false, error_code: code, description },
});

export async function startFakeZalo(token = "1459232241454765289:TestSecret"): Promise<FakeZalo> {
  let n = 0;

  const handle: BotApiHandler = async (method, body, state, failure) => {
    if (failure) {
      const description = failure.status === 429 ? "Too many requests" : "Internal server error";
      const reply = envelopeError(failure.status, description, failure.status);
      if (failure.status === 429 && failure.retryAfter !== undefined) {
        reply.headers = { "retry-after": String(failure.retryAfter) };
      }
      return reply;
    }
    switch (method) {
      case "getMe":
        return ok(FAKE_ZALO_ME);
      case "sendMessage": {
        const text = String(body.text ?? "");
        if (!body.chat_id || text.length < 1 || text.length > 2000) {
          return envelopeError(400, "Bad request: text must be 1-2000 chars");
        }
        return ok({ message_id: (++n).toString(16).padStart(20, "0"), date: Date.now() });
      }
      case "sendChatAction":
        return { status: 200, payload: { ok: true } };
      case "deleteWebhook":
      case "setWebhook":
        return ok({ url: String(body.url ?? ""), updated_at: Date.now() });
      case "getUpdates": {
        if (typeof body.timeout !== "string") return envelopeError(400, "timeout must be a string");
        const next = state.updates.shift();
        if (next) return ok(next);
        await new Promise((r) => setTimeout(r, Math.min(Number(body.timeout), 0.2) * 1000));
        return envelopeError(408, "Request timeout");
      }
      default:
        return envelopeError(404, "Method not found", 404);
    }
  };

  return startBotApi(token, handle);
}
