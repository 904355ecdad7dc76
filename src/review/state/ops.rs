//! The reviewer's operations: each takes the review and returns the next one (or why not),
//! as one step of its history. Decisions on conflicts, the gold edits (through the model's
//! [`Editor`], so its checks and keyboard steps hold), comments, and sending back.
//!
//! Accepting layer k's version of a conflict:
//! - adds every span of k's version (k's spans overlapping the region) that gold lacks;
//! - removes every gold span overlapping the region that k does not hold and that is either
//!   one of the conflict's disputed spans or [competes](super::super::merge::competes) with a
//!   span of k's version (the same range with another label, or the same label on another
//!   range). Gold spans that can stand beside k's version (a merged quote around a disputed
//!   name, the reviewer's own spans elsewhere in the region) stay.
//!
//! - brings the version's spans with their attribute values and notes (a span differing only
//!   in its values from gold's is another span: gold's goes, k's comes);
//! - unlinks the conflict's disputed relations that k does not hold, and links those k holds
//!   whose two ends are in gold after the decision (an end in another open conflict that k's
//!   version is not yet in gold for: the link comes when that conflict takes k's version).
//!   Relations between spans that stay are kept; a span that goes takes its links along.
//!
//! Rejecting every version removes the conflict's disputed spans and relations from gold
//! (whatever an earlier accept brought in) and keeps the rest. Either decision can be changed
//! later.

use std::collections::BTreeSet;
use std::rc::Rc;

use super::{
    gold_relations, gold_span, layer_span, ConflictId, Resolution, Review, ReviewRefusal, Side,
};
use crate::model::caret::{Dir, Edge, Step};
use crate::model::editor::{End, NewLink, NewSpan};
use crate::model::{CharRange, Editor, LabelId, Refusal, RelationId, SpanId};
use crate::review::layer::{LayerKind, LayerRelation, LayerSpan};
use crate::review::merge::{competes, merge, Conflict, Threshold};
use crate::review::provenance::{How, Provenance};

/// What a decision changes in gold: spans out, spans in, relations out, relations in.
#[derive(Default)]
struct Plan {
    remove: Vec<SpanId>,
    add: Vec<LayerSpan>,
    unlink: Vec<RelationId>,
    link: Vec<LayerRelation>,
}

impl Plan {
    fn extend(&mut self, other: Plan) {
        self.remove.extend(other.remove);
        self.add.extend(other.add);
        self.unlink.extend(other.unlink);
        self.link.extend(other.link);
    }
}

impl Review {
    /// Takes layer `layer`'s version of conflict `c` into gold (see the module doc).
    pub fn accept(&self, c: ConflictId, layer: usize) -> Result<Review, ReviewRefusal> {
        let conflict = self.conflict(c).ok_or(ReviewRefusal::NoSuchConflict)?;
        let name = self.layer_name(layer)?;
        let plan = self.accept_plan(conflict, layer);
        let how = How::Accepted { layer: name };
        self.decide(&[c], Resolution::Accepted(layer), plan, how)
    }

    /// Takes none of the versions of conflict `c`: its disputed spans leave gold.
    pub fn reject(&self, c: ConflictId) -> Result<Review, ReviewRefusal> {
        let conflict = self.conflict(c).ok_or(ReviewRefusal::NoSuchConflict)?;
        let gold = self.gold.doc();
        let remove = gold
            .spans()
            .overlapping(conflict.region)
            .filter(|g| conflict.has_member(&layer_span(gold, g)))
            .map(|g| g.id().clone())
            .collect();
        let unlink = gold_relations(gold)
            .into_iter()
            .filter(|(_, r)| conflict.has_relation(r))
            .map(|(id, _)| id)
            .collect();
        let plan = Plan {
            remove,
            unlink,
            ..Plan::default()
        };
        // Nothing is added, so no provenance is given.
        self.decide(&[c], Resolution::Rejected, plan, How::Added)
    }

    /// Accepts layer `layer`'s version of every open conflict, in one step.
    pub fn accept_all(&self, layer: usize) -> Result<Review, ReviewRefusal> {
        let name = self.layer_name(layer)?;
        let open: Vec<ConflictId> = (0..self.conflicts().len())
            .map(ConflictId)
            .filter(|&c| self.resolution(c).is_none())
            .collect();
        if open.is_empty() {
            return Err(ReviewRefusal::NothingLeft);
        }
        let mut plan = Plan::default();
        for &c in &open {
            if let Some(conflict) = self.conflict(c) {
                plan.extend(self.accept_plan(conflict, layer));
            }
        }
        let how = How::AcceptedAll { layer: name };
        self.decide(&open, Resolution::AcceptedAll(layer), plan, how)
    }

