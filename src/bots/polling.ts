/**
 * Entry point of `npm run bot:telegram` and `npm run bot:zalo`: load (or build) the index, then run one
 * bot by long polling until SIGINT/SIGTERM. No public URL or webhook secret needed; starting polling
 * removes a webhook set earlier (Telegram and Zalo deliver by one means at a time).
 */
import { parseCli } from "../cli/args.ts";
import { readConfig } from "../config.ts";
import { formatError } from "../errors.ts";
import { feedbackIn } from "../feedback/log.ts";
import { buildAnswering } from "../runtime/answers.ts";
import { createLogger, eventLog, lineLog } from "../runtime/logger.ts";
import { buildBots } from "./node.ts";

const ENV_NAME = { telegram: "TELEGRAM_BOT_TOKEN", zalo: "ZALO_BOT_TOKEN" } as const;

export async function runPolling(platform: "telegram" | "zalo"): Promise<void> {
  parseCli(
    { options: {} },
    `Cách dùng / usage: npm run bot:${platform}\n` +
      `Chạy bot ${platform} bằng long polling (cần ${ENV_NAME[platform]}); cấu hình qua biến môi trường, xem .env.example.\n` +
      `Runs the ${platform} bot by long polling (needs ${ENV_NAME[platform]}); settings come from the environment, see .env.example.`,
  );
  let log = (line: string): void => void process.stderr.write(`${line}\n`);
  try {
    const config = readConfig();
    const logger = await createLogger(config.log);
    log = lineLog(logger);
    if (!config[platform].token) {
      log(`Lỗi: chưa đặt ${ENV_NAME[platform]} (token của bot).\nError: ${ENV_NAME[platform]} is not set.`);
      process.exitCode = 2;
      return;
    }
    const { knowledge, answers } = await buildAnswering(config, log);
    const bots = buildBots(config, {
      plans: knowledge.plans,
      answers,
      feedback: feedbackIn(config.dataDir),
      only: platform,
      log: eventLog(logger),
    });
    const bot = bots[platform];
    if (!bot) throw new Error(`${platform} bot not built`);
    void bots.resume();
    let stopping = false;
    const stop = () => {
      if (stopping) process.exit(1);
      stopping = true;
      log("Đang dừng / stopping …");
      void bots
        .close()
        .catch((err: unknown) => log(`Lỗi khi dừng / error while stopping: ${String(err)}`))
        .finally(() => process.exit(0));
      setTimeout(() => {
        bots.savePending();
        process.exit(0);
      }, config.shutdownMs).unref();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    log(
      `Bot ${platform} đang chạy (long polling) — ${knowledge.plans.length} kế hoạch, chế độ ${answers.mode}. Ctrl+C để dừng.`,
    );
    await bot.startPolling();
  } catch (err) {
    log(formatError(err));
    process.exitCode = 2;
  }
}
