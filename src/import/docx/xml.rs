//! Small helpers over quick-xml for WordprocessingML: attribute values by local
//! name, on/off properties, entities, and a light element tree for the small
//! parts (styles, numbering).

use quick_xml::events::{BytesStart, Event};

/// Why a part could not be read, in Vietnamese.
#[derive(Debug)]
pub struct Bad(pub String);

/// The value of the attribute with this local name (`w:val` → `val`).
pub fn attr(e: &BytesStart, local: &[u8]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local)
            .then(|| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
            .flatten()
    })
}

/// An on/off property (`<w:b/>`, `<w:b w:val="0"/>`).
pub fn on_off(e: &BytesStart) -> bool {
    !matches!(
        attr(e, b"val").as_deref(),
        Some("0" | "false" | "off" | "none")
    )
}

/// The character of an entity or character reference (`amp`, `#7897`, `#x1EA1`).
pub fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        n => n
            .strip_prefix("#x")
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .or_else(|| n.strip_prefix('#').and_then(|d| d.parse().ok()))
            .and_then(char::from_u32),
    }
}

/// An element: its local name, attributes by local name, children.
#[derive(Debug, Default)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Element>,
}

impl Element {
    pub fn attr(&self, local: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == local)
            .map(|(_, v)| v.as_str())
    }

    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    pub fn children<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// `w:val` of a child (`<w:numFmt w:val="decimal"/>`).
    pub fn val(&self, child: &str) -> Option<&str> {
        self.child(child).and_then(|c| c.attr("val"))
    }

    /// An on/off child property, if present.
    pub fn flag(&self, child: &str) -> Option<bool> {
        self.child(child)
            .map(|c| !matches!(c.attr("val"), Some("0" | "false" | "off" | "none")))
    }
}

/// Parses a whole (small) part into its root element. Text is not kept: styles
/// and numbering hold everything in attributes.
pub fn tree(bytes: &[u8]) -> Result<Element, Bad> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut stack: Vec<Element> = vec![Element::default()];
    let element = |e: &BytesStart| Element {
        name: String::from_utf8_lossy(e.local_name().as_ref()).into_owned(),
        attrs: e
            .attributes()
            .flatten()
            .map(|a| {
                (
                    String::from_utf8_lossy(a.key.local_name().as_ref()).into_owned(),
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map(|v| v.into_owned())
                        .unwrap_or_default(),
                )
            })
            .collect(),
        children: Vec::new(),
    };
    loop {
        match reader
            .read_event_into(&mut buf)
            .map_err(|e| Bad(format!("ở byte {}: {e}", reader.error_position())))?
        {
            Event::Start(e) => {
                if stack.len() > 256 {
                    return Err(Bad("lồng quá sâu".into()));
                }
                stack.push(element(&e));
            }
            Event::Empty(e) => {
                let el = element(&e);
                if let Some(top) = stack.last_mut() {
                    top.children.push(el);
                }
            }
            Event::End(_) if stack.len() > 1 => {
                let el = stack.pop().unwrap_or_default();
                if let Some(top) = stack.last_mut() {
                    top.children.push(el);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    while stack.len() > 1 {
        let el = stack.pop().unwrap_or_default();
        if let Some(top) = stack.last_mut() {
            top.children.push(el);
        }
    }
    let root = stack.pop().unwrap_or_default();
    Ok(root.children.into_iter().next().unwrap_or_default())
}
