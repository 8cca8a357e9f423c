//! Tables (bảng) as documents carry them, and what they mean.
//!
//! Readers (DOCX, PDF) deliver a table as rows of cells with their spans; the
//! importer first tells layout tables (the borderless header and footer blocks,
//! read as lines) from content tables, turns a content table into a grid (merged
//! cells repeated where they were merged downwards, header rows repeated on each
//! page dropped), and then reads the grid by its header words: a task table
//! (`STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |
//! Sản phẩm`, in any order and with the usual synonyms) gives tasks grouped under
//! its group rows, a target table (`Chỉ tiêu | Đơn vị tính | Kế hoạch năm 2025`)
//! gives targets, and any other table stays a table of the plan.

use super::lines::{roman_value, split_label, Lead};
use super::targets;
use crate::model::{Comparator, Deadline, Target, Task, Unit};
use crate::text::fold;

/// A table as a reader delivers it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Where the table starts in the source (paragraph or line), for messages.
    pub line: usize,
    /// Its first page (PDF), 0 without pages.
    pub page: u32,
    pub rows: Vec<Row>,
}

/// A row of a table.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// Marked as a header row that repeats on every page (Word's `w:tblHeader`).
    pub header: bool,
}

/// A cell: its text (paragraphs separated by `\n`), how many grid columns it
/// spans, and whether it continues the cell above (merged downwards).
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    pub span: usize,
    pub continued: bool,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            span: 1,
            continued: false,
        }
    }
}

impl Table {
    /// The number of grid columns.
    pub fn width(&self) -> usize {
        self.rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.span.max(1)).sum::<usize>())
            .max()
            .unwrap_or(0)
    }

    /// A table that arranges the page rather than holding data: the header block
    /// (agency | national name, number | date), the footer block (recipients |
    /// signature), a one-column frame. Its text is read as lines.
    pub fn is_layout(&self) -> bool {
        if self.width() <= 1 {
            return true;
        }
        self.rows.iter().flat_map(|r| &r.cells).any(|c| {
            c.text.lines().any(|l| {
                let t = l.trim();
                let f = fold(t);
                f.starts_with("cong hoa xa hoi")
                    || f.starts_with("doc lap - tu do")
                    || f.starts_with("so:")
                    || f.starts_with("noi nhan")
                    || ["TM.", "KT.", "TUQ.", "TL.", "Q."]
                        .iter()
                        .any(|p| t.starts_with(p))
                    || (f == "ke hoach" && !t.chars().any(char::is_lowercase))
            })
        })
    }

    /// The table as a grid: header texts and rows of cell texts, one per grid
    /// column. A cell merged downwards repeats the text above it (each row then
    /// reads alone, as the merge meant); a cell spanning columns gives its text to
    /// the first and leaves the others empty; header rows repeated further down
    /// (each page of a long table) and a row numbering the columns (`(1) (2) (3)`)
    /// are dropped.
    pub fn grid(&self) -> Grid {
        let width = self.width();
        let mut rows: Vec<(bool, Vec<String>, Vec<bool>)> = Vec::new();
        for r in &self.rows {
            let mut texts = vec![String::new(); width];
            let mut spanned = vec![false; width];
            let mut col = 0;
            for c in &r.cells {
                if col >= width {
                    break;
                }
                let text = if c.continued {
                    rows.last()
                        .map(|(_, above, _)| above[col].clone())
                        .unwrap_or_default()
                } else {
                    c.text.trim().to_owned()
                };
                texts[col] = text;
                for s in spanned.iter_mut().skip(col + 1).take(c.span.max(1) - 1) {
                    *s = true;
                }
                col += c.span.max(1);
            }
            rows.push((r.header, texts, spanned));
        }
        // Header rows: those marked so at the top, else the first row; a second row
        // under a first one with merged cells holds its sub-headers.
        let marked = rows.iter().take_while(|(h, _, _)| *h).count();
        let n_header = if marked > 0 {
            marked
        } else if rows.len() > 1
            && rows[0].2.iter().any(|s| *s)
            && !rows[1].1.iter().any(|t| is_ordinal(t))
            && header_words(&rows[1].1) > 0
        {
            2
        } else {
            1.min(rows.len())
        };
        let mut columns = vec![String::new(); width];
        for (_, texts, _) in &rows[..n_header] {
            for (c, t) in texts.iter().enumerate() {
                let t = t.replace('\n', " ");
                if !t.is_empty() && !columns[c].contains(&t) {
                    if !columns[c].is_empty() {
                        columns[c].push(' ');
                    }
                    columns[c].push_str(&t);
                }
            }
        }
        // A header merged across columns names each of them.
        for c in 1..width {
            if columns[c].is_empty() && rows[..n_header].iter().any(|(_, _, s)| s[c]) {
                columns[c] = columns[c - 1].clone();
            }
        }
        let header_texts: Vec<Vec<String>> =
            rows[..n_header].iter().map(|(_, t, _)| t.clone()).collect();
        let mut body = Vec::new();
        for (i, (_, texts, _)) in rows.into_iter().enumerate().skip(n_header) {
            if header_texts.contains(&texts) || texts.iter().all(|t| t.is_empty()) {
                continue;
            }
            if i == n_header && is_column_numbers(&texts) {
                continue;
            }
            body.push(texts);
        }
        Grid {
            columns,
            rows: body,
        }
    }
}

