//! The corpus store's records: what the browser keeps of each document (IndexedDB, see
//! `browser::db`), and the batches of writes that save one change. Pure: the store adapter
//! writes the strings this module makes and hands back the strings it reads.
//!
//! - `docs`: a [`DocRecord`] per document (JSON): id, title, status, counts, metadata, the text's
//!   SHA-256, its `revision` (moved on by every write, see `model::revision`) and the undo
//!   `cursor`.
//! - `texts`: the text, as is.
//! - `spans`: a [`SpanRecord`] per span (JSON), offsets in code points, the label by name,
//!   its attribute values and note.
//! - `links`: the document's relations, one JSON list of [`WireRelation`] per document
//!   (relations are few beside spans; a change of one rewrites the list, never the spans).
//! - `history`: a [`StepRecord`] per undo step (JSON) under its number; steps numbered up to
//!   the record's `cursor` are done, the ones above are undone (redo). Replacing a whole
//!   document is not written as a step: its history starts afresh.
//!
//! - `layers` and `reviews`: see [`super::store_review`].
//!
//! Saving a change writes the record, the spans that changed (`Document::span_changes`) and
//! the history steps that changed, never the whole document again.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::qualifiers::{
    attrs_from_wire, attrs_to_wire, relation_types_of, WireAttrDef, WireRelation, WireRelationType,
    WireValue,
};
use crate::corpus::DocSummary;
use crate::model::editor::{Edit, HistoryEntry, HISTORY_LIMIT};
use crate::model::{CharRange, Document, Editor, LabelSet, Relation, Span, SpanId};

/// A document's place in the work: shown in the list, filtered on, set by the annotator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    New,
    InProgress,
    Done,
    Reviewed,
    NeedsWork,
}

impl Named for Status {
    const NAMES: &'static [(&'static str, Status)] = &[
        ("new", Status::New),
        ("in_progress", Status::InProgress),
        ("done", Status::Done),
        ("reviewed", Status::Reviewed),
        ("needs_work", Status::NeedsWork),
    ];
}

impl<'de> Deserialize<'de> for Status {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Status, D::Error> {
        by_name(d)
    }
}

/// An enum of unit variants that JSON holds as their names (serde's own form for them, as
/// `rename_all = "snake_case"` writes them), read by looking the name up in a table. Serde's
/// derive for an enum also reads the other forms an enum may take, a kilobyte of code for
/// each, and the page reads one in every record it lists (the code a typical visit runs is
/// downloaded before first paint).
trait Named: Copy + 'static {
    const NAMES: &'static [(&'static str, Self)];
}

/// Reads a [`Named`] enum by its name; any other name, or anything but a string, is an error.
fn by_name<'de, D: serde::Deserializer<'de>, T: Named>(d: D) -> Result<T, D::Error> {
    struct ByName<T>(std::marker::PhantomData<T>);
    impl<T: Named> serde::de::Visitor<'_> for ByName<T> {
        type Value = T;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("one of the names ")?;
            let names: Vec<&str> = T::NAMES.iter().map(|(n, _)| *n).collect();
            f.write_str(&names.join(", "))
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<T, E> {
            T::NAMES
                .iter()
                .find(|(name, _)| *name == v)
                .map(|(_, t)| *t)
                .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(v), &self))
        }
    }
    d.deserialize_str(ByName(std::marker::PhantomData))
}

/// What the store keeps of a document besides its text, spans and history: everything the
/// corpus list shows, so that opening the list reads no text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocRecord {
    pub id: String,
    pub title: String,
    pub revision: u64,
    pub status: Status,
    /// Length of the text in code points.
    pub chars: usize,
    /// Spans per label name.
    pub labels: BTreeMap<String, usize>,
    /// Milliseconds since 1970 (the caller's clock): created, last changed.
    pub created: u64,
    pub updated: u64,
    /// Source, URL, date, external ids: whatever the import brought.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub meta: BTreeMap<String, String>,
    /// SHA-256 of the text, hex: the same text imported twice is flagged, not duplicated.
    pub hash: String,
    /// When the document was moved to the bin (milliseconds), if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub binned: Option<u64>,
    /// The number of the last done undo step (0: none).
    #[serde(default)]
    pub cursor: u64,
    /// The names of the document's layers (other annotators' or a model's spans, kept in the
    /// `layers` store, see `store_review`), so the list can count them without reading them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub layers: Vec<String>,
}

impl DocRecord {
    pub fn to_json(&self) -> String {
        // Plain strings, numbers and maps of them: serialising cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(s: &str) -> Option<DocRecord> {
        serde_json::from_str(s).ok()
    }

    /// Total spans.
    pub fn spans(&self) -> usize {
        self.labels.values().sum()
    }

    /// What the corpus list shows of it.
    pub fn summary(&self) -> DocSummary {
        DocSummary {
            id: self.id.clone(),
            title: self.title.clone(),
            status: self.status.into(),
            chars: self.chars,
            labels: self.labels.clone(),
            created: self.created,
            updated: self.updated,
            hash: self.hash.clone(),
            binned: self.binned,
            layers: self.layers.len(),
            revision: self.revision,
        }
    }

    /// The record of a new document (revision 1, nothing undone), `now` in milliseconds.
    pub fn new(doc: &Document, meta: BTreeMap<String, String>, now: u64) -> DocRecord {
        let hash = crate::review::align::text_hash_hex(doc.text().as_str());
        DocRecord::with_hash(doc, meta, now, hash)
    }

    /// [`DocRecord::new`] with the SHA-256 of the text (64 lowercase hex digits) already
    /// known: the page asks the browser for it (`browser::digest`).
    pub fn with_hash(
        doc: &Document,
        meta: BTreeMap<String, String>,
        now: u64,
        hash: String,
    ) -> DocRecord {
        DocRecord {
            id: doc.id().to_string(),
            title: doc.title().to_string(),
            revision: 1,
            status: if doc.spans().is_empty() {
                Status::New
            } else {
                Status::InProgress
            },
            chars: doc.text().len_chars(),
            labels: label_counts(doc),
            created: now,
            updated: now,
            meta,
            hash,
            binned: None,
            cursor: 0,
            layers: Vec::new(),
        }
    }
}

