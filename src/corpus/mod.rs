//! The corpus: many documents, each with a status and metadata, listed, sorted, filtered and
//! searched without reading their texts. Pure like `model`: no browser crate, tested natively;
//! the app's document list and the command line both use it.
//!
//! - [`list`]: the document summaries the list shows, and sorting, filtering and title search
//!   over them.

pub mod list;

pub use list::{DocSummary, ListQuery, SortKey, Status};