/// A table as a grid of texts (the model's `Block::Table` before it is read).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Grid {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// `1`, `12`, `1.2`: a row number.
fn is_ordinal(t: &str) -> bool {
    let t = t.trim().trim_end_matches('.');
    !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// `(1) (2) (3)` or `1 2 3` under the header: the columns' numbers.
fn is_column_numbers(texts: &[String]) -> bool {
    let nums: Vec<Option<usize>> = texts
        .iter()
        .filter(|t| !t.is_empty())
        .map(|t| t.trim_matches(['(', ')', ' ']).parse().ok())
        .collect();
    nums.len() >= 2 && nums.iter().enumerate().all(|(i, n)| *n == Some(i + 1))
}

fn header_words(texts: &[String]) -> usize {
    texts
        .iter()
        .filter(|t| column_role(t) != Role::Other)
        .count()
}

/// What a column holds, from its header words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Số thứ tự.
    Number,
    /// Nhiệm vụ, nội dung.
    Task,
    /// Đơn vị / cơ quan chủ trì.
    Lead,
    /// Đơn vị / cơ quan phối hợp.
    Partners,
    /// Thời gian hoàn thành, thời hạn, tiến độ.
    Deadline,
    /// Sản phẩm, kết quả.
    Product,
    /// Kinh phí, nguồn kinh phí.
    Budget,
    /// Chỉ tiêu (its name).
    Target,
    /// Đơn vị tính.
    Unit,
    /// The committed value (Kế hoạch, Giá trị, Năm 2025, Mục tiêu …).
    Value,
    /// Ghi chú and anything else.
    Other,
}

/// The role of a column from its header text, in any case, with or without marks.
pub fn column_role(header: &str) -> Role {
    let f = fold(header);
    let f = f.trim();
    let has_year = f
        .split(|c: char| !c.is_ascii_digit())
        .any(|w| w.len() == 4 && (w.starts_with("19") || w.starts_with("20")));
    if f.is_empty() {
        Role::Other
    } else if matches!(f, "stt" | "tt" | "so tt" | "so thu tu" | "s tt") {
        Role::Number
    } else if f.contains("phoi hop") {
        Role::Partners
    } else if f.contains("don vi tinh") || f == "dvt" || f == "d.v.t" {
        Role::Unit
    } else if f.contains("chu tri")
        || f.contains("thuc hien") && (f.contains("don vi") || f.contains("co quan"))
        || matches!(
            f,
            "don vi" | "co quan" | "don vi/co quan" | "co quan/don vi"
        )
    {
        Role::Lead
    } else if f.contains("thoi gian") || f.contains("thoi han") || f.contains("tien do") {
        Role::Deadline
    } else if f.contains("san pham") || f.starts_with("ket qua") {
        Role::Product
    } else if f.contains("kinh phi") || f.contains("nguon von") {
        Role::Budget
    } else if f.contains("ke hoach")
        || f.contains("gia tri")
        || f.contains("muc tieu")
        || f.contains("chi tieu giao")
        || (has_year && !f.contains("nhiem vu"))
    {
        Role::Value
    } else if f.contains("chi tieu") {
        Role::Target
    } else if f.contains("nhiem vu")
        || f.contains("noi dung")
        || f.contains("giai phap")
        || f.contains("ten du an")
        || f.contains("hoat dong")
    {
        Role::Task
    } else {
        Role::Other
    }
}

