//! Opening a review (the auto-merge into gold) and restoring one from what a file kept
//! ([`ReviewParts`]): unique layer names, the layers' labels added to the document's, the
//! spans that cannot be placed left out. Gold keeps the document's attribute definitions,
//! relation types and relations; relation types the layers use and the document lacks are
//! added (linking any two spans).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::rc::Rc;

use super::{Resolution, Review, ReviewError, Side};
use crate::model::editor::next_revision;
use crate::model::label::LabelSpec;
use crate::model::{AttrDef, AttrKind, AttrValue};
use crate::model::{
    CharRange, Document, Editor, LabelSet, Relation, RelationId, RelationType, Span, SpanId,
};
use crate::review::layer::{LayerKind, LayerRelation, LayerSpan, ReviewLayer, SpanKey};
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
        let base_links: BTreeSet<LayerRelation> = gold_relations(&doc)
            .into_iter()
            .map(|(_, r)| r)
            .filter(|r| {
                opening
                    || [&r.from, &r.to]
                        .iter()
                        .all(|k| base.iter().any(|s| s.is(k)))
            })
            .collect();
        let merged = merge(&layers, &candidates, &base, &base_links, threshold);
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
            let mut doc = doc.with_spans(spans).unwrap_or(fallback);
            let links = linked(
                &mut doc,
                merged.merged_relations.iter().map(|c| &c.relation),
            );
            let fallback = doc.clone();
            doc.with_relations(links).unwrap_or(fallback)
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
            base_links: Rc::new(base_links),
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

/// A gold span as a layer span (label by name, attributes and note kept).
pub(super) fn layer_span(doc: &Document, s: &Span) -> LayerSpan {
    LayerSpan::new(s.start(), s.end(), doc.labels().name(s.label()))
        .with_attrs(s.attrs().clone())
        .with_note(s.note())
}

/// A layer span as a gold span of `doc` with id `id`, with its attribute values and note;
/// `None` when its label is not in the document's set or its range is empty or past the text.
pub(super) fn gold_span(doc: &Document, id: SpanId, s: &LayerSpan) -> Option<Span> {
    gold_span_with(doc.labels(), id, s).filter(|g| doc.fits(g.range()))
}

/// Gold's relations with their ids, ends named by range and label.
pub(super) fn gold_relations(doc: &Document) -> Vec<(RelationId, LayerRelation)> {
    let key = |id: &SpanId| doc.spans().get(id).map(|s| layer_span(doc, s).key());
    doc.relations()
        .iter()
        .filter_map(|r| {
            let relation = LayerRelation::new(r.kind(), key(r.from())?, key(r.to())?);
            Some((r.id().clone(), relation))
        })
        .collect()
}

/// `doc`'s relations and `more` (those whose ends are gold spans, not held yet) with fresh
/// ids, for [`Document::with_relations`].
fn linked<'a>(doc: &mut Document, more: impl Iterator<Item = &'a LayerRelation>) -> Vec<Relation> {
    let ids: BTreeMap<SpanKey, SpanId> = doc
        .spans()
        .iter()
        .map(|s| (layer_span(doc, s).key(), s.id().clone()))
        .collect();
    let mut out: Vec<Relation> = doc.relations().iter().cloned().collect();
    for r in more {
        let (Some(from), Some(to)) = (ids.get(&r.from), ids.get(&r.to)) else {
            continue;
        };
        let held = out
            .iter()
            .any(|o| o.kind() == r.kind && o.from() == from && o.to() == to);
        if held || doc.labels().relation_type(&r.kind).is_none() {
            continue;
        }
        let id = doc.fresh_relation_id();
        out.extend(Relation::new(id, &r.kind, from.clone(), to.clone()));
    }
    out
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
/// order the layers use them), and the relation types the layers use that it lacks (linking
/// any two spans, after its own). Its labels keep their colours, descriptions and
/// attribute definitions and gain those the layers' values need (see [`define`]); its spans
/// and relations stay as they are.
fn with_layer_labels(doc: Document, layers: &[ReviewLayer]) -> Result<Document, ReviewError> {
    let mut specs: Vec<LabelSpec> = doc.labels().specs();
    let before = specs.len();
    for s in layers.iter().flat_map(|l| &l.spans) {
        if !s.label.trim().is_empty() && !specs.iter().any(|l| l.name == s.label) {
            specs.push(LabelSpec::named(&s.label));
        }
    }
    let defined = specs.clone();
    for s in layers.iter().flat_map(|l| &l.spans) {
        if let Some(spec) = specs.iter_mut().find(|l| l.name == s.label) {
            for (name, value) in s.attrs.iter() {
                define(&mut spec.attributes, name, value);
            }
        }
    }
    let mut types: Vec<RelationType> = doc.labels().relation_types().to_vec();
    let known = types.len();
    for r in layers.iter().flat_map(|l| &l.relations) {
        if !r.kind.trim().is_empty() && !types.iter().any(|t| *t.name == *r.kind) {
            types.push(RelationType::any(&r.kind));
        }
    }
    if specs.len() == before && types.len() == known && specs == defined {
        return Ok(doc);
    }
    let labels = LabelSet::from_specs(specs)
        .and_then(|l| l.with_relation_types(types))
        .map_err(ReviewError::Labels)?;
    let spans: Vec<Span> = doc
        .spans()
        .iter()
        .filter_map(|s| gold_span_with(&labels, s.id().clone(), &layer_span(&doc, s)))
        .collect();
    let relations: Vec<Relation> = doc.relations().iter().cloned().collect();
    let fresh = Document::new(doc.title(), doc.text().as_str(), labels).with_id(doc.id());
    // Same text, every old label and relation type kept its name: spans and relations fit.
    let with_spans = fresh.clone().with_spans(spans).unwrap_or(fresh);
    Ok(with_spans
        .clone()
        .with_relations(relations)
        .unwrap_or(with_spans))
}

/// Adds to `defs` the definition a layer's value needs when its label lacks one by that name,
/// as an import infers it: a flag for a flag, text for text, a choice of the values seen for
/// a choice (a choice gains a value it lacks).
fn define(defs: &mut Vec<AttrDef>, name: &str, value: &AttrValue) {
    match (defs.iter_mut().find(|d| &*d.name == name), value) {
        (Some(d), AttrValue::Choice(v)) => {
            if let AttrKind::Choice(list) = &d.kind {
                if !list.iter().any(|c| c == v) {
                    let mut values: Vec<Rc<str>> = list.to_vec();
                    values.push(v.clone());
                    d.kind = AttrKind::choice(&values);
                }
            }
        }
        (Some(_), _) => {}
        (None, v) => {
            let kind = match v {
                AttrValue::Flag(_) => AttrKind::Flag,
                AttrValue::Choice(c) => AttrKind::choice(std::slice::from_ref(c)),
                AttrValue::Text(_) => AttrKind::Text,
            };
            defs.push(AttrDef::new(name, kind));
        }
    }
}

fn gold_span_with(labels: &LabelSet, id: SpanId, s: &LayerSpan) -> Option<Span> {
    let span = Span::new(
        id,
        labels.by_name(&s.label)?,
        CharRange::new(s.start, s.end)?,
    )?;
    Some(
        span.with_attrs(s.attrs.clone())
            .with_note(s.note.as_deref().unwrap_or("")),
    )
}
