//! The corpus's label schema, one label set for every document, saved with the corpus and
//! owned by the user: editing it (add, rename, recolour, describe, reorder, delete), carrying
//! documents over to an edited schema, and adding the labels imported documents bring (the
//! labels already there keep their keys and colours, first), so every span keeps its label.
//! Colours (a colour-blind-safe palette and a contrast check) are in [`super::colour`].
//!
//! The schema is a `model::LabelSet`, wrapped rather than replaced: the app and every format
//! already speak `LabelSet`, so the set keeps its invariant (unique names, hotkeys by position,
//! `#rrggbb` colours) and this module only computes edited sets. Spans hold a `LabelId`, the
//! label's position, so:
//!
//! - rename, recolour and describe keep every position: spans follow with no change, and the
//!   [`Remap`] they return is the identity;
//! - move and delete change positions: the returned [`Remap`] sends each old id to its new one
//!   (`None` for the deleted label), and [`carry_over`] applies it to a document, handing back
//!   the spans a delete removed so the caller can undo it. An editor's undo history holds
//!   label ids too: map its spans with [`Remap::span`] or start it afresh.
//!
//! Hotkeys follow positions (see `model::label`), so a move reassigns them. Attribute edits
//! ([`attrs`]) keep every position too.

use std::borrow::Borrow;
use std::fmt;

pub mod attrs;
pub use attrs::AttrEdit;

use crate::corpus::list::DocSummary;
use crate::model::label::{is_hex_color, LabelError, LabelSpec};
use crate::model::{Document, LabelId, LabelSet, RelationType, Span};

/// One change to the schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SchemaEdit {
    /// A new label at the end.
    Add(LabelSpec),
    Rename {
        id: LabelId,
        name: String,
    },
    /// A new colour, `#rrggbb`.
    Recolour {
        id: LabelId,
        color: String,
    },
    /// A new guideline text (empty removes it).
    Describe {
        id: LabelId,
        description: String,
    },
    /// Move the label to position `to` (0-based; past the end means last).
    Move {
        id: LabelId,
        to: usize,
    },
    /// Remove the label; its spans go with it.
    Delete {
        id: LabelId,
    },
    /// Edit the attributes of the label ([`attrs`]).
    Attribute {
        id: LabelId,
        edit: AttrEdit,
    },
}

/// Why an edit cannot be made; the schema stays as it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SchemaError {
    /// The edit names a label the schema does not have.
    NoSuchLabel(LabelId),
    /// The colour is not `#rrggbb`.
    BadColour(String),
    /// Deleting the only label would leave none.
    LastLabel,
    /// The edited set breaks a rule of label sets (a blank or repeated name, too many labels).
    Label(LabelError),
    /// The label has no attribute of that name.
    NoSuchAttribute { label: String, name: String },
    /// The label already has an attribute of that name.
    AttributeExists { label: String, name: String },
    /// An attribute without a name.
    BlankAttribute,
    /// A list of values would be left empty.
    NoValues(String),
    /// Values are added or renamed only on a list (a choice).
    NotAChoice(String),
    /// The list has no such value.
    NoSuchValue(String),
    /// The list has the value already.
    ValueExists(String),
    /// A value without text.
    BlankValue,
}

impl fmt::Display for SchemaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SchemaError::NoSuchLabel(id) => write!(f, "there is no label number {}", id.0),
            SchemaError::BadColour(c) => {
                write!(f, "“{c}” is not a colour of the form #rrggbb")
            }
            SchemaError::LastLabel => {
                write!(f, "the last label cannot be deleted: a schema needs one")
            }
            SchemaError::Label(LabelError::EmptyName) => write!(f, "a label needs a name"),
            SchemaError::Label(LabelError::DuplicateName(n)) => {
                write!(f, "there is already a label “{n}”")
            }
            SchemaError::Label(e) => write!(f, "{e}"),
            SchemaError::NoSuchAttribute { label, name } => {
                write!(f, "“{label}” has no attribute “{name}”")
            }
            SchemaError::AttributeExists { label, name } => {
                write!(f, "“{label}” already has an attribute “{name}”")
            }
            SchemaError::BlankAttribute => write!(f, "an attribute needs a name"),
            SchemaError::NoValues(n) => write!(f, "“{n}” needs at least one value"),
            SchemaError::NotAChoice(n) => write!(f, "“{n}” is not a list of values"),
            SchemaError::NoSuchValue(v) => write!(f, "the list has no value “{v}”"),
            SchemaError::ValueExists(v) => write!(f, "the list already has the value “{v}”"),
            SchemaError::BlankValue => write!(f, "a value needs some text"),
        }
    }
}

