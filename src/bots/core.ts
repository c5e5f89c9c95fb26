/**
 * The platform-neutral chat bot: decides whether a message is for the bot, runs the Vietnamese commands,
 * asks the answering core (with the chat's default plan) and sends the answer with compact sources, split
 * under the platform's limit. Adapters (Telegram, Zalo) turn platform updates into `ChatMessage`s and
 * give a `ChatChannel` to reply through; everything else lives here.
 *
 * Who gets an answer:
 * - private chat: every text message;
 * - group: our commands (`/hoi …`, `/kehoach …`, also as `/hoi@botname`), and messages the adapter marks
 *   `addressed` (Telegram: a mention of the bot or a reply to one of its messages; Zalo: a message that
 *   starts with the bot's name). Other chatter is ignored.
 */

import { createHash } from "node:crypto";
import type { AskInput, AskResult } from "../answer/types.ts";
import { todayInVietnam } from "../answer/window.ts";
import { BoundedMap } from "../bounded-map.ts";
import { DIGEST_AHEAD_DAYS, DIGEST_BACK_DAYS } from "../digest/compose.ts";
import type { Subscription, SubscriptionStore } from "../digest/subscriptions.ts";
import { errorMessage } from "../errors.ts";
import type { FeedbackLog, Verdict } from "../feedback/log.ts";
import { plansInText } from "../plans/query.ts";
import type { Plan } from "../plans/schema.ts";
import { formatViDate } from "../text/dates.ts";
import { foldWords, MAX_QUESTION_CHARS, questionLength } from "../text/normalize.ts";
import { compose, type Middleware } from "./compose.ts";
import { formatAnswer, splitMessage } from "./format.ts";
import type { ChatSettings, ChatSettingsStore } from "./settings.ts";
import { KeyedQueue } from "./util.ts";

export type Platform = "telegram" | "zalo";

/** What the core needs of the answering service (src/answer/service.ts `AnswerService`). */
export interface Answers {
  ask(input: AskInput): Promise<AskResult>;
  /** A follow-up read against the last answer in the same conversation (one chat and one user). */
  converse?(input: AskInput, conversation?: string): Promise<AskResult>;
}

export interface ChatMessage {
  platform: Platform;
  chatId: string;
  chatType: "private" | "group";
  messageId: string;
  /** The message text, with a leading or inline mention of the bot already removed by the adapter. */
  text: string;
  /** Group messages: the bot was mentioned, replied to, or named (adapter-specific). */
  addressed: boolean;
  /** The bot's username, when known: "/hoi@other_bot" is then left to the other bot. */
  botUsername?: string | undefined;
  /** Who wrote it, when the platform says: each member of a group has a conversation of their own. */
  userId?: string | undefined;
}

/** What a part may carry besides its text. */
export interface SendOptions {
  /** The answer's id for a verdict: Telegram shows 👍 / 👎 buttons under the part. */
  feedback?: string;
}

/** A press of a 👍 / 👎 button under an answer (Telegram). */
export interface Press {
  platform: Platform;
  chatId: string;
  chatType: "private" | "group";
  /** Who pressed. */
  userId?: string | undefined;
  answerId: string;
  verdict: Verdict;
}

export interface PressOutcome {
  recorded: boolean;
  verdict: Verdict;
  /** A short notice for the member who pressed (Telegram: answerCallbackQuery). */
  notice: string;
}

/** Where the answer goes: one conversation, replying to the asking message where the platform can. */
export interface ChatChannel {
  /** Longest message the platform accepts, measured on rendered text. */
  readonly limit: number;
  /** Plain text → what the platform gets (Telegram: HTML-escaped). */
  render(plain: string): string;
  /** Sends one rendered part. Throws when the platform refuses it (after the adapter's own retries). */
  send(rendered: string, options?: SendOptions): Promise<void>;
  /** Best effort "typing…" indicator. */
  typing?(): Promise<void>;
}

