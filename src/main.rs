//! Entry point of the wasm app: marks the start for the benchmark and mounts the root component.

fn main() {
    // "Render after doc ready" in the benchmark is measured from this mark.
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark("app-main");
    }
    article_annotator::view::start();
}