    /// Merges again at `threshold`, starting over: gold goes back to the document's own spans
    /// and the merged ones, every conflict is open again. Comments on gold spans and on
    /// conflicts whose region is still a conflict stay; one undo brings the old state back.
    pub fn remerge(&self, threshold: Threshold) -> Review {
        let gold = self.gold.doc();
        let remove: Vec<SpanId> = gold
            .spans()
            .iter()
            .filter(|s| !self.base.contains(&layer_span(gold, s)))
            .map(|s| s.id().clone())
            .collect();
        let merged = merge(
            &self.layers,
            &self.candidates,
            &self.base,
            &self.base_links,
            threshold,
        );
        let mut add: Vec<LayerSpan> = self.base.iter().cloned().collect();
        add.extend(merged.merged.into_iter().map(|c| c.span));
        let unlink = gold_relations(gold)
            .into_iter()
            .filter(|(_, r)| !self.base_links.contains(r))
            .map(|(id, _)| id)
            .collect();
        let mut link: Vec<LayerRelation> = self.base_links.iter().cloned().collect();
        link.extend(merged.merged_relations.into_iter().map(|c| c.relation));
        let conflicts: Rc<[Conflict]> = merged.conflicts.into();
        let regions: BTreeSet<CharRange> = conflicts.iter().map(|c| c.region).collect();
        let side = Side {
            threshold,
            resolutions: vec![None; conflicts.len()].into(),
            conflicts,
            conflict_comments: Rc::new(
                self.side
                    .conflict_comments
                    .iter()
                    .filter(|(r, _)| regions.contains(r))
                    .map(|(r, c)| (*r, c.clone()))
                    .collect(),
            ),
            ..self.side.clone()
        };
        // Every span here is the text's and its label is in the set: nothing is refused.
        let how = |v: &LayerSpan| (!self.base.contains(v)).then_some(How::Auto);
        let plan = Plan {
            remove,
            add,
            unlink,
            link,
        };
        self.change(plan, &how, side)
            .unwrap_or_else(|_| self.clone())
    }

    /// Draws a gold span.
    pub fn add_span(
        &self,
        label: LabelId,
        range: CharRange,
    ) -> Result<(Review, SpanId), ReviewRefusal> {
        self.draw(|e| e.add_span(label, range))
    }

    /// Draws a gold span over the selection from `anchor` to `focus`, as the editor would
    /// (trimmed, whole grapheme clusters, whole words with `snap`).
    pub fn label_selection(
        &self,
        label: LabelId,
        anchor: usize,
        focus: usize,
        snap: bool,
    ) -> Result<(Review, SpanId), ReviewRefusal> {
        self.draw(|e| e.label_selection(label, anchor, focus, snap))
    }

    /// Moves a gold span's ends.
    pub fn resize(&self, id: &SpanId, range: CharRange) -> Result<Review, ReviewRefusal> {
        self.rework(id, How::Resized, |e| e.resize(id, range))
    }

    /// Moves one end of a gold span by one keyboard step.
    pub fn resize_step(
        &self,
        id: &SpanId,
        edge: Edge,
        step: Step,
        dir: Dir,
    ) -> Result<Review, ReviewRefusal> {
        self.rework(id, How::Resized, |e| e.resize_step(id, edge, step, dir))
    }

    /// Gives a gold span another label.
    pub fn relabel(&self, id: &SpanId, label: LabelId) -> Result<Review, ReviewRefusal> {
        self.rework(id, How::Relabelled, |e| e.relabel(id, label))
    }

    /// Removes a gold span.
    pub fn delete(&self, id: &SpanId) -> Result<Review, ReviewRefusal> {
        let mut next = self.clone();
        next.gold.delete(id)?;
        Ok(self.commit(next, self.side.clone(), vec![(id.clone(), None)]))
    }

    /// Sets the comment on conflict `c`; an empty one removes it.
    pub fn comment_conflict(&self, c: ConflictId, text: &str) -> Result<Review, ReviewRefusal> {
        let region = self
            .conflict(c)
            .ok_or(ReviewRefusal::NoSuchConflict)?
            .region;
        let mut comments = (*self.side.conflict_comments).clone();
        set_or_clear(&mut comments, region, text);
        let side = Side {
            conflict_comments: Rc::new(comments),
            ..self.side.clone()
        };
        Ok(self.commit(self.clone(), side, Vec::new()))
    }

