/**
 * The Node shells' log: pino, JSON lines on stderr by default, pretty when stderr is a terminal.
 * LOG_LEVEL picks the level, LOG_FORMAT (json | pretty) overrides the choice of format.
 *
 * The answering core and the bots take plain callbacks (a sentence, or an event object); this module
 * gives each a level so that an operator can filter on it.
 */
import type { MiddlewareHandler } from "hono";
import { pinoLogger } from "hono-pino";
import pino from "pino";
import type { LogSettings } from "../config.ts";

export type Logger = pino.Logger;

/** A logger writing to `destination`, or to stderr (synchronously, so nothing is lost at exit). */
export async function createLogger(
  settings: LogSettings,
  destination?: pino.DestinationStream,
): Promise<Logger> {
  const options: pino.LoggerOptions = { level: settings.level, base: { pid: process.pid } };
  if (destination) return pino(options, destination);
  const pretty =
    settings.format === "pretty" || (settings.format === "auto" && process.stderr.isTTY === true);
  if (pretty) {
    const { default: prettyStream } = await import("pino-pretty");
    return pino(
      options,
      prettyStream({
        destination: 2,
        sync: true,
        translateTime: "SYS:HH:MM:ss",
        ignore: "pid,hostname",
        singleLine: true,
      }),
    );
  }
  return pino(options, pino.destination({ dest: 2, sync: true }));
}

/** How bad an event is, from its name: failures are errors, refusals and fallbacks warnings. */
export function eventLevel(name: unknown): "error" | "warn" | "info" {
  const n = String(name ?? "");
  if (/(?:^|[_-])(?:error|corrupt|fatal)$/u.test(n)) return "error";
  if (/(?:^|[_-])(?:refused|failed|fallback|retry|ignored)$/u.test(n)) return "warn";
  return "info";
}

/** The level of an operator sentence, from how it starts (the Vietnamese comes first). */
export function lineLevel(line: string): "error" | "warn" | "info" {
  if (/^\s*(?:Lỗi|Error)\b/u.test(line)) return "error";
  if (/^\s*(?:Cảnh báo|Warning|Bỏ qua|Hết \d+ ms chờ)/u.test(line)) return "warn";
  return "info";
}

/** A callback for sentences (start-up, ingest progress, shutdown). */
export function lineLog(logger: Logger): (line: string) => void {
  return (line) => logger[lineLevel(line)](line);
}

/** A callback for structured events (`{ event: "ask", … }`). */
export function eventLog(logger: Logger): (event: Record<string, unknown>) => void {
  return (event) => logger[eventLevel(event.event)](event);
}

/**
 * One line per HTTP request: method, path (never the query or headers, which may carry a secret
 * token), status, duration, and the request id that `X-Request-Id` returns to the client.
 */
export function httpLog(logger: Logger): MiddlewareHandler {
  return pinoLogger({
    pino: logger,
    http: {
      referRequestIdKey: "requestId",
      onReqBindings: (c) => ({ req: { method: c.req.method, path: c.req.path } }),
      onResBindings: (c) => ({ res: { status: c.res.status } }),
      // A refused credential (a wrong webhook secret) is worth an operator's look; other 4xx are the client's.
      onResLevel: (c) =>
        c.res.status >= 500 ? "error" : c.res.status === 401 || c.res.status === 403 ? "warn" : "info",
      onResMessage: () => "request",
    },
  });
}
