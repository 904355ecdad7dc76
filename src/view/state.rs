//! The app state and its reducer: every user action becomes an [`Action`], and `reduce` is a
//! short call into the model. No I/O happens here; storage, files and the DOM selection are
//! read or written by callbacks and effects in the components (through `crate::browser`).

use std::rc::Rc;

use yew::Reducible;

use crate::format::native::{self, Imported};
use crate::format::{detect, import_as, FormatKind};
use crate::model::caret::{resize, Dir, Edge, Step};
use crate::model::find::{find_all, label_all_preview, Query};
use crate::model::text::ArticleText;
use crate::model::title::derive_title;
use crate::model::{draft, CharRange, Document, Editor, LabelId, LabelSet, Refusal, SpanId};

/// The largest article accepted, in UTF-8 bytes. Browser storage holds about 5 MB per site,
/// and the document must fit there with its annotations.
pub const MAX_TEXT_BYTES: usize = 1_000_000;

/// The largest import file (all files together): an article at the limit with many spans.
pub const MAX_IMPORT_BYTES: usize = 12 * MAX_TEXT_BYTES;

/// A message to the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// Something happened as asked; read out politely.
    Info(String),
    /// Something was refused or failed; read out at once.
    Error(String),
}

/// An import waiting for the user's decision.
#[derive(Clone, Debug)]
pub enum PendingImport {
    /// The file cannot be imported at all.
    Failed { file: String, why: String },
    /// The file can be imported, but the user must agree first: some annotations have
    /// problems, or the current article has annotations that it would replace.
    Confirm {
        file: String,
        imported: Box<Imported>,
        replaces: usize,
    },
}

/// Whether the last save to browser storage worked.
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
    /// Shared so the dialog's props compare by pointer.
    pub import: Option<Rc<PendingImport>>,
    pub storage: StorageStatus,
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
    /// Counts changes to the document; the save effect runs when it moves.
    pub revision: u64,
}

impl PartialEq for AppState {
    fn eq(&self, other: &Self) -> bool {
        // Each reduce makes a new state; identity is enough for Yew's change detection.
        std::ptr::eq(self, other)
    }
}