/// What a content table was read as.
#[derive(Debug, Clone, PartialEq)]
pub enum Reading {
    /// Tasks in groups (a group per group row; one unnamed group without them).
    Tasks(Vec<(String, Vec<Task>)>),
    /// Targets in groups.
    Targets(Vec<(String, Vec<Target>)>),
    /// Neither: a table the plan keeps as it is.
    Data,
}

impl Grid {
    fn find(&self, role: Role) -> Option<usize> {
        self.columns.iter().position(|c| column_role(c) == role)
    }

    /// Reads the grid as tasks or targets when its header words say so.
    pub fn read(&self) -> Reading {
        let number = self.find(Role::Number);
        let task = self.find(Role::Task);
        let target = self.find(Role::Target);
        let value = self
            .columns
            .iter()
            .rposition(|c| column_role(c) == Role::Value);
        let unit = self.find(Role::Unit);
        let lead = self.find(Role::Lead);
        let deadline = self.find(Role::Deadline);
        if let (Some(text), true) = (task, lead.is_some() || deadline.is_some()) {
            if target.is_none() || value.is_none() {
                return self.tasks(number, text);
            }
        }
        if let (Some(name), true) = (target.or(task), value.is_some() || unit.is_some()) {
            return self.targets(number, name, value, unit);
        }
        Reading::Data
    }

    fn cell<'a>(&'a self, row: &'a [String], col: Option<usize>) -> &'a str {
        col.and_then(|c| row.get(c)).map_or("", |s| s.trim())
    }

    /// A group row: no data in the data columns, its text in a label column or
    /// spanning the table; numbered `I`, `A` or not at all (never `1`).
    fn group_of(&self, row: &[String], number: Option<usize>, data: &[usize]) -> Option<String> {
        if data.iter().any(|c| !row[*c].trim().is_empty()) {
            return None;
        }
        let n = self.cell(row, number);
        let texts: Vec<&str> = row
            .iter()
            .enumerate()
            .filter(|(i, t)| Some(*i) != number && !t.trim().is_empty())
            .map(|(_, t)| t.trim())
            .collect();
        let label_ok = n.is_empty()
            || roman_value(n.trim_end_matches('.')).is_some()
            || (n.chars().count() == 1 && n.chars().all(|c| c.is_ascii_uppercase()));
        if !label_ok {
            // `1. HẠ TẦNG SỐ` merged over the whole row, number and all.
            if texts.is_empty() {
                let (lead, _, rest) = split_label(n);
                if matches!(lead, Lead::Roman | Lead::Part) && !rest.is_empty() {
                    return Some(rest.trim().to_owned());
                }
            }
            return None;
        }
        let text = match texts.first() {
            Some(t) => (*t).to_owned(),
            None => {
                let (_, _, rest) = split_label(n);
                rest.trim().to_owned()
            }
        };
        let text = text.replace('\n', " ");
        let (lead, _, rest) = split_label(&text);
        let text = if matches!(lead, Lead::Roman | Lead::Part | Lead::Letter) {
            rest.to_owned()
        } else {
            text.clone()
        };
        (!text.is_empty()).then_some(text)
    }

