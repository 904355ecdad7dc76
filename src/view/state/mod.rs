//! The app state and its reducer: every user action becomes an [`Action`], and [`AppState::apply`]
//! is a dispatch table whose arms are one call each, into the model (`model::Editor`), the
//! format layer or one of this folder's slices: the article's edits
//! (`edit.rs`), dialogs (`import.rs`), imports and exports through the worker
//! (`transfer.rs`), the stored copy and other tabs
//! (`stored.rs`), Find (`find.rs`), and the wording of messages (`messages.rs`). No I/O
//! happens here; storage, files and the DOM selection are read or written by callbacks and
//! effects in the components (through `crate::browser`).

pub mod agreement;
pub mod corpus;
mod edit;
pub mod find;
mod import;
pub mod link;
pub mod messages;
pub mod qualify;
pub mod relation_types;
pub mod review;
pub mod schema;
mod stored;
pub mod transfer;

use std::rc::Rc;

use yew::Reducible;

pub use self::corpus::{Change, CorpusState, Job, Screen};
pub use self::find::{FindPick, FindState};
pub use self::import::Dialog;
pub use self::link::{LinkAction, Linking};
pub use self::messages::{clip, plural};
pub use self::qualify::{QualifyAction, QualifyState};
pub use self::review::{ReviewAction, ReviewJob, ReviewSlice};
pub use self::schema::{DeletedLabel, SchemaState};
pub use self::transfer::{ExportChoice, Files, Incoming, Progress, Scope, TransferState};
use crate::browser::session::Saving;
use crate::corpus::{ListQuery, Status};
use crate::format::store::DocRecord;
use crate::format::FormatKind;
use crate::model::caret::{Dir, Edge, Step};
use crate::model::find::Query;
use crate::model::{CharRange, Document, Editor, LabelId, LabelSet, SpanId};

/// A message to the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// Something happened as asked; read out politely.
    Info(String),
    /// Something was refused or failed; read out at once.
    Error(String),
}

/// Whether saving to browser storage works.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageStatus {
    Ok,
    /// Saving failed; work continues in memory and can be exported.
    Failed(String),
}

#[derive(Clone, Debug)]
pub struct AppState {
    pub screen: Screen,
    /// The document list, the open document's id and status, and store work to do.
    pub corpus: CorpusState,
    /// The open document and its history.
    pub editor: Editor,
    /// The paste box, exactly as pasted (see `model::draft`).
    pub draft: Rc<str>,
    pub draft_title: Rc<str>,
    pub notice: Option<Notice>,
    /// A question or report waiting for the user (an import, discarding work, a conflict).
    pub dialog: Option<Rc<Dialog>>,
    pub storage: StorageStatus,
    /// The editor revision that was read from the store (a document just opened): the save
    /// effect does not write it back, so two tabs never echo each other.
    pub from_storage: u64,
    /// The span shown as focused in the article and the list.
    pub focused: Option<SpanId>,
    /// A label armed by pressing its key with nothing selected: every selection gets it.
    pub armed: Option<LabelId>,
    /// Widen selections to whole words before labelling them (on by default).
    pub snap: bool,
    /// The focused span's details are open.
    pub details: bool,
    /// The shortcut help is open.
    pub help: bool,
    /// Which of the home screen's small panels behind a button are open (`view::disclosure`).
    pub disclosed: Disclosed,
    /// The Find box: query, hits and the current hit.
    pub find: FindState,
    /// What the Find bar's Label current and Label all give the new spans, as its menus last
    /// said: apart from the hits, so choosing it draws the bar again and not the article.
    pub find_pick: FindPick,
    /// The annotator name, layers coming in, the review screen and the agreement panel.
    pub review: ReviewSlice,
    /// What the worker is doing for this tab (imports, exports) and how far it is.
    pub transfer: TransferState,
    /// The Labels panel, the last deleted label, a relabelling on its way.
    pub schema: SchemaState,
    /// The attribute picker or the note editor, when open.
    pub qualify: QualifyState,
    /// A link being made from the keyboard (`link.rs`).
    pub link: Option<Rc<Linking>>,
    /// The relation in focus: both its ends are highlighted.
    pub relation: Option<crate::model::RelationId>,
    /// A rename or delete of a relation type on its way, or a delete waiting for an answer.
    pub retype: relation_types::RetypeState,
    /// Where the article's caret goes once an edit is drawn (the end of a labelled selection).
    pub caret: Option<CaretAfter>,
    /// How many times the warm-up has asked for the article to be drawn again with the same
    /// document ([`Action::WarmUp`]): the props of the article, its relations layer and the
    /// toolbar then differ, so they run what an edit runs of their own (their bodies and
    /// hooks, each block, the layer's shapes and the buttons compared and kept) before the
    /// first key does.
    pub redraws: u64,
}

