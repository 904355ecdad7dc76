//! Whole collections of documents in the interchange formats: [`import_all`] reads every
//! document of a set of files (where `super::import_as` opens the first), and
//! [`export_all`] writes many documents into one file per format, with their metadata where
//! the format has a place for it. The batch import and dataset export of `corpus` are built
//! on these two.
//!
//! How each format holds many documents, and where a document's id, title and metadata go:
//!
//! | format | many documents | id | title | metadata |
//! |---|---|---|---|---|
//! | native | `documents` list; the optional top-level `split` | `id` | `title` | `meta` object |
//! | span JSONL | one line each | `id` | `meta.title` | the other keys of `meta` |
//! | doccano | one line each | `id` | `title` | other top-level keys (and a `meta` object on import) |
//! | Label Studio | a list of tasks | `data.doc_id` | `data.title` | other keys of `data` (and the task's `meta` on import) |
//! | brat | a folder with a `.txt`/`.ann` pair each, one `annotation.conf`/`visual.conf` | the file name | not kept | not kept |
//! | W3C | a list of annotation collections | the source IRI | the collection's `label` | not kept |
//! | CoNLL | a `-DOCSTART-` block each | not kept | not kept | not kept |
//!
//! Metadata values are strings; on import a number, boolean, list or object in a metadata
//! field is kept as its JSON text. A key the format already uses (`id`, `text`, `title`, …)
//! is never overwritten by metadata. On import each record runs through its format's own
//! import (all its checks and repairs); a record that cannot be read is a [`Fault`] naming
//! its file and its 1-based line (line formats) or position (list formats), and the other
//! records are kept.

mod read;
mod write;

use std::collections::BTreeMap;
use std::fmt;

pub use read::import_all;
pub use write::{export_all, AllOptions, Entry, ExportedAll};

use super::native::WireSplit;
use super::Imported;

/// A document's metadata: source, url, date, external ids, …, by key.
pub type Meta = BTreeMap<String, String>;

/// One document read from a file.
#[derive(Clone, Debug)]
pub struct Record {
    pub imported: Imported,
    pub meta: Meta,
    /// The file it came from.
    pub file: String,
    /// The 1-based line it starts on, for line-based formats.
    pub line: Option<usize>,
}

/// A part of a file that could not be read; everything else was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fault {
    pub file: String,
    /// The 1-based line, where the format has lines.
    pub line: Option<usize>,
    /// The 1-based position of the document in a list (native, Label Studio, W3C).
    pub document: Option<usize>,
    pub message: String,
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        if let Some(n) = self.document {
            write!(f, ", document {n}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Everything read from a set of files.
#[derive(Clone, Debug, Default)]
pub struct ReadAll {
    pub records: Vec<Record>,
    pub faults: Vec<Fault>,
    /// The split a native file of a dataset export says it belongs to (the first one seen).
    pub split: Option<WireSplit>,
}

#[cfg(test)]
mod tests;
