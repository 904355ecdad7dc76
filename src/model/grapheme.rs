//! Grapheme cluster boundaries (UAX #29 extended grapheme clusters): the one place that asks
//! where a user-perceived character begins and ends, so that a selection, a caret step, a
//! block cut or an imported span never splits one.
//!
//! The rules come from an *engine*: natively the `unicode-segmentation` crate; in the
//! browser the browser's own `Intl.Segmenter`, installed at start-up by
//! `browser::graphemes::install` (this module knows no browser crate, only the function it is
//! given). The page then ships no Unicode tables of its own for this: they were 13 KB of its
//! gzipped first paint. On wasm32 nothing else is linked, so a wasm build that segments before
//! installing an engine stops with a message naming the missing call.
//!
//! An engine is asked about a *window*: the text between the nearest [`is_anchor`] places
//! around the position, never the whole article, so a query costs the same in a 2 KB
//! article and in a 200 KB one pasted as a single line. An anchor is a boundary whatever text
//! surrounds it, and no rule looks across it, so the window's clusters are the whole text's
//! (`tests/grapheme_rules.rs`).

use std::sync::OnceLock;

use super::offsets::{char_ceil, char_floor};

/// An engine: the cluster of `window` holding byte `at` (`at < window.len()`, on a code point
/// boundary), as its byte range `(start, end)` within the window, `start <= at < end`.
pub type ClusterAt = fn(window: &str, at: usize) -> (usize, usize);

static ENGINE: OnceLock<ClusterAt> = OnceLock::new();

/// Makes `engine` the one every function here asks. The first call wins; later calls change
/// nothing (an engine is chosen once per program).
pub fn install(engine: ClusterAt) {
    let _ = ENGINE.set(engine);
}

#[cfg(not(target_arch = "wasm32"))]
fn engine() -> ClusterAt {
    *ENGINE.get_or_init(|| cursor_cluster_at)
}

#[cfg(target_arch = "wasm32")]
fn engine() -> ClusterAt {
    *ENGINE
        .get()
        .expect("no grapheme engine: call browser::graphemes::install() at start-up")
}

/// The native engine, on `unicode-segmentation`'s tables (on wasm32 only tests link it, to
/// hold the browser's engine to it).
pub fn cursor_cluster_at(window: &str, at: usize) -> (usize, usize) {
    use unicode_segmentation::GraphemeCursor;
    // One cursor throughout: it keeps what it learnt looking back (a run of regional
    // indicators is counted once).
    let mut cursor = GraphemeCursor::new(at, window.len(), true);
    let start = if cursor.is_boundary(window, 0).unwrap_or(true) {
        at
    } else {
        cursor.prev_boundary(window, 0).ok().flatten().unwrap_or(0)
    };
    let end = cursor
        .next_boundary(window, 0)
        .ok()
        .flatten()
        .unwrap_or(window.len());
    (start, end)
}

/// The cluster of `text` holding byte `b` (`b < text.len()`, on a code point boundary), as a
/// byte range of the whole text.
fn cluster(text: &str, b: usize) -> (usize, usize) {
    cluster_by(engine(), text, b)
}

/// [`cluster`] asking `engine`. The window starts at the anchor before `b`: rules look back,
/// so the window must hold all they may read. Its end need not be an anchor: rules look one
/// code point ahead, so every boundary the engine finds before the window's end is the whole
/// text's. The end is tried close first and moved further only while the cluster reaches it,
/// so a long run without anchors (a line of flags) costs each query its clusters, not the run.
fn cluster_by(engine: ClusterAt, text: &str, b: usize) -> (usize, usize) {
    let from = window_start(text, b);
    let mut reach = 64;
    loop {
        let (to, anchored) = window_end(text, b + 1, reach);
        let window = text.get(from..to).unwrap_or_default();
        let (s, e) = engine(window, b - from);
        // An engine answers within its window; anything else is read as one code point.
        if !(s <= b - from && b - from < e && e <= window.len()) {
            return (b, b + text[b..].chars().next().map_or(1, char::len_utf8));
        }
        if anchored || from + e < to {
            return (from + s, from + e);
        }
        reach *= 4;
    }
}

/// True when `byte` is a grapheme cluster boundary of `text` (its ends included; a byte past
/// the end counts as the end).
pub fn is_grapheme_boundary(text: &str, byte: usize) -> bool {
    if byte == 0 || byte >= text.len() {
        return true;
    }
    if !text.is_char_boundary(byte) {
        return false;
    }
    is_anchor(text, byte) || cluster(text, byte).0 == byte
}

/// The grapheme boundary at or before `byte`.
pub fn grapheme_floor(text: &str, byte: usize) -> usize {
    match holding(text, byte) {
        Some((start, _)) => start,
        None => byte.min(text.len()),
    }
}

