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
mod tests {
    use super::super::{edit, SchemaEdit};
    use super::*;
    use crate::model::{LabelId, LabelSet};

    /// Claim with check-worthy (yes/no/unsure) and Quote with direct (flag) and speaker (text).
    fn schema() -> LabelSet {
        let spec = |n: &str, attributes: Vec<AttrDef>| LabelSpec {
            attributes,
            ..LabelSpec::named(n)
        };
        LabelSet::from_specs(vec![
            spec("Entity", vec![]),
            spec(
                "Claim",
                vec![AttrDef::new(
                    "check-worthy",
                    AttrKind::choice(&["yes", "no", "unsure"]),
                )],
            ),
            spec(
                "Quote",
                vec![
                    AttrDef::new("direct", AttrKind::Flag),
                    AttrDef::new("говорящий", AttrKind::Text),
                ],
            ),
        ])
        .unwrap()
    }

    /// The attributes of every label as `Label[name:kind(values)]`.
    fn show(set: &LabelSet) -> String {
        set.iter()
            .map(|(_, l)| {
                let attrs: Vec<String> = l
                    .attributes
                    .iter()
                    .map(|a| match &a.kind {
                        AttrKind::Choice(v) => format!("{}({})", a.name, v.join("/")),
                        k => format!("{}:{}", a.name, k.word()),
                    })
                    .collect();
                format!("{}[{}]", l.name, attrs.join(" "))
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[track_caller]
    fn check(label: u8, e: AttrEdit, want: Result<&str, &str>) {
        let before = schema();
        let got = edit(
            &before,
            &SchemaEdit::Attribute {
                id: LabelId(label),
                edit: e.clone(),
            },
        );
        match (got, want) {
            (Ok((set, remap)), Ok(w)) => {
                assert_eq!(show(&set), w, "{e:?}");
                assert!(remap.is_identity(), "{e:?} moves no label");
                assert_eq!(set.relation_types(), before.relation_types());
            }
            (Err(err), Err(w)) => assert_eq!(err.to_string(), w, "{e:?}"),
            (got, want) => panic!("{e:?}: got {got:?}, want {want:?}"),
        }
    }

    const BEFORE_E: &str = "Entity[]";
    const BEFORE_Q: &str = "Quote[direct:flag говорящий:text]";

    #[test]
    fn attribute_edits() {
        let s = |x: &str| x.to_string();
        let add = |n: &str, k: AttrKind| AttrEdit::Add(AttrDef::new(n, k));
        check(
            0,
            add("type", AttrKind::choice(&["person", "organisation", "place", "其他"])),
            Ok(&format!("Entity[type(person/organisation/place/其他)] Claim[check-worthy(yes/no/unsure)] {BEFORE_Q}")),
        );
        check(
            2,
            add("vérifié ✅", AttrKind::Flag),
            Ok(&format!("{BEFORE_E} Claim[check-worthy(yes/no/unsure)] Quote[direct:flag говорящий:text vérifié ✅:flag]")),
        );
        check(
            1,
            AttrEdit::Rename {
                name: s("check-worthy"),
                to: s(" worth checking "),
            },
            Ok(&format!(
                "{BEFORE_E} Claim[worth checking(yes/no/unsure)] {BEFORE_Q}"
            )),
        );
        check(
            1,
            AttrEdit::Remove {
                name: s("check-worthy"),
            },
            Ok(&format!("{BEFORE_E} Claim[] {BEFORE_Q}")),
        );
        check(
            1,
            AttrEdit::AddValue {
                name: s("check-worthy"),
                value: s(" لا أعرف "),
            },
            Ok(&format!(
                "{BEFORE_E} Claim[check-worthy(yes/no/unsure/لا أعرف)] {BEFORE_Q}"
            )),
        );
        check(
            1,
            AttrEdit::RenameValue {
                name: s("check-worthy"),
                value: s("unsure"),
                to: s("maybe 🤔"),
            },
            Ok(&format!(
                "{BEFORE_E} Claim[check-worthy(yes/no/maybe 🤔)] {BEFORE_Q}"
            )),
        );
        check(
            1,
            AttrEdit::RemoveValue {
                name: s("check-worthy"),
                value: s("no"),
            },
            Ok(&format!(
                "{BEFORE_E} Claim[check-worthy(yes/unsure)] {BEFORE_Q}"
            )),
        );
    }

    #[test]
    fn attribute_refusals() {
        let s = |x: &str| x.to_string();
        check(
            2,
            AttrEdit::Add(AttrDef::new("direct", AttrKind::Text)),
            Err("“Quote” already has an attribute “direct”"),
        );
        check(
            2,
            AttrEdit::Add(AttrDef::new("  ", AttrKind::Flag)),
            Err("an attribute needs a name"),
        );
        check(
            0,
            AttrEdit::Add(AttrDef::new("type", AttrKind::choice(&[" "]))),
            Err("“type” needs at least one value"),
        );
        check(
            2,
            AttrEdit::Rename {
                name: s("direct"),
                to: s("говорящий"),
            },
            Err("“Quote” already has an attribute “говорящий”"),
        );
        check(
            0,
            AttrEdit::Remove { name: s("type") },
            Err("“Entity” has no attribute “type”"),
        );
        check(
            2,
            AttrEdit::AddValue {
                name: s("direct"),
                value: s("x"),
            },
            Err("“direct” is not a list of values"),
        );
        check(
            1,
            AttrEdit::AddValue {
                name: s("check-worthy"),
                value: s("yes"),
            },
            Err("the list already has the value “yes”"),
        );
        check(
            1,
            AttrEdit::AddValue {
                name: s("check-worthy"),
                value: s(""),
            },
            Err("a value needs some text"),
        );
        check(
            1,
            AttrEdit::RenameValue {
                name: s("check-worthy"),
                value: s("yes"),
                to: s("no"),
            },
            Err("the list already has the value “no”"),
        );
        check(
            1,
            AttrEdit::RemoveValue {
                name: s("check-worthy"),
                value: s("perhaps"),
            },
            Err("the list has no value “perhaps”"),
        );
        check(
            9,
            AttrEdit::Remove { name: s("x") },
            Err("there is no label number 9"),
        );
        let one = LabelSet::from_specs(vec![LabelSpec {
            attributes: vec![AttrDef::new("k", AttrKind::choice(&["only"]))],
            ..LabelSpec::named("L")
        }])
        .unwrap();
        let last = SchemaEdit::Attribute {
            id: LabelId(0),
            edit: AttrEdit::RemoveValue {
                name: s("k"),
                value: s("only"),
            },
        };
        assert_eq!(
            edit(&one, &last).unwrap_err().to_string(),
            "“k” needs at least one value"
        );
    }

    #[test]
    fn what_stored_values_go_through() {
        let s = |x: &str| x.to_string();
        let rw = |e: AttrEdit| e.rewrite("Claim").map(|r| (r.label, r.name, r.fate));
        assert_eq!(rw(AttrEdit::Add(AttrDef::new("a", AttrKind::Flag))), None);
        assert_eq!(
            rw(AttrEdit::AddValue {
                name: s("a"),
                value: s("b")
            }),
            None
        );
        assert_eq!(
            rw(AttrEdit::Rename {
                name: s("check-worthy"),
                to: s(" cw ")
            }),
            Some((s("Claim"), s("check-worthy"), AttrFate::Rename(s("cw"))))
        );
        assert_eq!(
            rw(AttrEdit::RemoveValue {
                name: s("check-worthy"),
                value: s("no")
            }),
            Some((s("Claim"), s("check-worthy"), AttrFate::DropValue(s("no"))))
        );
        assert!(AttrEdit::Remove { name: s("x") }.removes());
        assert!(!AttrEdit::Rename {
            name: s("x"),
            to: s("y")
        }
        .removes());
    }
}
