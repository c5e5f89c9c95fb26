/**
 * The digest timer of `npm start`: croner runs one round of digests at each DIGEST_CRON time in
 * DIGEST_TIMEZONE (default Monday 08:00, Asia/Ho_Chi_Minh). A round still running when the next is due
 * is not started twice; a failing round is logged and the timer goes on.
 */
import { Cron } from "croner";
import { todayInVietnam } from "../answer/window.ts";
import { errorMessage } from "../errors.ts";

export interface DigestSchedule {
  /** When the next round runs, if ever. */
  next(): Date | null;
  stop(): void;
}

export function scheduleDigests(options: {
  cron: string;
  timezone: string;
  /** One round for the day given (YYYY-MM-DD in Vietnam). */
  run: (today: string) => Promise<unknown>;
  log?: (event: Record<string, unknown>) => void;
}): DigestSchedule {
  const log = options.log ?? (() => {});
  const job = new Cron(options.cron, { timezone: options.timezone, protect: true }, async () => {
    try {
      await options.run(todayInVietnam());
    } catch (err) {
      log({ event: "digest_run_failed", message: errorMessage(err) });
    }
  });
  log({ event: "digest_schedule", cron: options.cron, timezone: options.timezone, next: job.nextRun() });
  return { next: () => job.nextRun(), stop: () => job.stop() };
}
