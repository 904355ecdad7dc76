//! The agreement report built one document at a time: [`Tally::add`] takes one compared
//! document (every annotator's version of it, in annotator order) and keeps only counts, tags
//! and units; [`Tally::finish`] computes the report. [`super::agreement`] runs it over the
//! documents [`super::align`] pairs up; the agreement panel feeds it documents as it reads
//! them from the store, with a pause between documents so a large corpus never freezes the
//! page. Both give the same numbers to the last bit: the same counts, the same tags in the
//! same order, the same units in the same order.
//!
//! Labels are interned in the order they are first seen and renumbered in name order at the
//! end, because the report's label order (and its token codes and α_u categories) is by name
//! over every compared document, which is known only once all have been added.

use std::collections::{BTreeMap, BTreeSet};

use super::agreement::{
    AgreementReport, AlphaU, AttributeAgreement, PairF1, PairKappa, PairRelationF1,
    RelationAgreement, RelationF1, SpanAgreement, TokenAgreement, F1,
};
use super::alpha_u::{Study, Unit};
use super::coding::{cohen_kappa, fleiss_kappa, krippendorff_alpha_nominal};
use super::confusion::Confusion;
use super::layer::{LayerDoc, LayerSpan};
use super::qualifiers::{
    attribute_items, attribute_kappa, relation_counts, Item, ItemKey, RelationCounts,
};
use super::span_f1::{overlap_pairs, Counts};
use super::tokens::{token_tags, tokens};

/// A unit of α_u before the labels are renumbered: `category` is an interned label.
#[derive(Clone, Copy, Debug)]
struct RawUnit {
    begin: u64,
    length: u64,
    rater: usize,
    label: usize,
}

/// The agreement of a fixed list of annotators, gathered document by document.
#[derive(Clone, Debug)]
pub struct Tally {
    annotators: Vec<String>,
    /// Every pair `(a, b)`, `a < b`.
    pairs: Vec<(usize, usize)>,
    documents: usize,
    skipped: Vec<String>,
    /// Interned label names, in the order first seen.
    labels: Vec<String>,
    label_index: BTreeMap<String, usize>,
    /// Per pair: all spans pooled.
    all: Vec<Counts>,
    /// Per pair and interned label.
    per_label: Vec<BTreeMap<usize, Counts>>,
    /// Per pair and relation type.
    relations: Vec<BTreeMap<String, RelationCounts>>,
    /// Per pair, by label and attribute: the attribute items in the order added.
    items: Vec<BTreeMap<ItemKey, Vec<Item>>>,
    /// Per rater, per token: 0 for `O`, else 1 + the interned label.
    tags: Vec<Vec<usize>>,
    units: Vec<RawUnit>,
    /// Code points of the continuum so far (the compared texts one after another).
    offset: u64,
}

impl Tally {
    pub fn new(annotators: Vec<String>) -> Tally {
        let n = annotators.len();
        let pairs: Vec<(usize, usize)> = (0..n)
            .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
            .collect();
        Tally {
            all: vec![Counts::default(); pairs.len()],
            per_label: vec![BTreeMap::new(); pairs.len()],
            relations: vec![BTreeMap::new(); pairs.len()],
            items: vec![BTreeMap::new(); pairs.len()],
            tags: vec![Vec::new(); n],
            annotators,
            pairs,
            documents: 0,
            skipped: Vec::new(),
            labels: Vec::new(),
            label_index: BTreeMap::new(),
            units: Vec::new(),
            offset: 0,
        }
    }

    pub fn annotators(&self) -> &[String] {
        &self.annotators
    }

    /// Documents added so far.
    pub fn documents(&self) -> usize {
        self.documents
    }

    /// A document left out (not every annotator has it); listed once under `skipped`.
    pub fn skip(&mut self, id: &str) {
        if !self.skipped.iter().any(|s| s == id) {
            self.skipped.push(id.to_string());
        }
    }

