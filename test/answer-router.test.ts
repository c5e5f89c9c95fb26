/**
 * The answering pipeline's parts on the real corpus: each router rule by a table of questions, and the
 * handlers for counting, people, empty time windows and shorthand, each asserted on its evidence.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Answerer } from "../src/answer/answerer.ts";
import { buildContext } from "../src/answer/context.ts";
import { normaliseQuestion, TermStats } from "../src/answer/match.ts";
import { DEFAULT_POLICY } from "../src/answer/policy.ts";
import { RULES, route } from "../src/answer/router.ts";
import { questionParts } from "../src/answer/several.ts";
import { formatViDate } from "../src/text/dates.ts";
import { corpusLines, plan } from "./helpers/corpus.ts";
import { localKnowledge } from "./helpers/knowledge.ts";

let answerer: Answerer;

beforeAll(async () => {
  ({ answerer } = await localKnowledge());
});

const routed = (question: string, now?: string) =>
  route(buildContext(answerer.corpus, DEFAULT_POLICY, { question, ...(now ? { now } : {}) }));

describe("the intent router", () => {
  it.each([
    ["Xã An Lão có kế hoạch chuyển đổi số không?", "out_of_scope", "unknown place"],
    ["chào bạn", "greeting", "greeting or help"],
    ["tan ky co may chi tieu", "indicator", "count of indicators"],
    ["Công an xã Tân Kỳ chủ trì mấy việc trong phụ lục?", "unit", "count of a unit's tasks"],
    ["Phụ lục Tân Kỳ có bao nhiêu nhiệm vụ?", "plan", "count of tasks"],
    ["Ai là Bí thư Đảng ủy xã Phú Thái?", "plan", "plan fact"],
    ["ai ky ke hoach phu lien", "plan", "plan fact"],
    ["Tân Kỳ việc nào làm thường xuyên?", "due", "kind of deadline"],
    ["viec nao han quy III tan ky", "due", "time window"],
    ["Chỉ tiêu chữ ký số Tân Kỳ áp dụng trong giai đoạn nào?", "indicator", "target or rate"],
    ["phong kt phu lien lo viec gi", "unit", "duties of a unit"],
    ["ai cầm trịch số hóa hồ sơ ở Tân Kỳ", "task", "field of a task"],
    ["Tân Kỳ nói gì về sao lưu dữ liệu", "general", "anything else"],
    ["tinh hai nam 2023 dat bao nhieu phien hop truc tuyen", "general", "results already achieved"],
    ["tinh hai thang 10 nam 2024 co su kien gi ve chuyen doi so", "due", "time window"],
    ["Phòng Văn hóa - Xã hội Tân Kỳ năm 2026 phải làm những việc gì", "unit", "duties of a unit"],
    ["mat tran xa tan ky duoc giao viec gi", "unit", "duties of a unit"],
    ["tổ đề án 06 các thôn ở phú thái được giao gì", "unit", "duties of a unit"],
    ["Kế hoạch của Cát Hải gửi những đơn vị cấp trên nào", "plan", "plan fact"],
    ["nguoi phu trach cntt cua phuong tinh hai ho ten la gi", "plan", "plan fact"],
    [
      "Tân Kỳ phải hoàn thành những mục tiêu chuyển đổi số nào từ giờ tới hết năm 2026",
      "due",
      "targets due in a window",
    ],
    ["o tinh hai hoi nghi truyen hinh trien khai vao thang may nam 2024", "task", "field of a task"],
    ["tan ky nam 2025 dvc toan trinh dat bao nhieu %", "indicator", "target or rate"],
    ["Tân Kỳ báo cáo khó khăn qua phòng nào?", "plan", "plan fact"],
    ["cat hai ai lam dau moi tong hop bao cao dinh ky", "task", "field of a task"],
    ["nv dat ty le hs truc tuyen toan trinh tu 98% o tan ky ai chiu trach nhiem", "task", "field of a task"],
    ["VHXH phú thái phụ trách gì?", "unit", "duties of a unit"],
    ["phong kinh te tan ky co viec nao sap toi", "due", "time window"],
    ["phu lien thang 12/2025 phai dat nhung chi tieu nao", "due", "targets due in a window"],
    ["xa tan ky ban hanh KH huong ung ngay chuyen doi so thi phong nao chu tri", "task", "field of a task"],
    ["Văn bản KH của Phù Liễn được ký số ngày nào?", "plan", "plan fact"],
    ["huyện Tân Kỳ bên Nghệ An có KH chuyển đổi số không", "out_of_scope", "unknown place"],
    ["Đoàn thanh niên xã Tân Kỳ được phân công việc gì?", "unit", "duties of a body the plan does not name"],
    ["cat hai do co quan nao ban hanh", "plan", "plan fact"],
    ["Từ giờ tới cuối năm xã Tân Kỳ có việc nào đến hạn?", "due", "time window"],
    ["kh cds tinh hai gui bao cao cho nhung noi nao", "plan", "plan fact"],
    ["KH của Phú Thái gồm những mảng nội dung chính nào?", "plan", "plan fact"],
    ["Công an phường Phù Liễn có phần việc gì trong kế hoạch?", "unit", "duties of a unit"],
    ["Kết quả trận Việt Nam - Thái Lan tối qua thế nào?", "out_of_scope", "thing no plan names"],
    [
      "CA xã tk phụ trách rà soát cài VNeID cho dân à? sản phẩm đầu ra là đạt bao nhiêu %",
      "task",
      "field of a task",
    ],
    ["Tân Kỳ và Phú Thái lần lượt thực hiện kế hoạch số mấy của thành phố?", "plan", "plan fact"],
    ["Kế hoạch nào có nhắc tới ứng dụng Smart Hai Phong?", "general", "plans that say something"],
    ["Phó chủ tịch nào của xã Phú Thái phụ trách chuyển đổi số?", "plan", "plan fact"],
    ["nhiem vu nao o tan ky thoi han hoan thanh la theo huong dan cua so noi vu", "due", "kind of deadline"],
    ["chỉ em cách cài vneid mức 2 trên đt với", "out_of_scope", "a how-to for the asker"],
    ["MTTQ phường Phù Liễn được đề nghị những gì vậy mọi người?", "unit", "duties of a unit"],
    [
      "Từ ngày nào hồ sơ, tài liệu công việc ở Phù Liễn phải được tạo lập và xử lý trên môi trường điện tử?",
      "indicator",
      "by when a target is due",
    ],
  ])("%s → %s (%s)", (question, intent, rule) => {
    expect(routed(question)).toEqual({ intent, rule });
  });

  it("has a rule of its own precedence for every row, and a command's hint wins over the ordinary ones", () => {
    expect(new Set(RULES.map((r) => r.precedence)).size).toBe(RULES.length);
    const c = buildContext(answerer.corpus, DEFAULT_POLICY, { question: "quý III", hint: "due" });
    expect(route(c).intent).toBe("due");
  });
});

describe("handlers", () => {
  it("names the plans that implement a document of the number asked, and only those", async () => {
    const r = await answerer.ask({ question: "kh nao thuc hien KH 215 cua UBND TP Hai Phong" });
    const ids = new Set(r.citations.map((x) => x.plan));
    const implementing = answerer.corpus.plans
      .filter((p) => [...p.implements, ...p.legalBases].some((d) => /^0*215(?!\d)/u.test(d.number ?? "")))
      .map((p) => p.id);
    expect(implementing.length).toBeGreaterThan(0);
    expect([...ids].sort()).toEqual([...implementing].sort());
  });

  it("lists the recurring tasks of the field asked, found by their section's heading", async () => {
    const field = await answerer.ask({
      question: "nhung nhiem vu ha tang so nao cua tan ky lam thuong xuyen",
    });
    const all = await answerer.ask({ question: "Tân Kỳ việc nào làm thường xuyên?" });
    expect(field.tasks.length).toBeGreaterThan(0);
    expect(field.tasks.length).toBeLessThan(all.tasks.length);
    expect(field.answer).toContain("5G");
  });

  it("abstains when who or by when is asked of an activity the plan only names, showing the text", async () => {
    const r = await answerer.ask({
      question: "cat hai nhiem vu nang cap he thong hoi nghi truyen hinh dac khu han khi nao, ai chu tri",
    });
    expect(r.abstained).toBe(true);
    expect(r.answer).toMatch(/không nêu (đơn vị chủ trì|thời hạn)/u);
    expect(r.citations.length).toBeGreaterThan(0);
  });

  it("names, in the question's words, the thing no plan mentions", async () => {
    const r = await answerer.ask({ question: "Đổi GPLX trên cổng DVC quốc gia làm thế nào" });
    expect(r.intent).toBe("out_of_scope");
    expect(r.answer).toContain("«GPLX»");
  });

  it("answers each clause of a message that asks two figures", async () => {
    const r = await answerer.ask({
      question: "tinh hai 2024 bao nhieu % DN ung dung CĐS? cap quang thi bao nhieu % ho gd ket noi",
    });
    expect(r.indicators.length).toBeGreaterThanOrEqual(2);
    expect(r.answer).toContain("90%");
  });

  it("treats a compound no plan uses as outside the plans, however common its syllables", async () => {
    for (const question of [
      "Ai chủ trì nhiệm vụ xây dựng sân bay ở xã Tân Kỳ?",
      "thu tuc dang ky ket hon can giay to gi",
    ]) {
      const r = await answerer.ask({ question });
      expect(r.abstained).toBe(true);
      expect(r.intent).toBe("out_of_scope");
    }
  });

  it("abstains when a day is asked and the passage on the topic names none, showing what the plan says", async () => {
    const r = await answerer.ask({
      question: "Tân Kỳ đi diễn tập thực chiến an toàn thông tin vào ngày nào?",
    });
    expect(r.abstained).toBe(true);
    expect(r.answer).toContain("không nêu ngày cụ thể");
    expect(r.citations.length).toBeGreaterThan(0);
    const dated = await answerer.ask({ question: "Tĩnh Hải hưởng ứng ngày CĐS quốc gia vào ngày nào?" });
    expect(dated.abstained).toBe(false);
    expect(dated.answer).toContain("10/10");
  });

  it("counts a unit's work with the duties the plan gives it, not only its appendix tasks", async () => {
    const all = await answerer.ask({ question: "Phòng Kinh tế xã Tân Kỳ cần làm mấy việc" });
    const appendix = await answerer.ask({ question: "Phòng Kinh tế xã Tân Kỳ làm mấy việc trong phụ lục" });
    expect(all.tasks.length).toBeGreaterThan(appendix.tasks.length);
    expect(all.answer).toContain("kinh phí");
  });

  it("lists the targets whose period ends in the window asked about", async () => {
    const r = await answerer.ask({ question: "cat hai den thang 12/2025 phai dat nhung muc tieu gi" });
    expect(r.intent).toBe("due");
    expect(r.indicators.length).toBeGreaterThan(0);
    expect(r.answer).toContain("31/12/2025");
  });

  it("says when a plan was signed from its digital-signature stamps, and abstains for one without", async () => {
    const r = await answerer.ask({ question: "Văn bản KH của Phù Liễn được ký số ngày nào vậy?" });
    expect(r.abstained).toBe(false);
    expect(r.answer).toMatch(/ký số ngày 0?4\/0?9\/2025/u);
    expect(r.citations[0]?.quote).toContain("đã ký lên văn bản này");
    const none = await answerer.ask({ question: "kh tan ky ky so ngay nao" });
    expect(none.abstained).toBe(true);
  });

  it("answers a question of no known form with the one record its topic matches, whole", async () => {
    const g = await answerer.gather({
      question: "tiep nhan tra loi phan anh kien nghi cua nguoi dan tren moi truong so o tan ky",
    });
    expect(g.routed.intent).toBe("general");
    expect(g.evidence.intent).toBe("task");
    const r = await answerer.ask({
      question: "tiep nhan tra loi phan anh kien nghi cua nguoi dan tren moi truong so o tan ky",
    });
    expect(r.tasks.length).toBeGreaterThan(0);
    expect(r.answer).toMatch(/chủ trì: /u);
  });

  it("counts the tasks of the appendix and lists them, each cited", async () => {
    const r = await answerer.ask({ question: "Kế hoạch Tân Kỳ có bao nhiêu nhiệm vụ trong phụ lục?" });
    const n = answerer.corpus.plans
      .find((p) => p.id === "tan-ky-2026")
      ?.tasks.filter((t) => t.origin === "appendix").length;
    expect(r.answer).toContain(`có ${n} nhiệm vụ trong phụ lục`);
    expect(r.tasks.length).toBeGreaterThan(0);
    expect(r.citations.length).toBe(r.tasks.length);
  });

  it("names a person only from the plan's text, and says so when the plan does not", async () => {
    const signer = await answerer.ask({ question: "Ai là Chủ tịch UBND xã Phú Thái?" });
    expect(signer.abstained).toBe(false);
    expect(signer.answer).toContain("Nguyễn Phúc Công");
    const deputy = await answerer.ask({ question: "chu tich dac khu cat hai la ai" });
    expect(deputy.abstained).toBe(true);
    expect(deputy.answer).toContain("không nêu tên Chủ tịch");
    const party = await answerer.ask({ question: "Bí thư Đảng ủy xã Tân Kỳ tên gì?" });
    expect(party.abstained).toBe(true);
  });

  it("says a window holds no dated task, and lists the tasks that follow the plan period ending in it", async () => {
    const r = await answerer.ask({ question: "Phú Thái có việc nào hạn tháng 12/2025?" });
    expect(r.abstained).toBe(false);
    expect(r.answer).toMatch(/không có nhiệm vụ nào có hạn riêng trong tháng 12\/2025/u);
    expect(r.answer).toContain("31/12/2025");
    const outside = await answerer.ask({ question: "cat hai thang nay phai xong gi", now: "2026-03-10" });
    expect(outside.abstained).toBe(true);
    expect(outside.answer).toContain("6 tháng cuối năm 2025");
  });

  it("reads a month without a year in the year of the plan asked about, and a day of it as in that month", async () => {
    const r = await answerer.ask({
      question: "tinh hai thang 10 co hoat dong gi phai to chuc",
      now: "2026-12-02",
    });
    expect(r.intent).toBe("due");
    expect(r.abstained).toBe(false);
    expect(r.answer).toContain("10/10");
    // In a plan of this year, a month with no dated task says so, and what runs the whole period.
    const none = await answerer.ask({ question: "Tân Kỳ tháng 10 có việc gì đến hạn", now: "2026-12-02" });
    expect(none.abstained).toBe(true);
    expect(none.answer).toMatch(/Không có nhiệm vụ nào của xã Tân Kỳ có hạn trong tháng 10\/2026/u);
    expect(none.answer).toMatch(
      /nhiệm vụ không nêu hạn riêng, làm trong suốt thời gian của kế hoạch \(năm 2026, đến 31\/12\/2026\)/u,
    );
  });

  it("lists what falls due from today to the end of the year", async () => {
    const r = await answerer.ask({
      question: "Từ giờ tới cuối năm VP HĐND và UBND xã Tân Kỳ có việc nào đến hạn?",
      now: "2026-06-15",
    });
    expect(r.answer).toMatch(/khoảng 15\/06\/2026 – 31\/12\/2026/u);
    expect(r.answer).toContain("mạng LAN");
    expect(r.answer).not.toContain("cấp độ an toàn");
  });

  it("says which body issued a plan, from its header or its signature block, and a body the plan gives no work", async () => {
    const issuer = await answerer.ask({ question: "kế hoạch của phù liễn do cơ quan nào ban hành" });
    expect(issuer.answer).toContain("Ủy ban nhân dân phường Phù Liễn");
    expect(issuer.citations[0]?.plan).toBe("phu-lien-2025");
    const body = await answerer.ask({ question: "hoi phu nu phuong phu lien lam gi" });
    expect(body.abstained).toBe(true);
    expect(body.intent).toBe("unit");
    expect(body.answer).toMatch(/không nêu nhiệm vụ của Hội Phụ nữ/u);
  });

  it("prefers the task whose product gives the figure asked, and gives no task for a sum of money it does not state", async () => {
    const r = await answerer.ask({
      question: "cai app VNeID cho nguoi dan o xa TK ai phu trach, dau ra can dat bao nhieu",
    });
    expect(r.plans).toEqual(["tan-ky-2026"]);
    expect(r.answer).toContain("Công an xã");
    expect(r.answer).toContain("82%");
    const money = await answerer.ask({
      question: "Theo NĐ 179/2025 người làm chuyên trách CĐS được hỗ trợ bao nhiêu tiền 1 tháng?",
    });
    expect(money.abstained).toBe(true);
    expect(money.answer).not.toMatch(/\d+\s*đồng/u);
  });

  it("reads unit shorthand written with dashes and never writes a locality's kind capitalised mid-sentence", async () => {
    const r = await answerer.ask({ question: "KT-HT-ĐT phường Phù Liễn làm gì?" });
    expect(r.intent).toBe("unit");
    expect(r.answer).toContain("Phòng Kinh Tế, Hạ tầng và Đô thị");
    const none = await answerer.ask({ question: "Ai là Bí thư Đảng ủy xã Phú Thái?" });
    expect(none.answer).not.toMatch(/của Xã/u);
  });

  it("names the days of the month asked about that the plan gives to an activity, when no task is due in it", async () => {
    const r = await answerer.ask({
      question: "thang toi phuong Tinh Hai co hoat dong gi ve CDS ko",
      now: "2024-09-20",
    });
    expect(r.intent).toBe("due");
    expect(r.abstained).toBe(false);
    expect(r.answer).toMatch(/Không có nhiệm vụ nào của phường Tĩnh Hải có hạn trong tháng 10\/2024/u);
    expect(r.answer).toContain("Ngày chuyển đổi số Quốc gia 10/10");
    // A month none of whose days the plan names gets no such line.
    const none = await answerer.ask({
      question: "thang toi phuong Tinh Hai co hoat dong gi ve CDS ko",
      now: "2024-10-20",
    });
    expect(none.answer).not.toContain("10/10");
  });

  it("lists the content areas under the part that holds the plan's tasks, and the recipients a report goes to", async () => {
    const r = await answerer.ask({ question: "KH của Phú Thái gồm những mảng nội dung chính nào?" });
    expect(r.answer).toMatch(/III: NỘI DUNG KẾ HOẠCH[^\n]*\n\s+• III\.1: Hạ tầng số/u);
    expect(r.answer).toContain("Phát triển dữ liệu số");
    expect(r.answer).not.toContain("VI.1");
    const sent = await answerer.ask({ question: "kh cds tinh hai 2024 gui bao cao cho nhung noi nao" });
    expect(sent.abstained).toBe(false);
    expect(sent.answer).toContain("Phòng Văn hóa và Thông tin ( B/c)");
  });

  it("keeps a number's decimal point inside the number, and reads the shorthand of a task's fields", async () => {
    const r = await answerer.ask({
      question: "Căn cứ KH của Phú Thái có NQ nào của Bộ Chính trị về CMCN 4.0?",
    });
    expect(r.answer).toContain("52-NQ/TW");
    const task = await answerer.ask({
      question:
        "Tân Kỳ: việc cập nhật báo cáo kết quả NQ 57 lên hệ thống theo dõi của TW thì ai làm chính, sản phẩm ra là gì?",
    });
    expect(task.abstained).toBe(false);
    expect(task.answer).toContain("theodoing.dcs.vn");
    const online = await answerer.ask({
      question: "Phù Liễn ai là đầu mối hỗ trợ dân nộp hồ sơ TTHC online, làm cùng tổ nào?",
    });
    expect(online.abstained).toBe(false);
    expect(online.answer).toContain("Tổ ứng cứu công nghệ");
  });

  it("never makes X the lead of a unit's duty written «Phối hợp với X …»: the plan names no lead", async () => {
    const plan = answerer.corpus.plans.find((p) => p.id === "phu-lien-2025");
    const duty = plan?.tasks.find((t) =>
      t.title.startsWith("Phối hợp với Phòng Văn hóa - Xã hội bố trí nhân lực"),
    );
    expect(duty?.lead).toEqual([]);
    expect(duty?.coordinators).toEqual(["Văn phòng HĐND và UBND", "Phòng Văn hóa - Xã hội"]);
    const r = await answerer.ask({ question: "ai chủ trì bố trí nhân lực tham gia tổ khảo sát ở phù liễn" });
    expect(r.answer).toContain("chủ trì: không nêu");
    expect(r.answer).not.toMatch(/chủ trì: Phòng Văn hóa/u);
  });

  it("reads «bên tk» as the commune's initials, and «đặt chỉ tiêu ký số văn bản» as a target, not a number", async () => {
    const task = await answerer.ask({
      question: "ai lo vụ ban hành kế hoach hưởng ứng ngày CĐS quốc gia bên tk vậy, hạn bao giờ?",
    });
    expect(task.plans).toEqual(["tan-ky-2026"]);
    expect(task.answer).toContain("Quý III/2026");
    const target = await answerer.ask({ question: "Phú Thái đặt chỉ tiêu ký số văn bản bao nhiêu %?" });
    expect(target.intent).toBe("indicator");
    expect(target.abstained).toBe(false);
    expect(target.answer).toContain("90%");
  });

  it("names every plan that mentions a thing or a document, each with its own sentence", async () => {
    const app = await answerer.ask({ question: "Kế hoạch nào có nhắc tới ứng dụng Smart Hai Phong?" });
    expect(app.plans).toEqual(["cat-hai-2025-h2", "phu-thai-2025-h2", "tan-ky-2026"]);
    expect(app.citations.every((x) => /Smart H/iu.test(x.quote))).toBe(true);
    const decree = await answerer.ask({ question: "kh nao co dan chieu nghi dinh 73/2019/ND-CP" });
    expect(decree.plans).toEqual(["phu-thai-2025-h2", "tan-ky-2026", "tinh-hai-2024"]);
    expect(decree.answer).toContain("Có 3 trong 5 kế hoạch");
    const none = await answerer.ask({ question: "kế hoạch nào nhắc tới xe buýt điện" });
    expect(none.abstained).toBe(true);
  });

  it("gives an earlier plan named in the text for an earlier year, and the other plan when one number is given", async () => {
    const earlier = await answerer.ask({ question: "truoc do nam 2023 tinh hai co kh cds so may, ngay nao" });
    expect(earlier.abstained).toBe(false);
    expect(earlier.answer).toContain("33/KH-UBND ngày 06/3/2023");
    const via = await answerer.ask({
      question: "Phù Liễn triển khai KH 02-KH/BCĐTW theo KH số mấy của BCĐ thành phố Hải Phòng?",
    });
    expect(via.answer).toContain("01-KH/BCĐ ngày 26/8/2025");
    const both = await answerer.ask({
      question: "cat hai kh nay ban hanh thang may, thuc hien kh nao cua thanh pho",
    });
    expect(both.answer).toContain("tháng 9 năm 2025");
    expect(both.answer).toContain("215-KH-UBND");
  });

  it("reads «từ giờ đến cuối năm», «còn 1 tháng nữa là hết năm» as a window, not as words of the topic", async () => {
    const floor = await answerer.ask({
      question: "phu lien: tu gio den cuoi nam phai so hoa duoc it nhat bao nhieu tai lieu luu tru lich su?",
      now: "2025-10-15",
    });
    expect(floor.abstained).toBe(false);
    expect(floor.answer).toContain("30%");
    const targets = await answerer.ask({
      question: "con hon 1 thang nua la het nam, phu lien phai dat nhung chi tieu gi",
      now: "2025-11-20",
    });
    expect(targets.answer).toContain("từ nay đến hết năm 2025");
    expect(targets.answer).toContain("80%");
  });

  it("reads lowercase initials as the commune where the place fits, and «tk» of an account otherwise", async () => {
    const month = await answerer.ask({
      question: "tháng này tk phải ban hành văn bản gì về cđs, ai chủ trì?",
      now: "2026-01-12",
    });
    expect(month.plans).toEqual(["tan-ky-2026"]);
    expect(month.answer).toContain("Xây dựng, ban hành Kế hoạch chuyển đổi số xã năm 2026");
    const people = buildContext(answerer.corpus, DEFAULT_POLICY, {
      question: "tuyen truyen ke hoach KHCN toi can bo va nhan dan tk",
    });
    expect(people.plans.map((p) => p.id)).toEqual(["tan-ky-2026"]);
    const account = buildContext(answerer.corpus, DEFAULT_POLICY, {
      question: "cap tk VNeID cho dan thi ai lo",
    });
    expect(account.scope).not.toBe("question");
  });

  it("keeps a sport's name as typed when saying no plan mentions it", async () => {
    const r = await answerer.ask({ question: "Tối nay Hải Phòng đá với ai ở V-League vậy mọi người?" });
    expect(r.abstained).toBe(true);
    expect(r.answer).toContain("«V-League»");
  });

  it("reads «còn mấy hôm nữa hết quý» as today to the quarter's end, and gives a month's dated activity first", async () => {
    const quarter = await answerer.ask({
      question: "con may hom nua het quy roi, vp hdnd va ubnd tan ky con viec nao phai xong k",
      now: "2026-09-20",
    });
    expect(quarter.answer).toContain("từ nay đến hết Quý III/2026");
    expect(quarter.answer).toContain("mạng LAN");
    const month = await answerer.ask({
      question: "thang nay tinh hai co hoat dong cds nao can to chuc khong",
      now: "2024-10-03",
    });
    expect(month.citations[0]?.quote).toContain("10/10");
  });

  it("gives the date of the plan a question names by its number, not the asking plan's own", async () => {
    const r = await answerer.ask({
      question: "Kế hoạch của Phù Liễn thực hiện Kế hoạch số 01 của Ban Chỉ đạo thành phố ban hành ngày nào?",
    });
    expect(r.answer).toContain("01-KH/BCĐ ngày 26/8/2025");
    expect(r.answer).not.toContain("chưa ghi số");
  });

  it("weighs words alike from kept term counts as from the passages themselves", () => {
    const stats = answerer.corpus.stats;
    const again = new TermStats(stats.counts());
    for (const term of ["mang", "lan", "mang_lan", "office", "khong_co_tu_nay"]) {
      expect(again.idf(term)).toBe(stats.idf(term));
      expect(again.known(term)).toBe(stats.known(term));
    }
  });

  it("reads «sập» with its marks as a fault but «sap» as «sắp», and «chi thường xuyên» as spending", async () => {
    const fault = await answerer.ask({
      question: "Nếu hệ thống bị hack, sập thì Tân Kỳ phải khôi phục hoạt động trong bao lâu?",
    });
    expect(fault.answer).toContain("24 tiếng");
    const soon = buildContext(answerer.corpus, DEFAULT_POLICY, {
      question: "sap sang thang 10 roi, tinh hai co hoat dong gi",
      now: "2024-09-25",
    });
    expect(soon.text).not.toContain("su co");
    const spending = buildContext(answerer.corpus, DEFAULT_POLICY, {
      question: "thẩm định nhiệm vụ CNTT ở Phú Thái từ vốn chi thường xuyên thì ai làm",
    });
    expect(spending.deadlineKind).toBeNull();
  });

  it("reads «6 tháng cuối năm» as a period, not a document's number, and «theo lộ trình» as when", async () => {
    const r = await answerer.ask({
      question: "KH CĐS 6 tháng cuối năm 2025 của xã Phú Thái thực hiện theo kế hoạch nào của thành phố vậy?",
    });
    expect(r.answer).toContain("215/KH-UBND");
    const road = await answerer.ask({
      question:
        "Tĩnh Hải chuyển hệ thống CNTT, Internet trong cơ quan nhà nước sang IPv6 thì thời hạn thế nào?",
    });
    expect(road.abstained).toBe(false);
    expect(road.answer).toContain("theo lộ trình của thị xã");
  });

  it("says with whom a unit's «Phối hợp với X» duty is done when listing work by how often", async () => {
    const r = await answerer.ask({
      question: "Tĩnh Hải có việc gì về an toàn thông tin phải làm hằng năm, ai làm?",
    });
    expect(r.answer).toContain("phối hợp: Văn phòng UBND phường; Trung tâm ứng cứu sự cố tỉnh");
    expect(r.answer).toContain("hạn: hàng năm (định kỳ)");
    expect(r.answer).not.toContain("định kỳ: ");
  });

  it("says a plan's text holds no appendix rather than counting its other tasks as the appendix", async () => {
    const r = await answerer.ask({ question: "Phụ lục nhiệm vụ của Cát Hải có bao nhiêu nhiệm vụ?" });
    expect(r.abstained).toBe(true);
    expect(r.answer).toContain("không có bảng phụ lục danh mục nhiệm vụ");
  });

  it("answers who issued a document the question names by its number, and whom a plan reports to", async () => {
    const named = await answerer.ask({
      question:
        "Kế hoạch của phường Phù Liễn thực hiện Kế hoạch 01-KH/BCĐ của cơ quan nào, ban hành ngày nào?",
    });
    expect(named.answer).toContain("01-KH/BCĐ ngày 26/8/2025 của Ban Chỉ đạo");
    expect(named.answer).not.toContain("do Ủy ban nhân dân phường Phù Liễn ban hành");
    const reported = await answerer.ask({
      question: "kế hoạch chuyển đổi số phường Tĩnh Hải gửi báo cáo lên phòng nào?",
    });
    expect(reported.answer).toContain("Phòng Văn hóa và Thông tin");
  });

  it("lists a month's dated activity when nothing on the topic answers, and says a unit the plan gives nothing", async () => {
    const month = await answerer.ask({
      question: "thang nay tinh hai co hoat dong cds nao can chuan bi khong",
      now: "2024-10-02",
    });
    expect(month.abstained).toBe(false);
    expect(month.answer).toContain("10/10");
    const centre = await answerer.ask({
      question: "Trung tâm Phục vụ hành chính công đặc khu Cát Hải được giao nhiệm vụ gì trong kế hoạch?",
    });
    expect(centre.abstained).toBe(true);
    expect(centre.answer).toContain("không nêu nhiệm vụ của Trung tâm Phục vụ hành chính công");
  });

  it("reads «có nhắc đến … nào không» of one plan as what it says, and «theo văn bản số mấy» as what it implements", async () => {
    const tech = await answerer.ask({
      question: "cat hai co nhac den ung dung nhung cong nghe moi nao khong",
    });
    expect(tech.answer).toContain("Blockchain");
    const both = await answerer.ask({
      question: "Phú Thái với Cát Hải đều làm kế hoạch theo văn bản số mấy của TP Hải Phòng vậy?",
    });
    expect(both.answer).toContain("215/KH-UBND");
    expect(both.answer).toContain("215-KH-UBND");
    const end = await answerer.ask({
      question:
        "Sắp hết năm rồi, trước khi hết năm Cát Hải phải đạt tỷ lệ hồ sơ TTHC trực tuyến toàn trình là bao nhiêu?",
    });
    expect(end.answer).toContain("80%");
  });

  it("reads «đáng lẽ phải xong» as overdue and «muộn nhất» as by when, and dates a plan by its signature stamp", async () => {
    const late = buildContext(answerer.corpus, DEFAULT_POLICY, {
      question: "tan ky viec nao dang le phai xong roi",
      now: "2026-10-05",
    });
    expect(late.window?.relation).toBe("overdue");
    const due = await answerer.ask({ question: "Tân Kỳ các chỉ tiêu phải đạt muộn nhất khi nào?" });
    const ends = [
      ...new Set(plan("tan-ky-2026").indicators.flatMap((i) => (i.period.end ? [i.period.end] : []))),
    ];
    for (const end of ends) expect(due.answer).toContain(formatViDate(end));
    // Phù Liễn's header leaves the date blank; its signature stamps say when it was signed.
    const signed = await answerer.ask({ question: "phù liễn ký kế hoạch cds khi nào" });
    const stamp = plan("phu-lien-2025").signatures[0];
    expect(stamp).toBeDefined();
    expect(signed.answer).toContain(formatViDate(stamp?.date ?? "-"));
  });

  it("names the document a body was set up by, the reporting sentence itself, and a principle counted «ba»", async () => {
    const body = await answerer.ask({ question: "ban chi dao cds tinh hai thanh lap theo quyet dinh nao" });
    // The decision the plan's own text names beside "Thành lập Ban Chỉ đạo".
    const text = corpusLines("tinh-hai-2024").join(" ").replace(/\s+/gu, " ");
    const decision = /Quyết định số (\d+\/QĐ)(?:(?!Quyết định số)[^;])*?Thành lập Ban Chỉ đạo/u.exec(
      text,
    )?.[1];
    expect(decision).toBeDefined();
    expect(body.answer).toContain(decision);
    const through = await answerer.ask({
      question: "Phú Thái làm kế hoạch mà có khó khăn thì báo cáo qua phòng nào?",
    });
    expect(through.answer).toMatch(/báo cáo Ủy ban nhân dân xã \(qua Phòng Văn hóa/u);
    const toWhom = await answerer.ask({ question: "Tĩnh Hải báo cáo kết quả thực hiện kế hoạch cho ai" });
    expect(toWhom.intent).toBe("plan");
    const three = await answerer.ask({ question: "phù liễn vận hành chính quyền số theo ba nguyên tắc nào" });
    expect(three.abstained).toBe(false);
    expect(three.answer).toContain("Một dữ liệu duy nhất");
    // Typed without tones, "ba" may be "học bạ": it stays a topic word.
    expect(normaliseQuestion("hoc ba so o truong nao")).toContain("ba");
    expect(normaliseQuestion("Học bạ số ở trường nào")).toContain("bạ");
  });

  it("reads half a year, tasks other than the recurring ones, and what is handed in as the product", async () => {
    const half = await answerer.ask({
      question: "6 tháng cuối năm nay tân kỳ còn những việc gì có hạn, trừ các việc thường xuyên",
      now: "2026-05-10",
    });
    expect(half.intent).toBe("due");
    expect(half.tasks.length).toBeGreaterThan(0);
    for (const t of half.tasks) {
      expect(t.deadline.end && t.deadline.end >= "2026-07-01" && t.deadline.end <= "2026-12-31").toBe(true);
      expect(t.deadline.kind).not.toBe("recurring");
    }
    const made = await answerer.ask({
      question: "tan ky lap ke hoach tap huan ky nang so cho can bo thi ai lo, nop san pham gi",
    });
    expect(made.abstained).toBe(false);
    expect(made.tasks[0]?.title).toMatch(/^Xây dựng kế hoạch bồi dưỡng, tập huấn/u);
  });

  it("lists the other plans implemented when one is named, and a steering committee's whole name", async () => {
    const others = await answerer.ask({
      question: "Phù Liễn: ngoài KH 02-KH/BCĐTW thì còn triển khai kế hoạch nào nữa",
    });
    expect(others.answer).toContain("01-KH/BCĐ");
    expect(others.answer).not.toMatch(/thực hiện Kế hoạch số 02-KH\/BCĐTW/u);
    expect(others.answer).toContain("đổi mới sáng tạo và chuyển đổi số thành phố Hải Phòng");
  });

  it("does not give a target for a count of today, for a count of people, or for the plan's own year", async () => {
    const staff = await answerer.ask({ question: "Hiện nay xã Tân Kỳ có mấy cán bộ chuyên trách về CNTT" });
    expect(staff.abstained).toBe(true);
    const people = await answerer.ask({ question: "phù liễn có bao nhiêu người dân, bao nhiêu hộ" });
    expect(people.abstained).toBe(true);
    const own = await answerer.ask({
      question: "tĩnh hải năm 2024 thực tế đạt được bao nhiêu % cuộc họp trực tuyến",
    });
    expect(own.intent).toBe("out_of_scope");
    expect(own.abstained).toBe(true);
    // The year before the plan is its situation assessment, and answers.
    const before = await answerer.ask({ question: "năm 2023 Tĩnh Hải tổ chức được mấy buổi họp trực tuyến" });
    expect(before.abstained).toBe(false);
    expect(before.answer).toContain("50 phiên họp");
    const loud = await answerer.ask({ question: "tinh hai 2023 phat bao nhieu tin bai tren loa phuong" });
    expect(loud.answer).toContain("95 tin bài");
  });

  it("answers each question of a message that asks two", async () => {
    const two = await answerer.ask({
      question:
        "Tĩnh Hải năm 2023 họp qua hội nghị truyền hình mấy phiên; năm 2024 phấn đấu bao nhiêu % cuộc họp trực tuyến?",
    });
    expect(two.abstained).toBe(false);
    expect(two.answer).toContain("50 phiên");
    expect(two.answer).toContain("95%");
    expect(questionParts("ai chủ trì nâng cấp mạng LAN, hạn khi nào")).toEqual([]);
    expect(questionParts("Tân Kỳ có bao nhiêu nhiệm vụ, trong đó Công an xã làm gì?")).toHaveLength(2);
  });

  it("asks of «X thì sao» what the part before asked, and splits at commas only between pieces that each ask", async () => {
    expect(questionParts("Phù Liễn đạt bao nhiêu % thủ tục, còn hồ sơ trực tuyến thì sao?")).toEqual([
      "Phù Liễn đạt bao nhiêu % thủ tục",
      "hồ sơ trực tuyến đạt bao nhiêu %",
    ]);
    expect(questionParts("ai chủ trì nâng cấp mạng LAN Tân Kỳ, con camera thi sao")).toEqual([
      "ai chủ trì nâng cấp mạng LAN Tân Kỳ",
      "camera ai chủ trì",
    ]);
    expect(
      questionParts("Tân Kỳ lưu dữ liệu theo nguyên tắc nào, gặp sự cố khôi phục trong bao lâu"),
    ).toHaveLength(2);
    expect(questionParts("nâng cấp mạng LAN ở Tân Kỳ, ai chủ trì")).toEqual([]);
    const two = await answerer.ask({
      question:
        "Phù Liễn phải đạt bao nhiêu % thủ tục không phụ thuộc địa giới, còn hồ sơ xử lý hoàn toàn trực tuyến thì sao?",
    });
    expect(two.answer).toContain("100%");
    expect(two.answer).toContain("Tối thiểu 80%");
    // The heading of the commune is said once.
    expect(two.answer.split("Phường Phù Liễn (").length).toBe(2);
    const backup = await answerer.ask({
      question:
        "Tân Kỳ lưu bản sao dữ liệu theo nguyên tắc nào, gặp sự cố phải đưa hệ thống trở lại bình thường trong bao lâu",
    });
    expect(backup.answer).toContain("3-2-1");
    expect(backup.answer).toContain("24 tiếng");
  });

  it("answers «vào tháng mấy» of one task within a year, «tỉ lệ» as «tỷ lệ», «CCHC», and a number in words", async () => {
    expect(routed("o tinh hai hoi nghi truyen hinh trien khai vao thang may nam 2024").intent).toBe("task");
    expect(routed("tinh hai nam 2024 viec nao phai xong vao thang may").intent).toBe("due");
    const reform = await answerer.ask({ question: "cat hai gan ke hoach voi cchc do ai lo" });
    expect(reform.answer).toContain("cải cách hành chính");
    expect(reform.answer).toContain("Phòng Văn hóa – Xã hội");
    const both = await answerer.ask({
      question: "cat hai ti le hai long cua dan bao nhieu, con ty le tthc toan trinh thi the nao",
    });
    expect(both.answer).toContain("trên 90%");
    expect(both.answer).toContain("toàn trình — mục tiêu");
    const people = await answerer.ask({
      question: "tuyen truyen ke hoach khcn dmst cds xuong ba con o tan ky do ai lam",
    });
    expect(people.answer).toContain("Trung tâm Dịch vụ sự nghiệp công");
    const once = await answerer.ask({ question: "phu lien nguoi dan phai nhap du lieu may lan" });
    expect(once.abstained).toBe(false);
    expect(once.answer).toContain("một lần");
  });

  it("reads «không cần gặp mặt» as «phi tiếp xúc», «app» as «ứng dụng», «mấy … nào» as which, and a task's output as the task's", async () => {
    const contactless = await answerer.ask({
      question: "tỷ lệ giao dịch không cần gặp mặt ở tân kỳ năm 2026 là bao nhiêu",
    });
    expect(contactless.answer).toContain("≥ 89%");
    const app = await answerer.ask({ question: "app công dân số ở phú thái tên là gì" });
    expect(app.answer).toContain("Smart Hai Phong");
    const which = await answerer.ask({
      question: "cat hai ung dung may cong nghe moi nao vao giai quyet bai toan thuc tien",
    });
    expect(which.abstained).toBe(false);
    expect(which.answer).toContain("Blockchain");
    const implemented = await answerer.ask({
      question: "kh phu lien trien khai KH 01 cua BCD thanh pho ban hanh ngay nao",
    });
    expect(implemented.answer).toContain("26/8/2025");
    const partners = await answerer.ask({
      question: "Phú Thái hợp tác với ai để huy động nguồn lực cho chuyển đổi số",
    });
    expect(partners.abstained).toBe(false);
    expect(partners.answer).toContain("doanh nghiệp viễn thông, công nghệ");
    const name = await answerer.ask({ question: "nguoi phu trach cntt cua phuong tinh hai ho ten la gi" });
    expect(name.abstained).toBe(true);
    expect(name.answer).toContain("không nêu tên");
    const output = await answerer.ask({
      question: "tan ky viec so hoa ket qua giai quyet tthc thi san pham dat bao nhieu %",
    });
    expect(output.intent).toBe("task");
    expect(output.answer).toContain("sản phẩm: 100% hồ sơ");
  });

  it("reads «cb cc vc» as the civil service, «chậm hạn» as overdue, and says plans set no prices", async () => {
    const staff = await answerer.ask({ question: "phu thai bao nhieu % cbccvc duoc boi duong ky nang so" });
    const target = plan("phu-thai-2025-h2").indicators.find((i) => /kỹ năng số/u.test(i.name));
    expect(target).toBeDefined();
    expect(staff.answer).toContain(target?.target.raw ?? "-");
    const late = buildContext(answerer.corpus, DEFAULT_POLICY, {
      question: "cat hai con viec nao cham han khong",
      now: "2026-02-01",
    });
    expect(late.window?.relation).toBe("overdue");
    const price = await answerer.ask({ question: "giá gói cáp quang ở Tân Kỳ bao nhiêu tiền một tháng" });
    expect(price.intent).toBe("out_of_scope");
    expect(price.answer).toContain("không quy định giá cước");
  });

  it("says plans hold no contact details and no progress so far, rather than quoting a task", async () => {
    for (const question of ["xin email của văn phòng ubnd xã cát hải", "sdt cong an xa tan ky"]) {
      const r = await answerer.ask({ question });
      expect(r.intent).toBe("out_of_scope");
      expect(r.answer).toContain("không ghi số điện thoại hay địa chỉ liên hệ");
    }
    for (const question of [
      "tiến độ thực hiện kế hoạch Tân Kỳ hiện nay thế nào",
      "den nay phu thai da cai dat duoc bao nhieu tai khoan VNeID",
    ]) {
      const r = await answerer.ask({ question });
      expect(r.intent).toBe("out_of_scope");
      expect(r.answer).toContain("không ghi kết quả thực hiện đến nay");
    }
  });

  it("reads «tuần này», «tuần sau» as Monday to Sunday, and lists what is done every week in it", async () => {
    const week = buildContext(answerer.corpus, DEFAULT_POLICY, {
      question: "tuan nay tinh hai phai lam gi",
      now: "2024-06-05",
    });
    expect(week.window).toMatchObject({ from: "2024-06-03", to: "2024-06-09", relation: "within" });
    const next = buildContext(answerer.corpus, DEFAULT_POLICY, {
      question: "tuần sau có việc gì",
      now: "2024-06-09",
    });
    expect(next.window).toMatchObject({ from: "2024-06-10", to: "2024-06-16" });
    const posts = await answerer.ask({
      question: "tuần này phường tĩnh hải phải đăng gì lên trang thông tin điện tử",
      now: "2024-06-05",
    });
    expect(posts.answer).toContain("Hàng tuần thực hiện việc đăng tải");
    const every = await answerer.ask({
      question: "tuần nào bộ phận văn hóa tĩnh hải cũng phải đăng gì lên trang TTĐT",
    });
    expect(every.intent).toBe("due");
    expect(every.answer).toContain("làm hằng tuần");
    // A piece after a comma with a topic of its own is a question of its own.
    const two = await answerer.ask({
      question: "Tĩnh Hải năm 2023 có bao nhiêu phiên họp trực tuyến, có mấy điểm cầu hội nghị truyền hình",
    });
    expect(two.answer).toContain("50 phiên");
    expect(two.answer).toContain("1 điểm cầu");
    expect(two.answer.split("Hiện có 1 điểm cầu").length).toBe(2);
  });

  it("reads «sợ trễ hạn» as a worry about the window asked, not as «đã quá hạn»", () => {
    const worry = buildContext(answerer.corpus, DEFAULT_POLICY, {
      question: "quy nay tan ky con viec gi phai xong truoc 31/3 ko a, so tre han",
      now: "2026-03-02",
    });
    expect(worry.window?.relation).toBe("within");
    const late = buildContext(answerer.corpus, DEFAULT_POLICY, {
      question: "tan ky viec nao tre han",
      now: "2026-03-02",
    });
    expect(late.window?.relation).toBe("overdue");
  });
});
