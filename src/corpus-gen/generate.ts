/**
 * Plans of communes that do not exist, for measuring how the assistant grows: each is a whole plan in
 * one of the layouts real communes use (tasks written inline with "Cơ quan chủ trì:", an appendix
 * table, a "Tổ chức thực hiện" part that gives each office its duties, targets as sentences or as a
 * table), with its own place name, number, dates, units, tasks and targets. Deterministic for a seed.
 */

/** A small, fast, seeded generator (mulberry32): the same seed gives the same corpus. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
function sample<T>(r: Rand, xs: readonly T[], n: number): T[] {
  const copy = [...xs];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, n);
}

const SYLLABLES = [
  "An",
  "Bình",
  "Hòa",
  "Phước",
  "Thạnh",
  "Long",
  "Mỹ",
  "Đông",
  "Tây",
  "Hưng",
  "Thịnh",
  "Quang",
  "Minh",
  "Đức",
  "Sơn",
  "Lâm",
  "Trung",
  "Thượng",
  "Vĩnh",
  "Xuân",
  "Thuận",
  "Lộc",
  "Phong",
  "Hiệp",
  "Nghĩa",
  "Lợi",
  "Thắng",
  "Cường",
  "Hợp",
  "Thành",
  "Khánh",
  "Quý",
  "Yên",
  "Định",
  "Hội",
  "Lạc",
  "Điền",
  "Giang",
  "Hà",
  "Liên",
  "Nhân",
  "Thọ",
  "Ninh",
  "Châu",
  "Gia",
  "Kim",
  "Ngọc",
  "Tiến",
  "Văn",
  "Trường",
];
const PROVINCES = [
  "Nghệ An",
  "Thanh Hóa",
  "Quảng Ninh",
  "Ninh Bình",
  "Hưng Yên",
  "Phú Thọ",
  "Lào Cai",
  "Gia Lai",
];

/** Names no real corpus plan uses (the five communes of the project's corpus are left out). */
const RESERVED = new Set(["tan ky", "phu thai", "phu lien", "cat hai", "tinh hai"]);

export interface Commune {
  kind: "xã" | "phường";
  name: string;
  province: string;
  year: number;
}

/** `count` distinct communes, none named like a plan of the real corpus. */
export function communes(r: Rand, count: number): Commune[] {
  const out: Commune[] = [];
  const seen = new Set<string>();
  let guard = 0;
  while (out.length < count && guard++ < count * 50) {
    const words = r() < 0.85 ? 2 : 3;
    const name = Array.from({ length: words }, () => pick(r, SYLLABLES)).join(" ");
    // Folded, so that "Thạnh Lộc" and "Thành Lộc" are not two communes a question cannot tell apart.
    const key = name.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/giu, "d").toLowerCase();
    if (new Set(name.split(" ")).size < words || seen.has(key) || RESERVED.has(key)) continue;
    seen.add(key);
    out.push({
      kind: r() < 0.7 ? "xã" : "phường",
      name,
      province: pick(r, PROVINCES),
      year: pick(r, [2025, 2026, 2026]),
    });
  }
  return out;
}

const OFFICES = [
  "Văn phòng HĐND và UBND",
  "Phòng Văn hóa – Xã hội",
  "Phòng Kinh tế",
  "Công an",
  "Trung tâm Phục vụ hành chính công",
  "Trung tâm Dịch vụ tổng hợp",
  "Ban Chỉ huy Quân sự",
  "Trạm Y tế",
];

const ACTIVITIES = [
  "Nâng cấp hạ tầng mạng nội bộ (LAN) và đường truyền số liệu chuyên dùng",
  "Rà soát, chuẩn hóa dữ liệu hộ tịch đã số hóa",
  "Triển khai phần mềm quản lý văn bản và điều hành liên thông",
  "Tổ chức tập huấn kỹ năng số cho tổ công nghệ số cộng đồng",
  "Xây dựng hồ sơ cấp độ an toàn hệ thống thông tin",
  "Lắp đặt camera giám sát an ninh tại các tuyến đường trung tâm",
  "Hướng dẫn người dân cài đặt, kích hoạt tài khoản định danh điện tử",
  "Tuyên truyền thanh toán không dùng tiền mặt tại chợ và hộ kinh doanh",
  "Số hóa kết quả giải quyết thủ tục hành chính còn hiệu lực",
  "Cập nhật dữ liệu đất đai vào cơ sở dữ liệu dùng chung",
  "Vận hành điểm hỗ trợ dịch vụ công trực tuyến tại nhà văn hóa",
  "Triển khai hệ thống hội nghị truyền hình đến các thôn",
  "Phổ cập kỹ năng an toàn trên không gian mạng cho học sinh",
  "Xây dựng kho dữ liệu số của xã và kết nối với hệ thống của tỉnh",
  "Sao lưu dữ liệu định kỳ và diễn tập ứng cứu sự cố an toàn thông tin",
  "Đưa sản phẩm OCOP lên sàn thương mại điện tử",
  "Cấp chữ ký số cho cán bộ, công chức",
  "Khảo sát mức độ hài lòng của người dân về dịch vụ công trực tuyến",
];