export interface ChatCoreOptions {
  answers: Answers;
  plans: readonly Plan[];
  store: ChatSettingsStore;
  log?: (event: Record<string, unknown>) => void;
  /** "Today" for deadline questions (tests); defaults to the answering core's today. */
  now?: () => string | undefined;
  /** Where "👍", "👎" and "/sai <lý do>" on the last answer are recorded (off when absent). */
  feedback?: FeedbackLog;
  /** Chats subscribed to deadline digests with /nhac (the command says it is off when absent). */
  subscriptions?: SubscriptionStore;
}

export interface Command {
  name: string;
  args: string;
}

export interface ChatContext {
  readonly msg: ChatMessage;
  readonly channel: ChatChannel;
  readonly chatKey: string;
  command?: Command | undefined;
  /** Sends plain text (split and rendered for the platform); `options` go with the last part. */
  reply(plain: string, options?: SendOptions): Promise<void>;
}

/** Questions longer than this are refused with a message (the API allows 1,000 characters too). */
export const MAX_QUESTION = MAX_QUESTION_CHARS;

export const TEXT = {
  apology:
    "Xin lỗi, hệ thống đang gặp sự cố nên chưa trả lời được câu hỏi này. Bạn vui lòng thử lại sau ít phút.",
  sendFailed: "Xin lỗi, chưa gửi được câu trả lời đầy đủ. Bạn vui lòng hỏi lại sau ít phút.",
  tooLong: `Câu hỏi dài quá (tối đa ${MAX_QUESTION} ký tự). Bạn hỏi ngắn gọn hơn nhé.`,
  emptyQuestion: "Bạn muốn hỏi gì? Ví dụ: /hoi ai chủ trì nâng cấp mạng LAN?",
  unknownCommand: "Lệnh này chưa có. Gõ /help để xem các lệnh.",
  usage: {
    hoi: "Cách dùng: /hoi <câu hỏi>, ví dụ: /hoi ai chủ trì nâng cấp mạng LAN?",
    nhiemvu: "Cách dùng: /nhiemvu <đơn vị>, ví dụ: /nhiemvu công an xã",
    chitieu: "Cách dùng: /chitieu <từ khóa>, ví dụ: /chitieu dịch vụ công trực tuyến",
  },
  settingsFailed: "Xin lỗi, chưa lưu được lựa chọn kế hoạch. Bạn vui lòng thử lại sau.",
  thanks: "Cảm ơn bạn, đánh giá đã được ghi nhận để cải thiện câu trả lời.",
  askReason: "Cảm ơn bạn. Nếu được, hãy gửi /sai <lý do> (một dòng) để nói câu trả lời sai ở đâu.",
  nothingToRate: "Chưa có câu trả lời nào gần đây của bạn để đánh giá.",
  pressedUp: "Cảm ơn bạn đã đánh giá câu trả lời.",
  pressedDown: "Đã ghi nhận câu trả lời chưa đúng. Cảm ơn bạn.",
  askReasonAfterPress:
    "Cảm ơn bạn đã báo câu trả lời chưa đúng. Nếu được, bạn gửi một dòng cho biết sai ở đâu (trả lời tin nhắn này, hoặc gõ /sai <lý do>).",
  reasonThanks: "Cảm ơn bạn, lý do đã được ghi nhận để cải thiện câu trả lời.",
  staleAnswer:
    "Câu trả lời này đã cũ nên không ghi nhận được đánh giá nữa. Bạn có thể hỏi lại rồi đánh giá câu trả lời mới.",
  digest: {
    what: `Bản nhắc liệt kê các nhiệm vụ đến hạn trong ${DIGEST_AHEAD_DAYS} ngày tới và các nhiệm vụ đã quá hạn theo kế hoạch trong ${DIGEST_BACK_DAYS} ngày qua, kèm đơn vị chủ trì và nguồn; gửi theo lịch định kỳ (mặc định 8 giờ sáng thứ Hai hằng tuần), mỗi ngày nhiều nhất một lần, lần nào không có việc thì không gửi.`,
    subscribed: (plan: string) => `Đã đăng ký nhắc hạn cho cuộc trò chuyện này theo kế hoạch ${plan}.`,
    status: (plan: string, sub: Subscription) =>
      `Cuộc trò chuyện này đang nhận nhắc hạn theo kế hoạch ${plan}${sub.since ? ` (đăng ký từ ngày ${formatViDate(sub.since)})` : ""}. ${sub.lastSent ? `Bản nhắc gần nhất gửi ngày ${formatViDate(sub.lastSent)}.` : "Chưa gửi bản nhắc nào."}`,
    manage: "Đổi kế hoạch: /nhac <tên xã>. Ngừng nhận: /nhac tắt",
    needPlan:
      "Cuộc trò chuyện này chưa chọn kế hoạch mặc định. Gõ /nhac <tên xã> để nhận nhắc hạn theo một kế hoạch, ví dụ: /nhac Tân Kỳ.",
    planGone: "Kế hoạch đã đăng ký không còn trong kho kế hoạch; bạn chọn lại bằng /nhac <tên xã>.",
    unsubscribed: "Đã hủy nhắc hạn: cuộc trò chuyện này sẽ không nhận bản nhắc nữa. Đăng ký lại: /nhac",
    notSubscribed: "Cuộc trò chuyện này chưa đăng ký nhắc hạn. Đăng ký: /nhac hoặc /nhac <tên xã>.",
    failed: "Xin lỗi, chưa lưu được đăng ký nhắc hạn. Bạn vui lòng thử lại sau.",
    off: "Chức năng nhắc hạn chưa được bật trên máy chủ này.",
  },
} as const;

