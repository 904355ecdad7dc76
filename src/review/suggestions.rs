//! Layers from imported files: another annotator's file for a document under review, or any
//! imported document "as suggestions" (a model's output: Label Studio predictions, a spaCy or
//! Prodigy JSONL export, any supported format), which the annotator then accepts or rejects
//! conflict by conflict like any version. Knows the import result, not how it was read.

use std::fmt;

use super::layer::{LayerKind, ReviewLayer};
use crate::format::label_studio::Prediction;
use crate::format::Imported;
use crate::model::Document;

/// Why an import cannot be a layer of a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LayerMismatch {
    /// The imported text is not the document's text, so its offsets would point elsewhere.
    OtherText { source: String },
}

impl fmt::Display for LayerMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LayerMismatch::OtherText { source } => write!(
                f,
                "{source} is about another text than this document, so its spans cannot be placed"
            ),
        }
    }
}

/// The spans of `imported` as a layer named `name` of `doc`, whose text must be the same.
/// Spans the import left out stay out (its `problems` say which); when the import offers an
/// offset repair, the caller decides and passes the repaired import.
pub fn layer_of(
    name: &str,
    kind: LayerKind,
    imported: &Imported,
    doc: &Document,
) -> Result<ReviewLayer, LayerMismatch> {
    if imported.doc.text().as_str() != doc.text().as_str() {
        return Err(LayerMismatch::OtherText {
            source: name.to_string(),
        });
    }
    Ok(ReviewLayer::from_document(name, kind, &imported.doc))
}

/// `imported` as suggestions for `doc`, named after their `source`.
pub fn suggestions(
    source: &str,
    imported: &Imported,
    doc: &Document,
) -> Result<ReviewLayer, LayerMismatch> {
    layer_of(source, LayerKind::Suggestions, imported, doc)
}

/// Each Label Studio prediction as a suggestions layer for `doc`, named after its model.
pub fn from_predictions(
    predictions: &[Prediction],
    doc: &Document,
) -> Result<Vec<ReviewLayer>, LayerMismatch> {
    predictions
        .iter()
        .map(|p| suggestions(&p.source, &p.imported, doc))
        .collect()
}

#[cfg(test)]
mod tests;
