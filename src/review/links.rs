//! Relations in the auto-merge: which of the layers' relations go into gold with the merged
//! spans, and which are disputed and where the reviewer meets them. Values in, values out,
//! like [`super::merge`], which calls it once the spans are decided.
//!
//! - **Candidates**: every distinct relation (type, from, to; ends by range and label) some
//!   layer holds, with the layers that hold it.
//! - **Merged**: held by at least as many annotator layers as a span needs, and both ends in
//!   gold after the span merge. A relation gold already holds before the review (settled) is
//!   neither merged nor disputed.
//! - **Disputed**: every other candidate (held by too few, or an end not in gold yet). A disputed relation joins every span conflict whose
//!   region shares a code point with one of its ends, so accepting a version there brings it
//!   along (a quote linked to its speaker in one version and not in the other); accepting
//!   either conflict of a relation that spans two adds it once both ends are in gold.
//! - **Relation-only conflicts**: a disputed relation with no span conflict at its ends
//!   (both annotators marked the quote and the speaker alike, one linked them and the other
//!   did not, or linked another speaker) makes a conflict of its own at its `from` span;
//!   such relations whose `from` spans overlap share one conflict, so regions stay disjoint
//!   and in text order.

use std::collections::{BTreeMap, BTreeSet};

use super::layer::{LayerRelation, LayerSpan, ReviewLayer, SpanKey};
use super::merge::{Candidates, Conflict, Differences};
use crate::model::order::sort_by_key;
use crate::model::CharRange;

/// A distinct relation and the layers (indices, ascending) that hold it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelationCandidate {
    pub relation: LayerRelation,
    pub layers: Vec<usize>,
}

/// Every distinct relation of the layers, with its holders.
pub fn relation_candidates(layers: &[ReviewLayer]) -> Vec<RelationCandidate> {
    let mut holders: BTreeMap<&LayerRelation, Vec<usize>> = BTreeMap::new();
    for (k, layer) in layers.iter().enumerate() {
        let own: BTreeSet<&LayerRelation> = layer.relations.iter().collect();
        for r in own {
            holders.entry(r).or_default().push(k);
        }
    }
    holders
        .into_iter()
        .map(|(r, layers)| RelationCandidate {
            relation: r.clone(),
            layers,
        })
        .collect()
}

fn range(k: &SpanKey) -> Option<CharRange> {
    CharRange::new(k.start, k.end)
}

fn overlaps(a: CharRange, b: CharRange) -> bool {
    a.start() < b.end() && b.start() < a.end()
}

/// Splits the relation candidates of `layers` into merged and disputed (see the module doc),
/// attaches the disputed ones to `conflicts` and adds relation-only conflicts; returns the
/// merged.
/// `votes` counts a candidate's annotator layers, `needed` is the threshold's count,
/// `in_gold` the span keys gold holds after the span merge, `settled` the relations it held
/// before the review.
pub(super) fn merge_relations(
    layers: &[ReviewLayer],
    votes: &dyn Fn(&[usize]) -> usize,
    needed: Option<usize>,
    in_gold: &BTreeSet<SpanKey>,
    settled: &BTreeSet<LayerRelation>,
    candidates: &Candidates,
    conflicts: &mut Vec<Conflict>,
) -> Vec<RelationCandidate> {
    let relations = relation_candidates(layers);
    let layers = layers.len();
    let mut merged = Vec::new();
    let mut alone: Vec<(CharRange, RelationCandidate)> = Vec::new();
    for c in relations {
        let r = &c.relation;
        if settled.contains(r) {
            continue;
        }
        let ends_in_gold = in_gold.contains(&r.from) && in_gold.contains(&r.to);
        if ends_in_gold && needed.is_some_and(|n| votes(&c.layers) >= n) {
            merged.push(c);
            continue;
        }
        let (Some(from), Some(to)) = (range(&r.from), range(&r.to)) else {
            continue;
        };
        let mut joined = false;
        for conflict in conflicts.iter_mut().filter(|k| !k.members.is_empty()) {
            if overlaps(conflict.region, from) || overlaps(conflict.region, to) {
                conflict.relations.push(c.clone());
                joined = true;
            }
        }
        if !joined {
            alone.push((from, c));
        }
    }
    sort_by_key(&mut alone, |(r, c)| {
        (r.start(), r.end(), c.relation.clone())
    });
    let mut groups: Vec<(CharRange, Vec<RelationCandidate>)> = Vec::new();
    for (from, c) in alone {
        match groups.last_mut() {
            Some((region, members)) if from.start() < region.end() => {
                *region = CharRange::between(region.start(), region.end().max(from.end()));
                members.push(c);
            }
            _ => groups.push((from, vec![c])),
        }
    }
    for (region, relations) in groups {
        let versions = (0..layers)
            .map(|k| {
                candidates
                    .of_layer(k)
                    .iter()
                    .filter(|s| s.start < region.end() && region.start() < s.end)
                    .cloned()
                    .collect::<Vec<LayerSpan>>()
            })
            .collect();
        conflicts.push(Conflict {
            region,
            members: Vec::new(),
            versions,
            differences: Differences::default(),
            relations,
            relation_versions: Vec::new(),
        });
    }
    sort_by_key(conflicts, |c| (c.region.start(), c.region.end()));
    for conflict in conflicts.iter_mut() {
        conflict.relation_versions = (0..layers)
            .map(|k| {
                conflict
                    .relations
                    .iter()
                    .filter(|c| c.layers.contains(&k))
                    .map(|c| c.relation.clone())
                    .collect()
            })
            .collect();
        // Every layer holding the same disputed links (both linked the quote to Merkel, but
        // the quote itself is disputed) is no difference in links.
        conflict.differences.relation = conflict
            .relation_versions
            .windows(2)
            .any(|w| w.first() != w.last());
    }
    merged
}