/// The grapheme boundary at or after `byte`.
pub fn grapheme_ceil(text: &str, byte: usize) -> usize {
    match holding(text, byte) {
        Some((_, end)) => end,
        None => byte.min(text.len()),
    }
}

/// The cluster that `byte` lies strictly inside, or `None` when `byte` is a boundary: one
/// question to the engine at most, for rounding either way.
fn holding(text: &str, byte: usize) -> Option<(usize, usize)> {
    if byte == 0 || byte >= text.len() {
        return None;
    }
    let b = char_floor(text, byte);
    if b == byte && is_anchor(text, b) {
        return None;
    }
    let (start, end) = cluster(text, b);
    (start != byte).then_some((start, end))
}

/// The grapheme boundary after `byte` (the end of the text stays put); from inside a cluster,
/// that cluster's end.
pub fn next_grapheme_boundary(text: &str, byte: usize) -> usize {
    if byte >= text.len() {
        return text.len();
    }
    cluster(text, char_floor(text, byte)).1
}

/// The grapheme boundary before `byte` (the start stays put); from inside a cluster, that
/// cluster's start.
pub fn prev_grapheme_boundary(text: &str, byte: usize) -> usize {
    let byte = byte.min(text.len());
    if byte == 0 {
        return 0;
    }
    let b = char_floor(text, byte);
    if b < byte {
        // Inside a code point: the cluster holding it.
        return cluster(text, b).0;
    }
    let before = b - text[..b].chars().next_back().map_or(b, char::len_utf8);
    cluster(text, before).0
}

/// True when byte `b` (a code point boundary) is an anchor: a cluster boundary whatever
/// surrounds it, that no rule of UAX #29 looks across. Those are the text's ends, the places
/// around a line feed, a carriage return or a tab (GB3–GB5; not between CR and LF), and the place
/// between two [`inert`] code points. A rule joins two code points only when the second
/// extends (GB9, GB9a: Extend, ZWJ, SpacingMark), the first is Prepend (GB9b), both are
/// Hangul jamo or syllables that combine (GB6–GB8), or the second is an Indic consonant
/// (GB9c), an emoji after a ZWJ (GB11) or a regional indicator (GB12, GB13); and the rules
/// that look back (GB9c, GB11, GB12/13) pass only through extending code points and regional
/// indicators. An inert code point is none of these, so a boundary lies on either side of it
/// and no lookback passes it. The test is conservative: missing an anchor only makes a window
/// larger, never wrong.
fn is_anchor(text: &str, b: usize) -> bool {
    match (text[..b].chars().next_back(), text[b..].chars().next()) {
        (Some(x), Some(y)) => anchor_between(x, y),
        _ => true,
    }
}

/// [`is_anchor`] between code points `x` and `y`.
fn anchor_between(x: char, y: char) -> bool {
    matches!(x, '\n' | '\t')
        || matches!(y, '\r' | '\t')
        || (y == '\n') != (x == '\r')
        || (inert(x) && inert(y))
}

