/**
 * Command-line arguments for the scripts: `--help` (or `-h`) prints the usage and exits 0; an unknown
 * option or a missing value prints what was wrong and the usage, in Vietnamese and English, and exits 2.
 * Never a stack trace.
 */
import { type ParseArgsConfig, parseArgs } from "node:util";

export function parseCli<T extends ParseArgsConfig>(config: T, usage: string) {
  const options = { ...config.options, help: { type: "boolean", short: "h" } } as const;
  let parsed: ReturnType<typeof parseArgs<T & { options: typeof options }>>;
  try {
    parsed = parseArgs({ ...config, options } as T & { options: typeof options });
  } catch (err) {
    const why = (err as Error).message.split("\n")[0] ?? "";
    process.stderr.write(`Lỗi tham số dòng lệnh / bad argument: ${why}\n\n${usage}\n`);
    process.exit(2);
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  return parsed;
}
