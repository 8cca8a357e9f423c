//! Vietnamese spelling (chính tả) by rule, without a dictionary: Vietnamese is
//! written in syllables, and whether a syllable is Vietnamese is a matter of its
//! parts: an onset (phụ âm đầu) from a closed list, a rhyme (vần) from a closed
//! list, a tone (thanh) a closed rhyme allows (`-c`, `-ch`, `-p`, `-t` take only
//! sắc or nặng), and the spelling rules of c/k/q, g/gh, ng/ngh. That alone catches
//! «caoo chấtt lượngg». Words that are not Vietnamese syllables on purpose
//! (abbreviations in capitals, words with digits, foreign letters f/j/w/z, the
//! loanwords plans use) are not judged.
//!
//! Also the placement of the tone mark in `oa`, `oe`, `uy` (hoà/hòa, thuỷ/thủy):
//! both are correct, a document should use one.

use unicode_normalization::UnicodeNormalization;

/// The tones' combining marks.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
const SAC: char = '\u{301}';
const NANG: char = '\u{323}';

/// Onsets, longest first (so that `ngh` is tried before `ng` and `n`).
const ONSETS: [&str; 27] = [
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
];

/// Rhymes without their tone.
const RHYMES: &[&str] = &[
    "a", "ai", "ao", "au", "ay", "ac", "ach", "am", "an", "ang", "anh", "ap", "at", //
    "ăc", "ăm", "ăn", "ăng", "ăp", "ăt", //
    "âc", "âm", "ân", "âng", "âp", "ât", "âu", "ây", //
    "e", "eo", "ec", "em", "en", "eng", "ep", "et", //
    "ê", "êu", "êch", "êm", "ên", "ênh", "êp", "êt", //
    "i", "ia", "iu", "ich", "im", "in", "inh", "ip", "it", //
    "iêc", "iêm", "iên", "iêng", "iêp", "iêt", "iêu", //
    "o", "oi", "oc", "om", "on", "ong", "op", "ot", "ooc", "oong", //
    "ô", "ôi", "ôc", "ôm", "ôn", "ông", "ôp", "ôt", //
    "ơ", "ơi", "ơm", "ơn", "ơp", "ơt", //
    "u", "ua", "ui", "uc", "um", "un", "ung", "up", "ut", //
    "uôc", "uôi", "uôm", "uôn", "uông", "uôt", //
    "ư", "ưa", "ưi", "ưu", "ưc", "ưng", "ưt", "ưm", //
    "ươc", "ươi", "ươm", "ươn", "ương", "ươp", "ươt", "ươu", //
    "y", "yêu", "yên", "yêm", "yêt", //
    "oa", "oac", "oach", "oai", "oam", "oan", "oang", "oanh", "oao", "oap", "oat", "oay", //
    "oăc", "oăm", "oăn", "oăng", "oăt", "oe", "oen", "oet", "oeo", //
    "uy", "uya", "uych", "uynh", "uyt", "uyu", "uyên", "uyêt", //
    "uân", "uât", "uâng", "uây", "uê", "uêch", "uênh", "uêt", "uơ",
];

/// Words plans use that are not Vietnamese syllables (lower case).
const LOANWORDS: &[&str] = &[
    "internet",
    "email",
    "online",
    "video",
    "camera",
    "smartphone",
    "server",
    "cloud",
    "data",
    "logistics",
    "logistic",
    "scan",
    "web",
    "website",
    "startup",
    "mobile",
    "money",
    "app",
    "apps",
    "big",
    "smart",
    "digital",
    "portal",
    "ipv",
    "lan",
    "stem",
    "it",
    "usb",
    "sim",
    "code",
    "qr",
    "gis",
    "ai",
    "iot",
    "robot",
    "virus",
    "hacker",
    "test",
    "online",
    "offline",
    "blockchain",
    "chatbot",
    "e",
    "m",
    "pc",
    "tv",
    "sms",
    "ocop",
    "vneid",
    "sso",
    "ioc",
    "egov",
    "covid",
    "ubnd",
    "hđnd",
    "cntt",
    "cđs",
    "tthc",
];

/// Splits a syllable written in NFC into its letters without tone, and its tone
/// with the index (in those letters) of the letter that carries it.
fn untoned(word: &str) -> (String, Option<(char, usize)>) {
    let mut letters = String::new();
    let mut tone = None;
    for c in word.nfd() {
        if TONES.contains(&c) {
            let at = letters.nfc().count().saturating_sub(1);
            tone = Some((c, at));
        } else {
            letters.push(c);
        }
    }
    (letters.nfc().collect(), tone)
}

