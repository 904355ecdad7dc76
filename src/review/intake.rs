//! What an imported file becomes in a corpus that may already hold its documents: another
//! person's file for a document the corpus has (the same id with the same text, else the same
//! text by SHA-256) becomes **their layer** of that document instead of a new document; a
//! model's output (Label Studio `predictions`, or any file imported "as suggestions") becomes
//! a suggestions layer named after its source. Pure: it reads strings and the corpus's ids and
//! hashes, and hands back a plan ([`Intake`]) that the store carries out.
//!
//! The rules, per document of the file (a native file may hold many; the other formats one):
//!
//! - The layer's name is the file's `annotator` (native), else the file name without
//!   `.annotations.json`/`.json` ([`super::layer::annotator_name`]), as `annotate agree` names
//!   it; a suggestions layer from Label Studio is named after the prediction's `model_version`.
//! - A document the corpus has: the file's spans are a layer of it, an empty one when the
//!   annotator labelled nothing there (an earlier layer of the same name is replaced).
//! - A new document: with suggestions, or when the file names an annotator who is not the one
//!   working in this browser, the document is added with no spans of its own and the file's
//!   spans as that layer (so a reviewer who imports Ada's file and then Bob's gets two layers
//!   of each document); otherwise its spans are its own, as any import.
//! - A file with one new document of its own spans and nothing else is left to the ordinary
//!   import ([`plan`] answers `None`), which asks about problems before anything changes.

use super::align::text_hash_hex;
use super::layer::{annotator_name, LayerKind, ReviewLayer};
use crate::format::workflow::{prepare_import, ImportFailure};
use crate::format::{detect, label_studio, native, FormatKind, Imported};
use crate::model::Document;

/// What an intake of `layers` layers and `new` new documents did, in plain words.
pub fn stored_words(layers: usize, new: usize) -> String {
    let s = |n: usize| if n == 1 { "" } else { "s" };
    format!(
        "Imported {layers} layer{} and {new} new document{}. Documents with two or more layers can be reviewed (R in the list).",
        s(layers),
        s(new)
    )
}

/// A document the corpus holds, as far as matching goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Known {
    pub id: String,
    /// SHA-256 of its text, hex.
    pub hash: String,
}

/// One thing to store.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// A layer of a document the corpus has.
    Layer { doc: String, layer: ReviewLayer },
    /// A new document (its own spans as given) with layers.
    New {
        doc: Document,
        layers: Vec<ReviewLayer>,
    },
}

/// What a file becomes.
#[derive(Clone, Debug, PartialEq)]
pub struct Intake {
    /// The file (or files) it came from.
    pub source: String,
    pub items: Vec<Item>,
    /// Annotations left out (the importers' problems), counted.
    pub left_out: usize,
}

impl Intake {
    /// Layers added to documents the corpus has, and new documents.
    pub fn counts(&self) -> (usize, usize) {
        let layers = self
            .items
            .iter()
            .map(|i| match i {
                Item::Layer { .. } => 1,
                Item::New { layers, .. } => layers.len(),
            })
            .sum();
        let new = self
            .items
            .iter()
            .filter(|i| matches!(i, Item::New { .. }))
            .count();
        (layers, new)
    }
}

/// How the user asked for the file to be imported.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// As the rules decide (module doc).
    #[default]
    Auto,
    /// Every document's spans as a suggestions layer.
    Suggestions,
}

/// Every document of `files` (read as `kind`, else as detected), the annotator the file
/// names, and Label Studio's predictions as `(source, imported)`.
type Read = (Vec<Imported>, Option<String>, Vec<(String, Imported)>);

fn read(files: &[(String, String)], kind: Option<FormatKind>) -> Result<Read, ImportFailure> {
    // The checks (size, detection, the format's faults) are the ordinary import's.
    let first = prepare_import(files, kind)?;
    let (name, content) = files
        .first()
        .map(|(n, c)| (n.as_str(), c.as_str()))
        .unwrap_or_default();
    let kind = kind.or_else(|| detect(name, content));
    match kind {
        Some(FormatKind::Native) => match native::import_all(content) {
            Ok(file) => Ok((file.documents, file.annotator, Vec::new())),
            Err(fatal) => Err(ImportFailure::Fatal {
                kind: FormatKind::Native,
                fatal,
            }),
        },
        Some(FormatKind::LabelStudio) => {
            let predictions = label_studio::import_predictions(content)
                .unwrap_or_default()
                .into_iter()
                .map(|p| (p.source, p.imported))
                .collect::<Vec<_>>();
            // A task with only predictions reads them as its annotations: those spans are
            // the predictions' only, not an annotator's.
            let first = if first.doc.spans().is_empty() || !has_annotations(content) {
                Imported::clean(without_spans(&first.doc), 0)
            } else {
                first
            };
            Ok((vec![first], None, predictions))
        }
        _ => Ok((vec![first], None, Vec::new())),
    }
}