/** How long after a 👎 press the member's next message is read as its reason. */
export const REASON_WAIT_MS = 10 * 60 * 1000;
/** A reason is one line; longer text is cut here. */
const MAX_REASON = 500;

/** "👍", "👎" (with or without words after), as a verdict on the last answer. */
const VERDICT = /^\s*(👍|👎)(?:\s+([\s\S]*))?$/u;

/** The commands, as /help lists them and as Telegram's command menu shows them (setMyCommands). */
export const COMMANDS = [
  { command: "hoi", usage: "/hoi <câu hỏi>", description: "hỏi về kế hoạch" },
  {
    command: "nhiemvu",
    usage: "/nhiemvu <đơn vị>",
    description: "nhiệm vụ của một đơn vị (vd: /nhiemvu công an xã)",
  },
  {
    command: "han",
    usage: "/han [khoảng thời gian]",
    description: "nhiệm vụ đến hạn (vd: /han quý III/2026; để trống: sắp đến hạn)",
  },
  {
    command: "chitieu",
    usage: "/chitieu <từ khóa>",
    description: "chỉ tiêu (vd: /chitieu dịch vụ công trực tuyến)",
  },
  {
    command: "kehoach",
    usage: "/kehoach [tên xã]",
    description: "xem hoặc chọn kế hoạch mặc định của cuộc trò chuyện (vd: /kehoach Tân Kỳ)",
  },
  {
    command: "nhac",
    usage: "/nhac [tên xã]",
    description: "nhận nhắc hạn hằng tuần: việc đến hạn, việc vừa quá hạn (/nhac tắt để ngừng)",
  },
  { command: "sai", usage: "/sai <lý do>", description: "báo câu trả lời vừa nhận chưa đúng, kèm lý do" },
  { command: "help", usage: "/help", description: "hướng dẫn sử dụng" },
] as const;