impl From<Status> for crate::corpus::Status {
    fn from(s: Status) -> Self {
        match s {
            Status::New => crate::corpus::Status::New,
            Status::InProgress => crate::corpus::Status::InProgress,
            Status::Done => crate::corpus::Status::Done,
            Status::Reviewed => crate::corpus::Status::Reviewed,
            Status::NeedsWork => crate::corpus::Status::NeedsWork,
        }
    }
}

impl From<crate::corpus::Status> for Status {
    fn from(s: crate::corpus::Status) -> Self {
        match s {
            crate::corpus::Status::New => Status::New,
            crate::corpus::Status::InProgress => Status::InProgress,
            crate::corpus::Status::Done => Status::Done,
            crate::corpus::Status::Reviewed => Status::Reviewed,
            crate::corpus::Status::NeedsWork => Status::NeedsWork,
        }
    }
}

/// The name under which `meta` keeps the corpus's label schema.
pub const SCHEMA: &str = "schema";

/// One label of the stored schema.
#[derive(Serialize, Deserialize)]
struct SchemaLabel {
    name: String,
    color: String,
    /// The guideline shown with the label.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    description: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    attributes: Vec<WireAttrDef>,
}

/// The stored schema: labels in key order and relation types. Versions before relations
/// stored the list of labels alone, which is still read.
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum SchemaRecord {
    Full {
        labels: Vec<SchemaLabel>,
        relations: Vec<WireRelationType>,
    },
    Labels(Vec<SchemaLabel>),
}

/// The corpus's label set as stored (JSON `{labels: [{name, color, description,
/// attributes}], relations: [{name, pairs}]}`, labels in key order).
pub fn schema_to_json(labels: &LabelSet) -> String {
    let list: Vec<SchemaLabel> = labels
        .iter()
        .map(|(_, l)| SchemaLabel {
            name: l.name.to_string(),
            color: l.color.to_string(),
            description: l.description.to_string(),
            attributes: l.attributes.iter().map(WireAttrDef::of).collect(),
        })
        .collect();
    serde_json::to_string(&SchemaRecord::Full {
        labels: list,
        relations: relation_types_of(labels),
    })
    .unwrap_or_default()
}

/// The stored label set; `None` when it cannot be read. A schema stored before relations
/// existed gets the standard relation types.
pub fn schema_from_json(json: &str) -> Option<LabelSet> {
    let (list, relations) = match serde_json::from_str(json).ok()? {
        SchemaRecord::Full { labels, relations } => (
            labels,
            relations.iter().map(WireRelationType::to_type).collect(),
        ),
        SchemaRecord::Labels(labels) => (labels, crate::model::RelationType::standard()),
    };
    LabelSet::from_specs(
        list.into_iter()
            .map(|l| crate::model::label::LabelSpec {
                name: l.name,
                color: Some(l.color),
                description: l.description,
                attributes: l
                    .attributes
                    .iter()
                    .filter_map(WireAttrDef::to_def)
                    .collect(),
            })
            .collect(),
    )
    .and_then(|set| set.with_relation_types(relations))
    .ok()
}

/// One span as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpanRecord {
    pub id: String,
    pub label: String,
    pub start: usize,
    pub end: usize,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attrs: BTreeMap<String, WireValue>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl SpanRecord {
    pub fn of(span: &Span, labels: &LabelSet) -> SpanRecord {
        SpanRecord {
            id: span.id().to_string(),
            label: labels.name(span.label()).to_string(),
            start: span.start(),
            end: span.end(),
            // Most spans have no values: the conversion waits in the page's second part.
            attrs: if span.attrs().is_empty() {
                BTreeMap::new()
            } else {
                attrs_to_wire(span.attrs())
            },
            note: span.note().map(str::to_string),
        }
    }

    /// The span, when its label is in `labels` and its range is not empty. An attribute
    /// value the label's definition no longer takes (the schema changed) is left out.
    pub fn to_span(&self, labels: &LabelSet) -> Option<Span> {
        let label = labels.by_name(&self.label)?;
        let span = Span::new(
            SpanId::new(&self.id),
            label,
            CharRange::new(self.start, self.end)?,
        )?;
        // Most spans have neither values nor a note: reading them waits in the page's second
        // part (a typical visit never runs it).
        let span = if self.attrs.is_empty() {
            span
        } else {
            span.with_attrs(attrs_from_wire(&self.attrs, labels, label).0)
        };
        Some(match &self.note {
            Some(note) => span.with_note(note),
            None => span,
        })
    }
}

/// A document's relations as stored in `links`.
pub fn relations_to_json(doc: &Document) -> String {
    let list: Vec<WireRelation> = doc.relations().iter().map(WireRelation::of).collect();
    serde_json::to_string(&list).unwrap_or_default()
}

/// Whether a stored `links` value holds any relation, without reading it: a document that
/// never had relations has no value, and one whose relations were all removed has `[]`
/// ([`relations_to_json`]).
pub fn has_relations(json: Option<&str>) -> bool {
    json.is_some_and(|j| j.trim() != "[]")
}

/// The stored relations that fit `doc` (both ends there, a known type), and how many did not
/// or could not be read.
pub fn relations_from_json(json: Option<&str>, doc: &Document) -> (Vec<Relation>, usize) {
    let Some(json) = json else {
        return (Vec::new(), 0);
    };
    let Ok(list) = serde_json::from_str::<Vec<WireRelation>>(json) else {
        return (Vec::new(), 1);
    };
    let total = list.len();
    let kept: Vec<Relation> = list
        .iter()
        .filter_map(WireRelation::to_relation)
        .filter(|r| doc.relation_fits(r))
        .collect();
    let n = kept.len();
    (kept, total - n)
}

/// One undo step as stored: an edit of spans (replacing a document is never stored).
/// Written as one JSON object whose `kind` names the variant; read through [`StepWire`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", try_from = "StepWire")]
pub enum StepRecord {
    Add {
        spans: Vec<SpanRecord>,
    },
    Remove {
        spans: Vec<SpanRecord>,
    },
    Update {
        before: SpanRecord,
        after: SpanRecord,
    },
    /// Spans removed and others added in one step (a review decision).
    Change {
        removed: Vec<SpanRecord>,
        added: Vec<SpanRecord>,
    },
    Link {
        relations: Vec<WireRelation>,
    },
    Unlink {
        relations: Vec<WireRelation>,
    },
    /// Several edits as one step.
    Steps {
        steps: Vec<StepRecord>,
    },
}