    /// Sets the comment on gold span `id`; an empty one removes it.
    pub fn comment_span(&self, id: &SpanId, text: &str) -> Result<Review, ReviewRefusal> {
        if !self.gold.doc().spans().contains_id(id) {
            return Err(Refusal::NoSuchSpan.into());
        }
        let mut comments = (*self.side.span_comments).clone();
        set_or_clear(&mut comments, id.clone(), text);
        let side = Side {
            span_comments: Rc::new(comments),
            ..self.side.clone()
        };
        Ok(self.commit(self.clone(), side, Vec::new()))
    }

    /// Sends the document back to annotator `layer` ("needs work") with `comment`, which the
    /// next export to them carries. A second call replaces the comment.
    pub fn send_back(&self, layer: usize, comment: &str) -> Result<Review, ReviewRefusal> {
        let l = self.layers.get(layer).ok_or(ReviewRefusal::NoSuchLayer)?;
        if l.kind != LayerKind::Annotator {
            return Err(ReviewRefusal::NotAnAnnotator(l.name.clone()));
        }
        if comment.trim().is_empty() {
            return Err(ReviewRefusal::EmptyComment);
        }
        let mut needs_work = (*self.side.needs_work).clone();
        needs_work.insert(layer, comment.trim().to_string());
        let side = Side {
            needs_work: Rc::new(needs_work),
            ..self.side.clone()
        };
        Ok(self.commit(self.clone(), side, Vec::new()))
    }

    /// Withdraws "needs work" for annotator `layer`.
    pub fn take_back(&self, layer: usize) -> Result<Review, ReviewRefusal> {
        self.layers.get(layer).ok_or(ReviewRefusal::NoSuchLayer)?;
        let mut needs_work = (*self.side.needs_work).clone();
        if needs_work.remove(&layer).is_none() {
            return Ok(self.clone());
        }
        let side = Side {
            needs_work: Rc::new(needs_work),
            ..self.side.clone()
        };
        Ok(self.commit(self.clone(), side, Vec::new()))
    }

    fn layer_name(&self, layer: usize) -> Result<String, ReviewRefusal> {
        self.layers
            .get(layer)
            .map(|l| l.name.clone())
            .ok_or(ReviewRefusal::NoSuchLayer)
    }

    /// What accepting `layer`'s version of `conflict` takes out and puts in (module doc).
    fn accept_plan(&self, conflict: &Conflict, layer: usize) -> Plan {
        let gold = self.gold.doc();
        let Some(version) = conflict.versions.get(layer) else {
            return Plan::default();
        };
        // Equal with its attribute values: the same place with other values is another span.
        let in_gold = |s: &LayerSpan| {
            CharRange::new(s.start, s.end).is_some_and(|r| {
                gold.spans()
                    .overlapping(r)
                    .any(|g| layer_span(gold, g) == *s)
            })
        };
        let add = version.iter().filter(|s| !in_gold(s)).cloned().collect();
        let remove = gold
            .spans()
            .overlapping(conflict.region)
            .filter(|g| {
                let v = layer_span(gold, g);
                !self.candidates.held_by(&v, layer)
                    && (conflict.has_member(&v) || version.iter().any(|s| competes(&v, s)))
            })
            .map(|g| g.id().clone())
            .collect();
        let links = conflict
            .relation_versions
            .get(layer)
            .cloned()
            .unwrap_or_default();
        let unlink = gold_relations(gold)
            .into_iter()
            .filter(|(_, r)| conflict.has_relation(r) && !links.contains(r))
            .map(|(id, _)| id)
            .collect();
        Plan {
            remove,
            add,
            unlink,
            link: links,
        }
    }

    /// Resolves `conflicts` as `resolution` with the gold change `remove`/`add`.
    fn decide(
        &self,
        conflicts: &[ConflictId],
        resolution: Resolution,
        plan: Plan,
        how: How,
    ) -> Result<Review, ReviewRefusal> {
        let mut resolutions: Vec<Option<Resolution>> = self.side.resolutions.to_vec();
        for c in conflicts {
            if let Some(r) = resolutions.get_mut(c.0) {
                *r = Some(resolution);
            }
        }
        let side = Side {
            resolutions: resolutions.into(),
            ..self.side.clone()
        };
        self.change(plan, &|_| Some(how.clone()), side)
    }

