/** Plumbing the loopback fake servers share: JSON bodies in and out, listening on 127.0.0.1, free ports. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** The request body as JSON: `{}` when empty, `{ _raw }` when it is not JSON. */
export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { _raw: text };
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** Listens on a free port of 127.0.0.1; `close` also drops kept-alive connections. */
export async function listenLocal(server: Server): Promise<{ port: number; close: () => Promise<void> }> {
  // The clients reuse sockets; Node's 5 s default would hand them a stale one between tests.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (for "the platform is unreachable", or a child server to bind). */
export async function freePort(): Promise<number> {
  const { port, close } = await listenLocal(createServer());
  await close();
  return port;
}
