//! Agreement per document, so the panel can list the documents with the lowest agreement
//! first and open them for review. Each document's report is [`agreement`] on that document
//! alone, with the same rules as the corpus report.
//!
//! The order: by exact span F1 (the mean over pairs), lowest first, because an exact
//! disagreement is what the auto-merge leaves as a conflict; ties by overlap F1, then in the
//! first layer's order. Documents on which nobody labelled anything (F1 `null`: nothing to
//! disagree on) come last.

use std::cmp::Ordering;

use super::agreement::{agreement, AgreementReport};
use super::align::align;
use super::csv::{field, lines, number};
use super::layer::Layer;

/// One document's agreement.
#[derive(Clone, Debug, PartialEq)]
pub struct DocumentAgreement {
    /// The document's id in the first layer.
    pub id: String,
    pub report: AgreementReport,
}

impl DocumentAgreement {
    /// The number the list sorts by: the mean exact span F1 over pairs.
    pub fn score(&self) -> Option<f64> {
        self.report.span.exact_f1
    }
}

/// The agreement on each document every layer has, lowest first (see the module doc).
pub fn per_document(layers: &[Layer]) -> Vec<DocumentAgreement> {
    let aligned = align(layers);
    let mut out: Vec<DocumentAgreement> = aligned
        .documents
        .iter()
        .map(|docs| {
            let one: Vec<Layer> = layers
                .iter()
                .zip(docs)
                .map(|(l, d)| Layer {
                    annotator: l.annotator.clone(),
                    documents: vec![(*d).clone()],
                })
                .collect();
            DocumentAgreement {
                id: docs.first().map(|d| d.id.clone()).unwrap_or_default(),
                report: agreement(&one),
            }
        })
        .collect();
    sort_lowest_first(&mut out);
    out
}

/// Sorts documents lowest agreement first (see the module doc); a stable sort, so equal
/// documents keep their order.
pub fn sort_lowest_first(docs: &mut [DocumentAgreement]) {
    crate::model::order::sort_by(docs, |a, b| {
        let key = |d: &DocumentAgreement| (d.score(), d.report.span.overlap_f1);
        let ((ea, oa), (eb, ob)) = (key(a), key(b));
        lowest_first(ea, eb).then_with(|| lowest_first(oa, ob))
    });
}

/// `None` after every number; numbers ascending.
fn lowest_first(a: Option<f64>, b: Option<f64>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// The list as CSV, one row per document in the list's order: `document, exact_f1,
/// overlap_f1, cohen_kappa, fleiss_kappa, krippendorff_alpha, alpha_u, tokens` (empty for
/// `null`; quoting and line ends as [`super::csv`]).
pub fn documents_to_csv(docs: &[DocumentAgreement]) -> String {
    let header =
        "document,exact_f1,overlap_f1,cohen_kappa,fleiss_kappa,krippendorff_alpha,alpha_u,tokens";
    let rows = docs.iter().map(|d| {
        let r = &d.report;
        [
            field(&d.id),
            number(r.span.exact_f1),
            number(r.span.overlap_f1),
            number(r.token.cohen_kappa),
            number(r.token.fleiss_kappa),
            number(r.token.krippendorff_alpha),
            number(r.alpha_u.overall),
            r.tokens.to_string(),
        ]
        .join(",")
    });
    lines(std::iter::once(header.to_string()).chain(rows))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::{LayerDoc, LayerSpan};

    const MERKEL: &str = "Merkel said: \"We will manage.\" Critics at the CDU disagreed.";
    const WORLD: &str = "Zoë 👩🏽‍💻 met 李雷 in مريم's café.\r\nשלום עולם, Ελένη!";

    type Doc<'a> = (&'a str, &'a str, &'a [(usize, usize, &'a str)]);

    fn layer(name: &str, docs: &[Doc]) -> Layer {
        Layer {
            annotator: name.into(),
            documents: docs
                .iter()
                .map(|&(id, text, spans)| LayerDoc {
                    id: id.into(),
                    text: text.into(),
                    spans: spans
                        .iter()
                        .map(|&(a, b, l)| LayerSpan::new(a, b, l))
                        .collect(),
                    relations: Vec::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn documents_are_listed_lowest_agreement_first() {
        let a = layer(
            "A",
            &[
                ("same", WORLD, &[(13, 15, "PER"), (44, 49, "PER")]),
                (
                    "merkel",
                    MERKEL,
                    &[
                        (0, 6, "PER"),
                        (13, 30, "QUOTE"),
                        (31, 38, "PER"),
                        (46, 49, "ORG"),
                    ],
                ),
                ("empty", "nothing here", &[]),
                ("half", WORLD, &[(4, 8, "X"), (33, 37, "LOC")]),
                ("only-a", "alone", &[(0, 5, "X")]),
            ],
        );
        let b = layer(
            "B",
            &[
                (
                    "merkel",
                    MERKEL,
                    &[(0, 6, "PER"), (14, 28, "QUOTE"), (31, 38, "ORG")],
                ),
                ("same", WORLD, &[(13, 15, "PER"), (44, 49, "PER")]),
                ("half", WORLD, &[(4, 8, "X"), (33, 37, "ORG")]),
                ("empty", "nothing here", &[]),
            ],
        );
        let list = per_document(&[a, b]);
        let got: Vec<(&str, Option<f64>)> =
            list.iter().map(|d| (d.id.as_str(), d.score())).collect();
        assert_eq!(
            got,
            [
                ("merkel", Some(2.0 / 7.0)),
                ("half", Some(0.5)),
                ("same", Some(1.0)),
                ("empty", None)
            ]
        );
        assert_eq!(list[0].report.documents, 1);
        assert_eq!(
            list[0].report.token.cohen_kappa,
            Some(23.0 / 48.0),
            "the corpus rules on one document"
        );
        let csv = documents_to_csv(&list);
        let rows: Vec<&str> = csv.lines().collect();
        assert_eq!(rows.len(), 5);
        assert!(
            rows[1].starts_with(&format!("merkel,{},{},", 2.0 / 7.0, 4.0 / 7.0)),
            "{}",
            rows[1]
        );
        assert_eq!(rows[4], "empty,,,,,,,2");
    }
}
