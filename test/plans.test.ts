import { describe, expect, it } from "vitest";
import { plansInText } from "../src/plans/query.ts";
import { PlansFile } from "../src/plans/schema.ts";
import { fold } from "../src/text/normalize.ts";
import { CORPUS_IDS, corpusLines, plan } from "./helpers/corpus.ts";

describe("every corpus plan", () => {
  it("validates against the zod model and cites lines that exist", () => {
    const plans = CORPUS_IDS.map((id) => plan(id));
    expect(() => PlansFile.parse({ plans })).not.toThrow();
    for (const p of plans) {
      const n = corpusLines(p.id).length;
      for (const t of p.tasks) expect(t.lines[1]).toBeLessThanOrEqual(n);
      for (const s of p.sections) expect(s.lines[0]).toBeLessThanOrEqual(s.lines[1]);
      // Section paths are unique: a citation names exactly one place.
      expect(new Set(p.sections.map((s) => s.path)).size).toBe(p.sections.length);
    }
  });
});

describe("naming a plan in a question", () => {
  const plans = CORPUS_IDS.map((id) => plan(id));
  const named = (text: string) => plansInText(plans, text).map((p) => p.id);

  it("among many communes, takes words that only sound like another commune's name for words", () => {
    // Communes whose names are everyday words of the plans' language, beside the five.
    const other = (name: string) => ({
      ...plan("tinh-hai-2024"),
      id: fold(name).replace(/ /gu, "-"),
      locality: { kind: "xã" as const, name },
    });
    const many = [
      ...plans,
      ...[
        "Trường Điện",
        "Hiệp Hà",
        "Phong Vân",
        "Tiến Lâm",
        "An Thành",
        "Trung Tây",
        "Hà Thắng",
        "Quý Tây",
        "Vĩnh Phước",
      ].map(other),
    ];
    const ids = (text: string) => plansInText(many, text).map((p) => p.id);
    expect(ids("Tỷ lệ hồ sơ xử lý trên môi trường điện tử ở Tân Kỳ là bao nhiêu?")).toEqual(["tan-ky-2026"]);
    expect(ids("Tỷ lệ doanh nghiệp hài lòng ở Tân Kỳ")).toEqual(["tan-ky-2026"]);
    expect(ids("phòng văn hóa xã hội Phù Liễn phải làm gì")).toEqual(["phu-lien-2025"]);
    expect(ids("Tiền làm chuyển đổi số của xã Tân Kỳ lấy từ đâu?")).toEqual(["tan-ky-2026"]);
    expect(ids("Phù Liễn việc nào phải hoàn thành năm 2026")).toEqual(["phu-lien-2025"]);
    expect(ids("Ở Tĩnh Hải, ai phối hợp với Trung tâm ứng cứu sự cố tỉnh")).toEqual(["tinh-hai-2024"]);
    // One letter from a commune's name, but words the plans write: "hạ tầng", "quý này"; and an
    // office's shorthand in capitals ("VP HĐND-UBND") is the office.
    expect(ids("Phòng Kinh tế, Hạ tầng và Đô thị bên Phù Liễn được giao mấy việc")).toEqual([
      "phu-lien-2025",
    ]);
    expect(ids("phong kt ha tang va do thi phu lien lam gi")).toEqual(["phu-lien-2025"]);
    expect(ids("phong KT quy nay phai ra kh gi?")).toEqual([]);
    expect(ids("VP HDND-UBND con viec gi phai xong gap?")).toEqual([]);
    expect(ids("ha thangg lam gi")).toEqual(["ha-thang"]);
    expect(ids("xa VP co bao nhieu chi tieu")).toEqual(["vinh-phuoc"]);
    // Named as places, they are places.
    expect(ids("xã Trường Điện và xã Tân Kỳ có bao nhiêu chỉ tiêu")).toEqual(["tan-ky-2026", "truong-dien"]);
    expect(ids("so sánh Tiến Lâm với Tân Kỳ")).toEqual(["tan-ky-2026", "tien-lam"]);
    expect(ids("tien lam co bao nhieu chi tieu")).toEqual(["tien-lam"]);
  });

  it("finds the commune with or without diacritics, run together, or with one slip after the first syllable", () => {
    expect(named("Xã Tân Kỳ hạn quý III")).toEqual(["tan-ky-2026"]);
    expect(named("tanky lam gi")).toEqual(["tan-ky-2026"]);
    expect(named("tan kyy ai chu tri")).toEqual(["tan-ky-2026"]);
    expect(named("phu lienn va cat hai")).toEqual(["cat-hai-2025-h2", "phu-lien-2025"]);
  });

  it("does not guess from a wrong first syllable or an unrelated text", () => {
    expect(named("tam ky lam gi")).toEqual([]);
    expect(named("mạng LAN của xã")).toEqual([]);
  });

  it("reads a commune's initials after its kind, or in capitals, when only one plan has them", () => {
    expect(named("cai VNeID o xa TK ai lam")).toEqual(["tan-ky-2026"]);
    expect(named("phuong pl lam gi")).toEqual(["phu-lien-2025"]);
    expect(named("TK có bao nhiêu nhiệm vụ")).toEqual(["tan-ky-2026"]);
    // "tk" in lower case alone is "tài khoản", not a commune.
    expect(named("cấp tk cho cán bộ")).toEqual([]);
  });
});

