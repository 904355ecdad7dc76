//! The relation types slice of the reducer: an edit of the schema's relation types
//! (`corpus::relation_types`). Adding a type and changing its pairs is stored like any
//! schema-only edit; a rename, and a delete, go through the worker, which rewrites the stored
//! relations (`Job::Retype`); a delete first has the worker count the relations it would
//! remove and asks when there are some. The schema changes when the worker is done, and the
//! open document is opened again with it.

use std::rc::Rc;

use super::messages::plural;
use super::AppState;
use crate::corpus::relation_types::{edit_types, TypeEdit};
use crate::format::store::DocRecord;
use crate::model::LabelSet;

/// A rename or delete of a relation type in flight, or a delete waiting for an answer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RetypeState {
    /// What the worker is doing, and the schema once it is done.
    pub pending: Option<Rc<(Retyping, LabelSet)>>,
    /// A delete waiting for an answer: the type and how many relations in how many
    /// documents go with it.
    pub asking: Option<(String, usize, usize)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Retyping {
    /// Counting the relations a delete would remove.
    Counting(String),
    Deleting(String),
    Renaming {
        old: String,
        new: String,
    },
}

impl AppState {
    pub(super) fn edit_relation_types(&mut self, edit: TypeEdit) {
        if self.schema.pending.is_some() || self.retype.pending.is_some() {
            return self.error("The documents are still being rewritten; wait for it to finish.");
        }
        let after = match edit_types(&self.corpus.labels, &edit) {
            Ok(after) => after,
            Err(e) => return self.error(&super::messages::sentence(&e.to_string())),
        };
        self.retype.asking = None;
        let msg = match edit {
            TypeEdit::Add { name } => format!(
                "Added the relation type “{}”; it links any two spans until you add pairs.",
                name.trim()
            ),
            TypeEdit::AddPair { name, from, to } => format!("“{name}” now links {from} to {to}."),
            TypeEdit::RemovePair { name, from, to } => format!(
                "“{name}” no longer offers {from} → {to} for new links; links made already stay."
            ),
            TypeEdit::Rename { name, new } => {
                let new = new.trim().to_string();
                if new == name {
                    return;
                }
                let kind = Retyping::Renaming {
                    old: name.clone(),
                    new: new.clone(),
                };
                return self.retype_corpus(after, kind, vec![(name, new)], Vec::new(), false);
            }
            TypeEdit::Delete { name } => {
                let labels = self.corpus.labels.clone();
                return self.retype_corpus(
                    labels,
                    Retyping::Counting(name.clone()),
                    Vec::new(),
                    vec![name],
                    true,
                );
            }
            TypeEdit::ConfirmDelete { name } => {
                return self.retype_corpus(
                    after,
                    Retyping::Deleting(name.clone()),
                    Vec::new(),
                    vec![name],
                    false,
                );
            }
        };
        self.schema_only(after, msg);
    }

    fn retype_corpus(
        &mut self,
        after: LabelSet,
        kind: Retyping,
        renames: Vec<(String, String)>,
        deletes: Vec<String>,
        count_only: bool,
    ) {
        if !self.worker_free() {
            return;
        }
        let what = match &kind {
            Retyping::Counting(_) => "counting the relations",
            _ => "rewriting the relations",
        };
        self.retype.pending = Some(Rc::new((kind, after.clone())));
        self.start_work(
            what,
            super::Job::Retype {
                labels: after,
                renames,
                deletes,
                count_only,
            },
        );
    }

    /// The worker counted, or rewrote the documents and stored the schema.
    pub(super) fn retyped(&mut self, removed: usize, documents: usize, records: Vec<DocRecord>) {
        self.transfer.working = None;
        self.transfer.progress = None;
        let Some(pending) = self.retype.pending.take() else {
            return;
        };
        let (kind, after) = &*pending;
        if let Retyping::Counting(name) = kind {
            if removed == 0 {
                return self.edit_relation_types(TypeEdit::ConfirmDelete { name: name.clone() });
            }
            self.retype.asking = Some((name.clone(), removed, documents));
            return self.info(format!(
                "Deleting “{name}” removes its {removed} relation{} in {documents} document{}.",
                plural(removed),
                plural(documents)
            ));
        }
        self.records_stored(records);
        self.corpus.labels = after.clone();
        self.reopen();
        self.info(match kind {
            Retyping::Renaming { old, new } => {
                format!("Renamed the relation type “{old}” to “{new}”; its relations followed.")
            }
            _ => {
                let name = match kind {
                    Retyping::Deleting(n) => n.as_str(),
                    _ => "",
                };
                format!(
                    "Deleted the relation type “{name}” and its {removed} relation{} in {documents} document{}.",
                    plural(removed),
                    plural(documents)
                )
            }
        });
    }

    /// The worker failed: the list is read again, since some documents may be rewritten.
    pub(super) fn retype_failed(&mut self) {
        if self.retype.pending.take().is_some() {
            self.load_list();
        }
    }
}

#[cfg(test)]
mod tests;
