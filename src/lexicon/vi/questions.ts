import { COUNT_UNITS } from "./units.ts";

/**
 * How staff ask: cue families for what a question wants (who leads, with whom, by when, what product,
 * how much, which duties, which plan fact), matched on folded text with the shorthand written out.
 * Each family is a list of wordings; a wording may use regular-expression alternation. Broad families,
 * not exact questions: "ai lo", "bên nào làm", "giao cho ai" all ask who leads.
 */

export type CueFamily = readonly string[];

/** "đơn vị nào", "phòng nào": a unit asked for, as a question phrase (folded). */
export const WHICH_UNIT = ["don vi nao", "co quan nao", "bo phan nao", "phong nao", "ben nao"] as const;

/** The same as a pattern fragment, for cues that name the unit asked for in a longer wording. */
const UNIT_ASKED = "(don vi|phong|co quan|bo phan|ben) nao";

export const QUESTION_CUES = {
  greeting: [
    "^(xin )?(chao|hello|hi|alo|hey|cam on|thank you|thanks|ok|oke|okay|vang|da|u|uh|tot|tuyet)( (ban|bot|em|anh|chi|tro ly|ad|admin|nhieu|nhe))*( oi| a| nhe| nha)*$",
  ],
  thanks: ["cam on", "thank", "thanks", "ok", "oke", "okay", "vang", "tot", "tuyet"],
  help: [
    "huong dan su dung",
    "ban lam duoc gi",
    "ban la ai",
    "ban giup duoc gi",
    "dung the nao",
    "cach dung",
    "help",
    "tro giup",
    "lenh nao",
  ],
  lead: [
    "ai",
    ...WHICH_UNIT,
    "chu tri",
    "phu trach",
    "chiu trach nhiem",
    "ai lam",
    "thuc hien la ai",
    "giao cho ai",
    "ai thuc hien",
    "cam trich",
    "dam nhiem",
    "dam nhan",
    "dau moi",
    "ai lo",
    "ben nao lo",
    "lam chinh",
  ],
  /** "hợp tác với những ai": the partners a text names, not the unit that leads. */
  partners: [
    "(hop tac|lien ket|ket hop|phoi hop|bat tay) voi (nhung |cac )?(ai|ben nao|don vi nao|doanh nghiep nao|to chuc nao)",
  ],
  /** Words that ask who, as opposed to verbs of leading ("phụ trách", "chủ trì") said of a named unit. */
  who: ["ai", ...WHICH_UNIT, "to nao", "trung tam nao"],
  /** "Có phải … không", "… đúng không": a yes/no question about a stated fact. */
  yesNo: ["co phai", "phai khong", "dung khong", "dung ko", "phai ko", "co dung", "dung chu"],
  coordinators: [
    "phoi hop",
    "cung voi ai",
    "ho tro",
    "cung lam",
    "lam cung",
    "lam chung",
    "ai giup",
    "voi ai",
  ],
  deadline: [
    "phai xong",
    "(vao )?ngay (nao|may)",
    "moc thoi gian",
    "(truoc )?moc nao",
    "truoc (ngay|thoi diem|thoi gian|khi|luc) nao",
    // "hạn", not "hạn chế" (a shortcoming)
    "han(?! che)",
    "thoi han",
    "khi nao",
    "bao gio",
    "luc nao",
    "den khi nao",
    "xong truoc",
    "deadline",
    "may gio",
    "thoi gian hoan thanh",
    "hoan thanh (vao|truoc|trong)",
    "han chot",
    "thoi gian",
    "den bao gio",
    "truoc thoi diem nao",
    "thoi diem nao",
    "bao lau",
    "xong chua",
    "ngay nao",
    "thang may",
    "quy may",
    "nam nao",
  ],
  product: [
    "san pham",
    "ket qua dau ra",
    "dau ra",
    "san pham hoan thanh",
    "tinh bang gi",
    "do bang gi",
    "tinh ket qua bang gi",
    "ket qua tinh bang gi",
    "ket qua la gi",
    "san pham ra",
  ],
  duties: [
    "lam gi",
    "lam nhung gi",
    // "phải làm gì", not "phải làm trực tuyến" (how a procedure is done)
    "phai lam(?! (truc tuyen|online|tren|qua|bang|theo))",
    "nhiem vu gi",
    "nhiem vu nao",
    "nhung nhiem vu",
    "nhung viec",
    "viec gi",
    "trach nhiem gi",
    "trach nhiem nhung",
    "duoc giao",
    // "MTTQ được đề nghị những gì": what the plan asks of a body it does not direct
    "duoc de nghi",
    "giao nhiem vu",
    "co nhiem vu",
    "chiu trach nhiem nhung",
    "phu trach nhung",
    "phu trach (viec )?gi",
    "phu trach (nhung |cac )?(mang|linh vuc|phan viec) (nao|gi)",
    "lam nhung viec",
    // "được phân công việc gì", not "phân công công chức …" (a task's own words)
    "phan cong(?! (cong chuc|can bo|nhan luc|nguoi))",
    "vai tro",
    "lo viec gi",
    "lo nhung viec",
    "lo nhung gi",
    "lo gi",
    "can lam",
    "nhan viec gi",
  ],
  /** A question that lists tasks ("việc nào", "những nhiệm vụ"). */
  listsTasks: [
    "cai nao",
    "viec nao",
    "nhiem vu nao",
    "nhung viec",
    "nhung nhiem vu",
    "cac viec",
    "cac nhiem vu",
    "viec gi",
    // "tháng này phải ban hành văn bản gì": the documents due are tasks
    "(van ban|ke hoach|bao cao) (gi|nao)",
    "(dip|su kien|hoat dong)( [a-z]+){0,3} (gi|nao)",
    // "tháng này phải ban hành cái gì"
    "(ban hanh|lam|xong|nop) cai gi",
    // "tuần này phải đăng gì", "phải nộp gì": what is to be done
    "phai (dang|nop|gui|lam|ban hanh|cap nhat|bao cao) (gi|nhung gi)",
  ],
  /** "vào ngày nào", "hôm nào": a day of the month is asked, not a year or a quarter. */
  day: ["(vao )?ngay (nao|may|bao nhieu)", "hom nao", "ngay thang nao"],
  /** "diễn tập … vào tháng mấy năm 2026": when one thing happens within a year, not what falls in it. */
  whenAsked: ["(thang|ngay|quy) (may|nao)", "khi nao", "bao gio", "luc nao", "thoi diem nao"],
  /** "phải xong những chỉ tiêu nào", "phải đạt những mục tiêu gì": a list of targets. */
  listsIndicators: [
    "(nhung|cac) (chi tieu|muc tieu)( [a-z0-9]+){0,4} (nao|gi)",
    "(chi tieu|muc tieu) (nao|gi)",
  ],
  indicator: [
    "chi tieu",
    // "mục tiêu tổng quát / chung" is a section of prose, not a figure
    "muc tieu(?! (tong quat|chung))",
    "ty le",
    "ti le",
    "phan tram",
    "%",
    "dat bao nhieu",
    "bao nhieu phan tram",
    "phan dau",
    "bao nhieu phien",
    "tang bao nhieu",
    "chiem bao nhieu",
    "chiem may",
    "dat muc",
    "bao nhieu ho",
    "bao nhieu cuoc",
    "may cuoc",
    "bao nhieu hoi nghi",
    // "phải số hóa được ít nhất bao nhiêu tài liệu": a floor the plan sets
    "toi thieu bao nhieu",
  ],
  /** A window is asked about, not only mentioned ("phải xong trong quý III"). */
  due: [
    "phai xong",
    "phai to chuc",
    "hoan thanh",
    "den han",
    "het han",
    "qua han",
    "han(?! che)",
    "xong",
    "can xong",
    "toi han",
    "han chot",
    "co han",
    "trong (quy|thang)",
    "vao (quy|thang)",
    "thang nay",
    "quy nay",
    "thang sau",
    "quy sau",
    "thang toi",
    "quy toi",
    // "sắp sang tháng 10 rồi, có hoạt động gì"
    "sap (sang|toi|den) (thang|quy)",
  ],
  conditionalDeadline: [
    "(han|thoi han|thoi gian)( hoan thanh)?( la)? theo (huong dan|chi dao|yeu cau)",
    "(lam|thuc hien|trien khai) theo (huong dan|chi dao|yeu cau)",
  ],
  /** "việc nào có hạn cụ thể / riêng / cố định": tasks with a dated deadline of their own. */
  datedDeadline: ["(co )?(thoi )?han (cu the|rieng|co dinh)", "co moc (cu the|rieng)"],
  recurringDeadline: [
    // "(vốn) chi thường xuyên" is recurrent expenditure, not how often; "không tính việc thường xuyên"
    // asks for the others
    "(?<!chi |(?:tinh|tru|ke|ngoai) (?:(?:cac |nhung )?(?:viec|nhiem vu) )?)thuong xuyen",
    "(?<!(?:tinh|tru|ke|ngoai) (?:(?:cac |nhung )?(?:viec|nhiem vu) )?)dinh ky",
    "hang (ngay|tuan|thang|quy|nam)",
    "moi (tuan|thang|quy|nam)",
    // "tuần nào … cũng phải đăng gì": every week
    "(ngay|tuan|thang|quy|nam) nao( [a-z0-9]+){0,8} cung",
  ],
  /** "bao nhiêu tỷ đồng": an amount of money. */
  amount: [
    "bao nhieu",
    "so tien",
    "ty dong",
    "trieu dong",
    "bao nhieu tien",
    "muc kinh phi",
    "tong kinh phi",
    "du toan",
  ],
  /** "hỗ trợ bao nhiêu tiền một tháng": a sum of money, which only a figure in đồng answers. */
  money: [
    "bao nhieu tien",
    "so tien",
    "ty dong",
    "trieu dong",
    "nghin dong",
    "bao nhieu dong",
    "tien bao nhieu",
    "muc tien",
  ],
  /** How many: a count of tasks, indicators or units. */
  /** How much, how many, how long: the answer is a number. */
  quantity: ["may", "bao nhieu", "bao lau", "so luong", "muc nao"],
  /** "áp dụng mấy công nghệ mới nào": which ones, not how many. */
  whichOfSome: ["may( [a-z]+){1,4} nao"],
  /** "có bao nhiêu nhiệm vụ", "mấy chỉ tiêu", "tổng cộng bao nhiêu việc": a count of records. */
  countTasks: [
    "(bao nhieu|may|tong cong|tong so|so luong|dem)( bao nhieu| may)?( cac| cai| dau)? (nhiem vu|viec|cong viec|dau viec|hoat dong)",
    "(nhiem vu|viec|dau viec) (tat ca|tong cong|tong so) (la )?(bao nhieu|may)",
  ],
  countIndicators: [
    "(bao nhieu|may|tong cong|tong so|so luong|dem)( bao nhieu| may)?( cac| cai)? (chi tieu|muc tieu cu the)",
    "(chi tieu|muc tieu cu the) (tat ca|tong cong|tong so) (la )?(bao nhieu|may)",
  ],
  appendix: ["phu luc", "danh muc nhiem vu", "bang nhiem vu"],
  /** "báo cáo UBND xã qua đơn vị nào": the plan's reporting channel, not who leads a task. */
  reportingChannel: [
    `qua ${UNIT_ASKED}`,
    `bao cao( [a-z0-9]+){0,6} qua ${UNIT_ASKED}`,
    `gui qua ${UNIT_ASKED}`,
    "(bao cao|gui)( [a-z0-9]+){0,6} qua (dau|ai)",
    `bao cao (ve|cho|len|toi) ${UNIT_ASKED}`,
    // "báo cáo kết quả thực hiện kế hoạch cho ai": to whom, not who does the work
    "bao cao( [a-z0-9]+){0,6} (cho|len|toi|ve|gui) (ai|dau|cap nao|noi nao)",
  ],
  /** "Kế hoạch nào nhắc tới …", "những xã nào có …": which of the plans say something. */
  whichPlans: [
    "(ke hoach|van ban|dia phuong|xa|phuong|noi) nao( [a-z0-9]+){0,2} (co )?(nhac|de cap|noi (ve|toi|den)|neu|dan chieu|vien dan|trich dan)",
    "(nhung|cac) (ke hoach|dia phuong|xa|phuong) nao",
  ],
  /** "chỉ em cách cài VNeID", "hướng dẫn mình cách …": a how-to for the asker, which no plan gives. */
  howTo: [
    "(chi|huong dan|day) (giup )?(em|minh|toi|anh|chi|e|m)( [a-z]+){0,2} cach",
    "chi cach (cai|lam|dang ky|su dung)",
  ],
  /** "Ban chỉ đạo được thành lập theo quyết định số mấy": the document that set a body or a rule up. */
  establishedBy: [
    "(thanh lap|lap|kien toan|phe duyet|ban hanh) (theo|tai|boi|bang) (quyet dinh|van ban|nghi quyet)( so)? (may|nao|bao nhieu|gi)",
    "(quyet dinh|van ban) (so )?(may|nao|gi)( [a-z0-9]+){0,3} (thanh lap|lap|kien toan)",
  ],
  /** "cho xin số điện thoại phòng VH-XH": contact details, which plans do not carry. */
  contact: [
    "(so )?dien thoai (cua|phong|ban|van phong|ubnd|cong an|xa|phuong|lien he|bao nhieu)",
    "so dien thoai",
    "\\bsdt\\b",
    "hotline",
    "so zalo",
    "(dia chi )?email (cua|lien he)",
  ],
  /** "giá cước cáp quang bao nhiêu một tháng": what a service costs a household, which plans do not set. */
  prices: ["gia cuoc", "cuoc phi", "gia goi", "gia dich vu", "bao nhieu tien (1|mot) (thang|nam|goi)"],
  /** "Đến giờ đã khảo sát được bao nhiêu hộ rồi": progress so far, which a plan (written before) cannot say. */
  progress: [
    "(den gio|toi gio|hien gio|bay gio|den nay|toi nay|cho den nay|hien da|tinh den nay)( [a-z0-9]+){0,10} (duoc|xong) (bao nhieu|may)",
    "tien do( [a-z0-9]+){0,6} (hien nay|den dau|toi dau|the nao|ra sao)",
    "(lam|trien khai|thuc hien) (den|toi) dau roi",
  ],
  /**
   * "Hiện xã có bao nhiêu cán bộ chuyên trách": how many there are now, a count that a target in
   * percent ("50% cán bộ chuyên trách được đào tạo") does not give.
   */
  currentCount: [
    "(hien|hien nay|hien tai|hien gio|bay gio|luc nay)( [a-z0-9]+){0,4} co (bao nhieu|may) [a-z]+",
  ],
  /** "Năm 2024 thực tế đạt bao nhiêu %": what was achieved, not what was aimed at. */
  actualResult: ["thuc te (da )?(dat|duoc|lam duoc|la)", "ket qua thuc te", "(da )?dat duoc (tren )?thuc te"],
  /** "ban hành tháng mấy", "ký ngày nào": when the plan itself was issued, even beside what it implements. */
  issuedWhen: [
    "ban hanh (ngay|thang|nam|hom|khi|luc|bao gio)",
    "ngay (ban hanh|ky)",
    "ky (ngay|khi|luc|bao gio)",
  ],
} as const satisfies Record<string, CueFamily>;

