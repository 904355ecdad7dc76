//! The app state and its reducer: every user action becomes an [`Action`], and [`AppState::apply`]
//! is a dispatch table whose arms are one call each, into the model (`model::Editor`), the
//! format layer (`format::workflow`) or one of this folder's slices: the article's edits
//! (`edit.rs`), imports and discarding (`import.rs`), the stored copy and other tabs
//! (`stored.rs`), Find (`find.rs`), and the wording of messages (`messages.rs`). No I/O
//! happens here; storage, files and the DOM selection are read or written by callbacks and
//! effects in the components (through `crate::browser`).

mod edit;
pub mod find;
mod import;
pub mod messages;
mod stored;

use std::rc::Rc;

use yew::Reducible;

pub use self::find::FindState;
pub use self::import::{Dialog, PendingImport};
pub use self::messages::{clip, plural};
use crate::format::FormatKind;
use crate::model::caret::{Dir, Edge, Step};
use crate::model::find::Query;
use crate::model::{CharRange, Document, Editor, LabelId, SpanId};

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
    pub editor: Editor,
    /// The paste box, exactly as pasted (see `model::draft`).
    pub draft: Rc<str>,
    pub draft_title: Rc<str>,
    pub notice: Option<Notice>,
    /// A question or report waiting for the user (an import, discarding work, a conflict).
    pub dialog: Option<Rc<Dialog>>,
    pub storage: StorageStatus,
    /// The editor revision that was read from storage (at start-up, or another tab's
    /// version): the save effect does not write it back, so two tabs never echo each other.
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
    /// The Find box: query, hits and the current hit.
    pub find: FindState,
}

impl Default for AppState {
    fn default() -> Self {
        let editor = Editor::default();
        AppState {
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
            find: FindState::default(),
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
    /// Files were read for import: `(name, content)`, the first one the main file (brat and
    /// W3C may bring the article text as a second file). `kind` overrides detection.
    ImportRead {
        files: Vec<(String, String)>,
        kind: Option<FormatKind>,
    },
    /// Take the offset conversion the pending import offers.
    ImportRepair,
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
    /// Another tab saved a newer version before this tab's change could be saved: this
    /// tab's change was not written.
    StorageConflict,
    /// The stored version, read after another tab saved it (or chosen in the conflict
    /// dialog): native JSON. This tab shows it; Undo brings this tab's version back.
    AdoptStored(String),
    /// A message from a callback (export done, download failed).
    Notify(Notice),
    Dismiss,
    /// Arm a label for every selection to come, or disarm (`None`).
    Arm(Option<LabelId>),
    /// Escape: clear the focused span, an armed label, open details and help.
    Escape,
    ToggleDetails,
    Help(bool),
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
    /// Label every hit (`all`) or the current one, in one undoable step.
    FindLabel {
        label: LabelId,
        all: bool,
    },
    /// Panics inside the reducer: lets the tests prove that a panic never freezes the page
    /// or touches stored work. Debug builds only.
    #[cfg(debug_assertions)]
    DebugPanic,
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        s.apply(action);
        Rc::new(s)
    }
}

impl AppState {
    pub fn doc(&self) -> &Document {
        self.editor.doc()
    }

    /// True when the app shows the paste box rather than an article.
    pub fn pasting(&self) -> bool {
        self.doc().text().is_empty()
    }

    /// The dispatch table.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::DraftInput(value) => self.draft_input(&value),
            Action::DraftSet(d) => self.draft = Rc::from(d.as_str()),
            Action::DraftTitle(t) => self.draft_title = Rc::from(t.as_str()),
            Action::Start => self.start(),
            Action::NewArticle => self.new_article(),
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
            Action::ImportRead { files, kind } => self.import_read(&files, kind),
            Action::ImportRepair => self.import_repair(),
            Action::ImportUnreadable { file, why } => self.import_unreadable(file, why),
            Action::Confirm => self.confirm(),
            Action::Cancel => self.cancel(),
            Action::StorageResult(r) => self.storage_result(r),
            Action::StorageConflict => self.storage_conflict(),
            Action::AdoptStored(content) => self.adopt_stored(&content),
            Action::Notify(n) => self.notice = Some(n),
            Action::Dismiss => self.notice = None,
            Action::Arm(label) => self.arm(label),
            Action::Escape => self.escape(),
            Action::ToggleDetails => self.details = self.focused.is_some() && !self.details,
            Action::Help(open) => self.help = open,
            Action::Snap(on) => self.snap(on),
            Action::ResizeFocused { edge, step, dir } => self.resize_focused(edge, step, dir),
            Action::ResizeTo { id, range } => self.resize_to(&id, range),
            Action::FindQuery(q) => self.find_query(q),
            Action::FindStep(dir) => self.find_step(dir),
            Action::FindLabel { label, all } => self.find_label(label, all),
            #[cfg(debug_assertions)]
            Action::DebugPanic => panic!("a panic asked for by Action::DebugPanic"),
        }
    }

    /// After the document changed: Find follows a new text, and focus lets go of a span
    /// that is gone.
    fn changed(&mut self) {
        if let Some(find) = self.find.refreshed(&self.editor) {
            self.find = find;
        }
        if let Some(id) = &self.focused {
            if !self.doc().spans().contains_id(id) {
                self.focused = None;
                self.details = false;
            }
        }
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