impl StepRecord {
    /// `None` for a replaced document, which is not stored.
    pub fn of(edit: &Edit, labels: &LabelSet) -> Option<StepRecord> {
        let all = |s: &[Span]| s.iter().map(|s| SpanRecord::of(s, labels)).collect();
        Some(match edit {
            Edit::Add(s) => StepRecord::Add { spans: all(s) },
            Edit::Remove(s) => StepRecord::Remove { spans: all(s) },
            Edit::Update { before, after } => StepRecord::Update {
                before: SpanRecord::of(before, labels),
                after: SpanRecord::of(after, labels),
            },
            Edit::Change { removed, added } => StepRecord::Change {
                removed: all(removed),
                added: all(added),
            },
            Edit::Replace { .. } => return None,
            Edit::Link(r) => StepRecord::Link {
                relations: r.iter().map(WireRelation::of).collect(),
            },
            Edit::Unlink(r) => StepRecord::Unlink {
                relations: r.iter().map(WireRelation::of).collect(),
            },
            Edit::Steps(steps) => StepRecord::Steps {
                steps: steps
                    .iter()
                    .map(|e| StepRecord::of(e, labels))
                    .collect::<Option<Vec<_>>>()?,
            },
        })
    }

    /// The edit, when every span in it still has a known label.
    pub fn to_edit(&self, labels: &LabelSet) -> Option<Edit> {
        let all = |s: &[SpanRecord]| {
            s.iter()
                .map(|r| r.to_span(labels))
                .collect::<Option<Vec<_>>>()
        };
        Some(match self {
            StepRecord::Add { spans } => Edit::Add(all(spans)?),
            StepRecord::Remove { spans } => Edit::Remove(all(spans)?),
            StepRecord::Update { before, after } => Edit::Update {
                before: before.to_span(labels)?,
                after: after.to_span(labels)?,
            },
            StepRecord::Change { removed, added } => Edit::Change {
                removed: all(removed)?,
                added: all(added)?,
            },
            StepRecord::Link { relations } => Edit::Link(links(relations)?),
            StepRecord::Unlink { relations } => Edit::Unlink(links(relations)?),
            StepRecord::Steps { steps } => Edit::Steps(
                steps
                    .iter()
                    .map(|s| s.to_edit(labels))
                    .collect::<Option<Vec<_>>>()?,
            ),
        })
    }
}

fn links(relations: &[WireRelation]) -> Option<Vec<Relation>> {
    relations.iter().map(WireRelation::to_relation).collect()
}

/// A stored step: its number and its edit.
#[derive(Serialize, Deserialize)]
#[serde(try_from = "StepWire")]
pub(crate) struct NumberedStep {
    pub(crate) number: u64,
    #[serde(flatten)]
    pub(crate) step: StepRecord,
}

/// The kinds of [`StepRecord`], as `kind` names them.
#[derive(Clone, Copy, Debug, PartialEq)]
enum StepKind {
    Add,
    Remove,
    Update,
    Change,
    Link,
    Unlink,
    Steps,
}

impl Named for StepKind {
    const NAMES: &'static [(&'static str, StepKind)] = &[
        ("add", StepKind::Add),
        ("remove", StepKind::Remove),
        ("update", StepKind::Update),
        ("change", StepKind::Change),
        ("link", StepKind::Link),
        ("unlink", StepKind::Unlink),
        ("steps", StepKind::Steps),
    ];
}

impl<'de> Deserialize<'de> for StepKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<StepKind, D::Error> {
        by_name(d)
    }
}

/// A step as read: every field any kind of step has, each optional, then checked against
/// its `kind` ([`StepRecord`]'s `TryFrom`). It reads the same JSON as the tagged enum's own
/// derive would, but in one pass: serde reads an internally tagged enum, and a flattened one
/// (`number` beside it) twice over, through a copy of each value in memory, which took both
/// time and code at every reopening of a document with a history (the code a typical visit
/// runs is downloaded before first paint).
#[derive(Deserialize)]
struct StepWire {
    kind: StepKind,
    number: Option<u64>,
    spans: Option<Vec<SpanRecord>>,
    before: Option<SpanRecord>,
    after: Option<SpanRecord>,
    removed: Option<Vec<SpanRecord>>,
    added: Option<Vec<SpanRecord>>,
    relations: Option<Vec<WireRelation>>,
    steps: Option<Vec<StepWire>>,
}

impl TryFrom<StepWire> for StepRecord {
    type Error = &'static str;

    fn try_from(w: StepWire) -> Result<StepRecord, &'static str> {
        const MISSING: &str = "a field this kind of step needs is missing";
        Ok(match w.kind {
            StepKind::Add => StepRecord::Add {
                spans: w.spans.ok_or(MISSING)?,
            },
            StepKind::Remove => StepRecord::Remove {
                spans: w.spans.ok_or(MISSING)?,
            },
            StepKind::Update => StepRecord::Update {
                before: w.before.ok_or(MISSING)?,
                after: w.after.ok_or(MISSING)?,
            },
            StepKind::Change => StepRecord::Change {
                removed: w.removed.ok_or(MISSING)?,
                added: w.added.ok_or(MISSING)?,
            },
            StepKind::Link => StepRecord::Link {
                relations: w.relations.ok_or(MISSING)?,
            },
            StepKind::Unlink => StepRecord::Unlink {
                relations: w.relations.ok_or(MISSING)?,
            },
            StepKind::Steps => StepRecord::Steps {
                steps: w
                    .steps
                    .ok_or(MISSING)?
                    .into_iter()
                    .map(StepRecord::try_from)
                    .collect::<Result<_, _>>()?,
            },
        })
    }
}

impl TryFrom<StepWire> for NumberedStep {
    type Error = &'static str;

    fn try_from(mut w: StepWire) -> Result<NumberedStep, &'static str> {
        let number = w.number.take().ok_or("a stored step has no number")?;
        Ok(NumberedStep {
            number,
            step: StepRecord::try_from(w)?,
        })
    }
}

/// The newest state of an open document that was not yet written when the page was hidden
/// or closed, kept synchronously in localStorage so that the next start can write it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Journal {
    pub id: String,
    /// The stored revision the state derives from.
    pub base: u64,
    pub status: Status,
    pub title: String,
    pub text: String,
    pub spans: Vec<SpanRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<WireRelation>,
    /// The revision and `updated` time of the record a write on its way when the page was
    /// hidden makes, if it lands: the kept state derives from that write too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub landing: Option<[u64; 2]>,
}

