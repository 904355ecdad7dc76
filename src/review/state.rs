//! The review of one document: its layers (read-only), the gold layer the reviewer builds,
//! the conflicts the auto-merge left and what was decided about each, every gold span's
//! provenance, comments, and "needs work" notes to annotators. Pure: every operation
//! (in [`ops`]) takes `&self` and returns the next [`Review`], so a Yew reducer arm is one
//! call; nothing here knows the browser or a file format.
//!
//! **Gold is an [`Editor`] over a plain [`Document`], with the review state beside it**, not
//! a document whose spans carry provenance. The model's spans stay what every other part of
//! the app (segmentation, rendering, formats, the store) already understands, and gold edits
//! reuse the editor's checks and keyboard steps unchanged. Each review operation is one step
//! of the review's own history: at most one editor step (a compound
//! [`crate::model::editor::Edit::Change`] when an accept swaps versions) together with the
//! review state before and after it and the provenance entries it changed, so one undo takes
//! back one decision, gold and bookkeeping together. The history is as long as the editor's
//! ([`HISTORY_LIMIT`]); gold is never changed but through the review, so the two stay in step.
//!
//! Cost: an operation clones the review (shared handles) and copies what it changes once,
//! like the editor: the gold spans on a gold change, the provenance map when provenance
//! changes, the decisions on a decision. The history keeps only the changed parts.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::rc::Rc;

use super::layer::{LayerRelation, LayerSpan, ReviewLayer};
use super::merge::{Candidates, Conflict, Threshold};
use super::provenance::Provenance;
use crate::model::caret::Dir;
use crate::model::editor::{next_revision, HISTORY_LIMIT};
use crate::model::label::{LabelError, MAX_LABELS};
use crate::model::{CharRange, Document, Editor, Refusal, SpanId};

mod open;
mod ops;
mod proposal;

pub use open::ReviewParts;
use open::{gold_relations, gold_span, layer_span, names};

/// A conflict: its index in [`Review::conflicts`] (text order), stable until a re-merge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ConflictId(pub usize);

/// What the reviewer decided about a conflict. Layers by index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Resolution {
    /// This layer's version was accepted.
    Accepted(usize),
    /// Accepted with all remaining spans of this layer.
    AcceptedAll(usize),
    /// No version was taken.
    Rejected,
}

/// Which conflicts navigation visits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Which {
    /// Only those not decided yet.
    Open,
    /// All of them.
    Any,
}

/// Where a document's review stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReviewStatus {
    /// Conflicts are left.
    InReview { conflicts_left: usize },
    /// No conflict is left and nobody was asked for more work.
    Reviewed,
    /// Sent back to at least one annotator.
    NeedsWork,
}

/// Why a review cannot be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReviewError {
    /// The document's labels and the layers' labels together do not make a label set (too
    /// many for the hotkeys, say).
    Labels(LabelError),
}

impl fmt::Display for ReviewError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReviewError::Labels(LabelError::TooMany(n)) => write!(
                f,
                "the document and its layers use {n} labels together; at most {MAX_LABELS} are supported"
            ),
            ReviewError::Labels(e) => write!(f, "the layers' labels cannot be used: {e}"),
        }
    }
}

/// Why an operation changed nothing. Shown to the user as is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReviewRefusal {
    /// The conflict is not one of this review's.
    NoSuchConflict,
    /// The layer is not one of this review's.
    NoSuchLayer,
    /// A document can be sent back to an annotator only, not to a model's suggestions.
    NotAnAnnotator(String),
    /// Sending back needs a comment that says what to do.
    EmptyComment,
    /// Accept-all with every conflict already decided.
    NothingLeft,
    /// A one-key accept where annotators' versions differ and no model proposes one.
    NoProposal,
    /// The gold edit was refused (undo with nothing to undo, a duplicate span, …).
    Edit(Refusal),
}

impl fmt::Display for ReviewRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReviewRefusal::NoSuchConflict => write!(f, "there is no such conflict"),
            ReviewRefusal::NoSuchLayer => write!(f, "there is no such layer"),
            ReviewRefusal::NotAnAnnotator(name) => {
                write!(
                    f,
                    "{name} holds suggestions; only an annotator can be asked for more work"
                )
            }
            ReviewRefusal::EmptyComment => write!(f, "say what needs work in the comment"),
            ReviewRefusal::NothingLeft => write!(f, "no conflicts are left"),
            ReviewRefusal::NoProposal => write!(
                f,
                "the annotators' versions differ: Alt and a layer's number accept that layer's"
            ),
            ReviewRefusal::Edit(r) => r.fmt(f),
        }
    }
}

