/**
 * The plan knowledge model. These zod schemas are the single source of truth: TypeScript types are
 * inferred from them, `data/plans.json` is validated against them, and the JSON Schema and OpenAPI
 * documents are generated from them.
 */
import { z } from "zod";

// z.iso.date(): "format: date" in JSON Schema and OpenAPI, with a pattern any validator can match.
export const IsoDate = z.iso.date({ message: "YYYY-MM-DD" });
export const LineSpan = z.tuple([z.number().int().positive(), z.number().int().positive()]);

export const DeadlineKind = z.enum([
  "date",
  "month",
  "quarter",
  "half-year",
  "year",
  "range",
  "recurring",
  "conditional",
  "plan-period",
]);

export const Deadline = z.object({
  /** As written in the plan ("Quý III/2026", "Thường xuyên"); empty when the task has none. */
  raw: z.string(),
  kind: DeadlineKind,
  /** First day of the window, when the plan gives one. */
  start: IsoDate.nullable(),
  /** Last day by which the task is due; null for recurring and conditional deadlines. */
  end: IsoDate.nullable(),
});

export const Period = z.object({
  label: z.string(),
  start: IsoDate,
  end: IsoDate,
});

export const DocumentRef = z.object({
  /** "Kế hoạch", "Nghị quyết", "Quyết định", ... */
  type: z.string(),
  number: z.string().nullable(),
  date: IsoDate.nullable(),
  issuer: z.string().nullable(),
  /** What the document is about, when the plan says. */
  subject: z.string().nullable(),
  text: z.string(),
  lines: LineSpan,
});

export const Signer = z.object({
  name: z.string(),
  /** "Chủ tịch", "KT. Chủ tịch – Phó Chủ tịch". */
  title: z.string(),
  /** "TM. Ủy ban nhân dân" when the plan signs on behalf of the committee. */
  onBehalfOf: z.string().nullable(),
  lines: LineSpan,
});

/** A digital-signature stamp: who signed and when ("2025-09-04T09:52"). */
export const DigitalSignature = z.object({
  by: z.string(),
  date: IsoDate,
  at: z.string(),
  lines: LineSpan,
});

export const Budget = z.object({
  sources: z.array(z.string()),
  text: z.string(),
  section: z.string(),
  lines: LineSpan,
});

export const Reporting = z.object({
  text: z.string(),
  section: z.string(),
  lines: LineSpan,
});

export const Section = z.object({
  /** Stable path: "II.3.d", "Phần II/I.2.1", "Phụ lục", "Mở đầu". */
  path: z.string(),
  /** The number as written ("II", "3", "d", "2.1"), empty for synthetic sections. */
  label: z.string(),
  kind: z.enum(["preamble", "part", "appendix", "roman", "multi", "arabic", "letter", "named", "closing"]),
  heading: z.string(),
  /** Lines of the heading itself. */
  headingLines: LineSpan.nullable(),
  /** Paragraphs directly under the heading (before any sub-section), wrapped lines joined. */
  paragraphs: z.array(
    z.object({
      text: z.string(),
      lines: LineSpan,
      /** Cells, when the paragraph is a table row. */
      cells: z.array(z.string()).optional(),
    }),
  ),
  /** Lines of the section including its sub-sections. */
  lines: LineSpan,
  /** Path of the parent section, null at the top. */
  parent: z.string().nullable(),
});

export const TaskOrigin = z.enum(["appendix", "inline", "responsibility"]);

export const Task = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  lead: z.array(z.string()),
  coordinators: z.array(z.string()),
  deadline: Deadline,
  product: z.string().nullable(),
  section: z.string(),
  lines: LineSpan,
  origin: TaskOrigin,
  /** Row number in an appendix table. */
  row: z.number().int().nullable(),
  /** The table's group row the task stands under ("Hạ tầng số"), null outside tables. */
  group: z.string().nullable(),
});

/** A task as answers and the API show it: with its plan, without the long description. */
export const TaskView = Task.omit({ description: true, row: true, group: true }).extend({ plan: z.string() });

export const Comparator = z.enum(["≥", ">", "≤", "<", "="]);

export const Quantity = z.object({
  /** As written ("≥ 84%", "83,77%", "100% (2025-2027)"). */
  raw: z.string(),
  value: z.number().nullable(),
  unit: z.string().nullable(),
  comparator: Comparator,
});

export const Indicator = z.object({
  id: z.string(),
  name: z.string(),
  /** The full statement as written in the plan. */
  statement: z.string(),
  group: z.string().nullable(),
  baseline: Quantity.extend({ year: z.number().int().nullable() }).nullable(),
  target: Quantity,
  /** The year or period the target is for. */
  period: z.object({ label: z.string(), start: IsoDate.nullable(), end: IsoDate.nullable() }),
  section: z.string(),
  lines: LineSpan,
});