    /// One step: the gold change (each span added gets the provenance `how` gives it; none
    /// for the document's own spans a re-merge brings back) and the review state `side`.
    fn change(
        &self,
        plan: Plan,
        how: &dyn Fn(&LayerSpan) -> Option<How>,
        side: Side,
    ) -> Result<Review, ReviewRefusal> {
        let gold = self.gold.doc();
        let Plan {
            remove,
            add,
            unlink,
            link,
        } = plan;
        let mut new_spans: Vec<NewSpan> = Vec::with_capacity(add.len());
        let mut placed: Vec<&LayerSpan> = Vec::with_capacity(add.len());
        for s in &add {
            if let Some(span) = gold_span(gold, SpanId::new(""), s) {
                new_spans.push(NewSpan {
                    label: span.label(),
                    range: span.range(),
                    attrs: s.attrs.clone(),
                    note: s.note.clone(),
                });
                placed.push(s);
            }
        }
        // An end is a span this change adds, else a gold span that stays (the first such).
        let end = |k: &crate::review::layer::SpanKey| -> Option<End> {
            if let Some(i) = placed.iter().position(|s| s.is(k)) {
                return Some(End::Added(i));
            }
            let range = CharRange::new(k.start, k.end)?;
            gold.spans()
                .overlapping(range)
                .find(|g| layer_span(gold, g).is(k) && !remove.contains(g.id()))
                .map(|g| End::Kept(g.id().clone()))
        };
        let links: Vec<NewLink> = link
            .iter()
            .filter_map(|r| {
                Some(NewLink {
                    kind: r.kind.clone(),
                    from: end(&r.from)?,
                    to: end(&r.to)?,
                })
            })
            .collect();
        let mut next = self.clone();
        let added = next.gold.swap(&remove, &new_spans, &unlink, &links)?;
        let mut provenance: Vec<(SpanId, Option<Provenance>)> =
            remove.into_iter().map(|id| (id, None)).collect();
        for span in added {
            let value = layer_span(next.gold.doc(), &span);
            let Some(how) = how(&value) else { continue };
            let proposed_by = self.names(self.candidates.holders(&value));
            provenance.push((span.id().clone(), Some(Provenance { proposed_by, how })));
        }
        Ok(self.commit(next, side, provenance))
    }

    /// A gold span drawn by the reviewer, with its id.
    fn draw(
        &self,
        edit: impl FnOnce(&mut Editor) -> Result<SpanId, Refusal>,
    ) -> Result<(Review, SpanId), ReviewRefusal> {
        let mut next = self.clone();
        let id = edit(&mut next.gold)?;
        let doc = next.gold.doc();
        let proposed_by = doc
            .spans()
            .get(&id)
            .map(|s| self.names(self.candidates.holders(&layer_span(doc, s))))
            .unwrap_or_default();
        let provenance = Provenance {
            proposed_by,
            how: How::Added,
        };
        let next = self.commit(
            next,
            self.side.clone(),
            vec![(id.clone(), Some(provenance))],
        );
        Ok((next, id))
    }

    /// A gold span resized or relabelled: it keeps its proposers, and `how` says what the
    /// reviewer did. No step when the edit changed nothing.
    fn rework(
        &self,
        id: &SpanId,
        how: How,
        edit: impl FnOnce(&mut Editor) -> Result<(), Refusal>,
    ) -> Result<Review, ReviewRefusal> {
        let mut next = self.clone();
        edit(&mut next.gold)?;
        if next.gold.revision() == self.gold.revision() {
            return Ok(self.clone());
        }
        let proposed_by = self
            .provenance(id)
            .map(|p| p.proposed_by.clone())
            .unwrap_or_default();
        let provenance = Provenance { proposed_by, how };
        Ok(self.commit(
            next,
            self.side.clone(),
            vec![(id.clone(), Some(provenance))],
        ))
    }
}

/// Sets `map[key]` to the trimmed `text`, or removes it when that is empty.
fn set_or_clear<K: Ord>(map: &mut std::collections::BTreeMap<K, String>, key: K, text: &str) {
    match text.trim() {
        "" => drop(map.remove(&key)),
        t => drop(map.insert(key, t.to_string())),
    }
}
