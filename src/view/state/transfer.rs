//! The transfer slice of the reducer: files on their way into the corpus (read in the worker,
//! summarised, confirmed by the user, stored) and documents on their way out (a dataset of
//! many documents, or the open document in another format), with the progress of whatever
//! the worker is doing. The reading, writing and every rule about formats are the worker's
//! (`tasks`, `corpus`, `format`); this slice keeps the user's choices until they are sent and
//! says what came of them.

use std::rc::Rc;

use super::corpus::Job;
use super::import::Dialog;
use super::messages::plural;
use super::AppState;
use crate::corpus::Status;
use crate::format::limits::{import_too_big, MAX_IMPORT_BYTES};
use crate::format::store::{self, DocRecord};
use crate::format::FormatKind;
use crate::tasks::BatchSummary;

/// Files picked or dropped for import, numbered so that two pickings never compare equal
/// (files are browser objects, compared by the pick they came in, not by pointer).
#[derive(Clone, Debug)]
pub struct Files {
    serial: u64,
    list: Rc<Vec<web_sys::File>>,
    /// How many files.
    pub count: usize,
    /// The files' names, for messages ("a.json + a.txt", or "12 files").
    pub names: String,
    /// Their size together.
    pub bytes: f64,
}

impl PartialEq for Files {
    fn eq(&self, other: &Self) -> bool {
        self.serial == other.serial
    }
}

impl Files {
    /// Files with their names and sizes (read from the browser's objects by the caller).
    pub fn new(list: Vec<web_sys::File>, names: &[String], bytes: f64) -> Files {
        use std::sync::atomic::{AtomicU64, Ordering};
        static PICKS: AtomicU64 = AtomicU64::new(0);
        let serial = PICKS.fetch_add(1, Ordering::Relaxed);
        let count = names.len();
        let names = match names {
            [] => String::new(),
            [one] => one.clone(),
            [a, b] => format!("{a} + {b}"),
            more => format!("{} files", more.len()),
        };
        Files {
            serial,
            list: Rc::new(list),
            count,
            names,
            bytes,
        }
    }

    /// Files known by name only, for the reducer's tests (no browser objects there).
    #[cfg(test)]
    pub fn named(names: &[&str], bytes: f64) -> Files {
        let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        Files::new(Vec::new(), &names, bytes)
    }

    pub fn list(&self) -> &[web_sys::File] {
        &self.list
    }
}

/// An import on its way: the files, how they are read, and what the worker found in them.
#[derive(Clone, Debug, PartialEq)]
pub struct Incoming {
    pub files: Files,
    /// The format chosen for files that are not tables, texts or brat; `None` detects.
    pub kind: Option<FormatKind>,
    /// The text column of tables; `None` takes the column called `text`.
    pub text_column: Option<String>,
    /// Offered offset conversions are taken.
    pub repair: bool,
    /// Documents whose text the corpus already holds are left out.
    pub skip_duplicates: bool,
    /// Open the (first) document once stored: an import from inside a document.
    pub open: bool,
    /// What the files hold, once read.
    pub summary: Option<BatchSummary>,
    /// The annotator name set in this browser, and "import as suggestions": what decides
    /// whether the files become layers of documents (`review::intake`, in the worker).
    pub annotator: Rc<str>,
    pub as_suggestions: bool,
}

/// Which documents a dataset export takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Every document not in the bin.
    All,
    /// The documents selected in the list.
    Selected,
    /// The documents (not in the bin) with this status.
    Status(Status),
}

/// The user's choices for a dataset export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportChoice {
    pub scope: Scope,
    pub kind: FormatKind,
    /// Offsets in UTF-16 code units (for the formats that offer it).
    pub utf16: bool,
    /// The dataset's name (the files' names without a split).
    pub name: String,
    /// Split into train, dev and test.
    pub split: bool,
    /// The parts' weights, train, dev, test.
    pub weights: [u64; 3],
    pub seed: u64,
    /// Keep each label's share alike in the parts.
    pub stratify: bool,
    /// Each document's reviewed gold layer instead of its own spans.
    pub gold: bool,
}

impl Default for ExportChoice {
    fn default() -> Self {
        ExportChoice {
            scope: Scope::All,
            kind: FormatKind::Native,
            utf16: false,
            name: "corpus".into(),
            split: false,
            weights: [80, 10, 10],
            seed: 1,
            stratify: false,
            gold: false,
        }
    }
}

/// How far the worker's current work is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    pub what: String,
}

/// What the worker is doing for this tab, if anything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TransferState {
    /// Something was sent to the worker and its final answer has not come yet: what.
    pub working: Option<String>,
    pub progress: Option<Progress>,
}

