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
