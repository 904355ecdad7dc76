//! Caret and selection movement over the article text for keyboard-only annotation: by
//! grapheme, by word, to the line's ends; word snapping of a selection, the word under a
//! double-click, and moving one edge of a span. Positions are code point offsets into the
//! whole text. This module knows nothing of keys, events or the page: the view maps a key
//! to one of these functions and hands the result to the editor.
//!
//! # Words
//!
//! A *word* is a segment between two Unicode word boundaries (UAX #29, as `model::words`
//! finds them) that holds at least one letter
//! or digit — the same test `unicode_words` applies. So white space, punctuation and emoji
//! are never words; "can't", "3.14" and "Azerbaijan’s" are one word each (UAX #29 keeps an
//! apostrophe or a full stop between letters inside the word); "Netherlands-Azerbaijan" is two
//! (a hyphen always separates). The segmentation has no dictionary: every CJK ideograph (and
//! every hiragana) is a word of its own, while a katakana run is one word. Right-to-left text
//! is handled in logical (memory) order: "forward" means towards the end of the text, which
//! on screen is leftwards in Arabic or Hebrew. (Find's whole-word test also takes an
//! apostrophe as a word edge; see `find`. Moving and snapping follow UAX #29 as browsers do.)
//!
//! Word boundaries never fall inside a grapheme cluster. The functions segment only a window
//! around the caret, never the whole article (see `model::words`), which keeps a keypress
//! cheap even in an article pasted as a single 200 KB line.

use super::grapheme::{
    grapheme_ceil, grapheme_floor, next_grapheme_boundary, prev_grapheme_boundary,
};
use super::span::CharRange;
use super::text::ArticleText;
use super::words::{is_word, segment_at, word_backward, word_forward};

/// Which end of a span a resize moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    Start,
    End,
}

/// How far one resize step goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// One grapheme cluster (what the user sees as one character).
    Grapheme,
    /// To the next word edge (see [`resize`]).
    Word,
}

/// Which way a resize step goes, in logical text order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dir {
    /// Towards the start of the text.
    Back,
    /// Towards the end of the text.
    Forward,
}

/// The grapheme boundary after `pos` (the end of the text stays put). A position inside a
/// cluster moves to that cluster's end.
pub fn next_grapheme(text: &ArticleText, pos: usize) -> usize {
    let src = text.as_str();
    let b = byte_at(text, pos);
    if b >= src.len() {
        return text.len_chars();
    }
    char_at(text, next_grapheme_boundary(src, b))
}

/// The grapheme boundary before `pos` (the start stays put). A position inside a cluster
/// moves to that cluster's start.
pub fn prev_grapheme(text: &ArticleText, pos: usize) -> usize {
    let src = text.as_str();
    let b = byte_at(text, pos);
    if b == 0 {
        return 0;
    }
    char_at(text, prev_grapheme_boundary(src, b))
}

/// Ctrl+Right: the end of the first word that ends after `pos` — the end of the word the
/// caret is in, or, from the end of a word or from white space or punctuation, the end of the
/// next word (everything that is not a word is skipped). With no word ahead, the end of the
/// text. This is what browsers on Linux do; Windows stops at the next word's start instead.
pub fn next_word_end(text: &ArticleText, pos: usize) -> usize {
    let b = byte_at(text, pos);
    word_forward(text.as_str(), b, |_, e| e > b).map_or(text.len_chars(), |(_, e)| char_at(text, e))
}

/// Ctrl+Left: the start of the last word that starts before `pos` — the start of the word
/// the caret is in, or, from the start of a word or from white space or punctuation, the
/// start of the previous word. With no word behind, the start of the text.
pub fn prev_word_start(text: &ArticleText, pos: usize) -> usize {
    let b = byte_at(text, pos);
    word_backward(text.as_str(), b, |s, _| s < b).map_or(0, |(s, _)| char_at(text, s))
}

