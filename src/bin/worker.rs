//! Entry point of the app's worker (built by Trunk as `worker_loader.js`): serves the page's
//! requests for imports, exports and agreement off the page's thread (`browser::worker`).

fn main() {
    #[cfg(target_arch = "wasm32")]
    article_annotator::browser::worker::serve();
}
