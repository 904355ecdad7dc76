//! The review slice of the reducer: imports that become layers, the review loop (conflicts,
//! decisions, gold edits through the article's own actions), the annotator name, and the
//! agreement panel's computations, each as the actions a person's keys dispatch.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::*;
use crate::model::{CharRange, Document, LabelSet};
use crate::review::{LayerSpan, ReviewLayer};
use crate::view::state::{Action, Notice};

const MERKEL: &str = "Merkel said: \"We will manage.\" Critics at the CDU disagreed.";

fn layer(name: &str, spans: &[(usize, usize, &str)]) -> ReviewLayer {
    ReviewLayer::annotator(
        name,
        spans
            .iter()
            .map(|&(a, b, l)| LayerSpan::new(a, b, l))
            .collect(),
    )
}

/// The app on the review screen of the worked example (A against B).
fn reviewing() -> AppState {
    let doc = Document::new("Merkel", MERKEL, LabelSet::standard()).with_id("m");
    let a = layer(
        "A",
        &[
            (0, 6, "PER"),
            (13, 30, "QUOTE"),
            (31, 38, "PER"),
            (46, 49, "ORG"),
        ],
    );
    let b = layer("B", &[(0, 6, "PER"), (14, 28, "QUOTE"), (31, 38, "ORG")]);
    let review = Review::new(doc.clone(), vec![a, b], Threshold::All).unwrap();
    let mut s = AppState::default();
    s.apply(Action::Review(ReviewAction::Opened {
        record: Box::new(DocRecord::new(&doc, BTreeMap::new(), 1)),
        review: Box::new(review),
        notes: Vec::new(),
    }));
    s
}

fn open(s: &AppState) -> &OpenReview {
    s.review.open.as_ref().expect("a review is open")
}

