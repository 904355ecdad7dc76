//! Editing the relation types of the corpus's schema: add, rename or delete a type, and set
//! which label pairs it links (none means any two spans). Each edit gives a new `LabelSet` with
//! the same labels. Adding a type or changing its pairs changes no stored document (a type that
//! remains keeps every relation it has, whatever pairs it now allows: the pairs govern new
//! links); a rename or a delete rewrites the stored relations, which the worker does
//! (`format::relink`).

use std::fmt;

use crate::model::label::LabelError;
use crate::model::{LabelSet, RelationType};

/// One change to the relation types.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeEdit {
    /// A new type at the end, linking any two spans until pairs are added.
    Add { name: String },
    /// Let the type link spans labelled `from` to spans labelled `to`.
    AddPair {
        name: String,
        from: String,
        to: String,
    },
    /// No longer offer the pair `from` → `to` for new links of the type.
    RemovePair {
        name: String,
        from: String,
        to: String,
    },
    /// A new name; the type's relations in every document follow.
    Rename { name: String, new: String },
    /// Remove the type; its relations in every document go (asks first when some exist).
    Delete { name: String },
    /// The delete, confirmed.
    ConfirmDelete { name: String },
}

/// Why an edit cannot be made; the schema stays as it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeError {
    /// The edit names a type the schema does not have.
    NoSuchType(String),
    /// A pair names a label the schema does not have.
    NoSuchLabel(String),
    /// The pair is there already.
    PairExists,
    /// The edited types break a rule (a blank or repeated name).
    Label(LabelError),
}

impl fmt::Display for TypeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypeError::NoSuchType(n) => write!(f, "there is no relation type “{n}”"),
            TypeError::NoSuchLabel(n) => write!(f, "there is no label “{n}”"),
            TypeError::PairExists => write!(f, "the type links these labels already"),
            TypeError::Label(LabelError::EmptyRelation) => {
                write!(f, "a relation type needs a name")
            }
            TypeError::Label(LabelError::DuplicateRelation(n)) => {
                write!(f, "there is already a relation type “{n}”")
            }
            TypeError::Label(e) => write!(f, "{e}"),
        }
    }
}

