/**
 * npm run digest -- [--now YYYY-MM-DD] [--dry-run]: one round of deadline digests for a day (default
 * today in Vietnam), for a system timer or a test. Sends through the Bot APIs of the platforms whose
 * tokens are set (TELEGRAM_API_ROOT, ZALO_API_ROOT as for the bots); with --dry-run prints each digest
 * instead and marks nothing sent. Plans are those of the index in use (DATA_DIR), as the bots serve them;
 * with no index yet, read from CORPUS_DIR as `npm run plans` reads them.
 * Exit code: 0 when every due digest went out, 1 when some failed (logged; tried again next run), 2 on
 * bad input.
 */
import { todayInVietnam } from "../answer/window.ts";
import { telegramPush } from "../bots/telegram.ts";
import { zaloPush } from "../bots/zalo.ts";
import { parseCli } from "../cli/args.ts";
import { readConfig } from "../config.ts";
import { formatError } from "../errors.ts";
import { loadCorpus } from "../plans/load.ts";
import type { Plan } from "../plans/schema.ts";
import { currentName, readSnapshot } from "../retrieval/snapshot.ts";
import { createLogger, eventLog } from "../runtime/logger.ts";
import { type DigestChannels, sendDigests } from "./send.ts";
import { JsonFileSubscriptionStore } from "./subscriptions-file.ts";

async function servedPlans(
  config: ReturnType<typeof readConfig>,
  log: (event: Record<string, unknown>) => void,
): Promise<Plan[]> {
  if (await currentName(config.dataDir)) return (await readSnapshot(config.dataDir)).plans;
  const { plans, problems } = await loadCorpus(config.corpusDir, config.read);
  for (const p of problems) log({ event: "corpus_problem", file: p.file, message: p.message_en });
  return plans;
}

export const USAGE =
  "Cách dùng / usage: npm run digest -- [--now YYYY-MM-DD] [--dry-run]\n" +
  "Gửi bản nhắc hạn cho các cuộc trò chuyện đã đăng ký /nhac (mỗi ngày nhiều nhất một lần); --dry-run chỉ in ra, không gửi.\n" +
  "Sends the deadline digests to the chats subscribed with /nhac (at most one a day); --dry-run prints them instead.";

export interface DigestIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const stdio: DigestIo = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
};

function validDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(day)) return false;
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

export async function main(
  args: string[],
  env: Record<string, string | undefined> = process.env,
  io: DigestIo = stdio,
): Promise<number> {
  const { values } = parseCli(
    { args, options: { now: { type: "string" }, "dry-run": { type: "boolean", default: false } } },
    USAGE,
  );
  const today = values.now ?? todayInVietnam();
  if (!validDay(today)) {
    io.err(
      `Lỗi: --now phải là một ngày có thật dạng YYYY-MM-DD (nhận "${today}").\nError: --now must be a real YYYY-MM-DD day.\n`,
    );
    return 2;
  }
  try {
    const config = readConfig(env);
    const logger =
      io === stdio
        ? await createLogger(config.log)
        : await createLogger({ ...config.log, format: "json" }, { write: (line) => io.err(line) });
    const log = eventLog(logger);
    const plans = await servedPlans(config, log);
    const channels: DigestChannels = {};
    if (config.telegram.token)
      channels.telegram = telegramPush({
        token: config.telegram.token,
        apiRoot: config.telegram.apiRoot,
        log,
      });
    if (config.zalo.token)
      channels.zalo = zaloPush({ token: config.zalo.token, apiRoot: config.zalo.apiRoot, log });
    const dryRun = values["dry-run"];
    const result = await sendDigests({
      plans,
      store: new JsonFileSubscriptionStore(config.subscriptionsFile, log),
      channels,
      today,
      dryRun,
      log,
      print: (chatKey, text) => io.out(`--- ${chatKey} ---\n${text}\n\n`),
    });
    io.out(
      dryRun
        ? `Ngày ${today}: ${result.printed} bản nhắc (chạy thử, không gửi), ${result.skipped} đã gửi hôm nay, ${result.empty} không có việc. / ${result.printed} digests printed (dry run).\n`
        : `Ngày ${today}: đã gửi ${result.sent}, lỗi ${result.failed}, đã gửi trước đó ${result.skipped}, không có việc ${result.empty}. / sent ${result.sent}, failed ${result.failed}, already sent ${result.skipped}, nothing due ${result.empty}.\n`,
    );
    return result.failed > 0 ? 1 : 0;
  } catch (err) {
    io.err(`${formatError(err)}\n`);
    return 2;
  }
}
