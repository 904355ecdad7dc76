//! The stored copy's slice of the reducer: the state at start-up from what storage held,
//! how saving goes, and other tabs. Another tab's newer version is shown here when this tab
//! had nothing unsaved; when this tab had, its change is never written over the other one
//! (the storage adapter checks the revision it started from) and the user decides.

use std::rc::Rc;

use super::import::Dialog;
use super::{AppState, Notice, StorageStatus};
use crate::format::native;
use crate::model::Editor;

impl AppState {
    /// The state at start-up, from what storage held (read by the caller), and whether the
    /// stored document was unreadable (the caller keeps a copy of it aside).
    pub fn restored(
        saved_doc: Option<&str>,
        saved_draft: Option<String>,
        saved_title: Option<String>,
    ) -> (AppState, bool) {
        let mut s = AppState::default();
        let mut unreadable = false;
        if let Some(d) = saved_draft {
            s.draft = Rc::from(d.as_str());
        }
        if let Some(t) = saved_title {
            s.draft_title = Rc::from(t.as_str());
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
        s.from_storage = s.editor.revision();
        (s, unreadable)
    }

    pub(super) fn storage_result(&mut self, r: Result<(), String>) {
        self.storage = match r {
            Ok(()) => StorageStatus::Ok,
            Err(e) => StorageStatus::Failed(e),
        }
    }

    pub(super) fn storage_conflict(&mut self) {
        self.dialog = Some(Rc::new(Dialog::Conflict));
    }

    /// Shows the stored version (another tab's). Undo brings this tab's version back.
    pub(super) fn adopt_stored(&mut self, content: &str) {
        let imported = match native::import(content) {
            Ok(i) => i,
            Err(e) => {
                return self.error(&format!(
                    "Another tab saved a version of this article that cannot be read ({e}); this tab keeps its own."
                ))
            }
        };
        if matches!(self.dialog.as_deref(), Some(Dialog::Conflict)) {
            self.dialog = None;
        }
        if imported.doc != *self.doc() {
            self.editor.replace_document(imported.doc);
            self.changed();
            self.info("This article was changed in another tab; this tab now shows that version.");
        }
        // What is shown is what storage holds: nothing to write back.
        self.from_storage = self.editor.revision();
    }
}

pub fn join_problems(problems: &[crate::format::Problem]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}