/// Where each label of the old schema went: `new_id[old]`, `None` for a deleted label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Remap(Vec<Option<LabelId>>);

impl Remap {
    /// Every label stays where it is.
    pub fn identity(len: usize) -> Remap {
        Remap((0..len).map(|i| Some(id_at(i))).collect())
    }

    pub fn is_identity(&self) -> bool {
        self.0
            .iter()
            .enumerate()
            .all(|(i, id)| *id == Some(id_at(i)))
    }

    /// The new id of an old label; `None` when it was deleted (or was never in the schema).
    pub fn get(&self, old: LabelId) -> Option<LabelId> {
        self.0.get(old.index()).copied().flatten()
    }

    /// The span with its label's new id; `None` when its label was deleted.
    pub fn span(&self, span: &Span) -> Option<Span> {
        self.get(span.label()).map(|l| span.with_label(l))
    }
}

/// The id of position `i`; positions come from a `LabelSet`, which holds at most
/// `MAX_LABELS` (255), so the index always fits.
fn id_at(i: usize) -> LabelId {
    LabelId(u8::try_from(i).unwrap_or(u8::MAX))
}

/// The schema after `edit`, and where each old label went.
pub fn edit(labels: &LabelSet, edit: &SchemaEdit) -> Result<(LabelSet, Remap), SchemaError> {
    let mut specs = labels.specs();
    let n = specs.len();
    let check = |id: LabelId| {
        (id.index() < n)
            .then_some(id.index())
            .ok_or(SchemaError::NoSuchLabel(id))
    };
    let mut remap = Remap::identity(n);
    match edit {
        SchemaEdit::Add(spec) => specs.push(spec.clone()),
        SchemaEdit::Rename { id, name } => specs[check(*id)?].name = name.trim().to_string(),
        SchemaEdit::Recolour { id, color } => {
            let i = check(*id)?;
            if !is_hex_color(color) {
                return Err(SchemaError::BadColour(color.clone()));
            }
            specs[i].color = Some(color.clone());
        }
        SchemaEdit::Describe { id, description } => {
            specs[check(*id)?].description = description.trim().to_string();
        }
        SchemaEdit::Attribute { id, edit } => attrs::apply(&mut specs[check(*id)?], edit)?,
        SchemaEdit::Move { id, to } => {
            let from = check(*id)?;
            let to = (*to).min(n - 1);
            let spec = specs.remove(from);
            specs.insert(to, spec);
            // Old positions in their new order: new position k holds old label order[k].
            let mut order: Vec<usize> = (0..n).collect();
            let moved = order.remove(from);
            order.insert(to, moved);
            let mut map = vec![None; n];
            for (new, old) in order.into_iter().enumerate() {
                map[old] = Some(id_at(new));
            }
            remap = Remap(map);
        }
        SchemaEdit::Delete { id } => {
            let i = check(*id)?;
            if n == 1 {
                return Err(SchemaError::LastLabel);
            }
            specs.remove(i);
            remap = Remap(
                (0..n)
                    .map(|old| match old.cmp(&i) {
                        std::cmp::Ordering::Less => Some(id_at(old)),
                        std::cmp::Ordering::Equal => None,
                        std::cmp::Ordering::Greater => Some(id_at(old - 1)),
                    })
                    .collect(),
            );
        }
    }
    let set = LabelSet::from_specs(specs).map_err(SchemaError::Label)?;
    let types = relation_types_after(labels, edit);
    let set = set.with_relation_types(types).map_err(SchemaError::Label)?;
    Ok((set, remap))
}

/// The relation types of `labels` after `edit`: a renamed label is renamed in the pairs, a
/// deleted one leaves them, and a type whose every pair named a deleted label goes too (it
/// must not turn into a type that links anything).
fn relation_types_after(labels: &LabelSet, edit: &SchemaEdit) -> Vec<RelationType> {
    let name = |id: &LabelId| labels.get(*id).map(|l| l.name.clone());
    let mut types = labels.relation_types().to_vec();
    match edit {
        SchemaEdit::Rename { id, name: new } => {
            if let Some(old) = name(id) {
                let new: std::rc::Rc<str> = std::rc::Rc::from(new.trim());
                let swap = |n: &std::rc::Rc<str>| if *n == old { new.clone() } else { n.clone() };
                for t in &mut types {
                    t.pairs = t.pairs.iter().map(|(a, b)| (swap(a), swap(b))).collect();
                }
            }
        }
        SchemaEdit::Delete { id } => {
            if let Some(old) = name(id) {
                types.retain_mut(|t| {
                    if t.pairs.is_empty() {
                        return true;
                    }
                    t.pairs = t
                        .pairs
                        .iter()
                        .filter(|(a, b)| *a != old && *b != old)
                        .cloned()
                        .collect();
                    !t.pairs.is_empty()
                });
            }
        }
        SchemaEdit::Add(_)
        | SchemaEdit::Recolour { .. }
        | SchemaEdit::Describe { .. }
        | SchemaEdit::Attribute { .. }
        | SchemaEdit::Move { .. } => {}
    }
    types
}

