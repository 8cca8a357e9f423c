//! Paragraph styles (`styles.xml`): what a paragraph inherits when its runs do not
//! say (the font, bold, italic) and the list a style numbers its paragraphs with.

use super::xml::{tree, Bad, Element};
use quick_xml::events::BytesStart;
use std::collections::HashMap;

/// Run properties that matter to reading: weight, slant, the font's name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunProps {
    pub bold: Option<bool>,
    pub italic: Option<bool>,
    pub font: Option<String>,
}

impl RunProps {
    /// These properties, with what they leave open taken from `base`.
    pub fn over(&self, base: &RunProps) -> RunProps {
        RunProps {
            bold: self.bold.or(base.bold),
            italic: self.italic.or(base.italic),
            font: self.font.clone().or_else(|| base.font.clone()),
        }
    }

    fn of(rpr: Option<&Element>) -> RunProps {
        let Some(r) = rpr else {
            return RunProps::default();
        };
        RunProps {
            bold: r.flag("b"),
            italic: r.flag("i"),
            font: r.child("rFonts").and_then(|f| {
                f.attr("ascii")
                    .or_else(|| f.attr("hAnsi"))
                    .map(str::to_owned)
            }),
        }
    }
}

/// The font a `w:rFonts` element names for Latin text.
pub fn font_of(e: &BytesStart) -> Option<String> {
    super::xml::attr(e, b"ascii").or_else(|| super::xml::attr(e, b"hAnsi"))
}

#[derive(Debug, Default)]
struct Style {
    based_on: Option<String>,
    run: RunProps,
    num: Option<(String, usize)>,
}

/// The paragraph styles of a document.
#[derive(Debug, Default)]
pub struct Styles {
    default_run: RunProps,
    default_paragraph: Option<String>,
    paragraphs: HashMap<String, Style>,
}

impl Styles {
    pub fn parse(bytes: &[u8]) -> Result<Styles, Bad> {
        let root = tree(bytes)?;
        let mut s = Styles::default();
        if let Some(d) = root.child("docDefaults") {
            s.default_run = RunProps::of(d.child("rPrDefault").and_then(|r| r.child("rPr")));
        }
        for st in root.children("style") {
            if st.attr("type") != Some("paragraph") {
                continue;
            }
            let Some(id) = st.attr("styleId") else {
                continue;
            };
            if st.attr("default").is_some_and(|v| v == "1" || v == "true") {
                s.default_paragraph = Some(id.to_owned());
            }
            let num = st.child("pPr").and_then(|p| p.child("numPr")).map(|n| {
                (
                    n.val("numId").unwrap_or_default().to_owned(),
                    n.val("ilvl")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0usize)
                        .min(8),
                )
            });
            s.paragraphs.insert(
                id.to_owned(),
                Style {
                    based_on: st.val("basedOn").map(str::to_owned),
                    run: RunProps::of(st.child("rPr")),
                    num,
                },
            );
        }
        Ok(s)
    }

    /// The chain of a paragraph style up its `basedOn` links (bounded: a cycle
    /// in a damaged file ends it).
    fn chain<'a>(&'a self, style: Option<&'a str>) -> Vec<&'a Style> {
        let mut out = Vec::new();
        let mut id = style.or(self.default_paragraph.as_deref());
        while let Some(s) = id.and_then(|i| self.paragraphs.get(i)) {
            out.push(s);
            if out.len() > 16 {
                break;
            }
            id = s.based_on.as_deref();
        }
        out
    }

    /// The run properties a paragraph of this style gives its runs.
    pub fn run_props(&self, style: Option<&str>) -> RunProps {
        self.chain(style)
            .into_iter()
            .fold(RunProps::default(), |acc, s| acc.over(&s.run))
            .over(&self.default_run)
    }

    /// The list a style numbers its paragraphs with (`List Number`, headings).
    pub fn numbering_of(&self, style: Option<&str>) -> Option<(String, usize)> {
        self.chain(style).into_iter().find_map(|s| s.num.clone())
    }
}
