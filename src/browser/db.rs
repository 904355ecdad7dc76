//! The corpus store in IndexedDB (through the `idb` crate): documents, their texts, spans and
//! undo history, and small named values (the label schema, settings). It stores what
//! `format::store` serialises and knows nothing of what the records mean, except the one rule
//! it enforces in every write transaction: a document's record is written only over the
//! revision the writer started from (`model::revision`), so two tabs never overwrite each
//! other's work. After a panic (`browser::crash`) it writes nothing at all.
//!
//! Layout (database `article-annotator`, version 4; version 2 added `layers` and `reviews`,
//! version 3 `links`, version 4 `list`, and opening an older store adds them, keeping
//! everything else; the list index is built from `docs` the first time the list is read):
//!
//! | store | key | value |
//! |---|---|---|
//! | `docs` | document id | the document's record (JSON, with its `revision`) |
//! | `texts` | document id | the text |
//! | `spans` | `[document id, span id]` | one span (JSON) |
//! | `links` | document id | the document's relations (JSON list) |
//! | `history` | `[document id, step]` | one undo step (JSON) |
//! | `meta` | a name | a JSON value (the schema, settings, the migration mark) |
//! | `layers` | `[document id, layer name]` | one layer: an annotator's or a model's spans (JSON) |
//! | `reviews` | document id | the document's review (JSON, see `format::store_review`) |
//! | `list` | chunk number | every record again, a string of a few dozen, one per line (`format::store_list`) |
//!
//! Spans and history steps are keyed under their document, so a document's spans come back
//! with one key-range read and an edit writes only the spans it changed. Opening the corpus
//! reads `list` only (never a text, and not ten thousand records one by one); every write of
//! a record patches its chunk of `list` in the same transaction, so the two never disagree.

use std::future::IntoFuture;

use crate::format::store_list;
use idb::{Database, DatabaseEvent, Factory, KeyRange, ObjectStore, Query, TransactionMode};
use serde::Deserialize;
use wasm_bindgen::JsValue;

pub use crate::format::store::{Batch, Write};
use crate::model::revision::{next_revision, Conflict};

/// The database's name.
pub const NAME: &str = "article-annotator";
const VERSION: u32 = 4;

pub const DOCS: &str = "docs";
pub const TEXTS: &str = "texts";
pub const SPANS: &str = "spans";
pub const HISTORY: &str = "history";
pub const META: &str = "meta";
pub const LAYERS: &str = "layers";
pub const REVIEWS: &str = "reviews";
pub const LINKS: &str = "links";
pub const LIST: &str = "list";
const ALL: [&str; 9] = [
    DOCS, TEXTS, SPANS, HISTORY, META, LAYERS, REVIEWS, LINKS, LIST,
];
/// The stores a document's writes touch (`meta` for the list index's mark).
const WRITTEN: [&str; 9] = [
    DOCS, TEXTS, SPANS, HISTORY, LAYERS, REVIEWS, LINKS, LIST, META,
];
/// The name in `meta` saying that `list` holds every record: written when a new store is made
/// (it holds none), absent in a store an older version wrote, and removed when a chunk is found
/// unreadable (an older version's object, for one); the next read of the list rebuilds it.
pub const LISTED: &str = "list-index";

/// Why the store could not do what was asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The browser offers no IndexedDB here (private mode, a privacy setting, an old browser).
    Unavailable(String),
    /// The browser's storage for this site is full.
    Full,
    /// Another tab wrote the document after this tab read it; nothing was written.
    Conflict { doc: String, conflict: Conflict },
    /// A document that should be new already exists (an id taken by another tab).
    Exists(String),
    /// Anything else the browser reported.
    Failed(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Unavailable(why) => {
                write!(f, "the browser offers no database for this page ({why})")
            }
            StoreError::Full => write!(f, "the browser's storage for this page is full"),
            StoreError::Conflict { conflict, .. } => write!(f, "{conflict}"),
            StoreError::Exists(id) => write!(f, "a document with the id “{id}” already exists"),
            StoreError::Failed(why) => write!(f, "the browser's database failed: {why}"),
        }
    }
}

