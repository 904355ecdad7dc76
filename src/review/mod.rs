//! Review: several annotators' layers of the same documents, how far they agree, and the
//! reviewer's work of merging them into one gold layer. Pure like `model`: no browser crate,
//! tested natively; the agreement panel and `annotate agree` both call [`agreement`], so the
//! numbers are the same wherever they are shown, and the review screen's reducer calls
//! [`Review`]'s operations, one call per key.
//!
//! - [`layer`]: one annotator's documents and spans as plain values; one document's layer.
//! - [`merge`]: auto-merge at a threshold, and the conflicts it leaves, grouped by region.
//! - [`links`]: the relations in the auto-merge: merged, disputed, where conflicts show them.
//! - [`state`]: the review of one document: gold, decisions, comments, history.
//! - [`provenance`]: who proposed a gold span and how it got into gold.
//! - [`persist`]: a review in the native format (its optional review fields) and back.
//! - [`stored`]: a document's review from what the corpus store keeps (layers, the saved review).
//! - [`suggestions`]: an imported file as a layer: another annotator's, or a model's suggestions.
//! - [`intake`]: what an imported file becomes in a corpus: new documents, or layers of those it has.
//! - [`align`]: which documents every layer has (by id, else by SHA-256 of the text).
//! - [`span_f1`]: exact and overlap span F1 of a pair of annotators.
//! - [`qualifiers`]: relation F1 and attribute κ of a pair, through the spans matched by overlap.
//! - [`tokens`]: the tokens of a text and each annotator's tag on each token.
//! - [`coding`]: Cohen's κ, Fleiss' κ and Krippendorff's α (nominal) on those tags.
//! - [`alpha_u`]: Krippendorff's unitizing α, ported from DKPro Statistics.
//! - [`agreement`]: the report that puts them together; [`csv`] writes it for spreadsheets.
//! - [`tally`]: the same report built one document at a time (the panel's slices).
//! - [`by_document`]: the report per document, lowest agreement first.
//! - [`confusion`]: which label one annotator gave a token where another gave another.

pub mod agreement;
pub mod align;
pub mod alpha_u;
pub mod by_document;
pub mod coding;
pub mod confusion;
pub mod csv;
pub mod intake;
pub mod layer;
pub mod links;
pub mod merge;
pub mod persist;
pub mod provenance;
pub mod qualifiers;
pub mod span_f1;
pub mod state;
pub mod stored;
pub mod suggestions;
pub mod tally;
pub mod tokens;

pub use agreement::{agreement, AgreementReport};
pub use by_document::{documents_to_csv, per_document, DocumentAgreement};
pub use confusion::{confusion, Confusion};
pub use layer::{Layer, LayerDoc, LayerKind, LayerSpan, ReviewLayer};
pub use merge::{Conflict, Differences, Threshold};
pub use provenance::{How, Provenance};
pub use state::{
    ConflictId, Resolution, Review, ReviewError, ReviewParts, ReviewRefusal, ReviewStatus, Which,
};
pub use suggestions::{layer_of, suggestions, LayerMismatch};
pub use tally::Tally;
