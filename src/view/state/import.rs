//! The dialog slice of the reducer: the question or report shown over everything else (an
//! import read by the worker and waiting for the user, a dataset export being set up, a
//! file that could not be imported, another tab's newer version of the open document,
//! deleting for good), and what confirming or cancelling it does. The import and export
//! themselves are the transfer slice's (`transfer.rs`) and the worker's.

use std::rc::Rc;

use super::transfer::{ExportChoice, Incoming};
use super::AppState;

/// A question or report the app shows over everything else until the user answers.
#[derive(Clone, Debug, PartialEq)]
pub enum Dialog {
    /// Files read for import: what they hold, until the user confirms or cancels.
    Batch(Box<Incoming>),
    /// Files that cannot be imported at all; nothing was changed.
    ImportFailed { file: String, why: String },
    /// A dataset export being set up.
    Export(ExportChoice),
    /// Another tab saved this document after this tab opened it; this tab's latest change was
    /// not written. The user reopens the other version, after exporting this one if wanted.
    Conflict,
    /// Deleting documents from the bin for good: asked once more.
    DeleteForGood(Rc<Vec<String>>),
    /// Deleting a label that spans use: how many, asked once more.
    DeleteLabel {
        id: crate::model::LabelId,
        name: String,
        used: crate::corpus::schema::Usage,
    },
    /// Removing an attribute (or a value of one) from a label that spans use: asked once
    /// more, since the values go from every document.
    RemoveAttribute {
        id: crate::model::LabelId,
        edit: crate::corpus::schema::AttrEdit,
        label: String,
        used: crate::corpus::schema::Usage,
    },
}

impl AppState {
    pub(super) fn import_unreadable(&mut self, file: String, why: String) {
        self.dialog = Some(Rc::new(Dialog::ImportFailed { file, why }));
    }

    /// A new document: the paste box on the home screen (the open one stays in the corpus).
    pub(super) fn new_article(&mut self) {
        self.back_to_list();
        self.show_paste(true);
    }

    /// Goes ahead with what the open dialog asks about.
    #[inline(never)] // rare on a typical visit: see `AppState::apply_rest`
    pub(super) fn confirm(&mut self) {
        let Some(dialog) = self.dialog.clone() else {
            return;
        };
        match &*dialog {
            Dialog::Batch(incoming) => self.store_batch((**incoming).clone()),
            Dialog::Export(choice) => self.export_confirmed(choice.clone()),
            Dialog::DeleteForGood(ids) => {
                self.dialog = None;
                self.deletion_confirmed((**ids).clone())
            }
            Dialog::DeleteLabel { id, .. } => {
                self.dialog = None;
                self.apply_schema_edit(crate::corpus::schema::SchemaEdit::Delete { id: *id })
            }
            Dialog::RemoveAttribute { id, edit, .. } => {
                let edit = crate::corpus::schema::SchemaEdit::Attribute {
                    id: *id,
                    edit: edit.clone(),
                };
                self.dialog = None;
                self.apply_schema_edit(edit)
            }
            Dialog::ImportFailed { .. } | Dialog::Conflict => self.dialog = None,
        }
    }

    #[inline(never)] // rare on a typical visit: see `AppState::apply_rest`
    pub(super) fn cancel(&mut self) {
        if let Some(dialog) = self.dialog.take() {
            if matches!(
                &*dialog,
                Dialog::Batch(_)
                    | Dialog::Export(_)
                    | Dialog::DeleteForGood(_)
                    | Dialog::DeleteLabel { .. }
                    | Dialog::RemoveAttribute { .. }
            ) {
                self.info("Cancelled; nothing was changed.");
            }
        }
    }
}