fn failed(e: idb::Error) -> StoreError {
    let text = e.to_string();
    if text.contains("QuotaExceeded") {
        StoreError::Full
    } else {
        StoreError::Failed(text)
    }
}

/// The part of a stored record the revision check reads.
#[derive(Deserialize)]
struct RevisionOnly {
    revision: u64,
}

/// The list index's chunks as `static/boot.js` read them while the wasm downloaded and
/// compiled, taken once (later calls, the worker, the review page and tests find none): the
/// first list of the page is then ready as soon as the store is open. `None` when boot.js had
/// nothing to give: no database yet (its creation is left to the app), one from before the
/// index, an index not yet built (no mark), or any failure.
pub async fn prefetched_list() -> Option<Vec<JsValue>> {
    use wasm_bindgen::JsCast;
    let window = web_sys::window()?;
    let name = JsValue::from_str("appListPrefetch");
    let promise = js_sys::Reflect::get(&window, &name).ok()?;
    let _ = js_sys::Reflect::delete_property(&window, &name);
    let promise: js_sys::Promise = promise.dyn_into().ok()?;
    let chunks = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    let chunks: js_sys::Array = chunks.dyn_into().ok()?;
    Some(chunks.iter().collect())
}

/// A chunk of the list index as stored: a string of records, one per line
/// (`format::store_list`); anything else (an older version's object) is unreadable.
fn as_chunk(v: &JsValue) -> Option<String> {
    v.as_string()
}

/// True when every value read from the list index is a chunk; otherwise the index must be
/// built again ([`Db::rebuild_list`]).
pub fn all_chunks(chunks: &[JsValue]) -> bool {
    chunks.iter().all(JsValue::is_string)
}

/// The chunks among `chunks` as strings (those that are).
pub fn chunk_texts(chunks: &[JsValue]) -> Vec<String> {
    chunks.iter().filter_map(as_chunk).collect()
}

/// What [`Db::document`] reads of one document (JSON strings but the text, as stored).
pub struct Parts {
    pub record: Option<String>,
    pub text: Option<String>,
    pub spans: Vec<String>,
    pub links: Option<String>,
    pub steps: Vec<String>,
}

/// An open connection, shared by whoever writes or reads.
#[derive(Clone)]
pub struct Db {
    db: std::rc::Rc<Database>,
}

fn key(s: &str) -> JsValue {
    JsValue::from_str(s)
}

/// `[doc, id]`.
fn pair(doc: &str, id: &JsValue) -> JsValue {
    let a = js_sys::Array::new();
    a.push(&key(doc));
    a.push(id);
    a.into()
}

/// Every key `[doc, …]` of one document (arrays sort after strings and numbers, so `[doc, []]`
/// is above every `[doc, id]`).
fn under(doc: &str) -> Result<Query, StoreError> {
    let lower = pair(doc, &JsValue::from_f64(f64::NEG_INFINITY));
    let upper = pair(doc, &js_sys::Array::new().into());
    KeyRange::bound(&lower, &upper, Some(false), Some(false))
        .map(Query::from)
        .map_err(failed)
}

/// A step number as a key. IndexedDB keys are JavaScript numbers, exact up to 2^53; the
/// history numbers its own steps from 1 and never comes near that.
fn step_key(step: u64) -> JsValue {
    JsValue::from_f64(step as f64)
}

impl Db {
    /// Opens (and on first use creates) the store.
    pub async fn open() -> Result<Db, StoreError> {
        Db::open_named(NAME).await
    }

