/**
 * npm run bot:telegram — the Telegram bot by long polling (TELEGRAM_BOT_TOKEN; optional
 * TELEGRAM_API_ROOT, TELEGRAM_BOT_USERNAME, CHAT_SETTINGS_FILE). For webhooks, run `npm start` instead.
 */
import { runPolling } from "../src/bots/polling.ts";

await runPolling("telegram");