const PRODUCTS = [
  "Báo cáo kết quả thực hiện",
  "Hệ thống được vận hành",
  "Danh sách dữ liệu đã chuẩn hóa",
  "Quyết định phê duyệt",
  "Số lớp tập huấn được tổ chức",
];

const TARGETS = [
  ["hồ sơ thủ tục hành chính được tiếp nhận, giải quyết trực tuyến toàn trình", [70, 80, 85, 90]],
  ["hồ sơ công việc được xử lý trên môi trường điện tử", [90, 95, 100]],
  ["người dân trưởng thành có tài khoản định danh điện tử mức độ 2", [60, 70, 80, 85]],
  ["hộ gia đình có thành viên sử dụng thanh toán không dùng tiền mặt", [50, 60, 70]],
  ["cán bộ, công chức được bồi dưỡng kỹ năng số", [90, 100]],
  ["kết quả giải quyết thủ tục hành chính được số hóa", [80, 100]],
  ["người dân hài lòng khi sử dụng dịch vụ công trực tuyến", [85, 90, 95]],
] as const;

const QUARTERS = ["I", "II", "III", "IV"];

function deadline(r: Rand, year: number): string {
  const x = r();
  if (x < 0.35) return `Quý ${pick(r, QUARTERS)}/${year}`;
  if (x < 0.55) return `Tháng ${String(1 + Math.floor(r() * 12)).padStart(2, "0")}/${year}`;
  if (x < 0.7) return `Trước ngày ${1 + Math.floor(r() * 28)}/${1 + Math.floor(r() * 12)}/${year}`;
  if (x < 0.85) return "Thường xuyên";
  return `Năm ${year}`;
}

const unitOf = (office: string, c: Commune) =>
  /^(?:Công an|Trạm Y tế|Ban Chỉ huy Quân sự|Phòng Kinh tế)$/u.test(office) ? `${office} ${c.kind}` : office;

export type Layout = "inline" | "appendix" | "duties" | "table-targets";
export const LAYOUTS: readonly Layout[] = ["inline", "appendix", "duties", "table-targets"];

