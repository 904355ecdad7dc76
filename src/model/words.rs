//! Word boundaries (UAX #29): the one place that asks where the text's word-boundary segments
//! begin, for `caret` (moving by word, snapping a selection, the word under a double-click)
//! and `find` (whole words).
//!
//! As in `grapheme`, the rules come from an *engine*: natively the `unicode-segmentation`
//! crate; in the page `Intl.Segmenter` with word granularity, installed at start-up by
//! `browser::words::install` (this module knows no browser crate, only the function it is
//! given). That engine answers for the scripts the browser segments by rule, as UAX #29 does,
//! and hands the rest (Han, kana, Thai and the other scripts ICU splits with a dictionary) to
//! the crate, which therefore stays linked; a typical visit never runs its word tables, so the
//! page's split leaves them to the second part. An answer that is not a segmentation of its
//! window (out of order, off a code point boundary) is replaced by the crate's.
//!
//! An engine is asked about a *window*: the text between two [`is_anchor`] places, never the
//! whole article. An anchor is a boundary whatever text surrounds it, with the same
//! boundaries on either side whether the text is cut there or not, so a window's segments
//! are the whole text's (`caret`'s `windows_agree_with_whole_text_segmentation`) and a query
//! costs the same in a 2 KB article and in a 200 KB one pasted as a single line.

use std::sync::OnceLock;

use unicode_segmentation::UnicodeSegmentation;

use super::offsets::{char_ceil, char_floor};

/// An engine: the byte offsets where the word-boundary segments of `window` start,
/// ascending, the first 0 (none for the empty window).
pub type SegmentStarts = fn(window: &str) -> Vec<usize>;

static ENGINE: OnceLock<SegmentStarts> = OnceLock::new();

/// Makes `engine` the one every function here asks. The first call wins; later calls change
/// nothing (an engine is chosen once per program). Without one, the crate answers.
pub fn install(engine: SegmentStarts) {
    let _ = ENGINE.set(engine);
}

/// The crate's engine (`unicode_segmentation::split_word_bound_indices`).
pub fn crate_starts(window: &str) -> Vec<usize> {
    window.split_word_bound_indices().map(|(i, _)| i).collect()
}

/// The segment starts of `window` by `engine`, or by the crate when `engine`'s answer is not
/// a segmentation of `window`.
fn starts_by(engine: SegmentStarts, window: &str) -> Vec<usize> {
    let starts = engine(window);
    let whole = starts.first().map_or(window.is_empty(), |&f| f == 0)
        && starts.windows(2).all(|p| p[0] < p[1])
        && starts
            .iter()
            .all(|&b| b < window.len() && window.is_char_boundary(b));
    if whole {
        starts
    } else {
        crate_starts(window)
    }
}

/// The segments of `src[from..to]` (both anchors), as (byte offset in `src`, segment).
fn segments_in(src: &str, from: usize, to: usize) -> Vec<(usize, &str)> {
    let Some(window) = src.get(from..to) else {
        return Vec::new();
    };
    let engine = ENGINE.get().copied().unwrap_or(crate_starts);
    let starts = starts_by(engine, window);
    let ends = starts.iter().skip(1).copied().chain([window.len()]);
    starts
        .iter()
        .zip(ends)
        .map(|(&s, e)| (from + s, window.get(s..e).unwrap_or_default()))
        .collect()
}

/// True for a word segment: one holding a letter or digit (`unicode_words`' test). White
/// space, punctuation and emoji are never words.
pub(crate) fn is_word(segment: &str) -> bool {
    segment.chars().any(char::is_alphanumeric)
}

/// True when byte `b` of `src` is a Unicode word boundary (UAX #29), segmenting only the
/// window of anchors around it.
pub(crate) fn is_word_boundary(src: &str, b: usize) -> bool {
    if b == 0 || b >= src.len() {
        return true;
    }
    if !src.is_char_boundary(b) {
        return false;
    }
    let from = window_start(src, b);
    let to = window_end(src, b);
    from == b || to == b || segments_in(src, from, to).iter().any(|&(s, _)| s == b)
}

/// The word-boundary segment holding byte `b` (start ≤ b < end, `b` on a code point
/// boundary), as (start, segment); `None` at the end of the text.
pub(crate) fn segment_at(src: &str, b: usize) -> Option<(usize, &str)> {
    let next = b + src.get(b..)?.chars().next()?.len_utf8();
    segments_in(src, window_start(src, b), window_end(src, next))
        .into_iter()
        .find(|&(s, seg)| s <= b && b < s + seg.len())
}

/// How far past its start the first window of a walk reaches before its anchor; each next
/// window reaches four times as far, up to [`MAX_REACH`]. Most walks end in the first word.
const FIRST_REACH: usize = 64;
const MAX_REACH: usize = 16 * 1024;

/// The first word (start, end), in bytes, from the window of `b` on, that satisfies `ok`.
pub(crate) fn word_forward(
    src: &str,
    b: usize,
    ok: impl Fn(usize, usize) -> bool,
) -> Option<(usize, usize)> {
    let mut from = window_start(src, b);
    let mut reach = FIRST_REACH;
    while from < src.len() {
        let to = window_end(src, char_ceil(src, from.max(b) + reach));
        let found = segments_in(src, from, to)
            .into_iter()
            .filter(|&(_, seg)| is_word(seg))
            .map(|(s, seg)| (s, s + seg.len()))
            .find(|&(s, e)| ok(s, e));
        if found.is_some() {
            return found;
        }
        from = to;
        reach = (reach * 4).min(MAX_REACH);
    }
    None
}

