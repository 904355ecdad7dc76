//! The corpus: many documents, each with a status and metadata, listed, sorted, filtered and
//! searched without reading their texts; the label schema the user owns; train/dev/test
//! splits; statistics; batch import and dataset export. Pure like `model`: no browser crate,
//! tested natively; the app's corpus screens, its store and the command line all use it.
//!
//! - [`list`]: the document summaries the list shows, and sorting, filtering and title search
//!   over them.
//! - [`schema`], [`colour`]: the corpus's label schema: editing it, adding the labels new
//!   documents bring; a colour-blind-safe palette and a contrast check.
//! - [`split`]: train/dev/test splits by document, reproducible from a seed.
//! - [`stats`]: label statistics (spans, documents, average length; documents without spans).
//! - [`batch`]: batch import of many files (formats, texts, tables, archives), with faults
//!   by file and line, duplicates flagged and the corpus limits.
//! - [`dataset`]: dataset export in any format, whole or split into train/dev/test.

pub mod batch;
pub mod colour;
pub mod dataset;
pub mod list;
pub mod relation_types;
pub mod schema;
pub mod split;
pub mod stats;

pub use list::{DocSummary, ListQuery, SortKey, Status};
pub use schema::{Remap, SchemaEdit, SchemaError};
pub use split::{Part, Proportions, SplitSpec};
pub use stats::{LabelStats, Stats};