    /// Opens a store of another name (tests use their own).
    pub async fn open_named(name: &str) -> Result<Db, StoreError> {
        let factory = Factory::new().map_err(|e| StoreError::Unavailable(e.to_string()))?;
        let mut request = factory
            .open(name, Some(VERSION))
            .map_err(|e| StoreError::Unavailable(e.to_string()))?;
        request.on_upgrade_needed(|event| {
            let Ok(db) = event.database() else { return };
            // A store made new holds no documents, so its (empty) list index is whole from the
            // start and its first read need not build it from `docs`; an older version's store
            // gets its index built when it is first read ([`Db::list_chunks`]).
            let new = event.old_version().is_ok_and(|v| v == 0);
            let existing = db.store_names();
            for store in ALL {
                if !existing.iter().any(|s| s == store) {
                    let made = db.create_object_store(store, idb::ObjectStoreParams::new());
                    if let (true, META, Ok(meta)) = (new, store, &made) {
                        let _ = meta.put(&key("1"), Some(&key(LISTED)));
                    }
                }
            }
        });
        let db = request.await.map_err(failed)?;
        Ok(Db {
            db: std::rc::Rc::new(db),
        })
    }

    async fn read<T>(
        &self,
        store: &str,
        f: impl FnOnce(ObjectStore) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let tx = self
            .db
            .transaction(&[store], TransactionMode::ReadOnly)
            .map_err(failed)?;
        let s = tx.object_store(store).map_err(failed)?;
        f(s)
    }

    /// Every value of a store, in key order (JSON strings; anything else is skipped).
    pub async fn all(&self, store: &str) -> Result<Vec<String>, StoreError> {
        let request = self
            .read(store, |s| s.get_all(None, None).map_err(failed))
            .await?;
        let values = request.await.map_err(failed)?;
        Ok(values.into_iter().filter_map(|v| v.as_string()).collect())
    }

    /// Every document's record (JSON strings, in no particular order), from the list index
    /// (see [`Db::list_chunks`]); an unreadable chunk has the index rebuilt.
    pub async fn listed(&self) -> Result<Vec<String>, StoreError> {
        let mut chunks = self.list_chunks().await?;
        if !all_chunks(&chunks) {
            chunks = self.rebuild_list().await?;
        }
        Ok(store_list::all_records(&chunk_texts(&chunks)))
    }

    /// The chunks of the list index (`format::store_list`), read in one request; the first
    /// read after an older version made the store builds the index from `docs`.
    pub async fn list_chunks(&self) -> Result<Vec<JsValue>, StoreError> {
        let tx = self
            .db
            .transaction(&[LIST, META], TransactionMode::ReadOnly)
            .map_err(failed)?;
        let mark = tx
            .object_store(META)
            .map_err(failed)?
            .get(key(LISTED))
            .map_err(failed)?
            .into_future();
        let chunks = tx
            .object_store(LIST)
            .map_err(failed)?
            .get_all(None, None)
            .map_err(failed)?
            .into_future();
        let (mark, chunks) = (mark.await.map_err(failed)?, chunks.await.map_err(failed)?);
        if mark.is_some() {
            return Ok(chunks);
        }
        self.rebuild_list().await
    }

    /// Builds the list index from `docs` again (an older store had none, or a chunk of it
    /// could not be read); returns its chunks.
    pub async fn rebuild_list(&self) -> Result<Vec<JsValue>, StoreError> {
        if super::storage::frozen() {
            return Err(StoreError::Failed("the app stopped after an error".into()));
        }
        let tx = self
            .db
            .transaction(&[DOCS, LIST, META], TransactionMode::ReadWrite)
            .map_err(failed)?;
        let docs = tx.object_store(DOCS).map_err(failed)?;
        // Both futures exist (their handlers are set) before the first is awaited.
        let keys = docs.get_all_keys(None, None).map_err(failed)?.into_future();
        let values = docs.get_all(None, None).map_err(failed)?.into_future();
        let (keys, values) = (keys.await.map_err(failed)?, values.await.map_err(failed)?);
        let records: Vec<(String, String)> = keys
            .iter()
            .zip(&values)
            .filter_map(|(k, v)| Some((k.as_string()?, v.as_string()?)))
            .collect();
        let chunks = store_list::build(records.iter().map(|(id, r)| (id.as_str(), r.as_str())));
        let chunks: Vec<JsValue> = chunks.iter().map(|c| key(c)).collect();
        let list = tx.object_store(LIST).map_err(failed)?;
        list.clear().map_err(failed)?;
        for (n, chunk) in (0..store_list::CHUNKS).zip(&chunks) {
            list.put(chunk, Some(&JsValue::from(n))).map_err(failed)?;
        }
        tx.object_store(META)
            .map_err(failed)?
            .put(&key("1"), Some(&key(LISTED)))
            .map_err(failed)?;
        finish(tx).await?;
        Ok(chunks)
    }

