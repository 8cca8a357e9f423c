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

/// A profile value outside the decree's range.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProfileProblem {
    pub field: &'static str,
    pub message: String,
}

impl Profile {
    /// The values outside ND30's ranges, each with a Vietnamese message.
    pub fn problems(&self) -> Vec<ProfileProblem> {
        let mut out = Vec::new();
        let mut range = |field: &'static str, name: &str, v: f32, lo: f32, hi: f32, unit: &str| {
            if !(lo..=hi).contains(&v) || v.is_nan() {
                out.push(ProfileProblem {
                    field,
                    message: format!(
                        "{name} là {v} {unit}, ngoài khoảng Nghị định 30/2020/NĐ-CP cho phép ({lo}–{hi} {unit})"
                    ),
                });
            }
        };
        range(
            "margin_top_mm",
            "Lề trên",
            self.margin_top_mm,
            20.0,
            25.0,
            "mm",
        );
        range(
            "margin_bottom_mm",
            "Lề dưới",
            self.margin_bottom_mm,
            20.0,
            25.0,
            "mm",
        );
        range(
            "margin_left_mm",
            "Lề trái",
            self.margin_left_mm,
            30.0,
            35.0,
            "mm",
        );
        range(
            "margin_right_mm",
            "Lề phải",
            self.margin_right_mm,
            15.0,
            20.0,
            "mm",
        );
        range("body_pt", "Cỡ chữ nội dung", self.body_pt, 13.0, 14.0, "pt");
        range(
            "national_name_pt",
            "Cỡ chữ Quốc hiệu",
            self.national_name_pt,
            12.0,
            13.0,
            "pt",
        );
        range(
            "motto_pt",
            "Cỡ chữ Tiêu ngữ",
            self.motto_pt,
            13.0,
            14.0,
            "pt",
        );
        range(
            "agency_pt",
            "Cỡ chữ tên cơ quan",
            self.agency_pt,
            12.0,
            13.0,
            "pt",
        );
        range(
            "number_pt",
            "Cỡ chữ số, ký hiệu",
            self.number_pt,
            13.0,
            13.0,
            "pt",
        );
        range(
            "date_pt",
            "Cỡ chữ địa danh, ngày tháng",
            self.date_pt,
            13.0,
            14.0,
            "pt",
        );
        range(
            "title_pt",
            "Cỡ chữ tên loại, trích yếu",
            self.title_pt,
            13.0,
            14.0,
            "pt",
        );
        range(
            "recipients_heading_pt",
            "Cỡ chữ «Nơi nhận:»",
            self.recipients_heading_pt,
            12.0,
            12.0,
            "pt",
        );
        range(
            "recipients_pt",
            "Cỡ chữ danh sách nơi nhận",
            self.recipients_pt,
            11.0,
            11.0,
            "pt",
        );
        range(
            "signature_pt",
            "Cỡ chữ chữ ký",
            self.signature_pt,
            13.0,
            14.0,
            "pt",
        );
        range(
            "table_pt",
            "Cỡ chữ trong bảng",
            self.table_pt,
            10.0,
            14.0,
            "pt",
        );
        range(
            "first_line_indent_mm",
            "Thụt đầu dòng",
            self.first_line_indent_mm,
            10.0,
            12.7,
            "mm",
        );
        range(
            "paragraph_spacing_pt",
            "Khoảng cách đoạn",
            self.paragraph_spacing_pt,
            6.0,
            12.0,
            "pt",
        );
        range(
            "line_spacing",
            "Giãn dòng",
            self.line_spacing,
            1.0,
            1.5,
            "lần",
        );
        if ![13.0, 14.0].contains(&self.body_pt) && (13.0..=14.0).contains(&self.body_pt) {
            out.push(ProfileProblem {
                field: "body_pt",
                message: "Cỡ chữ nội dung phải là 13 hoặc 14".into(),
            });
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
