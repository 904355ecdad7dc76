//! The review screen and the agreement panel: one document's layers and its gold layer
//! (`article.rs`, `bar.rs`, `panel.rs`), the agreement between annotators (`agreement.rs`,
//! `tables.rs`, `qualified.rs` for relations and attributes), the controls on the home screen
//! and the name question (`settings.rs`),
//! exports that name their annotator (`export.rs`), and the store work (`jobs.rs`). The state
//! is `state::review` and `state::agreement`; the rules are `crate::review`'s.

pub mod agreement;
pub mod article;
pub mod bar;
pub mod export;
pub mod jobs;
pub mod panel;
pub mod qualified;
pub mod settings;
pub mod tables;

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::jobs::SharedSession;
use super::state::review::{ExportRequest, OpenReview};
use super::state::{Action, AppState, ReviewAction};
use super::{Latest, Snapshot};
use crate::browser::review_store::ReviewSaver;
use crate::browser::session::Saving;
use crate::format::OffsetUnit;
use crate::review::Review;

/// Every screen: the pages of `review.html`, which opens what the annotator's page sent it
/// to (`pages::Arrival`).
pub const ALL_PAGES: super::pages::Pages = super::pages::Pages {
    review: screen,
    agreement: |state| {
        html! { <agreement::AgreementView agreement={state.review.agreement.clone()} /> }
    },
    run_review_job: |s, job, records, labels, dispatcher| {
        Box::pin(jobs::run(s, job, records, labels, dispatcher))
    },
    hooks: |ctx, state, session| yew::functional::Hook::run(use_review_saving(state, session), ctx),
    arrived: |dispatcher| {
        if let Some(arrival) = super::pages::take_arrival() {
            dispatcher.dispatch(arrival.action());
        }
    },
    review_takes: AppState::review_takes,
    review_screen: AppState::review_screen_action,
    export_gold: export::gold,
};

/// The open review as a prop: compared by its revision.
pub fn review_snapshot(open: &OpenReview) -> Snapshot<Review> {
    Snapshot::new(open.review.revision(), Rc::new(open.review.clone()))
}

#[derive(Properties, PartialEq)]
pub struct ReviewViewProps {
    pub state: Latest,
    pub review: Snapshot<Review>,
    pub hidden: Rc<std::collections::BTreeSet<usize>>,
    pub conflict: Option<crate::review::ConflictId>,
    pub focused: Option<crate::model::SpanId>,
    pub commenting: Option<super::state::review::CommentOn>,
}

#[component]
pub fn ReviewView(props: &ReviewViewProps) -> Html {
    let on_export = {
        let state = props.state.clone();
        Callback::from(move |_: ()| {
            if !export::ask_first(&state, ExportRequest::Gold) {
                export::gold(&state, &state.review.annotator);
            }
        })
    };
    let on_export_for = {
        let state = props.state.clone();
        Callback::from(move |k: usize| export::for_annotator(&state, k))
    };
    html! {
        <>
            <bar::ReviewBar review={props.review.clone()} hidden={props.hidden.clone()} {on_export} />
            <div class="workspace">
                <article::ReviewArticle state={props.state.clone()} review={props.review.clone()}
                    hidden={props.hidden.clone()} conflict={props.conflict} focused={props.focused.clone()} />
                <panel::ReviewPanel review={props.review.clone()} conflict={props.conflict}
                    focused={props.focused.clone()} commenting={props.commenting.clone()} {on_export_for} />
            </div>
        </>
    }
}

/// The review screen's body for the app's layout.
pub fn screen(state: &AppState, latest: Latest) -> Html {
    match &state.review.open {
        Some(o) => html! {
            <ReviewView state={latest} review={review_snapshot(o)} hidden={o.hidden.clone()}
                conflict={o.conflict} focused={state.focused.clone()} commenting={o.commenting.clone()} />
        },
        None => html! { <p class="hint">{"Opening the review…"}</p> },
    }
}

/// Saves the open review after every change (one write at a time, over the revision the
/// last one left); what was read from the store is not written back.
#[hook]
pub fn use_review_saving(state: &UseReducerHandle<AppState>, session: &SharedSession) {
    let saver: Rc<RefCell<Option<ReviewSaver>>> = use_mut_ref(|| None);
    let open = state.review.open.as_ref();
    let opened = open.map(|o| (o.id.clone(), o.from_storage));
    {
        let (saver, session, state) = (saver.clone(), session.clone(), state.clone());
        use_effect_with(opened, move |opened| {
            let (Some(_), Some(o)) = (opened, state.review.open.as_ref()) else {
                return;
            };
            let Some(s) = session.borrow().clone() else {
                return;
            };
            let mut slot = saver.borrow_mut();
            let saver = slot.get_or_insert_with(|| ReviewSaver::new(s.db().clone()));
            saver.opened(o.record.clone());
        });
    }
    let revision = open.map(|o| (o.id.clone(), o.review.revision()));
    let state = state.clone();
    use_effect_with(revision, move |revision| {
        let (Some((_, revision)), Some(o)) = (revision, state.review.open.as_ref()) else {
            return;
        };
        if *revision == o.from_storage {
            return;
        }
        let Some(saver) = saver.borrow().clone() else {
            return;
        };
        let dispatcher = state.dispatcher();
        let done: Rc<dyn Fn(Saving)> = Rc::new(move |saving: Saving| {
            dispatcher.dispatch(Action::Review(ReviewAction::Saved(saving)))
        });
        use crate::format::store_review::Outcome;
        let outcome = match o.review.status() {
            crate::review::ReviewStatus::Reviewed => Outcome::Reviewed,
            crate::review::ReviewStatus::NeedsWork => Outcome::SentBack,
            crate::review::ReviewStatus::InReview { .. } => Outcome::Open,
        };
        saver.save(o.review.export(OffsetUnit::CodePoint), outcome, done);
    });
}