/// Home: the start of the line holding `pos`, a line being the text between two `'\n'`
/// (a lone `'\r'` does not end a line). Lines are logical, not as the page wraps them.
pub fn line_start(text: &ArticleText, pos: usize) -> usize {
    let src = text.as_str();
    char_at(text, line_start_byte(src, byte_at(text, pos)))
}

/// End: the end of the line holding `pos`, before its `"\r\n"` or `'\n'`; the end of the
/// text on the last line. A position between `'\r'` and `'\n'` counts as before the `'\r'`.
pub fn line_end(text: &ArticleText, pos: usize) -> usize {
    let src = text.as_str();
    let b = byte_at(text, pos);
    let end = match src[b..].find('\n') {
        None => src.len(),
        Some(i) if src[..b + i].ends_with('\r') => b + i - 1,
        Some(i) => b + i,
    };
    char_at(text, end)
}

/// Word snapping: widens `range` to whole grapheme clusters, moves its start back to the
/// start of the word it is inside and its end forward to the end of the word it is inside,
/// then trims white space from both ends. An end already on a word edge, or in white space or
/// punctuation, stays. A range that is empty or holds nothing but white space is returned as
/// it is (the caller refuses it as an empty selection); so is one reaching past the text.
/// Each CJK ideograph being a word, snapping never widens inside a run of them.
pub fn snap_to_words(text: &ArticleText, range: CharRange) -> CharRange {
    let src = text.as_str();
    if range.end() > text.len_chars() {
        return range;
    }
    let mut start = grapheme_floor(src, byte_at(text, range.start()));
    let mut end = grapheme_ceil(src, byte_at(text, range.end()));
    if src[start..end].trim().is_empty() {
        return range;
    }
    if let Some((s, _)) = segment_at(src, start).filter(|&(s, seg)| s < start && is_word(seg)) {
        start = s;
    }
    if let Some((s, seg)) = segment_at(src, end).filter(|&(s, seg)| s < end && is_word(seg)) {
        end = s + seg.len();
    }
    let inner = &src[start..end];
    let front = inner.len() - inner.trim_start().len();
    let back = inner.len() - inner.trim_end().len();
    // A space followed by a combining mark is one cluster; trimming the space alone would
    // cut it, so the start goes back to the cluster's start.
    start = grapheme_floor(src, start + front);
    end -= back;
    CharRange::between(char_at(text, start), char_at(text, end))
}

/// The word at `pos`, for a double-click: the word holding the code point that starts at
/// `pos`, else the word that ends at `pos` (a click just after a word's last letter), else
/// `None` (white space, punctuation, emoji, the empty text). Between two adjacent words (two
/// CJK ideographs) the one after `pos` wins.
pub fn word_at(text: &ArticleText, pos: usize) -> Option<CharRange> {
    let src = text.as_str();
    let b = byte_at(text, pos);
    let before = src[..b].char_indices().next_back().map(|(i, _)| i);
    let (s, seg) = segment_at(src, b)
        .filter(|&(_, seg)| is_word(seg))
        .or_else(|| {
            before
                .and_then(|p| segment_at(src, p))
                .filter(|&(_, seg)| is_word(seg))
        })?;
    Some(CharRange::between(
        char_at(text, s),
        char_at(text, s + seg.len()),
    ))
}

