/**
 * Wiring for Node: knowledge from the data directory, the answer service (extractive, or an
 * OpenAI-compatible LLM when configured), the chat adapters that are configured, and the Hono app.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { createApp } from "../api/app.ts";
import { buildBots } from "../bots/node.ts";
import type { Config } from "../config.ts";
import { buildAnswering, jsonEventLog } from "./answers.ts";
import type { Knowledge } from "./knowledge.ts";

export interface BuiltServer {
  app: OpenAPIHono;
  knowledge: Knowledge;
  mode: "extractive" | "llm";
  close: () => Promise<void>;
}

export async function buildServer(config: Config, log: (line: string) => void): Promise<BuiltServer> {
  const { knowledge, answers } = await buildAnswering(config, log);
  const logEvent = jsonEventLog(log);
  // Chat webhooks for the platforms whose tokens are set; building them makes no network call.
  const bots = buildBots(config, { plans: knowledge.plans, answers, log: logEvent });
  const app = createApp({ knowledge, answers, bots: bots.handlers, log: logEvent });
  return { app, knowledge, mode: answers.mode, close: () => bots.close() };
}
