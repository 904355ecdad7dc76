//! Auto-merge of one document's layers, and the conflicts it leaves for the reviewer. Values
//! in, values out: [`super::state::Review`] applies them to the gold layer. Knows nothing of
//! files or of the view.
//!
//! The rules (offsets in code points, end exclusive; a span *is* its start, end and label):
//!
//! - **Candidates**: every distinct span some layer holds, with the layers that hold it.
//!   Spans that are empty or reach past the text are left out; a layer holding the same span
//!   twice holds it once.
//! - **Merged**: a candidate held by at least `needed` annotator layers ([`Threshold`]: all of
//!   them, a strict majority, or at least k). Suggestion layers never vote, so with no
//!   annotator layer nothing merges.
//! - **Disputed**: a candidate neither merged nor *settled* (already in gold before the
//!   review: the document's own spans).
//! - **Conflicts**: the disputed candidates grouped into the connected components of "shares
//!   at least one code point with". Only disputed spans connect: a merged quote around a
//!   disputed name neither joins the name's conflict nor joins two conflicts inside it, and
//!   spans that only touch (one ends where the next starts) stay apart. A conflict's region is
//!   `[first start, last end)` of its members; no two regions share a code point (a span in
//!   both would have joined them), so conflicts are in text order and a region names one.
//! - **Versions**: layer k's version of a conflict is every span of k that overlaps its region.
//! - **Differences**: between the versions, leaving out spans every layer holds, and with the
//!   settled spans as one more version when there are any (the annotator's own spans when a
//!   model's suggestions are reviewed): a *label* difference when two versions hold
//!   [competing](competes) spans with different labels, a *boundary* one when they hold
//!   competing spans with different ranges, a *missing* span when a span of one version has
//!   neither its equal nor a competitor in another version (a name inside a quote that the
//!   other annotator did not mark is missing there, not a label difference), an *attribute*
//!   one when they hold spans of the same range and label with other attribute values (a span
//!   *is* its start, end, label and attribute values, so such spans are two candidates that
//!   compete), a *relation* one when the conflict holds disputed relations.
//! - **Relations**: merged and disputed as [`super::links`] says, once the spans are decided.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};

use super::layer::{LayerKind, LayerRelation, LayerSpan, ReviewLayer, SpanKey};
use super::links::{merge_relations, RelationCandidate};
use crate::model::CharRange;

/// How many annotators must agree on a span (same start, end and label) for the auto-merge
/// to put it into gold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Threshold {
    /// Every annotator layer.
    All,
    /// More than half of the annotator layers (2 of 3, 3 of 4, 2 of 2).
    Majority,
    /// At least k annotator layers, k taken between 1 and their number.
    AtLeast(usize),
}

impl Threshold {
    /// The number of agreeing annotator layers a span needs, out of `annotators`; `None` when
    /// there is no annotator layer (nothing merges).
    pub fn needed(self, annotators: usize) -> Option<usize> {
        (annotators > 0).then(|| match self {
            Threshold::All => annotators,
            Threshold::Majority => annotators / 2 + 1,
            Threshold::AtLeast(k) => k.clamp(1, annotators),
        })
    }
}

/// A distinct span and the layers (indices, ascending) that hold it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub span: LayerSpan,
    pub layers: Vec<usize>,
}

/// Every distinct span of a document's layers, and who holds it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Candidates {
    holders: BTreeMap<LayerSpan, Vec<usize>>,
    /// Each layer's distinct spans, in text order.
    by_layer: Vec<Vec<LayerSpan>>,
    layers: usize,
}

impl Candidates {
    /// The candidates of `layers` on a text of `text_len` code points.
    pub fn new(layers: &[ReviewLayer], text_len: usize) -> Candidates {
        let mut holders: BTreeMap<LayerSpan, Vec<usize>> = BTreeMap::new();
        let mut by_layer = Vec::with_capacity(layers.len());
        for (k, layer) in layers.iter().enumerate() {
            let own: BTreeSet<&LayerSpan> = layer
                .spans
                .iter()
                .filter(|s| s.start < s.end && s.end <= text_len)
                .collect();
            for s in &own {
                holders.entry((*s).clone()).or_default().push(k);
            }
            let mut own: Vec<LayerSpan> = own.into_iter().cloned().collect();
            crate::model::order::sort_by(&mut own, text_order);
            by_layer.push(own);
        }
        Candidates {
            holders,
            by_layer,
            layers: layers.len(),
        }
    }