/// Whether `rest` may follow `onset` by the spelling rules (c/k, g/gh, ng/ngh).
fn onset_agrees(onset: &str, rest: &str) -> bool {
    let front = rest.starts_with(['i', 'e', 'ê', 'y']);
    match onset {
        "c" | "ng" => !front,
        "k" => front,
        "gh" | "ngh" => front && !rest.starts_with('y'),
        "g" => !rest.starts_with(['e', 'ê']),
        _ => true,
    }
}

/// Whether `word` (one word, letters only) is a Vietnamese syllable.
pub fn is_syllable(word: &str) -> bool {
    let lower = word.to_lowercase();
    let (letters, tone) = untoned(&lower);
    let parses = |onset: &str, rest: &str| -> bool {
        let rhyme_ok = RHYMES.contains(&rest);
        let closed = ["c", "ch", "p", "t"].iter().any(|e| rest.ends_with(e));
        let tone_ok = !closed || tone.is_none_or(|(t, _)| t == SAC || t == NANG);
        rhyme_ok && tone_ok && onset_agrees(onset, rest)
    };
    if parses("", &letters) {
        return true;
    }
    ONSETS.iter().any(|onset| {
        let Some(rest) = letters.strip_prefix(onset) else {
            return false;
        };
        match *onset {
            // «gì», «gìn», «giếng»: the i of gi is the rhyme's own.
            "gi" => parses("gi", rest) || parses("g", &format!("i{rest}")),
            // q is written only with u, which belongs to it: «quốc» is qu + ốc.
            "qu" => !rest.is_empty() && parses("qu", rest),
            _ => !rest.is_empty() && parses(onset, rest),
        }
    })
}

/// Whether a word is judged at all: letters of the Vietnamese alphabet only,
/// not an abbreviation (capitals after the first letter), not a loanword; a
/// capitalised word only when it has a Vietnamese mark (a misspelt «Hảii»), since
/// a name without one is as likely a brand or a foreign name («Viettel»).
fn judged(word: &str) -> bool {
    let lower = word.to_lowercase();
    let capitalised = word.chars().next().is_some_and(char::is_uppercase);
    let marked = lower
        .nfd()
        .any(|c| TONES.contains(&c) || matches!(c, '\u{302}' | '\u{306}' | '\u{31B}') || c == 'đ');
    (!capitalised || marked)
        && word.chars().skip(1).all(|c| !c.is_uppercase())
        && !lower.contains(['f', 'j', 'w', 'z'])
        && lower.nfd().all(|c| {
            c.is_ascii_lowercase()
                || c == 'đ'
                || TONES.contains(&c)
                || matches!(c, '\u{302}' | '\u{306}' | '\u{31B}')
        })
        && !LOANWORDS.contains(&lower.as_str())
}

/// A word of a text that is not a Vietnamese syllable: where it starts (bytes),
/// the word, and the syllables one letter away that are (suggestions).
#[derive(Debug, Clone, PartialEq)]
pub struct Misspelling {
    pub at: usize,
    pub word: String,
    pub suggestions: Vec<String>,
}

/// The words of `text` that are not Vietnamese syllables.
pub fn misspellings(text: &str) -> Vec<Misspelling> {
    words(text)
        .filter(|(_, w)| judged(w) && !is_syllable(w))
        .map(|(at, w)| Misspelling {
            at,
            word: w.to_owned(),
            suggestions: suggestions(w),
        })
        .collect()
}

/// The words of a text (runs of letters and marks), with where each starts.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let letter = c.is_alphabetic() || TONES.contains(&c);
        match (letter, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    // A word joined to digits (`4G`, `IPv6`), in a placeholder, or part of an address
    // (`dichvucong.gov.vn`, `a@b`), is no syllable to judge.
    out.into_iter().filter(move |(s, w)| {
        let after = &text[s + w.len()..];
        let mut next = after.chars();
        let (n1, n2) = (next.next(), next.next());
        let prev = text[..*s].chars().next_back();
        // Template placeholders (`{blank}`) are no words either.
        let joined = |c: char| c.is_ascii_digit() || matches!(c, '_' | '/' | '@' | '{' | '}');
        let dotted = n1 == Some('.') && n2.is_some_and(char::is_alphanumeric);
        !n1.is_some_and(joined) && !prev.is_some_and(|c| joined(c) || c == '.') && !dotted
    })
}

