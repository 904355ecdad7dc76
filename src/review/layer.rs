//! Layers as plain values (offsets in code points, end exclusive, labels by name): an
//! annotator's [`Layer`] of many documents, the one input every agreement measure reads, and
//! a [`ReviewLayer`], the spans one annotator (or one model) gave one document, which the
//! review shows read-only beside the gold layer. It knows nothing of files: `format` reads
//! them and the caller builds layers from the documents.

use crate::model::Document;

/// One span of one annotator: `[start, end)` in code points, and its label's name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LayerSpan {
    pub start: usize,
    pub end: usize,
    pub label: String,
}

impl LayerSpan {
    pub fn new(start: usize, end: usize, label: &str) -> LayerSpan {
        LayerSpan {
            start,
            end,
            label: label.to_string(),
        }
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

/// One document as one annotator labelled it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LayerDoc {
    pub id: String,
    pub text: String,
    pub spans: Vec<LayerSpan>,
}

impl LayerDoc {
    /// The document's text and spans, labels by name.
    pub fn from_document(doc: &Document) -> LayerDoc {
        let spans = doc
            .spans()
            .iter()
            .map(|s| LayerSpan::new(s.start(), s.end(), doc.labels().name(s.label())))
            .collect();
        LayerDoc {
            id: doc.id().to_string(),
            text: doc.text().as_str().to_string(),
            spans,
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
}

impl ReviewLayer {
    /// An annotator's spans.
    pub fn annotator(name: &str, spans: Vec<LayerSpan>) -> ReviewLayer {
        ReviewLayer {
            name: name.to_string(),
            kind: LayerKind::Annotator,
            spans,
        }
    }

    /// A model's (or any source's) suggestions, named after their source.
    pub fn suggestions(source: &str, spans: Vec<LayerSpan>) -> ReviewLayer {
        ReviewLayer {
            name: source.to_string(),
            kind: LayerKind::Suggestions,
            spans,
        }
    }

    /// The spans of `doc`, labels by name.
    pub fn from_document(name: &str, kind: LayerKind, doc: &Document) -> ReviewLayer {
        ReviewLayer {
            name: name.to_string(),
            kind,
            spans: LayerDoc::from_document(doc).spans,
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