export type CueName = keyof typeof QUESTION_CUES;

/**
 * Things a question counts ("bao nhiêu hộ", "mấy phiên họp", "có bao nhiêu dân"): the answer must give
 * a number of that thing, which a share of something else ("80% hồ sơ") is not.
 */
export const COUNTED_THINGS: readonly string[] = [
  ...COUNT_UNITS,
  "dân",
  "người dân",
  "nhân khẩu",
  "phiên",
  "phiên họp",
  "buổi",
  "cuộc họp",
  "cán bộ",
  "công chức",
  "viên chức",
  "thành viên",
  "điểm cầu",
  "máy tính",
  "tin",
  "xã",
  "phường",
  "học sinh",
  "giáo viên",
];

/** Which plan fact a question asks for; "thay thế máy tính" is a task, a plan replaces a plan. */
export const PLAN_FACT_CUES = {
  /** "Ai là Chủ tịch UBND xã …", "Trưởng Công an xã tên gì": a named official. */
  person: [
    "ai (la|dang la|lam) (ong |ba )?(pho )?(chu tich|bi thu|truong|giam doc|chanh van phong)",
    "(chu tich|bi thu|truong cong an|truong phong|giam doc|chanh van phong|truong ban|truong thon|to truong)( [a-z0-9]+){0,12} (la ai|ten gi|ten la gi|ten la|la ong nao|la ba nao|ho ten)",
    // "Phó chủ tịch nào phụ trách chuyển đổi số": who holds a portfolio, which plans seldom say
    "(pho )?(chu tich|bi thu|truong ban) nao( [a-z0-9]+){0,6} (phu trach|chiu trach nhiem|quan ly|chi dao|dung dau)",
    // "cán bộ chuyên trách CNTT của xã tên là gì": a person's name, which plans seldom give
    "(can bo|cong chuc|nguoi)( [a-z0-9]+){0,10} (ten la gi|ten gi|ho ten la gi|ho ten)",
  ],
  /** "được ký số ngày nào": the digital-signature stamps. */
  signed: [
    "(duoc )?ky (so|dien tu) (vao )?(ngay|luc|hom|thoi gian) (nao|may|bao nhieu)",
    "(duoc )?ky (so|dien tu) (khi nao|bao gio|luc nao)",
    "(ngay|thoi gian|thoi diem) ky (so|dien tu)",
    "chu ky so (cua )?(ke hoach|van ban)",
    "ai ky (so|dien tu)",
  ],
  issuer: [
    "(co quan|don vi|cap|uy ban|ubnd) nao ban hanh",
    "ai ban hanh",
    "ban hanh boi",
    "co quan ban hanh",
    "noi ban hanh",
    "cua co quan nao",
  ],
  signer: [
    "ai ky",
    "nguoi ky",
    "ky ke hoach",
    "ky ban hanh",
    "ai la nguoi ky",
    "do ai ky",
    "chu tich nao ky",
    "ky boi",
    "ky ten",
    "pho chu tich nao",
    "ai dung ten",
  ],
  replaces: ["thay the (cho )?(ke hoach|van ban)", "ke hoach nao bi thay the", "bai bo", "bi thay the"],
  implements: [
    "thuc hien ke hoach (so )?nao",
    // "Phù Liễn thực hiện Kế hoạch số 01 của BCĐ thành phố ban hành ngày nào": the plan it names
    "^ke hoach( [a-z]+){0,4} thuc hien ke hoach so \\d+( [a-z0-9]+)*$",
    "thuc hien ke hoach so (may|bao nhieu)",
    "thuc hien ke hoach( [a-z0-9]+){0,7} so (may|bao nhieu)",
    "ke hoach nao( [a-z0-9]+){0,6} (thuc hien|trien khai|cu the hoa) (ke hoach|nghi quyet|quyet dinh|van ban)",
    "trien khai ke hoach (so )?nao",
    "thuc hien theo ke hoach",
    "ke hoach cap tren",
    // "làm theo kế hoạch nào", not "trong quá trình làm theo kế hoạch … mà vướng"
    "lam theo ke hoach (nao|cap tren|cua (tinh|thanh pho|huyen|trung uong))",
    "thuc hien van ban nao",
    "trien khai van ban nao",
    "(thuc hien|trien khai|lam) theo (van ban|ke hoach|quyet dinh|chi dao) nao",
    "ke hoach nao cua (thanh pho|tinh|thi xa|huyen|trung uong)",
    "cu the hoa ke hoach",
    "(cung )?thuc hien (mot |cung )?(ke hoach|van ban)( [a-z]+){0,3} cua (thanh pho|tinh|huyen|trung uong|uy ban)",
    "theo ke hoach so",
    // "đều làm kế hoạch theo văn bản số mấy của thành phố"
    "theo (van ban|quyet dinh|nghi quyet) so (may|nao|bao nhieu)",
    "ke hoach so (may|bao nhieu) cua (ubnd|uy ban nhan dan )?(thanh pho|tinh)",
    "(thuc hien|trien khai|lam) theo ke hoach( [a-z0-9]+){0,6} so (may|bao nhieu)",
    // "thực hiện KH 02 của BCĐ TW ngày nào": the date of a plan it implements
    "(thuc hien|trien khai|cu the hoa) (ke hoach|nghi quyet|quyet dinh)( so)? \\d+( [a-z0-9]+){0,8} (ngay nao|ban hanh ngay|ky ngay)",
  ],
  legal: [
    "can cu",
    "co so phap ly",
    "dua tren van ban",
    "nhung van ban nao",
    "van ban nao lam can cu",
    "tong hop tu( nhung| cac)? (van ban|quyet dinh|nghi quyet|ke hoach|nghi dinh|cong van)",
  ],
  budget: [
    "ty dong",
    "trieu dong",
    "bo tri bao nhieu",
    "kinh phi",
    "nguon von",
    "ngan sach",
    "tien o dau",
    "lay tien",
    "nguon tien",
    "tien( [a-z]+){0,6} (lay )?tu nguon nao",
    "lay tu nguon nao",
    "chi phi",
    "nguon luc tai chinh",
  ],
  reporting: [
    "bao cao dinh ky",
    // "vướng thì báo cáo UBND xã qua đâu": the channel the closing paragraph names
    "bao cao( [a-z0-9]+){0,6} qua (dau|ai)",
    "che do bao cao",
    "bao cao ve",
    "bao cao cho ai",
    "bao cao ai",
    "bao cao len",
    "gui bao cao",
    "bao cao ket qua",
    "dinh ky bao cao",
    "bao cao qua",
    `bao cao( [a-z0-9]+){0,6} qua ${UNIT_ASKED}`,
    "kho khan( [a-z0-9]+){0,4} bao cao",
    `gui qua ${UNIT_ASKED}`,
  ],
  number: [
    "so hieu",
    "so ke hoach",
    // "ký số văn bản" is signing documents digitally, not the document's number
    "(?<!ky )so van ban",
    "ban hanh ngay",
    "ngay ban hanh",
    "ngay ky",
    "ky ngay",
    "ky ngay nao",
    // "được ký ban hành vào ngày nào", "ký khi nào": the date, not only the signer
    "(?<!ai )(ky|ban hanh|ky ban hanh) (vao )?(ngay|hom|thoi gian|thoi diem) (nao|may)",
    "(?<!ai )(ky|ky ban hanh) (vao )?(khi nao|bao gio|luc nao)",
    "(?<!ai )ky ke hoach( [a-z0-9]+){0,3} (vao )?(khi nao|bao gio|ngay nao|hom nao|luc nao)",
    "ban hanh khi nao",
    "ban hanh (thang|nam) (may|nao)",
    "ban hanh (luc|hom) nao",
    "ban hanh bao gio",
    "ke hoach .*so (may|bao nhieu)",
    "so (may|bao nhieu) cua",
    "mang so",
  ],
  recipients: [
    "noi nhan",
    "gui cho nhung ai",
    "gui toi ai",
    "gui den dau",
    "gui (cho |toi |den )?(nhung )?(noi|co quan|don vi)( [a-z]+){0,2} nao",
    // "gửi báo cáo cho những nơi nào": the recipients marked "(B/c)"
    "gui( [a-z]+){1,3} (cho|toi|den|ve) (nhung )?(noi|co quan|don vi|cap) nao",
    "gui (di )?dau",
  ],
  period: [
    "ap dung (cho )?(khoang )?(giai doan|thoi gian|nam)",
    "(cho|trong) khoang thoi gian nao",
    "ap dung den",
    "giai doan nao",
    "thoi gian (ap dung|thuc hien ke hoach|cua ke hoach)",
    "ke hoach (con )?hieu luc",
    "hieu luc (cua (ke hoach|van ban)|den (khi nao|bao gio|luc nao|nam|ngay|thang))",
    "(ke hoach|van ban) (nay )?co hieu luc",
    "ke hoach cho (nam|giai doan)",
    "ap dung (trong|den) khi nao",
    "ke hoach (nam|giai doan) nao",
    "cho nam nao",
    "ke hoach .*den khi nao",
  ],
  locality: [
    "thuoc tinh",
    "thuoc thanh pho",
    "thuoc huyen",
    "thuoc thi xa",
    "thuoc quan",
    "o tinh nao",
    "tinh nao",
    "thi xa nao",
    "la xa hay",
    "la phuong hay",
    "xa hay phuong",
    "phuong hay dac khu",
    "hay dac khu",
    "cap hanh chinh nao",
  ],
  structure: [
    "gom nhung phan nao",
    "co may phan",
    "bo cuc",
    "gom may muc",
    "nhung muc nao",
    // "gồm những mảng nội dung chính nào", "có mấy nhóm nhiệm vụ lớn"
    "(gom|bao gom) (nhung |may )?(mang|nhom|linh vuc|phan|muc|noi dung)( [a-z]+){0,3} (nao|gi)",
    "(gom|co) (nhung|may) (mang|nhom|linh vuc)( noi dung| nhiem vu)?( chinh| lon)? nao",
    "(gom|co) may (mang|nhom|linh vuc)",
    "cau truc (cua )?(ke hoach|van ban)",
  ],
} as const satisfies Record<string, CueFamily>;

