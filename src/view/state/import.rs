//! The dialog slice of the reducer: an import waiting for the user's decision, and another
//! tab's newer version of the open document. The import itself (detection, size limits,
//! checks, offset repair) is the format layer's; this keeps its report until the user
//! decides, and an imported document joins the corpus as a new one.

use std::rc::Rc;

use super::messages::plural;
use super::AppState;
use crate::format::{FormatKind, Imported};

/// An import waiting for the user's decision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PendingImport {
    /// The file cannot be imported at all.
    Failed { file: String, why: String },
    /// The file can be imported, but the user must agree first: some annotations have
    /// problems, an offset repair is offered, or the file holds things the app does not keep.
    Confirm {
        file: String,
        imported: Box<Imported>,
    },
}

/// A question or report the app shows over everything else until the user answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dialog {
    Import(PendingImport),
    /// Another tab saved this document after this tab opened it; this tab's latest change was
    /// not written. The user reopens the other version, after exporting this one if wanted.
    Conflict,
    /// Deleting documents from the bin for good: asked once more.
    DeleteForGood(Rc<Vec<String>>),
}

impl AppState {
    pub(super) fn import_read(&mut self, files: &[(String, String)], kind: Option<FormatKind>) {
        // Another person's file for documents the corpus has becomes their layer.
        if self.intake(files, kind) {
            return;
        }
        let file = files
            .iter()
            .map(|(n, _)| n.as_str())
            .collect::<Vec<_>>()
            .join(" + ");
        let pending = match crate::format::workflow::prepare_import(files, kind) {
            Err(why) => PendingImport::Failed {
                file,
                why: why.to_string(),
            },
            Ok(imported) if imported.is_clean() => return self.finish_import(&file, imported),
            Ok(imported) => PendingImport::Confirm {
                file,
                imported: Box::new(imported),
            },
        };
        self.dialog = Some(Rc::new(Dialog::Import(pending)));
    }

    pub(super) fn import_unreadable(&mut self, file: String, why: String) {
        self.dialog = Some(Rc::new(Dialog::Import(PendingImport::Failed { file, why })));
    }

    /// Takes the offset conversion the pending import offers: the dialog then shows the
    /// import as converted, still waiting for the user.
    pub(super) fn import_repair(&mut self) {
        let Some(Dialog::Import(PendingImport::Confirm { file, imported })) =
            self.dialog.as_deref()
        else {
            return;
        };
        let Some(repair) = &imported.repair else {
            return;
        };
        let converted = PendingImport::Confirm {
            file: file.clone(),
            imported: Box::new((*repair.imported_if_applied).clone()),
        };
        self.info(format!("Offsets converted: {}.", repair.unit_found));
        self.dialog = Some(Rc::new(Dialog::Import(converted)));
    }

    /// A new document: the paste box on the home screen (the open one stays in the corpus).
    pub(super) fn new_article(&mut self) {
        self.back_to_list();
        self.show_paste(true);
    }

    /// Goes ahead with what the open dialog asks about.
    pub(super) fn confirm(&mut self) {
        let Some(dialog) = self.dialog.take() else {
            return;
        };
        match &*dialog {
            Dialog::Import(PendingImport::Confirm { file, imported }) => {
                self.finish_import(file, (**imported).clone())
            }
            Dialog::DeleteForGood(ids) => self.deletion_confirmed((**ids).clone()),
            Dialog::Import(PendingImport::Failed { .. }) | Dialog::Conflict => {}
        }
    }

    pub(super) fn cancel(&mut self) {
        if let Some(dialog) = self.dialog.take() {
            if matches!(&*dialog, Dialog::Import(_) | Dialog::DeleteForGood(_)) {
                self.info("Cancelled; nothing was changed.");
            }
        }
    }

    /// The imported document joins the corpus and opens.
    fn finish_import(&mut self, file: &str, imported: Imported) {
        let n = imported.doc.spans().len();
        self.dialog = None;
        if self.create_documents(vec![(imported.doc, Default::default())], true) {
            self.info(format!("Importing {file}: {n} annotation{}…", plural(n)));
        }
    }
}
