//! The review's records in the corpus store (`browser::db`), and the batches that write them,
//! each checked against the document's revision like every other write. Pure: the store
//! adapter writes the strings made here.
//!
//! - `layers`, key `[document id, layer name]`: a [`LayerRecord`] (JSON): the layer's name,
//!   kind (`"annotator"` or `"suggestions"`), spans (`label`, `start`, `end`, code points,
//!   end exclusive; optional `attrs`, each value tagged with its kind: `{"flag": true}`,
//!   `{"choice": "yes"}`, `{"text": "…"}`, so a layer reads back without the schema; an
//!   optional `note`), optional `relations` (`type`, `from`, `to`: indices into `spans`),
//!   the file it came from and when it was added (milliseconds). A record without the
//!   optional fields (written before attributes and relations) reads as a layer without them. The
//!   document's record lists the layer names (`DocRecord::layers`), so the list counts them
//!   without reading a layer; a layer imported again under the same name replaces the old.
//! - `reviews`, key document id: the review as a native file with its review fields
//!   (`review::persist`): the gold annotations with provenance and comments, the layers as
//!   the review saw them, the threshold, the conflicts with what was decided, and "needs work".
//!   The review's undo history is not kept.
//!
//! A document's own spans (the `spans` store) are not gold: they are the work of whoever
//! annotates in this browser, and the review shows them as one more layer when there are
//! any. Gold lives in the review only, so a dataset export can choose either.

use std::collections::BTreeMap;
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::store::{create, Batch, DocRecord, Status, Write};
use crate::model::{AttrValue, Attrs, Document};
use crate::review::layer::LayerRelation;
use crate::review::{LayerKind, LayerSpan, ReviewLayer};

/// The name under which `meta` keeps the annotator name set in this browser (a JSON string).
pub const ANNOTATOR: &str = "annotator";

/// A layer's kind as stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StoredKind {
    Annotator,
    Suggestions,
}

/// One span of a stored layer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredSpan {
    pub label: String,
    pub start: usize,
    pub end: usize,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attrs: BTreeMap<String, StoredValue>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An attribute value as a layer stores it: tagged with its kind, since a layer is read
/// without the schema that would tell a choice from a text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StoredValue {
    Flag(bool),
    Choice(String),
    Text(String),
}

impl StoredValue {
    fn of(v: &AttrValue) -> StoredValue {
        match v {
            AttrValue::Flag(b) => StoredValue::Flag(*b),
            AttrValue::Choice(c) => StoredValue::Choice(c.to_string()),
            AttrValue::Text(t) => StoredValue::Text(t.to_string()),
        }
    }

    fn value(&self) -> AttrValue {
        match self {
            StoredValue::Flag(b) => AttrValue::Flag(*b),
            StoredValue::Choice(c) => AttrValue::Choice(Rc::from(c.as_str())),
            StoredValue::Text(t) => AttrValue::Text(Rc::from(t.as_str())),
        }
    }
}

/// One relation of a stored layer: its type and its ends as indices into the layer's spans.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredRelation {
    #[serde(rename = "type")]
    pub kind: String,
    pub from: usize,
    pub to: usize,
}

/// One layer of one document, as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LayerRecord {
    pub name: String,
    pub kind: StoredKind,
    pub spans: Vec<StoredSpan>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<StoredRelation>,
    /// The file the layer came from.
    #[serde(default)]
    pub source: String,
    /// When it was added, milliseconds since 1970: layers show in this order.
    #[serde(default)]
    pub added: u64,
}

impl LayerRecord {
    pub fn of(layer: &ReviewLayer, source: &str, added: u64) -> LayerRecord {
        LayerRecord {
            name: layer.name.clone(),
            kind: match layer.kind {
                LayerKind::Annotator => StoredKind::Annotator,
                LayerKind::Suggestions => StoredKind::Suggestions,
            },
            spans: layer
                .spans
                .iter()
                .map(|s| StoredSpan {
                    label: s.label.clone(),
                    start: s.start,
                    end: s.end,
                    attrs: s
                        .attrs
                        .iter()
                        .map(|(n, v)| (n.to_string(), StoredValue::of(v)))
                        .collect(),
                    note: s.note.clone(),
                })
                .collect(),
            relations: layer
                .relations
                .iter()
                .filter_map(|r| {
                    Some(StoredRelation {
                        kind: r.kind.clone(),
                        from: layer.spans.iter().position(|s| s.is(&r.from))?,
                        to: layer.spans.iter().position(|s| s.is(&r.to))?,
                    })
                })
                .collect(),
            source: source.to_string(),
            added,
        }
    }

