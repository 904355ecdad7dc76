//! Layers as plain values (offsets in code points, end exclusive, labels by name): an
//! annotator's [`Layer`] of many documents, the one input every agreement measure reads, and
//! a [`ReviewLayer`], the spans (with their attribute values and notes) and relations one
//! annotator (or one model) gave one document, which the review shows read-only beside the
//! gold layer. It knows nothing of files: `format` reads them and the caller builds layers
//! from the documents.
//!
//! A layer's relation names its ends by [`SpanKey`] (start, end, label) rather than by span
//! id: ids are the annotator's own and mean nothing in another layer or in gold, while a
//! document never holds two spans with the same range and label.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use crate::model::{Attrs, Document, SpanId};

/// One span of one annotator: `[start, end)` in code points, its label's name, its attribute
/// values and its note.
///
/// A span *is* its start, end, label and attribute values: equality, order and hash look at
/// those and not at the note. A note is a remark to the reader, not an annotation, so two
/// annotators who wrote different notes on the same span agree on it; the note rides along
/// into gold with the span it is on.
#[derive(Clone, Debug)]
pub struct LayerSpan {
    pub start: usize,
    pub end: usize,
    pub label: String,
    pub attrs: Attrs,
    pub note: Option<String>,
}

impl PartialEq for LayerSpan {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for LayerSpan {}

impl PartialOrd for LayerSpan {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for LayerSpan {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.start, self.end, &self.label, &self.attrs).cmp(&(
            other.start,
            other.end,
            &other.label,
            &other.attrs,
        ))
    }
}

impl Hash for LayerSpan {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (self.start, self.end, &self.label, &self.attrs).hash(state);
    }
}

impl LayerSpan {
    pub fn new(start: usize, end: usize, label: &str) -> LayerSpan {
        LayerSpan {
            start,
            end,
            label: label.to_string(),
            attrs: Attrs::new(),
            note: None,
        }
    }

    /// The same span with these attribute values.
    pub fn with_attrs(self, attrs: Attrs) -> LayerSpan {
        LayerSpan { attrs, ..self }
    }

    /// The same span with this note (blank: none).
    pub fn with_note(self, note: Option<&str>) -> LayerSpan {
        let note = note.filter(|n| !n.trim().is_empty()).map(str::to_string);
        LayerSpan { note, ..self }
    }

    /// What a relation names this span by.
    pub fn key(&self) -> SpanKey {
        SpanKey {
            start: self.start,
            end: self.end,
            label: self.label.clone(),
        }
    }

    /// True when `key` names this span.
    pub fn is(&self, key: &SpanKey) -> bool {
        (self.start, self.end, self.label.as_str()) == (key.start, key.end, key.label.as_str())
    }

    /// Code points covered (0 for a malformed span whose end precedes its start).
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Code points shared with `other`.
    pub fn overlap(&self, other: &LayerSpan) -> usize {
        self.end
            .min(other.end)
            .saturating_sub(self.start.max(other.start))
    }
}

/// A span as a relation's end names it: its range and label.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SpanKey {
    pub start: usize,
    pub end: usize,
    pub label: String,
}

/// One relation of one annotator: type `kind`, from one span to another.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LayerRelation {
    pub kind: String,
    pub from: SpanKey,
    pub to: SpanKey,
}

impl LayerRelation {
    pub fn new(kind: &str, from: SpanKey, to: SpanKey) -> LayerRelation {
        LayerRelation {
            kind: kind.to_string(),
            from,
            to,
        }
    }
}

/// A document's spans as layer spans (labels by name, attributes and notes kept) and its
/// relations named by their ends.
fn layer_parts(doc: &Document) -> (Vec<LayerSpan>, Vec<LayerRelation>) {
    let spans: Vec<LayerSpan> = doc
        .spans()
        .iter()
        .map(|s| {
            LayerSpan::new(s.start(), s.end(), doc.labels().name(s.label()))
                .with_attrs(s.attrs().clone())
                .with_note(s.note())
        })
        .collect();
    let place: HashMap<&SpanId, usize> = doc
        .spans()
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id(), i))
        .collect();
    let key = |id: &SpanId| spans.get(*place.get(id)?).map(LayerSpan::key);
    let relations = doc
        .relations()
        .iter()
        .filter_map(|r| Some(LayerRelation::new(r.kind(), key(r.from())?, key(r.to())?)))
        .collect();
    (spans, relations)
}

