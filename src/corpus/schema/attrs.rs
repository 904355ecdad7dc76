//! Editing the attributes a label defines (add, rename, remove; a choice's values: add, rename,
//! remove), as one more kind of schema edit. Positions of labels never move, so spans keep
//! their label; what an edit does to the values spans already carry is said by
//! [`AttrEdit::rewrite`], which the worker applies to every stored document
//! (`format::relabel`): a rename carries the values along, a removal drops them, the same
//! path a label delete takes. Keeping removed values hidden was the other choice; it was not
//! taken because an export would then carry values the schema no longer lists, and an
//! attribute added back later under the same name (maybe as another kind) would find stale
//! values waiting.

use std::rc::Rc;

use super::SchemaError;
use crate::format::relabel::{AttrFate, AttrRewrite};
use crate::model::attribute::{AttrDef, AttrKind};
use crate::model::label::LabelSpec;

/// One change to a label's attributes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AttrEdit {
    /// A new attribute at the end of the label's list.
    Add(AttrDef),
    /// A new name; the values spans carry follow.
    Rename { name: String, to: String },
    /// The attribute goes, and every value of it on a span.
    Remove { name: String },
    /// One more value at the end of a choice's list.
    AddValue { name: String, value: String },
    /// A choice's value gets a new wording; spans with it follow.
    RenameValue {
        name: String,
        value: String,
        to: String,
    },
    /// A choice's value goes; spans with it lose the attribute.
    RemoveValue { name: String, value: String },
}

impl AttrEdit {
    /// The attribute the edit is about.
    pub fn name(&self) -> &str {
        match self {
            AttrEdit::Add(def) => &def.name,
            AttrEdit::Rename { name, .. }
            | AttrEdit::Remove { name }
            | AttrEdit::AddValue { name, .. }
            | AttrEdit::RenameValue { name, .. }
            | AttrEdit::RemoveValue { name, .. } => name,
        }
    }

    /// What the edit does to values stored on spans of the label `label`; `None` when stored
    /// values stay as they are (an addition).
    pub fn rewrite(&self, label: &str) -> Option<AttrRewrite> {
        let fate = match self {
            AttrEdit::Add(_) | AttrEdit::AddValue { .. } => return None,
            AttrEdit::Rename { to, .. } => AttrFate::Rename(to.trim().to_string()),
            AttrEdit::Remove { .. } => AttrFate::Drop,
            AttrEdit::RenameValue { value, to, .. } => AttrFate::RenameValue {
                from: value.clone(),
                to: to.trim().to_string(),
            },
            AttrEdit::RemoveValue { value, .. } => AttrFate::DropValue(value.clone()),
        };
        Some(AttrRewrite {
            label: label.to_string(),
            name: self.name().to_string(),
            fate,
        })
    }

    /// True when the edit takes values away from spans (the app asks first).
    pub fn removes(&self) -> bool {
        matches!(self, AttrEdit::Remove { .. } | AttrEdit::RemoveValue { .. })
    }
}

/// `spec` with its attributes edited.
pub(super) fn apply(spec: &mut LabelSpec, edit: &AttrEdit) -> Result<(), SchemaError> {
    let label = spec.name.clone();
    let attrs = &mut spec.attributes;
    let find = |attrs: &[AttrDef], name: &str| {
        attrs
            .iter()
            .position(|a| &*a.name == name.trim())
            .ok_or_else(|| SchemaError::NoSuchAttribute {
                label: label.clone(),
                name: name.trim().to_string(),
            })
    };
    let fresh = |attrs: &[AttrDef], name: &str| {
        let name = name.trim();
        if name.is_empty() {
            return Err(SchemaError::BlankAttribute);
        }
        match attrs.iter().any(|a| &*a.name == name) {
            true => Err(SchemaError::AttributeExists {
                label: label.clone(),
                name: name.to_string(),
            }),
            false => Ok(()),
        }
    };
    match edit {
        AttrEdit::Add(def) => {
            fresh(attrs, &def.name)?;
            if matches!(&def.kind, AttrKind::Choice(v) if v.is_empty()) {
                return Err(SchemaError::NoValues(def.name.to_string()));
            }
            attrs.push(def.clone());
        }
        AttrEdit::Rename { name, to } => {
            let i = find(attrs, name)?;
            if attrs[i].name.as_ref() == to.trim() {
                return Ok(());
            }
            fresh(attrs, to)?;
            attrs[i].name = Rc::from(to.trim());
        }
        AttrEdit::Remove { name } => {
            let i = find(attrs, name)?;
            attrs.remove(i);
        }
        AttrEdit::AddValue { name, value } => {
            let i = find(attrs, name)?;
            let list = choices(&attrs[i])?;
            let value = value.trim();
            if value.is_empty() {
                return Err(SchemaError::BlankValue);
            }
            if list.iter().any(|v| &**v == value) {
                return Err(SchemaError::ValueExists(value.to_string()));
            }
            let mut list = list.to_vec();
            list.push(Rc::from(value));
            attrs[i].kind = AttrKind::Choice(list.into());
        }
        AttrEdit::RenameValue { name, value, to } => {
            let i = find(attrs, name)?;
            let list = choices(&attrs[i])?;
            let to = to.trim();
            let at = position(list, value)?;
            if to.is_empty() {
                return Err(SchemaError::BlankValue);
            }
            if list.iter().any(|v| &**v == to) && &*list[at] != to {
                return Err(SchemaError::ValueExists(to.to_string()));
            }
            let mut list = list.to_vec();
            list[at] = Rc::from(to);
            attrs[i].kind = AttrKind::Choice(list.into());
        }
        AttrEdit::RemoveValue { name, value } => {
            let i = find(attrs, name)?;
            let list = choices(&attrs[i])?;
            let at = position(list, value)?;
            if list.len() == 1 {
                return Err(SchemaError::NoValues(name.trim().to_string()));
            }
            let mut list = list.to_vec();
            list.remove(at);
            attrs[i].kind = AttrKind::Choice(list.into());
        }
    }
    Ok(())
}

fn choices(def: &AttrDef) -> Result<&[Rc<str>], SchemaError> {
    match &def.kind {
        AttrKind::Choice(list) => Ok(list),
        AttrKind::Flag | AttrKind::Text => Err(SchemaError::NotAChoice(def.name.to_string())),
    }
}

fn position(list: &[Rc<str>], value: &str) -> Result<usize, SchemaError> {
    list.iter()
        .position(|v| **v == *value)
        .ok_or_else(|| SchemaError::NoSuchValue(value.to_string()))
}

#[cfg(test)]
mod tests;
