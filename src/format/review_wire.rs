//! The native format's optional review fields as serde types: what a reviewed document
//! carries besides its gold annotations. Files without them are plain native files, and
//! every reader of the format that ignores them still reads the gold annotations. Reading
//! them back is `native_review`'s; these types know neither it nor the rest of `native`.
//!
//! On an annotation (a gold span):
//!
//! ```json
//! {"id": "a2", "label": "QUOTE", "start": 13, "end": 30, "text": "\"We will manage.\"",
//!  "provenance": {"proposed_by": ["A", "C"], "merged": "reviewer", "operation": "accept", "layer": "A"},
//!  "comment": "quote marks included, as in the guidelines"}
//! ```
//!
//! - `provenance.proposed_by`: the layers (by name) that hold exactly this span; for a span
//!   the reviewer resized or relabelled, those that held the span it was made from.
//! - `provenance.merged`: `"auto"` (the auto-merge) or `"reviewer"`; then `operation` is one of
//!   `accept` (a conflict's version), `accept_all` (all of one layer's remaining spans), `add`,
//!   `resize`, `relabel`, and `layer` names whose version `accept`/`accept_all` took.
//! - An annotation without `provenance` was in the document before the review.
//!
//! On a document:
//!
//! ```json
//! "layers": [{"name": "B", "kind": "annotator",
//!             "annotations": [{"label": "QUOTE", "start": 14, "end": 28, "text": "We will manage"}]}],
//! "review": {"threshold": "all",
//!            "conflicts": [{"start": 13, "end": 30, "resolution": "accepted", "layer": "A",
//!                           "comment": "…"}]},
//! "needs_work": [{"annotator": "B", "comment": "please mark quotes with their marks"}]
//! ```
//!
//! - `layers`: each annotator's (`kind` `"annotator"`) or model's (`"suggestions"`) spans, read-only.
//!   A layer's annotation may carry `attrs` (attribute values as on gold annotations: a flag
//!   as a boolean, a choice or text as a string) and a `note`; a layer may carry `relations`,
//!   `[{"type": "said_by", "from": 0, "to": 2}]`, whose ends are indices into its
//!   `annotations` (a layer's spans have no ids). All three are optional: older files read.
//! - `review.threshold`: `"all"`, `"majority"` or a number k (at least k annotators).
//! - `review.settled` (when there were any): the document's own spans before the review, which
//!   are never disputed and which a re-merge keeps, like a layer's spans.
//! - `review.conflicts`: every conflict in text order, its region `[start, end)`, and what was
//!   decided: `resolution` `"accepted"`, `"accepted_all"` (with `layer`) or `"rejected"`; absent
//!   while it is open. The conflicts are worked out again from the layers on import; the file's
//!   list says which were decided (matched by region).
//! - `needs_work`: the annotators the document was sent back to, each with the comment.
//!
//! Offsets in all of these count the file's `offset_unit`, like the annotations'.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::qualifiers::WireValue;

/// `provenance` on an annotation.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct WireProvenance {
    pub proposed_by: Vec<String>,
    pub merged: WireMerged,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation: Option<WireOperation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layer: Option<String>,
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum WireMerged {
    Auto,
    Reviewer,
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum WireOperation {
    Accept,
    AcceptAll,
    Add,
    Resize,
    Relabel,
}

/// One entry of a document's `layers`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct WireLayer {
    pub name: String,
    pub kind: WireLayerKind,
    pub annotations: Vec<WireLayerSpan>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<WireLayerRelation>,
}

/// A relation of a layer: its type, and its ends as indices into the layer's `annotations`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct WireLayerRelation {
    #[serde(rename = "type")]
    pub kind: String,
    pub from: usize,
    pub to: usize,
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum WireLayerKind {
    Annotator,
    Suggestions,
}

/// A span of a layer: no id, the covered text as a check.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct WireLayerSpan {
    pub label: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attrs: BTreeMap<String, WireValue>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A document's `review`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct WireReview {
    pub threshold: WireThreshold,
    /// The document's own spans before the review, when it had any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub settled: Vec<WireLayerSpan>,
    #[serde(default)]
    pub conflicts: Vec<WireConflict>,
}

/// `"all"`, `"majority"` or a number.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(untagged)]
pub enum WireThreshold {
    Named(WireThresholdName),
    AtLeast(usize),
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum WireThresholdName {
    All,
    Majority,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct WireConflict {
    pub start: usize,
    pub end: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<WireResolution>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum WireResolution {
    Accepted,
    AcceptedAll,
    Rejected,
}

/// One entry of a document's `needs_work`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct WireNeedsWork {
    pub annotator: String,
    pub comment: String,
}