/// Syllables one letter removed from `word` (a doubled key: «caoo» → «cao»), at
/// most three.
fn suggestions(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut out: Vec<String> = Vec::new();
    for i in 0..chars.len() {
        let candidate: String = chars
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, c)| *c)
            .collect();
        if !candidate.is_empty() && is_syllable(&candidate) && !out.contains(&candidate) {
            out.push(candidate);
        }
        if out.len() == 3 {
            break;
        }
    }
    out
}

/// Where a tone mark sits in `oa`, `oe`, `uy` without a final: on the second
/// vowel (the older style, «hoà», «thuỷ») or on the first («hòa», «thủy»).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToneStyle {
    /// Kiểu cũ: hoà, hoè, thuỷ.
    Old,
    /// Kiểu mới: hòa, hòe, thủy.
    New,
}

/// The style of a word's tone mark, when its rhyme makes the two styles differ.
pub fn tone_style(word: &str) -> Option<ToneStyle> {
    let lower = word.to_lowercase();
    let (letters, tone) = untoned(&lower);
    let (_, at) = tone?;
    let letters: Vec<char> = letters.chars().collect();
    let n = letters.len();
    if n < 2 || letters.starts_with(&['q', 'u']) {
        return None;
    }
    let pair = (letters[n - 2], letters[n - 1]);
    if !matches!(pair, ('o', 'a') | ('o', 'e') | ('u', 'y')) {
        return None;
    }
    match at {
        a if a == n - 1 => Some(ToneStyle::Old),
        a if a == n - 2 => Some(ToneStyle::New),
        _ => None,
    }
}

/// The words of a text whose tone is placed in `style`, with where each starts.
pub fn tone_styled(text: &str, style: ToneStyle) -> Vec<(usize, String)> {
    words(text)
        .filter(|(_, w)| tone_style(w) == Some(style))
        .map(|(at, w)| (at, w.to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_by_rule() {
        for ok in [
            "cao", "chất", "lượng", "nghiêng", "ghế", "kế", "quốc", "quy", "gì", "gìn", "giếng",
            "khuỷu", "hoặc", "thuở", "xoong", "yêu", "ý", "tuần", "luật", "khuấy", "rượu", "gửi",
            "chịu", "huênh", "khuếch", "Hải", "Phòng", "đổi", "số", "ĐỔI", "hòa", "hoà", "thủy",
            "thuỷ", "nghĩa", "dựng", "kỹ", "ký", "kỳ",
        ] {
            assert!(is_syllable(ok), "{ok}");
        }
        for bad in [
            "caoo",
            "chấtt",
            "lượngg",
            "ngiêng",
            "ghá",
            "kan",
            "cê",
            "tàt",
            "xyz",
            "bb",
            "huyệnn",
            "quốcc",
            "ghy",
        ] {
            assert!(!is_syllable(bad), "{bad}");
        }
    }

    #[test]
    fn misspelt_words_are_found_with_suggestions() {
        let found = misspellings("Nâng caoo chấtt lượngg dịch vụ công, UBND, 4G, Internet, IPv6.");
        let words: Vec<&str> = found.iter().map(|m| m.word.as_str()).collect();
        assert_eq!(words, ["caoo", "chấtt", "lượngg"]);
        assert_eq!(found[0].suggestions, ["cao"]);
        assert_eq!(found[1].suggestions, ["chất"]);
        assert_eq!(found[2].suggestions, ["lượng"]);
        assert_eq!(found[0].at, "Nâng ".len());
    }

    #[test]
    fn tone_placement_styles() {
        assert_eq!(tone_style("hoà"), Some(ToneStyle::Old));
        assert_eq!(tone_style("hòa"), Some(ToneStyle::New));
        assert_eq!(tone_style("thuỷ"), Some(ToneStyle::Old));
        assert_eq!(tone_style("thủy"), Some(ToneStyle::New));
        assert_eq!(tone_style("khoẻ"), Some(ToneStyle::Old));
        assert_eq!(tone_style("quý"), None);
        assert_eq!(tone_style("hoàn"), None);
        assert_eq!(tone_style("hoa"), None);
    }
}