export function helpText(platform: Platform): string {
  const group =
    platform === "telegram"
      ? "Trong nhóm: dùng /hoi <câu hỏi>, nhắc tên bot (@tên_bot) hoặc trả lời một tin nhắn của bot."
      : "Trong nhóm: dùng /hoi <câu hỏi> hoặc bắt đầu tin nhắn bằng tên bot.";
  return [
    "Xin chào! Tôi trả lời câu hỏi về kế hoạch chuyển đổi số của xã, phường, đặc khu, kèm nguồn (mục và dòng trong văn bản kế hoạch).",
    "",
    "Các lệnh:",
    ...COMMANDS.filter((c) => c.command !== "sai" && c.command !== "help").map(
      (c) => `${c.usage} — ${c.description}`,
    ),
    platform === "telegram"
      ? "👍 / 👎 dưới câu trả lời, hoặc /sai <lý do> — đánh giá câu trả lời vừa nhận"
      : "👍 / 👎 hoặc /sai <lý do> — đánh giá câu trả lời vừa nhận",
    "/help — hướng dẫn này",
    "",
    "Trong trò chuyện riêng, bạn cứ gõ câu hỏi, không cần lệnh. Có thể hỏi tiếp: «hạn khi nào?», «còn Công an xã thì sao?».",
    group,
  ].join("\n");
}

const COMMAND = /^\/([A-Za-z0-9_]+)(?:@([A-Za-z0-9_]+))?(?:\s+([\s\S]*))?$/u;

/** "/hoi@kb_bot  ai …" → { name: "hoi", args: "ai …", target: "kb_bot" }. */
export function parseCommand(text: string): (Command & { target?: string }) | undefined {
  const m = COMMAND.exec(text.trim());
  if (!m) return undefined;
  return {
    name: (m[1] ?? "").toLowerCase(),
    args: (m[3] ?? "").trim(),
    ...(m[2] ? { target: m[2] } : {}),
  };
}

const CLEAR_WORDS = new Set(["bo", "xoa", "huy", "bo chon", "xoa mac dinh"]);
/** "/nhac tắt", "/nhac hủy", "/nhac dừng": stop the digests (folded). */
const OFF_WORDS = new Set([
  "tat",
  "huy",
  "dung",
  "ngung",
  "bo",
  "thoi",
  "off",
  "stop",
  "tat nhac",
  "huy nhac",
]);

/** A chat as logs name it: a short hash, so that logs can follow one chat without naming it. */
/** One chat member's conversation: "hạn khi nào?" and "👍" are read against their own last answer. */
function conversationOf(ctx: ChatContext): string {
  return `${ctx.chatKey}:${ctx.msg.userId ?? ""}`;
}

export function chatRef(chatKey: string): string {
  return createHash("sha256").update(chatKey).digest("hex").slice(0, 12);
}

export class ChatCore {
  private readonly queue = new KeyedQueue();
  /** The last answer of each conversation, for a verdict on it. */
  private readonly lastAnswer = new BoundedMap<string, string>(10_000);
  /** After a 👎 press: the answer whose reason the member's next message gives, and until when. */
  private readonly awaitingReason = new BoundedMap<string, { id: string; until: number }>(10_000);
  private readonly log: (event: Record<string, unknown>) => void;
  private readonly pipeline: Middleware<ChatContext>;

  constructor(private readonly options: ChatCoreOptions) {
    this.log = options.log ?? (() => {});
    this.pipeline = compose<ChatContext>(
      this.commandParser,
      this.gate,
      this.commands,
      this.verdict,
      this.reason,
      this.question,
    );
  }

  /** The plans follow the snapshot in use, so a chat's default plan is checked against them each time. */
  private hasPlan(id: string): boolean {
    return this.options.plans.some((p) => p.id === id);
  }

  /**
   * Handles one incoming message: never throws (a failing chat never stops the bot). Messages of one chat
   * are handled one after another, so answers come back in the order the questions were asked.
   */
  handle(msg: ChatMessage, channel: ChatChannel): Promise<void> {
    const chatKey = `${msg.platform}:${msg.chatId}`;
    return this.queue.run(chatKey, async () => {
      const ctx: ChatContext = {
        msg,
        channel,
        chatKey,
        reply: (plain, options) => this.send(ctx, plain, options),
      };
      try {
        await this.pipeline(ctx, async () => {});
      } catch (err) {
        this.log({
          event: "bot_error",
          platform: msg.platform,
          chat: chatRef(chatKey),
          message: errorMessage(err),
        });
        await this.trySend(ctx, TEXT.apology);
      }
    });
  }

