//! The browser's word boundaries (`Intl.Segmenter`, the page's engine for the scripts it
//! segments by rule) against `unicode-segmentation` (the native build's): the same segments
//! on multi-script text, on every kind of word the rules join, and on every such code point
//! meeting its neighbours; and the app's word moves with the browser's engine installed.
#![cfg(target_arch = "wasm32")]

use article_annotator::browser::words::{self, by_rule, intl_starts};
use article_annotator::model::caret::{next_word_end, prev_word_start, word_at};
use article_annotator::model::text::ArticleText;
use article_annotator::model::words::crate_starts;
use unicode_segmentation::UnicodeSegmentation;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Pieces the word rules join or split with care (as in `caret`'s window test), in the
/// scripts the browser answers for, and some it does not.
const PIECES: [&str; 31] = [
    "a.b",
    "EU:s",
    "can't",
    "Azerbaijan’s",
    "3.14",
    "2,500",
    "x_1",
    "צה\"ל",
    "ש'",
    "🇦🇿🇳🇱🇹🇷",
    "a🇦🇿🇳b",
    "👨\u{200d}👩\u{200d}👧",
    "👍🏽",
    " \u{301}a",
    "e\u{301}",
    "習近平說",
    "カタカナ",
    "ひらがな",
    "ภาษาไทย",
    "قال أردوغان",
    "नमस्ते दुनिया",
    "Привет, мир",
    "  ",
    "\r\n",
    "\t",
    "Netherlands-Azerbaijan",
    "“Karabakh”",
    "...",
    "a\u{200b}b",
    "U.S.A.",
    "www.example.org",
];

/// The fixtures, and every pair of pieces joined by a space, nothing, a line feed or a letter.
fn texts() -> Vec<String> {
    let mut out = vec![
        include_str!("fixtures/unicode.txt").to_string(),
        include_str!("fixtures/article.txt").to_string(),
    ];
    let mut pairs = String::new();
    for (i, a) in PIECES.iter().enumerate() {
        for (j, b) in PIECES.iter().enumerate() {
            pairs.push_str(a);
            pairs.push_str([" ", "", "\n", "x"][(i + j) % 4]);
            pairs.push_str(b);
            pairs.push('\n');
        }
    }
    out.push(pairs);
    out
}

#[wasm_bindgen_test]
fn the_browser_segments_its_scripts_as_the_crate_does() {
    let mut asked = 0;
    for text in texts() {
        for line in text.split_inclusive('\n') {
            if line.chars().all(by_rule) {
                assert_eq!(intl_starts(line), Some(crate_starts(line)), "{line:?}");
                asked += 1;
            } else {
                assert_eq!(intl_starts(line), None, "{line:?}");
            }
        }
    }
    // The article and most pairs are the browser's to answer.
    assert!(asked > 500, "{asked}");
}

#[wasm_bindgen_test]
fn word_moves_with_the_browsers_engine_are_the_whole_texts() {
    words::install();
    for src in texts() {
        let text = ArticleText::new(&src);
        let spans: Vec<(usize, usize)> = src
            .unicode_word_indices()
            .map(|(b, w)| (text.char_of(b).unwrap(), text.char_of(b + w.len()).unwrap()))
            .collect();
        for pos in 0..=text.len_chars() {
            let end = spans
                .iter()
                .find(|w| w.1 > pos)
                .map_or(text.len_chars(), |w| w.1);
            let start = spans.iter().rev().find(|w| w.0 < pos).map_or(0, |w| w.0);
            assert_eq!(
                next_word_end(&text, pos),
                end,
                "Ctrl+Right from {pos} in {src:?}"
            );
            assert_eq!(
                prev_word_start(&text, pos),
                start,
                "Ctrl+Left from {pos} in {src:?}"
            );
            let holding = spans.iter().find(|w| w.0 <= pos && pos < w.1);
            let ending = spans.iter().find(|w| w.1 == pos);
            let want = holding.or(ending).map(|w| (w.0, w.1));
            assert_eq!(
                word_at(&text, pos).map(|r| (r.start(), r.end())),
                want,
                "double-click at {pos} in {src:?}"
            );
        }
    }
}

#[wasm_bindgen_test]
async fn every_code_point_it_answers_for_meets_its_neighbours_alike() {
    // Each code point the browser answers for, between letters, doubled, between digits and
    // full stops, after a space, before a combining accent and an apostrophe, around colons,
    // a Hebrew letter and quotes, and next to emoji: its word-break class decides every
    // boundary here. One line per code point; a line feed is always a boundary.
    let mut differ = Vec::new();
    let mut checked = 0;
    let all: Vec<char> = (0..=0x10_FFFFu32)
        .filter_map(char::from_u32)
        .filter(|&c| by_rule(c) && c != '\n')
        .collect();
    for part in all.chunks(0x800) {
        // A task per part: the test runner's driver reads the page between them.
        gloo_timers::future::TimeoutFuture::new(0).await;
        let mut text = String::new();
        let mut lines = Vec::new();
        for &c in part {
            let start = text.len();
            text.extend(['a', c, c, 'a', ' ', c, '1', '.', c, '\u{301}', '’', c, 'b']);
            text.extend([
                c, '😀', c, '🏽', c, ':', c, '"', 'ש', c, ':', 'a', '\'', c, '.', 'a',
            ]);
            text.extend(['.', c, '\u{2019}', 'a', '1', ',', c, '\n']);
            lines.push((c, start, text.len()));
        }
        let browser = intl_starts(&text).expect("every code point here is the browser's");
        let native = crate_starts(&text);
        if browser != native {
            for &(c, start, end) in &lines {
                let line = |b: &Vec<usize>| -> Vec<usize> {
                    b.iter()
                        .copied()
                        .filter(|&x| x >= start && x < end)
                        .collect()
                };
                if line(&browser) != line(&native) {
                    differ.push(format!("U+{:04X}", u32::from(c)));
                }
            }
        }
        checked += lines.len();
    }
    assert!(checked > 9_000, "{checked}");
    assert_eq!(differ, Vec::<String>::new());
}