impl Default for AppState {
    fn default() -> Self {
        AppState {
            editor: Editor::default(),
            draft: Rc::from(""),
            draft_title: Rc::from(""),
            notice: None,
            import: None,
            storage: StorageStatus::Ok,
            focused: None,
            armed: None,
            snap: true,
            details: false,
            help: false,
            find: FindState::default(),
            revision: 0,
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
    /// Back to an empty paste box; the article goes into the undo history.
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
    ImportAccept,
    ImportCancel,
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
}

/// The Find box's state. Hits are code point ranges of the current text, in text order;
/// `block_hits` holds each block's share, pointer-stable where unchanged, for the blocks' props.
#[derive(Clone, Debug, Default)]
pub struct FindState {
    pub query: Query,
    pub hits: Rc<[CharRange]>,
    pub block_hits: Rc<[Rc<[CharRange]>]>,
    pub current: Option<usize>,
    pub error: Option<String>,
    /// The text the hits belong to (its address), to redo the search after an import.
    text: usize,
}

impl FindState {
    fn search(query: Query, text: &Rc<ArticleText>) -> FindState {
        let (hits, error) = match find_all(text, &query) {
            Ok(h) => (h, None),
            Err(e) => (Vec::new(), Some(capitalise(&e.to_string()))),
        };
        let empty: Rc<[CharRange]> = Rc::from(Vec::new());
        let block_hits = text
            .blocks()
            .iter()
            .map(|b| {
                let first = hits.partition_point(|h| h.end() <= b.chars.start());
                let last = hits.partition_point(|h| h.start() < b.chars.end());
                if first >= last {
                    empty.clone()
                } else {
                    Rc::from(&hits[first..last])
                }
            })
            .collect::<Vec<_>>();
        let current = (!hits.is_empty()).then_some(0);
        FindState {
            query,
            hits: Rc::from(hits),
            block_hits: Rc::from(block_hits),
            current,
            error,
            text: Rc::as_ptr(text) as usize,
        }
    }

    /// The current hit.
    pub fn current_hit(&self) -> Option<CharRange> {
        self.current.and_then(|i| self.hits.get(i).copied())
    }

    /// The hits of block `i` (empty when the search is for another text).
    pub fn block(&self, i: usize) -> Option<Rc<[CharRange]>> {
        self.block_hits.get(i).cloned()
    }
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
    /// The state at start-up, from what storage held (read by the caller), and whether the
    /// stored document was unreadable (the caller keeps a copy of it aside).
    pub fn restored(saved_doc: Option<&str>, saved_draft: Option<String>) -> (AppState, bool) {
        let mut s = AppState::default();
        let mut unreadable = false;
        if let Some(d) = saved_draft {
            s.draft = Rc::from(d.as_str());
        }
        if let Some(content) = saved_doc {
            match native::import(content) {
                Ok(imported) => {
                    s.editor = Editor::new(imported.doc);
                    if !imported.problems.is_empty() {
                        s.notice = Some(Notice::Error(format!(
                            "Some saved annotations could not be restored: {}",
                            join_problems(&imported.problems)
                        )));
                    }
                }
                Err(e) => {
                    unreadable = true;
                    s.notice = Some(Notice::Error(format!(
                        "Your saved work could not be read ({e}). It has been kept in browser storage under \
                         \"article-annotator/recovered\"; nothing was deleted."
                    )))
                }
            }
        }
        (s, unreadable)
    }

    pub fn doc(&self) -> &Document {
        self.editor.doc()
    }

    /// True when the app shows the paste box rather than an article.
    pub fn pasting(&self) -> bool {
        self.doc().text().is_empty()
    }

    fn changed(&mut self) {
        self.revision += 1;
        let text = self.doc().text_rc();
        if self.find.text != Rc::as_ptr(&text) as usize && !self.find.query.pattern.is_empty() {
            self.find = FindState::search(self.find.query.clone(), &text);
        }
        if let Some(id) = &self.focused {
            if !self.doc().spans().contains_id(id) {
                self.focused = None;
                self.details = false;
            }
        }
    }

    /// The span after (or before) the focused one in text order. With none focused: forward,
    /// the first span that has not ended before the caret (so a span just made, with the
    /// caret at its end, comes first); back, the last span that starts before the caret.
    pub fn neighbour_span(&self, caret: Option<usize>, dir: Dir) -> Option<SpanId> {
        let spans = self.doc().spans().as_slice();
        let found = match (&self.focused, caret.unwrap_or(0)) {
            (Some(id), _) => {
                let i = self.doc().spans().position(id)?;
                match dir {
                    Dir::Forward => spans.get(i + 1),
                    Dir::Back => i.checked_sub(1).and_then(|j| spans.get(j)),
                }
            }
            (None, at) => match dir {
                Dir::Forward => spans.iter().find(|s| s.end() >= at),
                Dir::Back => spans.iter().rev().find(|s| s.start() < at),
            },
        };
        found.map(|s| s.id().clone())
    }

    fn refused(&mut self, r: Refusal) {
        self.notice = Some(Notice::Error(capitalise(&r.to_string())));
    }

    fn info(&mut self, msg: impl Into<String>) {
        self.notice = Some(Notice::Info(msg.into()));
    }

    fn outcome(&mut self, result: Result<(), Refusal>, done: impl FnOnce(&AppState) -> String) {
        match result {
            Ok(()) => {
                self.changed();
                let msg = done(self);
                self.info(msg);
            }
            Err(r) => self.refused(r),
        }
    }

    pub fn apply(&mut self, action: Action) {
        match action {
            Action::DraftInput(value) => {
                self.draft = Rc::from(draft::reconcile(&self.draft, &value).as_str())
            }
            Action::DraftSet(d) => self.draft = Rc::from(d.as_str()),
            Action::DraftTitle(t) => self.draft_title = Rc::from(t.as_str()),
            Action::Start => self.start(),
            Action::NewArticle => {
                self.editor.replace_document(Document::empty());
                self.focused = None;
                self.changed();
                self.info("The article was closed. Undo brings it back.");
            }
            Action::LabelSelection {
                label,
                anchor,
                focus,
            } => match self.editor.label_selection(label, anchor, focus, self.snap) {
                Ok(id) => {
                    self.changed();
                    let msg = self.describe(&id, "Added");
                    self.info(msg);
                }
                Err(r) => self.refused(r),
            },
            Action::NothingSelected => self.refused(Refusal::EmptySelection),
            Action::Relabel { id, label } => {
                let r = self.editor.relabel(&id, label);
                self.outcome(r, |s| s.describe(&id, "Relabelled"));
            }
            Action::Delete(id) => {
                let what = self.describe(&id, "Deleted");
                let r = self.editor.delete(&id);
                self.outcome(r, |_| what);
            }
            Action::Undo => {
                let r = self.editor.undo();
                self.outcome(r, |_| "Undone.".into());
            }
            Action::Redo => {
                let r = self.editor.redo();
                self.outcome(r, |_| "Redone.".into());
            }
            Action::Focus(id) => {
                if let Some(i) = &id {
                    let msg = self.describe(i, "Focused");
                    self.info(msg);
                } else {
                    self.details = false;
                }
                self.focused = id;
            }
            Action::ImportRead { files, kind } => self.import_read(&files, kind),
            Action::ImportRepair => {
                if let Some(pending) = self.import.take() {
                    if let PendingImport::Confirm {
                        file,
                        imported,
                        replaces,
                    } = &*pending
                    {
                        if let Some(repair) = &imported.repair {
                            let fixed = (*repair.imported_if_applied).clone();
                            let replaces = *replaces;
                            self.info(format!("Offsets converted: {}.", repair.unit_found));
                            self.import = Some(Rc::new(PendingImport::Confirm {
                                file: file.clone(),
                                imported: Box::new(fixed),
                                replaces,
                            }));
                            return;
                        }
                    }
                    self.import = Some(pending);
                }
            }
            Action::ImportUnreadable { file, why } => {
                self.import = Some(Rc::new(PendingImport::Failed { file, why }))
            }
            Action::ImportAccept => {
                if let Some(pending) = self.import.take() {
                    if let PendingImport::Confirm { file, imported, .. } = &*pending {
                        self.finish_import(file, (**imported).clone());
                    }
                }
            }
            Action::ImportCancel => {
                if self.import.take().is_some() {
                    self.info("Import cancelled; nothing was changed.");
                }
            }
            Action::StorageResult(r) => {
                self.storage = match r {
                    Ok(()) => StorageStatus::Ok,
                    Err(e) => StorageStatus::Failed(e),
                }
            }
            Action::Notify(n) => self.notice = Some(n),
            Action::Dismiss => self.notice = None,
            Action::Arm(label) => {
                self.armed = label;
                self.info(match label {
                    Some(l) => format!(
                        "{} is armed: every selection you make gets it. Press its key again or Escape to stop.",
                        self.doc().labels().name(l)
                    ),
                    None => "No label armed.".into(),
                });
            }
            Action::Escape => {
                if self.help {
                    self.help = false;
                } else {
                    self.focused = None;
                    self.details = false;
                    if self.armed.take().is_some() {
                        self.info("No label armed.");
                    }
                }
            }
            Action::ToggleDetails => self.details = self.focused.is_some() && !self.details,
            Action::Help(open) => self.help = open,
            Action::Snap(on) => {
                self.snap = on;
                self.info(if on {
                    "Selections snap to whole words."
                } else {
                    "Selections keep their exact characters."
                });
            }
            Action::ResizeFocused { edge, step, dir } => {
                let Some(span) = self
                    .focused
                    .as_ref()
                    .and_then(|id| self.doc().spans().get(id))
                    .cloned()
                else {
                    return;
                };
                match resize(self.doc().text(), span.range(), edge, step, dir) {
                    Some(range) => {
                        let r = self.editor.resize(span.id(), range);
                        self.outcome(r, |s| s.describe(span.id(), "Resized"));
                    }
                    None => self
                        .refused_text("A span cannot shrink to nothing or reach past the article."),
                }
            }
            Action::FindQuery(q) => self.find = FindState::search(q, &self.doc().text_rc()),
            Action::FindStep(dir) => {
                let n = self.find.hits.len();
                if n > 0 {
                    let i = self.find.current.unwrap_or(0);
                    self.find.current = Some(match dir {
                        Dir::Forward => (i + 1) % n,
                        Dir::Back => (i + n - 1) % n,
                    });
                    let msg = format!("Hit {} of {n}.", self.find.current.unwrap_or(0) + 1);
                    self.info(msg);
                }
            }
            Action::FindLabel { label, all } => {
                let ranges: Vec<CharRange> = if all {
                    self.find.hits.to_vec()
                } else {
                    self.find.current_hit().into_iter().collect()
                };
                let (create, skip) = label_all_preview(self.doc(), label, &ranges);
                match self.editor.add_spans(label, &ranges) {
                    Ok(0) => self.refused_text(&format!(
                        "Nothing to label: every hit is already labelled {}.",
                        self.doc().labels().name(label)
                    )),
                    Ok(n) => {
                        self.changed();
                        let name = self.doc().labels().name(label).to_string();
                        self.info(format!(
                            "Labelled {n} hit{} as {name}{}. One Undo takes {} back.",
                            plural(n),
                            if skip > 0 {
                                format!(" ({skip} already were)")
                            } else {
                                String::new()
                            },
                            if n == 1 { "it" } else { "them all" }
                        ));
                        debug_assert_eq!(n, create);
                    }
                    Err(r) => self.refused(r),
                }
            }
            Action::ResizeTo { id, range } => {
                let r = self.editor.resize(&id, range);
                self.outcome(r, |s| s.describe(&id, "Resized"));
            }
        }
    }

    fn start(&mut self) {
        let text = self.draft.to_string();
        if text.trim().is_empty() {
            return self.refused_text("Paste or type the article first.");
        }
        if text.len() > MAX_TEXT_BYTES {
            return self.refused_text(&too_long(text.len()));
        }
        let title = match self.draft_title.trim() {
            "" => derive_title(&text),
            t => t.to_string(),
        };
        self.editor
            .replace_document(Document::new(&title, &text, LabelSet::standard()));
        self.focused = None;
        self.changed();
        self.info("Select text in the article, then press a label key or button.");
    }

    fn refused_text(&mut self, msg: &str) {
        self.notice = Some(Notice::Error(msg.to_string()));
    }

    fn import_read(&mut self, files: &[(String, String)], kind: Option<FormatKind>) {
        let Some((_, content)) = files.first() else {
            return;
        };
        let file = files
            .iter()
            .map(|(n, _)| n.as_str())
            .collect::<Vec<_>>()
            .join(" + ");
        let failed = |why: String| {
            Some(Rc::new(PendingImport::Failed {
                file: file.clone(),
                why,
            }))
        };
        let size: usize = files.iter().map(|(_, c)| c.len()).sum();
        if size > MAX_IMPORT_BYTES {
            self.import = failed(import_too_big(size));
            return;
        }
        // A .json file that is not JSON at all is best reported as broken JSON.
        let by_name = || {
            files[0]
                .0
                .to_ascii_lowercase()
                .ends_with(".json")
                .then_some(FormatKind::Native)
        };
        let Some(kind) = kind
            .or_else(|| detect(&files[0].0, content))
            .or_else(by_name)
        else {
            let why = "its format could not be recognised; choose the format under “Import format” and try again".to_string();
            self.import = failed(why);
            return;
        };
        match import_as(kind, files) {
            Err(e) => self.import = failed(format!("{e} (read as {})", kind.name())),
            Ok(imported) if imported.doc.text().as_str().len() > MAX_TEXT_BYTES => {
                self.import = failed(too_long(imported.doc.text().as_str().len()));
            }
            Ok(imported) => {
                let replaces = self.doc().spans().len();
                let clean = imported.problems.is_empty()
                    && imported.notes.is_empty()
                    && imported.repair.is_none();
                if clean && replaces == 0 {
                    self.finish_import(&file, imported);
                } else {
                    self.import = Some(Rc::new(PendingImport::Confirm {
                        file,
                        imported: Box::new(imported),
                        replaces,
                    }));
                }
            }
        }
    }

    fn finish_import(&mut self, file: &str, imported: Imported) {
        let n = imported.doc.spans().len();
        self.editor.replace_document(imported.doc);
        self.focused = None;
        self.import = None;
        self.changed();
        self.info(format!(
            "Imported {file}: {n} annotation{}. Undo brings back what was there before.",
            plural(n)
        ));
    }

    /// "Added Entity “Elsever Mammadov”", for the status line.
    fn describe(&self, id: &SpanId, verb: &str) -> String {
        let d = self.doc();
        match d.spans().get(id) {
            Some(s) => format!(
                "{verb} {} “{}”.",
                d.labels().name(s.label()),
                clip(d.covered(s), 80)
            ),
            None => format!("{verb}."),
        }
    }
}

pub fn join_problems(problems: &[native::Problem]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

fn too_long(bytes: usize) -> String {
    format!(
        "This article is {}; Article Annotator takes articles up to {}. Split it into parts and annotate them one by one.",
        human_size(bytes),
        human_size(MAX_TEXT_BYTES)
    )
}

/// Why a file of `bytes` is not imported.
pub fn import_too_big(bytes: usize) -> String {
    format!(
        "the file is {}; files up to {} can be imported",
        human_size(bytes),
        human_size(MAX_IMPORT_BYTES)
    )
}

/// Sizes as people read them: "980 KB", "3.4 MB".
pub fn human_size(bytes: usize) -> String {
    if bytes < 1_000_000 {
        format!("{} KB", bytes.div_ceil(1000))
    } else {
        // Tenths by integer arithmetic, rounded.
        let tenths = (bytes + 50_000) / 100_000;
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

pub fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// At most `max` characters, with an ellipsis when cut.
pub fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(max).collect::<String>())
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect::<String>() + ".",
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::native::export;

    fn state_with(text: &str) -> AppState {
        let mut s = AppState::default();
        s.apply(Action::DraftSet(text.into()));
        s.apply(Action::Start);
        s
    }

    #[test]
    fn start_keeps_the_draft_exactly() {
        let s = state_with("Title\r\n\tbody  ");
        assert_eq!(s.doc().text().as_str(), "Title\r\n\tbody  ");
        assert_eq!(s.doc().title(), "Title");
        assert!(!s.pasting());
    }

    #[test]
    fn empty_or_huge_drafts_are_refused_with_a_message() {
        let mut s = AppState::default();
        s.apply(Action::Start);
        assert!(s.pasting());
        assert_eq!(
            s.notice,
            Some(Notice::Error("Paste or type the article first.".into()))
        );
        s.apply(Action::DraftSet("x".repeat(MAX_TEXT_BYTES + 1)));
        s.apply(Action::Start);
        assert!(s.pasting(), "nothing changed");
        assert!(
            matches!(&s.notice, Some(Notice::Error(m)) if m.starts_with("This article is 1.0 MB"))
        );
    }

    #[test]
    fn a_bad_import_changes_nothing_until_accepted() {
        let mut s = state_with("Merkel said.");
        s.apply(Action::LabelSelection {
            label: LabelId(0),
            anchor: 0,
            focus: 6,
        });
        let before = export(s.doc());
        s.apply(Action::ImportRead {
            files: vec![("x.json".into(), "not json".into())],
            kind: Some(FormatKind::Native),
        });
        assert!(matches!(
            s.import.as_deref(),
            Some(PendingImport::Failed { .. })
        ));
        assert_eq!(export(s.doc()), before);
        // A valid file over a document with spans asks first.
        let other = state_with("Other text");
        s.apply(Action::ImportRead {
            files: vec![("o.json".into(), export(other.doc()))],
            kind: None,
        });
        assert!(matches!(
            s.import.as_deref(),
            Some(PendingImport::Confirm { replaces: 1, .. })
        ));
        assert_eq!(export(s.doc()), before);
        s.apply(Action::ImportCancel);
        assert_eq!(export(s.doc()), before);
        s.apply(Action::ImportRead {
            files: vec![("o.json".into(), export(other.doc()))],
            kind: None,
        });
        s.apply(Action::ImportAccept);
        assert_eq!(s.doc().text().as_str(), "Other text");
        s.apply(Action::Undo);
        assert_eq!(
            export(s.doc()),
            before,
            "undo brings the replaced document back"
        );
    }

    #[test]
    fn focus_clears_when_the_span_goes() {
        let mut s = state_with("Merkel said.");
        s.apply(Action::LabelSelection {
            label: LabelId(0),
            anchor: 0,
            focus: 6,
        });
        let id = s.doc().spans().iter().next().unwrap().id().clone();
        s.apply(Action::Focus(Some(id.clone())));
        assert_eq!(s.focused.as_ref(), Some(&id));
        s.apply(Action::Delete(id));
        assert_eq!(s.focused, None);
        assert_eq!(
            s.notice,
            Some(Notice::Info("Deleted Entity “Merkel”.".into()))
        );
    }

    #[test]
    fn tab_steps_through_spans_from_the_caret() {
        let mut s = state_with("one two three four five");
        for (a, f) in [(4, 7), (14, 18), (0, 3)] {
            s.apply(Action::LabelSelection {
                label: LabelId(0),
                anchor: a,
                focus: f,
            });
        }
        let text_of = |s: &AppState, id: Option<SpanId>| {
            id.and_then(|i| {
                s.doc()
                    .spans()
                    .get(&i)
                    .map(|sp| s.doc().covered(sp).to_string())
            })
        };
        // The caret sits at the end of "four", just labelled: Tab reaches "four" first.
        assert_eq!(
            text_of(&s, s.neighbour_span(Some(18), Dir::Forward)).as_deref(),
            Some("four")
        );
        assert_eq!(
            text_of(&s, s.neighbour_span(Some(18), Dir::Back)).as_deref(),
            Some("four")
        );
        assert_eq!(
            text_of(&s, s.neighbour_span(Some(9), Dir::Back)).as_deref(),
            Some("two")
        );
        assert_eq!(
            s.neighbour_span(Some(20), Dir::Forward),
            None,
            "past the last span Tab leaves the article"
        );
        let two = s.neighbour_span(Some(5), Dir::Forward);
        s.apply(Action::Focus(two));
        assert_eq!(
            text_of(&s, s.neighbour_span(None, Dir::Forward)).as_deref(),
            Some("four")
        );
        assert_eq!(
            text_of(&s, s.neighbour_span(None, Dir::Back)).as_deref(),
            Some("one")
        );
    }

    #[test]
    fn keyboard_resize_and_snapping() {
        let mut s = state_with("Azerbaijani diaspora organizations staged");
        s.apply(Action::LabelSelection {
            label: LabelId(1),
            anchor: 2,
            focus: 15,
        }); // "erbaijani dia"
        let span = s.doc().spans().iter().next().unwrap().clone();
        assert_eq!(
            s.doc().covered(&span),
            "Azerbaijani diaspora",
            "snapped to whole words"
        );
        s.apply(Action::Focus(Some(span.id().clone())));
        s.apply(Action::ResizeFocused {
            edge: Edge::End,
            step: Step::Word,
            dir: Dir::Forward,
        });
        assert_eq!(
            s.doc().covered(s.doc().spans().get(span.id()).unwrap()),
            "Azerbaijani diaspora organizations"
        );
        s.apply(Action::ResizeFocused {
            edge: Edge::Start,
            step: Step::Grapheme,
            dir: Dir::Forward,
        });
        assert_eq!(
            s.doc().covered(s.doc().spans().get(span.id()).unwrap()),
            "zerbaijani diaspora organizations"
        );
        s.apply(Action::Undo);
        s.apply(Action::Undo);
        assert_eq!(
            s.doc().covered(s.doc().spans().get(span.id()).unwrap()),
            "Azerbaijani diaspora",
            "each resize is one undo step"
        );
        s.apply(Action::Snap(false));
        s.apply(Action::LabelSelection {
            label: LabelId(0),
            anchor: 2,
            focus: 15,
        });
        assert!(
            s.doc()
                .spans()
                .iter()
                .any(|sp| s.doc().covered(sp) == "erbaijani dia"),
            "no snapping: exact characters"
        );
    }

    #[test]
    fn find_labels_every_hit_in_one_step() {
        let mut s = state_with("Baku, Baku and Bakunin. BAKU!");
        s.apply(Action::FindQuery(Query {
            pattern: "Baku".into(),
            whole_word: true,
            case_sensitive: true,
            ..Query::default()
        }));
        assert_eq!(s.find.hits.len(), 2);
        s.apply(Action::FindQuery(Query {
            pattern: "baku".into(),
            whole_word: true,
            ..Query::default()
        }));
        assert_eq!(s.find.hits.len(), 3, "case-insensitive");
        s.apply(Action::FindStep(Dir::Back));
        assert_eq!(s.find.current, Some(2));
        s.apply(Action::FindLabel {
            label: LabelId(0),
            all: false,
        });
        assert_eq!(s.doc().spans().len(), 1);
        s.apply(Action::FindLabel {
            label: LabelId(0),
            all: true,
        });
        assert_eq!(
            s.doc().spans().len(),
            3,
            "the hit already labelled is skipped"
        );
        s.apply(Action::Undo);
        assert_eq!(
            s.doc().spans().len(),
            1,
            "one undo removes the whole bulk action"
        );
    }

    #[test]
    fn sticky_label_arms_and_disarms() {
        let mut s = state_with("text");
        s.apply(Action::Arm(Some(LabelId(2))));
        assert_eq!(s.armed, Some(LabelId(2)));
        s.apply(Action::Escape);
        assert_eq!(s.armed, None);
    }

    #[test]
    fn every_document_change_moves_the_revision() {
        let mut s = state_with("Merkel said.");
        let r0 = s.revision;
        s.apply(Action::LabelSelection {
            label: LabelId(0),
            anchor: 0,
            focus: 6,
        });
        s.apply(Action::Undo);
        s.apply(Action::Redo);
        assert_eq!(s.revision, r0 + 3);
        s.apply(Action::Focus(None));
        s.apply(Action::Undo);
        s.apply(Action::Undo);
        s.apply(Action::Undo);
        assert_eq!(s.revision, r0 + 5, "a refused undo changes nothing");
        assert!(s.pasting(), "undoing the start returns to the paste box");
    }
}