    fn tasks(&self, number: Option<usize>, text_col: usize) -> Reading {
        let lead = self.find(Role::Lead);
        let partners = self.find(Role::Partners);
        let deadline = self.find(Role::Deadline);
        let product = self.find(Role::Product);
        let budget = self.find(Role::Budget);
        let data: Vec<usize> = [lead, partners, deadline, product, budget]
            .into_iter()
            .flatten()
            .collect();
        let mut groups: Vec<(String, Vec<Task>)> = Vec::new();
        for row in &self.rows {
            if let Some(g) = self.group_of(row, number, &data) {
                groups.push((g, Vec::new()));
                continue;
            }
            let mut paras = self.cell(row, Some(text_col)).lines().map(str::trim);
            let Some(first) = paras.next().filter(|t| !t.is_empty()) else {
                continue;
            };
            let task = Task {
                text: first.trim_end_matches(['.', ';']).to_owned(),
                details: paras.filter(|p| !p.is_empty()).map(str::to_owned).collect(),
                lead: items(self.cell(row, lead)).join("; "),
                partners: items(self.cell(row, partners)),
                deadline: Some(self.cell(row, deadline))
                    .filter(|d| !d.is_empty())
                    .map(|d| Deadline::parse(&d.replace('\n', " "))),
                product: self.cell(row, product).replace('\n', " "),
                budget: self.cell(row, budget).replace('\n', " "),
                ..Default::default()
            };
            if groups.is_empty() {
                groups.push((String::new(), Vec::new()));
            }
            if let Some((_, tasks)) = groups.last_mut() {
                tasks.push(task);
            }
        }
        groups.retain(|(_, t)| !t.is_empty());
        if groups.is_empty() {
            return Reading::Data;
        }
        Reading::Tasks(groups)
    }

    fn targets(
        &self,
        number: Option<usize>,
        name_col: usize,
        value: Option<usize>,
        unit: Option<usize>,
    ) -> Reading {
        let data: Vec<usize> = [value, unit].into_iter().flatten().collect();
        // `Kế hoạch năm 2025`: the value is due by the end of that year.
        let year = value.and_then(|c| {
            fold(&self.columns[c])
                .split(|ch: char| !ch.is_ascii_digit())
                .filter_map(|w| w.parse::<i32>().ok())
                .find(|y| (1990..=2100).contains(y))
        });
        let mut groups: Vec<(String, Vec<Target>)> = Vec::new();
        for row in &self.rows {
            if let Some(g) = self.group_of(row, number, &data) {
                groups.push((g, Vec::new()));
                continue;
            }
            let name = self.cell(row, Some(name_col)).replace('\n', " ");
            if name.is_empty() {
                continue;
            }
            let mut target = target_of(&name, self.cell(row, value), self.cell(row, unit));
            target.deadline = year.map(|year| Deadline::EndOfYear { year });
            if groups.is_empty() {
                groups.push((String::new(), Vec::new()));
            }
            if let Some((_, targets)) = groups.last_mut() {
                targets.push(target);
            }
        }
        groups.retain(|(_, t)| !t.is_empty());
        if groups.is_empty() {
            return Reading::Data;
        }
        Reading::Targets(groups)
    }
}

/// The items of a cell listing units: one per paragraph or `;`, bullets removed.
fn items(cell: &str) -> Vec<String> {
    cell.lines()
        .flat_map(|l| super::split_top_level(l, ';'))
        .map(|i| {
            i.trim()
                .trim_start_matches(['-', '+', '•', '–'])
                .trim()
                .trim_end_matches([';', '.', ','])
                .trim()
                .to_owned()
        })
        .filter(|i| !i.is_empty())
        .collect()
}

