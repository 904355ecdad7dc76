//! A review in the native format and back: the gold layer as the annotations, with each
//! span's provenance and comment, and the layers, threshold, decisions and "needs work" notes
//! in the document's optional review fields (`format::native_review` documents them).
//! The history is not kept, as for any document.

use std::rc::Rc;

use super::layer::{LayerKind, LayerRelation, LayerSpan, ReviewLayer};
use super::merge::Threshold;
use super::provenance::{How, Provenance};
use super::state::{Resolution, Review, ReviewError, ReviewParts};
use crate::format::native::{self, WireFile};
use crate::format::native_review::{
    ReviewFile, WireConflict, WireLayer, WireLayerKind, WireLayerRelation, WireLayerSpan,
    WireMerged, WireNeedsWork, WireOperation, WireProvenance, WireResolution, WireReview,
    WireThreshold, WireThresholdName,
};
use crate::format::qualifiers::{attrs_from_wire, attrs_to_wire, WireValue};
use crate::format::OffsetUnit;
use crate::model::text::ArticleText;
use crate::model::{
    AttrValue, Attrs, CharRange, Document, LabelSet, Relation, RelationId, Span, SpanId,
};

impl Review {
    /// The review as a native file with offsets in `unit` (code points or UTF-16 units).
    pub fn to_wire(&self, unit: OffsetUnit) -> WireFile {
        let gold = self.gold();
        let text = gold.text();
        let offset = |c: usize| {
            if unit == OffsetUnit::Utf16 {
                text.index().char_to_utf16(text.as_str(), c).unwrap_or(c)
            } else {
                c
            }
        };
        let parts = self.parts();
        let mut wire = native::to_wire_in(gold, unit);
        let Some(doc) = wire.documents.first_mut() else {
            return wire;
        };
        for a in &mut doc.annotations {
            let id = SpanId::new(&a.id);
            a.provenance = parts.provenance.get(&id).map(wire_provenance);
            a.comment = parts.span_comments.get(&id).cloned();
        }
        doc.layers = self
            .layers()
            .iter()
            .map(|l| wire_layer(l, text, &offset))
            .collect();
        let name = |k: usize| self.layers().get(k).map(|l| l.name.clone());
        let conflicts = self
            .conflicts()
            .iter()
            .map(|c| {
                let (resolution, layer) = match parts.resolutions.get(&c.region) {
                    None => (None, None),
                    Some(Resolution::Rejected) => (Some(WireResolution::Rejected), None),
                    Some(Resolution::Accepted(k)) => (Some(WireResolution::Accepted), name(*k)),
                    Some(Resolution::AcceptedAll(k)) => {
                        (Some(WireResolution::AcceptedAll), name(*k))
                    }
                };
                WireConflict {
                    start: offset(c.region.start()),
                    end: offset(c.region.end()),
                    resolution,
                    layer,
                    comment: parts.conflict_comments.get(&c.region).cloned(),
                }
            })
            .collect();
        let settled = parts
            .settled
            .iter()
            .map(|s| wire_span(s, text, &offset))
            .collect();
        doc.review = Some(WireReview {
            settled,
            threshold: match self.threshold() {
                Threshold::All => WireThreshold::Named(WireThresholdName::All),
                Threshold::Majority => WireThreshold::Named(WireThresholdName::Majority),
                Threshold::AtLeast(k) => WireThreshold::AtLeast(k),
            },
            conflicts,
        });
        doc.needs_work = self
            .needs_work()
            .filter_map(|(k, comment)| {
                Some(WireNeedsWork {
                    annotator: name(k)?,
                    comment: comment.to_string(),
                })
            })
            .collect();
        wire
    }

