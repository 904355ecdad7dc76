//! The review slice of the reducer: the annotator name set in this browser (and the question
//! at the first export), imports that become layers, and the review screen: the open
//! [`Review`], the conflict in focus, hidden layers, a comment being written. Each arm is one
//! call into `review::Review`; on the review screen the article's own actions (label, resize,
//! relabel, delete, undo) edit gold through [`AppState::review_takes`]. Store work goes out as
//! [`ReviewJob`]s, like the corpus slice's jobs.

use std::collections::BTreeSet;
use std::rc::Rc;

use super::messages::{describe, plural, sentence};
use super::{Action, AppState, Job, Notice, Screen};
use crate::browser::session::Saving;
use crate::format::store::DocRecord;
use crate::model::caret::Dir;
use crate::model::{LabelId, SpanId};
use crate::review::intake::{Intake, Mode};
use crate::review::{ConflictId, Review, ReviewRefusal, Threshold, Which};

pub use super::agreement::{AgreementAction, AgreementState};

/// Store work of the review side.
#[derive(Clone, Debug, PartialEq)]
pub enum ReviewJob {
    /// Read a document, its layers and saved review, and open its review; `me` names the
    /// layer of its own spans.
    Open { id: String, me: String },
    /// Store an import's layers and new documents.
    Intake(Rc<Intake>),
    /// Keep the annotator name in the corpus.
    SaveAnnotator(String),
    /// Compute the agreement on these documents (all when empty), one at a time; the result
    /// carries `serial`.
    Agreement {
        ids: Rc<Vec<String>>,
        serial: u64,
        me: String,
    },
}

/// An export waiting for the annotator name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportRequest {
    /// The open document, Article Annotator JSON.
    Native,
    /// The open review's gold layer.
    Gold,
}

/// What a comment being written is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CommentOn {
    Span(SpanId),
    Conflict(ConflictId),
}

/// The review screen's document.
#[derive(Clone, Debug)]
pub struct OpenReview {
    pub id: String,
    pub record: DocRecord,
    pub review: Review,
    /// The conflict in focus.
    pub conflict: Option<ConflictId>,
    /// Layers (by index) whose spans are not drawn.
    pub hidden: Rc<BTreeSet<usize>>,
    pub commenting: Option<CommentOn>,
    /// The review revision read from the store: not written back.
    pub from_storage: u64,
}

/// The review side of the app state.
#[derive(Clone, Debug, Default)]
pub struct ReviewSlice {
    /// The annotator name set in this browser; empty when not set.
    pub annotator: Rc<str>,
    /// The name was asked for once this visit (an empty answer is not asked again).
    pub asked: bool,
    /// The name dialog is open, with the export waiting for it.
    pub ask: Option<ExportRequest>,
    /// Files are imported as suggestions.
    pub as_suggestions: bool,
    pub open: Option<OpenReview>,
    pub agreement: AgreementState,
}

#[derive(Clone, Debug)]
pub enum ReviewAction {
    /// The name as stored in the corpus (at start-up).
    AnnotatorLoaded(String),
    /// The user set their name (settings or the dialog).
    SetAnnotator(String),
    /// Ask for the name before this export.
    Ask(ExportRequest),
    /// The name dialog closed.
    AskDone,
    AsSuggestions(bool),
    /// Open a document's review.
    Open(String),
    Opened {
        record: Box<DocRecord>,
        review: Box<Review>,
        notes: Vec<String>,
    },
    /// What an import became, as stored.
    IntakeStored {
        records: Vec<DocRecord>,
        layers: usize,
        new: usize,
    },
    StepConflict(Dir),
    FocusConflict(ConflictId),
    /// Accept layer k's version of the conflict in focus.
    Accept(usize),
    /// Accept every remaining span of layer k.
    AcceptAll(usize),
    /// Accept the proposal of the conflict in focus (`Review::proposal`).
    AcceptProposal,
    /// Accept the proposal and focus its gold span, staying on the conflict.
    Fix,
    Reject,
    Remerge(Threshold),
    ToggleLayer(usize),
    /// Start a comment on the focused gold span, else the conflict in focus.
    StartComment,
    SaveComment(String),
    CancelComment,
    SendBack {
        layer: usize,
        comment: String,
    },
    TakeBack(usize),
    /// How the last save of the review went.
    Saved(Saving),
    Agreement(AgreementAction),
}

