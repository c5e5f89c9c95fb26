/** What a question can ask for: each intent has one route of handlers (`routes.ts`). */
export const INTENTS = [
  "greeting",
  "task",
  "unit",
  "due",
  "indicator",
  "plan",
  "general",
  "out_of_scope",
] as const;
export type Intent = (typeof INTENTS)[number];
