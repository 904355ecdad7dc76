//! Entry point of the review page (`review.html`): the whole app, the review screen and the
//! agreement panel included, opening what the annotator's page sent it to (`view::pages`).

fn main() {
    // "Render after doc ready" in the benchmark is measured from this mark.
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark("app-main");
    }
    article_annotator::view::start(article_annotator::view::review::ALL_PAGES);
}