    /// The layer for a review. A relation whose end is not one of the spans, or whose two
    /// ends are one span, is left out.
    pub fn layer(&self) -> ReviewLayer {
        let spans: Vec<LayerSpan> = self
            .spans
            .iter()
            .map(|s| {
                let attrs = s
                    .attrs
                    .iter()
                    .map(|(n, v)| (Rc::from(n.as_str()), v.value()));
                LayerSpan::new(s.start, s.end, &s.label)
                    .with_attrs(Attrs::from_pairs(attrs.collect()))
                    .with_note(s.note.as_deref())
            })
            .collect();
        let relations = self
            .relations
            .iter()
            .filter(|r| r.from != r.to)
            .filter_map(|r| {
                let (from, to) = (spans.get(r.from)?, spans.get(r.to)?);
                Some(LayerRelation::new(&r.kind, from.key(), to.key()))
            })
            .collect();
        ReviewLayer {
            name: self.name.clone(),
            kind: match self.kind {
                StoredKind::Annotator => LayerKind::Annotator,
                StoredKind::Suggestions => LayerKind::Suggestions,
            },
            spans,
            relations,
        }
    }

    pub fn to_json(&self) -> String {
        // Strings and numbers: serialising cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(s: &str) -> Option<LayerRecord> {
        serde_json::from_str(s).ok()
    }
}

/// The stored layers in the order they were added (then by name), the unreadable ones
/// counted.
pub fn read_layers(stored: &[String]) -> (Vec<LayerRecord>, usize) {
    let mut layers: Vec<LayerRecord> = stored
        .iter()
        .filter_map(|j| LayerRecord::from_json(j))
        .collect();
    let bad = stored.len() - layers.len();
    crate::model::order::sort_by(&mut layers, |a, b| {
        a.added.cmp(&b.added).then_with(|| a.name.cmp(&b.name))
    });
    (layers, bad)
}

fn layer_writes(record: &mut DocRecord, layers: &[LayerRecord]) -> Vec<Write> {
    layers
        .iter()
        .map(|l| {
            if !record.layers.contains(&l.name) {
                record.layers.push(l.name.clone());
            }
            Write::PutLayer {
                name: l.name.clone(),
                json: l.to_json(),
            }
        })
        .collect()
}

/// The batch that adds `layers` to a stored document (replacing layers of the same names),
/// over the record's revision; and the record as then stored.
pub fn add_layers(record: &DocRecord, layers: &[LayerRecord], now: u64) -> (Batch, DocRecord) {
    let mut next = record.clone();
    let mut writes = layer_writes(&mut next, layers);
    next.revision = record.revision.saturating_add(1);
    next.updated = now;
    writes.insert(0, Write::Record(next.to_json()));
    let batch = Batch {
        doc: record.id.clone(),
        base: Some(record.revision),
        writes,
    };
    (batch, next)
}

/// The batch that stores a new document with `layers` (its own spans are `doc`'s), and its
/// record as then stored.
pub fn create_with_layers(
    doc: &Document,
    mut record: DocRecord,
    layers: &[LayerRecord],
) -> (Batch, DocRecord) {
    let writes = layer_writes(&mut record, layers);
    let (mut batch, _) = create(doc, record.clone());
    // The record `create` wrote did not list the layers yet.
    if let Some(w) = batch.writes.first_mut() {
        *w = Write::Record(record.to_json());
    }
    batch.writes.extend(writes);
    (batch, record)
}

