//! Entry point of the annotator's page (`index.html`): marks the start for the benchmark and
//! mounts the root component without the review screens (`view::pages`).

fn main() {
    // "Render after doc ready" in the benchmark is measured from this mark.
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark("app-main");
    }
    article_annotator::view::start(article_annotator::view::pages::ANNOTATOR);
}
