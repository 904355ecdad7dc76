//! One undoable step that swaps spans together with what qualifies them: a review decision
//! takes one annotator's version of a place (spans with their attribute values and notes, and
//! the links between them) instead of what gold held there. [`Editor::change_spans`] is the
//! same step for bare spans.

use std::collections::HashSet;

use super::{Edit, Editor, Refusal};
use crate::model::attribute::Attrs;
use crate::model::label::LabelId;
use crate::model::order::sort_by;
use crate::model::relation::{Relation, RelationId};
use crate::model::span::{CharRange, Span, SpanId};

/// A span a swap adds: label, range, attribute values and note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewSpan {
    pub label: LabelId,
    pub range: CharRange,
    pub attrs: Attrs,
    pub note: Option<String>,
}

/// One end of a link a swap makes: a span the document keeps, or the swap's `i`-th addition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum End {
    Kept(SpanId),
    Added(usize),
}

/// A link a swap makes: its type and ends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewLink {
    pub kind: String,
    pub from: End,
    pub to: End,
}

impl Editor {
    /// In one undoable step: unlinks `unlink` and every relation touching a span of `remove`,
    /// removes `remove`, adds `add` (an addition equal to an earlier one, or to a span that
    /// stays, label, range, attributes and note alike, is skipped) and makes the links of
    /// `link` that fit: both ends there after the change, a type the schema has, not one the
    /// document already holds, not a span to itself. Links that do not fit are left out, not
    /// refused: a review takes what fits of an annotator's version. Returns the spans added
    /// (fresh ids), in the order of `add`. Refused, changing nothing, when a span to remove is
    /// gone, a label is unknown or a range is empty or past the text.
    pub fn swap(
        &mut self,
        remove: &[SpanId],
        add: &[NewSpan],
        unlink: &[RelationId],
        link: &[NewLink],
    ) -> Result<Vec<Span>, Refusal> {
        let mut gone: HashSet<SpanId> = HashSet::with_capacity(remove.len());
        let mut removed = Vec::with_capacity(remove.len());
        for id in remove {
            let span = self.doc.spans().get(id).ok_or(Refusal::NoSuchSpan)?;
            if gone.insert(span.id().clone()) {
                removed.push(span.clone());
            }
        }
        for s in add {
            if self.doc.labels().get(s.label).is_none() {
                return Err(Refusal::UnknownLabel);
            }
            if !self.doc.fits(s.range) {
                return Err(Refusal::OutsideText);
            }
        }
        // Where each addition went: a fresh span, or the equal span that stays.
        let mut placed: Vec<Option<SpanId>> = Vec::with_capacity(add.len());
        let mut added: Vec<Span> = Vec::with_capacity(add.len());
        for s in add {
            let same = |t: &Span| {
                t.label() == s.label
                    && t.range() == s.range
                    && *t.attrs() == s.attrs
                    && t.note() == s.note.as_deref()
            };
            let stays = self
                .doc
                .spans()
                .overlapping(s.range)
                .find(|t| same(t) && !gone.contains(t.id()))
                .map(|t| t.id().clone());
            let earlier = added.iter().find(|t| same(t)).map(|t| t.id().clone());
            if let Some(id) = stays.or(earlier) {
                placed.push(Some(id));
                continue;
            }
            let id = std::rc::Rc::make_mut(&mut self.doc).fresh_id();
            let span = Span::new(id, s.label, s.range)
                .map(|t| t.with_attrs(s.attrs.clone()))
                .map(|t| t.with_note(s.note.as_deref().unwrap_or("")));
            placed.push(span.as_ref().map(|t| t.id().clone()));
            added.extend(span);
        }
        let mut unlinked: Vec<Relation> = self
            .doc
            .relations()
            .iter()
            .filter(|r| unlink.contains(r.id()) || removed.iter().any(|s| r.touches(s.id())))
            .cloned()
            .collect();
        sort_by(&mut unlinked, |a, b| a.id().cmp(b.id()));
        unlinked.dedup_by(|a, b| a.id() == b.id());
        let end = |e: &End| -> Option<SpanId> {
            match e {
                End::Kept(id) => {
                    (!gone.contains(id) && self.doc.spans().contains_id(id)).then(|| id.clone())
                }
                End::Added(i) => placed.get(*i).cloned().flatten(),
            }
        };
        let mut wanted: Vec<(String, SpanId, SpanId)> = Vec::new();
        for l in link {
            let (Some(from), Some(to)) = (end(&l.from), end(&l.to)) else {
                continue;
            };
            let held = self
                .doc
                .relations()
                .find_same(&l.kind, &from, &to)
                .is_some_and(|r| !unlinked.iter().any(|u| u.id() == r.id()));
            let known = self.doc.labels().relation_type(&l.kind).is_some();
            let triple = (l.kind.clone(), from, to);
            if known && !held && triple.1 != triple.2 && !wanted.contains(&triple) {
                wanted.push(triple);
            }
        }
        let mut linked = Vec::with_capacity(wanted.len());
        for (kind, from, to) in wanted {
            let id = std::rc::Rc::make_mut(&mut self.doc).fresh_relation_id();
            linked.extend(Relation::new(id, &kind, from, to));
        }
        let mut steps = Vec::new();
        if !unlinked.is_empty() {
            steps.push(Edit::Unlink(unlinked));
        }
        if !removed.is_empty() || !added.is_empty() {
            steps.push(Edit::Change {
                removed,
                added: added.clone(),
            });
        }
        if !linked.is_empty() {
            steps.push(Edit::Link(linked));
        }
        match steps.len() {
            0 => {}
            1 => {
                if let Some(edit) = steps.pop() {
                    self.commit(edit);
                }
            }
            _ => self.commit(Edit::Steps(steps)),
        }
        Ok(added)
    }
}

#[cfg(test)]
mod tests;
