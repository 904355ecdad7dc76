//! The corpus slice of the reducer: the document list (records, the query, the selection),
//! which screen shows, which document is open, and the store work the reducer asks for
//! ([`Job`]s, carried out by `view::jobs` after the render, since the reducer does no I/O).

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use super::messages::plural;
use super::{AppState, Notice};
use crate::corpus::{DocSummary, ListQuery, Status};
use crate::format::store::DocRecord;
use crate::model::caret::Dir;
use crate::model::{Document, Editor, LabelSet};

/// Which screen shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Screen {
    /// The document list (with the paste box when the corpus is empty or a new document is
    /// being pasted).
    #[default]
    Home,
    /// One document, to annotate.
    Document,
    /// One document's layers and gold, to review (`state::review`).
    Review,
    /// Agreement between annotators (`state::agreement`).
    Agreement,
}

/// Store work the reducer asks for. Each has a number, so the job runner does each once.
#[derive(Clone, Debug, PartialEq)]
pub enum Job {
    /// Read every record (start-up, or another tab changed many).
    LoadList,
    /// Read one record again (another tab changed it).
    Refresh(String),
    /// Open a document: read its text, spans and history.
    Open(String),
    /// Store new documents; open the first when `open` is set.
    Create {
        docs: Rc<Vec<(Document, BTreeMap<String, String>)>>,
        open: bool,
    },
    /// Change documents' status or bin mark.
    Change { ids: Vec<String>, change: Change },
    /// Delete documents for good (emptying the bin).
    Delete(Vec<String>),
    /// Find the documents whose text holds this.
    SearchText(String),
    /// The review side's store work (`state::review`).
    Review(super::review::ReviewJob),
    /// The worker reads files for import (`transfer::Incoming` says how).
    ReadBatch(Box<super::transfer::Incoming>),
    /// The worker stores the batch it read last.
    StoreBatch { skip_duplicates: bool, open: bool },
    /// The worker writes documents of the corpus as a dataset, downloaded when done.
    Export {
        ids: Rc<Vec<String>>,
        kind: crate::format::FormatKind,
        utf16: bool,
        name: String,
        /// Weights, seed, stratified.
        split: Option<([u64; 3], u64, bool)>,
        /// Each document's reviewed gold instead of its own spans.
        gold: bool,
        /// Named in the files where the format has a place (`format::annotator`).
        annotator: Rc<str>,
    },
    /// Store the corpus's label schema (an edit that changes no document).
    PutSchema(LabelSet),
    /// The worker rewrites the stored documents for a schema edit (label renames, deleted
    /// labels, spans put back), then stores `labels`, the schema as edited.
    Relabel {
        labels: LabelSet,
        renames: Vec<(String, String)>,
        deletes: Vec<String>,
        restore: Rc<Vec<(String, Vec<String>)>>,
        /// Attribute values renamed or dropped.
        attrs: Vec<crate::format::relabel::AttrRewrite>,
    },
    /// The worker rewrites the stored relations for an edit of the relation types (renames,
    /// deleted types), then stores `labels`; with `count_only`, counts the relations of the
    /// deleted types and changes nothing.
    Retype {
        labels: LabelSet,
        renames: Vec<(String, String)>,
        deletes: Vec<String>,
        count_only: bool,
    },
    /// The worker counts the label statistics of these documents.
    Stats(Rc<Vec<String>>),
    /// The worker writes one document (native JSON) in another format.
    Convert {
        content: Rc<str>,
        kind: crate::format::FormatKind,
        utf16: bool,
        /// Named in the file where the format has a place (`format::annotator`).
        annotator: Rc<str>,
    },
}

/// A change of documents' records that needs no document opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    Status(Status),
    /// Move to the bin (at this time, milliseconds).
    Bin,
    Restore,
}

/// How many records stored at once are put in their rows one by one (a search each) rather
/// than by rebuilding the list.
const FEW_RECORDS: usize = 8;