impl Journal {
    /// True when the kept state may go over the stored `record`: the record is the one it
    /// started from, or the one the write on its way made (it landed as the page closed).
    /// Any other record was written by another tab.
    pub fn applies_over(&self, record: &DocRecord) -> bool {
        record.revision == self.base || self.landing == Some([record.revision, record.updated])
    }

    pub fn of(record: &DocRecord, doc: &Document, status: Status) -> Journal {
        Journal {
            id: record.id.clone(),
            base: record.revision,
            status,
            title: doc.title().to_string(),
            text: doc.text().as_str().to_string(),
            spans: doc
                .spans()
                .iter()
                .map(|s| SpanRecord::of(s, doc.labels()))
                .collect(),
            relations: doc.relations().iter().map(WireRelation::of).collect(),
            landing: None,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(s: &str) -> Option<Journal> {
        serde_json::from_str(s).ok()
    }

    /// The kept document with the corpus's labels; `None` when a span does not fit.
    pub fn document(&self, labels: &LabelSet) -> Option<Document> {
        let spans = self
            .spans
            .iter()
            .map(|r| r.to_span(labels))
            .collect::<Option<Vec<_>>>()?;
        let doc = Document::new(&self.title, &self.text, labels.clone())
            .with_id(&self.id)
            .with_spans(spans)
            .ok()?;
        let relations: Vec<Relation> = self
            .relations
            .iter()
            .filter_map(WireRelation::to_relation)
            .filter(|r| doc.relation_fits(r))
            .collect();
        doc.with_relations(relations).ok()
    }
}

/// One change in a [`Batch`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Write {
    /// The document's record (JSON whose `revision` is the batch's new revision).
    Record(String),
    /// The document's text.
    Text(String),
    PutSpan {
        id: String,
        json: String,
    },
    DeleteSpan(String),
    /// Every span of the document.
    ClearSpans,
    /// The document's relations, all of them (JSON, see [`relations_to_json`]).
    PutRelations(String),
    PutStep {
        step: u64,
        json: String,
    },
    DeleteStep(u64),
    /// Every undo step of the document.
    ClearSteps,
    /// One layer of the document, by its name (JSON, see `store_review::LayerRecord`).
    PutLayer {
        name: String,
        json: String,
    },
    /// The document's review (a native file with its review fields, see `store_review`).
    PutReview(String),
    /// The document and everything under it (its layers and review too).
    Delete,
}

/// The changes to one document, written together or not at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Batch {
    pub doc: String,
    /// The revision the writer's copy derives from; `None` for a new document, which must
    /// not exist yet.
    pub base: Option<u64>,
    pub writes: Vec<Write>,
}

/// What the store holds of an open document, as far as this tab knows: the document and the
/// numbers of the history steps written, to tell what the next save must write.
#[derive(Clone, Debug)]
pub struct Saved {
    pub doc: Rc<Document>,
    pub steps: BTreeSet<u64>,
    pub record: DocRecord,
}

fn span_writes(doc: &Document, spans: impl IntoIterator<Item = Span>) -> Vec<Write> {
    spans
        .into_iter()
        .map(|s| {
            let r = SpanRecord::of(&s, doc.labels());
            Write::PutSpan {
                id: r.id.clone(),
                json: serde_json::to_string(&r).unwrap_or_default(),
            }
        })
        .collect()
}

/// The batch that stores a new document (its record, text and spans, no history), and what
/// the store then holds.
pub fn create(doc: &Document, record: DocRecord) -> (Batch, Saved) {
    let mut writes = vec![
        Write::Record(record.to_json()),
        Write::Text(doc.text().as_str().to_string()),
    ];
    writes.extend(span_writes(doc, doc.spans().iter().cloned()));
    if !doc.relations().is_empty() {
        writes.push(Write::PutRelations(relations_to_json(doc)));
    }
    let batch = Batch {
        doc: record.id.clone(),
        base: None,
        writes,
    };
    let saved = Saved {
        doc: Rc::new(doc.clone()),
        steps: BTreeSet::new(),
        record,
    };
    (batch, saved)
}

/// The batch that changes only a document's record (its status, the bin), moving its
/// revision on; and the record as then stored.
pub fn change_record(
    record: &DocRecord,
    change: impl FnOnce(&mut DocRecord),
) -> (Batch, DocRecord) {
    let mut next = record.clone();
    change(&mut next);
    next.revision = record.revision.saturating_add(1);
    let batch = Batch {
        doc: record.id.clone(),
        base: Some(record.revision),
        writes: vec![Write::Record(next.to_json())],
    };
    (batch, next)
}

/// The batch that deletes a document for good (emptying the bin).
pub fn delete(record: &DocRecord) -> Batch {
    Batch {
        doc: record.id.clone(),
        base: Some(record.revision),
        writes: vec![Write::Delete],
    }
}

/// The counts a record shows for a document: spans per label name.
pub fn label_counts(doc: &Document) -> BTreeMap<String, usize> {
    // Counted by label index first: a name (and a map entry) per span cost a string
    // allocation per span on every save, a millisecond at 10,000 spans.
    let mut by_index: Vec<usize> = Vec::new();
    for s in doc.spans().iter() {
        let i = s.label().index();
        if by_index.len() <= i {
            by_index.resize(i + 1, 0);
        }
        if let Some(n) = by_index.get_mut(i) {
            *n += 1;
        }
    }
    // Every span's label is in the set (a document's invariant).
    doc.labels()
        .iter()
        .filter_map(|(id, l)| {
            let n = by_index.get(id.index()).copied().filter(|&n| n > 0)?;
            Some((l.name.to_string(), n))
        })
        .collect()
}