/// A code point that is its own cluster and that no rule joins to a neighbour or looks
/// across: Grapheme_Cluster_Break Other, not Prepend, not Extended_Pictographic, not an Indic
/// consonant (Indic_Conjunct_Break), not a Hangul jamo or syllable. Printable ASCII,
/// the letters of Latin-1, basic Greek and Cyrillic, Hebrew and Arabic letters, kana, CJK
/// ideographs and CJK and full-width punctuation; `inert_code_points_are_plain` checks each
/// against the rules' data.
fn inert(c: char) -> bool {
    matches!(c,
        ' '..='~'
        | '\u{C0}'..='\u{FF}'
        | '\u{391}'..='\u{3A1}' | '\u{3A3}'..='\u{3C9}'
        | '\u{410}'..='\u{44F}'
        | '\u{5D0}'..='\u{5EA}'
        | '\u{621}'..='\u{63A}' | '\u{641}'..='\u{64A}'
        | '\u{3001}'..='\u{3003}' | '\u{300C}'..='\u{300F}'
        | '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}'
        | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{FF01}'..='\u{FF5E}')
}

/// The last anchor at or before byte `b` (a code point boundary).
fn window_start(text: &str, b: usize) -> usize {
    let mut after = text[b..].chars().next();
    for (i, c) in text[..b].char_indices().rev() {
        if let Some(a) = after {
            if anchor_between(c, a) {
                return i + c.len_utf8();
            }
        }
        after = Some(c);
    }
    0
}

/// The first anchor at or after byte `b` (rounded up to a code point boundary) within `reach`
/// bytes, with `true`; else the first code point boundary `reach` bytes or more past `b`,
/// with `false`.
fn window_end(text: &str, b: usize, reach: usize) -> (usize, bool) {
    let p = char_ceil(text, b);
    let mut before = text[..p].chars().next_back();
    for (i, c) in text[p..].char_indices() {
        let at = p + i;
        match before {
            Some(x) if !anchor_between(x, c) => {}
            _ => return (at, true),
        }
        if at >= b + reach {
            return (at, false);
        }
        before = Some(c);
    }
    (text.len(), true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inert_code_points_are_plain() {
        let boundary = |s: &str, at: usize| -> bool {
            let mut c = unicode_segmentation::GraphemeCursor::new(at, s.len(), true);
            c.is_boundary(s, 0).unwrap()
        };
        let ranges = (0u32..0x1_0000)
            .filter_map(char::from_u32)
            .filter(|&c| inert(c));
        let mut n = 0;
        for c in ranges {
            let c = c.to_string();
            // Probes: what comes before c, and what comes after it.
            for before in [
                "a",
                "\u{600}",
                "🇦",
                "😀\u{200D}",
                "क\u{94D}",
                "\u{1100}",
                "\u{AC00}",
            ] {
                let s = format!("{before}{c}");
                let joins = before == "\u{600}";
                assert_eq!(!boundary(&s, before.len()), joins, "{s:?}");
            }
            for after in ["a", "\u{1161}", "\u{11A8}", "\u{1100}"] {
                let s = format!("{c}{after}");
                assert!(boundary(&s, c.len()), "{s:?}");
            }
            n += 1;
        }
        assert!(n > 25_000, "{n}");
    }

    #[test]
    fn steps_go_by_whole_clusters() {
        // a, the family (18 bytes), é (2), CR LF, b.
        let s = "a👨‍👩‍👧é\r\nb";
        let stops: Vec<usize> = std::iter::successors(Some(0), |&b| {
            (b < s.len()).then(|| next_grapheme_boundary(s, b))
        })
        .collect();
        assert_eq!(stops, [0, 1, 19, 21, 23, 24]);
        let back: Vec<usize> = std::iter::successors(Some(s.len()), |&b| {
            (b > 0).then(|| prev_grapheme_boundary(s, b))
        })
        .collect();
        assert_eq!(back, [24, 23, 21, 19, 1, 0]);
        // From inside a code point or a cluster.
        assert_eq!(next_grapheme_boundary(s, 2), 19);
        assert_eq!(prev_grapheme_boundary(s, 2), 1);
        assert_eq!(prev_grapheme_boundary(s, 20), 19);
        assert_eq!(next_grapheme_boundary(s, 99), 24);
        assert_eq!(prev_grapheme_boundary(s, 0), 0);
    }

    #[test]
    fn a_window_is_local_in_a_long_line() {
        let line = "word ".repeat(40_000) + "👍🏽" + &"word ".repeat(40_000);
        let thumb = 200_000;
        // From the last letter before the space to the first letter after the thumb.
        assert_eq!(window_start(&line, thumb + 4), thumb - 1);
        assert_eq!(window_end(&line, thumb + 4, 64), (thumb + 9, true));
        // Without an anchor close by, the end is a guess that the engine's answer checks.
        let flags = "🇨🇭".repeat(100_000);
        assert_eq!(window_end(&flags, 8, 64), (72, false));
        assert_eq!(grapheme_floor(&flags, 200_004), 200_000);
        assert_eq!(grapheme_ceil(&flags, 200_004), 200_008);
        // A cluster longer than the first guess: the end moves on until it holds it.
        let marks = format!("a{}b", "\u{301}".repeat(500));
        assert_eq!(grapheme_ceil(&marks, 3), 1001);
        assert_eq!(next_grapheme_boundary(&marks, 0), 1001);
        assert_eq!(grapheme_floor(&marks, 999), 0);
        assert_eq!(grapheme_floor(&line, thumb + 4), thumb);
        assert_eq!(grapheme_ceil(&line, thumb + 4), thumb + 8);
    }

    #[test]
    fn an_engine_is_held_to_its_window() {
        // An answer that does not hold the byte, or passes the window, is one code point.
        fn past(_: &str, _: usize) -> (usize, usize) {
            (0, usize::MAX)
        }
        fn elsewhere(w: &str, _: usize) -> (usize, usize) {
            (w.len(), w.len())
        }
        let s = "xé\u{301}y";
        assert_eq!(cluster_by(cursor_cluster_at, s, 1), (1, 5));
        assert_eq!(cluster_by(past, s, 1), (1, 3));
        assert_eq!(cluster_by(elsewhere, s, 3), (3, 5));
    }
}
