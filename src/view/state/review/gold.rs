//! Gold on the review screen: the article's own actions (label, resize, relabel, delete,
//! undo, stepping through spans) edit the review's gold layer, and a layer's span can be
//! focused to read it.

use super::super::messages::{describe, sentence};
use super::super::{Action, AppState, Notice, Screen};
use crate::model::caret::Dir;
use crate::model::{LabelId, SpanId};
use crate::review::{ConflictId, Review, ReviewRefusal};

impl AppState {
    /// On the review screen the article's actions edit gold; `None` when taken here, else the
    /// action for the ordinary reducer. Only the review page's reducer calls it
    /// (`pages::Pages::review_takes`): the annotator's page has no review screen.
    pub fn review_takes(&mut self, action: Action) -> Option<Action> {
        if self.screen != Screen::Review || self.review.open.is_none() {
            return Some(action);
        }
        let snap = self.snap;
        match action {
            Action::LabelSelection {
                label,
                anchor,
                focus,
            } => self.gold_draw(|r| r.label_selection(label, anchor, focus, snap)),
            Action::Relabel { id, label } => {
                self.gold_edit(&id, "Relabelled", |r| r.relabel(&id, label))
            }
            Action::Delete(id) => {
                let what = self
                    .review
                    .open
                    .as_ref()
                    .map(|o| describe(o.review.gold(), &id, "Deleted from gold"))
                    .unwrap_or_default();
                self.review_op(|r, _| r.delete(&id));
                if !matches!(self.notice, Some(Notice::Error(_))) {
                    self.info(what);
                }
            }
            Action::Undo => self.review_op(|r, _| r.undo()),
            Action::Redo => self.review_op(|r, _| r.redo()),
            Action::ResizeFocused { edge, step, dir } => {
                if let Some(id) = self.focused.clone() {
                    self.gold_edit(&id, "Resized", |r| r.resize_step(&id, edge, step, dir));
                }
            }
            Action::ResizeTo { id, range } => {
                self.gold_edit(&id, "Resized", |r| r.resize(&id, range))
            }
            Action::Focus(Some(id)) if id.as_str().starts_with(['~', '!']) => {
                self.focus_layer_span(&id)
            }
            Action::Escape
                if self
                    .review
                    .open
                    .as_ref()
                    .is_some_and(|o| o.commenting.is_some()) =>
            {
                self.with_open(|o| o.commenting = None)
            }
            Action::StepDocument(dir) => self.step_review(dir),
            Action::DoneAndNext => self.step_review(Dir::Forward),
            Action::BackToList => {
                self.review.open = None;
                return Some(Action::BackToList);
            }
            Action::FindQuery(_)
            | Action::FindStep(_)
            | Action::FindLabel { .. }
            | Action::SetStatus(_) => {}
            other => return Some(other),
        }
        None
    }

    pub(super) fn gold_draw(
        &mut self,
        op: impl FnOnce(&Review) -> Result<(Review, SpanId), ReviewRefusal>,
    ) {
        let Some(o) = self.review.open.as_ref() else {
            return;
        };
        match op(&o.review) {
            Ok((next, id)) => {
                let msg = describe(next.gold(), &id, "Added to gold");
                self.set_review(next);
                self.info(msg);
            }
            Err(e) => self.error(&sentence(&e.to_string())),
        }
    }

    pub(super) fn gold_edit(
        &mut self,
        id: &SpanId,
        verb: &str,
        op: impl FnOnce(&Review) -> Result<Review, ReviewRefusal>,
    ) {
        let Some(o) = self.review.open.as_ref() else {
            return;
        };
        match op(&o.review) {
            Ok(next) => {
                let msg = describe(next.gold(), id, verb);
                self.set_review(next);
                self.info(msg);
            }
            Err(e) => self.error(&sentence(&e.to_string())),
        }
    }

    /// A click on a layer's span (`~k~i`) or a conflict (`!c`, see `view::review::article`):
    /// the conflict.
    pub(super) fn focus_layer_span(&mut self, id: &SpanId) {
        let Some(o) = self.review.open.as_ref() else {
            return;
        };
        if let Some(c) = id.as_str().strip_prefix('!').and_then(|c| c.parse().ok()) {
            return self.focus_conflict(Some(ConflictId(c)));
        }
        let mut parts = id.as_str().trim_start_matches('~').split('~');
        let k: Option<usize> = parts.next().and_then(|p| p.parse().ok());
        let i: Option<usize> = parts.next().and_then(|p| p.parse().ok());
        let span = k
            .zip(i)
            .and_then(|(k, i)| o.review.layers().get(k)?.spans.get(i).cloned());
        let Some(span) = span else { return };
        match o.review.conflict_at(span.start) {
            Some(c) => self.focus_conflict(Some(c)),
            None => self.info(format!(
                "{} “{}”: not in conflict.",
                span.label,
                o.review
                    .gold()
                    .text()
                    .slice(crate::model::CharRange::between(span.start, span.end))
                    .unwrap_or_default()
            )),
        }
    }

    /// The review of the next (or previous) document of the list that has layers.
    pub(super) fn step_review(&mut self, dir: Dir) {
        let Some(here) = self.review.open.as_ref().map(|o| o.id.clone()) else {
            return;
        };
        let rows: Vec<&str> = (0..self.corpus.rows.len())
            .filter_map(|r| self.corpus.row_id(r))
            .filter(|id| self.corpus.record(id).is_some_and(|r| !r.layers.is_empty()))
            .collect();
        let at = rows.iter().position(|&id| id == here);
        let next = match (at, dir) {
            (Some(i), Dir::Forward) => rows.get(i + 1),
            (Some(i), Dir::Back) => i.checked_sub(1).and_then(|i| rows.get(i)),
            (None, _) => rows.first(),
        };
        match next.map(|s| s.to_string()) {
            Some(id) => self.open_review(id),
            None => self.info("No more documents with layers in this direction."),
        }
    }

    /// The label of the hotkey on the review screen (gold's labels).
    pub fn review_label(&self, c: char) -> Option<LabelId> {
        self.review
            .open
            .as_ref()?
            .review
            .gold()
            .labels()
            .by_hotkey(c)
    }
}
