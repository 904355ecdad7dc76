//! The label schema slice of the reducer: the Labels panel (open or not), edits of the
//! corpus's labels (`corpus::schema::edit`) and what each asks of the store, the question
//! before deleting a label that is in use, and undoing the last delete. Renames and deletes
//! rewrite stored documents, which the worker does (`Job::Relabel`, `format::relabel`); the
//! schema changes here when it is done. Adding, recolouring, describing and moving change
//! the schema only (`Job::PutSchema`). Either way the open document is opened again with the
//! new schema, since its editor holds label positions.

use std::rc::Rc;

use super::corpus::Job;
use super::messages::plural;
use super::{AppState, Dialog};
use crate::corpus::colour::{self, LIGHT_PAGE};
use crate::corpus::schema::{self, usage, SchemaEdit};
use crate::format::store::DocRecord;
use crate::model::{LabelId, LabelSet};

/// The last label deleted, while "Undo delete label" can put it back: until the next edit of
/// the schema.
#[derive(Clone, Debug, PartialEq)]
pub struct DeletedLabel {
    pub name: String,
    /// The schema before the delete, which the undo restores.
    pub before: LabelSet,
    /// The spans removed, per document (stored span JSON).
    pub spans: Rc<Vec<(String, Vec<String>)>>,
}

impl DeletedLabel {
    pub fn span_count(&self) -> usize {
        self.spans.iter().map(|(_, s)| s.len()).sum()
    }
}

/// A rewrite of the stored documents on its way: what the schema becomes and what to say.
#[derive(Clone, Debug, PartialEq)]
pub struct Relabelling {
    pub after: LabelSet,
    pub kind: RelabelKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum RelabelKind {
    Rename {
        old: String,
        new: String,
    },
    Delete {
        name: String,
        before: LabelSet,
    },
    UndoDelete {
        name: String,
    },
    /// An edit of a label's attributes that rewrites stored values: what to say when done.
    Attributes {
        message: String,
    },
}

/// The Labels panel and the schema work in flight.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SchemaState {
    /// The Labels panel is open.
    pub open: bool,
    /// The last delete, while it can be undone.
    pub undo: Option<Rc<DeletedLabel>>,
    /// A rewrite the worker is doing.
    pub pending: Option<Rc<Relabelling>>,
}

impl AppState {
    pub(super) fn labels_panel(&mut self, open: bool) {
        self.schema.open = open;
    }

    /// The label's name in the corpus's schema.
    fn label_name(&self, id: LabelId) -> Option<String> {
        self.corpus.labels.get(id).map(|l| l.name.to_string())
    }

    /// One edit of the schema, from the Labels panel. A delete of a label in use asks first.
    pub(super) fn edit_schema(&mut self, edit: SchemaEdit) {
        if let SchemaEdit::Delete { id } = edit {
            if let Some(name) = self.label_name(id) {
                let used = usage(&self.corpus.summaries, &name);
                if used.spans > 0 {
                    self.dialog = Some(Rc::new(Dialog::DeleteLabel { id, name, used }));
                    return;
                }
            }
        }
        if let SchemaEdit::Attribute { id, edit } = &edit {
            if let Some(label) = self.label_name(*id).filter(|_| edit.removes()) {
                let used = usage(&self.corpus.summaries, &label);
                if used.spans > 0 {
                    self.dialog = Some(Rc::new(Dialog::RemoveAttribute {
                        id: *id,
                        edit: edit.clone(),
                        label,
                        used,
                    }));
                    return;
                }
            }
        }
        self.apply_schema_edit(edit);
    }

