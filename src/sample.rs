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
