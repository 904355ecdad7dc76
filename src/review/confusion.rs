//! The label confusion table of two annotators on tokens: for every token of the compared
//! documents, the tag each gave it (the same tokens and tags as the agreement report's κ and
//! α), counted by pair of tags. Off the diagonal is who said PER where the other said ORG.

use std::collections::BTreeSet;

use serde::Serialize;

use super::align::align;
use super::layer::Layer;
use super::tokens::{token_tags, tokens};

/// Tokens counted by (annotator a's tag, annotator b's tag). A tag is a label name, or `None`
/// for `O` (no span), which is kept apart from a label called "O".
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct Confusion {
    pub a: String,
    pub b: String,
    /// `O` first, then the labels any compared annotator used, sorted by name.
    pub tags: Vec<Option<String>>,
    /// `counts[i][j]`: tokens a tagged `tags[i]` and b tagged `tags[j]`.
    pub counts: Vec<Vec<usize>>,
}

impl Confusion {
    /// Tokens `a` tagged `tag_a` and `b` tagged `tag_b` (0 for a tag not in the table).
    pub fn get(&self, tag_a: Option<&str>, tag_b: Option<&str>) -> usize {
        let at = |t: Option<&str>| self.tags.iter().position(|x| x.as_deref() == t);
        at(tag_a)
            .zip(at(tag_b))
            .and_then(|(i, j)| self.counts.get(i)?.get(j).copied())
            .unwrap_or(0)
    }

    /// The disagreements, most frequent first (ties in table order): `(a's tag, b's tag, tokens)`.
    pub fn disagreements(&self) -> Vec<(Option<&str>, Option<&str>, usize)> {
        let mut out = Vec::new();
        for (i, row) in self.counts.iter().enumerate() {
            for (j, &n) in row.iter().enumerate() {
                if i != j && n > 0 {
                    let tag = |k: usize| self.tags.get(k).and_then(|t| t.as_deref());
                    out.push((tag(i), tag(j), n));
                }
            }
        }
        crate::model::order::sort_by_key(&mut out, |d| std::cmp::Reverse(d.2));
        out
    }
}

/// The confusion table of layers `a` and `b` (indices into `layers`) on the documents every
/// layer has; `None` when either index is not a layer.
pub fn confusion(layers: &[Layer], a: usize, b: usize) -> Option<Confusion> {
    let (la, lb) = (layers.get(a)?, layers.get(b)?);
    let aligned = align(layers);
    let labels: BTreeSet<&str> = aligned
        .documents
        .iter()
        .flatten()
        .flat_map(|d| d.spans.iter().map(|s| s.label.as_str()))
        .collect();
    let tags: Vec<Option<String>> = std::iter::once(None)
        .chain(labels.iter().map(|l| Some(l.to_string())))
        .collect();
    let index = |t: Option<&str>| {
        t.and_then(|t| labels.iter().position(|&l| l == t))
            .map_or(0, |i| i + 1)
    };
    let mut counts = vec![vec![0; tags.len()]; tags.len()];
    for doc in &aligned.documents {
        let (Some(da), Some(db)) = (doc.get(a), doc.get(b)) else {
            continue;
        };
        let toks = tokens(&da.text);
        let ta = token_tags(&toks, &da.spans);
        let tb = token_tags(&toks, &db.spans);
        for (x, y) in ta.into_iter().zip(tb) {
            if let Some(cell) = counts.get_mut(index(x)).and_then(|r| r.get_mut(index(y))) {
                *cell += 1;
            }
        }
    }
    Some(Confusion {
        a: la.annotator.clone(),
        b: lb.annotator.clone(),
        tags,
        counts,
    })
}

#[cfg(test)]
mod tests;