    /// Everything stored of one document for opening it, in one transaction whose five reads
    /// are all asked for at once: its record, text, spans, relations and undo steps.
    pub async fn document(&self, doc: &str) -> Result<Parts, StoreError> {
        let stores = [DOCS, TEXTS, SPANS, LINKS, HISTORY];
        let tx = self
            .db
            .transaction(&stores, TransactionMode::ReadOnly)
            .map_err(failed)?;
        let store = |name: &str| tx.object_store(name).map_err(failed);
        let record = store(DOCS)?.get(key(doc)).map_err(failed)?.into_future();
        let text = store(TEXTS)?.get(key(doc)).map_err(failed)?.into_future();
        let spans = store(SPANS)?
            .get_all(Some(under(doc)?), None)
            .map_err(failed)?
            .into_future();
        let links = store(LINKS)?.get(key(doc)).map_err(failed)?.into_future();
        let steps = store(HISTORY)?
            .get_all(Some(under(doc)?), None)
            .map_err(failed)?
            .into_future();
        let one = |v: Option<JsValue>| v.and_then(|v| v.as_string());
        let all = |v: Vec<JsValue>| v.into_iter().filter_map(|v| v.as_string()).collect();
        Ok(Parts {
            record: one(record.await.map_err(failed)?),
            text: one(text.await.map_err(failed)?),
            spans: all(spans.await.map_err(failed)?),
            links: one(links.await.map_err(failed)?),
            steps: all(steps.await.map_err(failed)?),
        })
    }

    /// The value under `key` in `store`.
    pub async fn get(&self, store: &str, k: &str) -> Result<Option<String>, StoreError> {
        let request = self.read(store, |s| s.get(key(k)).map_err(failed)).await?;
        let value = request.await.map_err(failed)?;
        Ok(value.and_then(|v| v.as_string()))
    }

    /// Every value keyed under one document (`spans` or `history`), in key order.
    pub async fn under(&self, store: &str, doc: &str) -> Result<Vec<String>, StoreError> {
        let range = under(doc)?;
        let request = self
            .read(store, |s| s.get_all(Some(range), None).map_err(failed))
            .await?;
        let values = request.await.map_err(failed)?;
        Ok(values.into_iter().filter_map(|v| v.as_string()).collect())
    }

    /// Every `(key, value)` of a store keyed by strings (`docs`, `texts`), `chunk` records at
    /// a time in key order, each chunk in its own short transaction so that reading ten
    /// thousand texts never holds them all at once; `each` sees every chunk.
    pub async fn scan(
        &self,
        store: &str,
        chunk: u32,
        mut each: impl FnMut(Vec<(String, String)>),
    ) -> Result<(), StoreError> {
        let mut after: Option<JsValue> = None;
        loop {
            let range = match &after {
                None => None,
                Some(k) => Some(Query::from(
                    KeyRange::lower_bound(k, Some(true)).map_err(failed)?,
                )),
            };
            let tx = self
                .db
                .transaction(&[store], TransactionMode::ReadOnly)
                .map_err(failed)?;
            let s = tx.object_store(store).map_err(failed)?;
            let keys = s
                .get_all_keys(range.clone(), Some(chunk))
                .map_err(failed)?
                .await
                .map_err(failed)?;
            let values = s
                .get_all(range, Some(chunk))
                .map_err(failed)?
                .await
                .map_err(failed)?;
            let n = keys.len();
            after = keys.last().cloned();
            let pairs = keys
                .into_iter()
                .zip(values)
                .filter_map(|(k, v)| Some((k.as_string()?, v.as_string()?)))
                .collect();
            each(pairs);
            if n < usize::try_from(chunk).unwrap_or(usize::MAX) {
                return Ok(());
            }
        }
    }

