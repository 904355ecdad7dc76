//! Opening a review (the auto-merge into gold) and restoring one from what a file kept
//! ([`ReviewParts`]): unique layer names, the layers' labels added to the document's, the
//! spans that cannot be placed left out.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::rc::Rc;

use super::{Resolution, Review, ReviewError, Side};
use crate::model::editor::next_revision;
use crate::model::{CharRange, Document, Editor, LabelSet, Span, SpanId};
use crate::review::layer::{LayerKind, LayerSpan, ReviewLayer};
use crate::review::merge::{merge, text_order, Candidates, Conflict, Threshold};
use crate::review::provenance::{How, Provenance};

/// Everything a review keeps besides its layers and gold document, by value: what a file
/// carries to restore one ([`Review::restore`], [`Review::parts`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReviewParts {
    pub threshold: Option<Threshold>,
    /// By gold span id. A gold span without provenance was in the document before the review.
    pub provenance: BTreeMap<SpanId, Provenance>,
    /// The document's own spans before the review (settled: never disputed, kept by a
    /// re-merge), in text order. Empty: the gold spans without provenance.
    pub settled: Vec<LayerSpan>,
    /// Decisions by conflict region.
    pub resolutions: BTreeMap<CharRange, Resolution>,
    pub conflict_comments: BTreeMap<CharRange, String>,
    pub span_comments: BTreeMap<SpanId, String>,
    /// Comments to annotators, by layer index.
    pub needs_work: BTreeMap<usize, String>,
}

impl Review {
    /// Opens the review of `doc` with `layers`, auto-merged at `threshold`. The document's own
    /// spans stay in gold as they are (settled); the merged spans join them, and everything
    /// else is a conflict. Layer names are made unique (a repeated name gets " (2)", " (3)"),
    /// labels the document lacks are added to its label set, and layer spans that are empty,
    /// past the text or without a label name are left out.
    pub fn new(
        doc: Document,
        layers: Vec<ReviewLayer>,
        threshold: Threshold,
    ) -> Result<Review, ReviewError> {
        let parts = ReviewParts {
            threshold: Some(threshold),
            ..ReviewParts::default()
        };
        Review::build(doc, layers, parts, true)
    }

    /// A review as a file kept it: `doc` is the gold document, and its spans without
    /// provenance in `parts` were in the document before the review. The conflicts are merged
    /// again from the layers at `parts.threshold` (all annotators when `None`); decisions and
    /// comments whose region no conflict has any more are left out, and so is "needs work"
    /// for a layer index that is not an annotator's. Nothing is merged into gold: it is
    /// taken as it stands.
    pub fn restore(
        doc: Document,
        layers: Vec<ReviewLayer>,
        parts: ReviewParts,
    ) -> Result<Review, ReviewError> {
        Review::build(doc, layers, parts, false)
    }

    /// Opens (`opening`: merges into gold) or restores a review.
    fn build(
        doc: Document,
        layers: Vec<ReviewLayer>,
        parts: ReviewParts,
        opening: bool,
    ) -> Result<Review, ReviewError> {
        let layers = unique_names(layers);
        let doc = with_layer_labels(doc, &layers)?;
        let text_len = doc.text().len_chars();
        let layers: Vec<ReviewLayer> = layers
            .into_iter()
            .map(|mut l| {
                l.spans
                    .retain(|s| !s.label.trim().is_empty() && s.start < s.end && s.end <= text_len);
                l
            })
            .collect();
        let candidates = Candidates::new(&layers, text_len);
        let threshold = parts.threshold.unwrap_or(Threshold::All);
        let base: BTreeSet<LayerSpan> = if parts.settled.is_empty() {
            doc.spans()
                .iter()
                .filter(|s| opening || !parts.provenance.contains_key(s.id()))
                .map(|s| layer_span(&doc, s))
                .collect()
        } else {
            parts.settled.iter().cloned().collect()
        };
        let merged = merge(&layers, &candidates, &base, threshold);
        let mut provenance: HashMap<SpanId, Provenance> = HashMap::new();
        let doc = if opening {
            let mut doc = doc;
            let mut spans: Vec<Span> = doc.spans().iter().cloned().collect();
            for c in &merged.merged {
                let id = doc.fresh_id();
                if let Some(span) = gold_span(&doc, id.clone(), &c.span) {
                    provenance.insert(
                        id,
                        Provenance {
                            proposed_by: names(&layers, &c.layers),
                            how: How::Auto,
                        },
                    );
                    spans.push(span);
                }
            }
            // The spans fit: the same text, and every layer label is in the set.
            let fallback = doc.clone();
            doc.with_spans(spans).unwrap_or(fallback)
        } else {
            for s in doc.spans().iter() {
                if let Some(p) = parts.provenance.get(s.id()) {
                    provenance.insert(s.id().clone(), p.clone());
                }
            }
            doc
        };
        let conflicts: Rc<[Conflict]> = merged.conflicts.into();
        let resolutions: Rc<[Option<Resolution>]> = conflicts
            .iter()
            .map(|c| {
                parts
                    .resolutions
                    .get(&c.region)
                    .copied()
                    .filter(|r| resolution_fits(r, layers.len()))
            })
            .collect();
        let regions: BTreeSet<CharRange> = conflicts.iter().map(|c| c.region).collect();
        let needs_work = parts
            .needs_work
            .into_iter()
            .filter(|(k, _)| {
                layers
                    .get(*k)
                    .is_some_and(|l| l.kind == LayerKind::Annotator)
            })
            .collect();
        let side = Side {
            threshold,
            conflicts,
            resolutions,
            conflict_comments: Rc::new(
                parts
                    .conflict_comments
                    .into_iter()
                    .filter(|(r, _)| regions.contains(r))
                    .collect(),
            ),
            span_comments: Rc::new(parts.span_comments),
            needs_work: Rc::new(needs_work),
        };
        Ok(Review {
            layers: layers.into(),
            candidates: Rc::new(candidates),
            base: Rc::new(base),
            gold: Editor::new(doc),
            side,
            provenance: Rc::new(provenance),
            undo: Vec::new(),
            redo: Vec::new(),
            revision: next_revision(),
        })
    }

