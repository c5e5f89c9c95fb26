/**
 * An OpenAI-compatible server on 127.0.0.1 for tests, speaking the wire protocol the real clients speak
 * (/v1/chat/completions answers; any route can be scripted, e.g. an /v1/embeddings that never answers).
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import { listenLocal, readJson, sendJson } from "./http.ts";

export interface FakeOpenAI {
  url: string;
  requests: Array<{ path: string; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

export type Handler = (
  path: string,
  body: Record<string, unknown>,
  res: ServerResponse,
  headers: IncomingHttpHeaders,
) => void | Promise<void>;

export function chatResponse(res: ServerResponse, body: Record<string, unknown>, content: string): void {
  sendJson(res, 200, {
    id: "chatcmpl-test",
    object: "chat.completion",
    created: 1_700_000_000,
    model: body.model,
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
    usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
  });
}

export async function startFakeOpenAI(handler: Handler): Promise<FakeOpenAI> {
  const requests: FakeOpenAI["requests"] = [];
  const server: Server = createServer(async (req, res) => {
    const body = await readJson(req);
    const path = (req.url ?? "/").replace(/\?.*$/u, "");
    requests.push({ path, body });
    try {
      await handler(path, body, res, req.headers);
    } catch (err) {
      if (!res.headersSent) sendJson(res, 500, { error: { message: String(err) } });
    }
  });
  const { port, close } = await listenLocal(server);
  return { url: `http://127.0.0.1:${port}/v1`, requests, close };
}