    /// Stores a named value in `meta`.
    pub async fn put_meta(&self, name: &str, json: &str) -> Result<(), StoreError> {
        if super::storage::frozen() {
            return Err(StoreError::Failed("the app stopped after an error".into()));
        }
        let tx = self
            .db
            .transaction(&[META], TransactionMode::ReadWrite)
            .map_err(failed)?;
        let s = tx.object_store(META).map_err(failed)?;
        s.put(&key(json), Some(&key(name)))
            .map_err(failed)?
            .await
            .map_err(failed)?;
        finish(tx).await
    }

    /// Writes every batch in one transaction: all of them or, when one document's revision
    /// does not match (or a new one exists), none, with the first such error.
    pub async fn commit(&self, batches: &[Batch]) -> Result<(), StoreError> {
        // After a panic the app's state may be half-changed: nothing more is written.
        if super::storage::frozen() {
            return Err(StoreError::Failed("the app stopped after an error".into()));
        }
        let tx = self
            .db
            .transaction(&WRITTEN, TransactionMode::ReadWrite)
            .map_err(failed)?;
        let stores = Stores {
            list: tx.object_store(LIST).map_err(failed)?,
            meta: tx.object_store(META).map_err(failed)?,
            docs: tx.object_store(DOCS).map_err(failed)?,
            texts: tx.object_store(TEXTS).map_err(failed)?,
            spans: tx.object_store(SPANS).map_err(failed)?,
            history: tx.object_store(HISTORY).map_err(failed)?,
            layers: tx.object_store(LAYERS).map_err(failed)?,
            reviews: tx.object_store(REVIEWS).map_err(failed)?,
            links: tx.object_store(LINKS).map_err(failed)?,
        };
        for batch in batches {
            if let Err(e) = stores.write(batch).await {
                let _ = tx.abort();
                return Err(e);
            }
        }
        if let Err(e) = stores.relist(batches).await {
            let _ = tx.abort();
            return Err(e);
        }
        finish(tx).await
    }
}

async fn finish(tx: idb::Transaction) -> Result<(), StoreError> {
    let done = tx.commit().map_err(failed)?.await.map_err(failed)?;
    if done.is_committed() {
        Ok(())
    } else {
        Err(StoreError::Failed("the browser gave up the write".into()))
    }
}

struct Stores {
    list: ObjectStore,
    meta: ObjectStore,
    docs: ObjectStore,
    texts: ObjectStore,
    spans: ObjectStore,
    history: ObjectStore,
    layers: ObjectStore,
    reviews: ObjectStore,
    links: ObjectStore,
}

impl Stores {
    async fn stored_revision(&self, doc: &str) -> Result<Option<u64>, StoreError> {
        let value = self
            .docs
            .get(key(doc))
            .map_err(failed)?
            .await
            .map_err(failed)?;
        Ok(value
            .and_then(|v| v.as_string())
            .and_then(|json| serde_json::from_str::<RevisionOnly>(&json).ok())
            .map(|r| r.revision))
    }

