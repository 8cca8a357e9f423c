//! One diagnostic type (chẩn đoán) for every stage: the lint's ND30 findings, the
//! importer's guesses, the check against the parent, the sync's problems with the
//! shared folder, a setting out of range. Each has a severity, a stable code the UI
//! and scripts branch on, the place (file, JSON path, line, page, field) and a
//! Vietnamese message, as Typst's `SourceDiagnostic` is one type for all its stages;
//! the UI shows them with one component.

use serde::Serialize;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; nothing to fix (a table read as tasks, fonts converted).
    Note,
    /// To review: the paper may be wrong.
    #[default]
    Warning,
    /// Must be fixed: the paper is wrong, or the input could not be used.
    Error,
}

impl Severity {
    /// The word shown to the officer.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Note => "ghi chú",
            Severity::Warning => "cảnh báo",
            Severity::Error => "lỗi",
        }
    }
}

/// A diagnostic: what, where, how serious.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable code: `date_format`, `recipients` (lint rules), `no_parent` (import),
    /// `target_weakened` (parent check), `malformed_file` (sync) ….
    pub code: &'static str,
    /// The file it concerns, when it is not the plan being edited.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub file: String,
    /// JSON path of the place in the plan (`recipients[3]`), empty for the whole plan.
    pub path: String,
    /// 1-based line (or paragraph, for a DOCX; line on its page, for a PDF); 0 for none.
    #[serde(skip_serializing_if = "is_zero")]
    pub line: usize,
    /// 1-based page of a PDF; 0 for none.
    #[serde(skip_serializing_if = "is_zero_u32")]
    pub page: u32,
    /// The setting or form field it concerns (`margin_left_mm`).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub field: String,
    pub message: String,
    /// What to do about it, when there is something to say.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hints: Vec<String>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

fn is_zero_u32(n: &u32) -> bool {
    *n == 0
}

impl Diagnostic {
    pub fn new(severity: Severity, code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity,
            code,
            message: message.into(),
            ..Default::default()
        }
    }

    pub fn error(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Error, code, message)
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Warning, code, message)
    }

    pub fn note(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Note, code, message)
    }

    /// At a JSON path of the plan.
    pub fn at(mut self, path: impl Into<String>) -> Diagnostic {
        self.path = path.into();
        self
    }

    /// At a line (and page) of a source file.
    pub fn at_line(mut self, line: usize, page: u32) -> Diagnostic {
        self.line = line;
        self.page = page;
        self
    }

    /// In a file.
    pub fn in_file(mut self, file: impl Into<String>) -> Diagnostic {
        self.file = file.into();
        self
    }

    /// About a field (a setting).
    pub fn on_field(mut self, field: impl Into<String>) -> Diagnostic {
        self.field = field.into();
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hints.push(hint.into());
        self
    }

    /// Where it is, as the officer reads it: `kh.pdf: trang 3, dòng 12`,
    /// `recipients[3]`; empty for the whole plan.
    pub fn place(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if !self.file.is_empty() {
            parts.push(self.file.clone());
        }
        match (self.page, self.line) {
            (0, 0) => {}
            (0, l) => parts.push(format!("dòng {l}")),
            (p, 0) => parts.push(format!("trang {p}")),
            (p, l) => parts.push(format!("trang {p}, dòng {l}")),
        }
        if !self.path.is_empty() {
            parts.push(self.path.clone());
        }
        if !self.field.is_empty() {
            parts.push(self.field.clone());
        }
        parts.join(": ")
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let place = self.place();
        if place.is_empty() {
            write!(f, "{}: {}", self.severity.label(), self.message)
        } else {
            write!(f, "{}: {place}: {}", self.severity.label(), self.message)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diagnostic_says_where_and_what() {
        let d = Diagnostic::warning("no_parent", "không nhận ra kế hoạch cấp trên")
            .in_file("kh.pdf")
            .at_line(12, 3);
        assert_eq!(
            d.to_string(),
            "cảnh báo: kh.pdf: trang 3, dòng 12: không nhận ra kế hoạch cấp trên"
        );
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(json["code"], "no_parent");
        assert_eq!(json["severity"], "warning");
        assert_eq!(json["page"], 3);
        let e = Diagnostic::error("recipients", "thiếu «Lưu»").at("recipients[3]");
        assert_eq!(e.to_string(), "lỗi: recipients[3]: thiếu «Lưu»");
    }
}