/// The ids of the documents `scope` takes, in the order added.
pub fn scope_ids(
    records: &[Rc<DocRecord>],
    selected: &std::collections::BTreeSet<String>,
    scope: Scope,
) -> Vec<String> {
    records
        .iter()
        .filter(|r| r.binned.is_none())
        .filter(|r| match scope {
            Scope::All => true,
            Scope::Selected => selected.contains(&r.id),
            Scope::Status(s) => Status::from(r.status) == s,
        })
        .map(|r| r.id.clone())
        .collect()
}

impl AppState {
    /// Refuses, with a message, while the worker is busy for this tab.
    pub(super) fn worker_free(&mut self) -> bool {
        match &self.transfer.working {
            None => true,
            Some(what) => {
                let msg = format!("Still {what}; wait for it to finish.");
                self.error(&msg);
                false
            }
        }
    }

    pub(super) fn start_work(&mut self, what: &str, job: Job) {
        self.transfer.working = Some(what.to_string());
        self.transfer.progress = None;
        self.corpus.push(job);
    }

    /// Files were picked or dropped: the worker reads them (nothing changes yet). Files past
    /// the import limit are refused before they are read.
    pub(super) fn import_files(&mut self, files: Files, kind: Option<FormatKind>, open: bool) {
        if files.count == 0 {
            return;
        }
        if files.bytes > MAX_IMPORT_BYTES as f64 {
            // Sizes of files a browser can hold are whole numbers far below 2^53.
            let why = import_too_big(files.bytes as usize);
            return self.import_unreadable(files.names, why);
        }
        if !self.worker_free() {
            return;
        }
        let incoming = Incoming {
            files,
            kind,
            text_column: None,
            repair: false,
            skip_duplicates: true,
            open,
            summary: None,
            annotator: self.review.annotator.clone(),
            as_suggestions: self.review.as_suggestions,
        };
        self.read_again(incoming);
    }

    fn read_again(&mut self, incoming: Incoming) {
        self.dialog = None;
        self.start_work("reading the files", Job::ReadBatch(Box::new(incoming)));
    }

    /// The worker read the files: a clean import from inside a document is stored at once;
    /// anything else (and anything read again after a choice in the dialog) waits for the
    /// user in the import dialog.
    pub(super) fn batch_read(&mut self, incoming: Incoming, summary: BatchSummary) {
        self.transfer.working = None;
        self.transfer.progress = None;
        if summary.documents == 0 {
            let why = summary
                .failed_because
                .clone()
                .unwrap_or_else(|| "no document was found in it".into());
            return self.import_unreadable(incoming.files.names, why);
        }
        let clean = summary.is_clean();
        let incoming = Incoming {
            summary: Some(summary),
            ..incoming
        };
        // After a conversion the user asked for, the converted import is shown before storing.
        if clean && incoming.open && !incoming.repair {
            self.store_batch(incoming);
        } else {
            self.dialog = Some(Rc::new(Dialog::Batch(Box::new(incoming))));
        }
    }

    /// Changes how the files in the import dialog are read (text column, offset conversion)
    /// and reads them again; or whether duplicates are skipped.
    pub(super) fn import_choice(&mut self, f: impl FnOnce(&mut Incoming) -> bool) {
        let Some(Dialog::Batch(incoming)) = self.dialog.as_deref() else {
            return;
        };
        let mut incoming = (**incoming).clone();
        let reread = f(&mut incoming);
        if reread {
            if self.worker_free() {
                self.read_again(incoming);
            }
        } else {
            self.dialog = Some(Rc::new(Dialog::Batch(Box::new(incoming))));
        }
    }

    /// Takes the offset conversion the import offers.
    pub(super) fn import_repair(&mut self) {
        self.import_choice(|i| {
            i.repair = true;
            true
        });
    }

    pub(super) fn store_batch(&mut self, incoming: Incoming) {
        use crate::format::limits::{too_many_documents, MAX_DOCUMENTS};
        let Some(summary) = &incoming.summary else {
            return;
        };
        let adding = if incoming.skip_duplicates {
            summary.new
        } else {
            summary.documents
        };
        let have = self.corpus.records.len();
        if have.saturating_add(adding) > MAX_DOCUMENTS {
            self.dialog = None;
            return self.error(&too_many_documents(have, adding));
        }
        self.dialog = None;
        self.start_work(
            "storing the documents",
            Job::StoreBatch {
                skip_duplicates: incoming.skip_duplicates,
                open: incoming.open,
            },
        );
    }

