//! What a span's offsets cover in the text, asked once per span while importing: whether the
//! text the file states for it is that text, under the strictness its format asks for
//! ([`TextCheck`]), and whether its ends sit on grapheme cluster boundaries. Knows nothing of
//! any format's syntax.
//!
//! Cost: each answer is bounded by the input, not by how many spans share a stretch of text.
//! A comparison goes no further than the stated text plus the covered text's trailing white
//! space, which an index of long blank runs answers; a boundary inside a run of regional
//! indicators (flags) is decided by the run's parity from an index of such runs, and any other
//! boundary is asked once per position. So a file of many spans over one long stretch of spaces
//! or of flags costs the length of the file, not spans × stretch.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::model::grapheme::is_grapheme_boundary;

/// How strictly a span's stated text must equal what its offsets cover.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TextCheck {
    /// Character for character.
    Exact,
    /// Line breaks may stand as spaces and trailing white space may be missing (brat writes
    /// the covered text on one line, and line-based readers trim it).
    OneLine,
}

/// Blank runs at least this many bytes long are indexed; shorter ones are scanned.
const LONG: usize = 64;

/// Compares stated texts with the text they are said to cover.
pub(crate) struct Covered<'t> {
    text: &'t str,
    /// The maximal runs of white space of at least [`LONG`] bytes, as byte ranges in order.
    long_blanks: Vec<(usize, usize)>,
    /// The maximal runs of two or more regional indicators, as byte ranges in order.
    flags: Vec<(usize, usize)>,
    /// Boundary answers already worked out, by byte: the rules for emoji sequences look back
    /// over any number of combining marks.
    boundaries: RefCell<HashMap<usize, bool>>,
}