    /// Patches the list index for the records `batches` write or delete: each chunk touched is
    /// read, patched and written once. A chunk that cannot be read takes the index's mark away
    /// (the next read of the list rebuilds it from `docs`).
    async fn relist(&self, batches: &[Batch]) -> Result<(), StoreError> {
        let changes: Vec<(String, Option<String>)> = batches
            .iter()
            .flat_map(|b| {
                b.writes.iter().filter_map(|w| match w {
                    Write::Record(json) => Some((b.doc.clone(), Some(json.clone()))),
                    Write::Delete => Some((b.doc.clone(), None)),
                    _ => None,
                })
            })
            .collect();
        // Every read is asked for before the first is awaited: one round trip, not one each.
        let mut reads = Vec::new();
        for (n, changes) in (0..store_list::CHUNKS).zip(store_list::by_chunk(changes)) {
            if changes.is_empty() {
                continue;
            }
            let request = self
                .list
                .get(JsValue::from(n))
                .map_err(failed)?
                .into_future();
            reads.push((n, changes, request));
        }
        for (n, changes, request) in reads {
            let chunk = match request.await.map_err(failed)? {
                None => String::new(),
                Some(v) if v.is_undefined() => String::new(),
                Some(v) => match as_chunk(&v) {
                    Some(chunk) => chunk,
                    None => {
                        self.meta.delete(key(LISTED)).map_err(failed)?;
                        continue;
                    }
                },
            };
            let chunk = key(&store_list::patch(&chunk, &changes));
            self.list
                .put(&chunk, Some(&JsValue::from(n)))
                .map_err(failed)?;
        }
        Ok(())
    }

    async fn write(&self, batch: &Batch) -> Result<(), StoreError> {
        let doc = batch.doc.as_str();
        let stored = self.stored_revision(doc).await?;
        match (batch.base, stored) {
            (None, Some(_)) => return Err(StoreError::Exists(doc.to_string())),
            (None, None) => {}
            (Some(base), stored) => {
                next_revision(base, stored).map_err(|conflict| StoreError::Conflict {
                    doc: doc.to_string(),
                    conflict,
                })?;
            }
        }
        for w in &batch.writes {
            self.apply(doc, w)?;
        }
        Ok(())
    }

    /// Issues the requests of one change. They run in order; a failing one aborts the whole
    /// transaction, which [`finish`] reports, so no request is awaited one by one.
    fn apply(&self, doc: &str, w: &Write) -> Result<(), StoreError> {
        match w {
            Write::Record(json) => {
                self.docs.put(&key(json), Some(&key(doc))).map_err(failed)?;
            }
            Write::Text(text) => {
                self.texts
                    .put(&key(text), Some(&key(doc)))
                    .map_err(failed)?;
            }
            Write::PutSpan { id, json } => {
                self.spans
                    .put(&key(json), Some(&pair(doc, &key(id))))
                    .map_err(failed)?;
            }
            Write::DeleteSpan(id) => {
                self.spans.delete(pair(doc, &key(id))).map_err(failed)?;
            }
            Write::ClearSpans => {
                self.spans.delete(under(doc)?).map_err(failed)?;
            }
            Write::PutRelations(json) => {
                self.links
                    .put(&key(json), Some(&key(doc)))
                    .map_err(failed)?;
            }
            Write::PutStep { step, json } => {
                self.history
                    .put(&key(json), Some(&pair(doc, &step_key(*step))))
                    .map_err(failed)?;
            }
            Write::DeleteStep(step) => {
                self.history
                    .delete(pair(doc, &step_key(*step)))
                    .map_err(failed)?;
            }
            Write::ClearSteps => {
                self.history.delete(under(doc)?).map_err(failed)?;
            }
            Write::PutLayer { name, json } => {
                self.layers
                    .put(&key(json), Some(&pair(doc, &key(name))))
                    .map_err(failed)?;
            }
            Write::PutReview(json) => {
                self.reviews
                    .put(&key(json), Some(&key(doc)))
                    .map_err(failed)?;
            }
            Write::Delete => {
                for store in [&self.docs, &self.texts, &self.reviews, &self.links] {
                    store.delete(key(doc)).map_err(failed)?;
                }
                for store in [&self.spans, &self.history, &self.layers] {
                    store.delete(under(doc)?).map_err(failed)?;
                }
            }
        }
        Ok(())
    }
}
