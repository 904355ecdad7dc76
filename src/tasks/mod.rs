//! Work done in the worker, away from the page's thread: reading a batch of files for the
//! corpus and storing it, writing a dataset export, moving an older version's document in.
//! This module holds the messages between the page and the worker (serde, sent as JSON) and
//! the pure parts of the work; nothing here touches the browser (`browser::worker` carries
//! the messages, `browser::work` does the reading and writing). The page's wasm never links
//! the importers or the exporters: only the worker's does, loaded the first time it is asked.

pub mod summary;

use serde::{Deserialize, Serialize};

/// The most records an answer carries: past this, sending them and merging them into the
/// page's list would hold the page longer than reading the list again from the store.
pub const RECORDS_AT_MOST: usize = 1000;

pub use summary::BatchSummary;

/// What the page asks of the worker. Files travel beside the JSON (as `File` objects).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "ask", rename_all = "snake_case")]
pub enum Request {
    /// Are you there (and which version)?
    Ping,
    /// Read the files sent for the corpus and keep what they hold until [`Request::StoreBatch`]
    /// (or another `ReadBatch`); answers [`Answer::BatchRead`].
    ReadBatch {
        /// The format of the files that are not tables, plain texts or brat, by its index in
        /// `FormatKind::ALL`; `None` detects each file's.
        kind: Option<usize>,
        /// The text column of tables; `None` takes the column named `text`.
        text_column: Option<String>,
        /// Take the offset conversion offered for documents whose offsets fit another unit
        /// (the summary then shows the documents as converted).
        #[serde(default)]
        repair: bool,
        /// The corpus's label schema (`format::store::schema_to_json`).
        schema: String,
        /// The annotator name set in this browser: a file naming someone else, for documents
        /// the corpus has, becomes their layer (`review::intake`), stored at once and
        /// answered with [`Answer::LayersStored`].
        #[serde(default)]
        annotator: String,
        /// Every file is a model's suggestions: a suggestions layer named after its source.
        #[serde(default)]
        as_suggestions: bool,
    },
    /// Store the documents of the batch read last; answers [`Answer::Stored`].
    StoreBatch {
        /// Leave out documents whose text the corpus or the batch already holds.
        skip_duplicates: bool,
        /// Take the offset conversion offered for documents whose offsets fit another unit.
        repair: bool,
        schema: String,
    },
    /// Write documents of the corpus as a dataset; answers [`Answer::Exported`] with files.
    Export {
        ids: Vec<String>,
        /// By its index in `FormatKind::ALL`.
        kind: usize,
        utf16: bool,
        name: String,
        /// `[train, dev, test]` weights, seed and stratification, when split.
        split: Option<([u64; 3], u64, bool)>,
        schema: String,
        /// Write each document's reviewed gold layer (with provenance in the native format)
        /// instead of its own spans; documents without a review keep theirs, with a note.
        #[serde(default)]
        gold: bool,
    },
    /// Write one document, given as Article Annotator JSON (the open document as the page
    /// holds it, saved or not), in another format; answers [`Answer::Exported`] with files.
    Convert {
        content: String,
        /// By its index in `FormatKind::ALL`.
        kind: usize,
        utf16: bool,
    },
    /// The label statistics of these documents, from their stored spans; answers
    /// [`Answer::Stats`].
    Stats { ids: Vec<String>, schema: String },
    /// Store the document an older version kept in localStorage (its content, native JSON);
    /// answers [`Answer::Stored`].
    Migrate { content: String, schema: String },
    /// Rewrite the stored documents for an edit of the label schema (`format::relabel`):
    /// `(old, new)` label renames, deleted labels whose spans go, and spans to put back
    /// (`(document id, stored span JSON)`, an undone delete); then store `schema`, the schema
    /// as edited. Answers [`Answer::Relabelled`].
    Relabel {
        renames: Vec<(String, String)>,
        deletes: Vec<String>,
        #[serde(default)]
        restore: Vec<(String, Vec<String>)>,
        /// Attribute values renamed or dropped (an edit of a label's attributes).
        #[serde(default)]
        attrs: Vec<crate::format::relabel::AttrRewrite>,
        schema: String,
    },
    /// Rewrite the stored relations for an edit of the relation types (`format::relink`):
    /// `(old, new)` type renames and deleted types whose relations go; then store `schema`.
    /// With `count_only`, count the relations of the deleted types and change nothing.
    /// Answers [`Answer::Retyped`].
    Retype {
        renames: Vec<(String, String)>,
        deletes: Vec<String>,
        count_only: bool,
        schema: String,
    },
}