    fn intern(&mut self, label: &str) -> usize {
        if let Some(&i) = self.label_index.get(label) {
            return i;
        }
        let i = self.labels.len();
        self.labels.push(label.to_string());
        self.label_index.insert(label.to_string(), i);
        i
    }

    /// Adds one compared document: `versions[r]` is annotator `r`'s version of it (all of the
    /// same text). A call with fewer versions than annotators counts the missing ones as
    /// having no span.
    pub fn add(&mut self, versions: &[&LayerDoc]) {
        self.documents += 1;
        let raters = self.annotators.len();
        let empty = LayerDoc::new("", "");
        let version = |r: usize| versions.get(r).copied().unwrap_or(&empty);
        let here: BTreeSet<&str> = (0..raters)
            .flat_map(|r| version(r).spans.iter().map(|s| s.label.as_str()))
            .collect();
        let here: Vec<(usize, &str)> = here.into_iter().map(|l| (self.intern(l), l)).collect();
        for (p, &(a, b)) in self.pairs.iter().enumerate() {
            let (x, y) = (version(a), version(b));
            self.all[p].add(Counts::of(&x.spans, &y.spans));
            for &(i, label) in &here {
                let c = Counts::of(&with_label(x, label), &with_label(y, label));
                self.per_label[p].entry(i).or_default().add(c);
            }
            let matched = overlap_pairs(&x.spans, &y.spans);
            for (kind, c) in relation_counts(x, y, &matched) {
                self.relations[p].entry(kind).or_default().add(c);
            }
            for (key, items) in attribute_items(x, y, &matched) {
                self.items[p].entry(key).or_default().extend(items);
            }
        }
        let text = versions.first().map_or("", |d| d.text.as_str());
        let toks = tokens(text);
        for r in 0..raters {
            let tags: Vec<usize> = token_tags(&toks, &version(r).spans)
                .into_iter()
                .map(|t| t.and_then(|t| self.label_index.get(t)).map_or(0, |i| i + 1))
                .collect();
            if let Some(out) = self.tags.get_mut(r) {
                out.extend(tags);
            }
        }
        let len = text.chars().count();
        for r in 0..raters {
            // A span must stay inside its own document's stretch of the continuum.
            let inside = version(r)
                .spans
                .iter()
                .filter(|s| s.end <= len && !s.is_empty());
            for s in inside {
                if let Some(&label) = self.label_index.get(&s.label) {
                    self.units.push(RawUnit {
                        begin: self.offset + s.start as u64,
                        length: s.len() as u64,
                        rater: r,
                        label,
                    });
                }
            }
        }
        self.offset += len as u64;
    }

    /// Label names sorted, and each interned label's place among them.
    fn sorted_labels(&self) -> (Vec<&str>, Vec<usize>) {
        let mut sorted: Vec<&str> = self.labels.iter().map(String::as_str).collect();
        crate::model::order::sort_by(&mut sorted, Ord::cmp);
        let place = self
            .labels
            .iter()
            .map(|l| sorted.binary_search(&l.as_str()).unwrap_or(0))
            .collect();
        (sorted, place)
    }

    /// The report on everything added.
    pub fn finish(&self) -> AgreementReport {
        let (sorted, place) = self.sorted_labels();
        AgreementReport {
            annotators: self.annotators.clone(),
            documents: self.documents,
            skipped: self.skipped.clone(),
            tokens: self.tags.first().map_or(0, Vec::len),
            span: self.span_agreement(&sorted),
            token: self.token_agreement(&place),
            alpha_u: self.alpha_u(&sorted, &place),
            relations: self.relation_agreement(),
            attributes: self.attribute_agreement(),
        }
    }

