/**
 * npm start: build the index when there is none, then serve the API (and the chat webhooks that are
 * configured) with @hono/node-server on PORT (default 8787) and HOST (default 127.0.0.1).
 */
import { serve } from "@hono/node-server";
import { readConfig } from "../config.ts";
import { formatError } from "../errors.ts";
import { buildServer, refuseConnect } from "./server.ts";

const log = (line: string) => process.stderr.write(`${line}\n`);

try {
  const config = readConfig();
  const built = await buildServer(config, log);
  const { knowledge, mode, close } = built;
  const server = serve({ fetch: built.fetch, port: config.port, hostname: config.host }, (info) => {
    log(
      `Sẵn sàng / ready: http://${config.host}:${info.port} — ${knowledge().plans.length} kế hoạch, ${knowledge().chunks.length} đoạn, chế độ ${mode}`,
    );
  });
  const stop = () => {
    log("Đang dừng / shutting down …");
    void close();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  };
  refuseConnect(server);
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
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