impl From<Refusal> for ReviewRefusal {
    fn from(r: Refusal) -> Self {
        ReviewRefusal::Edit(r)
    }
}

/// The review state the history snapshots: each field shared until an operation changes it.
#[derive(Clone, Debug, PartialEq)]
struct Side {
    threshold: Threshold,
    conflicts: Rc<[Conflict]>,
    resolutions: Rc<[Option<Resolution>]>,
    conflict_comments: Rc<BTreeMap<CharRange, String>>,
    span_comments: Rc<BTreeMap<SpanId, String>>,
    needs_work: Rc<BTreeMap<usize, String>>,
}

/// One provenance entry an operation changed.
#[derive(Clone, Debug, PartialEq)]
struct Changed {
    id: SpanId,
    before: Option<Provenance>,
    after: Option<Provenance>,
}

/// One step of the review's history.
#[derive(Clone, Debug, PartialEq)]
struct Step {
    /// True when the step made one editor step.
    edited: bool,
    before: Side,
    after: Side,
    provenance: Vec<Changed>,
}

/// The review of one document (see the module doc).
#[derive(Clone, Debug)]
pub struct Review {
    layers: Rc<[ReviewLayer]>,
    candidates: Rc<Candidates>,
    /// The document's spans before the review: settled, and kept by a re-merge.
    base: Rc<BTreeSet<LayerSpan>>,
    /// Its relations before the review, likewise.
    base_links: Rc<BTreeSet<LayerRelation>>,
    gold: Editor,
    side: Side,
    /// By gold span id; only gold spans have an entry.
    provenance: Rc<HashMap<SpanId, Provenance>>,
    undo: Vec<Rc<Step>>,
    redo: Vec<Rc<Step>>,
    revision: u64,
}

impl Review {
    pub fn layers(&self) -> &[ReviewLayer] {
        &self.layers
    }

    /// The gold document.
    pub fn gold(&self) -> &Document {
        self.gold.doc()
    }

    /// The gold layer's editor (read-only: gold changes only through the review).
    pub fn editor(&self) -> &Editor {
        &self.gold
    }