  // ---- middleware -------------------------------------------------------------------------------

  /** Recognises "/lệnh@bot đối số"; a command for another bot stops here. */
  private readonly commandParser: Middleware<ChatContext> = async (ctx, next) => {
    const parsed = parseCommand(ctx.msg.text);
    if (parsed) {
      const mine = ctx.msg.botUsername;
      if (parsed.target && mine && parsed.target.toLowerCase() !== mine.toLowerCase()) return;
      ctx.command = { name: parsed.name, args: parsed.args };
    }
    await next();
  };

  /** Private chats: everything. Groups: commands and messages addressed to the bot. */
  private readonly gate: Middleware<ChatContext> = async (ctx, next) => {
    if (ctx.msg.chatType === "private" || ctx.command || ctx.msg.addressed) await next();
  };

  private readonly commands: Middleware<ChatContext> = async (ctx, next) => {
    const command = ctx.command;
    if (!command) {
      await next();
      return;
    }
    const { name, args } = command;
    // A command is not the reason for a 👎 pressed before it.
    this.awaitingReason.delete(conversationOf(ctx));
    switch (name) {
      case "start":
      case "help":
      case "trogiup":
        await ctx.reply(helpText(ctx.msg.platform));
        return;
      case "hoi":
        await (args ? this.ask(ctx, args) : ctx.reply(TEXT.usage.hoi));
        return;
      case "nhiemvu":
        await (args ? this.ask(ctx, `${args} phải làm gì`) : ctx.reply(TEXT.usage.nhiemvu));
        return;
      case "han":
        await this.ask(ctx, args ? `nhiệm vụ nào có hạn ${args}` : "nhiệm vụ nào sắp đến hạn");
        return;
      case "chitieu":
        await (args ? this.ask(ctx, `chỉ tiêu ${args}`) : ctx.reply(TEXT.usage.chitieu));
        return;
      case "kehoach":
        await this.planCommand(ctx, args);
        return;
      case "nhac":
        await this.remindCommand(ctx, args);
        return;
      case "sai":
        await this.rate(ctx, "down", args);
        return;
      case "dung":
        await this.rate(ctx, "up", args);
        return;
      default:
        // In a group an unknown plain "/lệnh" is probably for another bot; say something only when asked.
        if (ctx.msg.chatType === "private" || ctx.msg.addressed) await ctx.reply(TEXT.unknownCommand);
    }
  };

  /** "👍" / "👎" right after an answer rates it. */
  private readonly verdict: Middleware<ChatContext> = async (ctx, next) => {
    const m = this.options.feedback ? VERDICT.exec(ctx.msg.text) : null;
    if (!m) {
      await next();
      return;
    }
    await this.rate(ctx, m[1] === "👍" ? "up" : "down", m[2] ?? "");
  };

  /** After a 👎 press, the member's next message (not a command, not a question) is its reason. */
  private readonly reason: Middleware<ChatContext> = async (ctx, next) => {
    const key = conversationOf(ctx);
    const waiting = this.awaitingReason.get(key);
    this.awaitingReason.delete(key);
    const text = ctx.msg.text.trim();
    if (
      !waiting ||
      waiting.until < Date.now() ||
      !text ||
      /[?？]\s*$/u.test(text) ||
      !this.options.feedback
    ) {
      await next();
      return;
    }
    const comment = text.split("\n")[0]?.slice(0, MAX_REASON) ?? "";
    if (!(await this.options.feedback.record(waiting.id, "down", comment))) {
      await next();
      return;
    }
    this.log({ event: "bot_feedback", platform: ctx.msg.platform, verdict: "down", reason: true });
    await ctx.reply(TEXT.reasonThanks);
  };

