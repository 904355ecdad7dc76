//! Batch import: many files (picked, a folder, dropped, or a `.zip`) into documents for the
//! corpus, with every file or line that could not be read listed by name and 1-based line,
//! and documents whose text the corpus (or the batch) already holds flagged. Nothing here
//! changes a corpus: the caller shows [`Batch`] and applies what the user confirms. The
//! command line reads its inputs through the same function.
//!
//! What each file is:
//!
//! - a `.zip` archive: its files, named `<archive>/<path inside>`, each read as below
//!   (archives inside archives are not opened; `__MACOSX/`, `.DS_Store` and `Thumbs.db`
//!   entries are skipped);
//! - `.ann`, with the `.txt` of the same name in the same folder and `annotation.conf` /
//!   `visual.conf` in that folder or one above it: brat;
//! - `.csv`, `.tsv`, `.tab`: a table, one document per row (`format::texts`);
//! - `.txt`: one plain-text document titled by its file name, unless it reads as CoNLL or is
//!   the text of a W3C file of the same name;
//! - anything else: the format its content shows (`format::detect`), or the format the user
//!   chose for the batch; every record of it (`format::multi::import_all`).
//!
//! Limits ([`Limits::APP`], the app's, from `format::limits`), checked before anything is
//! read further ([`BatchError`]): the files together at most `batch_bytes` (unpacked archives
//! count), and the corpus at most `documents` documents after the import. A document longer
//! than `document_bytes` is listed as a fault and left out. The command line reads without
//! limits ([`Limits::NONE`]): they are there for the browser.
//!
//! Ids: a document keeps the id its file gives (or the id derived from its text). An id the
//! corpus or an earlier document of the batch already has gets `-2`, `-3`, … and says so
//! ([`Incoming::renamed_from`]): doccano numbers each file's lines from 1, so two files
//! clash as a rule.

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::corpus::list::DocSummary;
use crate::format::limits::{self, human_size};
use crate::format::multi::{import_all, Fault, Meta, Record};
use crate::format::native::WireSplit;
use crate::format::texts::{delimiter_for, read_table, title_from_file_name};
use crate::format::{FormatKind, Imported};
use crate::model::title::derive_title;
use crate::model::{Document, LabelSet};
use crate::review::align::text_hash_hex;
use files::{classify, companion_of, unpack, Class};

/// The most text one document may hold, in UTF-8 bytes (`format::limits`, as everywhere).
pub const MAX_DOCUMENT_BYTES: usize = limits::MAX_TEXT_BYTES;
/// The most documents a corpus holds.
pub const MAX_DOCUMENTS: usize = limits::MAX_DOCUMENTS;
/// The most bytes one batch may bring, archives counted unpacked.
pub const MAX_BATCH_BYTES: usize = limits::MAX_IMPORT_BYTES;

/// The sizes a batch may reach.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The files together, archives unpacked, in bytes.
    pub batch_bytes: usize,
    /// Documents in the corpus after the import.
    pub documents: usize,
    /// The text of one document, in UTF-8 bytes.
    pub document_bytes: usize,
}

impl Limits {
    /// The app's limits.
    pub const APP: Limits = Limits {
        batch_bytes: MAX_BATCH_BYTES,
        documents: MAX_DOCUMENTS,
        document_bytes: MAX_DOCUMENT_BYTES,
    };
    /// No limits (the command line).
    pub const NONE: Limits = Limits {
        batch_bytes: usize::MAX,
        documents: usize::MAX,
        document_bytes: usize::MAX,
    };
}

/// Choices for a batch.
#[derive(Clone, Debug)]
pub struct BatchOptions<'a> {
    /// The format of every file that is not a table, plain text or brat, when the user chose
    /// one; else each file's format is detected.
    pub kind: Option<FormatKind>,
    /// The column of tables that holds the text; else the column named `text`.
    pub text_column: Option<&'a str>,
    /// The label set of documents that bring none (plain texts, tables).
    pub labels: &'a LabelSet,
    /// The documents already in the corpus (their ids and text hashes).
    pub existing: &'a [DocSummary],
    pub limits: Limits,
}