/// The batch that saves `editor` over what the store holds (`saved`), with `record` (the
/// caller's new record: status, times, metadata; its title, counts, revision and cursor come
/// from the editor here), and what the store then holds.
pub fn save(saved: &Saved, editor: &Editor, mut record: DocRecord) -> (Batch, Saved) {
    let doc = editor.doc();
    let mut writes = Vec::new();
    match doc.span_changes(&saved.doc) {
        Some(changes) => {
            writes.extend(
                changes
                    .removed
                    .iter()
                    .map(|id| Write::DeleteSpan(id.to_string())),
            );
            writes.extend(span_writes(doc, changes.put));
            let links = doc.relation_changes(&saved.doc);
            if !links.put.is_empty() || !links.removed.is_empty() {
                writes.push(Write::PutRelations(relations_to_json(doc)));
            }
        }
        None => {
            // Another text (or label set): everything afresh, history included.
            writes.push(Write::Text(doc.text().as_str().to_string()));
            writes.push(Write::ClearSpans);
            writes.extend(span_writes(doc, doc.spans().iter().cloned()));
            writes.push(Write::PutRelations(relations_to_json(doc)));
        }
    }
    let (undo, redo) = editor.history();
    let text_replaced = writes.first().is_some_and(|w| matches!(w, Write::Text(_)));
    // Only span edits since the text was last replaced can be stored.
    let storable: Vec<&Rc<HistoryEntry>> = undo
        .iter()
        .chain(redo.iter().rev())
        .rev()
        .take_while(|e| !matches!(e.edit, Edit::Replace { .. }))
        .collect();
    let keep: BTreeSet<u64> = storable.iter().map(|e| e.number).collect();
    if text_replaced {
        writes.push(Write::ClearSteps);
    } else {
        // In order (a set ordered by number, not by hash: whether a hash table's comparison
        // of keys runs would depend on the page's random hash keys, and so would which code
        // a save needs).
        writes.extend(
            saved
                .steps
                .difference(&keep)
                .copied()
                .map(Write::DeleteStep),
        );
    }
    let written = if text_replaced {
        &BTreeSet::new()
    } else {
        &saved.steps
    };
    for e in storable.iter().rev() {
        if written.contains(&e.number) {
            continue;
        }
        if let Some(step) = StepRecord::of(&e.edit, doc.labels()) {
            let json = serde_json::to_string(&NumberedStep {
                number: e.number,
                step,
            })
            .unwrap_or_default();
            writes.push(Write::PutStep {
                step: e.number,
                json,
            });
        }
    }
    record.revision = saved.record.revision.saturating_add(1);
    record.title = doc.title().to_string();
    record.chars = doc.text().len_chars();
    record.labels = label_counts(doc);
    record.cursor = undo
        .last()
        .filter(|e| !matches!(e.edit, Edit::Replace { .. }))
        .map_or(0, |e| e.number);
    writes.insert(0, Write::Record(record.to_json()));
    let batch = Batch {
        doc: record.id.clone(),
        base: Some(saved.record.revision),
        writes,
    };
    let now = Saved {
        doc: editor.doc_rc(),
        steps: keep,
        record,
    };
    (batch, now)
}

