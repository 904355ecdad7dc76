//! The browser's word boundaries: `Intl.Segmenter` with word granularity as the engine of
//! `model::words`, for windows of the scripts its rules segment as UAX #29 does; the crate
//! answers for the rest. Installed once at start-up by the page, after the grapheme engine.
//!
//! The browser's segmenter (ICU) splits Han, kana, Thai, Lao, Khmer and Myanmar with a
//! dictionary, where UAX #29 makes each ideograph or hiragana a word and a katakana run one:
//! its answer there is not the one the rest of the app (the command line, the review page,
//! the exports) gives. So the browser is asked only about a window whose every code point is
//! [`by_rule`]: below U+0E00 (Latin to Sinhala), the Latin and Greek extensions, punctuation
//! and symbols (U+1E00 to U+2BFF), variation selectors, emoji and tags (not the joiner).
//! `tests/words.rs` holds its answers to the crate's, on every such code point.

use std::cell::OnceCell;

use wasm_bindgen::JsCast;

use crate::model::offsets::OffsetIndex;

thread_local! {
    /// One word segmenter for the program, for English: no locale tailors word boundaries
    /// then, whatever the browser's language.
    static SEGMENTER: OnceCell<js_sys::Intl::Segmenter> = const { OnceCell::new() };
}

/// Makes the browser's segmenter the engine of `model::words` (the browser has one: the
/// grapheme engine, installed first, refuses to start without it). Cheap: the segmenter is
/// made at its first use, or by [`warm_up`].
pub fn install() {
    crate::model::words::install(starts);
}

/// Makes the segmenter now and asks it once, through the model, so that the first word step
/// or snapped selection does not pay for it.
pub fn warm_up() {
    // No anchor in "warm-up": the window is the whole text, which the engine segments.
    let _ = crate::model::words::is_word_boundary("warm-up", 5);
}

/// The engine: the browser's answer where it segments by rule, else the crate's.
fn starts(window: &str) -> Vec<usize> {
    intl_starts(window).unwrap_or_else(|| crate::model::words::crate_starts(window))
}

/// True for a code point whose script the browser segments by rule, as UAX #29 does. Not the
/// enclosed ideographs (U+1F200 to U+1F2FF), and not the zero-width joiner: after a letter
/// and a mid-word mark (`b‘` + ZWJ + emoji) the crate keeps the mark with the letter where the
/// browser does not, and the crate is the app's reference.
pub fn by_rule(c: char) -> bool {
    c != '\u{200D}'
        && matches!(c,
            '\0'..='\u{DFF}'
            | '\u{1E00}'..='\u{2BFF}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{1F000}'..='\u{1F1FF}'
            | '\u{1F300}'..='\u{1FAFF}'
            | '\u{E0000}'..='\u{E007F}')
}

/// The segment starts of `window` (bytes) by `Intl.Segmenter`; `None` when a code point of
/// the window is not [`by_rule`] or the browser gave no answer.
///
/// Chromium's rules take the colon and the full stop out of UAX #29's mid-letter classes (so
/// "EU:s" and "U.S.A." would be split at them; "3.14" is kept). The browser is handed the
/// window with each colon as a middle dot (U+00B7, mid-letter) and each full stop as a one dot
/// leader (U+2024, mid-number-or-letter, the full stop's class), each one UTF-16 unit as the
/// character it stands for, so the answer's offsets are the window's.
pub fn intl_starts(window: &str) -> Option<Vec<usize>> {
    if !window.chars().all(by_rule) {
        return None;
    }
    let index = OffsetIndex::new(window);
    let asked: String = window
        .chars()
        .map(|c| match c {
            ':' => '\u{B7}',
            '.' => '\u{2024}',
            c => c,
        })
        .collect();
    with_segmenter(|s| {
        js_sys::Array::from(&s.segment(&asked))
            .iter()
            .map(|d| {
                let d: js_sys::Intl::SegmentData = d.unchecked_into();
                index.utf16_to_byte(window, usize::try_from(d.index()).ok()?)
            })
            .collect()
    })
}

/// Calls `f` with the program's word segmenter, made on the first call.
fn with_segmenter<T>(f: impl FnOnce(&js_sys::Intl::Segmenter) -> T) -> T {
    SEGMENTER.with(|s| {
        f(s.get_or_init(|| {
            let options = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&options, &"granularity".into(), &"word".into());
            js_sys::Intl::Segmenter::new(&js_sys::Array::of1(&"en".into()), &options)
        }))
    })
}
