//! Browser adapters: everything that touches the page outside Yew's rendering. The DOM
//! selection as code point offsets, browser storage, file download and upload. Called from
//! component callbacks and effects, never from the reducer.

pub mod channel;
pub mod crash;
pub mod db;
pub mod files;
pub mod frame;
pub mod perf;
pub mod quota;
pub mod review_store;
pub mod selection;
pub mod session;
pub mod storage;
pub mod visibility;
pub mod work;
pub mod worker;

/// The page's document; the app never runs without one.
pub fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}