/// A regional indicator symbol: two of them make a flag.
fn regional(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

/// The maximal runs of characters that `is` holds for, at least `min` bytes long.
fn runs(text: &str, is: impl Fn(char) -> bool, min: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut run: Option<usize> = None;
    for (at, c) in text.char_indices() {
        match (is(c), run) {
            (true, None) => run = Some(at),
            (false, Some(from)) => {
                if at - from >= min {
                    out.push((from, at));
                }
                run = None;
            }
            _ => {}
        }
    }
    if let Some(from) = run.filter(|from| text.len() - from >= min) {
        out.push((from, text.len()));
    }
    out
}

/// The run of `runs` (in order) that holds byte `at`, if any.
fn run_at(runs: &[(usize, usize)], at: usize) -> Option<(usize, usize)> {
    let after = runs.partition_point(|&(start, _)| start <= at);
    after
        .checked_sub(1)
        .and_then(|k| runs.get(k))
        .copied()
        .filter(|&(_, end)| at <= end)
}

impl<'t> Covered<'t> {
    pub fn new(text: &'t str) -> Covered<'t> {
        Covered {
            text,
            long_blanks: runs(text, char::is_whitespace, LONG),
            flags: runs(text, regional, 8),
            boundaries: RefCell::new(HashMap::new()),
        }
    }

    /// True when byte `at` is a grapheme cluster boundary of the text.
    pub fn on_grapheme_boundary(&self, at: usize) -> bool {
        let text = self.text;
        let before = text.get(..at).and_then(|s| s.chars().next_back());
        let after = text.get(at..).and_then(|s| s.chars().next());
        if before.is_some_and(regional) && after.is_some_and(regional) {
            // Inside a run of flags, a boundary falls after an even number of indicators.
            let (start, _) = run_at(&self.flags, at).unwrap_or((at, at));
            return ((at - start) / '\u{1F1E6}'.len_utf8()) % 2 == 0;
        }
        *self
            .boundaries
            .borrow_mut()
            .entry(at)
            .or_insert_with(|| is_grapheme_boundary(text, at))
    }

    /// True when `stated` is the text from byte `start` to byte `end`, as `check` compares.
    /// A range that is not on character boundaries covers nothing `stated` can be.
    pub fn same(&self, stated: &str, start: usize, end: usize, check: TextCheck) -> bool {
        let Some(found) = self.text.get(start..end) else {
            return false;
        };
        match check {
            TextCheck::Exact => stated == found,
            TextCheck::OneLine => {
                // Line breaks stand as spaces; then the two agree up to trailing white space.
                let one_line = |c: char| if c == '\r' || c == '\n' { ' ' } else { c };
                let (mut s, mut f) = (stated.chars(), found.chars());
                let mut matched = 0;
                loop {
                    let rest = s.as_str();
                    match (s.next(), f.next()) {
                        (Some(a), Some(b)) if one_line(a) == one_line(b) => {
                            matched += b.len_utf8();
                        }
                        _ => {
                            return rest.chars().all(char::is_whitespace)
                                && self.blank(start + matched, end);
                        }
                    }
                }
            }
        }
    }

    /// True when the bytes from `from` to `to` are all white space.
    fn blank(&self, from: usize, to: usize) -> bool {
        if to.saturating_sub(from) <= 2 * LONG {
            return self
                .text
                .get(from..to)
                .is_some_and(|s| s.chars().all(char::is_whitespace));
        }
        // A blank stretch this long lies inside one indexed run.
        let after = self
            .long_blanks
            .partition_point(|&(start, _)| start <= from);
        after
            .checked_sub(1)
            .and_then(|k| self.long_blanks.get(k))
            .is_some_and(|&(_, end)| end >= to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `stated` against the text of `text` from the byte where `covered` starts to its end.
    #[track_caller]
    fn check(text: &str, covered: &str, stated: &str, check: TextCheck, want: bool) {
        let start = text.find(covered).expect("the covered text occurs");
        let got = Covered::new(text).same(stated, start, start + covered.len(), check);
        assert_eq!(got, want, "{stated:?} against {covered:?} in {text:?}");
    }

    #[test]
    fn stated_texts_compare_as_their_format_asks() {
        use TextCheck::{Exact, OneLine};
        let spaces = " ".repeat(300);
        let long = format!("Zürich{spaces}x");
        let tail = format!("Zürich{spaces}");
        check("Merkel said", "Merkel", "Merkel", Exact, true);
        check("Merkel said", "Merkel", "Merkel ", Exact, false);
        check("Merkel said", "Merkel ", "Merkel", Exact, false);
        check("Merkel said", "Merkel ", "Merkel", OneLine, true);
        check("Merkel said", "Merkel", "Merkel ", OneLine, true);
        check("a\r\nb", "a\r\nb", "a  b", OneLine, true);
        check("a\r\nb", "a\r\nb", "a b", OneLine, false);
        check("a\nb", "a\nb", "a b", OneLine, true);
        check("a\nb", "a\nb", "a b", Exact, false);
        check("習近平說 話", "習近平說", "習近平說", Exact, true);
        check("習近平說 話", "習近平說", "習近平", OneLine, false);
        check("قال أردوغان", "أردوغان", "أردوغان", OneLine, true);
        check(
            "👨\u{200d}👩\u{200d}👧 x",
            "👨\u{200d}👩\u{200d}👧",
            "👨",
            OneLine,
            false,
        );
        check("Cafe\u{301}", "Cafe\u{301}", "Cafe", OneLine, false);
        check(&long, &tail, "Zürich", OneLine, true);
        check(&long, &long, "Zürich", OneLine, false);
        check(&long, &tail, "Zürich\n", OneLine, true);
        check(&long, &tail, "Zürich x", OneLine, false);
        check(&tail, &tail, "Zürich", OneLine, true);
        check(
            &format!("a{spaces}b{spaces}"),
            &format!("a{spaces}b"),
            "a",
            OneLine,
            false,
        );
    }

    #[test]
    fn grapheme_boundaries_agree_with_the_model() {
        let flags = "🇨🇭🇩🇪🇫🇷 🇨🇭🇩🇪🇫🇷🇯🇵a";
        let texts = [
            flags,
            "Cafe\u{301} 👨\u{200d}👩\u{200d}👧 👍🏽 習近平 أردوغان a\r\nb",
            "👍\u{301}\u{301}\u{301}\u{200d}👍",
        ];
        for text in texts {
            let covered = Covered::new(text);
            for at in 0..=text.len() {
                assert_eq!(
                    covered.on_grapheme_boundary(at),
                    is_grapheme_boundary(text, at),
                    "byte {at} of {text:?}"
                );
            }
        }
    }

    #[test]
    fn ranges_off_character_boundaries_cover_nothing() {
        let covered = Covered::new("Zürich");
        assert!(!covered.same("Z", 0, 2, TextCheck::Exact), "inside ü");
        assert!(
            !covered.same("Zürich", 0, 99, TextCheck::OneLine),
            "past the end"
        );
    }
}
