//! The corpus: many documents, each with a status and metadata, listed, sorted, filtered and
//! searched without reading their texts. Pure like `model`: no browser crate, tested natively;
//! the app's document list and the command line both use it.
//!
//! - [`list`]: the document summaries the list shows, and sorting, filtering and title search
//!   over them.
//! - [`schema`]: the corpus's label set, and adding the labels new documents bring.

pub mod list;
pub mod schema;

pub use list::{DocSummary, ListQuery, SortKey, Status};