/// A target from a row: its name, the value cell (`≥ 80`, `Tối thiểu 80%`, `100`)
/// and the unit cell (`%`, `doanh nghiệp`). The printed sentence says the measure
/// in words, so that it reads (and is read back) as the row meant.
fn target_of(name: &str, value: &str, unit: &str) -> Target {
    // The name may carry the commitment itself (`Tỷ lệ … đạt trên 90%`).
    if let Some(c) = targets::commitments(name).into_iter().next() {
        return Target {
            text: name.to_owned(),
            comparator: Some(c.comparator),
            value: Some(c.value),
            unit: c.unit,
            unit_label: c.unit_label,
            scope: c.scope,
            ..Default::default()
        };
    }
    let v = value.trim();
    let (comparator, rest) = leading_comparator(v);
    let number_text: String = rest
        .trim()
        .trim_end_matches('%')
        .trim()
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
        .collect();
    let Some(number) = targets::parse_number(&number_text) else {
        let text = if v.is_empty() {
            name.to_owned()
        } else {
            format!("{name}: {v} {}", unit.trim()).trim().to_owned()
        };
        return Target {
            text,
            ..Default::default()
        };
    };
    let unit_f = fold(unit);
    let percent = v.contains('%') || unit_f.contains('%') || unit_f.contains("phan tram");
    let (unit_kind, unit_label) = if percent {
        (Unit::Percent, String::new())
    } else if unit.trim().is_empty() {
        (Unit::Other, String::new())
    } else {
        (Unit::Count, unit.trim().to_owned())
    };
    let comparator = comparator.unwrap_or(if percent && number == 100.0 {
        Comparator::Eq
    } else {
        Comparator::Ge
    });
    let measure = measure_words(comparator, number, unit_kind, &unit_label);
    Target {
        text: format!("{} đạt {measure}", name.trim_end_matches(['.', ':', ';'])),
        comparator: Some(comparator),
        value: Some(number),
        unit: unit_kind,
        unit_label,
        ..Default::default()
    }
}

/// `≥ 80`, `>=80`, `Tối thiểu 80`, `trên 90`: the comparator and the rest.
fn leading_comparator(v: &str) -> (Option<Comparator>, &str) {
    for (sym, c) in [
        ("≥", Comparator::Ge),
        (">=", Comparator::Ge),
        ("≤", Comparator::Le),
        ("<=", Comparator::Le),
        (">", Comparator::Gt),
        ("<", Comparator::Lt),
        ("≈", Comparator::Approx),
        ("~", Comparator::Approx),
        ("=", Comparator::Eq),
    ] {
        if let Some(rest) = v.strip_prefix(sym) {
            return (Some(c), rest);
        }
    }
    let first_digit = v.find(|c: char| c.is_ascii_digit()).unwrap_or(v.len());
    let words = fold(&v[..first_digit]);
    let words = words.trim();
    if words.is_empty() {
        return (None, v);
    }
    let c = targets::qualifier_at_end(words);
    (c, &v[first_digit..])
}