impl AppState {
    pub(super) fn review_action(&mut self, a: ReviewAction) {
        match a {
            ReviewAction::AnnotatorLoaded(name) => self.review.annotator = Rc::from(name.trim()),
            ReviewAction::SetAnnotator(name) => self.set_annotator(name),
            ReviewAction::Ask(request) => self.review.ask = Some(request),
            ReviewAction::AskDone => {
                self.review.ask = None;
                self.review.asked = true;
            }
            ReviewAction::AsSuggestions(on) => self.review.as_suggestions = on,
            ReviewAction::Open(id) => self.open_review(id),
            ReviewAction::Opened {
                record,
                review,
                notes,
            } => self.review_opened(*record, *review, notes),
            ReviewAction::IntakeStored {
                records,
                layers,
                new,
            } => self.intake_stored(records, layers, new),
            ReviewAction::StepConflict(dir) => self.step_conflict(dir),
            ReviewAction::FocusConflict(c) => self.focus_conflict(Some(c)),
            ReviewAction::Accept(k) => self.decide(|r, c| r.accept(c, k)),
            ReviewAction::AcceptAll(k) => self.review_op(|r, _| r.accept_all(k)),
            ReviewAction::AcceptProposal => self.decide(|r, c| r.accept_proposal(c)),
            ReviewAction::Fix => self.fix(),
            ReviewAction::Reject => self.decide(|r, c| r.reject(c)),
            ReviewAction::Remerge(t) => self.review_op(|r, _| Ok(r.remerge(t))),
            ReviewAction::ToggleLayer(k) => self.toggle_layer(k),
            ReviewAction::StartComment => self.start_comment(),
            ReviewAction::SaveComment(text) => self.save_comment(&text),
            ReviewAction::CancelComment => self.with_open(|o| o.commenting = None),
            ReviewAction::SendBack { layer, comment } => {
                self.review_op(|r, _| r.send_back(layer, &comment))
            }
            ReviewAction::TakeBack(k) => self.review_op(|r, _| r.take_back(k)),
            ReviewAction::Saved(saving) => self.review_saved(saving),
            ReviewAction::Agreement(a) => self.agreement_action(a),
        }
    }

    fn with_open(&mut self, f: impl FnOnce(&mut OpenReview)) {
        if let Some(o) = self.review.open.as_mut() {
            f(o);
        }
    }

    fn set_annotator(&mut self, name: String) {
        let name = name.trim().to_string();
        self.review.annotator = Rc::from(name.as_str());
        self.review.asked = true;
        self.corpus
            .push(Job::Review(ReviewJob::SaveAnnotator(name.clone())));
        self.info(if name.is_empty() {
            "Annotator name cleared: exports name no annotator.".to_string()
        } else {
            format!("Your exports now name {name} as their annotator.")
        });
    }

    /// Reads an import as layers when it is one (`review::intake`); false when the ordinary
    /// import should take it.
    pub(super) fn intake(
        &mut self,
        files: &[(String, String)],
        kind: Option<crate::format::FormatKind>,
    ) -> bool {
        let known: Vec<crate::review::intake::Known> = self
            .corpus
            .records
            .iter()
            .filter(|r| r.binned.is_none())
            .map(|r| crate::review::intake::Known {
                id: r.id.clone(),
                hash: r.hash.clone(),
            })
            .collect();
        let mode = if self.review.as_suggestions {
            Mode::Suggestions
        } else {
            Mode::Auto
        };
        match crate::review::intake::plan(files, kind, mode, &self.review.annotator, &known) {
            Ok(Some(intake)) => {
                let (layers, new) = intake.counts();
                self.info(format!(
                    "Importing {}: {layers} layer{}, {new} new document{}…",
                    intake.source,
                    plural(layers),
                    plural(new)
                ));
                self.corpus
                    .push(Job::Review(ReviewJob::Intake(Rc::new(intake))));
                true
            }
            // Not a layer, or unreadable: the ordinary import says what it can.
            Ok(None) | Err(_) => false,
        }
    }

    fn open_review(&mut self, id: String) {
        if let Some(row) = self.corpus.row_of(&id) {
            self.corpus.cursor = row;
        }
        let me = self.review.annotator.to_string();
        self.corpus.push(Job::Review(ReviewJob::Open { id, me }));
    }