/// The batch that saves a document's review (`json`, see the module doc) with the document's
/// new `status`, over the record's revision; and the record as then stored.
pub fn save_review(
    record: &DocRecord,
    json: String,
    status: Status,
    now: u64,
) -> (Batch, DocRecord) {
    let mut next = record.clone();
    next.status = status;
    next.updated = now;
    next.revision = record.revision.saturating_add(1);
    let batch = Batch {
        doc: record.id.clone(),
        base: Some(record.revision),
        writes: vec![Write::Record(next.to_json()), Write::PutReview(json)],
    };
    (batch, next)
}

/// Where a review stands, as far as the document's status goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Conflicts are left.
    Open,
    /// No conflict is left and nobody was asked for more work.
    Reviewed,
    /// Sent back to an annotator ("needs work").
    SentBack,
}

/// The status a review leaves its document with: reviewed when no conflict is left, needs
/// work when sent back; a document that was reviewed or sent back and is no longer goes back
/// to in progress; any other status stays.
pub fn status_after_review(before: Status, outcome: Outcome) -> Status {
    match (outcome, before) {
        (Outcome::Reviewed, _) => Status::Reviewed,
        (Outcome::SentBack, _) => Status::NeedsWork,
        (Outcome::Open, Status::Reviewed | Status::NeedsWork) => Status::InProgress,
        (Outcome::Open, s) => s,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::model::LabelSet;

    const TEXT: &str = "Zoë 👩🏽‍💻 met 李雷 in مريم's café.\r\nשלום";

    fn layer(name: &str, kind: LayerKind, spans: &[(usize, usize, &str)]) -> ReviewLayer {
        ReviewLayer {
            name: name.into(),
            kind,
            spans: spans
                .iter()
                .map(|&(a, b, l)| LayerSpan::new(a, b, l))
                .collect(),
            relations: Vec::new(),
        }
    }

    #[track_caller]
    fn check(l: ReviewLayer) {
        let r = LayerRecord::of(&l, "ada.annotations.json", 7);
        let back = LayerRecord::from_json(&r.to_json()).unwrap();
        assert_eq!(back, r);
        assert_eq!(back.layer(), l);
        // Span equality leaves the note out: compare the notes too.
        let notes = |l: &ReviewLayer| l.spans.iter().map(|s| s.note.clone()).collect::<Vec<_>>();
        assert_eq!(notes(&back.layer()), notes(&l));
    }

    /// A quote with attributes and a note, said by a speaker.
    fn qualified() -> ReviewLayer {
        let attrs = Attrs::from_pairs(vec![
            (Rc::from("direct"), AttrValue::Flag(true)),
            (Rc::from("kind"), AttrValue::Choice(Rc::from("indirekt"))),
            (Rc::from("speaker"), AttrValue::Text(Rc::from("李雷 👩🏽‍💻"))),
        ]);
        let quote = LayerSpan::new(13, 15, "Quote")
            .with_attrs(attrs)
            .with_note(Some("שלום\r\nnote"));
        let speaker = LayerSpan::new(0, 3, "Entity");
        let said = LayerRelation::new("said_by", quote.key(), speaker.key());
        ReviewLayer::annotator("Zoë", vec![speaker, quote]).with_relations(vec![said])
    }

    #[test]
    fn layers_round_trip() {
        check(layer("Zoë 👩🏽‍💻", LayerKind::Annotator, &[(0, 3, "PER")]));
        check(layer("مريم", LayerKind::Annotator, &[]));
        check(layer(
            "model-v2",
            LayerKind::Suggestions,
            &[(13, 15, "人"), (13, 15, "ORG")],
        ));
        check(qualified());
        assert_eq!(LayerRecord::from_json("{"), None);
        let old = r#"{"name":"B","kind":"annotator","spans":[]}"#;
        assert_eq!(LayerRecord::from_json(old).map(|r| r.added), Some(0));
        let old = r#"{"name":"B","kind":"annotator","spans":[{"label":"PER","start":0,"end":3}]}"#;
        assert_eq!(
            LayerRecord::from_json(old).map(|r| r.layer()),
            Some(layer("B", LayerKind::Annotator, &[(0, 3, "PER")]))
        );
    }

    #[test]
    fn stored_qualifiers_are_tagged_and_relations_name_spans_by_index() {
        let json = LayerRecord::of(&qualified(), "", 1).to_json();
        for part in [
            r#""attrs":{"direct":{"flag":true},"kind":{"choice":"indirekt"},"speaker":{"text":"李雷 👩🏽‍💻"}}"#,
            r#""relations":[{"type":"said_by","from":1,"to":0}]"#,
        ] {
            assert!(json.contains(part), "{part} in {json}");
        }
        // A relation past the spans, or from a span to itself, is left out on reading.
        let bad = json.replace(r#""from":1,"to":0"#, r#""from":1,"to":9"#);
        let looped = json.replace(r#""from":1,"to":0"#, r#""from":1,"to":1"#);
        for j in [bad, looped] {
            assert_eq!(
                LayerRecord::from_json(&j).map(|r| r.layer().relations),
                Some(vec![])
            );
        }
    }

    #[test]
    fn layers_read_back_in_the_order_added() {
        let rec = |n: &str, t| LayerRecord::of(&layer(n, LayerKind::Annotator, &[]), "", t);
        let stored = vec![
            rec("Ada", 5).to_json(),
            "not json".into(),
            rec("Bob", 2).to_json(),
            rec("Al", 5).to_json(),
        ];
        let (layers, bad) = read_layers(&stored);
        let names: Vec<&str> = layers.iter().map(|l| l.name.as_str()).collect();
        assert_eq!((names, bad), (vec!["Bob", "Ada", "Al"], 1));
    }

    #[test]
    fn batches_move_the_revision_and_list_the_layers() {
        let doc = Document::new("t", TEXT, LabelSet::standard()).with_id("d");
        let record = DocRecord::new(&doc, BTreeMap::new(), 1);
        let ada = LayerRecord::of(&layer("Ada", LayerKind::Annotator, &[(0, 3, "PER")]), "", 1);
        let (batch, created) = create_with_layers(&doc, record, std::slice::from_ref(&ada));
        assert_eq!(
            (batch.base, created.layers.clone()),
            (None, vec!["Ada".into()])
        );
        assert_eq!(
            batch.writes.first(),
            Some(&Write::Record(created.to_json()))
        );
        assert!(batch.writes.contains(&Write::PutLayer {
            name: "Ada".into(),
            json: ada.to_json()
        }));
        assert_eq!(created.summary().layers, 1);

        let bob = LayerRecord::of(&layer("Bob", LayerKind::Annotator, &[]), "", 2);
        let (batch, next) = add_layers(&created, &[ada.clone(), bob], 9);
        assert_eq!(batch.base, Some(created.revision));
        assert_eq!(next.revision, created.revision + 1);
        assert_eq!(
            next.layers,
            ["Ada", "Bob"],
            "Ada replaced, not listed twice"
        );
        assert_eq!(next.updated, 9);

        let (batch, reviewed) = save_review(&next, "{}".into(), Status::Reviewed, 10);
        assert_eq!(batch.base, Some(next.revision));
        assert_eq!(batch.writes[1], Write::PutReview("{}".into()));
        assert_eq!(
            (reviewed.status, reviewed.revision),
            (Status::Reviewed, next.revision + 1)
        );
    }

    #[track_caller]
    fn check_status(before: Status, outcome: Outcome, want: Status) {
        assert_eq!(
            status_after_review(before, outcome),
            want,
            "{before:?} {outcome:?}"
        );
    }

    #[test]
    fn a_review_sets_the_status() {
        use Status::*;
        check_status(Done, Outcome::Reviewed, Reviewed);
        check_status(NeedsWork, Outcome::Reviewed, Reviewed);
        check_status(Reviewed, Outcome::Open, InProgress);
        check_status(NeedsWork, Outcome::Open, InProgress);
        check_status(New, Outcome::Open, New);
        check_status(Done, Outcome::Open, Done);
        check_status(Done, Outcome::SentBack, NeedsWork);
        check_status(Reviewed, Outcome::SentBack, NeedsWork);
    }
}
