//! The browser's grapheme clusters (`Intl.Segmenter`, the page's engine) against
//! `unicode-segmentation` (the native build's): the same boundaries on multi-script text,
//! on every cluster kind the rules join, and on every code point meeting its neighbours.
#![cfg(target_arch = "wasm32")]

use article_annotator::browser::graphemes;
use article_annotator::model::grapheme::{
    cursor_cluster_at, grapheme_ceil, grapheme_floor, is_grapheme_boundary, next_grapheme_boundary,
    prev_grapheme_boundary,
};
use article_annotator::model::offsets::OffsetIndex;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The boundaries of `s` by the native engine over the whole text.
fn native(s: &str) -> Vec<usize> {
    let mut out = vec![0];
    let mut b = 0;
    while b < s.len() {
        b = cursor_cluster_at(s, b).1;
        out.push(b);
    }
    out
}

/// The boundaries of `s` as the app finds them, with the browser's engine.
fn browser(s: &str) -> Vec<usize> {
    (0..=s.len())
        .filter(|&b| is_grapheme_boundary(s, b))
        .collect()
}

#[path = "fixtures/clusters.rs"]
mod clusters;

/// The fixtures and the hard texts.
fn texts() -> impl Iterator<Item = &'static str> {
    [
        include_str!("fixtures/unicode.txt"),
        include_str!("fixtures/article.txt"),
    ]
    .into_iter()
    .chain(clusters::HARD.iter().copied())
}

#[wasm_bindgen_test]
fn the_browser_finds_the_native_boundaries() {
    graphemes::install().unwrap();
    for s in texts() {
        assert_eq!(browser(s), native(s), "{s:?}");
    }
}

#[wasm_bindgen_test]
fn rounding_and_steps_agree() {
    graphemes::install().unwrap();
    for s in texts() {
        let bounds = native(s);
        for b in 0..=s.len() {
            let floor = bounds.iter().rev().find(|&&x| x <= b).copied().unwrap();
            let ceil = bounds.iter().find(|&&x| x >= b).copied().unwrap();
            assert_eq!(grapheme_floor(s, b), floor, "{s:?} at {b}");
            assert_eq!(grapheme_ceil(s, b), ceil, "{s:?} at {b}");
            let next = bounds.iter().find(|&&x| x > b).copied().unwrap_or(s.len());
            let prev = bounds.iter().rev().find(|&&x| x < b).copied().unwrap_or(0);
            assert_eq!(next_grapheme_boundary(s, b), next, "{s:?} at {b}");
            assert_eq!(prev_grapheme_boundary(s, b), prev, "{s:?} at {b}");
        }
    }
}

/// The boundaries of `s` by `Intl.Segmenter` over the whole text at once, in bytes.
fn intl_whole(s: &str) -> Vec<usize> {
    let segmenter = js_sys::Intl::Segmenter::new(&js_sys::Array::new(), &js_sys::Object::new());
    let index = OffsetIndex::new(s);
    let mut out: Vec<usize> = js_sys::Array::from(&segmenter.segment(s))
        .iter()
        .map(|d| {
            let d: js_sys::Intl::SegmentData = d.unchecked_into();
            let at = usize::try_from(d.index()).unwrap();
            index.utf16_to_byte(s, at).unwrap()
        })
        .collect();
    out.push(s.len());
    out
}

#[wasm_bindgen_test]
async fn every_code_point_meets_its_neighbours_alike() {
    // Each code point of the first three planes (surrogates aside) after a letter, doubled,
    // before a combining accent, and around an emoji with a ZWJ: its class decides every
    // boundary here. One line per code point; a line feed is always a boundary.
    let mut differ = Vec::new();
    let mut checked = 0;
    for plane_part in 0..(0x3_0000u32 / 0x1000) {
        // A task per part: the test runner's driver reads the page between them.
        gloo_timers::future::TimeoutFuture::new(0).await;
        let mut text = String::new();
        let mut lines = Vec::new();
        for cp in plane_part * 0x1000..(plane_part + 1) * 0x1000 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let start = text.len();
            text.extend(['a', c, c, '\u{301}', c, '\u{200D}', '😀', c, 'a', '\n']);
            lines.push((cp, start, text.len()));
        }
        let (browser, native) = (intl_whole(&text), native(&text));
        if browser != native {
            for &(cp, start, end) in &lines {
                let line = |b: &Vec<usize>| -> Vec<usize> {
                    b.iter()
                        .copied()
                        .filter(|&x| x >= start && x <= end)
                        .collect()
                };
                if line(&browser) != line(&native) {
                    differ.push(format!("U+{cp:04X}"));
                }
            }
        }
        checked += lines.len();
    }
    assert!(checked > 190_000, "{checked}");
    assert_eq!(differ, Vec::<String>::new());
}