/// The article's caret after the edit that made this editor revision: a code point offset.
///
/// The browser keeps the caret in a text node, and the patch that draws a new highlight may
/// replace or shorten that node (the caret then lands at its start, or leaves the block), so
/// the article places the caret again once that revision is drawn. The revision tells two
/// labellings that end at the same place apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CaretAfter {
    pub revision: u64,
    pub at: usize,
}

impl Default for AppState {
    fn default() -> Self {
        let editor = Editor::default();
        AppState {
            screen: Screen::Home,
            corpus: CorpusState::default(),
            from_storage: editor.revision(),
            editor,
            draft: Rc::from(""),
            draft_title: Rc::from(""),
            notice: None,
            dialog: None,
            storage: StorageStatus::Ok,
            focused: None,
            armed: None,
            snap: true,
            details: false,
            help: false,
            disclosed: Disclosed::default(),
            find: FindState::default(),
            find_pick: FindPick::default(),
            review: ReviewSlice::default(),
            transfer: TransferState::default(),
            schema: SchemaState::default(),
            qualify: QualifyState::default(),
            link: None,
            relation: None,
            retype: Default::default(),
            caret: None,
            redraws: 0,
        }
    }
}

/// The home screen's small panels behind a button.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Small {
    Storage,
    Settings,
}

/// Which of them are open (each apart from the other).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Disclosed {
    storage: bool,
    settings: bool,
}

impl Disclosed {
    pub fn is_open(self, which: Small) -> bool {
        match which {
            Small::Storage => self.storage,
            Small::Settings => self.settings,
        }
    }

    fn set(&mut self, which: Small, open: bool) {
        match which {
            Small::Storage => self.storage = open,
            Small::Settings => self.settings = open,
        }
    }
}

