/**
 * An OpenAI-compatible server on 127.0.0.1 for tests: /v1/embeddings and /v1/chat/completions, speaking
 * the wire protocol the real clients speak. Behaviour is scripted per test.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeOpenAI {
  url: string;
  requests: Array<{ path: string; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

export type Handler = (
  path: string,
  body: Record<string, unknown>,
  res: ServerResponse,
) => void | Promise<void>;

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** An embedding response in the encoding the client asked for. */
export function embeddingResponse(
  res: ServerResponse,
  body: Record<string, unknown>,
  vectorOf: (text: string) => number[],
): void {
  const inputs = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input)];
  const base64 = body.encoding_format === "base64";
  json(res, 200, {
    object: "list",
    model: body.model,
    data: inputs.map((text, index) => {
      const v = vectorOf(text);
      return {
        object: "embedding",
        index,
        embedding: base64 ? Buffer.from(new Float32Array(v).buffer).toString("base64") : v,
      };
    }),
    usage: { prompt_tokens: inputs.length, total_tokens: inputs.length },
  });
}

export function chatResponse(res: ServerResponse, body: Record<string, unknown>, content: string): void {
  json(res, 200, {
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
    const body = await readBody(req).catch(() => ({}));
    const path = (req.url ?? "/").replace(/\?.*$/u, "");
    requests.push({ path, body });
    try {
      await handler(path, body, res);
    } catch (err) {
      if (!res.headersSent) json(res, 500, { error: { message: String(err) } });
    }
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