describe("the issuing body", () => {
  it("is read from the agency lines of the header, or from the signature block's «TM. Ủy ban nhân dân»", () => {
    expect(plan("cat-hai-2025-h2").issuer).toEqual({
      name: "Ủy ban nhân dân đặc khu Cát Hải",
      lines: [5, 7],
    });
    const pl = plan("phu-lien-2025");
    expect(pl.issuer?.name).toBe("Ủy ban nhân dân phường Phù Liễn");
    expect(pl.issuer?.lines).toEqual(pl.signer?.lines);
    // A text pasted without its header or a «TM.» line does not say: nothing is made up.
    expect(plan("tan-ky-2026").issuer).toBeNull();
  });
});

describe("tan-ky-2026", () => {
  const p = plan("tan-ky-2026");
  const appendix = p.tasks.filter((t) => t.origin === "appendix");

  it("has exactly 17 appendix tasks and no repeated header row among them", () => {
    expect(appendix).toHaveLength(17);
    expect(appendix.map((t) => t.row)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    expect(appendix.some((t) => /TÊN NHIỆM VỤ/u.test(t.title))).toBe(false);
  });

  it("reads appendix row 5 and row 15", () => {
    const row5 = appendix.find((t) => t.row === 5);
    expect(row5?.lead).toEqual(["Công an xã"]);
    expect(row5?.deadline).toEqual({
      raw: "Quý I/2026",
      kind: "quarter",
      start: "2026-01-01",
      end: "2026-03-31",
    });
    expect(row5?.product).toBe("Hồ sơ cấp độ an toàn thông tin được phê duyệt");
    expect(row5?.lines).toEqual([330, 330]);
    const row15 = appendix.find((t) => t.row === 15);
    expect(row15?.coordinators).toContain("Thuế cơ sở 5 Hải Phòng");
    expect(row15?.lead).toEqual(["Phòng Kinh tế xã"]);
  });

  it("reads inline task II.3.d (mạng LAN) and the conditional deadline of II.2.a", () => {
    const lan = p.tasks.find((t) => t.section === "II.3.d");
    expect(lan?.origin).toBe("inline");
    expect(lan?.title).toMatch(/mạng LAN/u);
    expect(lan?.lead).toEqual(["Văn phòng HĐND và UBND xã"]);
    expect(lan?.deadline.kind).toBe("quarter");
    expect(lan?.deadline.end).toBe("2026-09-30");
    expect(lan?.lines).toEqual([96, 100]);
    const decree = p.tasks.find((t) => t.section === "II.2.a");
    expect(decree?.deadline.kind).toBe("conditional");
    expect(decree?.deadline.raw).toBe("theo hướng dẫn của Sở Nội vụ thành phố");
  });

  it("reads the online-dossier indicator with its 2025 result", () => {
    const ind = p.indicators.find((i) => i.name === "Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến");
    expect(ind?.baseline?.raw).toBe("83,77%");
    expect(ind?.baseline?.value).toBe(83.77);
    expect(ind?.baseline?.year).toBe(2025);
    expect(ind?.target.raw).toBe("≥ 84%");
    expect(ind?.target.comparator).toBe("≥");
    expect(ind?.target.value).toBe(84);
    expect(ind?.period.end).toBe("2026-12-31");
    expect(ind?.lines).toEqual([39, 39]);
  });

  it("names its locality, period and the plan it implements", () => {
    expect(p.locality).toEqual({ kind: "xã", name: "Tân Kỳ" });
    expect(p.province.name).toBe("Hải Phòng");
    expect(p.period).toMatchObject({ start: "2026-01-01", end: "2026-12-31" });
    expect(p.implements[0]).toMatchObject({ number: "359/KH-UBND", date: "2025-12-31" });
    expect(p.signer?.name).toBe("Nguyễn Xuân Cương");
  });

  it("knows a unit by its common names", () => {
    const vhxh = p.units.find((u) => u.section === "V.2");
    expect(vhxh?.aliases).toEqual(
      expect.arrayContaining(["Phòng VH-XH xã", "VHXH", "Phòng Văn hóa - Xã hội"]),
    );
  });
});

describe("phu-thai-2025-h2", () => {
  const p = plan("phu-thai-2025-h2");
  const duties = p.tasks.filter((t) => t.origin === "responsibility");

  it("has all 8 units of Tổ chức thực hiện with their duties", () => {
    const units = p.sections.filter((s) => s.parent === "VI").map((s) => s.heading);
    expect(units).toHaveLength(8);
    const withDuties = new Set(duties.map((t) => t.section));
    expect(withDuties.size).toBe(8);
    expect(units).toContain("Trung tâm Văn hóa, Thể thao và Truyền thông");
    expect(units).toContain("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam");
  });

  it("reads the radio column as a recurring task of the culture centre", () => {
    const radio = duties.find((t) => /Đài Truyền thanh/u.test(t.title));
    expect(radio?.deadline).toEqual({
      raw: "tối thiểu 2 lần/ tuần",
      kind: "recurring",
      start: null,
      end: null,
    });
    expect(radio?.lead).toEqual(["Trung tâm Văn hóa, Thể thao và Truyền thông"]);
    expect(radio?.lines).toEqual([484, 488]); // from the heading that names the unit
  });

  it("reads a duty that only coordinates as naming no lead: the unit and its partner work together", () => {
    const t = duties.find((d) => d.title.startsWith("Phối hợp với Công an xã"));
    expect(t?.lead).toEqual([]);
    expect(t?.coordinators).toEqual(["Văn phòng HĐND và UBND xã", "Công an xã"]);
  });

  it("reads the 90% target, the period and the signer", () => {
    const ind = p.indicators.find((i) => i.name === "Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng");
    expect(ind?.target.raw).toBe("90%");
    expect(ind?.target.value).toBe(90);
    expect(p.period).toMatchObject({ start: "2025-07-01", end: "2025-12-31" });
    expect(p.signer?.name).toBe("Nguyễn Phúc Công");
    expect(p.signer?.title).toBe("Chủ tịch");
    expect(p.legalBases.map((r) => r.number)).toEqual(
      expect.arrayContaining(["749/QĐ-TTg", "82/2024/NĐ-CP"]),
    );
  });
});

describe("cat-hai-2025-h2", () => {
  const p = plan("cat-hai-2025-h2");

  it("reads the 75% target, the signer and what it replaces", () => {
    const ind = p.indicators.find((i) => i.name === "Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng");
    expect(ind?.target.raw).toBe("75%");
    expect(p.signer).toMatchObject({ name: "Vũ Hữu Vững", title: "KT. Chủ tịch – Phó Chủ tịch" });
    expect(p.replaces[0]).toMatchObject({ type: "Kế hoạch", number: "60/KH-UBND", date: "2025-02-28" });
    expect(p.locality).toEqual({ kind: "đặc khu", name: "Cát Hải" });
  });

  it("keeps the closing request out of the last unit's duties and reads it as periodic reporting", () => {
    const police = p.tasks.filter((t) => t.lead.includes("Công an đặc khu"));
    expect(police.every((t) => !/định kỳ tháng, quý, năm/u.test(t.title))).toBe(true);
    expect(p.reporting.some((r) => /định kỳ tháng, quý, năm/u.test(r.text))).toBe(true);
  });
});

describe("phu-lien-2025", () => {
  const p = plan("phu-lien-2025");

  it("knows the 40 survey teams are formed from the 10 existing teams", () => {
    const t = p.tasks.find((x) => /10 Tổ hiện có/u.test(x.title));
    expect(t?.title).toMatch(/40 Tổ khảo sát/u);
    const vhxh = p.tasks.find((x) => /phân tách thành 40 Tổ khảo sát/u.test(x.title));
    expect(vhxh?.lead).toEqual(["Phòng Văn hóa - Xã hội"]);
    expect(vhxh?.title).toMatch(/10 Tổ công tác/u);
  });

  it("keeps the digital-signature trailer out of every section and task", () => {
    const text = JSON.stringify({ s: p.sections, t: p.tasks, i: p.indicators });
    expect(text).not.toMatch(/bookmark|đã ký lên văn bản|2025-09-04T/u);
    expect(Math.max(...p.sections.map((s) => s.lines[1]))).toBeLessThan(533);
    expect(p.signer?.name).toBe("Phạm Văn Diện");
  });
});

describe("tinh-hai-2024", () => {
  const p = plan("tinh-hai-2024");

  it("is in Thanh Hóa, thị xã Nghi Sơn", () => {
    expect(p.province).toMatchObject({ name: "Thanh Hóa", district: "Nghi Sơn" });
    // Cited from the paragraph that names it.
    const [from, to] = p.province.lines ?? [0, -1];
    expect(
      fold(
        corpusLines(p.id)
          .slice(from - 1, to)
          .join(" "),
      ),
    ).toMatch(/nghi son|thanh hoa/u);
    expect(p.locality).toEqual({ kind: "phường", name: "Tĩnh Hải" });
    expect(p.period).toMatchObject({ start: "2024-01-01", end: "2024-12-31" });
  });

  it("reads the 2024 targets as indicators and the 2023 figures as results, not targets", () => {
    const meetings = p.indicators.find((i) => /cuộc họp/u.test(i.name));
    expect(meetings?.target).toMatchObject({ value: 95, comparator: "≥" });
    expect(meetings?.period.end).toBe("2024-12-31");
    // Part one (lines 13–477) evaluates 2023; nothing there is a target.
    expect(p.indicators.every((i) => i.lines[0] > 477)).toBe(true);
    expect(p.indicators.length).toBeGreaterThanOrEqual(10);
    const parts = p.sections.filter((s) => s.kind === "part");
    expect(parts.map((s) => s.path)).toEqual(["Phần I", "Phần II"]);
    expect(parts[1]?.heading).toMatch(/NỘI DUNG CHUYỂN ĐỔI SỐ 2024/u);
  });
});