#[derive(Clone, Debug)]
pub enum Action {
    /// The paste box changed by typing: its new (line-break normalised) value.
    DraftInput(String),
    /// The paste box's new content, exact (after a paste).
    DraftSet(String),
    DraftTitle(String),
    /// Turn the draft into the document.
    Start,
    /// Close the article (asks first when it has spans).
    NewArticle,
    /// Changes nothing a person sees: the page draws the same state again, so that comparing
    /// each panel's props (code a first draw never runs) runs before the first edit, and the
    /// article, its relations layer and the toolbar draw again with the same document, as
    /// after an edit ([`AppState::redraws`]; `view/warm.rs`).
    WarmUp,
    /// Label the selection between two code point positions.
    LabelSelection {
        label: LabelId,
        anchor: usize,
        focus: usize,
    },
    /// Tell the user a label key was pressed with nothing selected.
    NothingSelected,
    Relabel {
        id: SpanId,
        label: LabelId,
    },
    Delete(SpanId),
    Undo,
    Redo,
    Focus(Option<SpanId>),
    /// Files picked or dropped for import (`kind` overrides detection; `open` opens the first
    /// document once stored: an import from inside a document).
    ImportFiles {
        files: Files,
        kind: Option<FormatKind>,
        open: bool,
    },
    /// The worker read the files of an import: what they hold.
    BatchRead {
        incoming: Box<Incoming>,
        summary: crate::tasks::BatchSummary,
    },
    /// Take the offset conversion the pending import offers.
    ImportRepair,
    /// Read the tables of the pending import with this text column.
    ImportColumn(String),
    /// Leave out (or keep) documents whose text the corpus already holds.
    ImportSkipDuplicates(bool),
    /// The worker stored an import's documents: their records, the schema as it now is
    /// (JSON) and the labels added to it.
    /// Documents stored: their records (or fewer, see `tasks::RECORDS_AT_MOST`), how many
    /// there are, their spans, the first one's id.
    BatchStored {
        records: Vec<DocRecord>,
        count: usize,
        spans: usize,
        first: Option<String>,
        schema: String,
        added: Vec<String>,
        open: bool,
    },
    /// How far the worker's current work is.
    TransferProgress(Progress),
    /// The worker could not do what it was asked: why.
    TransferFailed(String),
    /// Open (and count) or close the statistics panel.
    ShowStats(bool),
    /// The worker counted the statistics.
    StatsCounted(crate::corpus::stats::Stats),
    /// Open the dataset export dialog.
    ExportDialog,
    /// The export dialog's choices changed.
    ExportChoose(ExportChoice),
    /// The open document in another format, or with UTF-16 offsets.
    ExportOpen {
        kind: FormatKind,
        utf16: bool,
    },
    /// An export was written and downloaded.
    Exported {
        names: Vec<String>,
        notes: Vec<String>,
        counts: [usize; 3],
        kind: FormatKind,
    },
    /// A file could not be read at all.
    ImportUnreadable {
        file: String,
        why: String,
    },
    /// Go ahead with what the open dialog asks about (import, discard).
    Confirm,
    /// Close the open dialog; nothing changes.
    Cancel,
    /// How the last write to browser storage went.
    StorageResult(Result<(), String>),
    /// A message from a callback (export done, download failed).
    Notify(Notice),
    Dismiss,
    /// Arm a label for every selection to come, or disarm (`None`).
    Arm(Option<LabelId>),
    /// Escape: clear the focused span, an armed label, open details and help.
    Escape,
    ToggleDetails,
    Help(bool),
    /// Open or close one of the home screen's small panels.
    Disclose(Small, bool),
    /// Word snapping on or off.
    Snap(bool),
    /// Move one end of the focused span by one step (keyboard).
    ResizeFocused {
        edge: Edge,
        step: Step,
        dir: Dir,
    },
    /// Give a span a new range (a handle dragged with the mouse).
    ResizeTo {
        id: SpanId,
        range: CharRange,
    },
    /// The Find box's query changed.
    FindQuery(Query),
    /// Step to the next or previous hit.
    FindStep(Dir),
    /// The Find bar's label or attribute value for its hits changed.
    FindPick(FindPick),
    /// Label every hit (`all`) or the current one, in one undoable step, each new span
    /// carrying `attrs`.
    FindLabel {
        label: LabelId,
        attrs: crate::model::Attrs,
        all: bool,
    },
    /// The store's records were read: every document (and how many could not be read).
    ListLoaded {
        records: Vec<DocRecord>,
        unreadable: usize,
    },
    /// Records as now stored (written by this tab, or read again after another tab's news).
    RecordsStored(Vec<DocRecord>),
    /// Documents deleted for good.
    RecordsGone(Vec<String>),
    /// The store is open.
    StoreReady,
    /// The corpus's label set (read, or grown by new documents' labels: those names).
    Schema {
        labels: LabelSet,
        added: Vec<String>,
    },
    /// The schema as stored, read again with the list (another tab may have edited it).
    SchemaRead(LabelSet),
    /// Open or close the Labels panel.
    LabelsPanel(bool),
    /// Edit the corpus's label schema (a delete of a used label asks first).
    EditSchema(crate::corpus::schema::SchemaEdit),
    /// The worker rewrote the stored documents for a schema edit: their records, and the
    /// spans a delete removed (per document, stored JSON).
    Relabelled {
        records: Vec<DocRecord>,
        removed: Vec<(String, Vec<String>)>,
    },
    /// Put the last deleted label back, with its spans.
    UndoDeleteLabel,
    /// A job of `CorpusState::jobs` has been carried out (its results come as other actions).
    JobDone(u64),
    /// Store work failed: the message says why.
    JobFailed(String),
    /// Reread the whole list (another tab changed many documents).
    LoadList,
    /// Reread one document's record (another tab changed it).
    RefreshRecord(String),
    SetQuery(ListQuery),
    Select {
        id: String,
        on: bool,
    },
    /// Select every row shown, or none.
    SelectAll(bool),
    /// The list row the keyboard is on.
    ListCursor(usize),
    OpenDocument(String),
    /// A document was read from the store.
    DocumentOpened {
        id: String,
        editor: Editor,
        /// Its record as read with it.
        record: Box<DocRecord>,
        unreadable: usize,
    },
    BackToList,
    /// Open the next or previous document of the list as shown.
    StepDocument(Dir),
    /// The open document's status.
    SetStatus(Status),
    /// Mark the open document done and open the next.
    DoneAndNext,
    /// Change documents' status or bin mark without opening them.
    ChangeDocuments {
        ids: Vec<String>,
        change: Change,
    },
    /// Delete documents for good (from the bin; asks first).
    DeleteForGood(Vec<String>),
    /// Undo the last move to the bin.
    UndoBin,
    /// Search the texts for the list's search.
    SearchTexts,
    /// The documents whose text holds a search (read from the store).
    TextHits {
        search: String,
        ids: std::collections::BTreeSet<String>,
    },
    /// Show the paste box for a new document (or hide it).
    Paste(bool),
    /// How the last write of the open document went.
    Saved(Saving),
    /// The review screen, layers and the agreement panel (`review.rs`, `agreement.rs`).
    Review(ReviewAction),
    /// The attribute picker, the note editor and what they set (`qualify.rs`).
    Qualify(QualifyAction),
    /// Relations: link, unlink, the relation in focus (`link.rs`).
    Link(LinkAction),
    /// Edit the schema's relation types (`relation_types.rs`).
    EditRelationTypes(crate::corpus::relation_types::TypeEdit),
    /// Keep the relation type a delete asked about.
    CancelRetype,
    /// The worker counted (or removed) the relations of deleted types, or renamed a type:
    /// how many in how many documents, and the records it rewrote.
    Retyped {
        removed: usize,
        documents: usize,
        records: Vec<DocRecord>,
    },
    /// Panics inside the reducer: lets the tests prove that a panic never freezes the page
    /// or touches stored work. Debug builds only.
    #[cfg(debug_assertions)]
    DebugPanic,
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let _m = crate::browser::perf::measure("reduce");
        let mut s = (*self).clone();
        s.apply(action);
        Rc::new(s)
    }
}

