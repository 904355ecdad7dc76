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
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect::<String>() + ".",
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wording() {
        assert_eq!(sentence("nothing to undo"), "Nothing to undo.");
        assert_eq!(sentence("été chaud"), "Été chaud.");
        assert_eq!(sentence(""), "");
        assert_eq!(clip("Żółć 😀 خبر", 4), "Żółć…");
        assert_eq!(clip("中文", 2), "中文");
        assert_eq!(plural(1), "");
        assert_eq!(plural(0), "s");
    }
}
