/**
 * A fake Telegram Bot API on 127.0.0.1 for tests, answered in the Bot API envelope: getMe, sendMessage,
 * sendChatAction, setWebhook, deleteWebhook, answerCallbackQuery, editMessageReplyMarkup, setMyCommands
 * and getUpdates (from a queue of updates, honouring `offset`).
 * A queued failure answers 429 with parameters.retry_after, or a 5xx.
 */
import { type BotApiHandler, type FakeBotApi, startBotApi } from "./fake-bot-api.ts";

export type FakeTelegram = FakeBotApi;

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
  let nextMessageId = 90_000;

  const handle: BotApiHandler = async (method, body, state, failure) => {
    if (failure) {
      const code = failure.status;
      const retryAfter = failure.retryAfter ?? 1;
      const description =
        failure.description ??
        (code === 429 ? `Too Many Requests: retry after ${retryAfter}` : "Internal Server Error");
      return {
        status: code,
        payload: {
          ok: false,
          error_code: code,
          description,
          ...(code === 429 ? { parameters: { retry_after: retryAfter } } : {}),
        },
      };
    }
    switch (method) {
      case "getMe":
        return { status: 200, payload: { ok: true, result: me } };
      case "sendMessage": {
        const chatId = body.chat_id as number | string;
        const result = {
          message_id: ++nextMessageId,
          date: Math.floor(Date.now() / 1000),
          chat: { id: chatId, type: Number(chatId) < 0 ? "supergroup" : "private" },
          from: { id: me.id, is_bot: true, first_name: me.first_name, username: me.username },
          text: body.text,
        };
        return { status: 200, payload: { ok: true, result } };
      }
      case "sendChatAction":
      case "deleteWebhook":
      case "setWebhook":
      case "answerCallbackQuery":
      case "editMessageReplyMarkup":
      case "setMyCommands":
        return { status: 200, payload: { ok: true, result: true } };
      case "getUpdates": {
        const offset = Number(body.offset ?? 0);
        state.updates = state.updates.filter((u) => Number(u.update_id) >= offset);
        if (state.updates.length === 0) {
          // A short long poll: enough to avoid a busy loop, short enough for stop() to be quick.
          const wait = Math.min(Number(body.timeout ?? 0), 0.2) * 1000;
          await new Promise((r) => setTimeout(r, wait));
        }
        const limit = Number(body.limit ?? 100);
        return { status: 200, payload: { ok: true, result: state.updates.slice(0, limit) } };
      }
      default:
        return {
          status: 404,
          payload: { ok: false, error_code: 404, description: "Not Found: method not found" },
        };
    }
  };

  return startBotApi(token, handle);
}
