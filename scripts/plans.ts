/**
 * npm run plans -- <command>: look at the parsed plans from a terminal.
 *   list                                  the plans
 *   show <id> [--json]                    one plan: facts, sections, counts
 *   tasks [--plan id] [--unit "cong an"] [--q text] [--due-from YYYY-MM-DD] [--due-to YYYY-MM-DD] [--json]
 *   indicators [--plan id] [--q text] [--json]
 *   schema                                the plan model as JSON Schema
 */
import { parseCli } from "../src/cli/args.ts";
import { renderTable } from "../src/cli/table.ts";
import { readConfig } from "../src/config.ts";
import { loadCorpus } from "../src/plans/load.ts";
import { filterIndicators, filterTasks } from "../src/plans/query.ts";
import { type Deadline, plansJsonSchema } from "../src/plans/schema.ts";
import { formatViDate } from "../src/text/dates.ts";

function deadlineText(d: Deadline): string {
  if (d.kind === "plan-period") return `theo thời gian kế hoạch (đến ${d.end ? formatViDate(d.end) : "?"})`;
  if (d.end && d.kind !== "date") return `${d.raw} (đến ${formatViDate(d.end)})`;
  return d.raw;
}

function fail(vi: string, en: string): never {
  process.stderr.write(`Lỗi: ${vi}\nError: ${en}\n`);
  process.exit(2);
}

async function main() {
  const { values, positionals } = parseCli(
    {
      allowPositionals: true,
      options: {
        plan: { type: "string" },
        unit: { type: "string" },
        q: { type: "string" },
        "due-from": { type: "string" },
        "due-to": { type: "string" },
        json: { type: "boolean", default: false },
      },
    },
    "Cách dùng / usage: npm run plans -- <command>: look at the parsed plans from a terminal.",
  );
  const [command = "list", arg] = positionals;
  const config = readConfig();
  const { plans, problems } = await loadCorpus(config.corpusDir);
  for (const p of problems)
    process.stderr.write(`Bỏ qua ${p.file}: ${p.message_vi} / skipped: ${p.message_en}\n`);
  const planIds = plans.map((p) => p.id);
  if (values.plan && !planIds.includes(values.plan)) {
    fail(
      `không có kế hoạch "${values.plan}" (có: ${planIds.join(", ")})`,
      `no plan "${values.plan}" (have: ${planIds.join(", ")})`,
    );
  }
  for (const key of ["due-from", "due-to"] as const) {
    const v = values[key];
    if (v && !/^\d{4}-\d{2}-\d{2}$/u.test(v))
      fail(`--${key} phải có dạng YYYY-MM-DD`, `--${key} must be YYYY-MM-DD`);
  }
  const out = (s: string) => process.stdout.write(`${s}\n`);

  switch (command) {
    case "list": {
      if (values.json)
        return out(
          JSON.stringify(
            plans.map(({ id, title, locality, period }) => ({ id, title, locality, period })),
            null,
            2,
          ),
        );
      return out(
        renderTable(
          ["id", "kế hoạch", "thời gian", "nhiệm vụ", "chỉ tiêu"],
          plans.map((p) => [
            p.id,
            p.title,
            p.period.label,
            String(p.tasks.length),
            String(p.indicators.length),
          ]),
          [18, 70, 22, 8, 8],
        ),
      );
    }
    case "show": {
      const plan = plans.find((p) => p.id === arg);
      if (!plan)
        fail(`không có kế hoạch "${arg ?? ""}" (có: ${planIds.join(", ")})`, `no plan "${arg ?? ""}"`);
      if (values.json) return out(JSON.stringify(plan, null, 2));
      const lines = [
        plan.title,
        `Địa bàn: ${plan.locality.kind} ${plan.locality.name}${plan.province.district ? `, ${plan.province.district}` : ""}${plan.province.name ? `, ${plan.province.name}` : ""}`,
        `Thời gian: ${plan.period.label} (${formatViDate(plan.period.start)}–${formatViDate(plan.period.end)})`,
        `Số: ${plan.number ?? "(chưa ghi số)"}; ${plan.issued ? plan.issued.raw : ""}`,
        ...plan.implements.map((r) => `Thực hiện: ${r.text}`),
        ...plan.replaces.map((r) => `Thay thế: ${r.text}`),
        `Người ký: ${plan.signer ? `${plan.signer.title} ${plan.signer.name}` : "(không rõ)"}`,
        `Kinh phí: ${plan.budget?.sources.join("; ") ?? "(không nêu)"}`,
        `Căn cứ: ${plan.legalBases.length} văn bản; mục: ${plan.sections.length}; nhiệm vụ: ${plan.tasks.length}; chỉ tiêu: ${plan.indicators.length}; đơn vị: ${plan.units.length}`,
        "",
        ...plan.sections.map(
          (s) => `${s.path.padEnd(16)} dòng ${`${s.lines[0]}–${s.lines[1]}`.padEnd(9)} ${s.heading}`,
        ),
      ];
      return out(lines.join("\n"));
    }
    case "tasks": {
      const hits = filterTasks(plans, {
        plan: values.plan,
        unit: values.unit,
        q: values.q,
        dueFrom: values["due-from"],
        dueTo: values["due-to"],
      });
      if (values.json)
        return out(
          JSON.stringify(
            hits.map((h) => ({ plan: h.plan.id, role: h.role, ...h.task })),
            null,
            2,
          ),
        );
      if (hits.length === 0) return out("Không có nhiệm vụ nào khớp. / No matching tasks.");
      return out(
        renderTable(
          ["nhiệm vụ", "thời hạn", "chủ trì", "phối hợp", "sản phẩm", "nguồn"],
          hits.map(({ plan, task }) => [
            task.title,
            deadlineText(task.deadline),
            task.lead.join("; ") || "-",
            task.coordinators.join("; ") || "-",
            task.product ?? "-",
            `${plan.id} ${task.section} dòng ${task.lines[0]}–${task.lines[1]}`,
          ]),
          [44, 22, 24, 24, 20, 22],
        ),
      );
    }
    case "indicators": {
      const hits = filterIndicators(plans, { plan: values.plan, q: values.q });
      if (values.json)
        return out(
          JSON.stringify(
            hits.map((h) => ({ plan: h.plan.id, ...h.indicator })),
            null,
            2,
          ),
        );
      if (hits.length === 0) return out("Không có chỉ tiêu nào khớp. / No matching indicators.");
      return out(
        renderTable(
          ["chỉ tiêu", "kết quả", "mục tiêu", "thời gian", "nguồn"],
          hits.map(({ plan, indicator: i }) => [
            i.name,
            i.baseline ? `${i.baseline.raw}${i.baseline.year ? ` (${i.baseline.year})` : ""}` : "-",
            i.target.raw,
            i.period.label,
            `${plan.id} ${i.section} dòng ${i.lines[0]}–${i.lines[1]}`,
          ]),
          [56, 14, 18, 18, 24],
        ),
      );
    }
    case "schema":
      return out(JSON.stringify(plansJsonSchema(), null, 2));
    default:
      fail(
        `lệnh không hợp lệ "${command}" (dùng: list, show, tasks, indicators, schema)`,
        `unknown command "${command}" (use: list, show, tasks, indicators, schema)`,
      );
  }
}

await main();
