//! The words of the status line: how the app describes what just happened, sizes, plurals.
//! Wording only; no rule about spans, offsets or files lives here.

use crate::model::{Document, SpanId};

/// "Added Entity “Elsever Mammadov”.", for the status line.
pub fn describe(doc: &Document, id: &SpanId, verb: &str) -> String {
    match doc.spans().get(id) {
        Some(s) => format!(
            "{verb} {} “{}”.",
            doc.labels().name(s.label()),
            clip(doc.covered(s), 80)
        ),
        None => format!("{verb}."),
    }
}

pub fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// At most `max` characters, with an ellipsis when cut.
pub fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(max).collect::<String>())
    }
}

/// A message in the lower-case style of the model's errors as a sentence: capitalised, with
/// a full stop.
pub fn sentence(s: &str) -> String {
    if s.is_empty() {
        return String::new();
    }
    capitalise_first(s) + "."
}

/// `s` with its first character in upper case, by Unicode's full mapping ("été" → "Été",
/// "ß" → "SS"): messages often begin with a label's or a document's name.
///
/// In the browser the browser maps it (`String.prototype.toUpperCase`, the same Unicode
/// mapping without a locale): Rust's `char::to_uppercase` would link core's upper-case tables,
/// 13.6 KB of data that every page load downloads, for this one use.
pub fn capitalise_first(s: &str) -> String {
    let mut c = s.chars();
    let Some(first) = c.next() else {
        return String::new();
    };
    let rest = c.as_str();
    #[cfg(target_arch = "wasm32")]
    {
        let mut buf = [0u8; 4];
        let upper = js_sys::JsString::from(&*first.encode_utf8(&mut buf)).to_upper_case();
        String::from(upper) + rest
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        first.to_uppercase().chain(rest.chars()).collect()
    }
}

/// First letters and what [`capitalise_first`] makes of them, checked natively (below) and in
/// the browser (`tests/components.rs`), where the browser does the mapping: both must agree.
#[doc(hidden)]
pub const CAPITALISE_CASES: &[(&str, &str)] = &[
    ("ßtraße", "SStraße"),
    ("ǆungla", "Ǆungla"),
    ("日本 news", "日本 news"),
    ("😀 x", "😀 x"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wording() {
        assert_eq!(sentence("nothing to undo"), "Nothing to undo.");
        assert_eq!(sentence("été chaud"), "Été chaud.");
        assert_eq!(sentence(""), "");
        for (from, to) in CAPITALISE_CASES {
            assert_eq!(capitalise_first(from), *to, "{from}");
        }
        assert_eq!(clip("Żółć 😀 خبر", 4), "Żółć…");
        assert_eq!(clip("中文", 2), "中文");
        assert_eq!(plural(1), "");
        assert_eq!(plural(0), "s");
    }
}