/// Why a batch is refused as a whole; nothing is imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BatchError {
    /// No file was given.
    NoFiles,
    /// The files (archives unpacked) are larger than the limit.
    TooBig { bytes: usize, limit: usize },
    /// An archive unpacks to more than what is left of the limit.
    ArchiveTooBig { name: String, limit: usize },
    /// The corpus would hold more documents than the limit.
    TooManyDocuments {
        existing: usize,
        incoming: usize,
        limit: usize,
    },
}

impl fmt::Display for BatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BatchError::NoFiles => write!(f, "no file was chosen"),
            BatchError::TooBig { bytes, limit } => write!(
                f,
                "the files come to {}; up to {} can be imported at once: import them in parts",
                human_size(*bytes),
                human_size(*limit)
            ),
            BatchError::ArchiveTooBig { name, limit } => write!(
                f,
                "the archive “{name}” unpacks to more than {} with the other files; up to that can be imported at once: import them in parts",
                human_size(*limit)
            ),
            BatchError::TooManyDocuments {
                existing,
                incoming,
                limit,
            } => write!(
                f,
                "the files hold {incoming} documents and the corpus has {existing}; a corpus holds at most {limit}, so nothing was imported"
            ),
        }
    }
}

/// A document the corpus already holds the text of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Duplicate {
    /// The same text as this corpus document.
    InCorpus { id: String },
    /// The same text as an earlier document of this batch (its index in [`Batch::documents`]).
    InBatch { index: usize },
}

/// One document of the batch.
#[derive(Clone, Debug)]
pub struct Incoming {
    /// The document as read, with what its import left out and any offset repair on offer.
    pub imported: Imported,
    pub meta: Meta,
    /// The file it came from, and the 1-based line where the format has lines.
    pub file: String,
    pub line: Option<usize>,
    /// SHA-256 of the text, hex.
    pub hash: String,
    pub duplicate: Option<Duplicate>,
    /// The id the file gave, when the corpus or the batch already had it.
    pub renamed_from: Option<String>,
}

impl Incoming {
    pub fn doc(&self) -> &Document {
        &self.imported.doc
    }

    /// Takes the offered offset repair (see `format::Repair`), if there is one.
    pub fn apply_repair(&mut self) -> bool {
        match self.imported.repair.take() {
            Some(r) => {
                self.imported = *r.imported_if_applied;
                true
            }
            None => false,
        }
    }
}

/// What a batch holds, for the user to confirm.
#[derive(Clone, Debug, Default)]
pub struct Batch {
    pub documents: Vec<Incoming>,
    /// Files and lines that could not be read, in file order.
    pub faults: Vec<Fault>,
    /// The split a native file of a dataset export says it holds.
    pub split: Option<WireSplit>,
}

impl Batch {
    /// How many documents are new (not duplicates).
    pub fn new_documents(&self) -> usize {
        self.documents
            .iter()
            .filter(|d| d.duplicate.is_none())
            .count()
    }

    pub fn duplicates(&self) -> usize {
        self.documents.len() - self.new_documents()
    }
}

fn fault(file: &str, line: Option<usize>, message: String) -> Fault {
    Fault {
        file: file.to_string(),
        line,
        document: None,
        message,
    }
}