export type PlanFacet = keyof typeof PLAN_FACT_CUES;

/** How an answer names a plan fact the plan leaves out ("Kế hoạch … không nêu người ký."). */
export const PLAN_FACT_NAMES: Record<PlanFacet, string> = {
  person: "tên người giữ chức vụ này",
  issuer: "cơ quan ban hành",
  signer: "người ký",
  signed: "thời điểm ký số (bản này không mang dấu chữ ký số)",
  budget: "nguồn kinh phí",
  implements: "kế hoạch cấp trên mà kế hoạch thực hiện",
  replaces: "việc thay thế kế hoạch nào",
  legal: "căn cứ pháp lý",
  period: "thời gian áp dụng",
  reporting: "chế độ báo cáo định kỳ",
  number: "số hiệu",
  recipients: "nơi nhận",
  locality: "địa bàn",
  structure: "bố cục",
};

/** Compile a family into one regular expression over " folded text " (whole words). */
export function cueRegExp(family: CueFamily): RegExp {
  const anchored = family.filter((w) => w.startsWith("^"));
  const words = family.filter((w) => !w.startsWith("^"));
  // Text is matched with a space at each end, so an anchored wording keeps one inside its anchors.
  const whole = anchored.map((w) => `^ ${w.slice(1).replace(/\$$/u, "")} $`);
  const parts = [...(words.length > 0 ? [` (${words.join("|")}) `] : []), ...whole];
  return new RegExp(parts.join("|"), "u");
}

/** Offices a person holds, as asked (folded) and as an answer writes them. Longest first. */
export const OFFICES: ReadonlyArray<readonly [string, string]> = [
  ["pho chu tich", "Phó Chủ tịch"],
  ["chu tich", "Chủ tịch"],
  ["pho bi thu dang uy", "Phó Bí thư Đảng ủy"],
  ["pho bi thu", "Phó Bí thư"],
  ["bi thu dang uy", "Bí thư Đảng ủy"],
  ["bi thu", "Bí thư"],
  ["truong cong an", "Trưởng Công an"],
  ["chanh van phong", "Chánh Văn phòng"],
  ["truong phong", "Trưởng phòng"],
  ["giam doc", "Giám đốc"],
  ["truong ban", "Trưởng ban"],
  ["truong thon", "Trưởng thôn"],
  ["to truong", "Tổ trưởng"],
];