/// The last word (start, end), in bytes, up to the end of the window of `b`, that
/// satisfies `ok`.
pub(crate) fn word_backward(
    src: &str,
    b: usize,
    ok: impl Fn(usize, usize) -> bool,
) -> Option<(usize, usize)> {
    let mut to = window_end(src, b);
    let mut reach = FIRST_REACH;
    while to > 0 {
        let from = window_start(src, char_floor(src, to.min(b).saturating_sub(reach)));
        let found = segments_in(src, from, to)
            .into_iter()
            .rev()
            .filter(|&(_, seg)| is_word(seg))
            .map(|(s, seg)| (s, s + seg.len()))
            .find(|&(s, e)| ok(s, e));
        if found.is_some() {
            return found;
        }
        to = from;
        reach = (reach * 4).min(MAX_REACH);
    }
    None
}

/// True when byte `b` is an anchor: a word boundary that stays one, with the same
/// boundaries on either side, whether the text is cut there or not. Anchors are the text's
/// ends, the place after a line feed, the place before a space that follows no white space
/// (only WB3d, space × space, joins anything to a space that follows, and no rule looks past
/// one: it is neither a letter, a digit nor mid-word punctuation), and the place between an
/// inert character and a plain one. Inert: ASCII white space or a CJK ideograph, which no UAX #29 rule joins to what
/// follows but marks (WB4), a space run (WB3d) or CR + LF (WB3), and which no rule looks
/// across (WB6, WB7, WB11, WB12 need letters, digits or mid-word punctuation there; WB15/16
/// count regional indicators only). Plain: printable ASCII or a CJK ideograph, so neither a
/// mark, nor a space, nor LF. The test is conservative: it misses anchors (in Thai, say),
/// which only makes a window larger, never wrong. `windows_agree_with_whole_text_segmentation`
/// (in `caret`) checks it against segmenting the whole text.
fn is_anchor(src: &str, b: usize) -> bool {
    let (Some(before), Some(after)) = (src[..b].chars().next_back(), src[b..].chars().next())
    else {
        return true;
    };
    let ideograph = |c: char| matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}');
    before == '\n'
        || (matches!(before, ' ' | '\t' | '\r' | '\u{b}' | '\u{c}') || ideograph(before))
            && (after.is_ascii_graphic() || ideograph(after))
        || after == ' ' && !before.is_whitespace()
}

/// The last anchor at or before byte `b` (a code point boundary).
fn window_start(src: &str, b: usize) -> usize {
    let mut p = b;
    while !is_anchor(src, p) {
        p -= src[..p].chars().next_back().map_or(p, char::len_utf8);
    }
    p
}

/// The first anchor at or after byte `b` (a code point boundary).
fn window_end(src: &str, b: usize) -> usize {
    let mut p = b;
    while !is_anchor(src, p) {
        p += src[p..]
            .chars()
            .next()
            .map_or(src.len() - p, char::len_utf8);
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An engine that cuts after every code point: a segmentation, though not UAX #29's.
    fn every_char(window: &str) -> Vec<usize> {
        window.char_indices().map(|(i, _)| i).collect()
    }

    #[test]
    fn a_segmentation_from_the_engine_is_taken_as_it_is() {
        assert_eq!(starts_by(every_char, "ab’c"), vec![0, 1, 2, 5]);
        assert_eq!(starts_by(every_char, ""), Vec::<usize>::new());
    }

    #[test]
    fn an_answer_that_is_no_segmentation_is_the_crates() {
        fn unordered(_: &str) -> Vec<usize> {
            vec![0, 3, 1]
        }
        fn inside_a_code_point(_: &str) -> Vec<usize> {
            vec![0, 4]
        }
        fn not_from_the_start(_: &str) -> Vec<usize> {
            vec![1]
        }
        fn past_the_end(w: &str) -> Vec<usize> {
            vec![0, w.len()]
        }
        fn nothing(_: &str) -> Vec<usize> {
            Vec::new()
        }
        let window = "can’t stop";
        let crate_answer = crate_starts(window);
        assert_eq!(crate_answer, vec![0, 7, 8]);
        for engine in [
            unordered as SegmentStarts,
            inside_a_code_point,
            not_from_the_start,
            past_the_end,
            nothing,
        ] {
            assert_eq!(starts_by(engine, window), crate_answer);
        }
    }

    #[test]
    fn walks_cross_windows_in_a_long_line() {
        // Words far apart, with runs of punctuation (no anchors) and spaces between them: a
        // walk goes window after window, each reaching further than the last.
        let gap = format!(" {} ", "-".repeat(50_000));
        let src = format!("first{gap}second{gap}third");
        let second = src.find("second").unwrap();
        let third = src.find("third").unwrap();
        assert_eq!(
            word_forward(&src, 5, |s, _| s > 5),
            Some((second, second + 6))
        );
        assert_eq!(
            word_forward(&src, second + 6, |s, _| s > second),
            Some((third, third + 5))
        );
        assert_eq!(
            word_backward(&src, third, |s, _| s < third),
            Some((second, second + 6))
        );
        assert_eq!(word_backward(&src, second, |s, _| s < second), Some((0, 5)));
        assert_eq!(word_backward(&src, 3, |s, _| s > 0), None);
        assert_eq!(word_forward(&src, third, |s, _| s > third), None);
        assert_eq!(segment_at(&src, third + 2), Some((third, "third")));
        assert_eq!(segment_at(&src, src.len()), None);
        assert!(is_word_boundary(&src, second) && !is_word_boundary(&src, second + 1));
    }
}
