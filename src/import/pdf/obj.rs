//! Reading lopdf objects without panics: references followed (with a bound on
//! chains), numbers of either kind, streams inflated up to a limit.

use lopdf::{Dictionary, Object};

pub type Doc = lopdf::Document;

/// Largest stream inflated (a page's content, a font's CMap): a decompression
/// bomb stops here.
pub const MAX_STREAM: usize = 64 * 1024 * 1024;

/// The object a reference points to (itself when it is not a reference).
pub fn deref<'a>(doc: &'a Doc, mut o: &'a Object) -> &'a Object {
    for _ in 0..16 {
        match o {
            Object::Reference(id) => match doc.get_object(*id) {
                Ok(next) => o = next,
                Err(_) => return &Object::Null,
            },
            _ => return o,
        }
    }
    &Object::Null
}

/// A dictionary entry, dereferenced.
pub fn get<'a>(doc: &'a Doc, d: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    d.get(key)
        .ok()
        .map(|o| deref(doc, o))
        .filter(|o| !matches!(o, Object::Null))
}

pub fn name(o: &Object) -> Option<String> {
    match o {
        Object::Name(n) => Some(String::from_utf8_lossy(n).into_owned()),
        _ => None,
    }
}

pub fn number(doc: &Doc, o: &Object) -> Option<f64> {
    match deref(doc, o) {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)).filter(|v| v.is_finite()),
        _ => None,
    }
}

pub fn array(o: &Object) -> Option<&Vec<Object>> {
    match o {
        Object::Array(a) => Some(a),
        _ => None,
    }
}

/// The inflated content of a stream object, or `None` when it cannot be read or
/// would inflate beyond [`MAX_STREAM`].
pub fn stream_bytes(doc: &Doc, o: &Object) -> Option<Vec<u8>> {
    match deref(doc, o) {
        Object::Stream(s) => {
            if s.dict.get(b"Filter").is_ok() {
                s.decompressed_content_with_limit(MAX_STREAM).ok()
            } else {
                Some(s.content.clone())
            }
        }
        _ => None,
    }
}