    /// What a file keeps of this review besides its layers and gold document.
    pub fn parts(&self) -> ReviewParts {
        let gold = self.gold.doc();
        let side = &self.side;
        ReviewParts {
            threshold: Some(side.threshold),
            provenance: gold
                .spans()
                .iter()
                .filter_map(|s| Some((s.id().clone(), self.provenance.get(s.id())?.clone())))
                .collect(),
            settled: {
                let mut settled: Vec<LayerSpan> = self.base.iter().cloned().collect();
                crate::model::order::sort_by(&mut settled, text_order);
                settled
            },
            resolutions: side
                .conflicts
                .iter()
                .zip(side.resolutions.iter())
                .filter_map(|(c, r)| Some((c.region, (*r)?)))
                .collect(),
            conflict_comments: (*side.conflict_comments).clone(),
            span_comments: side
                .span_comments
                .iter()
                .filter(|(id, _)| gold.spans().contains_id(id))
                .map(|(id, c)| (id.clone(), c.clone()))
                .collect(),
            needs_work: (*side.needs_work).clone(),
        }
    }
}

pub(super) fn names(layers: &[ReviewLayer], indices: &[usize]) -> Vec<String> {
    indices
        .iter()
        .filter_map(|&k| layers.get(k).map(|l| l.name.clone()))
        .collect()
}

fn resolution_fits(r: &Resolution, layers: usize) -> bool {
    match *r {
        Resolution::Accepted(k) | Resolution::AcceptedAll(k) => k < layers,
        Resolution::Rejected => true,
    }
}

/// A gold span as a layer span (label by name).
pub(super) fn layer_span(doc: &Document, s: &Span) -> LayerSpan {
    LayerSpan::new(s.start(), s.end(), doc.labels().name(s.label()))
}

/// A layer span as a gold span of `doc` with id `id`; `None` when its label is not in the
/// document's set or its range is empty or past the text.
pub(super) fn gold_span(doc: &Document, id: SpanId, s: &LayerSpan) -> Option<Span> {
    let label = doc.labels().by_name(&s.label)?;
    let range = CharRange::new(s.start, s.end).filter(|&r| doc.fits(r))?;
    Span::new(id, label, range)
}

/// The layers with unique names: a repeated name gets " (2)", " (3)", … after it.
fn unique_names(mut layers: Vec<ReviewLayer>) -> Vec<ReviewLayer> {
    let mut taken: BTreeSet<String> = BTreeSet::new();
    for l in &mut layers {
        let mut name = l.name.clone();
        let mut n = 1;
        while taken.contains(&name) {
            n += 1;
            name = format!("{} ({n})", l.name);
        }
        taken.insert(name.clone());
        l.name = name;
    }
    layers
}

/// `doc` with the layers' labels it lacks added to its label set (after its own, in the
/// order the layers use them).
fn with_layer_labels(doc: Document, layers: &[ReviewLayer]) -> Result<Document, ReviewError> {
    let mut pairs: Vec<(String, Option<String>)> = doc
        .labels()
        .iter()
        .map(|(_, l)| (l.name.to_string(), Some(l.color.to_string())))
        .collect();
    let before = pairs.len();
    for s in layers.iter().flat_map(|l| &l.spans) {
        if !s.label.trim().is_empty() && !pairs.iter().any(|(n, _)| *n == s.label) {
            pairs.push((s.label.clone(), None));
        }
    }
    if pairs.len() == before {
        return Ok(doc);
    }
    let labels = LabelSet::build(pairs).map_err(ReviewError::Labels)?;
    let spans: Vec<Span> = doc
        .spans()
        .iter()
        .filter_map(|s| gold_span_with(&labels, s.id().clone(), &layer_span(&doc, s)))
        .collect();
    let fresh = Document::new(doc.title(), doc.text().as_str(), labels).with_id(doc.id());
    // Same text, and every old label kept its name: the spans fit.
    Ok(fresh.clone().with_spans(spans).unwrap_or(fresh))
}

fn gold_span_with(labels: &LabelSet, id: SpanId, s: &LayerSpan) -> Option<Span> {
    Span::new(
        id,
        labels.by_name(&s.label)?,
        CharRange::new(s.start, s.end)?,
    )
}