/// The corpus as this tab shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct CorpusState {
    /// Every document's record, in the order added. Each is shared, so that a new state
    /// copies pointers, not ten thousand records, when one of them changes.
    pub records: Rc<Vec<Rc<DocRecord>>>,
    /// The same as the list shows them, in the same order.
    pub summaries: Rc<Vec<Rc<DocSummary>>>,
    pub query: ListQuery,
    /// The rows shown: indices into `summaries`, in order.
    pub rows: Rc<Vec<usize>>,
    /// Selected document ids.
    pub selected: Rc<BTreeSet<String>>,
    /// The row the keyboard is on (an index into `rows`).
    pub cursor: usize,
    /// The list has been read once.
    pub loaded: bool,
    /// The store is open: jobs can run.
    pub ready: bool,
    /// The corpus's label set: every document opens with it.
    pub labels: LabelSet,
    /// The open document's id, once opened.
    pub open: Option<String>,
    /// The open document's status.
    pub status: Status,
    /// The pasting screen is shown on the home screen.
    pub pasting: bool,
    /// With a text search: the ids of the documents whose text holds `text_hits_for`.
    pub text_hits: Rc<BTreeSet<String>>,
    pub text_hits_for: String,
    /// The documents last moved to the bin, while that can still be undone from the list.
    pub undo_bin: Option<Rc<Vec<String>>>,
    /// The document being opened again after a schema edit (no "Opened" message for it).
    pub reopening: Option<String>,
    /// A document was asked to open and has not yet: going back to the list meanwhile
    /// cancels it (its text arriving later does not take the screen back).
    pub opening: bool,
    /// The statistics panel is open; its numbers once counted.
    pub stats_open: bool,
    pub stats: Option<Rc<crate::corpus::stats::Stats>>,
    /// Store work waiting to be done, numbered.
    /// Shared, not copied, when the list changes or a job starts: cloning a `Job` takes code
    /// for every kind of job, far from what a typical visit runs.
    pub jobs: Rc<Vec<(u64, Rc<Job>)>>,
    next_job: u64,
}

impl Default for CorpusState {
    fn default() -> Self {
        CorpusState {
            records: Rc::default(),
            summaries: Rc::default(),
            query: ListQuery::default(),
            rows: Rc::default(),
            selected: Rc::default(),
            cursor: 0,
            loaded: false,
            ready: false,
            labels: LabelSet::standard(),
            open: None,
            status: Status::New,
            pasting: false,
            undo_bin: None,
            text_hits: Rc::default(),
            text_hits_for: String::new(),
            reopening: None,
            opening: false,
            stats_open: false,
            stats: None,
            jobs: Rc::default(),
            next_job: 0,
        }
    }
}

impl CorpusState {
    fn refilter(&mut self) {
        self.rows = Rc::new(self.query.apply(&self.summaries, &self.text_hits));
        self.cursor = self.cursor.min(self.rows.len().saturating_sub(1));
    }

    fn set_records(&mut self, mut records: Vec<Rc<DocRecord>>) {
        crate::model::order::sort_by(&mut records, |a, b| {
            a.created.cmp(&b.created).then_with(|| a.id.cmp(&b.id))
        });
        self.summaries = Rc::new(records.iter().map(|r| Rc::new(r.summary())).collect());
        self.records = Rc::new(records);
        self.refilter();
    }

    /// Where each record goes when it takes the place of the one with its id and its time
    /// of creation (the list's order), or `None` when any of them is new or moves.
    fn places_of(&self, stored: &[DocRecord]) -> Option<Vec<usize>> {
        stored
            .iter()
            .map(|r| {
                self.records
                    .iter()
                    .position(|x| x.id == r.id && x.created == r.created)
            })
            .collect()
    }

    /// The record of a document.
    pub fn record(&self, id: &str) -> Option<&DocRecord> {
        self.records.iter().find(|r| r.id == id).map(|r| &**r)
    }

    /// The id of the document in row `row` of the list.
    pub fn row_id(&self, row: usize) -> Option<&str> {
        let i = *self.rows.get(row)?;
        self.summaries.get(i).map(|s| s.id.as_str())
    }

