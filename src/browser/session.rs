//! This tab's corpus session: the store connection, the open document's save queue, and what
//! other tabs say. Every change of the open document is written as it happens, one write at a
//! time, each over the revision the last one left (`format::store::save` makes the batch, the
//! store checks the revision); a change made while a write is on its way waits and goes next,
//! with whatever happened in between. A write refused because another tab saved first is
//! never retried over it: the caller hears of the conflict and the user decides.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use super::db::{self, Db, StoreError, DOCS, META};
use crate::format::store::{self, Batch, DocRecord, Saved, Status};
use crate::format::store_list;
use crate::model::{Document, Editor, LabelSet};

/// Milliseconds since 1970, from the browser's clock.
pub fn now() -> u64 {
    let ms = js_sys::Date::now();
    if ms.is_finite() && ms > 0.0 {
        // Whole milliseconds since 1970 fit a u64 for hundreds of millions of years.
        ms as u64
    } else {
        0
    }
}

/// What the session tells the app after a write of the open document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Saving {
    /// Written: the document's record as now stored (for its row in the list).
    Stored(DocRecord),
    /// Another tab saved this document first; this change was not written.
    Conflict,
    /// The browser refused (storage full, unavailable): the message says why.
    Failed(String),
}

struct Queue {
    /// What the store holds of the open document.
    saved: Option<Saved>,
    /// A write is on its way.
    busy: bool,
    /// The newest state to write once it has arrived.
    next: Option<(Editor, Status)>,
    /// The state being written now.
    writing: Option<(Editor, Status)>,
    /// The revision and `updated` time of the record that write makes.
    landing: Option<[u64; 2]>,
    /// After a conflict nothing more is written until the document is opened again.
    stopped: bool,
    /// Called when the queue is empty again (see [`Session::flush`]).
    idle: Vec<Box<dyn FnOnce()>>,
}

impl Queue {
    fn empty() -> Queue {
        Queue {
            saved: None,
            busy: false,
            next: None,
            writing: None,
            landing: None,
            stopped: false,
            idle: Vec::new(),
        }
    }
}

/// The open corpus. Cheap to clone (shared).
#[derive(Clone)]
pub struct Session {
    db: Db,
    queue: Rc<RefCell<Queue>>,
}

impl Session {
    pub async fn open() -> Result<Session, StoreError> {
        Ok(Session::over(Db::open().await?))
    }