    /// Carries out an edit (a delete confirmed, or any other).
    pub(super) fn apply_schema_edit(&mut self, edit: SchemaEdit) {
        if self.schema.pending.is_some() {
            return self.error("The documents are still being relabelled; wait for it to finish.");
        }
        let edit = match edit {
            SchemaEdit::Add(mut spec) => {
                spec.name = spec.name.trim().to_string();
                if spec.color.is_none() {
                    spec.color = Some(colour::suggest(&self.corpus.labels, LIGHT_PAGE).to_string());
                }
                SchemaEdit::Add(spec)
            }
            SchemaEdit::Rename { id, name } if self.label_name(id).as_deref() == Some(&name) => {
                return;
            }
            e => e,
        };
        let before = self.corpus.labels.clone();
        let after = match schema::edit(&before, &edit) {
            Ok((after, _)) => after,
            Err(e) => return self.error(&super::messages::sentence(&e.to_string())),
        };
        let name_of = |set: &LabelSet, id: LabelId| set.name(id).to_string();
        match edit {
            SchemaEdit::Rename { id, name } => {
                let old = name_of(&before, id);
                let new = name.trim().to_string();
                let kind = RelabelKind::Rename {
                    old: old.clone(),
                    new: new.clone(),
                };
                let renames = vec![(old, new)];
                self.relabel_corpus(after, kind, renames, Vec::new(), Rc::default(), Vec::new());
            }
            SchemaEdit::Delete { id } => {
                let name = name_of(&before, id);
                let kind = RelabelKind::Delete {
                    name: name.clone(),
                    before,
                };
                let deletes = vec![name];
                self.relabel_corpus(after, kind, Vec::new(), deletes, Rc::default(), Vec::new());
            }
            SchemaEdit::Attribute { id, edit } => {
                let label = name_of(&before, id);
                let message = super::qualify::schema_message(&label, &edit, &after, id);
                let used = usage(&self.corpus.summaries, &label).spans > 0;
                match edit.rewrite(&label).filter(|_| used) {
                    Some(rewrite) => {
                        let kind = RelabelKind::Attributes { message };
                        let attrs = vec![rewrite];
                        self.relabel_corpus(
                            after,
                            kind,
                            Vec::new(),
                            Vec::new(),
                            Rc::default(),
                            attrs,
                        );
                    }
                    None => self.schema_only(after, message),
                }
            }
            SchemaEdit::Add(spec) => {
                let key = after
                    .by_name(spec.name.trim())
                    .and_then(|id| after.get(id))
                    .and_then(|l| l.hotkey);
                let msg = match key {
                    Some(k) => format!("Added the label “{}” (key {k}).", spec.name.trim()),
                    None => format!("Added the label “{}”.", spec.name.trim()),
                };
                self.schema_only(after, msg);
            }
            SchemaEdit::Recolour { id, color } => {
                let name = name_of(&before, id);
                let mut msg = format!("“{name}” is now drawn in {color}.");
                if let Some(c) = colour::contrast(&color, LIGHT_PAGE) {
                    if !c.enough_for_marks() {
                        let h = c.hundredths();
                        msg.push_str(&format!(
                            " Its contrast with the page is only {}.{:02}:1, below the 3:1 needed to see it well; a darker colour is easier to see.",
                            h / 100,
                            h % 100
                        ));
                    }
                }
                self.schema_only(after, msg);
            }
            SchemaEdit::Describe { id, .. } => {
                let msg = format!("Saved the guideline of “{}”.", name_of(&before, id));
                self.schema_only(after, msg);
            }
            SchemaEdit::Move { id, .. } => {
                let name = name_of(&before, id);
                let (pos, key) = after
                    .by_name(&name)
                    .map(|i| (i.index() + 1, after.get(i).and_then(|l| l.hotkey)))
                    .unwrap_or((0, None));
                let msg = match key {
                    Some(k) => format!("“{name}” is now label {pos}, key {k}."),
                    None => format!("“{name}” is now label {pos}, with no key."),
                };
                self.schema_only(after, msg);
            }
        }
    }

    /// An edit that changes the schema only: stored at once, and the open document opened
    /// again with it.
    pub(super) fn schema_only(&mut self, after: LabelSet, msg: String) {
        self.schema.undo = None;
        self.corpus.labels = after.clone();
        self.corpus.push(Job::PutSchema(after));
        self.reopen();
        self.info(msg);
    }