/// Moves one edge of a span's `range` by one step, for resizing with the keyboard.
///
/// By grapheme, the edge moves one cluster. By word, each edge moves to the nearest word edge
/// of its own kind strictly beyond it, so that a span stays made of whole words: the start to
/// the start of the previous word (`Back`) or of the next word (`Forward`); the end to the end
/// of the previous word (`Back`) or of the next word (`Forward`). An edge inside a word thus
/// first goes to that word's own edge when moving outwards.
///
/// `None` when the step would leave the span empty or inverted, when there is nothing to move
/// to (the edge of the text, no further word), or when `range` is not within the text: a span
/// can never be resized to empty or past the text.
pub fn resize(
    text: &ArticleText,
    range: CharRange,
    edge: Edge,
    step: Step,
    dir: Dir,
) -> Option<CharRange> {
    let len = text.len_chars();
    if range.end() > len {
        return None;
    }
    let src = text.as_str();
    let at = match edge {
        Edge::Start => range.start(),
        Edge::End => range.end(),
    };
    let b = byte_at(text, at);
    let moved = match (step, dir, edge) {
        (Step::Grapheme, Dir::Back, _) => (at > 0).then(|| prev_grapheme(text, at)),
        (Step::Grapheme, Dir::Forward, _) => (at < len).then(|| next_grapheme(text, at)),
        (Step::Word, Dir::Back, Edge::Start) => {
            word_backward(src, b, |s, _| s < b).map(|(s, _)| char_at(text, s))
        }
        (Step::Word, Dir::Forward, Edge::Start) => {
            word_forward(src, b, |s, _| s > b).map(|(s, _)| char_at(text, s))
        }
        (Step::Word, Dir::Back, Edge::End) => {
            word_backward(src, b, |_, e| e < b).map(|(_, e)| char_at(text, e))
        }
        (Step::Word, Dir::Forward, Edge::End) => {
            word_forward(src, b, |_, e| e > b).map(|(_, e)| char_at(text, e))
        }
    }?;
    let new = match edge {
        Edge::Start => CharRange::new(moved, range.end()),
        Edge::End => CharRange::new(range.start(), moved),
    }?;
    (!new.is_empty()).then_some(new)
}

/// Byte offset of code point `pos`, clamped to the text.
fn byte_at(text: &ArticleText, pos: usize) -> usize {
    text.byte_of(pos.min(text.len_chars()))
        .unwrap_or(text.as_str().len())
}

/// Code point offset of a byte offset that this module found on a code point boundary.
fn char_at(text: &ArticleText, byte: usize) -> usize {
    text.char_of(byte).unwrap_or(text.len_chars())
}