    /// Moves with every change (gold or decisions or comments), and only then.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn threshold(&self) -> Threshold {
        self.side.threshold
    }

    /// The layers' distinct spans and who holds each.
    pub fn candidates(&self) -> &Candidates {
        &self.candidates
    }

    /// The conflicts, in text order.
    pub fn conflicts(&self) -> &[Conflict] {
        &self.side.conflicts
    }

    pub fn conflict(&self, c: ConflictId) -> Option<&Conflict> {
        self.side.conflicts.get(c.0)
    }

    /// What was decided about `c`; `None` while it is open (or when there is no such conflict).
    pub fn resolution(&self, c: ConflictId) -> Option<Resolution> {
        self.side.resolutions.get(c.0).copied().flatten()
    }

    pub fn conflicts_left(&self) -> usize {
        self.side.resolutions.iter().filter(|r| r.is_none()).count()
    }

    /// True when no conflict is left.
    pub fn is_reviewed(&self) -> bool {
        self.conflicts_left() == 0
    }

    pub fn status(&self) -> ReviewStatus {
        match self.conflicts_left() {
            _ if !self.side.needs_work.is_empty() => ReviewStatus::NeedsWork,
            0 => ReviewStatus::Reviewed,
            n => ReviewStatus::InReview { conflicts_left: n },
        }
    }

    /// The conflict after (or before) `focused` in text order, of `which`. With none focused:
    /// forward, the first that has not ended at or before the caret; back, the last that starts
    /// before it. No caret counts as the start of the text. `None` past the last (or before the
    /// first).
    pub fn neighbour_conflict(
        &self,
        focused: Option<ConflictId>,
        caret: Option<usize>,
        dir: Dir,
        which: Which,
    ) -> Option<ConflictId> {
        let wanted = |i: usize| which == Which::Any || self.resolution(ConflictId(i)).is_none();
        let all = &self.side.conflicts;
        let found = match (focused, dir) {
            (Some(f), Dir::Forward) => (f.0.saturating_add(1)..all.len()).find(|&i| wanted(i)),
            (Some(f), Dir::Back) => (0..f.0.min(all.len())).rev().find(|&i| wanted(i)),
            (None, Dir::Forward) => {
                let at = caret.unwrap_or(0);
                (0..all.len()).find(|&i| all[i].region.end() > at && wanted(i))
            }
            (None, Dir::Back) => {
                let at = caret.unwrap_or(0);
                (0..all.len())
                    .rev()
                    .find(|&i| all[i].region.start() < at && wanted(i))
            }
        };
        found.map(ConflictId)
    }

    /// The conflict whose region holds code point `pos`.
    pub fn conflict_at(&self, pos: usize) -> Option<ConflictId> {
        let all = &self.side.conflicts;
        let i = all.partition_point(|c| c.region.end() <= pos);
        all.get(i)
            .filter(|c| c.region.start() <= pos)
            .map(|_| ConflictId(i))
    }

    /// Who proposed the gold span `id` and how it got there; `None` for a span the document
    /// had before the review.
    pub fn provenance(&self, id: &SpanId) -> Option<&Provenance> {
        self.provenance.get(id)
    }

    pub fn conflict_comment(&self, c: ConflictId) -> Option<&str> {
        let region = self.conflict(c)?.region;
        self.side.conflict_comments.get(&region).map(String::as_str)
    }

    pub fn span_comment(&self, id: &SpanId) -> Option<&str> {
        self.side.span_comments.get(id).map(String::as_str)
    }

    /// The annotators (layer index, comment) the document was sent back to.
    pub fn needs_work(&self) -> impl Iterator<Item = (usize, &str)> {
        self.side.needs_work.iter().map(|(&k, c)| (k, c.as_str()))
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Takes back the last operation: its gold edit, decisions, comments and provenance.
    pub fn undo(&self) -> Result<Review, ReviewRefusal> {
        let mut next = self.clone();
        let step = next.undo.pop().ok_or(Refusal::NothingToUndo)?;
        if step.edited {
            next.gold.undo()?;
        }
        next.set_provenance(step.provenance.iter().map(|c| (&c.id, &c.before)));
        next.side = step.before.clone();
        next.redo.push(step);
        next.revision = next_revision();
        Ok(next)
    }

    /// Does again what [`Review::undo`] took back.
    pub fn redo(&self) -> Result<Review, ReviewRefusal> {
        let mut next = self.clone();
        let step = next.redo.pop().ok_or(Refusal::NothingToRedo)?;
        if step.edited {
            next.gold.redo()?;
        }
        next.set_provenance(step.provenance.iter().map(|c| (&c.id, &c.after)));
        next.side = step.after.clone();
        next.undo.push(step);
        next.revision = next_revision();
        Ok(next)
    }

    fn set_provenance<'a>(
        &mut self,
        entries: impl Iterator<Item = (&'a SpanId, &'a Option<Provenance>)>,
    ) {
        let map = Rc::make_mut(&mut self.provenance);
        for (id, p) in entries {
            match p {
                Some(p) => drop(map.insert(id.clone(), p.clone())),
                None => drop(map.remove(id)),
            }
        }
    }

    /// Records one operation: `next` is this review with the gold edit (if any) made,
    /// `side` the review state after it, `provenance` the entries that changed.
    fn commit(
        &self,
        mut next: Review,
        side: Side,
        provenance: Vec<(SpanId, Option<Provenance>)>,
    ) -> Review {
        let edited = next.gold.revision() != self.gold.revision();
        let changed: Vec<Changed> = provenance
            .into_iter()
            .map(|(id, after)| Changed {
                before: self.provenance.get(&id).cloned(),
                id,
                after,
            })
            .collect();
        next.set_provenance(changed.iter().map(|c| (&c.id, &c.after)));
        next.undo.push(Rc::new(Step {
            edited,
            before: self.side.clone(),
            after: side.clone(),
            provenance: changed,
        }));
        if next.undo.len() > HISTORY_LIMIT {
            next.undo.remove(0);
        }
        next.redo.clear();
        next.side = side;
        next.revision = next_revision();
        next
    }

    /// The names of the layers `indices`.
    fn names(&self, indices: &[usize]) -> Vec<String> {
        names(&self.layers, indices)
    }
}

#[cfg(test)]
mod tests;