    /// The row of a document in the list as shown.
    pub fn row_of(&self, id: &str) -> Option<usize> {
        self.rows
            .iter()
            .position(|&i| self.summaries.get(i).is_some_and(|s| s.id == id))
    }

    pub(super) fn push(&mut self, job: Job) {
        self.next_job += 1;
        let mut jobs = (*self.jobs).clone();
        jobs.push((self.next_job, Rc::new(job)));
        self.jobs = Rc::new(jobs);
    }
}

impl AppState {
    pub(super) fn corpus_job_done(&mut self, serial: u64) {
        let jobs: Vec<(u64, Rc<Job>)> = self
            .corpus
            .jobs
            .iter()
            .filter(|(n, _)| *n != serial)
            .cloned()
            .collect();
        self.corpus.jobs = Rc::new(jobs);
    }

    /// Every record, read from the store.
    pub(super) fn list_loaded(&mut self, records: Vec<DocRecord>, unreadable: usize) {
        self.corpus
            .set_records(records.into_iter().map(Rc::new).collect());
        self.corpus.loaded = true;
        if unreadable > 0 {
            self.error(&format!(
                "{unreadable} document record{} in this browser could not be read and {} not listed.",
                plural(unreadable),
                if unreadable == 1 { "is" } else { "are" }
            ));
        }
    }

    /// Records written or read again: each replaces the one with its id, or is added.
    pub(super) fn records_stored(&mut self, stored: Vec<DocRecord>) {
        // A few records written back over their own rows (a save after each edit brings one):
        // those rows change and nothing else is sorted, summarised or copied (at 10,000
        // documents the whole list was rebuilt after every edit, 16 ms natively).
        let places = (stored.len() <= FEW_RECORDS)
            .then(|| self.corpus.places_of(&stored))
            .flatten();
        if let Some(places) = places {
            let mut records = (*self.corpus.records).clone();
            let mut summaries = (*self.corpus.summaries).clone();
            for (r, i) in stored.into_iter().zip(places) {
                summaries[i] = Rc::new(r.summary());
                records[i] = Rc::new(r);
            }
            self.corpus.records = Rc::new(records);
            self.corpus.summaries = Rc::new(summaries);
            self.corpus.refilter();
            return;
        }
        let mut records = (*self.corpus.records).clone();
        // The open document's status is the screen's own (it is saved with the document), so
        // a record coming back from a save never sets it: two saves in flight would otherwise
        // keep setting it back and forth.
        // By id, so that ten thousand records stored at once cost ten thousand lookups (in
        // the same kind of map as a record's label counts, filled one by one: collecting into
        // it would sort with the standard library's sort, code the page's first part lacks).
        let mut at: BTreeMap<String, usize> = BTreeMap::new();
        for (i, r) in records.iter().enumerate() {
            at.insert(r.id.clone(), i);
        }
        for r in stored {
            match at.get(&r.id).and_then(|&i| records.get_mut(i)) {
                Some(x) => *x = Rc::new(r),
                None => {
                    at.insert(r.id.clone(), records.len());
                    records.push(Rc::new(r));
                }
            }
        }
        self.corpus.set_records(records);
    }

    #[inline(never)] // rare on a typical visit: see `AppState::apply_rest`
    pub(super) fn records_gone(&mut self, ids: &[String]) {
        let records = self
            .corpus
            .records
            .iter()
            .filter(|r| !ids.contains(&r.id))
            .cloned()
            .collect();
        let mut selected = (*self.corpus.selected).clone();
        for id in ids {
            selected.remove(id);
        }
        self.corpus.selected = Rc::new(selected);
        self.corpus.set_records(records);
    }

    pub(super) fn set_query(&mut self, query: ListQuery) {
        self.corpus.query = query;
        self.corpus.refilter();
    }

    /// Searches the texts for the list's search (on Enter, not on every key: it reads every
    /// text), unless the answer for it is there already.
    pub(super) fn search_texts(&mut self) {
        let search = self.corpus.query.search.trim().to_string();
        if self.corpus.query.in_text && !search.is_empty() && search != self.corpus.text_hits_for {
            self.info("Searching the texts…");
            self.corpus.push(Job::SearchText(search));
        }
    }

