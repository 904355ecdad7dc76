//! The review slice of the reducer: the annotator name set in this browser (and the question
//! at the first export), imports that become layers, and the review screen: the open
//! [`Review`], the conflict in focus, hidden layers, a comment being written. Each arm is one
//! call into `review::Review`: the conflict loop is in `conflicts`, and on the review screen
//! the article's own actions (label, resize, relabel, delete, undo) edit gold through
//! [`AppState::review_takes`] (`gold`). Store work goes out as [`ReviewJob`]s, like the corpus
//! slice's jobs.

use std::collections::BTreeSet;
use std::rc::Rc;

use super::messages::{plural, sentence};
use super::{AppState, Job, Screen};
use crate::browser::session::Saving;
use crate::format::store::DocRecord;
use crate::model::caret::Dir;
use crate::model::SpanId;
use crate::review::{ConflictId, Review, Threshold};

pub use super::agreement::{AgreementAction, AgreementState};

/// Store work of the review side.
#[derive(Clone, Debug, PartialEq)]
pub enum ReviewJob {
    /// Read a document, its layers and saved review, and open its review; `me` names the
    /// layer of its own spans.
    Open { id: String, me: String },
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
    /// What an import became, as stored by the worker (`Answer::LayersStored`).
    IntakeStored {
        records: Vec<DocRecord>,
        message: String,
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
            ReviewAction::IntakeStored { records, message } => self.intake_stored(records, message),
            ReviewAction::Agreement(a) => self.agreement_action(a),
            screen => (crate::view::pages::pages().review_screen)(self, screen),
        }
    }

    /// The review screen's own actions: the review page's reducer carries them
    /// (`pages::Pages::review_screen`); the annotator's page, which has no review screen, not.
    pub fn review_screen_action(&mut self, a: ReviewAction) {
        match a {
            ReviewAction::Opened {
                record,
                review,
                notes,
            } => self.review_opened(*record, *review, notes),
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
            ReviewAction::AnnotatorLoaded(_)
            | ReviewAction::SetAnnotator(_)
            | ReviewAction::Ask(_)
            | ReviewAction::AskDone
            | ReviewAction::AsSuggestions(_)
            | ReviewAction::Open(_)
            | ReviewAction::IntakeStored { .. }
            | ReviewAction::Agreement(_) => self.review_action(a),
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

    fn open_review(&mut self, id: String) {
        if let Some(row) = self.corpus.row_of(&id) {
            self.corpus.cursor = row;
        }
        let me = self.review.annotator.to_string();
        self.corpus.push(Job::Review(ReviewJob::Open { id, me }));
    }

    fn intake_stored(&mut self, records: Vec<DocRecord>, message: String) {
        self.transfer.working = None;
        self.transfer.progress = None;
        self.records_stored(records);
        self.info(message);
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

mod conflicts;
mod gold;

#[cfg(test)]
mod tests;