/** An indicator as answers and the API show it. */
export const IndicatorView = Indicator.omit({ statement: true, group: true }).extend({ plan: z.string() });

export const Unit = z.object({
  id: z.string(),
  name: z.string(),
  /** Other ways the plan or its readers write the unit ("Phòng VH-XH", "VHXH"). */
  aliases: z.array(z.string()),
  /** "Các cơ quan, đơn vị liên quan" and the like: a collective, not one office. */
  collective: z.boolean(),
  /** Path of the "Tổ chức thực hiện" sub-section describing its duties, when there is one. */
  section: z.string().nullable(),
});

export const LocalityKind = z.enum([
  "xã",
  "phường",
  "đặc khu",
  "thị trấn",
  "huyện",
  "quận",
  "thị xã",
  "thành phố",
  "tỉnh",
]);

/** Where the plan's text came from: the format read, its pages, and whether it was recognised from a scan. */
export const PlanSource = z.object({
  format: z.enum(["txt", "docx", "pdf", "pdf-ocr"]),
  pageCount: z.number().int().nullable(),
  /** First line of each page (index 0 is page 1); null for formats without pages. */
  pageStarts: z.array(z.number().int().positive()).nullable(),
  ocr: z.boolean(),
});

export const Plan = z.object({
  id: z.string(),
  file: z.string(),
  sha256: z.string(),
  title: z.string(),
  /** Short label for chat sources: "Tân Kỳ 2026", "Phú Thái 6 tháng cuối 2025". */
  shortName: z.string(),
  /** Lines of the title (the "KẾ HOẠCH" banner and its subject). */
  titleLines: LineSpan,
  source: PlanSource,
  /** Empty name when the plan does not say which locality it is for (it is then never scoped by name). */
  locality: z.object({ kind: LocalityKind, name: z.string() }),
  province: z.object({
    name: z.string().nullable(),
    district: z.string().nullable(),
    /** The first paragraph that names the district or province. */
    lines: LineSpan.nullable(),
  }),
  /** The issuing body as the header names it ("Ủy ban nhân dân đặc khu Cát Hải"), with its lines. */
  issuer: z.object({ name: z.string(), lines: LineSpan }).nullable().default(null),
  period: Period,
  number: z.string().nullable(),
  /** "ngày … tháng 01 năm 2026" as written; `date` is as precise as the plan is (YYYY-MM-DD, YYYY-MM or YYYY). */
  issued: z.object({ raw: z.string(), date: z.string().nullable(), lines: LineSpan }).nullable(),
  /** Lines of the "Số: …/KH-UBND" line. */
  numberLines: LineSpan.nullable(),
  implements: z.array(DocumentRef),
  replaces: z.array(DocumentRef),
  legalBases: z.array(DocumentRef),
  signer: Signer.nullable(),
  /** Digital-signature stamps, in the order printed (empty for an unsigned or scanned copy). */
  signatures: z.array(DigitalSignature).default([]),
  budget: Budget.nullable(),
  reporting: z.array(Reporting),
  recipients: z.array(z.string()),
  sections: z.array(Section),
  tasks: z.array(Task),
  indicators: z.array(Indicator),
  units: z.array(Unit),
  lineCount: z.number().int(),
});

export const PlansFile = z.object({
  plans: z.array(Plan),
});

export type Deadline = z.infer<typeof Deadline>;
export type DeadlineKind = z.infer<typeof DeadlineKind>;
export type Period = z.infer<typeof Period>;
export type DocumentRef = z.infer<typeof DocumentRef>;
export type Signer = z.infer<typeof Signer>;
export type DigitalSignature = z.infer<typeof DigitalSignature>;
export type Budget = z.infer<typeof Budget>;
export type Reporting = z.infer<typeof Reporting>;
export type Section = z.infer<typeof Section>;
export type Task = z.infer<typeof Task>;
export type TaskView = z.infer<typeof TaskView>;
export type IndicatorView = z.infer<typeof IndicatorView>;
export type Quantity = z.infer<typeof Quantity>;
export type Indicator = z.infer<typeof Indicator>;
export type Unit = z.infer<typeof Unit>;
export type LocalityKind = z.infer<typeof LocalityKind>;
export type Plan = z.infer<typeof Plan>;
export type PlanSource = z.infer<typeof PlanSource>;
export type PlansFile = z.infer<typeof PlansFile>;

export function plansJsonSchema(): unknown {
  return z.toJSONSchema(PlansFile, { target: "draft-2020-12" });
}
