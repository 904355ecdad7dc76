//! Carrying out the review side's store work (`state::ReviewJob`) after the render, like
//! `view::jobs` for the corpus: opening a review, storing an import's layers, keeping the
//! annotator name, and measuring agreement one document at a time with a pause between
//! documents, so a large corpus never freezes the page.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::super::state::agreement::{AgreementAction, AgreementResult};
use super::super::state::{Action, ReviewAction, ReviewJob};
use super::super::Dispatcher;
use crate::browser::review_store::{self, tick};
use crate::browser::session::Session;
use crate::format::store::DocRecord;
use crate::format::store_review::ANNOTATOR;
use crate::model::{Document, LabelSet};
use crate::review::by_document::sort_lowest_first;
use crate::review::stored::{open_review, review_layers, OWN_LAYER};
use crate::review::{DocumentAgreement, LayerDoc, Tally};

fn review(dispatcher: &Dispatcher, a: ReviewAction) {
    dispatcher.dispatch(Action::Review(a));
}

pub async fn run(
    s: &Session,
    job: ReviewJob,
    records: &BTreeMap<String, DocRecord>,
    labels: &LabelSet,
    dispatcher: &Dispatcher,
) {
    let fail = |e: &dyn std::fmt::Display| {
        dispatcher.dispatch(Action::JobFailed(super::super::state::messages::sentence(
            &e.to_string(),
        )))
    };
    match job {
        ReviewJob::Open { id, me } => match open(s, &id, &me, labels).await {
            Ok(a) => review(dispatcher, a),
            Err(e) => fail(&e),
        },
        ReviewJob::SaveAnnotator(name) => save_annotator(s, &name, dispatcher).await,
        ReviewJob::Agreement { ids, serial, me } => {
            match agreement(s, &ids, serial, &me, records, dispatcher).await {
                Ok(result) => review(
                    dispatcher,
                    ReviewAction::Agreement(AgreementAction::Done(Rc::new(result))),
                ),
                Err(e) => fail(&e),
            }
        }
    }
}

/// Keeps the annotator name in the corpus.
pub async fn save_annotator(s: &Session, name: &str, dispatcher: &Dispatcher) {
    let json = serde_json::to_string(name).unwrap_or_default();
    if let Err(e) = s.put_meta(ANNOTATOR, &json).await {
        dispatcher.dispatch(Action::JobFailed(super::super::state::messages::sentence(
            &e.to_string(),
        )));
    }
}

/// Reads the annotator name kept in the corpus (at start-up).
pub async fn load_annotator(s: &Session, dispatcher: &Dispatcher) {
    if let Ok(Some(json)) = s.meta(ANNOTATOR).await {
        if let Ok(name) = serde_json::from_str::<String>(&json) {
            review(dispatcher, ReviewAction::AnnotatorLoaded(name));
        }
    }
}

async fn open(s: &Session, id: &str, me: &str, labels: &LabelSet) -> Result<ReviewAction, String> {
    let record = s
        .record(id)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("that document is no longer in this browser's corpus")?;
    let parts = review_store::read(s.db(), record, true)
        .await
        .map_err(|e| e.to_string())?;
    let doc = Document::new(&parts.record.title, &parts.text, labels.clone()).with_id(id);
    let layers = review_layers(parts.own, me, &parts.layers);
    if layers.len() < 2 {
        return Err(format!(
            "“{}” has {} layer{}; a review needs two or more: import another annotator's file for it first",
            parts.record.title,
            layers.len(),
            if layers.len() == 1 { "" } else { "s" }
        ));
    }
    let (review, mut notes) =
        open_review(&doc, layers, parts.review.as_deref()).map_err(|e| e.to_string())?;
    if parts.unreadable > 0 {
        notes.push(format!(
            "{} stored layer or span records could not be read and were left out",
            parts.unreadable
        ));
    }
    Ok(ReviewAction::Opened {
        record: Box::new(parts.record),
        review: Box::new(review),
        notes,
    })
}

/// The annotators of `records` in the order they first appear: a document's own spans (named
/// `me`) first, then its layers in the order they were added.
fn annotators(records: &[&DocRecord], me: &str) -> Vec<String> {
    let own = if me.trim().is_empty() {
        OWN_LAYER
    } else {
        me.trim()
    };
    let mut names: Vec<String> = Vec::new();
    for r in records {
        let own = (r.spans() > 0).then_some(own);
        for name in own.into_iter().chain(r.layers.iter().map(String::as_str)) {
            if !names.iter().any(|n| n == name) {
                names.push(name.to_string());
            }
        }
    }
    names
}

/// The agreement on `ids` (every document in the bin or not when empty: those not in the bin),
/// in the order the documents were added, read and added one at a time.
async fn agreement(
    s: &Session,
    ids: &[String],
    serial: u64,
    me: &str,
    records: &BTreeMap<String, DocRecord>,
    dispatcher: &Dispatcher,
) -> Result<AgreementResult, String> {
    let mut chosen: Vec<&DocRecord> = if ids.is_empty() {
        records.values().filter(|r| r.binned.is_none()).collect()
    } else {
        ids.iter().filter_map(|id| records.get(id)).collect()
    };
    crate::model::order::sort_by(&mut chosen, |a, b| {
        a.created.cmp(&b.created).then_with(|| a.id.cmp(&b.id))
    });
    let names = annotators(&chosen, me);
    let mut tally = Tally::new(names.clone());
    let mut documents: Vec<DocumentAgreement> = Vec::new();
    let mut titles = BTreeMap::new();
    let total = chosen.len();
    for (i, record) in chosen.iter().enumerate() {
        // Rendering and input get their turn between documents.
        tick().await;
        if i % 10 == 0 {
            review(
                dispatcher,
                ReviewAction::Agreement(AgreementAction::Progress {
                    serial,
                    done: i,
                    total,
                }),
            );
        }
        titles.insert(record.id.clone(), record.title.clone());
        let parts = review_store::read(s.db(), (*record).clone(), false)
            .await
            .map_err(|e| e.to_string())?;
        let layers = review_layers(parts.own, me, &parts.layers);
        if layers.is_empty() {
            continue;
        }
        let versions: Vec<Option<LayerDoc>> = names
            .iter()
            .map(|n| {
                layers.iter().find(|l| &l.name == n).map(|l| LayerDoc {
                    id: record.id.clone(),
                    text: parts.text.clone(),
                    spans: l.spans.clone(),
                    relations: l.relations.clone(),
                })
            })
            .collect();
        let Some(versions) = versions.into_iter().collect::<Option<Vec<LayerDoc>>>() else {
            tally.skip(&record.id);
            continue;
        };
        let refs: Vec<&LayerDoc> = versions.iter().collect();
        tally.add(&refs);
        let mut one = Tally::new(names.clone());
        one.add(&refs);
        documents.push(DocumentAgreement {
            id: record.id.clone(),
            report: one.finish(),
        });
    }
    review(
        dispatcher,
        ReviewAction::Agreement(AgreementAction::Progress {
            serial,
            done: total,
            total,
        }),
    );
    tick().await;
    sort_lowest_first(&mut documents);
    Ok(AgreementResult {
        serial,
        report: tally.finish(),
        tally,
        documents,
        titles,
    })
}