    /// Documents stored by the worker: they join the list (and the first opens when asked).
    pub(super) fn batch_stored(
        &mut self,
        records: Vec<DocRecord>,
        [n, spans]: [usize; 2],
        first: Option<String>,
        schema: &str,
        added: Vec<String>,
        open: bool,
    ) {
        self.transfer.working = None;
        self.transfer.progress = None;
        if records.len() < n {
            // Too many to send (`tasks::RECORDS_AT_MOST`): merging thousands of records into
            // the list in one task would freeze the page for longer than reading the whole
            // list again from the store's index does.
            self.corpus.push(Job::LoadList);
        } else {
            self.records_stored(records);
        }
        if let Some(labels) = store::schema_from_json(schema) {
            self.corpus.labels = labels;
        }
        let mut msg = format!(
            "Imported {n} document{} with {spans} annotation{}.",
            plural(n),
            plural(spans)
        );
        if !added.is_empty() {
            msg.push_str(&format!(
                " Labels added to the corpus: {}.",
                added.join(", ")
            ));
        }
        self.info(msg);
        if let (true, Some(id)) = (open, first) {
            self.open_document(id);
        }
    }

    /// The worker could not do what it was asked.
    pub(super) fn transfer_failed(&mut self, why: String) {
        self.transfer.working = None;
        self.transfer.progress = None;
        self.relabel_failed();
        self.retype_failed();
        self.error(&super::messages::sentence(&why));
    }

    pub(super) fn transfer_progress(&mut self, p: Progress) {
        if self.transfer.working.is_some() {
            self.transfer.progress = Some(p);
        }
    }

    /// Opens the dataset export dialog: the selected documents when there are any.
    pub(super) fn export_dialog(&mut self) {
        let scope = if self.corpus.selected.is_empty() {
            Scope::All
        } else {
            Scope::Selected
        };
        self.dialog = Some(Rc::new(Dialog::Export(ExportChoice {
            scope,
            ..ExportChoice::default()
        })));
    }

    pub(super) fn export_choice(&mut self, choice: ExportChoice) {
        if matches!(self.dialog.as_deref(), Some(Dialog::Export(_))) {
            self.dialog = Some(Rc::new(Dialog::Export(choice)));
        }
    }

    /// The export dialog's choices are sent to the worker.
    pub(super) fn export_confirmed(&mut self, choice: ExportChoice) {
        let ids = scope_ids(&self.corpus.records, &self.corpus.selected, choice.scope);
        if ids.is_empty() {
            return self.error("No document is in what you chose to export; nothing was written.");
        }
        if choice.split && choice.weights.iter().all(|&w| w == 0) {
            return self
                .error("The train, dev and test shares are all 0; give at least one a share.");
        }
        if !self.worker_free() {
            return;
        }
        self.dialog = None;
        let name = crate::model::title::slug(&choice.name);
        self.start_work(
            "writing the export",
            Job::Export {
                ids: Rc::new(ids),
                kind: choice.kind,
                utf16: choice.utf16,
                name,
                split: choice
                    .split
                    .then_some((choice.weights, choice.seed, choice.stratify)),
                gold: choice.gold,
                annotator: self.review.annotator.clone(),
            },
        );
    }

    /// Opens (and counts afresh) or closes the statistics panel: the selected documents when
    /// there are any, else every document not in the bin.
    pub(super) fn show_stats(&mut self, open: bool) {
        self.corpus.stats_open = open;
        if !open || !self.worker_free() {
            return;
        }
        self.corpus.stats = None;
        let scope = if self.corpus.selected.is_empty() {
            Scope::All
        } else {
            Scope::Selected
        };
        let ids = scope_ids(&self.corpus.records, &self.corpus.selected, scope);
        self.start_work("counting the spans", Job::Stats(Rc::new(ids)));
    }

    pub(super) fn stats_counted(&mut self, stats: crate::corpus::stats::Stats) {
        self.transfer.working = None;
        self.transfer.progress = None;
        self.corpus.stats = Some(Rc::new(stats));
    }

    /// The open document in another format (written by the worker from what this tab holds,
    /// saved or not).
    pub(super) fn export_open(&mut self, kind: FormatKind, utf16: bool) {
        if !self.worker_free() {
            return;
        }
        let content = crate::format::native::export(self.doc());
        self.start_work(
            "writing the export",
            Job::Convert {
                content: Rc::from(content.as_str()),
                kind,
                utf16,
                annotator: self.review.annotator.clone(),
            },
        );
    }

    /// The worker wrote an export and the files were downloaded: what went into it and what
    /// the format could not carry.
    pub(super) fn exported(
        &mut self,
        names: &[String],
        notes: &[String],
        counts: [usize; 3],
        kind: FormatKind,
    ) {
        self.transfer.working = None;
        self.transfer.progress = None;
        let files = names.join(", ");
        let parts = if counts[1] + counts[2] > 0 {
            format!(
                " (train {}, dev {}, test {} documents)",
                counts[0], counts[1], counts[2]
            )
        } else {
            String::new()
        };
        let msg = if notes.is_empty() {
            format!("Exported {files}{parts}; nothing was left out.")
        } else {
            format!(
                "Exported {files}{parts}. Not carried by {}: {}.",
                kind.name(),
                notes.join("; ")
            )
        };
        self.info(msg);
    }
}
