//! Word's own list numbering (`numbering.xml`): the labels Word shows in front of
//! paragraphs whose `I.`, `1.`, `a)` are not in the text.
//!
//! A paragraph names a list instance (`w:numId`) and a level (`w:ilvl`); the
//! instance points at an abstract list whose levels give the start, the number
//! format and the level text (`%1.`, `%1.%2.`, `%2)`). Instances of one abstract
//! list count together, as Word counts them, unless an instance restarts a level
//! (`w:startOverride`); a level restarts every deeper one.

use super::xml::{tree, Bad, Element};
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

impl Level {
    fn of(l: &Element) -> Level {
        Level {
            start: l.val("start").and_then(|v| v.parse().ok()).unwrap_or(1),
            format: l.val("numFmt").unwrap_or("decimal").to_owned(),
            text: l.val("lvlText").unwrap_or_default().to_owned(),
        }
    }
}

#[derive(Debug, Default)]
struct Instance {
    abstract_id: String,
    /// Levels this instance restarts at a given number.
    starts: Vec<(usize, u32)>,
    /// Levels this instance defines differently.
    levels: HashMap<usize, Level>,
}

/// The lists of a document, and where each stands while the body is read.
#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    instances: HashMap<String, Instance>,
    counters: HashMap<String, [Option<u32>; 9]>,
    started: HashSet<String>,
}

impl Numbering {
    pub fn parse(bytes: &[u8]) -> Result<Numbering, Bad> {
        let root = tree(bytes)?;
        let mut n = Numbering::default();
        for a in root.children("abstractNum") {
            let Some(id) = a.attr("abstractNumId") else {
                continue;
            };
            let mut levels = vec![Level::default(); 9];
            for l in a.children("lvl") {
                if let Some(i) = l.attr("ilvl").and_then(|v| v.parse::<usize>().ok()) {
                    if i < 9 {
                        levels[i] = Level::of(l);
                    }
                }
            }
            n.abstracts.insert(id.to_owned(), levels);
        }
        for num in root.children("num") {
            let Some(id) = num.attr("numId") else {
                continue;
            };
            let mut inst = Instance {
                abstract_id: num.val("abstractNumId").unwrap_or_default().to_owned(),
                ..Default::default()
            };
            for o in num.children("lvlOverride") {
                let Some(i) = o.attr("ilvl").and_then(|v| v.parse::<usize>().ok()) else {
                    continue;
                };
                if i >= 9 {
                    continue;
                }
                if let Some(s) = o.val("startOverride").and_then(|v| v.parse().ok()) {
                    inst.starts.push((i, s));
                }
                if let Some(l) = o.child("lvl") {
                    inst.levels.insert(i, Level::of(l));
                }
            }
            n.instances.insert(id.to_owned(), inst);
        }
        Ok(n)
    }

    /// The label Word shows for the next paragraph of list `num_id` at `level`;
    /// `None` when the paragraph is not numbered (`w:numId="0"`, unknown lists).
    pub fn next_label(&mut self, num_id: &str, level: usize) -> Option<String> {
        let inst = self.instances.get(num_id)?;
        let abstract_levels = self.abstracts.get(&inst.abstract_id)?;
        let levels: Vec<Level> = (0..9)
            .map(|i| {
                inst.levels
                    .get(&i)
                    .cloned()
                    .unwrap_or_else(|| abstract_levels[i].clone())
            })
            .collect();
        let counters = self.counters.entry(inst.abstract_id.clone()).or_default();
        if self.started.insert(num_id.to_owned()) {
            for (l, s) in &inst.starts {
                counters[*l] = Some(s.saturating_sub(1));
                for c in counters.iter_mut().skip(l + 1) {
                    *c = None;
                }
            }
        }
        let level = level.min(8);
        counters[level] = Some(match counters[level] {
            Some(c) => c + 1,
            None => levels[level].start,
        });
        for c in counters.iter_mut().skip(level + 1) {
            *c = None;
        }
        let own = &levels[level];
        match own.format.as_str() {
            "none" => return Some(String::new()),
            "bullet" => {
                // Word's bullets come in symbol fonts (U+F0B7 …); the outline
                // needs only a dash or a plus.
                let t = own.text.trim();
                return Some(if t == "+" { "+" } else { "-" }.to_owned());
            }
            _ => {}
        }
        let mut label = String::new();
        let mut chars = own.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    chars.next();
                    let k = (d as usize).clamp(1, 9) - 1;
                    let n = counters[k].unwrap_or(levels[k].start);
                    label.push_str(&format(n, &levels[k].format));
                    continue;
                }
            }
            label.push(c);
        }
        Some(label)
    }
}

/// A number in one of Word's formats.
fn format(n: u32, fmt: &str) -> String {
    match fmt {
        "upperRoman" => crate::model::numbering::roman(n as usize),
        "lowerRoman" => crate::model::numbering::roman(n as usize).to_lowercase(),
        "upperLetter" => letters(n).to_uppercase(),
        "lowerLetter" => letters(n),
        "decimalZero" if n < 10 => format!("0{n}"),
        _ => n.to_string(),
    }
}

/// Word's letters: a … z, then aa … zz.
fn letters(n: u32) -> String {
    if n == 0 {
        return String::new();
    }
    let i = (n - 1) % 26;
    let repeat = (n - 1) / 26 + 1;
    let c = char::from(b'a' + i as u8);
    std::iter::repeat_n(c, repeat.min(8) as usize).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<w:numbering xmlns:w="w">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%3."/></w:lvl>
        <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%4)"/></w:lvl>
        <w:lvl w:ilvl="4"><w:numFmt w:val="bullet"/><w:lvlText w:val="&#61623;"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="0"/>
        <w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
    </w:numbering>"#;

    #[test]
    fn labels_are_the_ones_word_shows() {
        let mut n = Numbering::parse(XML.as_bytes()).unwrap();
        let mut l = |lvl| n.next_label("1", lvl).unwrap();
        assert_eq!(l(0), "I.");
        assert_eq!(l(1), "1.");
        assert_eq!(l(2), "1.1.");
        assert_eq!(l(2), "1.2.");
        assert_eq!(l(3), "a)");
        assert_eq!(l(3), "b)");
        assert_eq!(l(4), "-");
        assert_eq!(l(1), "2.");
        assert_eq!(l(0), "II.");
        assert_eq!(l(1), "1.");
        // Another instance of the list restarting its first level.
        assert_eq!(n.next_label("2", 0).unwrap(), "I.");
        assert_eq!(n.next_label("9", 0), None);
    }

    #[test]
    fn formats() {
        assert_eq!(format(4, "lowerRoman"), "iv");
        assert_eq!(format(27, "lowerLetter"), "aa");
        assert_eq!(format(3, "decimalZero"), "03");
    }
}