/// Byte offset of the start of the line holding byte `b`.
fn line_start_byte(src: &str, b: usize) -> usize {
    src[..b].rfind('\n').map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::super::words::is_word_boundary;
    use super::*;
    use unicode_segmentation::UnicodeSegmentation;

    /// Splits a string with one `|` (the caret) into the plain text and the caret's code
    /// point offset.
    fn caret(marked: &str) -> (String, usize) {
        let at = marked.find('|').expect("| marks the caret");
        (marked.replacen('|', "", 1), marked[..at].chars().count())
    }

    /// The plain text with `|` at code point `pos`, for failure messages.
    fn with_caret(text: &str, pos: usize) -> String {
        let mut out: String = text.chars().take(pos).collect();
        out.push('|');
        out.extend(text.chars().skip(pos));
        out
    }

    /// `f` moves the caret of `from` to the caret of `to` (same text, `|` marks the caret).
    #[track_caller]
    fn check(f: fn(&ArticleText, usize) -> usize, from: &str, to: &str) {
        let (plain, pos) = caret(from);
        let (plain_to, _) = caret(to);
        assert_eq!(
            plain, plain_to,
            "the two sides of a case must mark the same text"
        );
        let text = ArticleText::new(&plain);
        let got = f(&text, pos);
        assert_eq!(with_caret(&plain, got), to, "from {from:?}");
    }

    /// Splits a string with `[` and `]` into the plain text and the marked range.
    fn marked_range(marked: &str) -> (String, CharRange) {
        let plain: String = marked.chars().filter(|&c| c != '[' && c != ']').collect();
        let at = |m: char| {
            let b = marked.find(m).expect("[ and ] mark the range");
            marked[..b]
                .chars()
                .filter(|&c| c != '[' && c != ']')
                .count()
        };
        (plain, CharRange::between(at('['), at(']')))
    }

    fn with_range(text: &str, r: CharRange) -> String {
        let mut out = String::new();
        for (i, c) in text.chars().enumerate() {
            if i == r.start() {
                out.push('[');
            }
            if i == r.end() {
                out.push(']');
            }
            out.push(c);
        }
        let n = text.chars().count();
        if r.start() == n {
            out.push('[');
        }
        if r.end() == n {
            out.push(']');
        }
        out
    }

    #[track_caller]
    fn check_snap(sel: &str, want: &str) {
        let (plain, range) = marked_range(sel);
        let text = ArticleText::new(&plain);
        assert_eq!(
            with_range(&plain, snap_to_words(&text, range)),
            want,
            "snapping {sel:?}"
        );
    }

    /// `at` marks the click with `|`; `want` marks the expected word with `[` `]`.
    #[track_caller]
    fn check_word(at: &str, want: Option<&str>) {
        let (plain, pos) = caret(at);
        let text = ArticleText::new(&plain);
        let got = word_at(&text, pos).map(|r| with_range(&plain, r));
        assert_eq!(got.as_deref(), want, "double-click at {at:?}");
    }

    #[track_caller]
    fn check_resize(span: &str, edge: Edge, step: Step, dir: Dir, want: Option<&str>) {
        let (plain, range) = marked_range(span);
        let text = ArticleText::new(&plain);
        let got = resize(&text, range, edge, step, dir).map(|r| with_range(&plain, r));
        assert_eq!(
            got.as_deref(),
            want,
            "{edge:?} {dir:?} by {step:?} from {span:?}"
        );
    }

    #[test]
    fn graphemes_forward() {
        let f = next_grapheme;
        check(f, "|Merkel", "M|erkel");
        check(f, "Merkel|", "Merkel|");
        check(f, "|", "|");
        check(f, "a|👨\u{200d}👩\u{200d}👧b", "a👨\u{200d}👩\u{200d}👧|b");
        check(f, "a|👍🏽b", "a👍🏽|b");
        check(f, "a|🇦🇿🇳🇱b", "a🇦🇿|🇳🇱b");
        check(f, "|cafe\u{301}", "c|afe\u{301}");
        check(f, "caf|e\u{301}!", "cafe\u{301}|!");
        check(f, "x|\r\ny", "x\r\n|y");
        check(f, "x|\ty", "x\t|y");
        check(f, "|習近平", "習|近平");
        check(f, "ق|ال", "قا|ل");
        check(f, "|שָׁלוֹם", "שָׁ|לוֹם");
        // Inside a cluster (the DOM can report such a place): to the cluster's end.
        check(f, "a👍|🏽b", "a👍🏽|b");
        check(f, "x\r|\ny", "x\r\n|y");
    }

    #[test]
    fn graphemes_back() {
        let f = prev_grapheme;
        check(f, "Merkel|", "Merke|l");
        check(f, "|Merkel", "|Merkel");
        check(f, "a👨\u{200d}👩\u{200d}👧|b", "a|👨\u{200d}👩\u{200d}👧b");
        check(f, "a👍🏽|b", "a|👍🏽b");
        check(f, "a🇦🇿🇳🇱|b", "a🇦🇿|🇳🇱b");
        check(f, "cafe\u{301}|!", "caf|e\u{301}!");
        check(f, "x\r\n|y", "x|\r\ny");
        check(f, "習近|平", "習|近平");
        check(f, "שָׁל|וֹם", "שָׁ|לוֹם");
        check(f, "a👍|🏽b", "a|👍🏽b");
    }

    #[test]
    fn words_forward() {
        let f = next_word_end;
        check(f, "|Elsever Mammadov spoke", "Elsever| Mammadov spoke");
        check(f, "Elsever| Mammadov spoke", "Elsever Mammadov| spoke");
        check(f, "Els|ever Mammadov", "Elsever| Mammadov");
        check(f, "said|, “Karabakh is", "said, “Karabakh| is");
        check(f, "end.|", "end.|");
        check(f, "end|...  ", "end...  |");
        check(
            f,
            "|Netherlands-Azerbaijan-Turkey",
            "Netherlands|-Azerbaijan-Turkey",
        );
        check(
            f,
            "Netherlands|-Azerbaijan-Turkey",
            "Netherlands-Azerbaijan|-Turkey",
        );
        check(f, "|Azerbaijan’s army", "Azerbaijan’s| army");
        check(f, "|can't stop", "can't| stop");
        check(f, "|3.14 and 2,500", "3.14| and 2,500");
        check(f, "|😀 👍🏽 Obama", "😀 👍🏽 Obama|");
        check(
            f,
            "|👨\u{200d}👩\u{200d}👧 family",
            "👨\u{200d}👩\u{200d}👧 family|",
        );
        check(f, "|cafe\u{301} noir", "cafe\u{301}| noir");
        check(f, "|習近平說", "習|近平說");
        check(f, "習|近平說", "習近|平說");
        check(f, "|ひらがな", "ひ|らがな");
        check(f, "|カタカナ語", "カタカナ|語");
        check(f, "|قال أردوغان اليوم", "قال| أردوغان اليوم");
        check(f, "قال| أردوغان اليوم", "قال أردوغان| اليوم");
        check(f, "|שָׁלוֹם עולם", "שָׁלוֹם| עולם");
        check(f, "line|\r\n\r\nnext one", "line\r\n\r\nnext| one");
        check(f, "|\tindented\tword", "\tindented|\tword");
    }

    #[test]
    fn words_back() {
        let f = prev_word_start;
        check(f, "Elsever Mammadov spoke|", "Elsever Mammadov |spoke");
        check(f, "Elsever Mammadov |spoke", "Elsever |Mammadov spoke");
        check(f, "Elsever Mamma|dov", "Elsever |Mammadov");
        check(f, "|Elsever", "|Elsever");
        check(f, "  ...|", "|  ...");
        check(f, "“Karabakh is Azerbaijan”|", "“Karabakh is |Azerbaijan”");
        check(
            f,
            "Netherlands-Azerbaijan|-Turkey",
            "Netherlands-|Azerbaijan-Turkey",
        );
        check(f, "Azerbaijan’s| army", "|Azerbaijan’s army");
        check(f, "Obama 😀 👍🏽|", "|Obama 😀 👍🏽");
        check(f, "cafe\u{301} noir|", "cafe\u{301} |noir");
        check(f, "習近平說|", "習近平|說");
        check(f, "カタカナ語|", "カタカナ|語");
        check(f, "قال أردوغان| اليوم", "قال |أردوغان اليوم");
        check(f, "שָׁלוֹם עולם|", "שָׁלוֹם |עולם");
        check(f, "one line\r\n\r\n|next", "one |line\r\n\r\nnext");
        check(f, "a\tb\t|c", "a\t|b\tc");
    }

    /// Walking the text with Ctrl+Right stops at every word's end and with Ctrl+Left at every
    /// word's start, as `unicode_word_indices` lists them (the backward segmentation agrees
    /// with the forward one). The text starts and ends with punctuation so that no word
    /// touches its edges, which are stops of their own.
    #[test]
    fn word_moves_are_inverse_stops() {
        let src = "“Karabakh is Azerbaijan”, 習近平說 قال أردوغان\r\n👍🏽 cafe\u{301}-noir 3.14.";
        let text = ArticleText::new(src);
        let n = text.len_chars();
        let mut ends = vec![];
        let mut p = 0;
        while p < n {
            p = next_word_end(&text, p);
            if p < n {
                ends.push(p);
            }
        }
        let mut starts = vec![];
        let mut p = n;
        while p > 0 {
            p = prev_word_start(&text, p);
            if p > 0 {
                starts.push(p);
            }
        }
        starts.reverse();
        let words: Vec<(usize, usize)> = src
            .unicode_word_indices()
            .map(|(b, w)| (text.char_of(b).unwrap(), text.char_of(b + w.len()).unwrap()))
            .collect();
        assert_eq!(starts, words.iter().map(|w| w.0).collect::<Vec<_>>());
        assert_eq!(ends, words.iter().map(|w| w.1).collect::<Vec<_>>());
    }

    /// Segmenting only the window around a position finds exactly the boundaries that
    /// segmenting the whole text does, at every position of text built to trip the rules that
    /// look across characters: letters joined by `.`, `:`, `'` and `’`, numbers with `,` and
    /// `.`, Hebrew with `"`, flags (counted in pairs), ZWJ sequences, marks after spaces and
    /// after ideographs, variation selectors, space runs, CRLF and tabs.
    #[test]
    fn windows_agree_with_whole_text_segmentation() {
        let pieces = [
            "a.b",
            "EU:s",
            "can't",
            "Azerbaijan’s",
            "3.14",
            "2,500",
            "x_1",
            "צה\"ל",
            "🇦🇿🇳🇱🇹🇷",
            "a🇦🇿🇳b",
            "👨\u{200d}👩\u{200d}👧",
            "👍🏽",
            " \u{301}a",
            "e\u{301}",
            "習近平說",
            "習\u{fe0f}近",
            "カタカナ",
            "ひらがな",
            "قال أردوغان",
            "  ",
            "\r\n",
            "\t",
            "\u{200d}",
            "Netherlands-Azerbaijan",
            "“Karabakh”",
            "...",
            "a\u{200b}b",
            "e. g.",
            "1, 2",
            "a\u{200d} b",
            "\u{3000} a",
        ];
        let mut src = String::new();
        for (i, a) in pieces.iter().enumerate() {
            for (j, b) in pieces.iter().enumerate() {
                src.push_str(a);
                src.push_str([" ", "", "\n", "x", "習"][(i + j) % 5]);
                src.push_str(b);
            }
        }
        let whole: std::collections::HashSet<usize> = src
            .split_word_bound_indices()
            .map(|(i, _)| i)
            .chain([src.len()])
            .collect();
        for b in (0..=src.len()).filter(|&b| src.is_char_boundary(b)) {
            let around = || {
                format!(
                    "{:?}|{:?}",
                    src[..b].chars().rev().take(6).collect::<String>(),
                    &src[b..].chars().take(6).collect::<String>()
                )
            };
            assert_eq!(
                is_word_boundary(&src, b),
                whole.contains(&b),
                "at byte {b}: {} (first part reversed)",
                around()
            );
        }
        let text = ArticleText::new(&src);
        let words: Vec<(usize, usize)> = src
            .unicode_word_indices()
            .map(|(b, w)| (text.char_of(b).unwrap(), text.char_of(b + w.len()).unwrap()))
            .collect();
        for pos in 0..=text.len_chars() {
            let end = words
                .iter()
                .find(|w| w.1 > pos)
                .map_or(text.len_chars(), |w| w.1);
            let start = words.iter().rev().find(|w| w.0 < pos).map_or(0, |w| w.0);
            assert_eq!(next_word_end(&text, pos), end, "Ctrl+Right from {pos}");
            assert_eq!(prev_word_start(&text, pos), start, "Ctrl+Left from {pos}");
        }
    }

    #[test]
    fn lines() {
        check(line_start, "one\ntwo th|ree\nfour", "one\n|two three\nfour");
        check(line_start, "one\n|two", "one\n|two");
        check(line_start, "on|e", "|one");
        check(line_start, "one\r\n\r\n|", "one\r\n\r\n|");
        check(line_start, "one\r\nt|wo", "one\r\n|two");
        check(line_start, "👍🏽 a\r\nقال |أردوغان", "👍🏽 a\r\n|قال أردوغان");
        check(line_end, "one\ntw|o\nfour", "one\ntwo|\nfour");
        check(line_end, "o|ne\r\ntwo", "one|\r\ntwo");
        check(line_end, "one|\r\ntwo", "one|\r\ntwo");
        check(line_end, "one\r|\ntwo", "one|\r\ntwo");
        check(line_end, "o|ne", "one|");
        check(line_end, "|\r\n", "|\r\n");
        check(line_end, "a|\rb", "a\rb|");
        check(line_end, "|\tqal\t😀", "\tqal\t😀|");
        check(line_end, "|習近平\n說", "習近平|\n說");
    }

    #[test]
    fn snapping() {
        check_snap("Mer[kel sa]id that", "[Merkel said] that");
        check_snap("Merkel[ said ]that", "Merkel [said] that");
        check_snap("[Merkel] said", "[Merkel] said");
        check_snap("Merkel said[ ]that", "Merkel said[ ]that");
        check_snap("Merkel [] said", "Merkel [] said");
        check_snap("Merkel s[]aid", "Merkel s[]aid");
        check_snap("“Kara[bakh is Azerbaijan]”", "“[Karabakh is Azerbaijan]”");
        check_snap("[“Karabakh is Azerbaijan”]", "[“Karabakh is Azerbaijan”]");
        check_snap(
            "Netherlands-Azer[baijan-Tur]key",
            "Netherlands-[Azerbaijan-Turkey]",
        );
        check_snap("Azer[baijan]’s army", "[Azerbaijan’s] army");
        check_snap("ca[fe]\u{301} noir", "[cafe\u{301}] noir");
        check_snap("go 🇦[🇿 no]w", "go [🇦🇿 now]");
        check_snap("see [👍]🏽 ok", "see [👍🏽] ok");
        check_snap("習[近]平說", "習[近]平說");
        check_snap("قال أرد[وغ]ان اليوم", "قال [أردوغان] اليوم");
        check_snap("end of li[ne\r\n\r\nNe]xt", "end of [line\r\n\r\nNext]");
        check_snap("a\t[b\t]c", "a\t[b]\tc");
        check_snap("Mer]kel sa[id", "[Merkel said]");
    }

    #[test]
    fn snapping_past_the_text_changes_nothing() {
        let text = ArticleText::new("abc");
        let r = CharRange::new(1, 9).unwrap();
        assert_eq!(snap_to_words(&text, r), r);
    }

    #[test]
    fn double_click_words() {
        check_word("Mer|kel said", Some("[Merkel] said"));
        check_word("|Merkel said", Some("[Merkel] said"));
        check_word("Merkel| said", Some("[Merkel] said"));
        check_word("Merkel |said", Some("Merkel [said]"));
        check_word("Merkel said|", Some("Merkel [said]"));
        check_word("Merkel  | said", None);
        check_word("“|Karabakh”", Some("“[Karabakh]”"));
        check_word("a , | b", None);
        check_word("|", None);
        check_word("ok |👍🏽 ok", None);
        check_word(
            "Netherlands-Azer|baijan-Turkey",
            Some("Netherlands-[Azerbaijan]-Turkey"),
        );
        check_word("ca|fe\u{301} noir", Some("[cafe\u{301}] noir"));
        check_word("習近|平說", Some("習近[平]說"));
        check_word("قال أرد|وغان", Some("قال [أردوغان]"));
        check_word("line\r\n|\r\nnext", None);
    }

    #[test]
    fn resizing_by_grapheme() {
        use {Dir::*, Edge::*, Step::Grapheme};
        check_resize(
            "El[sever] spoke",
            Start,
            Grapheme,
            Back,
            Some("E[lsever] spoke"),
        );
        check_resize("[Elsever] spoke", Start, Grapheme, Back, None);
        check_resize(
            "[Elsever] spoke",
            End,
            Grapheme,
            Forward,
            Some("[Elsever ]spoke"),
        );
        check_resize("[Elsever]", End, Grapheme, Forward, None);
        check_resize("[E]lsever", End, Grapheme, Back, None);
        check_resize("[E]lsever", Start, Grapheme, Forward, None);
        check_resize("[Els]ever", Start, Grapheme, Forward, Some("E[ls]ever"));
        check_resize("see [👍🏽] ok", End, Grapheme, Back, None);
        check_resize("see [👍🏽 o]k", End, Grapheme, Back, Some("see [👍🏽 ]ok"));
        check_resize("see 👍🏽[ ok]", Start, Grapheme, Back, Some("see [👍🏽 ok]"));
        check_resize(
            "[a]👨\u{200d}👩\u{200d}👧",
            End,
            Grapheme,
            Forward,
            Some("[a👨\u{200d}👩\u{200d}👧]"),
        );
        check_resize(
            "[caf]e\u{301}",
            End,
            Grapheme,
            Forward,
            Some("[cafe\u{301}]"),
        );
        check_resize("[x]\r\ny", End, Grapheme, Forward, Some("[x\r\n]y"));
        check_resize("[習]近平", End, Grapheme, Forward, Some("[習近]平"));
    }

    #[test]
    fn resizing_by_word() {
        use {Dir::*, Edge::*, Step::Word};
        check_resize(
            "[Elsever] Mammadov spoke",
            End,
            Word,
            Forward,
            Some("[Elsever Mammadov] spoke"),
        );
        check_resize(
            "[Elsever Mammadov] spoke",
            End,
            Word,
            Back,
            Some("[Elsever] Mammadov spoke"),
        );
        check_resize("[Elsever] Mammadov", End, Word, Back, None);
        check_resize(
            "[Elsever Mam]madov",
            End,
            Word,
            Forward,
            Some("[Elsever Mammadov]"),
        );
        check_resize(
            "[Elsever Mam]madov",
            End,
            Word,
            Back,
            Some("[Elsever] Mammadov"),
        );
        check_resize("[Elsever Mammadov]", End, Word, Forward, None);
        check_resize("[Elsever Mammadov] ...", End, Word, Forward, None);
        check_resize(
            "Elsever [Mammadov]",
            Start,
            Word,
            Back,
            Some("[Elsever Mammadov]"),
        );
        check_resize("[Elsever Mammadov]", Start, Word, Back, None);
        check_resize(
            "[Elsever Mammadov]",
            Start,
            Word,
            Forward,
            Some("Elsever [Mammadov]"),
        );
        check_resize("Elsever [Mammadov]", Start, Word, Forward, None);
        check_resize(
            "Elsever Mam[madov]",
            Start,
            Word,
            Back,
            Some("Elsever [Mammadov]"),
        );
        check_resize(
            "“[Karabakh] is Azerbaijan”",
            End,
            Word,
            Forward,
            Some("“[Karabakh is] Azerbaijan”"),
        );
        check_resize("[“Karabakh is Azerbaijan]”", End, Word, Forward, None);
        check_resize(
            "[Netherlands]-Azerbaijan",
            End,
            Word,
            Forward,
            Some("[Netherlands-Azerbaijan]"),
        );
        check_resize("[習]近平", End, Word, Forward, Some("[習近]平"));
        check_resize("قال [أردوغان]", Start, Word, Back, Some("[قال أردوغان]"));
        check_resize(
            "[one]\r\n\r\ntwo",
            End,
            Word,
            Forward,
            Some("[one\r\n\r\ntwo]"),
        );
        check_resize(
            "[cafe\u{301}] 😀 noir",
            End,
            Word,
            Forward,
            Some("[cafe\u{301} 😀 noir]"),
        );
    }

    #[test]
    fn resizing_outside_the_text_is_refused() {
        let text = ArticleText::new("abc");
        let r = CharRange::new(1, 9).unwrap();
        assert_eq!(
            resize(&text, r, Edge::Start, Step::Grapheme, Dir::Back),
            None
        );
    }
}