impl AppState {
    /// The document the article shows: the open document, or on the review screen its gold.
    pub fn doc(&self) -> &Document {
        match (&self.screen, &self.review.open) {
            (Screen::Review, Some(o)) => o.review.gold(),
            _ => self.editor.doc(),
        }
    }

    /// True when the app shows the paste box rather than an article.
    pub fn pasting(&self) -> bool {
        self.doc().text().is_empty()
    }

    /// The dispatch table: the actions of a typical visit here, the rest in [`Self::apply_rest`].
    pub fn apply(&mut self, action: Action) {
        // On the review screen the article's actions edit gold (the review page's reducer).
        let Some(action) = (crate::view::pages::pages().review_takes)(self, action) else {
            return;
        };
        match action {
            Action::DraftInput(value) => self.draft_input(&value),
            Action::DraftSet(d) => self.draft = Rc::from(d.as_str()),
            Action::DraftTitle(t) => self.draft_title = Rc::from(t.as_str()),
            Action::Start => self.start(),
            Action::NewArticle => self.new_article(),
            Action::WarmUp => self.redraws += 1,
            Action::LabelSelection {
                label,
                anchor,
                focus,
            } => self.label_selection(label, anchor, focus),
            Action::NothingSelected => self.refused(crate::model::Refusal::EmptySelection),
            Action::Relabel { id, label } => self.relabel(&id, label),
            Action::Delete(id) => self.delete(&id),
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::Focus(id) => self.focus(id),
            Action::Confirm => self.confirm(),
            Action::Cancel => self.cancel(),
            Action::StorageResult(r) => self.storage_result(r),
            Action::Notify(n) => self.notice = Some(n),
            Action::Dismiss => self.notice = None,
            Action::Arm(label) => self.arm(label),
            Action::Escape => self.escape(),
            Action::ResizeFocused { edge, step, dir } => self.resize_focused(edge, step, dir),
            Action::ListLoaded {
                records,
                unreadable,
            } => self.list_loaded(records, unreadable),
            Action::RecordsStored(records) => self.records_stored(records),
            Action::RecordsGone(ids) => self.records_gone(&ids),
            Action::StoreReady => self.corpus.ready = true,
            Action::SchemaRead(labels) => self.schema_read(labels),
            Action::JobDone(serial) => self.corpus_job_done(serial),
            Action::LoadList => self.load_list(),
            Action::RefreshRecord(id) => self.refresh_record(id),
            Action::ListCursor(row) => self.list_cursor(row),
            Action::OpenDocument(id) => self.open_document(id),
            Action::DocumentOpened {
                id,
                editor,
                record,
                unreadable,
            } => self.document_opened(id, editor, *record, unreadable),
            Action::BackToList => self.back_to_list(),
            Action::StepDocument(dir) => self.step_document(dir),
            Action::SetStatus(status) => self.set_status(status),
            Action::DoneAndNext => self.done_and_next(),
            Action::Paste(on) => self.show_paste(on),
            Action::Saved(saving) => self.saved(saving),
            #[cfg(debug_assertions)]
            Action::DebugPanic => panic!("a panic asked for by Action::DebugPanic"),

            other => self.apply_rest(other),
        }
    }

