//! Tokens for agreement on tokens: the maximal matches of the Unicode regex `\w+|[^\w\s]`, with
//! `\w` and `\s` exactly as the Rust `regex` crate defines them, and each annotator's tag on
//! each token. Knows nothing of files or reports.
//!
//! `\w` is `regex_syntax::is_word_character` (letters, marks, decimal digits, connector
//! punctuation, the joiners: the same table the `regex` crate compiles `\w` from, without the
//! regex engine); `\s` is the Unicode `White_Space` property, which is `char::is_whitespace`.
//! A native test checks both against the `regex` crate on every code point. `regex-lite` is
//! ASCII-only and Python's `re` differs (it leaves out marks), so neither is used here.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::layer::LayerSpan;
use crate::model::CharRange;

/// True for the characters the `regex` crate's Unicode `\w` matches.
pub fn is_word(c: char) -> bool {
    regex_syntax::is_word_character(c)
}

/// True for the characters the `regex` crate's Unicode `\s` matches (`White_Space`).
pub fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// The tokens of `text` in order, as code point ranges: each run of word characters is one
/// token, each other character that is not white space is a token of its own.
pub fn tokens(text: &str) -> Vec<CharRange> {
    let mut out = Vec::new();
    let mut word_start = None;
    let mut pos = 0;
    for c in text.chars() {
        if is_word(c) {
            word_start.get_or_insert(pos);
        } else {
            if let Some(start) = word_start.take() {
                out.push(CharRange::between(start, pos));
            }
            if !is_space(c) {
                out.push(CharRange::between(pos, pos + 1));
            }
        }
        pos += 1;
    }
    if let Some(start) = word_start {
        out.push(CharRange::between(start, pos));
    }
    out
}

