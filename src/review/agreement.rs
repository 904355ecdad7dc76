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
//!   "alpha_u": { "overall": 0.6466, "per_label": {"ORG": -0.2920, …} } }
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
//! Numbers are plain `f64`s: the JSON shows all the digits (0.2857142857142857).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::align::align;
use super::alpha_u::{Study, Unit};
use super::coding::{cohen_kappa, fleiss_kappa, krippendorff_alpha_nominal};
use super::layer::{Layer, LayerDoc, LayerSpan};
use super::span_f1::Counts;
use super::tokens::{token_tags, tokens};

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
    let docs = &aligned.documents;
    let labels: BTreeSet<&str> = docs
        .iter()
        .flatten()
        .flat_map(|d| d.spans.iter().map(|s| s.label.as_str()))
        .collect();
    let (token_count, token) = token_agreement(docs, layers.len(), &labels);
    AgreementReport {
        annotators: layers.iter().map(|l| l.annotator.clone()).collect(),
        documents: docs.len(),
        skipped: aligned.skipped,
        tokens: token_count,
        span: span_agreement(layers, docs, &labels),
        token,
        alpha_u: alpha_u(docs, layers.len(), &labels),
    }
}

/// The spans of `doc` with label `label`.
fn with_label(doc: &LayerDoc, label: &str) -> Vec<LayerSpan> {
    doc.spans
        .iter()
        .filter(|s| s.label == label)
        .cloned()
        .collect()
}

fn mean(values: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    let present: Vec<f64> = values.flatten().collect();
    (!present.is_empty()).then(|| present.iter().sum::<f64>() / present.len() as f64)
}

fn span_agreement(
    layers: &[Layer],
    docs: &[Vec<&LayerDoc>],
    labels: &BTreeSet<&str>,
) -> SpanAgreement {
    let n = layers.len();
    let pairs: Vec<(usize, usize)> = (0..n)
        .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
        .collect();
    let pooled = |a: usize, b: usize, label: Option<&str>| {
        let mut c = Counts::default();
        for doc in docs {
            let (x, y) = (doc[a], doc[b]);
            c.add(match label {
                None => Counts::of(&x.spans, &y.spans),
                Some(l) => Counts::of(&with_label(x, l), &with_label(y, l)),
            });
        }
        c
    };
    let all: Vec<Counts> = pairs.iter().map(|&(a, b)| pooled(a, b, None)).collect();
    let per_label = labels
        .iter()
        .map(|&label| {
            let counts: Vec<Counts> = pairs
                .iter()
                .map(|&(a, b)| pooled(a, b, Some(label)))
                .collect();
            let f1 = F1 {
                exact_f1: mean(counts.iter().map(Counts::exact_f1)),
                overlap_f1: mean(counts.iter().map(Counts::overlap_f1)),
            };
            (label.to_string(), f1)
        })
        .collect();
    SpanAgreement {
        exact_f1: mean(all.iter().map(Counts::exact_f1)),
        overlap_f1: mean(all.iter().map(Counts::overlap_f1)),
        pairs: pairs
            .iter()
            .zip(&all)
            .map(|(&(a, b), c)| PairF1 {
                a: layers[a].annotator.clone(),
                b: layers[b].annotator.clone(),
                exact_f1: c.exact_f1(),
                overlap_f1: c.overlap_f1(),
            })
            .collect(),
        per_label,
    }
}

/// The token count and κ/α on the tokens' tags (code 0 is `O`, label `i` is code `i + 1`).
fn token_agreement(
    docs: &[Vec<&LayerDoc>],
    raters: usize,
    labels: &BTreeSet<&str>,
) -> (usize, TokenAgreement) {
    let code = |tag: Option<&str>| {
        tag.and_then(|t| labels.iter().position(|&l| l == t))
            .map_or(0, |i| i + 1)
    };
    let mut codes: Vec<Vec<usize>> = vec![Vec::new(); raters];
    let mut count = 0;
    for doc in docs {
        let Some(first) = doc.first() else { continue };
        let toks = tokens(&first.text);
        count += toks.len();
        for (rater, layer_doc) in doc.iter().enumerate() {
            if let Some(out) = codes.get_mut(rater) {
                out.extend(token_tags(&toks, &layer_doc.spans).into_iter().map(code));
            }
        }
    }
    let cohen = match codes.as_slice() {
        [a, b] => cohen_kappa(a, b),
        _ => None,
    };
    let (fleiss, alpha) = if raters >= 2 && count > 0 {
        (fleiss_kappa(&codes), krippendorff_alpha_nominal(&codes))
    } else {
        (None, None)
    };
    (
        count,
        TokenAgreement {
            cohen_kappa: cohen,
            fleiss_kappa: fleiss,
            krippendorff_alpha: alpha,
        },
    )
}

fn alpha_u(docs: &[Vec<&LayerDoc>], raters: usize, labels: &BTreeSet<&str>) -> AlphaU {
    if raters < 2 {
        return AlphaU {
            overall: None,
            per_label: BTreeMap::new(),
        };
    }
    let mut units = Vec::new();
    let mut offset: u64 = 0;
    for doc in docs {
        let len = doc.first().map_or(0, |d| d.text.chars().count());
        for (rater, layer_doc) in doc.iter().enumerate() {
            // A span must stay inside its own document's stretch of the continuum.
            let inside = layer_doc
                .spans
                .iter()
                .filter(|s| s.end <= len && !s.is_empty());
            for s in inside {
                if let Some(category) = labels.iter().position(|&l| l == s.label) {
                    units.push(Unit {
                        begin: offset + s.start as u64,
                        length: s.len() as u64,
                        rater,
                        category,
                    });
                }
            }
        }
        offset += len as u64;
    }
    let study = Study::new(0, offset, raters, &units);
    let per_label = labels
        .iter()
        .enumerate()
        .filter(|&(c, _)| study.uses(c))
        .map(|(c, &label)| (label.to_string(), study.category_agreement(c)))
        .collect();
    AlphaU {
        overall: study.agreement(),
        per_label,
    }
}

#[cfg(test)]
mod tests;