/// Reads a batch of files (`(name, bytes)`); see the module docs.
pub fn read_batch(files: &[(String, Vec<u8>)], opts: &BatchOptions) -> Result<Batch, BatchError> {
    if files.is_empty() {
        return Err(BatchError::NoFiles);
    }
    let (texts, mut faults) = unpack(files, opts.limits.batch_bytes)?;
    let classes = classify(&texts, opts.kind, &mut faults);
    let order: HashMap<&str, usize> = texts
        .iter()
        .enumerate()
        .map(|(i, (n, _))| (n.as_str(), i))
        .collect();
    let mut records: Vec<Record> = Vec::new();
    let mut split = None;
    // Formats read per kind in one go (brat and W3C pair files up); companions go along.
    for kind in FormatKind::ALL {
        if !classes.contains(&Some(Class::Format(kind))) {
            continue;
        }
        let group: Vec<(String, String)> = texts
            .iter()
            .zip(&classes)
            .filter(|((n, _), c)| {
                **c == Some(Class::Format(kind)) || (c.is_none() && companion_of(kind, n))
            })
            .map(|(f, _)| f.clone())
            .collect();
        let read = import_all(kind, &group);
        records.extend(read.records);
        faults.extend(read.faults);
        split = split.or(read.split);
    }
    for ((name, content), class) in texts.iter().zip(&classes) {
        match class {
            Some(Class::Plain) => {
                let text = content.strip_prefix('\u{feff}').unwrap_or(content);
                let doc = Document::new(&title_from_file_name(name), text, opts.labels.clone());
                records.push(plain_record(doc, Meta::new(), name, None));
            }
            Some(Class::Table) => {
                let delimiter = delimiter_for(name, content);
                match read_table(content, delimiter, opts.text_column) {
                    Ok(table) => {
                        for bad in table.bad {
                            faults.push(fault(name, Some(bad.line), bad.why));
                        }
                        for row in table.rows {
                            let title = row.title.unwrap_or_else(|| derive_title(&row.text));
                            let mut doc = Document::new(&title, &row.text, opts.labels.clone());
                            if let Some(id) = row.id {
                                doc = doc.with_id(&id);
                            }
                            records.push(plain_record(doc, row.meta, name, Some(row.line)));
                        }
                    }
                    Err(e) => faults.push(fault(name, None, e.to_string())),
                }
            }
            _ => {}
        }
    }
    // Back in file order, then line order within a file.
    let at = |file: &str| order.get(file).copied().unwrap_or(usize::MAX);
    crate::model::order::sort_by_key(&mut records, |r| (at(&r.file), r.line.unwrap_or(0)));
    crate::model::order::sort_by_key(&mut faults, |f| (at(&f.file), f.line.unwrap_or(0)));
    let (existing, incoming) = (opts.existing.len(), records.len());
    let limit = opts.limits.documents;
    if existing.saturating_add(incoming) > limit {
        return Err(BatchError::TooManyDocuments {
            existing,
            incoming,
            limit,
        });
    }
    let documents = admit(records, opts, &mut faults);
    Ok(Batch {
        documents,
        faults,
        split,
    })
}

fn plain_record(doc: Document, meta: Meta, file: &str, line: Option<usize>) -> Record {
    Record {
        imported: Imported::clean(doc, 0),
        meta,
        file: file.to_string(),
        line,
    }
}

/// The records as incoming documents: too long ones out (as faults), ids made unique,
/// duplicates flagged.
fn admit(records: Vec<Record>, opts: &BatchOptions, faults: &mut Vec<Fault>) -> Vec<Incoming> {
    let existing = opts.existing;
    let max = opts.limits.document_bytes;
    let mut ids: HashSet<String> = existing.iter().map(|d| d.id.clone()).collect();
    let corpus_hashes: HashMap<&str, &str> = existing
        .iter()
        .map(|d| (d.hash.as_str(), d.id.as_str()))
        .collect();
    let mut batch_hashes: HashMap<String, usize> = HashMap::new();
    let mut out: Vec<Incoming> = Vec::with_capacity(records.len());
    for r in records {
        let bytes = r.imported.doc.text().as_str().len();
        if bytes > max {
            faults.push(fault(
                &r.file,
                r.line,
                format!(
                    "the text is {}; documents up to {} can be imported",
                    human_size(bytes),
                    human_size(max)
                ),
            ));
            continue;
        }
        let hash = text_hash_hex(r.imported.doc.text().as_str());
        let duplicate = match corpus_hashes.get(hash.as_str()) {
            Some(id) => Some(Duplicate::InCorpus { id: id.to_string() }),
            None => batch_hashes
                .get(&hash)
                .map(|&index| Duplicate::InBatch { index }),
        };
        batch_hashes.entry(hash.clone()).or_insert(out.len());
        let mut imported = r.imported;
        let given = imported.doc.id().to_string();
        let mut renamed_from = None;
        if !ids.insert(given.clone()) {
            let mut k = 2;
            let id = loop {
                let candidate = format!("{given}-{k}");
                if ids.insert(candidate.clone()) {
                    break candidate;
                }
                k += 1;
            };
            imported.doc = imported.doc.with_id(&id);
            if let Some(r) = imported.repair.as_mut() {
                r.imported_if_applied.doc = r.imported_if_applied.doc.clone().with_id(&id);
            }
            renamed_from = Some(given);
        }
        out.push(Incoming {
            imported,
            meta: r.meta,
            file: r.file,
            line: r.line,
            hash,
            duplicate,
            renamed_from,
        });
    }
    out
}

mod files;
#[cfg(test)]
mod tests;