/// The schema after `edit`.
pub fn edit_types(labels: &LabelSet, edit: &TypeEdit) -> Result<LabelSet, TypeError> {
    let mut types: Vec<RelationType> = labels.relation_types().to_vec();
    let find = |types: &[RelationType], name: &str| {
        types
            .iter()
            .position(|t| &*t.name == name.trim())
            .ok_or_else(|| TypeError::NoSuchType(name.trim().to_string()))
    };
    let label = |n: &str| {
        labels
            .by_name(n.trim())
            .map(|_| n.trim().to_string())
            .ok_or_else(|| TypeError::NoSuchLabel(n.trim().to_string()))
    };
    match edit {
        TypeEdit::Add { name } => types.push(RelationType::any(name)),
        TypeEdit::AddPair { name, from, to } => {
            let i = find(&types, name)?;
            let (from, to) = (label(from)?, label(to)?);
            let t = &types[i];
            if t.pairs.iter().any(|(a, b)| **a == *from && **b == *to) {
                return Err(TypeError::PairExists);
            }
            let mut pairs: Vec<(&str, &str)> = t.pairs.iter().map(|(a, b)| (&**a, &**b)).collect();
            pairs.push((&from, &to));
            types[i] = RelationType::between(&t.name, &pairs);
        }
        TypeEdit::RemovePair { name, from, to } => {
            let i = find(&types, name)?;
            let t = &types[i];
            let pairs: Vec<(&str, &str)> = t
                .pairs
                .iter()
                .map(|(a, b)| (&**a, &**b))
                .filter(|&(a, b)| (a, b) != (from.trim(), to.trim()))
                .collect();
            types[i] = RelationType::between(&t.name, &pairs);
        }
        TypeEdit::Rename { name, new } => {
            let i = find(&types, name)?;
            types[i] = RelationType {
                name: new.trim().into(),
                pairs: types[i].pairs.clone(),
            };
        }
        TypeEdit::Delete { name } | TypeEdit::ConfirmDelete { name } => {
            let i = find(&types, name)?;
            types.remove(i);
        }
    }
    labels.with_relation_types(types).map_err(TypeError::Label)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The types as `name: from>to, …` (`*` for any).
    fn shown(set: &LabelSet) -> Vec<String> {
        set.relation_types()
            .iter()
            .map(|t| {
                let pairs: Vec<String> = t.pairs.iter().map(|(a, b)| format!("{a}>{b}")).collect();
                format!(
                    "{}: {}",
                    t.name,
                    if pairs.is_empty() {
                        "*".into()
                    } else {
                        pairs.join(", ")
                    }
                )
            })
            .collect()
    }

    #[track_caller]
    fn check(set: &LabelSet, e: TypeEdit, want: Result<&[&str], &str>) -> LabelSet {
        match (edit_types(set, &e), want) {
            (Ok(after), Ok(w)) => {
                assert_eq!(shown(&after), w);
                assert_eq!(after.specs(), set.specs(), "labels stay");
                after
            }
            (Err(err), Err(w)) => {
                assert_eq!(err.to_string(), w);
                set.clone()
            }
            (got, w) => panic!("{e:?}: got {got:?}, want {w:?}"),
        }
    }

    fn s(x: &str) -> String {
        x.to_string()
    }

    #[test]
    fn types_are_added_and_their_pairs_edited() {
        let set = LabelSet::from_names(&["Entity", "Claim", "Quote", "Zitat 💬", "مصدر"]).unwrap();
        let set = check(
            &set,
            TypeEdit::Add {
                name: s(" zitiert_von "),
            },
            Ok(&[
                "said_by: Quote>Entity",
                "claimed_by: Claim>Entity",
                "related_to: *",
                "zitiert_von: *",
            ]),
        );
        let pair = |from: &str, to: &str| TypeEdit::AddPair {
            name: s("zitiert_von"),
            from: s(from),
            to: s(to),
        };
        let set = check(
            &set,
            pair("Zitat 💬", "مصدر"),
            Ok(&[
                "said_by: Quote>Entity",
                "claimed_by: Claim>Entity",
                "related_to: *",
                "zitiert_von: Zitat 💬>مصدر",
            ]),
        );
        check(
            &set,
            pair("Zitat 💬", "مصدر"),
            Err("the type links these labels already"),
        );
        check(
            &set,
            pair("Zitat", "مصدر"),
            Err("there is no label “Zitat”"),
        );
        let set = check(
            &set,
            TypeEdit::AddPair {
                name: s("said_by"),
                from: s("Zitat 💬"),
                to: s("Entity"),
            },
            Ok(&[
                "said_by: Quote>Entity, Zitat 💬>Entity",
                "claimed_by: Claim>Entity",
                "related_to: *",
                "zitiert_von: Zitat 💬>مصدر",
            ]),
        );
        check(
            &set,
            TypeEdit::RemovePair {
                name: s("said_by"),
                from: s("Quote"),
                to: s("Entity"),
            },
            Ok(&[
                "said_by: Zitat 💬>Entity",
                "claimed_by: Claim>Entity",
                "related_to: *",
                "zitiert_von: Zitat 💬>مصدر",
            ]),
        );
        check(
            &set,
            TypeEdit::Add { name: s("said_by") },
            Err("there is already a relation type “said_by”"),
        );
        let set = check(
            &set,
            TypeEdit::Rename {
                name: s("zitiert_von"),
                new: s(" cita_de "),
            },
            Ok(&[
                "said_by: Quote>Entity, Zitat 💬>Entity",
                "claimed_by: Claim>Entity",
                "related_to: *",
                "cita_de: Zitat 💬>مصدر",
            ]),
        );
        check(
            &set,
            TypeEdit::Rename {
                name: s("cita_de"),
                new: s("said_by"),
            },
            Err("there is already a relation type “said_by”"),
        );
        check(
            &set,
            TypeEdit::Delete {
                name: s("related_to"),
            },
            Ok(&[
                "said_by: Quote>Entity, Zitat 💬>Entity",
                "claimed_by: Claim>Entity",
                "cita_de: Zitat 💬>مصدر",
            ]),
        );
        check(
            &set,
            TypeEdit::Delete { name: s("x") },
            Err("there is no relation type “x”"),
        );
        check(
            &set,
            TypeEdit::Add { name: s("  ") },
            Err("a relation type needs a name"),
        );
        check(
            &set,
            TypeEdit::RemovePair {
                name: s("spoke"),
                from: s("Quote"),
                to: s("Entity"),
            },
            Err("there is no relation type “spoke”"),
        );
    }
}
