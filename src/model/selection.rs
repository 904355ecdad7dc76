//! Turning a raw selection (two code point positions, either order) into the range a new
//! span gets: white space trimmed from both ends, and the ends moved outwards so that no
//! grapheme cluster (an emoji with a skin tone, a ZWJ family, a letter with its accents,
//! a CRLF) is ever cut.

use super::grapheme::{grapheme_ceil, grapheme_floor};
use super::span::CharRange;
use super::text::ArticleText;

/// The span range for a selection from `anchor` to `focus` (code points, either order,
/// clamped to the text), or `None` when nothing but white space is selected.
pub fn span_range_for_selection(
    text: &ArticleText,
    anchor: usize,
    focus: usize,
) -> Option<CharRange> {
    let len = text.len_chars();
    let raw = CharRange::between(anchor.min(len), focus.min(len));
    let src = text.as_str();
    let mut start = text.byte_of(raw.start())?;
    let mut end = text.byte_of(raw.end())?;
    // Snap outwards first, so a selection that starts inside a cluster keeps the cluster.
    start = grapheme_floor(src, start);
    end = grapheme_ceil(src, end);
    let inner = &src[start..end];
    let trimmed_front = inner.len() - inner.trim_start().len();
    let trimmed_back = inner.len() - inner.trim_end().len();
    if trimmed_front == inner.len() {
        return None;
    }
    start += trimmed_front;
    end -= trimmed_back;
    // Trimming stops at a non-space character, which always begins a cluster, and white
    // space never extends a cluster; the ends are boundaries again.
    Some(CharRange::between(text.char_of(start)?, text.char_of(end)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `sel` marks the raw selection with `[` and `]` (`]` first when it runs backwards);
    /// `want` is the text the span must cover.
    #[track_caller]
    fn check(sel: &str, want: Option<&str>) {
        let open = sel.find('[').expect("[ marks the anchor");
        let close = sel.find(']').expect("] marks the focus");
        let plain: String = sel.chars().filter(|&c| c != '[' && c != ']').collect();
        let text = ArticleText::new(&plain);
        let to_char = |b: usize| sel[..b].chars().filter(|&c| c != '[' && c != ']').count();
        let (a, f) = (to_char(open), to_char(close));
        let got = span_range_for_selection(&text, a, f).map(|r| text.slice(r).unwrap().to_string());
        assert_eq!(got.as_deref(), want, "selection {sel:?}");
    }

    #[test]
    fn plain_and_backwards() {
        check("Merkel [said] that", Some("said"));
        check("Merkel ]said[ that", Some("said"));
    }

    #[test]
    fn trims_white_space() {
        check("Merkel[ said\t] that", Some("said"));
        check("a[ \r\n ]b", None);
        check("a[]b", None);
        check("end of line[\r\n]Next", None);
    }

    #[test]
    fn crosses_paragraphs() {
        check(
            "First [para.\r\n\r\nSecond] para.",
            Some("para.\r\n\r\nSecond"),
        );
    }

    #[test]
    fn keeps_grapheme_clusters_whole() {
        // Cut inside a ZWJ family: the whole family is kept.
        check(
            "see 👨\u{200d}[👩\u{200d}👧 family]",
            Some("👨\u{200d}👩\u{200d}👧 family"),
        );
        // Cut between a thumb and its skin tone, at the end.
        check("[ok 👍]🏽 fine", Some("ok 👍🏽"));
        // Cut between a letter and its combining accent.
        check("[cafe]\u{301} noir", Some("cafe\u{301}"));
        // Flags are pairs of regional indicators.
        check("go 🇦[🇿 now]", Some("🇦🇿 now"));
    }

    #[test]
    fn cjk_and_rtl() {
        check("習近平[說]話", Some("說"));
        check("قال [أردوغان] اليوم", Some("أردوغان"));
    }

    #[test]
    fn clamps_past_the_end() {
        let text = ArticleText::new("abc");
        assert_eq!(span_range_for_selection(&text, 1, 99), CharRange::new(1, 3));
    }
}
