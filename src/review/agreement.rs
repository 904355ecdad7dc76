//! The agreement report of several annotators' layers: span F1 (exact and overlap, per pair and
//! per label), chance-corrected agreement on tokens, and Krippendorff's α_u. This is the one
//! place that decides what is compared with what; the measures live in their own modules.
//!
//! The report serialises (serde) to the JSON `annotate agree` prints, fields in this order:
//!
//! ```json
//! { "annotators": ["A", "B"], "documents": 1, "skipped": [], "tokens": 15,
//!   "span": { "exact_f1": 0.2857, "overlap_f1": 0.5714,
//!             "pairs": [{"a": "A", "b": "B", "exact_f1": 0.2857, "overlap_f1": 0.5714}],
//!             "per_label": {"ORG": {"exact_f1": 0.0, "overlap_f1": 0.0}, …} },
//!   "token": { "cohen_kappa": 0.4792, "fleiss_kappa": 0.4545, "krippendorff_alpha": 0.4727 },
//!   "alpha_u": { "overall": 0.6466, "per_label": {"ORG": -0.2920, …} },
//!   "relations": { "f1": 0.5, "pairs": [{"a": "A", "b": "B", "f1": 0.5}],
//!                  "per_type": {"said_by": {"f1": 0.5}} },
//!   "attributes": { "QUOTE": { "direct": { "cohen_kappa": 0.4, "items": 5,
//!                   "pairs": [{"a": "A", "b": "B", "cohen_kappa": 0.4, "items": 5}] } } } }
//! ```
//!
//! - Documents: see [`super::align`]; only documents every layer has are compared.
//! - Span F1 of a pair: pooled over the compared documents ([`super::span_f1`]); `null` when
//!   neither annotator of the pair has a span. The top-level and per-label values are the mean
//!   over the pairs whose F1 is not `null`, and `null` when there is none.
//! - Labels: those some annotator used in a compared document, sorted by name. A label that
//!   no compared annotator used is left out.
//! - Tokens: [`super::tokens`] on each compared document; every annotator tags every token.
//!   `cohen_kappa` only for exactly two annotators. A token nobody labelled is `O`, which is
//!   kept apart from a label that happens to be called "O".
//! - α_u: one continuum made of the compared documents one after another (first layer's
//!   order), per label, and overall (see [`super::alpha_u`]); `null` when nobody labelled
//!   anything.
//!
//! - Relations and attributes: [`super::qualifiers`] says what matches. Relation F1 of a pair
//!   is pooled over the compared documents (all types together for `f1` and `pairs`, one type
//!   for `per_type`) and averaged over the pairs like span F1; a type nobody used is left out.
//! - Attributes: per label, per attribute name some annotator set on a matched span, Cohen's
//!   κ of each pair on its items pooled over the documents ("unset" a category of its own),
//!   `cohen_kappa` the mean over the pairs whose κ is not `null`, `items` the items of all
//!   pairs together.
//!
//! Numbers are plain `f64`s: the JSON shows all the digits (0.2857142857142857).

use std::collections::BTreeMap;

use serde::Serialize;

use super::align::align;
use super::layer::Layer;
use super::tally::Tally;

/// Everything `annotate agree` prints and the agreement panel shows.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct AgreementReport {
    /// The annotators, in the order the layers were given.
    pub annotators: Vec<String>,
    /// Documents compared.
    pub documents: usize,
    /// Ids of the documents not in every layer.
    pub skipped: Vec<String>,
    /// Tokens in the compared documents.
    pub tokens: usize,
    pub span: SpanAgreement,
    pub token: TokenAgreement,
    pub alpha_u: AlphaU,
    pub relations: RelationAgreement,
    /// By label, then attribute name.
    pub attributes: BTreeMap<String, BTreeMap<String, AttributeAgreement>>,
}

/// Relation F1 (see the module doc).
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct RelationAgreement {
    pub f1: Option<f64>,
    /// Every pair of annotators, as in [`SpanAgreement::pairs`].
    pub pairs: Vec<PairRelationF1>,
    pub per_type: BTreeMap<String, RelationF1>,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct PairRelationF1 {
    pub a: String,
    pub b: String,
    pub f1: Option<f64>,
}

#[derive(Serialize, Debug, Clone, Copy, PartialEq)]
pub struct RelationF1 {
    pub f1: Option<f64>,
}

/// Cohen's κ on one attribute's values (see the module doc).
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct AttributeAgreement {
    pub cohen_kappa: Option<f64>,
    pub items: usize,
    pub pairs: Vec<PairKappa>,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct PairKappa {
    pub a: String,
    pub b: String,
    pub cohen_kappa: Option<f64>,
    pub items: usize,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct SpanAgreement {
    pub exact_f1: Option<f64>,
    pub overlap_f1: Option<f64>,
    /// Every pair of annotators, `a` before `b` in the annotators' order.
    pub pairs: Vec<PairF1>,
    pub per_label: BTreeMap<String, F1>,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct PairF1 {
    pub a: String,
    pub b: String,
    pub exact_f1: Option<f64>,
    pub overlap_f1: Option<f64>,
}

#[derive(Serialize, Debug, Clone, Copy, PartialEq)]
pub struct F1 {
    pub exact_f1: Option<f64>,
    pub overlap_f1: Option<f64>,
}

#[derive(Serialize, Debug, Clone, Copy, PartialEq)]
pub struct TokenAgreement {
    pub cohen_kappa: Option<f64>,
    pub fleiss_kappa: Option<f64>,
    pub krippendorff_alpha: Option<f64>,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct AlphaU {
    pub overall: Option<f64>,
    pub per_label: BTreeMap<String, f64>,
}

impl AgreementReport {
    /// The report as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        // Plain structs of strings, numbers and maps: serialising cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// The agreement of `layers` (one per annotator) on the documents they all have.
pub fn agreement(layers: &[Layer]) -> AgreementReport {
    let aligned = align(layers);
    let mut tally = Tally::new(layers.iter().map(|l| l.annotator.clone()).collect());
    for doc in &aligned.documents {
        tally.add(doc);
    }
    for id in &aligned.skipped {
        tally.skip(id);
    }
    tally.finish()
}

#[cfg(test)]
mod tests;