/// A document and its history from what the store gave back: the record, the text, the span
/// records, the relations (`links`, if any) and the step records (JSON strings, as read), with
/// `labels` the corpus's label set. Spans, relations or steps that cannot be read (a label
/// since deleted, a damaged record) are left out and counted.
pub fn load(
    record: DocRecord,
    text: &str,
    spans: &[String],
    links: Option<&str>,
    steps: &[String],
    labels: &LabelSet,
) -> (Editor, Saved, usize) {
    let mut unreadable = 0;
    let parsed: Vec<Span> = spans
        .iter()
        .filter_map(|s| {
            let span = serde_json::from_str::<SpanRecord>(s)
                .ok()
                .and_then(|r| r.to_span(labels));
            unreadable += usize::from(span.is_none());
            span
        })
        .collect();
    let doc = Document::new(&record.title, text, labels.clone()).with_id(&record.id);
    let doc = match doc.clone().with_spans(parsed) {
        Ok(d) => d,
        Err(_) => {
            unreadable += spans.len();
            doc
        }
    };
    let (relations, unfit) = relations_from_json(links, &doc);
    unreadable += unfit;
    // Most documents have none: their set stays the empty one they were made with, and the
    // code that builds a set waits in the page's second part (a typical visit never runs it).
    let doc = if relations.is_empty() {
        doc
    } else {
        doc.clone().with_relations(relations).unwrap_or(doc)
    };
    let mut entries: Vec<Rc<HistoryEntry>> = steps
        .iter()
        .filter_map(|s| {
            let step = serde_json::from_str::<NumberedStep>(s).ok();
            let entry = step.and_then(|n| {
                Some(Rc::new(HistoryEntry {
                    number: n.number,
                    edit: n.step.to_edit(labels)?,
                }))
            });
            unreadable += usize::from(entry.is_none());
            entry
        })
        .collect();
    crate::model::order::sort_by_key(&mut entries, |e| e.number);
    let steps_held: BTreeSet<u64> = entries.iter().map(|e| e.number).collect();
    let (undo, mut redo): (Vec<_>, Vec<_>) =
        entries.into_iter().partition(|e| e.number <= record.cursor);
    redo.reverse();
    let undo_len = undo.len();
    let editor = Editor::with_history(doc, undo, redo);
    let saved = Saved {
        doc: editor.doc_rc(),
        steps: steps_held,
        record,
    };
    debug_assert!(undo_len <= HISTORY_LIMIT || editor.history().0.len() == HISTORY_LIMIT);
    (editor, saved, unreadable)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LabelId;

    const TEXT: &str = "Merkel 😀 sagte „Wir schaffen das“. 習近平 said هذا";

    fn record(id: &str) -> DocRecord {
        DocRecord {
            id: id.into(),
            title: "Żółć".into(),
            revision: 0,
            status: Status::New,
            chars: 0,
            labels: BTreeMap::new(),
            created: 1,
            updated: 1,
            meta: BTreeMap::from([("url".into(), "https://example.org/ä".into())]),
            hash: "ab".into(),
            binned: None,
            cursor: 0,
            layers: Vec::new(),
        }
    }

    fn r(a: usize, b: usize) -> CharRange {
        CharRange::new(a, b).unwrap()
    }

    #[track_caller]
    fn check_counts(labels: &[u8], want: &[(&str, usize)]) {
        let spans = labels
            .iter()
            .enumerate()
            .map(|(i, &l)| {
                Span::new(SpanId::new(&format!("a{i}")), LabelId(l), r(i, i + 2)).unwrap()
            })
            .collect();
        let doc = Document::new("t", TEXT, LabelSet::standard())
            .with_spans(spans)
            .unwrap();
        let want: BTreeMap<String, usize> = want.iter().map(|&(n, c)| (n.to_string(), c)).collect();
        assert_eq!(label_counts(&doc), want);
    }

    #[test]
    fn label_counts_name_each_label_used() {
        check_counts(&[], &[]);
        check_counts(&[0], &[("Entity", 1)]);
        check_counts(&[2, 0, 2, 2], &[("Entity", 1), ("Quote", 3)]);
        check_counts(&[1, 1, 0, 2], &[("Claim", 2), ("Entity", 1), ("Quote", 1)]);
        check_counts(&[0, 0, 0, 0, 0], &[("Entity", 5)]);
    }

    /// What a store holds after applying batches: record, spans and steps by key.
    #[derive(Default)]
    struct Fake {
        record: Option<String>,
        text: Option<String>,
        spans: BTreeMap<String, String>,
        links: Option<String>,
        steps: BTreeMap<u64, String>,
    }

    impl Fake {
        fn apply(&mut self, b: &Batch) {
            for w in &b.writes {
                match w {
                    Write::Record(j) => self.record = Some(j.clone()),
                    Write::Text(t) => self.text = Some(t.clone()),
                    Write::PutSpan { id, json } => {
                        drop(self.spans.insert(id.clone(), json.clone()))
                    }
                    Write::DeleteSpan(id) => drop(self.spans.remove(id)),
                    Write::ClearSpans => self.spans.clear(),
                    Write::PutStep { step, json } => drop(self.steps.insert(*step, json.clone())),
                    Write::DeleteStep(n) => drop(self.steps.remove(n)),
                    Write::ClearSteps => self.steps.clear(),
                    Write::Delete => *self = Fake::default(),
                    Write::PutRelations(j) => self.links = Some(j.clone()),
                    Write::PutLayer { .. } | Write::PutReview(_) => {}
                }
            }
        }

        fn load(&self) -> (Editor, Saved, usize) {
            let record = DocRecord::from_json(self.record.as_deref().unwrap()).unwrap();
            let spans: Vec<String> = self.spans.values().cloned().collect();
            let steps: Vec<String> = self.steps.values().cloned().collect();
            load(
                record,
                self.text.as_deref().unwrap(),
                &spans,
                self.links.as_deref(),
                &steps,
                &LabelSet::standard(),
            )
        }
    }

    fn fresh() -> (Editor, Saved, Fake) {
        let doc = Document::new("Żółć", TEXT, LabelSet::standard()).with_id("d1");
        let editor = Editor::new(doc.clone());
        let fake = Fake {
            text: Some(TEXT.into()),
            record: Some(record("d1").to_json()),
            ..Fake::default()
        };
        let saved = Saved {
            doc: Rc::new(doc),
            steps: BTreeSet::new(),
            record: record("d1"),
        };
        (editor, saved, fake)
    }

    #[test]
    fn a_change_writes_the_record_and_only_what_changed() {
        let (mut e, saved, mut fake) = fresh();
        e.add_span(LabelId(0), r(0, 6)).unwrap();
        let (batch, saved) = save(&saved, &e, record("d1"));
        assert_eq!(batch.base, Some(0));
        let kinds: Vec<&str> = batch
            .writes
            .iter()
            .map(|w| match w {
                Write::Record(_) => "record",
                Write::PutSpan { .. } => "span",
                Write::PutStep { .. } => "step",
                _ => "other",
            })
            .collect();
        assert_eq!(kinds, ["record", "span", "step"]);
        fake.apply(&batch);
        assert_eq!(saved.record.revision, 1);
        assert_eq!(saved.record.labels, BTreeMap::from([("Entity".into(), 1)]));
        assert_eq!(saved.record.cursor, 1);

        // Relabel one, add another: the untouched span is not written again.
        e.add_span(LabelId(2), r(15, 33)).unwrap();
        let id = e.doc().spans().iter().next().unwrap().id().clone();
        e.relabel(&id, LabelId(1)).unwrap();
        let (batch, saved) = save(&saved, &e, record("d1"));
        let spans_written = batch
            .writes
            .iter()
            .filter(|w| matches!(w, Write::PutSpan { .. }))
            .count();
        assert_eq!(spans_written, 2);
        fake.apply(&batch);

        // Undo twice: two spans change back, no step is deleted (they can be redone).
        e.undo().unwrap();
        e.undo().unwrap();
        let (batch, saved) = save(&saved, &e, record("d1"));
        assert!(!batch
            .writes
            .iter()
            .any(|w| matches!(w, Write::DeleteStep(_))));
        fake.apply(&batch);
        assert_eq!(saved.record.cursor, 1);
        // A new change drops the two undone steps.
        e.add_span(LabelId(0), r(36, 39)).unwrap();
        let (batch, _) = save(&saved, &e, record("d1"));
        let dropped: Vec<u64> = batch
            .writes
            .iter()
            .filter_map(|w| {
                if let Write::DeleteStep(n) = w {
                    Some(*n)
                } else {
                    None
                }
            })
            .collect();
        assert_eq!(dropped, [2, 3]);
        fake.apply(&batch);

        // Reading it back gives the same document and the same history.
        let (mut back, _, unreadable) = fake.load();
        assert_eq!(unreadable, 0);
        assert_eq!(back.doc(), e.doc());
        back.undo().unwrap();
        e.undo().unwrap();
        assert_eq!(back.doc(), e.doc(), "undo survives the reload");
        assert!(
            back.undo().is_ok() && back.undo().is_err(),
            "two steps were kept"
        );
    }

    #[test]
    fn a_compound_change_is_stored_as_one_step_and_undone_after_a_reload() {
        let (mut e, saved, mut fake) = fresh();
        let first = e.add_span(LabelId(0), r(0, 6)).unwrap();
        e.change_spans(&[first], &[(LabelId(1), r(0, 6)), (LabelId(2), r(15, 33))])
            .unwrap();
        let (batch, _) = save(&saved, &e, record("d1"));
        fake.apply(&batch);
        assert_eq!(fake.steps.len(), 2);
        let (mut back, _, unreadable) = fake.load();
        assert_eq!((unreadable, back.doc()), (0, e.doc()));
        back.undo().unwrap();
        let labels: Vec<LabelId> = back.doc().spans().iter().map(|s| s.label()).collect();
        assert_eq!(labels, [LabelId(0)], "one undo takes the whole change back");
    }

    #[test]
    fn stored_relations_are_told_apart_from_none_without_reading_them() {
        let (mut e, _, _) = fresh();
        assert!(!has_relations(None));
        assert!(!has_relations(Some(&relations_to_json(e.doc()))));
        let merkel = e.add_span(LabelId(0), r(0, 6)).unwrap();
        let quote = e.add_span(LabelId(2), r(15, 33)).unwrap();
        e.link("said_by", &quote, &merkel).unwrap();
        assert!(has_relations(Some(&relations_to_json(e.doc()))));
    }

    #[test]
    fn a_spans_values_and_note_are_read_back_and_a_plain_span_gets_none() {
        use crate::model::attribute::{AttrDef, AttrKind, AttrValue};
        use crate::model::label::LabelSpec;
        let mut place = LabelSpec::named("Ort");
        place.attributes = vec![
            AttrDef::new("Typ", AttrKind::choice(&["Stadt", "Land"])),
            AttrDef::new("geprüft", AttrKind::Flag),
            AttrDef::new("Quelle", AttrKind::Text),
        ];
        let labels = LabelSet::from_specs(vec![place]).unwrap();
        let plain = Span::new(SpanId::new("s1"), LabelId(0), r(0, 6)).unwrap();
        let full = plain
            .with_attr("Typ", Some(AttrValue::Choice("Land".into())))
            .with_attr("geprüft", Some(AttrValue::Flag(true)))
            .with_attr("Quelle", Some(AttrValue::Text("«dpa» 📰".into())))
            .with_note("Хабаровск? 🧐");
        for span in [&plain, &full] {
            let stored = SpanRecord::of(span, &labels);
            let json = serde_json::to_string(&stored).unwrap();
            let back: SpanRecord = serde_json::from_str(&json).unwrap();
            assert_eq!(back.to_span(&labels).as_ref(), Some(span), "{json}");
        }
        let stored = SpanRecord::of(&plain, &labels);
        assert!(stored.attrs.is_empty() && stored.note.is_none());
        let back = stored.to_span(&labels).unwrap();
        assert!(back.attrs().is_empty() && back.note().is_none());
        assert_eq!(SpanRecord::of(&full, &labels).attrs.len(), 3);
    }

    #[test]
    fn notes_and_links_are_stored_and_undone_after_a_reload() {
        let (mut e, saved, mut fake) = fresh();
        let merkel = e.add_span(LabelId(0), r(0, 6)).unwrap();
        let quote = e.add_span(LabelId(2), r(15, 33)).unwrap();
        let (batch, saved) = save(&saved, &e, record("d1"));
        fake.apply(&batch);
        assert_eq!(fake.links, None, "no relations, nothing written for them");
        e.link("said_by", &quote, &merkel).unwrap();
        e.set_note(&merkel, "Kanzlerin? «prüfen» 🧐").unwrap();
        let (batch, saved) = save(&saved, &e, record("d1"));
        let span_writes = batch
            .writes
            .iter()
            .filter(|w| matches!(w, Write::PutSpan { .. }))
            .count();
        assert_eq!(span_writes, 1, "the link rewrites no span; the note one");
        fake.apply(&batch);
        let (back, _, unreadable) = fake.load();
        assert_eq!((unreadable, back.doc()), (0, e.doc()));
        e.delete(&merkel).unwrap();
        let (batch, _) = save(&saved, &e, record("d1"));
        fake.apply(&batch);
        let (mut back, _, unreadable) = fake.load();
        assert_eq!(unreadable, 0);
        assert!(back.doc().relations().is_empty());
        back.undo().unwrap();
        assert_eq!(
            back.doc().relations().len(),
            1,
            "one undo brings span and link back"
        );
        let span = back.doc().spans().get(&merkel).unwrap();
        assert_eq!(span.note(), Some("Kanzlerin? «prüfen» 🧐"));
        back.undo().unwrap();
        back.undo().unwrap();
        assert!(
            back.doc().relations().is_empty(),
            "the link's own step undone"
        );
        assert_eq!(back.doc().spans().get(&merkel).unwrap().note(), None);
    }

    #[test]
    fn a_journal_goes_over_its_base_or_the_write_it_was_waiting_for() {
        let (e, _, _) = fresh();
        let base = record("d1");
        let mut j = Journal::of(&base, e.doc(), Status::InProgress);
        let at = |revision: u64, updated: u64| DocRecord {
            revision,
            updated,
            ..record("d1")
        };
        assert!(j.applies_over(&at(0, 1)), "the record it started from");
        assert!(
            !j.applies_over(&at(1, 5)),
            "nothing was on its way: another tab wrote"
        );
        j.landing = Some([1, 5]);
        let j = Journal::from_json(&j.to_json()).unwrap();
        assert!(j.applies_over(&at(1, 5)), "the write on its way landed");
        assert!(
            !j.applies_over(&at(1, 6)),
            "another tab's write of the same revision"
        );
        assert!(!j.applies_over(&at(2, 5)));
    }

    #[test]
    fn undone_steps_come_back_as_redo() {
        let (mut e, saved, mut fake) = fresh();
        e.add_span(LabelId(0), r(0, 6)).unwrap();
        e.add_span(LabelId(0), r(36, 39)).unwrap();
        e.undo().unwrap();
        let (batch, _) = save(&saved, &e, record("d1"));
        fake.apply(&batch);
        let (mut back, _, _) = fake.load();
        assert_eq!(back.doc().spans().len(), 1);
        back.redo().unwrap();
        assert_eq!(back.doc().spans().len(), 2, "redo survives the reload");
    }

    #[test]
    fn a_replaced_document_is_written_afresh_and_its_history_starts_over() {
        let (mut e, saved, mut fake) = fresh();
        e.add_span(LabelId(0), r(0, 6)).unwrap();
        let (batch, saved) = save(&saved, &e, record("d1"));
        fake.apply(&batch);
        let other = Document::new("x", "ein anderer Text", LabelSet::standard()).with_id("d1");
        e.replace_document(other);
        e.add_span(LabelId(1), r(4, 10)).unwrap();
        let (batch, saved) = save(&saved, &e, record("d1"));
        assert!(
            batch.writes.contains(&Write::ClearSpans) && batch.writes.contains(&Write::ClearSteps)
        );
        fake.apply(&batch);
        assert_eq!(saved.record.chars, 16);
        let (back, _, _) = fake.load();
        assert_eq!(back.doc(), e.doc());
        assert_eq!(
            back.history().0.len(),
            1,
            "only the step after the replacement"
        );
    }

    #[test]
    fn a_journal_keeps_a_document_and_gives_it_back() {
        let (mut e, saved, _) = fresh();
        e.add_span(LabelId(2), r(15, 33)).unwrap();
        let j = Journal::of(&saved.record, e.doc(), Status::Done);
        let back = Journal::from_json(&j.to_json()).unwrap();
        assert_eq!(back, j);
        assert_eq!(back.document(&LabelSet::standard()).as_ref(), Some(e.doc()));
        let other = LabelSet::from_names(&["Other"]).unwrap();
        assert_eq!(back.document(&other), None, "a label the corpus lacks");
    }

    #[test]
    fn the_schema_round_trips() {
        let mut person = crate::model::label::LabelSpec::named("Person 😀");
        person.color = Some("#123456".into());
        person.description = "Wer spricht, mit Namen".into();
        let labels =
            LabelSet::from_specs(vec![person, crate::model::label::LabelSpec::named("Ort")])
                .unwrap();
        assert_eq!(schema_from_json(&schema_to_json(&labels)), Some(labels));
        assert_eq!(schema_from_json("[]"), None, "no labels is no schema");
        assert_eq!(schema_from_json("{"), None);
    }

    #[test]
    fn every_kind_of_step_reads_back_as_written_and_a_malformed_one_not_at_all() {
        let span = |id: &str, label: &str, start, end| SpanRecord {
            id: id.into(),
            label: label.into(),
            start,
            end,
            attrs: BTreeMap::new(),
            note: None,
        };
        let a = span("a1", "Entity", 0, 6);
        let b = SpanRecord {
            note: Some("Zoë’s 👍🏽".into()),
            ..span("a2", "Claim", 7, 19)
        };
        let link = WireRelation {
            id: "r1".into(),
            kind: "said_by".into(),
            from: "a1".into(),
            to: "a2".into(),
        };
        let steps = [
            StepRecord::Add {
                spans: vec![a.clone(), b.clone()],
            },
            StepRecord::Remove {
                spans: vec![b.clone()],
            },
            StepRecord::Update {
                before: a.clone(),
                after: b.clone(),
            },
            StepRecord::Change {
                removed: vec![a.clone()],
                added: vec![],
            },
            StepRecord::Link {
                relations: vec![link.clone()],
            },
            StepRecord::Unlink {
                relations: vec![link],
            },
            StepRecord::Steps {
                steps: vec![
                    StepRecord::Add { spans: vec![a] },
                    StepRecord::Steps { steps: vec![] },
                ],
            },
        ];
        for (n, step) in steps.into_iter().enumerate() {
            let json = serde_json::to_string(&step).unwrap();
            let read: StepRecord = serde_json::from_str(&json).unwrap();
            assert_eq!(read, step, "{json}");
            let number = u64::try_from(n).unwrap() + 40;
            let numbered = serde_json::to_string(&NumberedStep { number, step }).unwrap();
            let back: NumberedStep = serde_json::from_str(&numbered).unwrap();
            assert_eq!((back.number, back.step), (number, read), "{numbered}");
        }
        // As written by the tagged form: the kind first or last, other fields ignored.
        let tagged = r#"{"spans":[],"extra":1,"number":3,"kind":"add"}"#;
        let read: NumberedStep = serde_json::from_str(tagged).unwrap();
        assert_eq!(
            (read.number, read.step),
            (3, StepRecord::Add { spans: vec![] })
        );
        for bad in [
            r#"{"number":1,"kind":"what"}"#,
            r#"{"number":1}"#,
            r#"{"number":1,"kind":"add"}"#,
            r#"{"number":1,"kind":"add","spans":null}"#,
            r#"{"number":1,"kind":"update","before":{"id":"a","label":"L","start":0,"end":1}}"#,
            r#"{"number":1,"kind":"steps","steps":[{"kind":"remove"}]}"#,
            r#"{"number":1,"kind":"link","spans":[]}"#,
            r#"{"kind":"add","spans":[]}"#,
            r#"{"number":-1,"kind":"add","spans":[]}"#,
        ] {
            assert!(serde_json::from_str::<NumberedStep>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn every_status_reads_back_by_its_name_and_no_other_name_reads() {
        for status in crate::corpus::Status::ALL.map(Status::from) {
            let json = serde_json::to_string(&status).unwrap();
            assert_eq!(
                serde_json::from_str::<Status>(&json).unwrap(),
                status,
                "{json}"
            );
        }
        assert_eq!(
            serde_json::to_string(&Status::NeedsWork).unwrap(),
            r#""needs_work""#
        );
        for bad in [
            r#""needs work""#,
            r#""Done""#,
            r#""""#,
            "3",
            "null",
            r#"{"done":null}"#,
        ] {
            assert!(serde_json::from_str::<Status>(bad).is_err(), "{bad}");
        }
        // A record with an unknown status is unreadable, as any other malformed record.
        let record = |status: &str| {
            DocRecord::from_json(&format!(
                r#"{{"id":"d","title":"Ж","revision":1,"status":"{status}","chars":1,"labels":{{}},"created":0,"updated":0,"hash":""}}"#
            ))
        };
        assert_eq!(
            record("needs_work").map(|r| r.status),
            Some(Status::NeedsWork)
        );
        assert_eq!(record("paused"), None);
    }

    #[test]
    fn unreadable_records_are_counted_not_fatal() {
        let (_, _, mut fake) = fresh();
        fake.spans.insert("x".into(), "{not json".into());
        fake.spans.insert(
            "y".into(),
            r#"{"id":"y","label":"Gone","start":0,"end":1}"#.into(),
        );
        fake.steps.insert(1, r#"{"number":1,"kind":"what"}"#.into());
        let (e, _, unreadable) = fake.load();
        assert_eq!(unreadable, 3);
        assert!(e.doc().spans().is_empty());
        assert_eq!(DocRecord::from_json("[]"), None);
        let rec = record("d1");
        assert_eq!(DocRecord::from_json(&rec.to_json()), Some(rec));
    }
}