    fn relation_agreement(&self) -> RelationAgreement {
        let pooled: Vec<RelationCounts> = self
            .relations
            .iter()
            .map(|m| {
                let mut all = RelationCounts::default();
                m.values().for_each(|c| all.add(*c));
                all
            })
            .collect();
        let types: BTreeSet<&String> = self.relations.iter().flat_map(|m| m.keys()).collect();
        let per_type = types
            .into_iter()
            .map(|t| {
                let f1 = mean(
                    self.relations
                        .iter()
                        .map(|m| m.get(t).and_then(RelationCounts::f1)),
                );
                (t.clone(), RelationF1 { f1 })
            })
            .collect();
        RelationAgreement {
            f1: mean(pooled.iter().map(RelationCounts::f1)),
            pairs: self
                .pairs
                .iter()
                .zip(&pooled)
                .map(|(&(a, b), c)| PairRelationF1 {
                    a: self.annotators[a].clone(),
                    b: self.annotators[b].clone(),
                    f1: c.f1(),
                })
                .collect(),
            per_type,
        }
    }

    fn attribute_agreement(&self) -> BTreeMap<String, BTreeMap<String, AttributeAgreement>> {
        let keys: BTreeSet<&ItemKey> = self.items.iter().flat_map(|m| m.keys()).collect();
        let mut out: BTreeMap<String, BTreeMap<String, AttributeAgreement>> = BTreeMap::new();
        for key in keys {
            let pairs: Vec<PairKappa> = self
                .pairs
                .iter()
                .zip(&self.items)
                .map(|(&(a, b), m)| {
                    let items = m.get(key).map_or(&[][..], Vec::as_slice);
                    PairKappa {
                        a: self.annotators[a].clone(),
                        b: self.annotators[b].clone(),
                        cohen_kappa: attribute_kappa(items),
                        items: items.len(),
                    }
                })
                .collect();
            let agreement = AttributeAgreement {
                cohen_kappa: mean(pairs.iter().map(|p| p.cohen_kappa)),
                items: pairs.iter().map(|p| p.items).sum(),
                pairs,
            };
            out.entry(key.0.clone())
                .or_default()
                .insert(key.1.clone(), agreement);
        }
        out
    }

    fn span_agreement(&self, sorted: &[&str]) -> SpanAgreement {
        let per_label = sorted
            .iter()
            .map(|&label| {
                let i = self.label_index.get(label).copied();
                let counts: Vec<Counts> = self
                    .per_label
                    .iter()
                    .map(|m| i.and_then(|i| m.get(&i)).copied().unwrap_or_default())
                    .collect();
                let f1 = F1 {
                    exact_f1: mean(counts.iter().map(Counts::exact_f1)),
                    overlap_f1: mean(counts.iter().map(Counts::overlap_f1)),
                };
                (label.to_string(), f1)
            })
            .collect();
        SpanAgreement {
            exact_f1: mean(self.all.iter().map(Counts::exact_f1)),
            overlap_f1: mean(self.all.iter().map(Counts::overlap_f1)),
            pairs: self
                .pairs
                .iter()
                .zip(&self.all)
                .map(|(&(a, b), c)| PairF1 {
                    a: self.annotators[a].clone(),
                    b: self.annotators[b].clone(),
                    exact_f1: c.exact_f1(),
                    overlap_f1: c.overlap_f1(),
                })
                .collect(),
            per_label,
        }
    }

    /// Token codes renumbered: 0 for `O`, 1 + the label's place in name order.
    fn codes(&self, place: &[usize]) -> Vec<Vec<usize>> {
        self.tags
            .iter()
            .map(|r| {
                r.iter()
                    .map(|&t| match t {
                        0 => 0,
                        t => place.get(t - 1).map_or(0, |p| p + 1),
                    })
                    .collect()
            })
            .collect()
    }

    fn token_agreement(&self, place: &[usize]) -> TokenAgreement {
        let codes = self.codes(place);
        let count = codes.first().map_or(0, Vec::len);
        let cohen = match codes.as_slice() {
            [a, b] => cohen_kappa(a, b),
            _ => None,
        };
        let (fleiss, alpha) = if codes.len() >= 2 && count > 0 {
            (fleiss_kappa(&codes), krippendorff_alpha_nominal(&codes))
        } else {
            (None, None)
        };
        TokenAgreement {
            cohen_kappa: cohen,
            fleiss_kappa: fleiss,
            krippendorff_alpha: alpha,
        }
    }

