//! Browser adapters: everything that touches the page outside Yew's rendering. The DOM
//! selection as code point offsets, browser storage, file download and upload. Called from
//! component callbacks and effects, never from the reducer.

pub mod channel;
pub mod crash;
pub mod db;
pub mod digest;
pub mod files;
pub mod frame;
pub mod graphemes;
pub mod perf;
pub mod quota;
pub mod review_store;
pub mod selection;
pub mod session;
pub mod sheet;
pub mod split;
pub mod storage;
pub mod visibility;
pub mod words;
pub mod work;
pub mod worker;

/// The page's document; the app never runs without one.
pub fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

/// `work` as a boxed future, polled through a pointer: its code is not inlined into the caller
/// that awaits it. For work a typical visit never does (a rare job, an import, a journal's
/// replay) awaited inside a future every visit runs (the start-up, the jobs runner), whose
/// code then stays small; the split of the page's wasm (scripts/split.sh) keeps only what a
/// visit runs in the part loaded first.
pub fn out_of_line<'a, T>(
    work: impl std::future::Future<Output = T> + 'a,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = T> + 'a>> {
    Box::pin(work)
}