/// `doc` under the edited schema `labels`, and the spans a delete removed (in text order),
/// which are what an undo puts back.
pub fn carry_over(doc: &Document, labels: &LabelSet, remap: &Remap) -> (Document, Vec<Span>) {
    let (mut kept, mut removed) = (Vec::new(), Vec::new());
    for s in doc.spans().iter() {
        match remap.span(s) {
            Some(moved) if labels.get(moved.label()).is_some() => kept.push(moved),
            _ => removed.push(s.clone()),
        }
    }
    // Every kept span has a label of `labels` and was within the same text.
    match doc.with_labels(labels.clone(), kept) {
        Ok(d) => (d, removed),
        Err(_) => (doc.clone(), Vec::new()),
    }
}

/// How much of a corpus uses a label: what a delete would remove.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Usage {
    pub spans: usize,
    pub documents: usize,
}

/// How many spans and documents use the label `name`, from the list's summaries (no text is
/// read). Documents in the bin count too: a delete removes their spans as well.
pub fn usage<D: Borrow<DocSummary>>(summaries: &[D], name: &str) -> Usage {
    summaries
        .iter()
        .map(Borrow::borrow)
        .filter_map(|d: &DocSummary| d.labels.get(name).copied().filter(|&n| n > 0))
        .fold(Usage::default(), |u, n| Usage {
            spans: u.spans + n,
            documents: u.documents + 1,
        })
}

/// The labels of `doc` that `schema` lacks, in the document's order: what an import offers to
/// add.
pub fn missing_labels(schema: &LabelSet, doc: &LabelSet) -> Vec<String> {
    doc.iter()
        .filter(|(_, l)| schema.by_name(&l.name).is_none())
        .map(|(_, l)| l.name.to_string())
        .collect()
}

/// `schema` with the labels of `incoming` it lacks added at the end (with their colours and
/// guidelines), and the names added; what an import that brings new labels offers. The labels
/// already there keep their positions, keys and colours. Fails only when the result would
/// have more labels than a set holds.
pub fn merged(
    schema: &LabelSet,
    incoming: &LabelSet,
) -> Result<(LabelSet, Vec<String>), LabelError> {
    let added = missing_labels(schema, incoming);
    let new_types = incoming
        .relation_types()
        .iter()
        .any(|t| schema.relation_type(&t.name).is_none());
    if added.is_empty() && !new_types {
        return Ok((schema.clone(), added));
    }
    let mut specs = schema.specs();
    specs.extend(
        incoming
            .specs()
            .into_iter()
            .filter(|l| schema.by_name(&l.name).is_none()),
    );
    Ok((
        LabelSet::from_specs(specs)?.with_types_from([schema, incoming]),
        added,
    ))
}

/// `doc` with its spans relabelled into `schema` by label name; `Err` with the names the
/// schema lacks (add them with [`merged`] first).
pub fn conform(doc: &Document, schema: &LabelSet) -> Result<Document, Vec<String>> {
    if doc.labels() == schema {
        return Ok(doc.clone());
    }
    let missing = missing_labels(schema, doc.labels());
    let used_missing: Vec<String> = missing
        .into_iter()
        .filter(|name| {
            doc.spans()
                .iter()
                .any(|s| doc.labels().name(s.label()) == name)
        })
        .collect();
    if !used_missing.is_empty() {
        return Err(used_missing);
    }
    let spans = doc
        .spans()
        .iter()
        .filter_map(|s| {
            let id = schema.by_name(doc.labels().name(s.label()))?;
            Some(s.with_label(id))
        })
        .collect();
    doc.with_labels(schema.clone(), spans)
        .map_err(|_| Vec::new())
}

mod grow;
pub use grow::grown;

#[cfg(test)]
mod tests;
