/**
 * npm run bot:zalo — the Zalo bot by long polling with getUpdates (ZALO_BOT_TOKEN; optional ZALO_API_ROOT,
 * ZALO_BOT_NAME, CHAT_SETTINGS_FILE). For webhooks, run `npm start` instead.
 */
import { runPolling } from "../src/bots/polling.ts";

await runPolling("zalo");
