/**
 * npm start: build the index when there is none, then serve the API (and the chat webhooks that are
 * configured) with @hono/node-server on PORT (default 8787) and HOST (default 127.0.0.1).
 */
import type { Server } from "node:http";
import { serve } from "@hono/node-server";
import { parseCli } from "../cli/args.ts";
import { readConfig } from "../config.ts";
import { formatError } from "../errors.ts";
import { createLogger, lineLog } from "./logger.ts";
import { buildServer, refuseConnect } from "./server.ts";

parseCli(
  { options: {} },
  "Cách dùng / usage: npm start\n" +
    "Phục vụ API hỏi đáp (và webhook Telegram/Zalo khi được cấu hình) trên HOST:PORT; cấu hình qua biến môi trường, xem .env.example.\n" +
    "Serves the answering API (and the Telegram/Zalo webhooks when configured) on HOST:PORT; settings come from the environment, see .env.example.",
);

// Until the configuration is read, a bad setting is reported as plain text.
let log = (line: string): void => void process.stderr.write(`${line}\n`);

try {
  const config = readConfig();
  const logger = await createLogger(config.log);
  log = lineLog(logger);
  const built = await buildServer(config, logger);
  const { knowledge, mode, close } = built;
  const server = serve({ fetch: built.fetch, port: config.port, hostname: config.host }, (info) => {
    log(
      `Sẵn sàng / ready: http://${config.host}:${info.port} — ${knowledge().plans.length} kế hoạch, ${knowledge().chunks.length} đoạn, chế độ ${mode}`,
    );
    // Telegram's command menu, once per start (webhooks have no other start); never waited on.
    void built.publishCommands();
  });
  // SIGTERM / SIGINT: stop accepting, let requests in flight and chat replies being written finish,
  // within SHUTDOWN_TIMEOUT_MS; then exit 0. Nothing is imported on the way out.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`Đang dừng (${signal}) … / shutting down …`);
    const bound = setTimeout(() => {
      const saved = built.savePending();
      log(
        `Hết ${config.shutdownMs} ms chờ, đóng các kết nối còn lại${saved > 0 ? `; ${saved} tin nhắn chưa trả lời được lưu để trả lời khi khởi động lại` : ""}. / Gave up waiting after ${config.shutdownMs} ms; closing what is left${saved > 0 ? `; ${saved} unanswered chat messages saved for the next start` : ""}.`,
      );
      (server as Server).closeAllConnections();
      process.exit(0);
    }, config.shutdownMs);
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    (server as Server).closeIdleConnections();
    await Promise.all([closed, close()]);
    clearTimeout(bound);
    log("Đã dừng. / stopped.");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  refuseConnect(server);
  server.on("error", (err: NodeJS.ErrnoException) => {
    const busy = err.code === "EADDRINUSE";
    log(
      busy
        ? `Lỗi: cổng ${config.port} đang được dùng, đặt PORT khác.\nError: port ${config.port} is in use; set another PORT.`
        : `Lỗi máy chủ / server error: ${err.message}`,
    );
    process.exit(2);
  });
} catch (err) {
  log(formatError(err));
  process.exit(2);
}
