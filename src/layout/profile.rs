//! The format profile: every size, margin and spacing of the printed plan, adjustable
//! by the user within the ranges Decree 30/2020/NĐ-CP Appendix I allows. Both
//! writers read their numbers from here and nowhere else.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Sizes in points, lengths in millimetres.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Profile {
    pub margin_top_mm: f32,
    pub margin_bottom_mm: f32,
    pub margin_left_mm: f32,
    pub margin_right_mm: f32,
    /// Body text: 13 or 14, one size through the document.
    pub body_pt: f32,
    /// `CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`.
    pub national_name_pt: f32,
    /// `Độc lập - Tự do - Hạnh phúc`.
    pub motto_pt: f32,
    /// Supervising and issuing agency names.
    pub agency_pt: f32,
    /// `Số: 05/KH-UBND`.
    pub number_pt: f32,
    /// Place and date line.
    pub date_pt: f32,
    /// `KẾ HOẠCH` and the summary.
    pub title_pt: f32,
    /// `Nơi nhận:`.
    pub recipients_heading_pt: f32,
    /// The recipient list.
    pub recipients_pt: f32,
    /// Signature authority, position and name.
    pub signature_pt: f32,
    /// Text in appendix tables.
    pub table_pt: f32,
    /// First-line indent of body paragraphs: 10 or 12.7 mm.
    pub first_line_indent_mm: f32,
    /// Space after each body paragraph (at least 6 pt).
    pub paragraph_spacing_pt: f32,
    /// Line spacing as a multiple of single (1.0 to 1.5).
    pub line_spacing: f32,
}

impl Default for Profile {
    /// The default profile of DOMAIN.md: margins 20/20/30/15 mm; 13 national name,
    /// 14 motto, 13 agency, 13 number, 14 date, 14 title, 14 body, 12 `Nơi nhận`,
    /// 11 recipients, 14 signature.
    fn default() -> Self {
        Profile {
            margin_top_mm: 20.0,
            margin_bottom_mm: 20.0,
            margin_left_mm: 30.0,
            margin_right_mm: 15.0,
            body_pt: 14.0,
            national_name_pt: 13.0,
            motto_pt: 14.0,
            agency_pt: 13.0,
            number_pt: 13.0,
            date_pt: 14.0,
            title_pt: 14.0,
            recipients_heading_pt: 12.0,
            recipients_pt: 11.0,
            signature_pt: 14.0,
            table_pt: 13.0,
            first_line_indent_mm: 12.7,
            paragraph_spacing_pt: 6.0,
            line_spacing: 1.0,
        }
    }
}

/// A profile value outside the decree's range: a diagnostic on its field, code
/// `format_profile`.
pub type ProfileProblem = crate::diag::Diagnostic;

/// The range ND30 Appendix I allows for one profile value (khoảng cho phép).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ProfileRange {
    pub field: &'static str,
    /// The value's name, in Vietnamese.
    pub name: &'static str,
    pub min: f32,
    pub max: f32,
    pub unit: &'static str,
}