/// True when a Label Studio file's first task has an annotation.
fn has_annotations(content: &str) -> bool {
    let v: serde_json::Value = serde_json::from_str(content).unwrap_or_default();
    let task = match &v {
        serde_json::Value::Array(tasks) => tasks.first().cloned().unwrap_or_default(),
        other => other.clone(),
    };
    task.get("annotations")
        .and_then(serde_json::Value::as_array)
        .is_some_and(|a| !a.is_empty())
}

fn without_spans(doc: &Document) -> Document {
    Document::new(doc.title(), doc.text().as_str(), doc.labels().clone()).with_id(doc.id())
}

fn layer(name: &str, kind: LayerKind, doc: &Document) -> ReviewLayer {
    ReviewLayer::from_document(name, kind, doc)
}

/// The corpus document `doc` is (same id and text, else same text), if any.
fn matching<'a>(doc: &Document, known: &'a [Known]) -> Option<&'a Known> {
    let hash = text_hash_hex(doc.text().as_str());
    known
        .iter()
        .find(|k| k.id == doc.id() && k.hash == hash)
        .or_else(|| known.iter().find(|k| k.hash == hash))
}

/// What `files` become in a corpus holding `known`, imported by `me` (the annotator name set
/// in this browser, empty when none) in `mode`; `None` when the ordinary import should take
/// the file (module doc). A file that cannot be read at all is an error, as for any import.
pub fn plan(
    files: &[(String, String)],
    kind: Option<FormatKind>,
    mode: Mode,
    me: &str,
    known: &[Known],
) -> Result<Option<Intake>, ImportFailure> {
    let (docs, annotator, predictions) = read(files, kind)?;
    let source = files
        .iter()
        .map(|(n, _)| n.as_str())
        .collect::<Vec<_>>()
        .join(" + ");
    let file_name = files.first().map(|(n, _)| n.as_str()).unwrap_or_default();
    let name = annotator_name(annotator.as_deref(), file_name);
    let someone_else = annotator
        .as_deref()
        .is_some_and(|a| a.trim() != me.trim() || me.trim().is_empty());
    let any_known = docs.iter().any(|d| matching(&d.doc, known).is_some());
    if mode == Mode::Auto
        && predictions.is_empty()
        && !someone_else
        && !any_known
        && docs.len() == 1
    {
        return Ok(None);
    }
    let kind = match mode {
        Mode::Auto => LayerKind::Annotator,
        Mode::Suggestions => LayerKind::Suggestions,
    };
    let mut items = Vec::with_capacity(docs.len());
    let mut left_out = 0;
    for (i, imported) in docs.iter().enumerate() {
        left_out += imported.problems.len();
        let doc = &imported.doc;
        // Predictions belong to the first (Label Studio's only) document.
        let suggestions: Vec<ReviewLayer> = if i == 0 {
            predictions
                .iter()
                .map(|(source, p)| layer(source, LayerKind::Suggestions, &p.doc))
                .collect()
        } else {
            Vec::new()
        };
        let matched = matching(doc, known);
        // A Label Studio task with predictions and no annotation holds no annotator's work.
        let predictions_only = !suggestions.is_empty() && doc.spans().is_empty();
        // An annotator who labelled nothing in a document still has a layer of it (an empty
        // one counts in agreement), except in a new document from an unnamed file.
        let own_layer = (!predictions_only
            && (!doc.spans().is_empty()
                || someone_else
                || mode == Mode::Suggestions
                || matched.is_some()))
        .then(|| layer(&name, kind, doc));
        match matched {
            Some(k) => {
                items.extend(
                    own_layer
                        .into_iter()
                        .chain(suggestions)
                        .map(|layer| Item::Layer {
                            doc: k.id.clone(),
                            layer,
                        }),
                );
            }
            None if mode == Mode::Suggestions || someone_else => items.push(Item::New {
                doc: without_spans(doc),
                layers: own_layer.into_iter().chain(suggestions).collect(),
            }),
            None => items.push(Item::New {
                doc: doc.clone(),
                layers: suggestions,
            }),
        }
    }
    Ok(Some(Intake {
        source,
        items,
        left_out,
    }))
}

#[cfg(test)]
mod tests;