  /**
   * A 👍 / 👎 button pressed under an answer: the verdict is recorded, `acknowledge` is told at once (the
   * platform wants the press answered quickly), and after 👎 the member is asked for a one-line reason,
   * which their next message in the chat gives. In the chat's queue, like its messages.
   */
  press(
    p: Press,
    channel: ChatChannel,
    acknowledge: (outcome: PressOutcome) => Promise<void>,
  ): Promise<void> {
    const chatKey = `${p.platform}:${p.chatId}`;
    return this.queue.run(chatKey, async () => {
      const conversation = `${chatKey}:${p.userId ?? ""}`;
      let recorded = false;
      try {
        recorded = (await this.options.feedback?.record(p.answerId, p.verdict)) ?? false;
      } catch (err) {
        this.log({ event: "bot_feedback_error", platform: p.platform, message: errorMessage(err) });
      }
      const notice = !recorded ? TEXT.staleAnswer : p.verdict === "up" ? TEXT.pressedUp : TEXT.pressedDown;
      await acknowledge({ recorded, verdict: p.verdict, notice }).catch((err: unknown) =>
        this.log({ event: "bot_press_ack_error", platform: p.platform, message: errorMessage(err) }),
      );
      if (!recorded) return;
      this.log({ event: "bot_feedback", platform: p.platform, verdict: p.verdict, button: true });
      if (p.verdict === "up") {
        this.awaitingReason.delete(conversation);
        return;
      }
      this.awaitingReason.set(conversation, { id: p.answerId, until: Date.now() + REASON_WAIT_MS });
      try {
        await channel.send(channel.render(TEXT.askReasonAfterPress));
      } catch (err) {
        this.log({
          event: "bot_send_error",
          platform: p.platform,
          chat: chatRef(chatKey),
          message: errorMessage(err),
        });
      }
    });
  }

  private async rate(ctx: ChatContext, verdict: Verdict, comment: string): Promise<void> {
    const id = this.lastAnswer.get(conversationOf(ctx));
    const recorded =
      id && this.options.feedback ? await this.options.feedback.record(id, verdict, comment) : false;
    if (!recorded) {
      await ctx.reply(TEXT.nothingToRate);
      return;
    }
    this.log({ event: "bot_feedback", platform: ctx.msg.platform, verdict });
    await ctx.reply(verdict === "down" && !comment.trim() ? TEXT.askReason : TEXT.thanks);
  }

  private readonly question: Middleware<ChatContext> = async (ctx) => {
    const text = ctx.msg.text.trim();
    if (!text) {
      await ctx.reply(TEXT.emptyQuestion);
      return;
    }
    await this.ask(ctx, text);
  };

  // ---- actions ----------------------------------------------------------------------------------

  private async settings(ctx: ChatContext): Promise<ChatSettings | undefined> {
    try {
      return await this.options.store.get(ctx.chatKey);
    } catch (err) {
      this.log({ event: "chat_settings_error", chat: chatRef(ctx.chatKey), message: errorMessage(err) });
      return undefined;
    }
  }

  private async ask(ctx: ChatContext, question: string): Promise<void> {
    if (questionLength(question) > MAX_QUESTION) {
      await ctx.reply(TEXT.tooLong);
      return;
    }
    const settings = await this.settings(ctx);
    const defaultPlan = settings?.plan && this.hasPlan(settings.plan) ? settings.plan : undefined;
    // "typing…" goes out first and is awaited before the reply, so it never arrives after it.
    const typing = ctx.channel.typing?.().catch(() => {});
    const started = performance.now();
    let result: AskResult;
    try {
      const now = this.options.now?.();
      const input = { question, ...(defaultPlan ? { defaultPlan } : {}), ...(now ? { now } : {}) };
      const { answers } = this.options;
      // "hạn khi nào?" after an answer, in the same chat and from the same member.
      result = answers.converse
        ? await answers.converse(input, conversationOf(ctx))
        : await answers.ask(input);
    } catch (err) {
      this.log({
        event: "bot_answer_error",
        platform: ctx.msg.platform,
        chat: chatRef(ctx.chatKey),
        message: errorMessage(err),
      });
      await this.trySend(ctx, TEXT.apology);
      return;
    }
    this.log({
      event: "bot_ask",
      platform: ctx.msg.platform,
      chatType: ctx.msg.chatType,
      intent: result.intent,
      abstained: result.abstained,
      mode: result.mode,
      ms: Math.round(performance.now() - started),
    });
    await typing;
    const rated = await this.options.feedback?.given(question, result, ctx.chatKey);
    if (rated) this.lastAnswer.set(conversationOf(ctx), rated);
    await ctx.reply(formatAnswer(result, this.options.plans), rated ? { feedback: rated } : undefined);
  }