    fn alpha_u(&self, sorted: &[&str], place: &[usize]) -> AlphaU {
        let raters = self.annotators.len();
        if raters < 2 {
            return AlphaU {
                overall: None,
                per_label: BTreeMap::new(),
            };
        }
        let units: Vec<Unit> = self
            .units
            .iter()
            .map(|u| Unit {
                begin: u.begin,
                length: u.length,
                rater: u.rater,
                category: place.get(u.label).copied().unwrap_or(0),
            })
            .collect();
        let study = Study::new(0, self.offset, raters, &units);
        let per_label = sorted
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

    /// The token label confusion table of annotators `a` and `b` over everything added;
    /// `None` when either is not an annotator.
    pub fn confusion(&self, a: usize, b: usize) -> Option<Confusion> {
        let (name_a, name_b) = (self.annotators.get(a)?, self.annotators.get(b)?);
        let (sorted, place) = self.sorted_labels();
        let codes = self.codes(&place);
        let tags: Vec<Option<String>> = std::iter::once(None)
            .chain(sorted.iter().map(|l| Some(l.to_string())))
            .collect();
        let mut counts = vec![vec![0; tags.len()]; tags.len()];
        for (&x, &y) in codes.get(a)?.iter().zip(codes.get(b)?) {
            if let Some(cell) = counts.get_mut(x).and_then(|r| r.get_mut(y)) {
                *cell += 1;
            }
        }
        Some(Confusion {
            a: name_a.clone(),
            b: name_b.clone(),
            tags,
            counts,
        })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::confusion::confusion;
    use crate::review::Layer;

    const MERKEL: &str = "Merkel said: \"We will manage.\" Critics at the CDU disagreed.";
    const WORLD: &str = "Zoë 👩🏽‍💻 met 李雷 in مريم's café.\r\nשלום עולם, Ελένη!";

    fn doc(id: &str, text: &str, spans: &[(usize, usize, &str)]) -> LayerDoc {
        LayerDoc {
            id: id.into(),
            text: text.into(),
            spans: spans
                .iter()
                .map(|&(a, b, l)| LayerSpan::new(a, b, l))
                .collect(),
            relations: Vec::new(),
        }
    }

    #[track_caller]
    fn check(a: Vec<LayerDoc>, b: Vec<LayerDoc>) {
        let layers = [
            Layer {
                annotator: "A".into(),
                documents: a.clone(),
            },
            Layer {
                annotator: "B".into(),
                documents: b.clone(),
            },
        ];
        let mut tally = Tally::new(vec!["A".into(), "B".into()]);
        for (x, y) in a.iter().zip(&b) {
            tally.add(&[x, y]);
        }
        assert_eq!(tally.finish(), crate::review::agreement(&layers));
        assert_eq!(tally.confusion(0, 1), confusion(&layers, 0, 1));
        assert_eq!(tally.confusion(0, 2), None);
    }

    #[test]
    fn a_tally_fed_one_document_at_a_time_is_the_report_and_the_confusion_table() {
        // Labels first seen out of name order, in several documents and scripts.
        check(
            vec![
                doc("w", WORLD, &[(13, 15, "ZZ"), (44, 49, "PER")]),
                doc(
                    "m",
                    MERKEL,
                    &[
                        (0, 6, "PER"),
                        (13, 30, "QUOTE"),
                        (31, 38, "PER"),
                        (46, 49, "ORG"),
                    ],
                ),
            ],
            vec![
                doc("w", WORLD, &[(13, 15, "PER"), (4, 8, "ZZ")]),
                doc(
                    "m",
                    MERKEL,
                    &[(0, 6, "PER"), (14, 28, "QUOTE"), (31, 38, "ORG")],
                ),
            ],
        );
        check(
            vec![doc("e", "nothing", &[])],
            vec![doc("e", "nothing", &[])],
        );
        check(Vec::new(), Vec::new());
    }
}
