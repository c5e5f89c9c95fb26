/**
 * Wiring for Node: knowledge from the data directory, the answer service (extractive, or an
 * OpenAI-compatible LLM when configured), the chat adapters that are configured, and the Hono app.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { Answerer } from "../answer/answer.ts";
import { createAnswerService } from "../answer/service.ts";
import { createApp } from "../api/app.ts";
import { buildBots } from "../bots/node.ts";
import type { Config } from "../config.ts";
import { ensureKnowledge } from "./ensure.ts";
import type { Knowledge } from "./knowledge.ts";
import { loadPrompts } from "./prompts.ts";

export interface BuiltServer {
  app: OpenAPIHono;
  knowledge: Knowledge;
  mode: "extractive" | "llm";
  close: () => Promise<void>;
}

export async function buildServer(config: Config, log: (line: string) => void): Promise<BuiltServer> {
  const knowledge = await ensureKnowledge(config, log);
  const answerer = new Answerer(knowledge);
  const answers = createAnswerService(answerer, config.llm, log, await loadPrompts(config.promptsDir));
  const logEvent = (event: Record<string, unknown>) =>
    log(JSON.stringify({ t: new Date().toISOString(), ...event }));
  // Chat webhooks for the platforms whose tokens are set; building them makes no network call.
  const bots = buildBots(config, { plans: knowledge.plans, answers, log: logEvent });
  const app = createApp({ knowledge, answers, bots: bots.handlers, log: logEvent });
  return { app, knowledge, mode: answers.mode, close: () => bots.close() };
}