  private planList(command = "kehoach"): string {
    return this.options.plans
      .map((p) => `• ${p.shortName} — ${p.locality.kind} ${p.locality.name}: /${command} ${p.locality.name}`)
      .join("\n");
  }

  private planName(id: string): string {
    const p = this.options.plans.find((x) => x.id === id);
    return p ? `${p.shortName} (${p.locality.kind} ${p.locality.name})` : id;
  }

  /** Plans a /kehoach argument names: locality or id, narrowed by a year when it names several. */
  findPlans(args: string): Plan[] {
    const plans = this.options.plans;
    const exact = plans.filter((p) => p.id === args.trim().toLowerCase());
    if (exact.length > 0) return exact;
    let found = plansInText(plans, args);
    const year = /\b(20\d\d)\b/u.exec(args)?.[1];
    if (found.length > 1 && year) {
      const narrowed = found.filter((p) => p.id.includes(year) || p.shortName.includes(year));
      if (narrowed.length > 0) found = narrowed;
    }
    return found;
  }

  private async planCommand(ctx: ChatContext, args: string): Promise<void> {
    if (!args) {
      const current = (await this.settings(ctx))?.plan;
      const head =
        current && this.hasPlan(current)
          ? `Kế hoạch mặc định của cuộc trò chuyện này: ${this.planName(current)}.`
          : "Cuộc trò chuyện này chưa chọn kế hoạch mặc định.";
      await ctx.reply(`${head}\n\nCác kế hoạch:\n${this.planList()}\n\nBỏ chọn: /kehoach bỏ`);
      return;
    }
    if (CLEAR_WORDS.has(foldWords(args))) {
      if (!(await this.save(ctx, {}))) return;
      await ctx.reply("Đã bỏ kế hoạch mặc định. Câu hỏi không nêu tên xã sẽ được tìm trong mọi kế hoạch.");
      return;
    }
    const plan = await this.onePlan(ctx, args, "kehoach");
    if (!plan) return;
    if (!(await this.save(ctx, { plan: plan.id }))) return;
    await ctx.reply(
      `Đã chọn kế hoạch mặc định: ${this.planName(plan.id)}. Câu hỏi không nêu tên xã sẽ được trả lời theo kế hoạch này.`,
    );
  }

  /** The one plan `args` names, as /kehoach reads it; otherwise says what is wrong and gives undefined. */
  private async onePlan(ctx: ChatContext, args: string, command: string): Promise<Plan | undefined> {
    const found = this.findPlans(args);
    if (found.length === 0) {
      await ctx.reply(
        `Không tìm thấy kế hoạch nào cho «${args}».\n\nCác kế hoạch:\n${this.planList(command)}`,
      );
      return undefined;
    }
    if (found.length > 1) {
      const names = found.map((p) => `• ${p.shortName} (mã ${p.id})`).join("\n");
      await ctx.reply(`«${args}» khớp nhiều kế hoạch, bạn ghi rõ hơn (vd: thêm năm):\n${names}`);
      return undefined;
    }
    return found[0] as Plan;
  }

