//! Report templates (mẫu báo cáo): the headings and wording of a kind of report, as
//! data, like the plan templates. A template names the periods it suits (a six-month
//! or yearly report, a short monthly or quarterly one); its strings may hold
//! `{period}`, `{agency.name}`, `{plan.citation}`, `{plan.subject}`, filled from the
//! plan and the period. A template file given on the command line is checked like a
//! plan template: an unknown placeholder or a missing heading is refused with its
//! JSON path.

use crate::{Error, Result};
use serde::{Deserialize, Serialize};

/// The version of the report template format this program reads.
pub const REPORT_TEMPLATE_FORMAT: u32 = 1;

/// The placeholders a report template may use.
pub const PLACEHOLDERS: &[&str] = &["period", "agency.name", "plan.citation", "plan.subject"];

/// A report template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportTemplate {
    pub report_template_format: u32,
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// The period kinds it suits: `month`, `quarter`, `half`, `nine_months`, `year`,
    /// `range`.
    pub periods: Vec<String>,
    pub title: String,
    pub opening: String,
    /// Heading of part I.
    pub results: String,
    /// I.1 and I.2.
    pub targets: String,
    pub tasks: String,
    /// Heading of part II and its two points.
    pub assessment: String,
    pub strengths: String,
    pub limits: String,
    /// Part III.
    pub next: String,
    /// Part IV.
    pub proposals: String,
    pub closing: String,
}

const BUILTIN: [&str; 2] = [
    include_str!("../../assets/report-templates/bao-cao-dinh-ky.json"),
    include_str!("../../assets/report-templates/bao-cao-thang-quy.json"),
];

/// The id of the template for six-month and yearly reports.
pub const DEFAULT_ID: &str = "bao-cao-dinh-ky";

impl ReportTemplate {
    /// Reads and checks a template; `origin` names the file in errors.
    pub fn from_json(json: &str, origin: &str) -> Result<ReportTemplate> {
        let t: ReportTemplate = crate::format::from_json_typed(json, origin)?;
        let bad = |path: &str, reason: String| Error::Json {
            file: origin.to_owned(),
            path: path.to_owned(),
            reason,
        };
        if t.report_template_format != REPORT_TEMPLATE_FORMAT {
            return Err(bad(
                "report_template_format",
                format!(
                    "phiên bản mẫu báo cáo {} chưa hỗ trợ (cần 1)",
                    t.report_template_format
                ),
            ));
        }
        for (path, text) in t.strings() {
            if text.trim().is_empty() {
                return Err(bad(path, "chưa có nội dung".into()));
            }
            let mut rest = text;
            while let Some(i) = rest.find('{') {
                let after = &rest[i + 1..];
                let Some(end) = after.find('}') else {
                    return Err(bad(path, "thiếu dấu «}» đóng ô điền".into()));
                };
                let name = &after[..end];
                if !PLACEHOLDERS.contains(&name) {
                    return Err(bad(
                        path,
                        format!(
                            "ô điền «{{{name}}}» không có; dùng được: {}",
                            PLACEHOLDERS
                                .iter()
                                .map(|p| format!("{{{p}}}"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    ));
                }
                rest = &after[end + 1..];
            }
        }
        Ok(t)
    }

    fn strings(&self) -> [(&'static str, &str); 12] {
        [
            ("title", &self.title),
            ("opening", &self.opening),
            ("results", &self.results),
            ("targets", &self.targets),
            ("tasks", &self.tasks),
            ("assessment", &self.assessment),
            ("strengths", &self.strengths),
            ("limits", &self.limits),
            ("next", &self.next),
            ("proposals", &self.proposals),
            ("closing", &self.closing),
            ("name", &self.name),
        ]
    }

    /// Whether the template suits a period of `kind`.
    pub fn suits(&self, kind: &str) -> bool {
        self.periods.iter().any(|p| p == kind)
    }

    /// `text` with its placeholders filled.
    pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
        let mut out = text.to_owned();
        for (name, value) in values {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        out
    }
}

/// The templates the program ships.
pub fn builtin() -> Vec<ReportTemplate> {
    BUILTIN
        .iter()
        .map(|j| {
            ReportTemplate::from_json(j, "mẫu báo cáo có sẵn")
                .expect("the shipped report templates are valid")
        })
        .collect()
}

/// A shipped template by id, or the one that suits `kind` when `id` is `None`.
pub fn choose(id: Option<&str>, kind: &str) -> Result<ReportTemplate> {
    let all = builtin();
    match id {
        Some(id) => all.into_iter().find(|t| t.id == id).ok_or_else(|| {
            Error::Invalid(format!(
                "không có mẫu báo cáo «{id}» (có: {})",
                builtin()
                    .iter()
                    .map(|t| t.id.clone())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        }),
        None => Ok(all
            .iter()
            .find(|t| t.suits(kind))
            .cloned()
            .unwrap_or_else(|| all[0].clone())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_templates_and_their_periods() {
        assert_eq!(choose(None, "half").unwrap().id, "bao-cao-dinh-ky");
        assert_eq!(choose(None, "quarter").unwrap().id, "bao-cao-thang-quy");
        assert!(choose(Some("khong-co"), "half").is_err());
    }

    #[test]
    fn a_bad_template_is_refused_at_its_path() {
        let mut v: serde_json::Value = serde_json::from_str(BUILTIN[0]).unwrap();
        v["closing"] = "Trên đây là {ky_bao_cao}".into();
        let e = ReportTemplate::from_json(&v.to_string(), "mau.json").unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains("closing") && msg.contains("{ky_bao_cao}"),
            "{msg}"
        );
    }
}