    /// An edit that rewrites stored documents: the worker does it, then the schema changes.
    fn relabel_corpus(
        &mut self,
        after: LabelSet,
        kind: RelabelKind,
        renames: Vec<(String, String)>,
        deletes: Vec<String>,
        restore: Rc<Vec<(String, Vec<String>)>>,
        attrs: Vec<crate::format::relabel::AttrRewrite>,
    ) {
        if !self.worker_free() {
            return;
        }
        if !matches!(kind, RelabelKind::UndoDelete { .. }) {
            self.schema.undo = None;
        }
        self.schema.pending = Some(Rc::new(Relabelling {
            after: after.clone(),
            kind,
        }));
        self.start_work(
            "relabelling the documents",
            Job::Relabel {
                labels: after,
                renames,
                deletes,
                restore,
                attrs,
            },
        );
    }

    /// Puts the last deleted label back, with its spans.
    pub(super) fn undo_delete_label(&mut self) {
        let Some(undo) = self.schema.undo.clone() else {
            return self.error("No deleted label to put back.");
        };
        if self.schema.pending.is_some() {
            return self.error("The documents are still being relabelled; wait for it to finish.");
        }
        let kind = RelabelKind::UndoDelete {
            name: undo.name.clone(),
        };
        self.relabel_corpus(
            undo.before.clone(),
            kind,
            Vec::new(),
            Vec::new(),
            undo.spans.clone(),
            Vec::new(),
        );
    }

    /// The worker rewrote the documents and stored the schema.
    pub(super) fn relabelled(
        &mut self,
        records: Vec<DocRecord>,
        removed: Vec<(String, Vec<String>)>,
    ) {
        self.transfer.working = None;
        self.transfer.progress = None;
        let Some(pending) = self.schema.pending.take() else {
            return;
        };
        let docs = records.len();
        self.records_stored(records);
        self.corpus.labels = pending.after.clone();
        self.reopen();
        let msg = match &pending.kind {
            RelabelKind::Rename { old, new } => {
                let n = usage(&self.corpus.summaries, new).spans;
                format!(
                    "Renamed “{old}” to “{new}”; its {n} annotation{} followed.",
                    plural(n)
                )
            }
            RelabelKind::Delete { name, before } => {
                let undo = DeletedLabel {
                    name: name.clone(),
                    before: before.clone(),
                    spans: Rc::new(removed),
                };
                let (n, d) = (undo.span_count(), undo.spans.len());
                self.schema.undo = Some(Rc::new(undo));
                format!(
                    "Deleted the label “{name}” and its {n} annotation{} in {d} document{}. “Undo delete label” in the Labels panel puts them back.",
                    plural(n),
                    plural(d)
                )
            }
            RelabelKind::Attributes { message } => message.clone(),
            RelabelKind::UndoDelete { name } => {
                let n = self.schema.undo.take().map_or(0, |u| u.span_count());
                format!(
                    "Put back the label “{name}” and its {n} annotation{} in {docs} document{}.",
                    plural(n),
                    plural(docs)
                )
            }
        };
        self.info(msg);
        // The statistics shown name the labels as they were: counted again.
        if self.corpus.stats_open {
            self.show_stats(true);
        }
    }

    /// The worker could not rewrite the documents: the list is read again, since some may
    /// have been rewritten.
    pub(super) fn relabel_failed(&mut self) {
        if self.schema.pending.take().is_some() {
            self.load_list();
        }
    }

    /// The schema as stored, read again (another tab may have edited it): when it changed,
    /// the open document opens again with it.
    #[inline(never)] // rare on a typical visit: see `AppState::apply_rest`
    pub(super) fn schema_read(&mut self, labels: LabelSet) {
        if labels != self.corpus.labels && self.schema.pending.is_none() {
            self.corpus.labels = labels;
            self.schema.undo = None;
            self.reopen();
        }
    }

    /// Opens the open document again (with the corpus's schema), without a message.
    pub(super) fn reopen(&mut self) {
        if let Some(id) = self.corpus.open.clone() {
            self.corpus.reopening = Some(id.clone());
            self.corpus.opening = true;
            self.corpus.push(Job::Open(id));
        }
    }
}

#[cfg(test)]
mod tests;
