/**
 * Entry point of `npm run bot:telegram` and `npm run bot:zalo`: load (or build) the index, then run one
 * bot by long polling until SIGINT/SIGTERM. No public URL or webhook secret needed; starting polling
 * removes a webhook set earlier (Telegram and Zalo deliver by one means at a time).
 */
import { Answerer } from "../answer/answer.ts";
import { createAnswerService } from "../answer/service.ts";
import { readConfig } from "../config.ts";
import { describeError } from "../errors.ts";
import { ensureKnowledge } from "../runtime/ensure.ts";
import { loadPrompts } from "../runtime/prompts.ts";
import { buildBots } from "./node.ts";

const ENV_NAME = { telegram: "TELEGRAM_BOT_TOKEN", zalo: "ZALO_BOT_TOKEN" } as const;

export async function runPolling(platform: "telegram" | "zalo"): Promise<void> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  try {
    const config = readConfig();
    if (!config[platform].token) {
      log(`Lỗi: chưa đặt ${ENV_NAME[platform]} (token của bot).\nError: ${ENV_NAME[platform]} is not set.`);
      process.exitCode = 2;
      return;
    }
    const knowledge = await ensureKnowledge(config, log);
    const answers = createAnswerService(
      new Answerer(knowledge),
      config.llm,
      log,
      await loadPrompts(config.promptsDir),
    );
    const bots = buildBots(config, {
      plans: knowledge.plans,
      answers,
      only: platform,
      log: (event) => log(JSON.stringify({ t: new Date().toISOString(), ...event })),
    });
    const bot = bots[platform];
    if (!bot) throw new Error(`${platform} bot not built`);
    let stopping = false;
    const stop = () => {
      if (stopping) process.exit(1);
      stopping = true;
      log("Đang dừng / stopping …");
      void bots
        .close()
        .catch((err: unknown) => log(`Lỗi khi dừng / error while stopping: ${String(err)}`))
        .finally(() => process.exit(0));
      setTimeout(() => process.exit(0), 10_000).unref();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    log(
      `Bot ${platform} đang chạy (long polling) — ${knowledge.plans.length} kế hoạch, chế độ ${answers.mode}. Ctrl+C để dừng.`,
    );
    await bot.startPolling();
  } catch (err) {
    const e = describeError(err);
    log(`Lỗi: ${e.message_vi}\nError: ${e.message_en}`);
    process.exitCode = 2;
  }
}
