//! The review's side of the corpus store: reading a document with its layers and saved review,
//! storing an import's layers and new documents, saving a review (one write at a time, each
//! over the revision the last one left, like the open document's saves), the gold layer for
//! exports, and a pause that lets the page breathe between documents of a long computation.
//! The records and batches are `format::store_review`'s; the rules are `review`'s.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};
use std::rc::Rc;

use super::db::{Batch, Db, StoreError, LAYERS, REVIEWS, SPANS, TEXTS};
use super::session::{now, Saving, Session};
use crate::format::store::{DocRecord, SpanRecord};
use crate::format::store_review::{self, read_layers, LayerRecord, Outcome};
use crate::model::Document;
use crate::review::intake::{Intake, Item};
use crate::review::LayerSpan;

/// Waits for the browser's next turn (a zero timeout): rendering and input get their go.
pub async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .map(|w| w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0));
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Everything the review and the agreement panel read of one document.
#[derive(Clone, Debug)]
pub struct DocParts {
    pub record: DocRecord,
    pub text: String,
    /// Its own spans (labels by name).
    pub own: Vec<LayerSpan>,
    /// Its layers, in the order added.
    pub layers: Vec<LayerRecord>,
    /// The review saved last.
    pub review: Option<String>,
    /// Stored parts that could not be read.
    pub unreadable: usize,
}

/// Reads a document's record, text, own spans, layers and saved review.
pub async fn read(db: &Db, record: DocRecord, with_review: bool) -> Result<DocParts, StoreError> {
    let id = record.id.clone();
    let text = db.get(TEXTS, &id).await?.unwrap_or_default();
    let spans = db.under(SPANS, &id).await?;
    let own: Vec<LayerSpan> = spans
        .iter()
        .filter_map(|j| serde_json::from_str::<SpanRecord>(j).ok())
        .map(|r| LayerSpan::new(r.start, r.end, &r.label))
        .collect();
    let (layers, bad) = read_layers(&db.under(LAYERS, &id).await?);
    let review = if with_review {
        db.get(REVIEWS, &id).await?
    } else {
        None
    };
    Ok(DocParts {
        unreadable: bad + spans.len() - own.len(),
        record,
        text,
        own,
        layers,
        review,
    })
}

/// A document's saved review as the store keeps it, if it has one (the dataset export takes
/// its gold through `review::stored::gold_or_own`).
pub async fn saved_review(db: &Db, id: &str) -> Result<Option<String>, StoreError> {
    db.get(REVIEWS, id).await
}

/// Stores what an import became: layers of the documents the corpus has (each over its
/// record's revision as read now) and new documents with theirs. Returns the records as
/// stored.
pub async fn store_intake(
    session: &Session,
    intake: &Intake,
) -> Result<Vec<DocRecord>, StoreError> {
    const CHUNK: usize = 200;
    let stamp = now();
    let (records, _) = session.records().await?;
    let mut taken: HashSet<String> = records.iter().map(|r| r.id.clone()).collect();
    let by_id: BTreeMap<String, DocRecord> =
        records.into_iter().map(|r| (r.id.clone(), r)).collect();
    let mut layers_of: BTreeMap<String, Vec<LayerRecord>> = BTreeMap::new();
    let mut batches: Vec<Batch> = Vec::new();
    let mut out = Vec::new();
    for (i, item) in intake.items.iter().enumerate() {
        // Later items of one import sort after earlier ones.
        let when = stamp.saturating_add(u64::try_from(i).unwrap_or(u64::MAX));
        match item {
            Item::Layer { doc, layer } => layers_of
                .entry(doc.clone())
                .or_default()
                .push(LayerRecord::of(layer, &intake.source, when)),
            Item::New { doc, layers } => {
                let doc = unique(doc, &mut taken);
                let meta = BTreeMap::from([("source".to_string(), intake.source.clone())]);
                let record = DocRecord::new(&doc, meta, when);
                let stored: Vec<LayerRecord> = layers
                    .iter()
                    .map(|l| LayerRecord::of(l, &intake.source, when))
                    .collect();
                let (batch, record) = store_review::create_with_layers(&doc, record, &stored);
                batches.push(batch);
                out.push(record);
            }
        }
        if batches.len() >= CHUNK {
            session.db().commit(&batches).await?;
            batches.clear();
        }
    }
    for (id, layers) in layers_of {
        if let Some(record) = by_id.get(&id) {
            let (batch, record) = store_review::add_layers(record, &layers, stamp);
            batches.push(batch);
            out.push(record);
        }
    }
    if !batches.is_empty() {
        session.db().commit(&batches).await?;
    }
    Ok(out)
}

