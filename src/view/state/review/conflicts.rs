//! The review screen's conflict loop in the reducer: stepping to the next or previous
//! conflict, deciding it (accept a layer's version, the proposal, fix, reject), operations on
//! the whole review, layer toggles and comments. Each is one call into `review::Review`.

use std::rc::Rc;

use super::super::messages::{clip, plural, sentence};
use super::super::AppState;
use super::{resolution_words, CommentOn};
use crate::model::caret::Dir;
use crate::review::{ConflictId, Review, ReviewRefusal, Which};

impl AppState {
    pub(super) fn conflict_words(review: &Review) -> String {
        match review.conflicts_left() {
            0 => "No conflict is left: the document is reviewed.".to_string(),
            n => format!("{n} conflict{} left.", plural(n)),
        }
    }

    pub(super) fn step_conflict(&mut self, dir: Dir) {
        let Some(o) = self.review.open.as_ref() else {
            return;
        };
        let r = &o.review;
        let next = r
            .neighbour_conflict(o.conflict, None, dir, Which::Open)
            .or_else(|| r.neighbour_conflict(o.conflict, None, dir, Which::Any));
        match next {
            Some(c) => self.focus_conflict(Some(c)),
            None => self.info(if r.conflicts().is_empty() {
                "This document has no conflicts.".to_string()
            } else {
                match dir {
                    Dir::Forward => "No more conflicts after this one.".to_string(),
                    Dir::Back => "No more conflicts before this one.".to_string(),
                }
            }),
        }
    }

    pub(super) fn focus_conflict(&mut self, c: Option<ConflictId>) {
        let Some(o) = self.review.open.as_mut() else {
            return;
        };
        o.conflict = c;
        o.commenting = None;
        let Some(c) = c else { return };
        let r = &o.review;
        let total = r.conflicts().len();
        let state = match r.resolution(c) {
            None => "open".to_string(),
            Some(res) => format!("decided: {}", resolution_words(r, res)),
        };
        let text = r
            .conflict(c)
            .and_then(|k| r.gold().text().slice(k.region))
            .map(|t| clip(t, 60))
            .unwrap_or_default();
        self.focused = None;
        self.info(format!(
            "Conflict {} of {total}, {state}: “{text}”. Alt+1, Alt+2 … accept a version, A the proposal, F fixes it, R rejects them all.",
            c.0 + 1
        ));
    }

    /// A decision on the conflict in focus; then on to the next open one.
    pub(super) fn decide(
        &mut self,
        op: impl FnOnce(&Review, ConflictId) -> Result<Review, ReviewRefusal>,
    ) {
        let Some(o) = self.review.open.as_ref() else {
            return;
        };
        let Some(c) = o.conflict else {
            return self.error("Go to a conflict first: N for the next one.");
        };
        match op(&o.review, c) {
            Ok(next) => {
                let after = next
                    .neighbour_conflict(Some(c), None, Dir::Forward, Which::Open)
                    .or_else(|| next.neighbour_conflict(None, None, Dir::Forward, Which::Open));
                let words = AppState::conflict_words(&next);
                self.set_review(next);
                self.with_open(|o| o.conflict = after);
                self.info(match after {
                    Some(n) => format!("Decided. {words} On to conflict {}.", n.0 + 1),
                    None => format!("Decided. {words}"),
                });
            }
            Err(e) => self.error(&sentence(&e.to_string())),
        }
    }

    /// Accepts the proposal of the conflict in focus and focuses the gold span it brought,
    /// so the article's keys fix it; the conflict stays in focus.
    pub(super) fn fix(&mut self) {
        let Some(o) = self.review.open.as_ref() else {
            return;
        };
        let Some(c) = o.conflict else {
            return self.error("Go to a conflict first: N for the next one.");
        };
        let r = &o.review;
        let taken = r.proposal(c).and_then(|k| {
            let next = r.accept(c, k)?;
            Ok((k, next))
        });
        match taken {
            Ok((k, next)) => {
                let name = next.layers().get(k).map(|l| l.name.clone());
                let region = next.conflict(c).map(|k| k.region);
                let gold = next.gold();
                let in_region: Vec<_> = region
                    .map(|reg| gold.spans().overlapping(reg).collect())
                    .unwrap_or_default();
                let from_layer = in_region.iter().find(|s| {
                    next.provenance(s.id()).and_then(|p| p.how.layer()) == name.as_deref()
                });
                let span = from_layer.or(in_region.first()).map(|s| s.id().clone());
                let words = AppState::conflict_words(&next);
                self.set_review(next);
                self.with_open(|o| o.conflict = Some(c));
                self.focused = span;
                self.info(format!(
                    "Accepted; fix it with the article's keys (Shift+arrows resize, a label key relabels, Delete removes). {words}"
                ));
            }
            Err(e) => self.error(&sentence(&e.to_string())),
        }
    }

    /// Any other operation on the review.
    pub(super) fn review_op(
        &mut self,
        op: impl FnOnce(&Review, Option<ConflictId>) -> Result<Review, ReviewRefusal>,
    ) {
        let Some(o) = self.review.open.as_ref() else {
            return;
        };
        match op(&o.review, o.conflict) {
            Ok(next) => {
                let words = AppState::conflict_words(&next);
                self.set_review(next);
                self.info(format!("Done. {words}"));
            }
            Err(e) => self.error(&sentence(&e.to_string())),
        }
    }

    pub(super) fn set_review(&mut self, next: Review) {
        let focused = self.focused.clone();
        if let Some(o) = self.review.open.as_mut() {
            if o.conflict.is_some_and(|c| next.conflict(c).is_none()) {
                o.conflict = None;
            }
            o.review = next;
            if focused.is_some_and(|id| !o.review.gold().spans().contains_id(&id)) {
                self.focused = None;
                self.details = false;
            }
        }
    }

    pub(super) fn toggle_layer(&mut self, k: usize) {
        self.with_open(|o| {
            let mut hidden = (*o.hidden).clone();
            if !hidden.remove(&k) {
                hidden.insert(k);
            }
            o.hidden = Rc::new(hidden);
        });
    }

    pub(super) fn start_comment(&mut self) {
        let target = match (
            &self.focused,
            self.review.open.as_ref().and_then(|o| o.conflict),
        ) {
            (Some(id), _) => Some(CommentOn::Span(id.clone())),
            (None, Some(c)) => Some(CommentOn::Conflict(c)),
            (None, None) => None,
        };
        match target {
            Some(t) => self.with_open(|o| o.commenting = Some(t)),
            None => self.error("Focus a gold span or go to a conflict first, then comment on it."),
        }
    }

    pub(super) fn save_comment(&mut self, text: &str) {
        let Some(target) = self.review.open.as_ref().and_then(|o| o.commenting.clone()) else {
            return;
        };
        self.review_op(|r, _| match &target {
            CommentOn::Span(id) => r.comment_span(id, text),
            CommentOn::Conflict(c) => r.comment_conflict(*c, text),
        });
        self.with_open(|o| o.commenting = None);
    }
}
