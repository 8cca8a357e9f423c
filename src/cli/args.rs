//! The command line's arguments (clap).

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "kehoach",
    version,
    about = "Soạn Kế hoạch theo Nghị định 30/2020/NĐ-CP: chuyển đổi, lưu trữ và quản lý kế hoạch"
)]
pub struct Cli {
    /// Tệp cơ sở dữ liệu (mặc định: biến môi trường KEHOACH_DB, hoặc thư mục dữ liệu của hệ thống).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Thể thức trình bày (JSON: cỡ chữ, lề, giãn dòng trong khoảng Nghị định 30 cho phép).
    #[arg(long, global = true, value_name = "PATH")]
    pub profile: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Chuyển đổi kế hoạch giữa các định dạng, theo phần mở rộng (.json, .pdf, .docx, .txt → .json, .docx, .pdf);
    /// đầu vào là số kế hoạch thì xuất kế hoạch đã lưu (kèm phụ lục đối chiếu khi lập từ kế hoạch cấp trên).
    Convert {
        input: String,
        output: PathBuf,
        /// Thêm phụ lục đối chiếu chỉ tiêu, nhiệm vụ với kế hoạch cấp trên này (tệp hoặc số kế hoạch).
        #[arg(long, value_name = "PARENT")]
        trace: Option<String>,
        /// Bản chính thức: không đánh dấu «DỰ THẢO» dù kiểm tra còn lỗi (mặc định bản in còn lỗi được đánh dấu dự thảo).
        #[arg(long = "final")]
        final_copy: bool,
    },
    /// In ra một kế hoạch mẫu hoàn chỉnh (JSON).
    Sample {
        /// Lặp phần nội dung N lần (kế hoạch dài để đo tốc độ; 11 lần ≈ 30 trang).
        #[arg(long, default_value_t = 1)]
        repeat: usize,
    },
    /// In ra JSON Schema của định dạng kế hoạch.
    Schema,
    /// Kiểm tra kế hoạch theo Nghị định 30/2020/NĐ-CP và, với --parent, đối chiếu với
    /// kế hoạch cấp trên (mã thoát 1 khi có lỗi).
    Check {
        plan: PathBuf,
        /// Kế hoạch cấp trên: tệp (.json, .txt, .docx) hoặc số kế hoạch trong cơ sở dữ liệu.
        #[arg(long)]
        parent: Option<String>,
        /// Sai lệch cho phép với chỉ tiêu «khoảng» (≈), theo đơn vị của chỉ tiêu.
        #[arg(long, default_value_t = 1.0)]
        tolerance: f64,
    },
    /// Kế hoạch cấp trên có phiên bản mới: liệt kê thay đổi (chỉ tiêu thêm, bỏ, đổi giá trị;
    /// nhiệm vụ thêm, bỏ) và mục bị ảnh hưởng; với --accept, áp dụng các thay đổi được chấp nhận.
    ParentUpdate {
        child: PathBuf,
        /// Phiên bản cũ của kế hoạch cấp trên (tệp hoặc số kế hoạch).
        #[arg(long)]
        old: String,
        /// Phiên bản mới (tệp hoặc số kế hoạch).
        #[arg(long)]
        new: String,
        /// Các thay đổi chấp nhận: «all», hoặc số thứ tự cách nhau bằng dấu phẩy (1,3); còn lại bị từ chối.
        #[arg(long)]
        accept: Option<String>,
        /// Tệp kết quả khi áp dụng (mặc định: ghi đè tệp kế hoạch).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Lập dự thảo kế hoạch của đơn vị từ kế hoạch cấp trên.
    Derive {
        /// Kế hoạch cấp trên: tệp (.json, .txt, .docx) hoặc số kế hoạch trong cơ sở dữ liệu.
        parent: String,
        #[command(flatten)]
        unit: UnitArgs,
        /// Năm của kế hoạch (mặc định: thời kỳ của kế hoạch cấp trên).
        #[arg(long, value_parser = plan_year)]
        year: Option<i32>,
        #[command(flatten)]
        take: TakeArgs,
        /// Tệp kết quả (.json, .docx, .pdf).
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Tạo kế hoạch mới từ một mẫu, với thông tin đơn vị.
    New {
        #[command(flatten)]
        unit: UnitArgs,
        /// Năm của kế hoạch (mặc định: năm sau).
        #[arg(long, value_parser = plan_year)]
        year: Option<i32>,
        /// Tệp kết quả (.json, .docx, .pdf); không có thì lưu vào cơ sở dữ liệu.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Mẫu kế hoạch và thư mục dùng chung.
    Templates {
        #[command(subcommand)]
        command: TemplatesCommand,
    },
    /// Quản lý các kế hoạch trong cơ sở dữ liệu.
    Plans {
        #[command(subcommand)]
        command: PlansCommand,
    },
    /// Báo cáo kết quả thực hiện kế hoạch: lập theo kỳ, nhập kết quả, xem đánh giá, xuất, tổng hợp.
    Report {
        #[command(subcommand)]
        command: ReportCommand,
    },
}

#[derive(Subcommand)]
pub enum ReportCommand {
    /// Lập báo cáo của một kế hoạch cho một kỳ: 2026 (năm), 2026-H1, 2026-H2, 2026-9M,
    /// 2026-Q3, 2026-07 hoặc 2026-01-01..2026-06-14; in ra số của báo cáo.
    New {
        plan: i64,
        #[arg(long)]
        period: String,
        /// Mẫu báo cáo (mặc định: mẫu hợp với kỳ; xem «kehoach report templates»).
        #[arg(long)]
        template: Option<String>,
    },
    /// Các mẫu báo cáo có sẵn và kỳ báo cáo hợp với từng mẫu.
    Templates,
    /// Các báo cáo (của một kế hoạch).
    List { plan: Option<i64> },
    /// Nhập kết quả từ tệp CSV UTF-8 có dòng tiêu đề id,value,status,date,note
    /// (status của nhiệm vụ: done, in_progress, not_started, stopped).
    Set { report: i64, file: PathBuf },
    /// Từng chỉ tiêu, nhiệm vụ với kết quả và đánh giá.
    Show { report: i64 },
    /// Xuất báo cáo: .docx, .pdf (văn bản), .xlsx (số liệu), .json (tệp gửi cấp trên tổng hợp).
    Export { report: i64, file: PathBuf },
    /// Tổng hợp báo cáo của các đơn vị cấp dưới trong một thư mục (.xlsx, hoặc .docx/.pdf:
    /// phụ lục của báo cáo của đơn vị cấp trên).
    Rollup {
        /// Số kế hoạch cấp trên trong cơ sở dữ liệu.
        parent: i64,
        dir: PathBuf,
        #[arg(short, long)]
        output: PathBuf,
        /// Kỳ báo cáo (mặc định: kỳ có nhiều báo cáo nhất trong thư mục).
        #[arg(long)]
        period: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum PlansCommand {
    /// Liệt kê các kế hoạch.
    List {
        #[command(flatten)]
        filter: FilterArgs,
    },
    /// Tìm kế hoạch theo tên, cơ quan, năm (có dấu hoặc không dấu).
    Search {
        query: String,
        #[command(flatten)]
        filter: FilterArgs,
    },
    /// Hiển thị một kế hoạch.
    Show { id: i64 },
    /// Thêm kế hoạch từ tệp (.json, hoặc nhập từ .pdf, .docx, .txt).
    Add { file: PathBuf },
    /// Xuất kế hoạch ra tệp (theo phần mở rộng; "-" để in ra màn hình); kế hoạch lập từ
    /// kế hoạch cấp trên kèm phụ lục đối chiếu và kết quả đối chiếu.
    Export {
        id: i64,
        file: PathBuf,
        /// Bản chính thức: không đánh dấu «DỰ THẢO» dù kiểm tra còn lỗi.
        #[arg(long = "final")]
        final_copy: bool,
    },
    /// Lập kế hoạch của đơn vị từ một kế hoạch cấp trên đã lưu, lưu và liên kết với nó.
    Derive {
        /// Số kế hoạch cấp trên trong cơ sở dữ liệu.
        parent: i64,
        #[command(flatten)]
        unit: UnitArgs,
        /// Năm của kế hoạch (mặc định: thời kỳ của kế hoạch cấp trên).
        #[arg(long, value_parser = plan_year)]
        year: Option<i32>,
        #[command(flatten)]
        take: TakeArgs,
    },
    /// Liệt kê các phiên bản đã lưu của một kế hoạch.
    Revisions { id: i64 },
    /// Khôi phục kế hoạch về một phiên bản đã lưu.
    Restore { id: i64, revision: i64 },
    /// So sánh hai phiên bản (mặc định: với bản hiện tại): trường, mục, chỉ tiêu, nhiệm vụ đã đổi.
    Compare {
        id: i64,
        older: i64,
        newer: Option<i64>,
    },
    /// Tạo bản sao của một kế hoạch.
    Duplicate { id: i64 },
    /// Chuyển kế hoạch vào thùng rác (có thể khôi phục).
    Delete { id: i64 },
    /// Khôi phục kế hoạch từ thùng rác.
    Undelete { id: i64 },
    /// Xóa hẳn một kế hoạch đang ở trong thùng rác.
    Purge { id: i64 },
}

/// The unit a plan is made for, and the template it starts from.
#[derive(clap::Args)]
pub struct UnitArgs {
    /// Tên cơ quan ban hành, vd «Ủy ban nhân dân xã Tân An».
    #[arg(long)]
    pub agency: String,
    /// Cấp của đơn vị: xã, phường, thị trấn, đặc khu, huyện, quận, thị xã, tỉnh, thành phố.
    #[arg(long)]
    pub tier: String,
    /// Địa danh (mặc định: tên đơn vị sau chữ chỉ cấp).
    #[arg(long)]
    pub place: Option<String>,
    /// Mẫu kế hoạch dùng làm bố cục (mã mẫu, xem «kehoach templates list»).
    #[arg(long, default_value = kehoach::template::DEFAULT_ID)]
    pub template: String,
}

#[derive(Subcommand)]
pub enum TemplatesCommand {
    /// Liệt kê các mẫu (có sẵn, từ thư mục dùng chung, soạn trên máy).
    List,
    /// In nội dung một mẫu (JSON) để xem hoặc sửa.
    Show { id: String },
    /// Thêm hoặc cập nhật một mẫu soạn trên máy từ tệp JSON.
    Import { file: PathBuf },
    /// Đồng bộ mẫu và kế hoạch cấp trên với thư mục dùng chung.
    Sync { dir: PathBuf },
    /// Xuất bản một mẫu vào thư mục dùng chung (ghi tệp tạm rồi đổi tên).
    Publish { id: String, dir: PathBuf },
    /// Chọn bản giữ lại khi mẫu sửa trên máy khác với bản trong thư mục dùng chung.
    Resolve {
        id: String,
        /// «local»: giữ bản trên máy; «folder»: lấy bản trong thư mục.
        #[arg(long, value_parser = ["local", "folder"])]
        keep: String,
    },
    /// Liệt kê các kế hoạch cấp trên có trong thư mục dùng chung (lần đồng bộ gần nhất).
    Parents,
}

/// What to take from the parent besides what concerns the unit's tier.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct TakeArgs {
    /// Lấy thêm chỉ tiêu, nhiệm vụ của cấp trên theo mã (vd: --take nv3 --take ct5); lập kế hoạch in ra các mục chưa lấy với mã của chúng.
    #[arg(long, value_name = "ID")]
    pub take: Vec<String>,
    /// Bỏ chỉ tiêu, nhiệm vụ của cấp trên theo mã.
    #[arg(long, value_name = "ID")]
    pub leave: Vec<String>,
    /// Lấy mọi nhiệm vụ của kế hoạch cấp trên.
    #[arg(long)]
    pub take_all_tasks: bool,
}

impl TakeArgs {
    /// The choice these flags make of `candidates`.
    pub fn choice(
        &self,
        candidates: &[kehoach::inherit::Candidate],
    ) -> kehoach::Result<kehoach::inherit::Choice> {
        kehoach::inherit::Choice::adjusted(candidates, &self.take, &self.leave, self.take_all_tasks)
            .map_err(kehoach::Error::Invalid)
    }
}

#[derive(clap::Args)]
pub struct FilterArgs {
    /// Chỉ các kế hoạch có thời kỳ bao gồm năm này.
    #[arg(long, value_parser = plan_year)]
    pub year: Option<i32>,
    /// Chỉ các kế hoạch ở trạng thái này (draft = dự thảo, final = chính thức).
    #[arg(long, value_parser = ["draft", "final"])]
    pub status: Option<String>,
    /// Liệt kê thùng rác.
    #[arg(long)]
    pub trash: bool,
}

/// A plan's year as the editor takes it (2000–2100): a year far outside is a
/// message, not a date the calendar cannot hold.
fn plan_year(text: &str) -> Result<i32, String> {
    kehoach::model::fields::year(text)
}

/// The paper a flag `--final` asks for.
pub fn finality(final_copy: bool) -> kehoach::app::Finality {
    if final_copy {
        kehoach::app::Finality::Final
    } else {
        kehoach::app::Finality::Draft
    }
}
