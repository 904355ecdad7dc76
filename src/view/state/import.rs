//! The dialog slice of the reducer: an import waiting for the user's decision, and asking
//! before the current article is thrown away (a new article, an import over it). The import
//! itself (detection, size limits, checks, offset repair) is the format layer's; this keeps
//! its report until the user decides.

use std::rc::Rc;

use super::messages::plural;
use super::AppState;
use crate::format::{FormatKind, Imported};
use crate::model::Document;

/// An import waiting for the user's decision.
#[derive(Clone, Debug, PartialEq, Eq)]
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

/// A question or report the app shows over everything else until the user answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dialog {
    Import(PendingImport),
    /// "New article" over an article with spans: discard it? (The dialog offers to export it
    /// first; undo history does not survive a reload, so this is the last chance.)
    Discard {
        spans: usize,
    },
    /// Another tab saved this article after this tab loaded it; this tab's latest change was
    /// not written. The user loads the other version, after downloading this one if wanted.
    Conflict,
}

impl AppState {
    pub(super) fn import_read(&mut self, files: &[(String, String)], kind: Option<FormatKind>) {
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
            Ok(imported) => {
                let replaces = self.doc().spans().len();
                if imported.is_clean() && replaces == 0 {
                    return self.finish_import(&file, imported);
                }
                PendingImport::Confirm {
                    file,
                    imported: Box::new(imported),
                    replaces,
                }
            }
        };
        self.dialog = Some(Rc::new(Dialog::Import(pending)));
    }

    pub(super) fn import_unreadable(&mut self, file: String, why: String) {
        self.dialog = Some(Rc::new(Dialog::Import(PendingImport::Failed { file, why })));
    }

    /// Takes the offset conversion the pending import offers: the dialog then shows the
    /// import as converted, still waiting for the user.
    pub(super) fn import_repair(&mut self) {
        let Some(Dialog::Import(PendingImport::Confirm {
            file,
            imported,
            replaces,
        })) = self.dialog.as_deref()
        else {
            return;
        };
        let Some(repair) = &imported.repair else {
            return;
        };
        let converted = PendingImport::Confirm {
            file: file.clone(),
            imported: Box::new((*repair.imported_if_applied).clone()),
            replaces: *replaces,
        };
        self.info(format!("Offsets converted: {}.", repair.unit_found));
        self.dialog = Some(Rc::new(Dialog::Import(converted)));
    }

    pub(super) fn new_article(&mut self) {
        match self.doc().spans().len() {
            0 => self.close_article(),
            spans => self.dialog = Some(Rc::new(Dialog::Discard { spans })),
        }
    }

    fn close_article(&mut self) {
        self.editor.replace_document(Document::empty());
        self.focused = None;
        self.changed();
        self.info("The article was closed. Undo brings it back until the page is reloaded.");
    }

    /// Goes ahead with what the open dialog asks about.
    pub(super) fn confirm(&mut self) {
        let Some(dialog) = self.dialog.take() else {
            return;
        };
        match &*dialog {
            Dialog::Import(PendingImport::Confirm { file, imported, .. }) => {
                self.finish_import(file, (**imported).clone())
            }
            Dialog::Discard { .. } => self.close_article(),
            Dialog::Import(PendingImport::Failed { .. }) | Dialog::Conflict => {}
        }
    }

    pub(super) fn cancel(&mut self) {
        if let Some(dialog) = self.dialog.take() {
            if matches!(&*dialog, Dialog::Import(_) | Dialog::Discard { .. }) {
                self.info("Cancelled; nothing was changed.");
            }
        }
    }

    fn finish_import(&mut self, file: &str, imported: Imported) {
        let n = imported.doc.spans().len();
        self.editor.replace_document(imported.doc);
        self.focused = None;
        self.dialog = None;
        self.changed();
        self.info(format!(
            "Imported {file}: {n} annotation{}. Undo brings back what was there before.",
            plural(n)
        ));
    }
}