    /// The document as it goes back to annotator `layer`: their own spans (with their values
    /// and notes) and links as the annotations,
    /// the file naming them as its `annotator`, and the reviewer's "needs work" comment to
    /// them, if any. `None` when there is no such layer.
    pub fn export_for(&self, layer: usize) -> Option<String> {
        let l = self.layers().get(layer)?;
        let gold = self.gold();
        let distinct: std::collections::BTreeSet<&LayerSpan> = l.spans.iter().collect();
        let spans: Vec<Span> = distinct
            .into_iter()
            .enumerate()
            .filter_map(|(i, s)| {
                let label = gold.labels().by_name(&s.label)?;
                let span = Span::new(
                    SpanId::new(&format!("a{}", i + 1)),
                    label,
                    CharRange::new(s.start, s.end)?,
                )?;
                Some(
                    span.with_attrs(s.attrs.clone())
                        .with_note(s.note.as_deref().unwrap_or("")),
                )
            })
            .collect();
        // Their links, by the ids just given to their ends.
        let id_of = |k: &crate::review::layer::SpanKey| {
            spans
                .iter()
                .find(|s| {
                    (s.start(), s.end(), gold.labels().name(s.label()))
                        == (k.start, k.end, k.label.as_str())
                })
                .map(|s| s.id().clone())
        };
        let relations: Vec<Relation> = l
            .relations
            .iter()
            .enumerate()
            .filter_map(|(i, r)| {
                let id = RelationId::new(&format!("r{}", i + 1));
                Relation::new(id, &r.kind, id_of(&r.from)?, id_of(&r.to)?)
            })
            .collect();
        let bare = Document::new(gold.title(), gold.text().as_str(), gold.labels().clone())
            .with_id(gold.id());
        let doc = bare.clone().with_spans(spans).unwrap_or(bare);
        let doc = doc.clone().with_relations(relations).unwrap_or(doc);
        let mut wire = native::to_wire(&doc);
        wire.annotator = Some(l.name.clone());
        if let Some(d) = wire.documents.first_mut() {
            d.needs_work = self
                .needs_work()
                .filter(|&(k, _)| k == layer)
                .map(|(_, comment)| WireNeedsWork {
                    annotator: l.name.clone(),
                    comment: comment.to_string(),
                })
                .collect();
        }
        serde_json::to_string_pretty(&wire).ok()
    }

    /// The review as a native file's content, pretty-printed.
    pub fn export(&self, unit: OffsetUnit) -> String {
        // Plain structs of strings and numbers: serialising cannot fail.
        serde_json::to_string_pretty(&self.to_wire(unit)).unwrap_or_default()
    }

    /// The review a native file kept (read by `format::native_review::import`), and in plain
    /// words what of its review fields could not be used: decisions for conflicts the layers
    /// no longer have, names that are no layer's. A file without review fields opens as a
    /// review with no layers.
    pub fn from_file(file: &ReviewFile) -> Result<(Review, Vec<String>), ReviewError> {
        let mut notes = Vec::new();
        let layers: Vec<ReviewLayer> = file
            .layers
            .iter()
            .map(|l| read_layer(l, file.imported.doc.labels()))
            .collect();
        let index = |name: &str| layers.iter().position(|l| l.name == name);
        let mut parts = ReviewParts::default();
        for (id, p) in &file.provenance {
            let how = match p.merged {
                WireMerged::Auto => How::Auto,
                WireMerged::Reviewer => {
                    How::from_wire(p.operation.map(operation_name), p.layer.as_deref())
                        .filter(How::by_reviewer)
                        .unwrap_or_else(|| {
                            notes.push(format!(
                                "the provenance of annotation “{id}” does not say what the reviewer did; it counts as drawn by the reviewer"
                            ));
                            How::Added
                        })
                }
            };
            let proposed_by = p.proposed_by.clone();
            parts
                .provenance
                .insert(SpanId::new(id), Provenance { proposed_by, how });
        }
        for (id, c) in &file.comments {
            parts.span_comments.insert(SpanId::new(id), c.clone());
        }
        if let Some(review) = &file.review {
            parts.settled = review
                .settled
                .iter()
                .map(|s| LayerSpan::new(s.start, s.end, &s.label))
                .collect();
            parts.threshold = Some(match review.threshold {
                WireThreshold::Named(WireThresholdName::All) => Threshold::All,
                WireThreshold::Named(WireThresholdName::Majority) => Threshold::Majority,
                WireThreshold::AtLeast(k) => Threshold::AtLeast(k),
            });
            for c in &review.conflicts {
                let Some(region) = CharRange::new(c.start, c.end) else {
                    continue;
                };
                if let Some(comment) = &c.comment {
                    parts.conflict_comments.insert(region, comment.clone());
                }
                let layer = c.layer.as_deref().and_then(index);
                let resolution = match (c.resolution, layer) {
                    (None, _) => continue,
                    (Some(WireResolution::Rejected), _) => Resolution::Rejected,
                    (Some(WireResolution::Accepted), Some(k)) => Resolution::Accepted(k),
                    (Some(WireResolution::AcceptedAll), Some(k)) => Resolution::AcceptedAll(k),
                    (Some(_), None) => {
                        notes.push(format!(
                            "the decision on the conflict at {region} names no layer of the document; it is open again"
                        ));
                        continue;
                    }
                };
                parts.resolutions.insert(region, resolution);
            }
        }
        for n in &file.needs_work {
            match index(&n.annotator) {
                Some(k) => drop(parts.needs_work.insert(k, n.comment.clone())),
                None => notes.push(format!(
                    "“needs work” for {} was left out: the document has no layer of theirs",
                    n.annotator
                )),
            }
        }
        let decided = parts.resolutions.clone();
        let review = Review::restore(file.imported.doc.clone(), layers, parts)?;
        let regions: Vec<CharRange> = review.conflicts().iter().map(|c| c.region).collect();
        let lost = decided.keys().filter(|r| !regions.contains(r)).count();
        if lost > 0 {
            notes.push(format!(
                "{lost} decisions were left out: the layers no longer have those conflicts"
            ));
        }
        Ok((review, notes))
    }
}