    /// The documents whose text holds `search` (read by a job).
    pub(super) fn text_hits(&mut self, search: String, ids: BTreeSet<String>) {
        // An answer to a search typed over since is dropped.
        if search == self.corpus.query.search.trim() {
            self.corpus.text_hits = Rc::new(ids);
            self.corpus.text_hits_for = search;
            self.corpus.refilter();
            let n = self.corpus.rows.len();
            self.info(format!("{n} document{} found.", plural(n)));
        }
    }

    pub(super) fn select(&mut self, id: String, on: bool) {
        let mut selected = (*self.corpus.selected).clone();
        if on {
            selected.insert(id);
        } else {
            selected.remove(&id);
        }
        self.corpus.selected = Rc::new(selected);
    }

    /// Selects every row shown, or none.
    pub(super) fn select_all(&mut self, on: bool) {
        let selected: BTreeSet<String> = if on {
            (0..self.corpus.rows.len())
                .filter_map(|r| self.corpus.row_id(r).map(str::to_string))
                .collect()
        } else {
            BTreeSet::new()
        };
        self.corpus.selected = Rc::new(selected);
    }

    pub(super) fn list_cursor(&mut self, row: usize) {
        self.corpus.cursor = row.min(self.corpus.rows.len().saturating_sub(1));
    }

    /// Asks for a document to be opened.
    pub(super) fn open_document(&mut self, id: String) {
        if let Some(row) = self.corpus.row_of(&id) {
            self.corpus.cursor = row;
        }
        self.corpus.opening = true;
        self.corpus.push(Job::Open(id));
    }

    /// A document was read: it becomes the open one.
    pub(super) fn document_opened(
        &mut self,
        id: String,
        editor: Editor,
        record: DocRecord,
        unreadable: usize,
    ) {
        let status = record.status;
        // Moved into the list, not copied: the record read with the document carries its
        // metadata, which the list's record (from the list index) does not, and dropping it
        // here would run at every start that reopens a document.
        self.records_stored(vec![record]);
        // The user went back to the list while it was being read.
        if !std::mem::take(&mut self.corpus.opening) {
            return;
        }
        self.corpus.status = status.into();
        self.corpus.open = Some(id);
        if std::mem::take(&mut self.corpus.pasting) {
            // The pasted text is a document now.
            self.draft = Rc::from("");
            self.draft_title = Rc::from("");
        }
        self.editor = editor;
        self.from_storage = self.editor.revision();
        self.focused = None;
        self.details = false;
        self.screen = Screen::Document;
        self.changed();
        if unreadable > 0 {
            self.error(&format!(
                "{unreadable} stored annotation{} or undo step{} of this document could not be read and {} left out.",
                plural(unreadable),
                plural(unreadable),
                if unreadable == 1 { "was" } else { "were" }
            ));
        } else if self.corpus.reopening.take().as_ref() != self.corpus.open.as_ref() {
            let title = self.doc().title().to_string();
            self.info(format!("Opened “{title}”."));
        }
    }

    pub(super) fn back_to_list(&mut self) {
        self.screen = Screen::Home;
        self.corpus.open = None;
        self.corpus.opening = false;
        self.focused = None;
        self.details = false;
        self.find = Default::default();
    }

    /// Opens the next or previous document of the list as shown.
    pub(super) fn step_document(&mut self, dir: Dir) {
        let here = self
            .corpus
            .open
            .as_deref()
            .and_then(|id| self.corpus.row_of(id))
            .unwrap_or(self.corpus.cursor);
        let next = match dir {
            Dir::Forward => here.checked_add(1),
            Dir::Back => here.checked_sub(1),
        };
        match next.and_then(|r| self.corpus.row_id(r)).map(str::to_string) {
            Some(id) => self.open_document(id),
            None => self.info(match dir {
                Dir::Forward => "This is the last document of the list.",
                Dir::Back => "This is the first document of the list.",
            }),
        }
    }