/// The measure as plans write it: `tối thiểu 80%`, `trên 5.000 doanh nghiệp`, `100%`.
pub fn measure_words(c: Comparator, value: f64, unit: Unit, label: &str) -> String {
    let word = match c {
        Comparator::Eq => "",
        Comparator::Ge => "tối thiểu ",
        Comparator::Gt => "trên ",
        Comparator::Le => "tối đa ",
        Comparator::Lt => "dưới ",
        Comparator::Approx => "khoảng ",
    };
    let number = crate::model::format_number(value);
    match unit {
        Unit::Percent => format!("{word}{number}%"),
        _ if label.is_empty() => format!("{word}{number}"),
        _ => format!("{word}{number} {label}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[&[&str]]) -> Table {
        Table {
            rows: rows
                .iter()
                .map(|r| Row {
                    cells: r.iter().map(|t| Cell::new(*t)).collect(),
                    header: false,
                })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn columns_are_known_by_their_words_and_synonyms() {
        for (h, r) in [
            ("STT", Role::Number),
            ("Nhiệm vụ", Role::Task),
            ("Nội dung nhiệm vụ", Role::Task),
            ("Cơ quan chủ trì", Role::Lead),
            ("Đơn vị chủ trì", Role::Lead),
            ("Chủ trì", Role::Lead),
            ("Đơn vị thực hiện", Role::Lead),
            ("Cơ quan phối hợp", Role::Partners),
            ("Phối hợp", Role::Partners),
            ("Thời gian hoàn thành", Role::Deadline),
            ("Thời hạn", Role::Deadline),
            ("Tiến độ", Role::Deadline),
            ("Sản phẩm", Role::Product),
            ("Kết quả", Role::Product),
            ("Chỉ tiêu", Role::Target),
            ("Đơn vị tính", Role::Unit),
            ("Kế hoạch năm 2025", Role::Value),
            ("Năm 2025", Role::Value),
            ("Ghi chú", Role::Other),
        ] {
            assert_eq!(column_role(h), r, "{h}");
        }
    }

    #[test]
    fn a_task_table_with_group_rows_gives_grouped_tasks() {
        let t = table(&[
            &[
                "TT",
                "Nội dung",
                "Thời hạn",
                "Chủ trì",
                "Phối hợp",
                "Sản phẩm",
            ],
            &["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
            &["I", "HẠ TẦNG SỐ", "", "", "", ""],
            &[
                "1",
                "Phủ sóng 5G",
                "Quý IV năm 2026",
                "Sở KH&CN",
                "- Viettel;\n- VNPT",
                "Báo cáo",
            ],
            &["II", "CHÍNH QUYỀN SỐ", "", "", "", ""],
            &["2", "Số hóa hồ sơ", "Hàng năm", "UBND các xã", "", ""],
        ]);
        let Reading::Tasks(groups) = t.grid().read() else {
            panic!("not read as tasks");
        };
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].0, "HẠ TẦNG SỐ");
        let task = &groups[0].1[0];
        assert_eq!(task.text, "Phủ sóng 5G");
        assert_eq!(task.lead, "Sở KH&CN");
        assert_eq!(task.partners, vec!["Viettel", "VNPT"]);
        assert_eq!(task.product, "Báo cáo");
        assert_eq!(
            task.deadline,
            Some(Deadline::Quarter {
                quarter: 4,
                year: 2026
            })
        );
        assert_eq!(groups[1].1[0].lead, "UBND các xã");
    }

    #[test]
    fn a_merged_lead_applies_to_every_row_it_covers() {
        let mut t = table(&[
            &["STT", "Nhiệm vụ", "Đơn vị chủ trì"],
            &["1", "A", "Văn phòng"],
            &["2", "B", ""],
        ]);
        t.rows[2].cells[2].continued = true;
        let Reading::Tasks(groups) = t.grid().read() else {
            panic!()
        };
        assert_eq!(groups[0].1[1].lead, "Văn phòng");
    }

    #[test]
    fn a_target_table_gives_targets_whose_sentence_says_the_measure() {
        let t = table(&[
            &["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm 2025"],
            &["1", "Tỷ lệ hồ sơ xử lý trực tuyến", "%", "≥ 80"],
            &["2", "Doanh nghiệp được hỗ trợ", "doanh nghiệp", "5.000"],
            &["3", "Tỷ lệ thủ tục trực tuyến toàn trình", "%", "100"],
        ]);
        let Reading::Targets(groups) = t.grid().read() else {
            panic!()
        };
        let ts = &groups[0].1;
        assert_eq!(ts[0].comparator, Some(Comparator::Ge));
        assert_eq!(ts[0].value, Some(80.0));
        assert_eq!(ts[0].text, "Tỷ lệ hồ sơ xử lý trực tuyến đạt tối thiểu 80%");
        assert_eq!(ts[1].unit, Unit::Count);
        assert_eq!(ts[1].value, Some(5000.0));
        assert_eq!(ts[2].comparator, Some(Comparator::Eq));
        // The sentence reads back as the same commitment.
        for t in ts {
            let c = &targets::commitments(&t.text)[0];
            assert_eq!((Some(c.comparator), Some(c.value)), (t.comparator, t.value));
        }
    }

    #[test]
    fn layout_tables_and_data_tables_are_told_apart() {
        let header = table(&[
            &[
                "ỦY BAN NHÂN DÂN\nXÃ TÂN AN",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            ],
            &["Số: 05/KH-UBND", "Tân An, ngày 05 tháng 02 năm 2026"],
        ]);
        assert!(header.is_layout());
        let data = table(&[&["Xã", "Dân số"], &["Tân An", "12.000"]]);
        assert!(!data.is_layout());
        assert_eq!(data.grid().read(), Reading::Data);
    }

    #[test]
    fn repeated_header_rows_are_dropped() {
        let mut t = table(&[
            &["STT", "Nhiệm vụ", "Thời hạn"],
            &["1", "A", "năm 2026"],
            &["STT", "Nhiệm vụ", "Thời hạn"],
            &["2", "B", "năm 2026"],
        ]);
        t.rows[0].header = true;
        let g = t.grid();
        assert_eq!(g.rows.len(), 2);
    }
}
