/**
 * Vietnamese administrative units: the words that begin an office's name, and the abbreviations staff
 * write for long names, both ways.
 */

/** Long forms and the abbreviations civil servants write for them (folded, word-separated). */
export const ABBREVIATIONS: ReadonlyArray<readonly [string, string]> = [
  ["hoi dong nhan dan", "hdnd"],
  ["uy ban nhan dan", "ubnd"],
  ["mat tran to quoc viet nam", "mttqvn"],
  ["mat tran to quoc", "mttq"],
  ["van hoa xa hoi", "vhxh"],
  ["kinh te ha tang va do thi", "kthtdt"],
  ["kinh te", "kt"],
  ["van hoa thong tin", "vhtt"],
  ["van hoa the thao va truyen thong", "vhtttt"],
  ["phuc vu hanh chinh cong", "pvhcc"],
  ["hanh chinh cong", "hcc"],
  ["cong nghe so cong dong", "cnscd"],
  ["dich vu su nghiep cong", "dvsnc"],
  ["to dan pho", "tdp"],
  ["ban chi dao", "bcd"],
  ["ban chi huy quan su", "bchqs"],
  ["chi huy quan su", "chqs"],
  ["trung tam", "tt"],
  ["van phong", "vp"],
  ["cong an", "ca"],
  ["dich vu", "dv"],
];

/**
 * Capitalised words that begin the name of an office, so that "A, Trung tâm B" is two units while
 * "Văn hóa, Thể thao" and "Các phòng, đơn vị, tổ dân phố liên quan" stay one.
 */
export const UNIT_HEADS =
  /^(?:Phòng|Văn phòng|Trung tâm|Công an|Ban|Tổ|Ủy ban|Uỷ ban|UBND|HĐND|Hội|Đoàn|Thuế|Sở|Trường|Trạm|Đài|Chi cục|Chi nhánh|Kho bạc|Bưu điện|Hợp tác xã|Mặt trận|Đảng ủy|Quân sự|Bộ phận|Cơ quan|Thôn|Tổ dân phố|Doanh nghiệp|Viettel|VNPT|Ngân hàng|Bảo hiểm|Cán bộ|Công chức|Trưởng)(?![\p{L}\p{N}])/u;

/** Lower-case phrases inside unit names that would otherwise read as the start of an action. */
export const UNIT_NAME_PHRASES: readonly string[] = [
  "tiếp nhận và trả kết quả",
  "phục vụ hành chính công",
  "dịch vụ sự nghiệp công",
  "chuyển đổi số",
  "công nghệ số cộng đồng",
  "phát triển quỹ đất",
  "quản lý dự án",
  "bảo đảm an toàn thông tin",
];

/** Units of counted targets ("1.200 lượt", "15 điểm", "12 sản phẩm"). */
export const COUNT_UNITS: readonly string[] = [
  "lượt",
  "sản phẩm",
  "điểm",
  "hộ",
  "người",
  "cơ sở",
  "doanh nghiệp",
  "hợp tác xã",
  "camera",
  "lớp",
  "tổ",
  "trạm",
  "thiết bị",
  "máy",
  "tin bài",
  "tin, bài",
  "cuộc",
  "hội nghị",
  "trường",
  "tài khoản",
  "mô hình",
  "km",
  "ấp",
  "thôn",
  "khu phố",
  "tổ dân phố",
];

/**
 * Heads of offices that are given tasks: "Trạm Y tế xã triển khai …" assigns a task, while
 * "Doanh nghiệp ứng dụng …" or "Cán bộ, công chức sử dụng …" states a goal.
 */
export const OFFICE_HEADS =
  /^(?:Phòng|Văn phòng|Trung tâm|Công an|Trạm|Ban|Đoàn|Hội|Ủy ban MTTQ|Uỷ ban MTTQ|Ủy ban Mặt trận|Mặt trận|Trường|Các trường|Tổ công nghệ|Bộ phận|Đài|Chi cục|Kho bạc|Bưu điện|Quân sự|Ban Chỉ huy)(?![\p{L}\p{N}])/u;

/**
 * Bodies that every commune has, whether or not its plan gives them work: a question about one the
 * plan does not name is answered "the plan gives it no task", not treated as outside the plans.
 */
export const COMMUNE_BODIES: readonly string[] = [
  "Đoàn Thanh niên",
  "Hội Liên hiệp Phụ nữ",
  "Hội Phụ nữ",
  "Hội Nông dân",
  "Hội Cựu chiến binh",
  "Hội Người cao tuổi",
  "Hội Chữ thập đỏ",
  "Liên đoàn Lao động",
  "Công đoàn",
  "Trạm Y tế",
  "Ban Chỉ huy Quân sự",
  "Quân sự",
  "Mặt trận Tổ quốc",
  "Đảng ủy",
  "Hội đồng nhân dân",
  "Trường học",
  "Trường Tiểu học",
  "Trường Trung học cơ sở",
  "Trường Mầm non",
  "Công an",
  "Trung tâm Phục vụ hành chính công",
];