/// A layer as the native file keeps it: attribute values read by the gold document's
/// schema (a string is a choice where the label defines a choice of that name, text
/// otherwise), relations by the index of their ends.
fn read_layer(l: &WireLayer, labels: &LabelSet) -> ReviewLayer {
    let spans: Vec<LayerSpan> = l
        .annotations
        .iter()
        .map(|s| {
            let attrs = match labels.by_name(&s.label) {
                Some(label) => attrs_from_wire(&s.attrs, labels, label).0,
                None => Attrs::from_pairs(
                    s.attrs
                        .iter()
                        .map(|(n, v)| {
                            let v = match v {
                                WireValue::Flag(b) => AttrValue::Flag(*b),
                                WireValue::Text(t) => AttrValue::Text(Rc::from(t.as_str())),
                            };
                            (Rc::from(n.as_str()), v)
                        })
                        .collect(),
                ),
            };
            LayerSpan::new(s.start, s.end, &s.label)
                .with_attrs(attrs)
                .with_note(s.note.as_deref())
        })
        .collect();
    let relations = l
        .relations
        .iter()
        .filter_map(|r| {
            let (from, to) = (spans.get(r.from)?, spans.get(r.to)?);
            Some(LayerRelation::new(&r.kind, from.key(), to.key()))
        })
        .collect();
    ReviewLayer {
        name: l.name.clone(),
        kind: match l.kind {
            WireLayerKind::Annotator => LayerKind::Annotator,
            WireLayerKind::Suggestions => LayerKind::Suggestions,
        },
        spans,
        relations,
    }
}

/// A layer as the native file writes it, offsets through `offset`.
pub fn wire_layer(
    l: &ReviewLayer,
    text: &ArticleText,
    offset: &dyn Fn(usize) -> usize,
) -> WireLayer {
    WireLayer {
        name: l.name.clone(),
        kind: match l.kind {
            LayerKind::Annotator => WireLayerKind::Annotator,
            LayerKind::Suggestions => WireLayerKind::Suggestions,
        },
        annotations: l.spans.iter().map(|s| wire_span(s, text, offset)).collect(),
        relations: l
            .relations
            .iter()
            .filter_map(|r| {
                Some(WireLayerRelation {
                    kind: r.kind.clone(),
                    from: l.spans.iter().position(|s| s.is(&r.from))?,
                    to: l.spans.iter().position(|s| s.is(&r.to))?,
                })
            })
            .collect(),
    }
}

fn wire_span(s: &LayerSpan, text: &ArticleText, offset: &dyn Fn(usize) -> usize) -> WireLayerSpan {
    WireLayerSpan {
        label: s.label.clone(),
        start: offset(s.start),
        end: offset(s.end),
        text: CharRange::new(s.start, s.end)
            .and_then(|r| text.slice(r))
            .unwrap_or_default()
            .to_string(),
        attrs: attrs_to_wire(&s.attrs),
        note: s.note.clone(),
    }
}

fn wire_provenance(p: &Provenance) -> WireProvenance {
    let operation = match p.how {
        How::Auto => None,
        How::Accepted { .. } => Some(WireOperation::Accept),
        How::AcceptedAll { .. } => Some(WireOperation::AcceptAll),
        How::Added => Some(WireOperation::Add),
        How::Resized => Some(WireOperation::Resize),
        How::Relabelled => Some(WireOperation::Relabel),
    };
    WireProvenance {
        proposed_by: p.proposed_by.clone(),
        merged: if p.how.by_reviewer() {
            WireMerged::Reviewer
        } else {
            WireMerged::Auto
        },
        operation,
        layer: p.how.layer().map(str::to_string),
    }
}

fn operation_name(op: WireOperation) -> &'static str {
    match op {
        WireOperation::Accept => "accept",
        WireOperation::AcceptAll => "accept_all",
        WireOperation::Add => "add",
        WireOperation::Resize => "resize",
        WireOperation::Relabel => "relabel",
    }
}
