//! Article Annotator: label entities, claims and quotes in a news article, in the browser.
//!
//! `model` is pure and browser-free, and so is `review` (layers and agreement); `format` holds
//! the wire formats; `view` the Yew components; `browser` everything that touches the page
//! (selection, storage, files).

pub mod browser;
pub mod corpus;
pub mod format;
pub mod model;
pub mod review;
pub mod tasks;
pub mod view;