/// `doc` with an id no other document has (its own, else `-2`, `-3`, …), which is then taken.
fn unique(doc: &Document, taken: &mut HashSet<String>) -> Document {
    let base = doc.id().to_string();
    let mut id = base.clone();
    let mut n = 1u64;
    while taken.contains(&id) {
        n = n.saturating_add(1);
        id = format!("{base}-{n}");
    }
    taken.insert(id.clone());
    doc.clone().with_id(&id)
}

struct Queue {
    /// The record as stored after the last write (or the read).
    record: Option<DocRecord>,
    busy: bool,
    /// The newest review to write, and where it leaves the document.
    next: Option<(String, Outcome)>,
    /// After a conflict nothing more is written until the review is opened again.
    stopped: bool,
}

/// Saves the open review: one write at a time, the newest state next.
#[derive(Clone)]
pub struct ReviewSaver {
    db: Db,
    queue: Rc<RefCell<Queue>>,
}

impl ReviewSaver {
    pub fn new(db: Db) -> ReviewSaver {
        ReviewSaver {
            db,
            queue: Rc::new(RefCell::new(Queue {
                record: None,
                busy: false,
                next: None,
                stopped: false,
            })),
        }
    }

    /// A review was opened from this record: later saves go over its revision.
    pub fn opened(&self, record: DocRecord) {
        let mut q = self.queue.borrow_mut();
        if q.record.as_ref().map(|r| &r.id) != Some(&record.id) || !q.busy {
            q.next = None;
        }
        q.record = Some(record);
        q.stopped = false;
    }

    /// Writes `json` as the document's review; `outcome` sets its status.
    pub fn save(&self, json: String, outcome: Outcome, done: Rc<dyn Fn(Saving)>) {
        {
            let mut q = self.queue.borrow_mut();
            if q.stopped || q.record.is_none() {
                return;
            }
            q.next = Some((json, outcome));
            if q.busy {
                return;
            }
            q.busy = true;
        }
        let saver = self.clone();
        wasm_bindgen_futures::spawn_local(async move { saver.drain(done).await });
    }

    async fn drain(&self, done: Rc<dyn Fn(Saving)>) {
        loop {
            let (batch, next) = {
                let mut q = self.queue.borrow_mut();
                let (Some((json, outcome)), Some(record)) = (q.next.take(), q.record.as_ref())
                else {
                    q.busy = false;
                    return;
                };
                let status = store_review::status_after_review(record.status, outcome);
                store_review::save_review(record, json, status, now())
            };
            match self.db.commit(std::slice::from_ref(&batch)).await {
                Ok(()) => {
                    self.queue.borrow_mut().record = Some(next.clone());
                    done(Saving::Stored(next));
                }
                Err(e) => {
                    let conflict = matches!(e, StoreError::Conflict { .. } | StoreError::Exists(_));
                    let mut q = self.queue.borrow_mut();
                    q.stopped |= conflict;
                    q.next = None;
                    q.busy = false;
                    drop(q);
                    done(if conflict {
                        Saving::Conflict
                    } else {
                        Saving::Failed(e.to_string())
                    });
                    return;
                }
            }
        }
    }
}

impl std::fmt::Debug for ReviewSaver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ReviewSaver")
    }
}
