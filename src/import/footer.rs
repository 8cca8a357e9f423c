//! The footer block (Nơi nhận and the signature) and the appendices after it.

use super::lines::{split_label, Lead, SourceLine};
use super::table::Grid;
use super::tree::{grid_block, push_text};
use super::{lines, strip_folded_prefix, ImportNote};
use crate::model::{Authority, Plan, Section, Signature};
use crate::text::fold;

pub(super) fn footer_start(lines: &[SourceLine], from: usize) -> usize {
    if let Some(i) = lines[from..]
        .iter()
        .rposition(|l| fold(&l.text).starts_with("noi nhan"))
    {
        return from + i;
    }
    // No `Nơi nhận`: the signature block (`TM.`, `KT.` …) in the last lines.
    let tail = lines.len().saturating_sub(15).max(from);
    lines[tail..]
        .iter()
        .position(|l| authority_prefix(&l.text).is_some())
        .map(|i| tail + i)
        .unwrap_or(lines.len())
}

fn authority_prefix(t: &str) -> Option<(&'static str, &str)> {
    ["TM.", "KT.", "TUQ.", "TL.", "Q."]
        .into_iter()
        .find_map(|p| t.strip_prefix(p).map(|r| (p, r.trim())))
}

pub(super) fn footer(lines: &[SourceLine], plan: &mut Plan, notes: &mut Vec<ImportNote>) {
    let mut sig: Vec<String> = Vec::new();
    for l in lines {
        let mut t = l.text.as_str();
        if let Some(rest) = strip_folded_prefix(t, "noi nhan") {
            t = rest.trim_start_matches([':', ' ']);
            if t.is_empty() {
                continue;
            }
        }
        // A recipient and the signature on one line (two columns extracted together).
        let (recipient, rest) = match t.find(" TM. ").or_else(|| t.find(" KT. ")) {
            Some(i) if t.starts_with('-') => (&t[..i], t[i..].trim()),
            _ => (t, ""),
        };
        let (lead, _, item) = split_label(recipient);
        if lead == Lead::Dash {
            plan.recipients
                .push(item.trim().trim_end_matches([';', '.']).trim().to_owned());
        } else if !recipient.is_empty() && !sig.is_empty() || authority_prefix(recipient).is_some()
        {
            sig.push(recipient.to_owned());
        } else if let Some(last) = plan.recipients.last_mut() {
            // A recipient wrapped over two lines.
            last.push(' ');
            last.push_str(recipient.trim_end_matches([';', '.']));
        } else {
            sig.push(recipient.to_owned());
        }
        if !rest.is_empty() {
            sig.push(rest.to_owned());
        }
    }
    signature(&sig, &mut plan.signature);
    if plan.recipients.is_empty() {
        notes.push(ImportNote {
            severity: crate::diag::Severity::Warning,
            code: "no_recipients",
            line: lines.first().map(|l| l.line).unwrap_or(0),
            page: lines.first().map(|l| l.page).unwrap_or(0),
            message: "không thấy danh sách nơi nhận".into(),
            ..Default::default()
        });
    }
    if plan.signature.position.is_empty() {
        notes.push(ImportNote {
            severity: crate::diag::Severity::Warning,
            code: "no_signer_position",
            line: lines.last().map(|l| l.line).unwrap_or(0),
            page: lines.last().map(|l| l.page).unwrap_or(0),
            message: "không thấy chức vụ người ký".into(),
            ..Default::default()
        });
    }
}

fn signature(lines: &[String], sig: &mut Signature) {
    let mut caps: Vec<String> = Vec::new();
    for l in lines {
        let l = l.trim();
        if let Some((p, rest)) = authority_prefix(l) {
            match p {
                "TM." => sig.collective = rest.to_owned(),
                other => {
                    sig.authority = Some(match other {
                        "KT." => Authority::Kt,
                        "Q." => Authority::Q,
                        "TL." => Authority::Tl,
                        _ => Authority::Tuq,
                    });
                    sig.authority_of = rest.to_owned();
                }
            }
        } else if !l.chars().any(char::is_lowercase) {
            caps.push(l.to_owned());
        } else {
            sig.signer = l.to_owned();
        }
    }
    sig.position = caps.join(" ");
}

pub(super) fn is_appendix_caption(t: &str) -> bool {
    let f = fold(t);
    let Some(rest) = f.strip_prefix("phu luc") else {
        return false;
    };
    let r = rest.trim();
    r.is_empty()
        || r.split_whitespace().next().is_some_and(|w| {
            lines::roman_value(w.to_uppercase().trim_end_matches(['.', ':'])).is_some()
                || w.chars().all(|c| c.is_ascii_digit())
        })
}

pub(super) fn appendices(lines: &[SourceLine], grids: &[Grid], plan: &mut Plan) {
    let mut current: Option<crate::model::Appendix> = None;
    let mut expect_title = false;
    // The reference line `(Kèm theo …)` may wrap; it ends at its `)`.
    let mut in_reference = false;
    for l in lines {
        if let Some(g) = l.table.and_then(|i| grids.get(i)) {
            // A table after the signature without a caption is an appendix too.
            current
                .get_or_insert_with(crate::model::Appendix::default)
                .blocks
                .push(grid_block(g));
            expect_title = false;
            continue;
        }
        if is_appendix_caption(&l.text) {
            if let Some(a) = current.take() {
                plan.appendices.push(a);
            }
            current = Some(crate::model::Appendix::default());
            expect_title = true;
            continue;
        }
        let Some(a) = current.as_mut() else { continue };
        if expect_title && !l.text.chars().any(char::is_lowercase) {
            if !a.title.is_empty() {
                a.title.push(' ');
            }
            a.title.push_str(&l.text);
            continue;
        }
        expect_title = false;
        if l.text.starts_with("(Kèm theo") || in_reference {
            // Printed by the layout from the plan's own number and date.
            in_reference = !l.text.trim_end().ends_with(')');
            continue;
        }
        let (lead, _, rest) = split_label(&l.text);
        let mut s = Section::default();
        std::mem::swap(&mut s.blocks, &mut a.blocks);
        push_text(&mut s, lead, rest);
        a.blocks = s.blocks;
    }
    if let Some(a) = current {
        plan.appendices.push(a);
    }
}
