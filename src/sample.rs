//! The built-in sample plan: a commune's digital-transformation plan for 2026 that
//! implements the city's plan, with targets, tasks, recipients and signature.

use crate::format;
use crate::model::Plan;

/// The sample as shipped in `assets/samples/`.
pub const SAMPLE_JSON: &str = include_str!("../assets/samples/ke-hoach-cds-xa-tan-an-2026.json");

/// The sample plan, parsed and normalised.
pub fn sample_plan() -> Plan {
    format::from_json_str(
        SAMPLE_JSON,
        "assets/samples/ke-hoach-cds-xa-tan-an-2026.json",
    )
    .expect("the shipped sample plan is valid (checked by tests)")
}

/// A long plan for benchmarks and pagination tests: the sample's body repeated
/// `times` times (11 times gives about 30 pages).
pub fn long_plan(times: usize) -> Plan {
    let mut plan = sample_plan();
    let body = plan.sections.clone();
    plan.sections = (0..times).flat_map(|_| body.clone()).collect();
    plan
}

/// A new plan from the built-in skeleton (Mục đích, yêu cầu / Mục tiêu / Nhiệm vụ,
/// giải pháp / Kinh phí / Tổ chức thực hiện), with the agency profile filled in.
pub fn skeleton(
    agency: crate::model::Agency,
    place: &str,
    year: i32,
    signature: crate::model::Signature,
) -> Plan {
    use crate::model::{Block, Section};
    let section = |heading: &str, guidance: &str, blocks: Vec<Block>| Section {
        heading: heading.into(),
        numbered: true,
        guidance: guidance.into(),
        blocks,
        children: vec![],
    };
    let para = || {
        vec![Block::Paragraph {
            text: String::new(),
        }]
    };
    let mut plan = Plan::empty(agency, place, year);
    plan.title = format!("Chuyển đổi số {} năm {year}", short_name(&plan.agency.name));
    plan.signature = signature;
    plan.sections = vec![
        section(
            "MỤC ĐÍCH, YÊU CẦU",
            "Nêu mục đích và yêu cầu của kế hoạch.",
            para(),
        ),
        section(
            "MỤC TIÊU",
            "Mục tiêu chung và các chỉ tiêu cụ thể (không thấp hơn kế hoạch cấp trên).",
            vec![Block::Targets { group: None }],
        ),
        section(
            "NHIỆM VỤ, GIẢI PHÁP",
            "Các nhiệm vụ, đơn vị chủ trì, phối hợp và thời hạn.",
            vec![Block::Tasks {
                group: None,
                layout: crate::model::TaskLayout::List,
            }],
        ),
        section(
            "KINH PHÍ THỰC HIỆN",
            "Nguồn kinh phí và cách bố trí.",
            para(),
        ),
        section(
            "TỔ CHỨC THỰC HIỆN",
            "Phân công trách nhiệm và chế độ báo cáo.",
            para(),
        ),
    ];
    plan.recipients = vec!["Lưu: VT".into()];
    plan
}

/// `xã Tân An` from `Ủy ban nhân dân xã Tân An`.
fn short_name(agency: &str) -> String {
    let t = agency.trim();
    let folded = crate::text::fold(t);
    if folded.starts_with("uy ban nhan dan ") {
        t.chars().skip("Ủy ban nhân dân ".chars().count()).collect()
    } else {
        t.to_owned()
    }
}