/// One document as one annotator labelled it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LayerDoc {
    pub id: String,
    pub text: String,
    pub spans: Vec<LayerSpan>,
    pub relations: Vec<LayerRelation>,
}

impl LayerDoc {
    /// A document without spans or relations.
    pub fn new(id: &str, text: &str) -> LayerDoc {
        LayerDoc {
            id: id.to_string(),
            text: text.to_string(),
            spans: Vec::new(),
            relations: Vec::new(),
        }
    }

    /// The document's text, spans (labels by name) and relations.
    pub fn from_document(doc: &Document) -> LayerDoc {
        let (spans, relations) = layer_parts(doc);
        LayerDoc {
            id: doc.id().to_string(),
            text: doc.text().as_str().to_string(),
            spans,
            relations,
        }
    }
}

/// The name of a file's annotator: the file's own `annotator` when it names one, else the
/// file name without its directory and without `.annotations.json` or `.json`.
pub fn annotator_name(annotator: Option<&str>, file_name: &str) -> String {
    if let Some(name) = annotator.filter(|a| !a.trim().is_empty()) {
        return name.to_string();
    }
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let stem = [".annotations.json", ".json"]
        .iter()
        .find_map(|ext| base.strip_suffix(ext))
        .filter(|stem| !stem.is_empty())
        .unwrap_or(base);
    stem.to_string()
}

/// Everything one annotator labelled, under the name the report gives them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layer {
    pub annotator: String,
    pub documents: Vec<LayerDoc>,
}

/// Whose spans a review layer holds: an annotator's, which vote in the auto-merge, or a
/// model's suggestions, which never vote and are accepted or rejected like any version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LayerKind {
    Annotator,
    Suggestions,
}

/// One layer of one document in review: a name (the annotator, or the suggestions' source),
/// its kind and its spans. Layers are told apart by their index in the review and by name
/// (the review keeps names unique), never by pointer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewLayer {
    pub name: String,
    pub kind: LayerKind,
    pub spans: Vec<LayerSpan>,
    pub relations: Vec<LayerRelation>,
}

impl ReviewLayer {
    /// An annotator's spans.
    pub fn annotator(name: &str, spans: Vec<LayerSpan>) -> ReviewLayer {
        ReviewLayer {
            name: name.to_string(),
            kind: LayerKind::Annotator,
            spans,
            relations: Vec::new(),
        }
    }

    /// A model's (or any source's) suggestions, named after their source.
    pub fn suggestions(source: &str, spans: Vec<LayerSpan>) -> ReviewLayer {
        ReviewLayer {
            name: source.to_string(),
            kind: LayerKind::Suggestions,
            spans,
            relations: Vec::new(),
        }
    }

    /// The same layer with these relations.
    pub fn with_relations(self, relations: Vec<LayerRelation>) -> ReviewLayer {
        ReviewLayer { relations, ..self }
    }

    /// The spans (labels by name, with attributes and notes) and relations of `doc`.
    pub fn from_document(name: &str, kind: LayerKind, doc: &Document) -> ReviewLayer {
        let (spans, relations) = layer_parts(doc);
        ReviewLayer {
            name: name.to_string(),
            kind,
            spans,
            relations,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(annotator: Option<&str>, file: &str, want: &str) {
        assert_eq!(
            annotator_name(annotator, file),
            want,
            "{annotator:?} {file}"
        );
    }

    #[test]
    fn the_annotator_is_named_by_the_file_else_by_its_name() {
        check(Some("Ada"), "x.json", "Ada");
        check(Some("Zoë 👩🏽‍💻"), "x.json", "Zoë 👩🏽‍💻");
        check(Some("  "), "bob.json", "bob");
        check(None, "ada.annotations.json", "ada");
        check(None, "ada.json", "ada");
        check(None, "runs/2024/李.annotations.json", "李");
        check(None, "C:\\work\\مريم.json", "مريم");
        check(None, "notes.txt", "notes.txt");
        check(None, ".json", ".json");
        check(None, "a.annotations.json.json", "a.annotations.json");
    }
}