    /// The open document's status (saved with the document).
    pub(super) fn set_status(&mut self, status: Status) {
        self.corpus.status = status;
        self.info(format!("Marked {}.", status.name()));
    }

    /// Marks the open document done (saved with it, before the next one is opened) and opens
    /// the next one.
    pub(super) fn done_and_next(&mut self) {
        self.corpus.status = Status::Done;
        self.step_document(Dir::Forward);
    }

    /// Changes the records of the selected documents (or of `ids`).
    pub(super) fn change_documents(&mut self, ids: Vec<String>, change: Change) {
        if ids.is_empty() {
            return self.error("Select documents in the list first.");
        }
        let n = ids.len();
        match change {
            Change::Bin => {
                self.corpus.undo_bin = Some(Rc::new(ids.clone()));
                self.info(format!(
                    "Moved {n} document{} to the bin. Undo (Ctrl+Z) brings {} back.",
                    plural(n),
                    if n == 1 { "it" } else { "them" }
                ));
            }
            Change::Restore => {
                self.corpus.undo_bin = None;
                self.info(format!("Restored {n} document{}.", plural(n)));
            }
            Change::Status(s) => {
                self.info(format!("Marked {n} document{} {}.", plural(n), s.name()))
            }
        }
        let mut selected = (*self.corpus.selected).clone();
        for id in &ids {
            selected.remove(id);
        }
        self.corpus.selected = Rc::new(selected);
        self.corpus.push(Job::Change { ids, change });
    }

    /// Undoes the last move to the bin.
    pub(super) fn undo_bin(&mut self) {
        match self.corpus.undo_bin.take() {
            Some(ids) => self.change_documents((*ids).clone(), Change::Restore),
            None => self.error("Nothing to undo in the list."),
        }
    }

    /// Asks before deleting documents for good.
    pub(super) fn delete_for_good(&mut self, ids: Vec<String>) {
        if !ids.is_empty() {
            self.dialog = Some(Rc::new(super::Dialog::DeleteForGood(Rc::new(ids))));
        }
    }

    /// Deletes documents for good (confirmed).
    pub(super) fn deletion_confirmed(&mut self, ids: Vec<String>) {
        let n = ids.len();
        let mut selected = (*self.corpus.selected).clone();
        for id in &ids {
            selected.remove(id);
        }
        self.corpus.selected = Rc::new(selected);
        self.corpus.push(Job::Delete(ids));
        self.info(format!("Deleted {n} document{} for good.", plural(n)));
    }

    pub(super) fn load_list(&mut self) {
        self.corpus.push(Job::LoadList);
    }

    #[inline(never)] // rare on a typical visit: see `AppState::apply_rest`
    pub(super) fn refresh_record(&mut self, id: String) {
        self.corpus.push(Job::Refresh(id));
    }

    /// Stores new documents (and opens the first when `open`); false, with a message, when
    /// the corpus would grow past its limit.
    pub(super) fn create_documents(
        &mut self,
        docs: Vec<(Document, BTreeMap<String, String>)>,
        open: bool,
    ) -> bool {
        use crate::format::limits::{too_many_documents, MAX_DOCUMENTS};
        let have = self.corpus.records.len();
        if have.saturating_add(docs.len()) > MAX_DOCUMENTS {
            self.error(&too_many_documents(have, docs.len()));
            return false;
        }
        self.corpus.opening |= open;
        self.corpus.push(Job::Create {
            docs: Rc::new(docs),
            open,
        });
        true
    }

    pub(super) fn show_paste(&mut self, on: bool) {
        self.corpus.pasting = on;
        self.screen = Screen::Home;
    }

    /// The corpus's label set, as stored or as grown by an import.
    pub(super) fn schema(&mut self, labels: LabelSet, added: Vec<String>) {
        self.corpus.labels = labels;
        if !added.is_empty() {
            self.info(format!("Labels added to the corpus: {}.", added.join(", ")));
        }
    }

    pub(super) fn job_failed(&mut self, why: String) {
        self.notice = Some(Notice::Error(why));
    }
}
