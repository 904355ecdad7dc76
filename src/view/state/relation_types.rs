//! The relation types slice of the reducer: an edit of the schema's relation types
//! (`corpus::relation_types`), stored like any schema-only edit, the open document opened
//! again with it.

use super::AppState;
use crate::corpus::relation_types::{edit_types, TypeEdit};

impl AppState {
    pub(super) fn edit_relation_types(&mut self, edit: TypeEdit) {
        if self.schema.pending.is_some() {
            return self.error("The documents are still being relabelled; wait for it to finish.");
        }
        match edit_types(&self.corpus.labels, &edit) {
            Ok(after) => {
                let msg = match &edit {
                    TypeEdit::Add { name } => format!(
                        "Added the relation type “{}”; it links any two spans until you add pairs.",
                        name.trim()
                    ),
                    TypeEdit::AddPair { name, from, to } => {
                        format!("“{name}” now links {from} to {to}.")
                    }
                    TypeEdit::RemovePair { name, from, to } => format!(
                        "“{name}” no longer offers {from} → {to} for new links; links made already stay."
                    ),
                };
                self.schema_only(after, msg);
            }
            Err(e) => self.error(&super::messages::sentence(&e.to_string())),
        }
    }
}