/// Each token's tag for one annotator: the label of the shortest of their spans that contains
/// the whole token (ties: the earliest start, then the label name), `None` (`O`) when no span
/// does. `tokens` are in text order and do not overlap, as [`tokens`] returns them.
pub fn token_tags<'a>(tokens: &[CharRange], spans: &'a [LayerSpan]) -> Vec<Option<&'a str>> {
    // One sweep: spans enter a min-heap (by length, start, label) once they start at or before
    // the token; a span that ends before a token's end can contain no later token either (token
    // ends only grow), so it leaves for good. The heap's top is then the answer: O((T + S) log S)
    // rather than every span for every token.
    let mut by_start: Vec<&LayerSpan> = spans.iter().collect();
    crate::model::order::sort_by_key(&mut by_start, |s| s.start);
    let mut next = by_start.into_iter().peekable();
    let mut active = BinaryHeap::new();
    let mut out = Vec::with_capacity(tokens.len());
    for t in tokens {
        while let Some(s) = next.next_if(|s| s.start <= t.start()) {
            active.push(Reverse((s.len(), s.start, s.label.as_str(), s.end)));
        }
        while active
            .peek()
            .is_some_and(|Reverse((.., end))| *end < t.end())
        {
            active.pop();
        }
        out.push(active.peek().map(|Reverse((_, _, label, _))| *label));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text: &str, want: &[&str]) {
        let chars: Vec<char> = text.chars().collect();
        let got: Vec<String> = tokens(text)
            .iter()
            .map(|r| chars[r.start()..r.end()].iter().collect())
            .collect();
        assert_eq!(got, want, "tokens of {text:?}");
    }

    #[test]
    fn tokens_are_word_runs_and_single_other_characters() {
        check("", &[]);
        check("   \r\n\t", &[]);
        check(
            "Merkel said: \"We will manage.\"",
            &[
                "Merkel", "said", ":", "\"", "We", "will", "manage", ".", "\"",
            ],
        );
        check("a_b c3po", &["a_b", "c3po"]);
        check("Café déjà-vu", &["Café", "déjà", "-", "vu"]);
        // A combining accent is a mark, so it stays inside the word (Python's `re` splits it off).
        check("Cafe\u{301} ok", &["Cafe\u{301}", "ok"]);
        // The zero-width joiner is a word character in `regex`; the emoji around it are not.
        check("👩\u{200d}💻!", &["👩", "\u{200d}", "💻", "!"]);
        check("👍🏽", &["👍", "🏽"]);
        check("習近平說", &["習近平說"]);
        check("مرحبا، عالم", &["مرحبا", "،", "عالم"]);
        check("שלום עולם.", &["שלום", "עולם", "."]);
        check("line1\r\nline2", &["line1", "line2"]);
        check("½ ² Ⅻ ٣", &["½", "²", "Ⅻ", "٣"]);
        check("no\u{a0}break\u{3000}ideo", &["no", "break", "ideo"]);
        check("\u{feff}x", &["\u{feff}", "x"]);
    }

    #[track_caller]
    fn check_tags(spans: &[(usize, usize, &str)], token: (usize, usize), want: Option<&str>) {
        let spans: Vec<LayerSpan> = spans
            .iter()
            .map(|&(s, e, l)| LayerSpan::new(s, e, l))
            .collect();
        let t = CharRange::new(token.0, token.1).unwrap();
        assert_eq!(
            token_tags(&[t], &spans),
            vec![want],
            "{spans:?} on {token:?}"
        );
    }

    #[test]
    fn a_token_takes_the_shortest_containing_span() {
        check_tags(&[], (0, 3), None);
        check_tags(&[(0, 3, "PER")], (0, 3), Some("PER"));
        // Partly covered is not contained.
        check_tags(&[(1, 3, "PER")], (0, 3), None);
        check_tags(&[(0, 2, "PER")], (0, 3), None);
        check_tags(&[(0, 10, "QUOTE"), (0, 3, "PER")], (0, 3), Some("PER"));
        check_tags(&[(0, 10, "QUOTE"), (2, 6, "PER")], (3, 5), Some("PER"));
        // Same length: the earlier start wins, then the smaller label name.
        check_tags(&[(2, 6, "B"), (1, 5, "C")], (3, 5), Some("C"));
        check_tags(&[(1, 5, "B"), (1, 5, "A")], (3, 5), Some("A"));
        check_tags(&[(1, 5, "Zürich"), (1, 5, "Ärger")], (3, 5), Some("Zürich"));
    }

    // The `regex` crate is a native-only dev-dependency: the reference, not part of the app.
    #[test]
    fn tags_of_every_token_in_one_sweep() {
        let text = "Merkel said: \"We will manage.\" Critics at the CDU disagreed.";
        let spans = [
            LayerSpan::new(31, 38, "PER"),
            LayerSpan::new(0, 6, "PER"),
            LayerSpan::new(13, 30, "QUOTE"),
            LayerSpan::new(14, 21, "X"),
            LayerSpan::new(46, 49, "ORG"),
            LayerSpan::new(0, 60, "ALL"),
        ];
        let tags: Vec<&str> = token_tags(&tokens(text), &spans)
            .into_iter()
            .map(|t| t.unwrap_or("O"))
            .collect();
        #[rustfmt::skip]
        let want = ["PER", "ALL", "ALL", "QUOTE", "X", "X", "QUOTE", "QUOTE", "QUOTE", "PER",
                    "ALL", "ALL", "ORG", "ALL", "ALL"];
        assert_eq!(tags, want);
        assert_eq!(token_tags(&tokens(text), &[]), vec![None; 15]);
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn word_and_space_are_the_regex_crates_on_every_code_point() {
        let word = regex::Regex::new(r"^\w$").unwrap();
        let space = regex::Regex::new(r"^\s$").unwrap();
        let mut buf = [0u8; 4];
        let mut words = 0;
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let s = c.encode_utf8(&mut buf);
            assert_eq!(is_word(c), word.is_match(s), "\\w on U+{:04X}", c as u32);
            assert_eq!(is_space(c), space.is_match(s), "\\s on U+{:04X}", c as u32);
            words += usize::from(is_word(c));
        }
        assert!(
            words > 100_000,
            "the Unicode word table is in use ({words})"
        );
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn tokens_are_the_regex_crates_matches_on_multi_script_text() {
        let re = regex::Regex::new(r"\w+|[^\w\s]").unwrap();
        // A deterministic stream of characters from many scripts, spaces and symbols.
        let pool: Vec<char> =
            "aZ0_ éÈ\u{301}\u{308}ßœ 習近平說 مرحبا، שלום ёЖ ΩΣ ไทย हिन्दी 한국어 \u{200d}\u{200c}👩💻👍🏽🏳️‍🌈 .,;:!?\"'«»—–-()[]{}/@#%&*+=<>|~^`$€½²Ⅻ٣\r\n\t\u{a0}\u{3000}\u{2028}\u{85}\u{feff}"
                .chars()
                .collect();
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..400 {
            let mut text = String::new();
            for _ in 0..60 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push(pool[(seed % pool.len() as u64) as usize]);
            }
            let want: Vec<(usize, usize)> = re
                .find_iter(&text)
                .map(|m| {
                    let start = text[..m.start()].chars().count();
                    (start, start + m.as_str().chars().count())
                })
                .collect();
            let got: Vec<(usize, usize)> =
                tokens(&text).iter().map(|r| (r.start(), r.end())).collect();
            assert_eq!(got, want, "tokens of {text:?}");
        }
    }
}
