//! Performance marks for the benchmark (`bench/browser.mjs`): named points on the page's own
//! clock that the benchmark reads back. Nothing in the app reads them; a page without a
//! `performance` object simply gets no marks.
//!
//! With the `measures` feature (`SPLIT=0 trunk build --release --features measures`), [`measure`]
//! also records how long a part of the edit path took as a `performance.measure` entry, which
//! the benchmark prints with `BENCH_PARTS=1`; without it, it compiles to nothing.

/// Sets the performance mark `name` now.
pub fn mark(name: &str) {
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark(name);
    }
}

/// Times what happens until the returned guard is dropped, as the measure `name` (only with
/// the `measures` feature).
#[must_use]
pub fn measure(name: &'static str) -> Measure {
    Measure::start(name)
}

/// A running measure (see [`measure`]).
pub struct Measure {
    #[cfg(feature = "measures")]
    start: Option<(&'static str, f64)>,
}

#[cfg(feature = "measures")]
impl Measure {
    fn start(name: &'static str) -> Measure {
        let now = web_sys::window()
            .and_then(|w| w.performance())
            .map(|p| p.now());
        Measure {
            start: now.map(|t| (name, t)),
        }
    }
}

#[cfg(not(feature = "measures"))]
impl Measure {
    fn start(_: &'static str) -> Measure {
        Measure {}
    }
}

#[cfg(feature = "measures")]
impl Drop for Measure {
    fn drop(&mut self) {
        let Some((name, start)) = self.start else {
            return;
        };
        if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
            // `performance.measure(name, { start, end })` (web-sys has it only as unstable).
            let opts = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&opts, &"start".into(), &start.into());
            let _ = js_sys::Reflect::set(&opts, &"end".into(), &perf.now().into());
            if let Ok(f) = js_sys::Reflect::get(&perf, &"measure".into()) {
                let f: js_sys::Function = wasm_bindgen::JsCast::unchecked_into(f);
                let _ = f.call2(&perf, &name.into(), &opts);
            }
        }
    }
}
