//! Article Annotator: label entities, claims and quotes in a news article, in the browser.
//!
//! `model` is pure and browser-free; `format` holds the wire formats; `view` the Yew
//! components; `browser` everything that touches the page (selection, storage, files).

pub mod browser;
pub mod format;
pub mod model;
pub mod view;