/// What the worker answers: progress while working, then one final answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "answer", rename_all = "snake_case")]
pub enum Answer {
    /// How far the work is: `done` of `total` (`what` names the unit: "files", "documents").
    Progress {
        done: usize,
        total: usize,
        what: String,
    },
    Pong {
        version: String,
    },
    /// What a batch holds, for the user to confirm.
    BatchRead {
        summary: BatchSummary,
    },
    /// Documents stored: their records (JSON, `format::store::DocRecord`; none when there are
    /// more than [`RECORDS_AT_MOST`], and the page reads its list again), how many there are,
    /// their spans and the first one's id, the schema as it now is (JSON) and the label names
    /// added to it.
    Stored {
        records: Vec<String>,
        #[serde(default)]
        count: usize,
        #[serde(default)]
        spans: usize,
        #[serde(default)]
        first: Option<String>,
        schema: String,
        added: Vec<String>,
        notes: Vec<String>,
    },
    /// An import stored as layers (and new documents with layers): their records (JSON) and
    /// what came of it in plain words.
    LayersStored {
        records: Vec<String>,
        message: String,
    },
    /// The documents rewritten for a schema edit: their records as now stored (JSON), and
    /// the spans a delete removed, per document (stored span JSON), for an undo.
    Relabelled {
        records: Vec<String>,
        removed: Vec<(String, Vec<String>)>,
    },
    /// The relations of deleted types (counted, or removed) and in how many documents; the
    /// records rewritten (JSON).
    Retyped {
        removed: usize,
        documents: usize,
        records: Vec<String>,
    },
    /// A dataset written (its files come beside the answer): what the format could not carry,
    /// and how many documents each part holds.
    Exported {
        notes: Vec<String>,
        counts: [usize; 3],
    },
    /// The statistics asked for.
    Stats {
        stats: crate::corpus::stats::Stats,
    },
    /// The work failed; the message says why in plain words.
    Failed {
        why: String,
    },
}

/// A final answer and the files that come with it (`(name, bytes)`).
pub type Reply = (Answer, Vec<(String, Vec<u8>)>);

impl Answer {
    /// True for the last answer to a request.
    pub fn is_final(&self) -> bool {
        !matches!(self, Answer::Progress { .. })
    }
}

/// Encodes a message for the other side.
pub fn to_json<T: Serialize>(m: &T) -> String {
    serde_json::to_string(m).unwrap_or_default()
}

/// Decodes a message; `None` for anything that is not one.
pub fn from_json<T: for<'de> Deserialize<'de>>(s: &str) -> Option<T> {
    serde_json::from_str(s).ok()
}

/// The worker's answer to a ping.
pub fn pong() -> Answer {
    Answer::Pong {
        version: env!("CARGO_PKG_VERSION").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_round_trip_and_garbage_is_none() {
        let asks = [
            Request::Ping,
            Request::ReadBatch {
                annotator: "Zoë".into(),
                as_suggestions: true,
                kind: Some(2),
                text_column: Some("texte 😀".into()),
                repair: true,
                schema: "[]".into(),
            },
            Request::Export {
                ids: vec!["d1".into()],
                kind: 1,
                utf16: false,
                name: "корпус".into(),
                split: Some(([80, 10, 10], 7, true)),
                schema: "[]".into(),
                gold: true,
            },
            Request::Convert {
                content: "{}".into(),
                kind: 4,
                utf16: true,
            },
            Request::Relabel {
                renames: vec![("Entity".into(), "Entité 😀".into())],
                deletes: vec!["主張".into()],
                restore: vec![("d1".into(), vec!["{}".into()])],
                attrs: vec![crate::format::relabel::AttrRewrite {
                    label: "Claim".into(),
                    name: "check-worthy".into(),
                    fate: crate::format::relabel::AttrFate::DropValue("unsure".into()),
                }],
                schema: "[]".into(),
            },
        ];
        for r in asks {
            assert_eq!(from_json::<Request>(&to_json(&r)), Some(r));
        }
        let a = Answer::Progress {
            done: 3,
            total: 10,
            what: "fichiers".into(),
        };
        assert_eq!(from_json::<Answer>(&to_json(&a)), Some(a.clone()));
        assert!(!a.is_final());
        assert!(Answer::Failed { why: "x".into() }.is_final());
        assert_eq!(to_json(&Request::Ping), r#"{"ask":"ping"}"#);
        assert_eq!(from_json::<Request>(r#"{"ask":"rm -rf"}"#), None);
        // A request from a page of the version before `repair` still reads.
        assert_eq!(
            from_json::<Request>(
                r#"{"ask":"read_batch","kind":null,"text_column":null,"schema":"[]"}"#
            ),
            Some(Request::ReadBatch {
                kind: None,
                text_column: None,
                repair: false,
                schema: "[]".into(),
                annotator: String::new(),
                as_suggestions: false,
            })
        );
        assert!(matches!(pong(), Answer::Pong { .. }));
    }
}
