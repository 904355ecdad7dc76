//! The browser's grapheme clusters: `Intl.Segmenter` as the engine of `model::grapheme`, so
//! the page's wasm carries no Unicode segmentation tables of its own. Installed once at
//! start-up, by the page, the review page and the worker, before anything segments.

use std::cell::OnceCell;

use crate::model::offsets::OffsetIndex;

/// What the page says when the browser has no `Intl.Segmenter` (Firefox before 125).
pub const UNSUPPORTED: &str = "This browser cannot run Article Annotator: it has no \
    Intl.Segmenter, which the app needs to keep characters whole. Firefox 125, Chrome 87, \
    Safari 14.1 or later have it.";

thread_local! {
    /// One segmenter for the program (grapheme granularity, the default; no locale changes
    /// grapheme clusters).
    static SEGMENTER: OnceCell<js_sys::Intl::Segmenter> = const { OnceCell::new() };
}

/// Makes the browser's segmenter the engine of `model::grapheme`. `Err` with
/// [`UNSUPPORTED`] when the browser has none; nothing is installed then. Cheap: the segmenter
/// itself is made at its first use, or by [`warm_up`].
pub fn install() -> Result<(), &'static str> {
    let intl = js_sys::Reflect::get(&js_sys::global(), &"Intl".into()).ok();
    let has = intl
        .and_then(|i| js_sys::Reflect::get(&i, &"Segmenter".into()).ok())
        .is_some_and(|s| s.is_function());
    if !has {
        return Err(UNSUPPORTED);
    }
    crate::model::grapheme::install(cluster_at);
    Ok(())
}

/// Makes the segmenter now, in a task of its own, and asks it once. A page's first
/// `Intl.Segmenter` costs Chromium 11 to 26 ms (measured on this project's machines, in a blank
/// page and in the app; the next one costs nothing), so
/// the app makes it once a document is drawn, before anyone selects (`view::warm`), instead of
/// at start-up, where it delayed the first screen, or in the first selection's key.
pub fn warm_up() {
    // Through the model, so the whole path a selection's edge takes (the window, this
    // engine, the offset conversions, the calls out to the browser) has run once.
    let _ = crate::model::grapheme::grapheme_ceil("e\u{301}", 1);
}

/// Calls `f` with the program's segmenter, made on the first call.
fn with_segmenter<T>(f: impl FnOnce(&js_sys::Intl::Segmenter) -> T) -> T {
    SEGMENTER.with(|s| {
        f(s.get_or_init(|| {
            js_sys::Intl::Segmenter::new(&js_sys::Array::new(), &js_sys::Object::new())
        }))
    })
}

/// The engine: the cluster of `window` holding byte `at`, from `Intl.Segmenter`'s
/// `containing`, its UTF-16 range turned back into bytes. Without an answer, the empty range
/// at `at`, which `model::grapheme` reads as one code point, as it reads any answer that does
/// not hold `at`.
pub fn cluster_at(window: &str, at: usize) -> (usize, usize) {
    let index = OffsetIndex::new(window);
    let at16 = index
        .byte_to_utf16(window, at)
        .and_then(|u| u32::try_from(u).ok());
    let found = at16.and_then(|at16| {
        with_segmenter(|s| {
            let data = s.segment(window).containing(at16)?;
            let start = usize::try_from(data.index()).ok()?;
            let len = usize::try_from(data.segment().length()).ok()?;
            Some((
                index.utf16_to_byte(window, start)?,
                index.utf16_to_byte(window, start + len)?,
            ))
        })
    });
    found.unwrap_or((at, at))
}