/// Every adjustable value with its range: the one table the lint and the settings
/// screen both read.
pub const RANGES: &[ProfileRange] = &[
    ProfileRange {
        field: "margin_top_mm",
        name: "Lề trên",
        min: 20.0,
        max: 25.0,
        unit: "mm",
    },
    ProfileRange {
        field: "margin_bottom_mm",
        name: "Lề dưới",
        min: 20.0,
        max: 25.0,
        unit: "mm",
    },
    ProfileRange {
        field: "margin_left_mm",
        name: "Lề trái",
        min: 30.0,
        max: 35.0,
        unit: "mm",
    },
    ProfileRange {
        field: "margin_right_mm",
        name: "Lề phải",
        min: 15.0,
        max: 20.0,
        unit: "mm",
    },
    ProfileRange {
        field: "body_pt",
        name: "Cỡ chữ nội dung",
        min: 13.0,
        max: 14.0,
        unit: "pt",
    },
    ProfileRange {
        field: "national_name_pt",
        name: "Cỡ chữ Quốc hiệu",
        min: 12.0,
        max: 13.0,
        unit: "pt",
    },
    ProfileRange {
        field: "motto_pt",
        name: "Cỡ chữ Tiêu ngữ",
        min: 13.0,
        max: 14.0,
        unit: "pt",
    },
    ProfileRange {
        field: "agency_pt",
        name: "Cỡ chữ tên cơ quan",
        min: 12.0,
        max: 13.0,
        unit: "pt",
    },
    ProfileRange {
        field: "number_pt",
        name: "Cỡ chữ số, ký hiệu",
        min: 13.0,
        max: 13.0,
        unit: "pt",
    },
    ProfileRange {
        field: "date_pt",
        name: "Cỡ chữ địa danh, ngày tháng",
        min: 13.0,
        max: 14.0,
        unit: "pt",
    },
    ProfileRange {
        field: "title_pt",
        name: "Cỡ chữ tên loại, trích yếu",
        min: 13.0,
        max: 14.0,
        unit: "pt",
    },
    ProfileRange {
        field: "recipients_heading_pt",
        name: "Cỡ chữ «Nơi nhận:»",
        min: 12.0,
        max: 12.0,
        unit: "pt",
    },
    ProfileRange {
        field: "recipients_pt",
        name: "Cỡ chữ danh sách nơi nhận",
        min: 11.0,
        max: 11.0,
        unit: "pt",
    },
    ProfileRange {
        field: "signature_pt",
        name: "Cỡ chữ chữ ký",
        min: 13.0,
        max: 14.0,
        unit: "pt",
    },
    ProfileRange {
        field: "table_pt",
        name: "Cỡ chữ trong bảng",
        min: 10.0,
        max: 14.0,
        unit: "pt",
    },
    ProfileRange {
        field: "first_line_indent_mm",
        name: "Thụt đầu dòng",
        min: 10.0,
        max: 12.7,
        unit: "mm",
    },
    ProfileRange {
        field: "paragraph_spacing_pt",
        name: "Khoảng cách đoạn",
        min: 6.0,
        max: 12.0,
        unit: "pt",
    },
    ProfileRange {
        field: "line_spacing",
        name: "Giãn dòng",
        min: 1.0,
        max: 1.5,
        unit: "lần",
    },
];

impl Profile {
    /// The value of `field` (a name from [`RANGES`]).
    pub fn value(&self, field: &str) -> Option<f32> {
        match field {
            "margin_top_mm" => Some(self.margin_top_mm),
            "margin_bottom_mm" => Some(self.margin_bottom_mm),
            "margin_left_mm" => Some(self.margin_left_mm),
            "margin_right_mm" => Some(self.margin_right_mm),
            "body_pt" => Some(self.body_pt),
            "national_name_pt" => Some(self.national_name_pt),
            "motto_pt" => Some(self.motto_pt),
            "agency_pt" => Some(self.agency_pt),
            "number_pt" => Some(self.number_pt),
            "date_pt" => Some(self.date_pt),
            "title_pt" => Some(self.title_pt),
            "recipients_heading_pt" => Some(self.recipients_heading_pt),
            "recipients_pt" => Some(self.recipients_pt),
            "signature_pt" => Some(self.signature_pt),
            "table_pt" => Some(self.table_pt),
            "first_line_indent_mm" => Some(self.first_line_indent_mm),
            "paragraph_spacing_pt" => Some(self.paragraph_spacing_pt),
            "line_spacing" => Some(self.line_spacing),
            _ => None,
        }
    }

    /// The values outside ND30's ranges, each with a Vietnamese message.
    pub fn problems(&self) -> Vec<ProfileProblem> {
        let mut out = Vec::new();
        for r in RANGES {
            let v = self.value(r.field).unwrap_or(f32::NAN);
            if !(r.min..=r.max).contains(&v) {
                out.push(
                    ProfileProblem::error(
                        "format_profile",
                        format!(
                            "{} là {v} {}, ngoài khoảng Nghị định 30/2020/NĐ-CP cho phép ({}–{} {})",
                            r.name, r.unit, r.min, r.max, r.unit
                        ),
                    )
                    .on_field(r.field),
                );
            }
        }
        if ![13.0, 14.0].contains(&self.body_pt) && (13.0..=14.0).contains(&self.body_pt) {
            out.push(
                ProfileProblem::error("format_profile", "Cỡ chữ nội dung phải là 13 hoặc 14")
                    .on_field("body_pt"),
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_profile_is_within_the_decree() {
        assert!(Profile::default().problems().is_empty());
    }

    #[test]
    fn every_range_names_a_profile_value() {
        let p = Profile::default();
        for r in RANGES {
            assert!(p.value(r.field).is_some(), "{}", r.field);
        }
    }

    #[test]
    fn out_of_range_values_are_named() {
        let p = Profile {
            margin_left_mm: 25.0,
            body_pt: 12.0,
            ..Profile::default()
        };
        let problems = p.problems();
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].field, "margin_left_mm");
        assert!(problems[0].message.contains("30–35 mm"));
    }
}