    fn intake_stored(&mut self, records: Vec<DocRecord>, layers: usize, new: usize) {
        self.records_stored(records);
        self.info(format!(
            "Imported {layers} layer{} and {new} new document{}. Documents with two or more layers can be reviewed (R in the list).",
            plural(layers),
            plural(new)
        ));
    }

    fn review_opened(&mut self, record: DocRecord, review: Review, notes: Vec<String>) {
        self.records_stored(vec![record.clone()]);
        let left = review.conflicts_left();
        let title = review.gold().title().to_string();
        self.review.open = Some(OpenReview {
            id: record.id.clone(),
            record,
            from_storage: review.revision(),
            review,
            conflict: None,
            hidden: Rc::default(),
            commenting: None,
        });
        self.screen = Screen::Review;
        self.corpus.open = None;
        self.focused = None;
        self.details = false;
        self.find = Default::default();
        let mut msg = format!(
            "Reviewing “{title}”: {left} conflict{} left. N goes to the next one.",
            plural(left)
        );
        for n in notes {
            msg.push(' ');
            msg.push_str(&sentence(&n));
        }
        self.info(msg);
    }

    fn review_saved(&mut self, saving: Saving) {
        match saving {
            Saving::Stored(record) => {
                self.with_open(|o| {
                    if o.id == record.id {
                        o.record = record.clone();
                    }
                });
                self.records_stored(vec![record]);
            }
            Saving::Conflict => self.error(
                "This document was changed in another tab, so this review was not saved over it. Go back to the list and open the review again.",
            ),
            Saving::Failed(why) => self.storage = super::StorageStatus::Failed(why),
        }
    }

    fn conflict_words(review: &Review) -> String {
        match review.conflicts_left() {
            0 => "No conflict is left: the document is reviewed.".to_string(),
            n => format!("{n} conflict{} left.", plural(n)),
        }
    }

    fn step_conflict(&mut self, dir: Dir) {
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

    fn focus_conflict(&mut self, c: Option<ConflictId>) {
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
            .map(|t| super::messages::clip(t, 60))
            .unwrap_or_default();
        self.focused = None;
        self.info(format!(
            "Conflict {} of {total}, {state}: “{text}”. Alt+1, Alt+2 … accept a version, A the proposal, F fixes it, R rejects them all.",
            c.0 + 1
        ));
    }

    /// A decision on the conflict in focus; then on to the next open one.
    fn decide(&mut self, op: impl FnOnce(&Review, ConflictId) -> Result<Review, ReviewRefusal>) {
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
    fn fix(&mut self) {
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
    fn review_op(
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

    fn set_review(&mut self, next: Review) {
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

    fn toggle_layer(&mut self, k: usize) {
        self.with_open(|o| {
            let mut hidden = (*o.hidden).clone();
            if !hidden.remove(&k) {
                hidden.insert(k);
            }
            o.hidden = Rc::new(hidden);
        });
    }

    fn start_comment(&mut self) {
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

    fn save_comment(&mut self, text: &str) {
        let Some(target) = self.review.open.as_ref().and_then(|o| o.commenting.clone()) else {
            return;
        };
        self.review_op(|r, _| match &target {
            CommentOn::Span(id) => r.comment_span(id, text),
            CommentOn::Conflict(c) => r.comment_conflict(*c, text),
        });
        self.with_open(|o| o.commenting = None);
    }

    /// On the review screen the article's actions edit gold; `None` when taken here, else the
    /// action for the ordinary reducer.
    pub(super) fn review_takes(&mut self, action: Action) -> Option<Action> {
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

    fn gold_draw(&mut self, op: impl FnOnce(&Review) -> Result<(Review, SpanId), ReviewRefusal>) {
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

    fn gold_edit(
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
    fn focus_layer_span(&mut self, id: &SpanId) {
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
    fn step_review(&mut self, dir: Dir) {
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

/// A decision in plain words: "accepted Ada's version", "rejected every version".
pub fn resolution_words(review: &Review, r: crate::review::Resolution) -> String {
    let name = |k: usize| {
        review
            .layers()
            .get(k)
            .map_or_else(|| "a layer".to_string(), |l| l.name.clone())
    };
    match r {
        crate::review::Resolution::Accepted(k) => format!("accepted {}'s version", name(k)),
        crate::review::Resolution::AcceptedAll(k) => {
            format!("accepted with all of {}'s spans", name(k))
        }
        crate::review::Resolution::Rejected => "rejected every version".to_string(),
    }
}

#[cfg(test)]
mod tests;