    /// The layers that hold `span`, ascending (empty when none does).
    pub fn holders(&self, span: &LayerSpan) -> &[usize] {
        self.holders.get(span).map_or(&[], Vec::as_slice)
    }

    /// True when layer `k` holds `span`.
    pub fn held_by(&self, span: &LayerSpan, k: usize) -> bool {
        self.holders(span).contains(&k)
    }

    /// True when every layer holds `span`.
    pub fn unanimous(&self, span: &LayerSpan) -> bool {
        self.layers > 0 && self.holders(span).len() == self.layers
    }

    /// Layer `k`'s distinct spans in text order.
    pub fn of_layer(&self, k: usize) -> &[LayerSpan] {
        self.by_layer.get(k).map_or(&[], Vec::as_slice)
    }

    /// Every candidate, in text order.
    pub fn all(&self) -> Vec<Candidate> {
        let mut all: Vec<Candidate> = self
            .holders
            .iter()
            .map(|(span, layers)| Candidate {
                span: span.clone(),
                layers: layers.clone(),
            })
            .collect();
        crate::model::order::sort_by(&mut all, |a, b| text_order(&a.span, &b.span));
        all
    }
}

/// What differs between the versions of a conflict (see the module doc).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Differences {
    pub label: bool,
    pub boundary: bool,
    pub missing: bool,
    /// Same range and label, other attribute values.
    pub attribute: bool,
    /// A relation one version holds and another does not.
    pub relation: bool,
}

/// A region where the layers differ and the auto-merge did not decide.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// `[first start, last end)` of the members.
    pub region: CharRange,
    /// The disputed spans, in text order, with their holders.
    pub members: Vec<Candidate>,
    /// Per layer (by index): its spans overlapping the region, in text order.
    pub versions: Vec<Vec<LayerSpan>>,
    pub differences: Differences,
    /// The disputed relations here (an end in the region), with their holders.
    pub relations: Vec<RelationCandidate>,
    /// Per layer (by index): the disputed relations here that it holds.
    pub relation_versions: Vec<Vec<LayerRelation>>,
}

impl Conflict {
    /// True when `span` is one of the disputed spans.
    pub fn has_member(&self, span: &LayerSpan) -> bool {
        self.members.iter().any(|m| &m.span == span)
    }

    /// True when `relation` is one of the disputed relations.
    pub fn has_relation(&self, relation: &LayerRelation) -> bool {
        self.relations.iter().any(|c| &c.relation == relation)
    }
}

/// What the auto-merge decided.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Merge {
    /// The candidates that meet the threshold and are not settled already, in text order.
    pub merged: Vec<Candidate>,
    /// Everything else, grouped, in text order.
    pub conflicts: Vec<Conflict>,
    /// The relations that go into gold with the merged spans.
    pub merged_relations: Vec<RelationCandidate>,
}

/// Text order: start, then the longer first, then the label.
pub fn text_order(a: &LayerSpan, b: &LayerSpan) -> std::cmp::Ordering {
    (a.start, Reverse(a.end), &a.label).cmp(&(b.start, Reverse(b.end), &b.label))
}

/// Merges the layers' `candidates` at `threshold`, with `settled` the spans gold already holds
/// and `settled_relations` its relations.
pub fn merge(
    layers: &[ReviewLayer],
    candidates: &Candidates,
    settled: &BTreeSet<LayerSpan>,
    settled_relations: &BTreeSet<LayerRelation>,
    threshold: Threshold,
) -> Merge {
    let voters: Vec<bool> = layers
        .iter()
        .map(|l| l.kind == LayerKind::Annotator)
        .collect();
    let needed = threshold.needed(voters.iter().filter(|&&v| v).count());
    let votes = |c: &Candidate| {
        c.layers
            .iter()
            .filter(|&&k| voters.get(k).copied().unwrap_or(false))
            .count()
    };
    let mut merged = Vec::new();
    let mut disputed = Vec::new();
    for c in candidates.all() {
        if settled.contains(&c.span) {
            continue;
        }
        if needed.is_some_and(|n| votes(&c) >= n) {
            merged.push(c);
        } else {
            disputed.push(c);
        }
    }
    let mut conflicts = group(disputed, candidates, layers.len(), settled);
    let in_gold: BTreeSet<SpanKey> = settled
        .iter()
        .chain(merged.iter().map(|c| &c.span))
        .map(LayerSpan::key)
        .collect();
    let count = |holders: &[usize]| {
        holders
            .iter()
            .filter(|&&k| voters.get(k).copied().unwrap_or(false))
            .count()
    };
    let merged_relations = merge_relations(
        layers,
        &count,
        needed,
        &in_gold,
        settled_relations,
        candidates,
        &mut conflicts,
    );
    Merge {
        merged,
        conflicts,
        merged_relations,
    }
}

