//! Agreement beyond the spans, for a pair of annotators (X, Y) on one document: their
//! relations and their attribute values, both read through the spans the overlap rule of
//! [`super::span_f1`] matches one to one (same label, at least one shared code point, greedy by
//! largest overlap). Counts and value pairs come out; [`super::tally`] pools them over
//! documents and turns them into the report's numbers.
//!
//! - **Relations**: a relation of X and one of Y match when their types are equal and each end
//!   of X's is matched with the same end of Y's (from with from, to with to). Per relation
//!   type, F1 = 2·TP / (|X| + |Y|) as for spans. A relation given twice by one annotator counts
//!   once, and a relation names its ends by range and label, so two spans of one layer with
//!   the same range and label are one end (the first in the layer's order).
//! - **Attributes**: every matched pair of spans (same label L, by the rule) gives, for each
//!   attribute name either span has a value for, one item: (X's value, Y's value) under
//!   (L, name). A value set on one side only is paired with "unset", its own category; a pair
//!   where neither side set the attribute is no item (it says nothing about that attribute,
//!   and counting it would make κ depend on how many spans nobody qualified). Cohen's κ is
//!   taken on those items, values compared as typed values (a flag `true` and a text "yes"
//!   are different values).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::coding::cohen_kappa;
use super::layer::{LayerDoc, SpanKey};
use super::span_f1::f1;
use crate::model::AttrValue;

/// Relation match counts of a pair, added over documents.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RelationCounts {
    /// Relations of X with a matching relation in Y.
    pub matched: usize,
    /// |X| and |Y| (distinct relations whose ends are spans of the document).
    pub x: usize,
    pub y: usize,
}

impl RelationCounts {
    pub fn add(&mut self, other: RelationCounts) {
        self.matched += other.matched;
        self.x += other.x;
        self.y += other.y;
    }

    /// `None` when neither side has a relation.
    pub fn f1(&self) -> Option<f64> {
        f1(self.matched, self.x, self.y)
    }
}

/// One attribute's values on one matched pair of spans: X's, Y's (`None`: unset).
pub type Item = (Option<AttrValue>, Option<AttrValue>);

/// Where the attribute items go: by label, then attribute name.
pub type ItemKey = (String, String);

/// A document's relations as distinct (type, from, to) triples of span indices; relations
/// whose end is not one of its spans are left out.
fn relation_triples(doc: &LayerDoc) -> BTreeSet<(&str, usize, usize)> {
    let mut index: HashMap<SpanKey, usize> = HashMap::new();
    for (i, s) in doc.spans.iter().enumerate() {
        index.entry(s.key()).or_insert(i);
    }
    doc.relations
        .iter()
        .filter_map(|r| Some((r.kind.as_str(), *index.get(&r.from)?, *index.get(&r.to)?)))
        .collect()
}

/// Relation counts of `x` against `y` per relation type, given the span pairs the overlap
/// rule matched (`(i, j)`: span `x.spans[i]` with `y.spans[j]`). Types that neither side
/// uses are absent.
pub fn relation_counts(
    x: &LayerDoc,
    y: &LayerDoc,
    pairs: &[(usize, usize)],
) -> BTreeMap<String, RelationCounts> {
    let partner: HashMap<usize, usize> = pairs.iter().copied().collect();
    let (rx, ry) = (relation_triples(x), relation_triples(y));
    let mut out: BTreeMap<String, RelationCounts> = BTreeMap::new();
    for &(kind, from, to) in &rx {
        let c = out.entry(kind.to_string()).or_default();
        c.x += 1;
        let image = partner
            .get(&from)
            .zip(partner.get(&to))
            .map(|(&f, &t)| (kind, f, t));
        if image.is_some_and(|t| ry.contains(&t)) {
            c.matched += 1;
        }
    }
    for &(kind, ..) in &ry {
        out.entry(kind.to_string()).or_default().y += 1;
    }
    out
}

/// The attribute items of the matched span pairs (see the module doc), by label and name, in
/// the order of `pairs`.
pub fn attribute_items(
    x: &LayerDoc,
    y: &LayerDoc,
    pairs: &[(usize, usize)],
) -> BTreeMap<ItemKey, Vec<Item>> {
    let mut out: BTreeMap<ItemKey, Vec<Item>> = BTreeMap::new();
    for &(i, j) in pairs {
        let (Some(a), Some(b)) = (x.spans.get(i), y.spans.get(j)) else {
            continue;
        };
        let names: BTreeSet<&str> = a
            .attrs
            .iter()
            .chain(b.attrs.iter())
            .map(|(n, _)| n)
            .collect();
        for name in names {
            out.entry((a.label.clone(), name.to_string()))
                .or_default()
                .push((a.attrs.get(name).cloned(), b.attrs.get(name).cloned()));
        }
    }
    out
}

/// Cohen's κ on attribute items, "unset" a category of its own; `None` with no item, or where
/// κ divides by zero (one category for everything).
pub fn attribute_kappa(items: &[Item]) -> Option<f64> {
    let values: BTreeSet<&AttrValue> = items
        .iter()
        .flat_map(|(a, b)| a.iter().chain(b.iter()))
        .collect();
    let values: Vec<&AttrValue> = values.into_iter().collect();
    // 0 for unset, 1 + the value's place in value order otherwise.
    let code = |v: &Option<AttrValue>| {
        v.as_ref()
            .and_then(|v| values.binary_search(&v).ok())
            .map_or(0, |i| i + 1)
    };
    let a: Vec<usize> = items.iter().map(|(a, _)| code(a)).collect();
    let b: Vec<usize> = items.iter().map(|(_, b)| code(b)).collect();
    cohen_kappa(&a, &b)
}

#[cfg(test)]
mod tests;