    /// The actions a typical visit does not take (imports, exports, the schema, Find,
    /// relations, attributes, corpus jobs), kept out of [`Self::apply`] so that they compile to
    /// a function of their own: one the split of the page's wasm (`scripts/split.sh`) leaves
    /// to the part loaded after the first screen.
    #[inline(never)]
    fn apply_rest(&mut self, action: Action) {
        match action {
            Action::ImportFiles { files, kind, open } => self.import_files(files, kind, open),
            Action::BatchRead { incoming, summary } => self.batch_read(*incoming, summary),
            Action::ImportRepair => self.import_repair(),
            Action::ImportColumn(c) => self.import_choice(|i| {
                i.text_column = Some(c);
                i.repair = false;
                true
            }),
            Action::ImportSkipDuplicates(on) => self.import_choice(|i| {
                i.skip_duplicates = on;
                false
            }),
            Action::BatchStored {
                records,
                count,
                spans,
                first,
                schema,
                added,
                open,
            } => self.batch_stored(records, [count, spans], first, &schema, added, open),
            Action::TransferProgress(p) => self.transfer_progress(p),
            Action::TransferFailed(why) => self.transfer_failed(why),
            Action::ShowStats(open) => self.show_stats(open),
            Action::StatsCounted(stats) => self.stats_counted(stats),
            Action::ExportDialog => self.export_dialog(),
            Action::ExportChoose(c) => self.export_choice(c),
            Action::ExportOpen { kind, utf16 } => self.export_open(kind, utf16),
            Action::Exported {
                names,
                notes,
                counts,
                kind,
            } => self.exported(&names, &notes, counts, kind),
            Action::ImportUnreadable { file, why } => self.import_unreadable(file, why),
            Action::ToggleDetails => self.details = self.focused.is_some() && !self.details,
            Action::Help(open) => self.help = open,
            Action::Disclose(which, open) => self.disclosed.set(which, open),
            Action::Snap(on) => self.snap(on),
            Action::ResizeTo { id, range } => self.resize_to(&id, range),
            Action::FindQuery(q) => self.find_query(q),
            Action::FindStep(dir) => self.find_step(dir),
            Action::FindPick(pick) => self.find_pick = pick,
            Action::FindLabel { label, attrs, all } => self.find_label(label, &attrs, all),
            Action::Schema { labels, added } => self.schema(labels, added),
            Action::LabelsPanel(open) => self.labels_panel(open),
            Action::EditSchema(edit) => self.edit_schema(edit),
            Action::Relabelled { records, removed } => self.relabelled(records, removed),
            Action::UndoDeleteLabel => self.undo_delete_label(),
            Action::JobFailed(why) => self.job_failed(why),
            Action::SetQuery(q) => self.set_query(q),
            Action::Select { id, on } => self.select(id, on),
            Action::SelectAll(on) => self.select_all(on),
            Action::ChangeDocuments { ids, change } => self.change_documents(ids, change),
            Action::DeleteForGood(ids) => self.delete_for_good(ids),
            Action::UndoBin => self.undo_bin(),
            Action::TextHits { search, ids } => self.text_hits(search, ids),
            Action::SearchTexts => self.search_texts(),
            Action::Review(a) => self.review_action(a),
            Action::Qualify(a) => self.qualify(a),
            Action::Link(a) => self.link_action(a),
            Action::EditRelationTypes(e) => self.edit_relation_types(e),
            Action::CancelRetype => self.retype.asking = None,
            Action::Retyped {
                removed,
                documents,
                records,
            } => self.retyped(removed, documents, records),
            // Taken by `apply`; listed so that a new action must be placed in one of the two.
            Action::DraftInput(..)
            | Action::DraftSet(..)
            | Action::DraftTitle(..)
            | Action::Start
            | Action::NewArticle
            | Action::WarmUp
            | Action::LabelSelection { .. }
            | Action::NothingSelected
            | Action::Relabel { .. }
            | Action::Delete(..)
            | Action::Undo
            | Action::Redo
            | Action::Focus(..)
            | Action::Confirm
            | Action::Cancel
            | Action::StorageResult(..)
            | Action::Notify(..)
            | Action::Dismiss
            | Action::Arm(..)
            | Action::Escape
            | Action::ResizeFocused { .. }
            | Action::ListLoaded { .. }
            | Action::RecordsStored(..)
            | Action::RecordsGone(..)
            | Action::StoreReady
            | Action::SchemaRead(..)
            | Action::JobDone(..)
            | Action::LoadList
            | Action::RefreshRecord(..)
            | Action::ListCursor(..)
            | Action::OpenDocument(..)
            | Action::DocumentOpened { .. }
            | Action::BackToList
            | Action::StepDocument(..)
            | Action::SetStatus(..)
            | Action::DoneAndNext
            | Action::Paste(..)
            | Action::Saved(..) => unreachable!(),
            #[cfg(debug_assertions)]
            Action::DebugPanic => unreachable!(),
        }
    }

    /// After the document changed: Find follows a new text, and focus lets go of a span
    /// that is gone.
    fn changed(&mut self) {
        // A new document with spans is in progress.
        self.corpus.status = self.corpus.status.after_edit(self.doc().spans().len());
        if let Some(find) = self.find.refreshed(&self.editor) {
            self.find = find;
        }
        if let Some(id) = &self.focused {
            if !self.doc().spans().contains_id(id) {
                self.focused = None;
                self.details = false;
            }
        }
        self.relations_changed();
    }

    fn refused(&mut self, r: crate::model::Refusal) {
        self.error(&messages::sentence(&r.to_string()));
    }

    fn error(&mut self, msg: &str) {
        self.notice = Some(Notice::Error(msg.to_string()));
    }

    fn info(&mut self, msg: impl Into<String>) {
        self.notice = Some(Notice::Info(msg.into()));
    }
}

#[cfg(test)]
mod tests;