/** One plan's text (the layout varies the conventions the parser must read). */
export function planText(r: Rand, c: Commune, layout: Layout): string {
  const place = `${c.kind} ${c.name}`;
  const upperPlace = place.toUpperCase();
  const number = 10 + Math.floor(r() * 290);
  const day = 2 + Math.floor(r() * 25);
  const offices = sample(r, OFFICES, 5);
  const activities = sample(r, ACTIVITIES, 6 + Math.floor(r() * 5));
  const targets = sample(r, TARGETS, 4 + Math.floor(r() * 3)).map(([what, values]) => ({
    what,
    value: pick(r, values),
  }));
  const chair = `${pick(r, ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng"])} ${pick(r, ["Văn", "Thị", "Đức", "Minh", "Hữu"])} ${pick(r, ["An", "Bình", "Cường", "Dũng", "Hà", "Lan", "Nam", "Sơn", "Tâm"])}`;
  const L: string[] = [];
  L.push(`ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`);
  L.push(`${upperPlace}\tĐộc lập - Tự do - Hạnh phúc`, "");
  L.push(`Số: ${number}/KH-UBND\t${c.name}, ngày ${day} tháng 01 năm ${c.year}`, "");
  L.push("KẾ HOẠCH", `Chuyển đổi số ${place} năm ${c.year}`, "");
  L.push(
    `Thực hiện Kế hoạch số ${5 + Math.floor(r() * 50)}/KH-UBND ngày ${1 + Math.floor(r() * 28)}/12/${c.year - 1} của Ủy ban nhân dân tỉnh ${c.province} về chuyển đổi số năm ${c.year}, Ủy ban nhân dân ${place} ban hành Kế hoạch như sau:`,
    "",
  );
  L.push("I. MỤC TIÊU", "", "1. Mục tiêu chung", "");
  L.push(
    `Phát triển chính quyền số, kinh tế số, xã hội số trên địa bàn ${place}; lấy người dân làm trung tâm.`,
    "",
  );
  if (layout === "table-targets") {
    L.push("2. Chỉ tiêu cụ thể", "", `STT\tChỉ tiêu\tMục tiêu năm ${c.year}`);
    for (const [i, t] of targets.entries()) L.push(`${i + 1}\tTỷ lệ ${t.what}\t${t.value}%`);
    L.push("");
  } else {
    L.push(`2. Mục tiêu cụ thể đến hết năm ${c.year}`, "");
    for (const t of targets) L.push(`- Tỷ lệ ${t.what} đạt ${t.value}%.`, "");
  }
  L.push("II. NHIỆM VỤ, GIẢI PHÁP", "");
  const tasks = activities.map((a) => ({
    title: a,
    lead: unitOf(pick(r, offices), c),
    with: unitOf(pick(r, offices), c),
    due: deadline(r, c.year),
    product: pick(r, PRODUCTS),
  }));
  if (layout === "appendix") {
    L.push("Các nhiệm vụ cụ thể tại Phụ lục kèm theo Kế hoạch này.", "");
  } else if (layout === "duties") {
    L.push("1. Chính quyền số", "");
    for (const t of tasks) L.push(`- ${t.title}.`, "");
  } else {
    tasks.forEach((t, i) => {
      L.push(`${i + 1}. ${t.title}`);
      L.push(`- Cơ quan chủ trì: ${t.lead}.`);
      L.push(`- Cơ quan phối hợp: ${t.with}.`);
      L.push(`- Thời hạn hoàn thành: ${t.due}.`);
      L.push(`- Sản phẩm: ${t.product}.`, "");
    });
  }
  L.push("III. KINH PHÍ THỰC HIỆN", "", `Ngân sách ${c.kind} bảo đảm kinh phí thực hiện Kế hoạch này.`, "");
  L.push("IV. TỔ CHỨC THỰC HIỆN", "");
  if (layout === "duties") {
    const byLead = new Map<string, string[]>();
    for (const t of tasks) byLead.set(t.lead, [...(byLead.get(t.lead) ?? []), t.title]);
    [...byLead].forEach(([unit, titles], i) => {
      L.push(`${i + 1}. ${unit}`, "");
      for (const title of titles) L.push(`- Chủ trì ${title.charAt(0).toLowerCase()}${title.slice(1)}.`, "");
    });
  } else {
    L.push(
      `1. ${unitOf(offices[0] as string, c)}`,
      "",
      "- Theo dõi, tổng hợp kết quả thực hiện, báo cáo Ủy ban nhân dân.",
      "",
    );
  }
  L.push(
    `Định kỳ hằng quý, các cơ quan báo cáo kết quả thực hiện về Phòng Văn hóa – Xã hội trước ngày 20 của tháng cuối quý để tổng hợp.`,
    "",
  );
  L.push("Nơi nhận:\tTM. ỦY BAN NHÂN DÂN", "- UBND tỉnh;\tCHỦ TỊCH", "- Lưu: VT.", "", chair, "");
  if (layout === "appendix") {
    L.push("PHỤ LỤC", `NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM ${c.year}`, "(Kèm theo Kế hoạch của Ủy ban nhân dân)", "");
    L.push("STT\tTên nhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\tSản phẩm");
    for (const [i, t] of tasks.entries())
      L.push(`${i + 1}\t${t.title}\t${t.lead}\t${t.with}\t${t.due}\t${t.product}`);
    L.push("");
  }
  return `${L.join("\n")}\n`;
}

/** The file name of a generated plan: "xa-an-binh-2026". */
export function slug(c: Commune): string {
  const folded = `${c.kind} ${c.name} ${c.year}`
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/giu, "d")
    .toLowerCase();
  return folded.replace(/[^a-z0-9]+/gu, "-").replace(/^-|-$/gu, "");
}