  /**
   * /nhac: subscribes the chat to digests of its default plan; /nhac <tên xã>: of that plan; /nhac with
   * no argument when subscribed: the subscription; /nhac tắt: unsubscribes.
   */
  private async remindCommand(ctx: ChatContext, args: string): Promise<void> {
    const store = this.options.subscriptions;
    if (!store) {
      await ctx.reply(TEXT.digest.off);
      return;
    }
    const T = TEXT.digest;
    const failed = async (err: unknown) => {
      this.log({
        event: "digest_subscription_error",
        chat: chatRef(ctx.chatKey),
        message: errorMessage(err),
      });
      await this.trySend(ctx, T.failed);
    };
    let current: Subscription | undefined;
    try {
      current = await store.get(ctx.chatKey);
    } catch (err) {
      await failed(err);
      return;
    }
    if (OFF_WORDS.has(foldWords(args))) {
      let had = false;
      try {
        had = await store.unsubscribe(ctx.chatKey);
      } catch (err) {
        await failed(err);
        return;
      }
      if (had) this.log({ event: "digest_unsubscribed", chat: chatRef(ctx.chatKey) });
      await ctx.reply(had ? T.unsubscribed : T.notSubscribed);
      return;
    }
    let plan: Plan | undefined;
    if (args) {
      plan = await this.onePlan(ctx, args, "nhac");
      if (!plan) return;
    } else if (current) {
      const shown = this.hasPlan(current.plan) ? T.status(this.planName(current.plan), current) : T.planGone;
      await ctx.reply(`${shown}\n${T.manage}`);
      return;
    } else {
      const chosen = (await this.settings(ctx))?.plan;
      plan = chosen ? this.options.plans.find((p) => p.id === chosen) : undefined;
      if (!plan) {
        await ctx.reply(`${T.needPlan}\n\nCác kế hoạch:\n${this.planList("nhac")}`);
        return;
      }
    }
    try {
      await store.subscribe(ctx.chatKey, plan.id, this.options.now?.() ?? todayInVietnam());
    } catch (err) {
      await failed(err);
      return;
    }
    this.log({ event: "digest_subscribed", chat: chatRef(ctx.chatKey), plan: plan.id });
    await ctx.reply(`${T.subscribed(this.planName(plan.id))} ${T.what}\n${T.manage}`);
  }

  private async save(ctx: ChatContext, value: ChatSettings): Promise<boolean> {
    try {
      await this.options.store.set(ctx.chatKey, value);
      this.log({ event: "chat_settings_set", chat: chatRef(ctx.chatKey), plan: value.plan ?? null });
      return true;
    } catch (err) {
      this.log({ event: "chat_settings_error", chat: chatRef(ctx.chatKey), message: errorMessage(err) });
      await this.trySend(ctx, TEXT.settingsFailed);
      return false;
    }
  }

  // ---- sending ----------------------------------------------------------------------------------

  /** Splits, renders and sends the parts in order; on a failed part, logs, apologises and stops. */
  private async send(ctx: ChatContext, plain: string, options?: SendOptions): Promise<void> {
    const { channel } = ctx;
    const parts = splitMessage(plain, channel.limit, (s) => channel.render(s).length);
    for (const [i, part] of parts.entries()) {
      try {
        const last = i === parts.length - 1;
        await (last && options
          ? channel.send(channel.render(part), options)
          : channel.send(channel.render(part)));
      } catch (err) {
        this.log({
          event: "bot_send_error",
          platform: ctx.msg.platform,
          chat: chatRef(ctx.chatKey),
          part: i + 1,
          parts: parts.length,
          message: errorMessage(err),
        });
        await this.trySend(ctx, TEXT.sendFailed);
        return;
      }
    }
  }

  /** One short message, failures only logged. */
  private async trySend(ctx: ChatContext, plain: string): Promise<void> {
    try {
      await ctx.channel.send(ctx.channel.render(plain));
    } catch (err) {
      this.log({
        event: "bot_send_error",
        platform: ctx.msg.platform,
        chat: chatRef(ctx.chatKey),
        apology: true,
        message: errorMessage(err),
      });
    }
  }
}