    /// A session over a store already open (the tests' own stores).
    pub fn over(db: Db) -> Session {
        Session {
            db,
            queue: Rc::new(RefCell::new(Queue::empty())),
        }
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    /// Every document's record (not their texts), in no particular order; unreadable records
    /// are counted.
    pub async fn records(&self) -> Result<(Vec<DocRecord>, usize), StoreError> {
        let mut chunks = match db::prefetched_list().await {
            Some(chunks) => chunks,
            None => self.db.list_chunks().await?,
        };
        super::perf::mark("list-read");
        if !db::all_chunks(&chunks) {
            // A chunk of the index could not be read: it is built again from the records.
            chunks = self.db.rebuild_list().await?;
        }
        // A few thousand records per task: ten thousand read in one would hold the page for
        // most of 100 ms on a slow machine.
        const SLICE: usize = 16;
        let mut records = Vec::new();
        let mut unreadable = 0;
        for (i, slice) in chunks.chunks(SLICE).enumerate() {
            if i > 0 {
                super::frame::next_task().await;
            }
            let texts = db::chunk_texts(slice);
            let (read, bad) = store_list::read_all(&store_list::array(&texts), || {
                store_list::all_records(&texts)
            });
            records.extend(read);
            unreadable += bad;
        }
        Ok((records, unreadable))
    }

    /// Whether a document is stored, without reading its record: the start-up's check that
    /// the document to reopen still exists runs at every start, and parsing (then dropping) a
    /// record there would be work done twice, and code the first part of the page's wasm
    /// need not carry (a record's metadata, for one).
    pub async fn stored(&self, id: &str) -> Result<bool, StoreError> {
        Ok(self.db.get(DOCS, id).await?.is_some())
    }

    /// One document's record.
    pub async fn record(&self, id: &str) -> Result<Option<DocRecord>, StoreError> {
        Ok(self
            .db
            .get(DOCS, id)
            .await?
            .and_then(|j| DocRecord::from_json(&j)))
    }

    /// Opens a document: its text, spans and history, with the corpus's labels; from now on
    /// [`Session::save`] writes it. Also returns how many stored parts could not be read.
    pub async fn load(
        &self,
        id: &str,
        labels: &LabelSet,
    ) -> Result<Option<(Editor, DocRecord, usize)>, StoreError> {
        let parts = self.db.document(id).await?;
        // Relations are read with code a typical visit never runs, kept in the second part of
        // the page's wasm: wait for it rather than load it at once (`browser::split`).
        if store::has_relations(parts.links.as_deref()) {
            super::split::arrived().await;
        }
        let Some(record) = parts.record.as_deref().and_then(DocRecord::from_json) else {
            return Ok(None);
        };
        let text = parts.text.unwrap_or_default();
        let (editor, saved, unreadable) = store::load(
            record,
            &text,
            &parts.spans,
            parts.links.as_deref(),
            &parts.steps,
            labels,
        );
        let record = saved.record.clone();
        // The document open before is written first (its last change may still be waiting).
        self.flush().await;
        let mut q = self.queue.borrow_mut();
        *q = Queue::empty();
        q.saved = Some(saved);
        Ok(Some((editor, record, unreadable)))
    }

    /// Waits until every change of the open document handed to [`Session::save`] has been
    /// written (or refused).
    pub async fn flush(&self) {
        let promise = {
            let mut q = self.queue.borrow_mut();
            if !q.busy {
                return;
            }
            let mut resolve_later = None;
            let promise = js_sys::Promise::new(&mut |resolve, _| resolve_later = Some(resolve));
            if let Some(resolve) = resolve_later {
                q.idle.push(Box::new(move || {
                    let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
                }));
            }
            promise
        };
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }

    /// Forgets the open document (back to the list); a write on its way still completes.
    pub fn close(&self) {
        let mut q = self.queue.borrow_mut();
        q.next = None;
        if !q.busy {
            q.saved = None;
        }
    }

    /// The revision the store held when this tab last read or wrote the open document.
    pub fn open_revision(&self) -> Option<(String, u64)> {
        let q = self.queue.borrow();
        q.saved
            .as_ref()
            .map(|s| (s.record.id.clone(), s.record.revision))
    }

    /// True while a change of the open document waits to be written or is on its way.
    pub fn unsaved(&self) -> bool {
        let q = self.queue.borrow();
        q.busy || q.next.is_some()
    }

    /// Writes the open document as `editor` has it now, with `status`; `done` hears how it
    /// went (once per write that happens, so possibly once for several calls).
    pub fn save(&self, editor: Editor, status: Status, done: Rc<dyn Fn(Saving)>) {
        {
            let mut q = self.queue.borrow_mut();
            if q.stopped || q.saved.is_none() {
                return;
            }
            q.next = Some((editor, status));
            if q.busy {
                return;
            }
            q.busy = true;
        }
        // In a task of its own: started here, the write would run in the edit's own task
        // (its microtasks), before the highlight is in the page. A timeout, not a frame:
        // it must run in a hidden page too.
        let session = self.clone();
        gloo_timers::callback::Timeout::new(0, move || {
            wasm_bindgen_futures::spawn_local(async move { session.drain(done).await })
        })
        .forget();
    }

    async fn drain(&self, done: Rc<dyn Fn(Saving)>) {
        loop {
            let (batch, next_saved) = {
                let mut q = self.queue.borrow_mut();
                let (Some((editor, status)), Some(saved)) = (q.next.take(), q.saved.as_ref())
                else {
                    q.busy = false;
                    let waiters = std::mem::take(&mut q.idle);
                    drop(q);
                    waiters.into_iter().for_each(|w| w());
                    return;
                };
                let mut record = saved.record.clone();
                record.status = status;
                record.updated = now();
                let out = {
                    let _m = super::perf::measure("save-batch");
                    store::save(saved, &editor, record)
                };
                q.writing = Some((editor, status));
                q.landing = Some([out.1.record.revision, out.1.record.updated]);
                out
            };
            match self.db.commit(std::slice::from_ref(&batch)).await {
                Ok(()) => {
                    let record = next_saved.record.clone();
                    let mut q = self.queue.borrow_mut();
                    q.saved = Some(next_saved);
                    q.writing = None;
                    q.landing = None;
                    let idle = q.next.is_none();
                    drop(q);
                    if idle {
                        // Written: a journal kept at page-hide for this document is obsolete.
                        super::storage::remove(&journal_key(&record.id));
                    }
                    done(Saving::Stored(record));
                }
                Err(e) => {
                    let conflict = matches!(e, StoreError::Conflict { .. } | StoreError::Exists(_));
                    let mut q = self.queue.borrow_mut();
                    q.stopped |= conflict;
                    q.next = None;
                    q.writing = None;
                    q.landing = None;
                    q.busy = false;
                    let waiters = std::mem::take(&mut q.idle);
                    drop(q);
                    waiters.into_iter().for_each(|w| w());
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

    /// Keeps the open document's newest unwritten state in localStorage, at once (the page is
    /// being hidden or closed, and an IndexedDB write may not finish): the next start writes it
    /// into the store ([`Session::recover`]). Nothing when everything is written.
    pub fn journal(&self) {
        let q = self.queue.borrow();
        let (Some(saved), Some((editor, status))) =
            (q.saved.as_ref(), q.next.as_ref().or(q.writing.as_ref()))
        else {
            return;
        };
        let mut journal = store::Journal::of(&saved.record, editor.doc(), *status);
        journal.landing = q.landing;
        let _ = super::storage::save(&journal_key(&saved.record.id), &journal.to_json());
    }

    /// Writes what journals kept at page-hide into the store: over the revision they started
    /// from when it is still the stored one, else (another tab wrote since) as a recovered copy,
    /// so nothing is lost either way. Returns how many documents were recovered.
    pub async fn recover(&self, labels: &LabelSet) -> Result<usize, StoreError> {
        let keys = super::storage::keys_with_prefix(JOURNAL_PREFIX);
        if keys.is_empty() {
            return Ok(0);
        }
        // Out of line: the start-up runs at every start, while a journal is left only by a page
        // closed in mid-save.
        super::out_of_line(self.replay(keys, labels)).await
    }

    /// Writes each journal of `keys` over the stored document, or keeps it as a copy.
    async fn replay(&self, keys: Vec<String>, labels: &LabelSet) -> Result<usize, StoreError> {
        let mut recovered = 0;
        for key in keys {
            let Some(journal) =
                super::storage::load(&key).and_then(|j| store::Journal::from_json(&j))
            else {
                super::storage::remove(&key);
                continue;
            };
            let Some(doc) = journal.document(labels) else {
                super::storage::remove(&key);
                continue;
            };
            let stored = self.load(&journal.id, labels).await?;
            match stored {
                Some((_, record, _)) if journal.applies_over(&record) => {
                    // The last write did not land: the kept state goes over the stored one.
                    let saved = self.queue.borrow().saved.clone();
                    if let Some(saved) = saved {
                        let mut r = record;
                        r.status = journal.status;
                        r.updated = now();
                        let (mut batch, _) = store::save(&saved, &Editor::new(doc), r);
                        // The kept state has no history of its own; the stored one does not
                        // lead to it.
                        batch.writes.push(store::Write::ClearSteps);
                        self.db.commit(std::slice::from_ref(&batch)).await?;
                        recovered += 1;
                    }
                }
                // That state was written after all.
                Some((editor, _, _)) if editor.doc().spans() == doc.spans() => {}
                // Another tab wrote since (or the document is gone): kept as a copy.
                _ => {
                    let copy = doc.with_id(&format!("{}-recovered", journal.id));
                    let meta = std::collections::BTreeMap::from([(
                        "recovered".to_string(),
                        format!("changes to {} not saved when the page closed", journal.id),
                    )]);
                    self.create(vec![(copy, meta)], |_| {}).await?;
                    recovered += 1;
                }
            }
            self.close();
            super::storage::remove(&key);
        }
        Ok(recovered)
    }

    /// Stores new documents, a thousand per transaction: few enough that a big import never
    /// holds one huge transaction, many enough that the list index (whose chunks each
    /// transaction rewrites, `format::store_list`) is not rewritten fifty times over for ten
    /// thousand documents; `progress` hears how many are written.
    /// Returns their records; a document whose id is taken gets the next free `-2`, `-3` id.
    pub async fn create(
        &self,
        docs: Vec<(Document, BTreeMap<String, String>)>,
        progress: impl Fn(usize),
    ) -> Result<Vec<DocRecord>, StoreError> {
        const CHUNK: usize = 1000;
        // Filled one by one: collecting into an ordered map would sort with the standard
        // library's sort, code the page's first part lacks.
        let mut taken = BTreeMap::new();
        for r in self.records().await?.0 {
            taken.insert(r.id, 1);
        }
        let mut out = Vec::with_capacity(docs.len());
        let mut batches: Vec<Batch> = Vec::new();
        let stamp = now();
        for (i, (doc, meta)) in docs.into_iter().enumerate() {
            let doc = unique_id(doc, &mut taken);
            // Later documents of one import sort after earlier ones.
            let when = stamp.saturating_add(u64::try_from(i).unwrap_or(u64::MAX));
            let hash = super::digest::text_hash_hex(doc.text().as_str()).await;
            let record = DocRecord::with_hash(&doc, meta, when, hash);
            let (batch, _) = store::create(&doc, record.clone());
            batches.push(batch);
            out.push(record);
            if batches.len() == CHUNK {
                self.db.commit(&batches).await?;
                batches.clear();
                progress(out.len());
            }
        }
        if !batches.is_empty() {
            self.db.commit(&batches).await?;
        }
        progress(out.len());
        Ok(out)
    }

    /// Changes documents' records (status, the bin) without opening them, each over the
    /// revision given; returns the records as stored.
    pub async fn change(
        &self,
        records: &[DocRecord],
        change: impl Fn(&mut DocRecord),
    ) -> Result<Vec<DocRecord>, StoreError> {
        let (batches, out): (Vec<Batch>, Vec<DocRecord>) = records
            .iter()
            .map(|r| store::change_record(r, &change))
            .unzip();
        self.db.commit(&batches).await?;
        // The open document's record moved on too.
        let mut q = self.queue.borrow_mut();
        if let Some(saved) = q.saved.as_mut() {
            if let Some(r) = out.iter().find(|r| r.id == saved.record.id) {
                saved.record = r.clone();
            }
        }
        Ok(out)
    }

    /// Deletes documents for good.
    pub async fn delete(&self, records: &[DocRecord]) -> Result<(), StoreError> {
        let batches: Vec<Batch> = records.iter().map(store::delete).collect();
        self.db.commit(&batches).await
    }

    /// A named value of the corpus (the schema, settings), as JSON.
    pub async fn meta(&self, name: &str) -> Result<Option<String>, StoreError> {
        self.db.get(META, name).await
    }

    pub async fn put_meta(&self, name: &str, json: &str) -> Result<(), StoreError> {
        self.db.put_meta(name, json).await
    }

    /// The corpus's schema with the labels, attribute definitions and relation types of `docs`
    /// it lacks added (`corpus::schema::grown`), stored when it grew: the schema as it is then
    /// and the names of the labels added.
    pub async fn grow_schema<'a>(
        &self,
        schema: &LabelSet,
        docs: impl IntoIterator<Item = &'a Document>,
    ) -> Result<(LabelSet, Vec<String>), String> {
        let mut out = schema.clone();
        let mut added = Vec::new();
        for d in docs {
            let (merged, new) = crate::corpus::schema::grown(&out, d.labels())
                .map_err(|e| format!("the labels cannot all be kept: {e}"))?;
            out = merged;
            added.extend(new);
        }
        if out != *schema {
            self.put_meta(store::SCHEMA, &store::schema_to_json(&out))
                .await
                .map_err(|e| e.to_string())?;
        }
        Ok((out, added))
    }
}

/// Where a journal for one document is kept in localStorage.
const JOURNAL_PREFIX: &str = "article-annotator/journal/";

fn journal_key(id: &str) -> String {
    format!("{JOURNAL_PREFIX}{id}")
}

/// The document with an id not in `taken` (its own, else `<id>-2`, `<id>-3`, …), which is
/// then taken. `taken` holds every id in use, each with the last number tried after it as a
/// base (1: none yet), so a tenth copy of one document does not try the nine before it. (A
/// map of strings to counts, the kind a record's label counts are kept in: one more kind of
/// set or map would be one more copy of its code in the page's first wasm part.)
fn unique_id(doc: Document, taken: &mut BTreeMap<String, usize>) -> Document {
    let base = doc.id().to_string();
    let Some(&last) = taken.get(&base) else {
        taken.insert(base, 1);
        return doc;
    };
    let mut n = last;
    let id = loop {
        n = n.saturating_add(1);
        let id = format!("{base}-{n}");
        if !taken.contains_key(&id) {
            break id;
        }
    };
    taken.insert(base, n);
    taken.insert(id.clone(), 1);
    doc.with_id(&id)
}
