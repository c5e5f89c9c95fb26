/** npm run digest -- [--now YYYY-MM-DD] [--dry-run]: see src/digest/cli.ts. */
import { main } from "../src/digest/cli.ts";

process.exitCode = await main(process.argv.slice(2));