fn review_jobs(s: &AppState) -> Vec<ReviewJob> {
    s.corpus
        .jobs
        .iter()
        .filter_map(|(_, j)| match &**j {
            Job::Review(r) => Some(r.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_keyboard_loop_resolves_every_conflict() {
    let mut s = reviewing();
    assert_eq!(s.screen, Screen::Review);
    assert_eq!(open(&s).review.conflicts_left(), 3);
    // A decision needs a conflict in focus.
    s.apply(Action::Review(ReviewAction::Accept(0)));
    assert!(matches!(&s.notice, Some(Notice::Error(m)) if m.contains("N for the next one")));
    s.apply(Action::Review(ReviewAction::StepConflict(Dir::Forward)));
    assert_eq!(open(&s).conflict, Some(ConflictId(0)));
    s.apply(Action::Review(ReviewAction::Accept(0)));
    assert_eq!(open(&s).review.conflicts_left(), 2);
    assert_eq!(
        open(&s).conflict,
        Some(ConflictId(1)),
        "on to the next open one"
    );
    s.apply(Action::Review(ReviewAction::Accept(1)));
    s.apply(Action::Review(ReviewAction::StartComment));
    assert_eq!(
        open(&s).commenting,
        Some(CommentOn::Conflict(ConflictId(2)))
    );
    s.apply(Action::Review(ReviewAction::SaveComment(
        "not an ORG, Zoë 👩🏽‍💻".into(),
    )));
    assert_eq!(
        open(&s).review.conflict_comment(ConflictId(2)),
        Some("not an ORG, Zoë 👩🏽‍💻")
    );
    s.apply(Action::Review(ReviewAction::Reject));
    assert!(open(&s).review.is_reviewed());
    assert_eq!(open(&s).conflict, None);
    let gold: Vec<(usize, usize)> = s
        .doc()
        .spans()
        .iter()
        .map(|x| (x.start(), x.end()))
        .collect();
    assert_eq!(gold, [(0, 6), (13, 30), (31, 38)]);
    // Undo is the review's: the last decision comes back open.
    s.apply(Action::Undo);
    assert_eq!(open(&s).review.conflicts_left(), 1);
}

#[test]
fn on_the_review_screen_the_articles_actions_edit_gold() {
    let mut s = reviewing();
    let editor_before = s.editor.revision();
    let label = s.doc().labels().by_name("ORG").unwrap();
    s.apply(Action::LabelSelection {
        label,
        anchor: 46,
        focus: 49,
    });
    assert_eq!(
        s.editor.revision(),
        editor_before,
        "the annotating editor is untouched"
    );
    let added = s
        .doc()
        .spans()
        .iter()
        .find(|x| x.start() == 46)
        .map(|x| x.id().clone())
        .expect("gold has the span");
    let prov = open(&s).review.provenance(&added).cloned().unwrap();
    assert_eq!(prov.proposed_by, ["A"]);
    s.apply(Action::Focus(Some(added.clone())));
    s.apply(Action::ResizeTo {
        id: added.clone(),
        range: CharRange::new(45, 49).unwrap(),
    });
    assert_eq!(s.doc().spans().get(&added).map(|x| x.start()), Some(45));
    s.apply(Action::Delete(added));
    assert!(s.focused.is_none(), "focus lets go of a span that is gone");
    // A click on a layer's span or a conflict box focuses its conflict.
    s.apply(Action::Focus(Some(SpanId::new("~1~2"))));
    assert_eq!(open(&s).conflict, Some(ConflictId(1)));
    s.apply(Action::Focus(Some(SpanId::new("!2"))));
    assert_eq!(open(&s).conflict, Some(ConflictId(2)));
    s.apply(Action::BackToList);
    assert_eq!((s.screen, s.review.open.is_none()), (Screen::Home, true));
}

#[test]
fn an_import_tells_the_worker_who_is_working_and_layers_come_back_listed() {
    let mut s = AppState::default();
    s.apply(Action::Review(ReviewAction::SetAnnotator(
        " Zoë 👩🏽‍💻 ".into(),
    )));
    s.apply(Action::Review(ReviewAction::AsSuggestions(true)));
    s.apply(Action::ImportFiles {
        files: crate::view::state::Files::named(&["ner-model.jsonl"], 120.0),
        kind: None,
        open: false,
    });
    let read = s
        .corpus
        .jobs
        .iter()
        .find_map(|(_, j)| match &**j {
            Job::ReadBatch(i) => Some(i.clone()),
            _ => None,
        })
        .expect("a read job");
    assert_eq!((&*read.annotator, read.as_suggestions), ("Zoë 👩🏽‍💻", true));
    // The worker stored the file as layers: the documents are listed, the work is over.
    let doc = Document::new("Merkel", MERKEL, LabelSet::standard()).with_id("m");
    s.apply(Action::Review(ReviewAction::IntakeStored {
        records: vec![DocRecord::new(&doc, BTreeMap::new(), 1)],
        message: "Imported 1 layer and 0 new documents.".into(),
    }));
    assert_eq!(s.corpus.records.len(), 1);
    assert!(s.transfer.working.is_none());
    assert!(matches!(&s.notice, Some(Notice::Info(m)) if m.starts_with("Imported 1 layer")));
}

#[test]
fn the_annotator_name_is_kept_and_asked_for_once() {
    let mut s = AppState::default();
    s.apply(Action::Review(ReviewAction::Ask(ExportRequest::Native)));
    assert_eq!(s.review.ask, Some(ExportRequest::Native));
    s.apply(Action::Review(ReviewAction::AskDone));
    assert!(s.review.asked && s.review.ask.is_none());
    s.apply(Action::Review(ReviewAction::SetAnnotator(
        "  مريم  ".into(),
    )));
    assert_eq!(&*s.review.annotator, "مريم");
    assert_eq!(review_jobs(&s), [ReviewJob::SaveAnnotator("مريم".into())]);
}

#[test]
fn only_the_latest_agreement_computation_counts() {
    let mut s = AppState::default();
    s.apply(Action::Review(ReviewAction::Agreement(
        AgreementAction::Open(vec!["m".into()]),
    )));
    s.apply(Action::Review(ReviewAction::Agreement(
        AgreementAction::Open(Vec::new()),
    )));
    assert_eq!(s.screen, Screen::Agreement);
    let serials: Vec<u64> = review_jobs(&s)
        .iter()
        .filter_map(|j| match j {
            ReviewJob::Agreement { serial, .. } => Some(*serial),
            _ => None,
        })
        .collect();
    assert_eq!(serials.len(), 2);
    let result = |serial| {
        Rc::new(super::super::agreement::AgreementResult {
            serial,
            report: crate::review::agreement(&[]),
            tally: crate::review::Tally::new(Vec::new()),
            documents: Vec::new(),
            titles: BTreeMap::new(),
        })
    };
    s.apply(Action::Review(ReviewAction::Agreement(
        AgreementAction::Done(result(serials[0])),
    )));
    assert!(
        s.review.agreement.result.is_none(),
        "a stale result is dropped"
    );
    s.apply(Action::Review(ReviewAction::Agreement(
        AgreementAction::Done(result(serials[1])),
    )));
    assert!(s.review.agreement.result.is_some() && !s.review.agreement.running);
}

#[test]
fn a_accepts_the_proposal_and_f_fixes_it_with_the_articles_keys() {
    use crate::model::caret::{Edge, Step};
    let mut s = reviewing();
    s.apply(Action::Review(ReviewAction::StepConflict(Dir::Forward)));
    // The quote: A's and B's versions differ, so A names the keys that choose.
    s.apply(Action::Review(ReviewAction::AcceptProposal));
    assert!(matches!(&s.notice, Some(Notice::Error(m)) if m.contains("Alt and a layer's number")));
    assert_eq!(open(&s).review.conflicts_left(), 3);
    // CDU: only A has a version. F takes it, stays on the conflict and focuses the span.
    s.apply(Action::Review(ReviewAction::FocusConflict(ConflictId(2))));
    s.apply(Action::Review(ReviewAction::Fix));
    assert_eq!(open(&s).review.conflicts_left(), 2);
    assert_eq!(open(&s).conflict, Some(ConflictId(2)));
    let focused = s.focused.clone().expect("the accepted span is focused");
    let span = |s: &AppState| {
        let d = s.doc();
        let x = d.spans().get(&focused).expect("still there").clone();
        (x.start(), x.end(), d.labels().name(x.label()).to_string())
    };
    assert_eq!(span(&s), (46, 49, "ORG".to_string()));
    s.apply(Action::ResizeFocused {
        edge: Edge::End,
        step: Step::Grapheme,
        dir: Dir::Back,
    });
    assert_eq!(span(&s), (46, 48, "ORG".to_string()));
    // A on an undecided conflict with one version moves on like Alt+number does.
    s.apply(Action::Undo);
    s.apply(Action::Undo);
    assert_eq!(open(&s).review.conflicts_left(), 3);
    s.apply(Action::Review(ReviewAction::FocusConflict(ConflictId(2))));
    s.apply(Action::Review(ReviewAction::AcceptProposal));
    assert_eq!(open(&s).review.conflicts_left(), 2);
    assert_eq!(
        open(&s).conflict,
        Some(ConflictId(0)),
        "back to the first open one"
    );
}

#[test]
fn only_the_review_pages_reducer_carries_the_review_screen() {
    use crate::view::pages::ANNOTATOR;
    use crate::view::review::ALL_PAGES;
    // The review page's: Undo on the review screen is the review's, N steps to a conflict.
    let mut s = reviewing();
    assert!((ALL_PAGES.review_takes)(&mut s, Action::Undo).is_none());
    (ALL_PAGES.review_screen)(&mut s, ReviewAction::StepConflict(Dir::Forward));
    assert!(open(&s).conflict.is_some());
    // The annotator's page has no review screen: it gives the article's actions back to the
    // ordinary reducer and leaves the review screen's actions alone.
    let mut s = reviewing();
    assert!(matches!(
        (ANNOTATOR.review_takes)(&mut s, Action::Undo),
        Some(Action::Undo)
    ));
    (ANNOTATOR.review_screen)(&mut s, ReviewAction::StepConflict(Dir::Forward));
    assert!(open(&s).conflict.is_none());
}
