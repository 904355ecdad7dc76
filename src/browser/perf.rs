//! Performance marks for the benchmark (`bench/browser.mjs`): named points on the page's own
//! clock that the benchmark reads back. Nothing in the app reads them; a page without a
//! `performance` object simply gets no marks.

/// Sets the performance mark `name` now.
pub fn mark(name: &str) {
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark(name);
    }
}