/// The disputed candidates (in text order) as conflicts with their versions and differences.
fn group(
    disputed: Vec<Candidate>,
    candidates: &Candidates,
    layers: usize,
    settled: &BTreeSet<LayerSpan>,
) -> Vec<Conflict> {
    let mut groups: Vec<(CharRange, Vec<Candidate>)> = Vec::new();
    for c in disputed {
        match groups.last_mut() {
            // Sorted by start: a span starting inside the group's stretch shares that code
            // point with the member reaching over it.
            Some((region, members)) if c.span.start < region.end() => {
                *region = CharRange::between(region.start(), region.end().max(c.span.end));
                members.push(c);
            }
            _ => groups.push((CharRange::between(c.span.start, c.span.end), vec![c])),
        }
    }
    let mut versions: Vec<Vec<Vec<LayerSpan>>> = vec![vec![Vec::new(); layers]; groups.len()];
    for k in 0..layers {
        for s in candidates.of_layer(k) {
            // Regions are disjoint and in order: their ends ascend.
            let first = groups.partition_point(|(r, _)| r.end() <= s.start);
            for (i, (region, _)) in groups.iter().enumerate().skip(first) {
                if region.start() >= s.end {
                    break;
                }
                if let Some(v) = versions.get_mut(i).and_then(|g| g.get_mut(k)) {
                    v.push(s.clone());
                }
            }
        }
    }
    groups
        .into_iter()
        .zip(versions)
        .map(|((region, members), versions)| {
            let mut compared: Vec<Vec<&LayerSpan>> =
                versions.iter().map(|v| v.iter().collect()).collect();
            if !settled.is_empty() {
                let inside = settled
                    .iter()
                    .filter(|s| s.start < region.end() && region.start() < s.end);
                compared.push(inside.collect());
            }
            // A span every compared version holds differs nowhere.
            let everywhere = |s: &LayerSpan| compared.iter().all(|v| v.contains(&s));
            let compared: Vec<Vec<&LayerSpan>> = compared
                .iter()
                .map(|v| v.iter().copied().filter(|s| !everywhere(s)).collect())
                .collect();
            Conflict {
                differences: differences(&compared),
                region,
                members,
                versions,
                relations: Vec::new(),
                relation_versions: Vec::new(),
            }
        })
        .collect()
}

/// What differs between the `versions` compared (see the module doc).
fn differences(versions: &[Vec<&LayerSpan>]) -> Differences {
    let mut d = Differences::default();
    for (i, a) in versions.iter().enumerate() {
        for (j, b) in versions.iter().enumerate() {
            if i == j {
                continue;
            }
            for s in a {
                let mut found = false;
                for t in b {
                    if s == t {
                        found = true;
                    } else if competes(s, t) {
                        found = true;
                        d.label |= s.label != t.label;
                        d.boundary |= (s.start, s.end) != (t.start, t.end);
                        d.attribute |= (s.start, s.end, &s.label) == (t.start, t.end, &t.label);
                    }
                }
                d.missing |= !found;
            }
        }
    }
    d
}

/// True when `a` and `b` cannot both stand in gold as two readings of one place: they overlap
/// and share their label (a boundary dispute) or their range (a label dispute), and are not
/// the same span. Overlapping spans with other labels and other ranges (a name inside a
/// quote) can both stand.
pub fn competes(a: &LayerSpan, b: &LayerSpan) -> bool {
    a != b && a.overlap(b) > 0 && (a.label == b.label || (a.start, a.end) == (b.start, b.end))
}

#[cfg(test)]
mod tests;
