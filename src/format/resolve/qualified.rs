//! The import steps for what qualifies spans, shared by every format: attribute values and
//! notes on each span, read by the definitions of the span's label (definitions the file does
//! not give are inferred from the values it holds, so the label set grows rather than a value
//! being dropped), and relations, resolved after the spans against the spans kept.
//!
//! A relation is never guessed: one whose end is not a kept span, whose type the file's
//! schema does not define, or that its type does not allow between the two labels is a
//! [`Problem`] naming it, and the rest of the file is kept. A format without a place for
//! relation types (JSONL, Label Studio, W3C, doccano) gets each type it uses as a type that
//! links any two spans ([`RelationType::any`]) unless the label set already has it.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use super::{Fatal, Problem, RawDoc, RawSpan};
use crate::model::attribute::{parse_flag, AttrDef, AttrKind, AttrValue, Attrs, MAX_TEXT_CHARS};
use crate::model::label::{LabelError, LabelId, LabelSet};
use crate::model::relation::{Relation, RelationId, RelationType, MAX_RELATIONS};
use crate::model::{Document, Span, SpanId};

/// The most distinct values a choice inferred from a file lists; past it the attribute is
/// read as free text (a file that numbers every span is not naming categories).
const MAX_INFERRED_CHOICES: usize = 50;

/// An attribute value as a file states it, with what the file says of its kind: a boolean,
/// one of a list (a Label Studio `choices` result, a brat multi-valued attribute), or text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum RawValue {
    Flag(bool),
    Choice(String),
    Text(String),
}

impl RawValue {
    /// A JSON value: a boolean is a flag, a string text, anything else text as its JSON
    /// (a number `3` is the text `3`; the label's definition decides whether it fits).
    pub fn from_json(v: &serde_json::Value) -> RawValue {
        match v {
            serde_json::Value::Bool(b) => RawValue::Flag(*b),
            serde_json::Value::String(s) => RawValue::Text(s.clone()),
            other => RawValue::Text(other.to_string()),
        }
    }

    /// A map of attribute values from a JSON object (`None` when `v` is not an object).
    pub fn map_from_json(v: &serde_json::Value) -> Option<Vec<(String, RawValue)>> {
        let map = v.as_object()?;
        Some(
            map.iter()
                .map(|(k, v)| (k.clone(), RawValue::from_json(v)))
                .collect(),
        )
    }

    fn text(&self) -> &str {
        match self {
            RawValue::Flag(true) => "yes",
            RawValue::Flag(false) => "no",
            RawValue::Choice(t) | RawValue::Text(t) => t,
        }
    }
}

/// One end of a relation as a file names it: a span id, or the position of the annotation in
/// the file (for formats whose relations point at spans rather than ids, such as Prodigy's).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum RawEnd {
    Id(String),
    Entry(usize),
}

/// One relation as a file states it, before any check.
#[derive(Clone, Debug)]
pub(crate) struct RawRelation {
    /// How messages name it: `“R1”`, `number 2`.
    pub name: String,
    /// The id to keep, when the file gives one.
    pub id: Option<String>,
    pub kind: String,
    pub from: RawEnd,
    pub to: RawEnd,
}

/// The label set of an import: the file's relation types (when it defines them), every
/// attribute the spans use that their label does not define (inferred from the values), and
/// every relation type the relations use that the file had no place to define.
pub(crate) fn grow_labels(labels: LabelSet, raw: &RawDoc) -> Result<LabelSet, Fatal> {
    let uses = raw
        .entries
        .iter()
        .filter_map(|e| e.as_ref().ok())
        .flat_map(|s: &RawSpan| {
            s.attrs
                .iter()
                .map(move |(n, v)| (s.label.as_str(), n.as_str(), v))
        });
    let kinds = raw
        .relations
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .map(|r| r.kind.as_str());
    grown(labels, uses, raw.types.as_deref(), kinds)
}

/// [`grow_labels`] from its parts, for exports that predict what an import will rebuild.
pub(crate) fn grown<'a>(
    labels: LabelSet,
    uses: impl Iterator<Item = (&'a str, &'a str, &'a RawValue)>,
    types: Option<&[RelationType]>,
    kinds: impl Iterator<Item = &'a str>,
) -> Result<LabelSet, Fatal> {
    let bad = |e: LabelError| Fatal::BadLabels(e.to_string());
    let mut labels = match types {
        Some(t) => labels.with_relation_types(t.to_vec()).map_err(bad)?,
        None => labels,
    };
    let mut at: HashMap<(LabelId, &str), usize> = HashMap::new();
    let mut found: Vec<(LabelId, &str, Vec<&RawValue>)> = Vec::new();
    for (label, name, value) in uses {
        let name = name.trim();
        let Some(id) = labels.by_name(label) else {
            continue;
        };
        if name.is_empty() || labels.attribute(id, name).is_some() {
            continue;
        }
        let k = *at.entry((id, name)).or_insert_with(|| {
            found.push((id, name, Vec::new()));
            found.len() - 1
        });
        if let Some((_, _, values)) = found.get_mut(k) {
            values.push(value);
        }
    }
    if !found.is_empty() {
        let mut specs = labels.specs();
        for (id, name, values) in found {
            if let Some(spec) = specs.get_mut(id.index()) {
                spec.attributes
                    .push(AttrDef::new(name, inferred_kind(&values)));
            }
        }
        labels = LabelSet::from_specs(specs)
            .map_err(bad)?
            .with_types_from([&labels]);
    }
    if types.is_none() {
        let mut all = labels.relation_types().to_vec();
        let before = all.len();
        for k in kinds.map(str::trim) {
            if !k.is_empty() && !all.iter().any(|t| &*t.name == k) {
                all.push(RelationType::any(k));
            }
        }
        if all.len() > before {
            labels = labels.with_relation_types(all).map_err(bad)?;
        }
    }
    Ok(labels)
}

/// The kind the values of one attribute suggest: a flag when all are booleans, a choice
/// (of the values in order of first use) when the file says each is one of a list, and free
/// text otherwise.
fn inferred_kind(values: &[&RawValue]) -> AttrKind {
    if values.iter().all(|v| matches!(v, RawValue::Flag(_))) {
        return AttrKind::Flag;
    }
    if values.iter().all(|v| matches!(v, RawValue::Choice(_))) {
        let kind = AttrKind::choice(&values.iter().map(|v| v.text()).collect::<Vec<_>>());
        if matches!(&kind, AttrKind::Choice(l) if !l.is_empty() && l.len() <= MAX_INFERRED_CHOICES)
        {
            return kind;
        }
    }
    AttrKind::Text
}

/// A raw value read by its definition; `None` when the definition does not take it.
fn value_for(def: &AttrDef, v: &RawValue) -> Option<AttrValue> {
    let value = match (&def.kind, v) {
        (AttrKind::Flag, RawValue::Flag(b)) => AttrValue::Flag(*b),
        (AttrKind::Flag, RawValue::Choice(t) | RawValue::Text(t)) => {
            AttrValue::Flag(parse_flag(t)?)
        }
        (AttrKind::Choice(_), v) => AttrValue::Choice(Rc::from(v.text().trim())),
        (AttrKind::Text, v) => AttrValue::Text(Rc::from(v.text())),
    };
    def.accepts(&value).then_some(value)
}

/// `span` with the attribute values and note `raw` states, each read by the definitions of
/// the span's label; a value its definition does not take, and an overlong note, is left out
/// and reported.
pub(crate) fn qualify(
    span: Span,
    raw: &RawSpan,
    labels: &LabelSet,
    problems: &mut Vec<Problem>,
) -> Span {
    let mut out = span;
    if !raw.attrs.is_empty() {
        let mut pairs: Vec<(Rc<str>, AttrValue)> = Vec::with_capacity(raw.attrs.len());
        for (name, v) in &raw.attrs {
            let name = name.trim();
            let value = labels
                .attribute(out.label(), name)
                .and_then(|def| value_for(def, v));
            match value {
                Some(value) => pairs.push((Rc::from(name), value)),
                None => problems.push(Problem::BadAttribute {
                    annotation: raw.name.clone(),
                    name: name.to_string(),
                    value: v.text().to_string(),
                }),
            }
        }
        out = out.with_attrs(Attrs::from_pairs(pairs));
    }
    if let Some(note) = &raw.note {
        let chars = note.chars().count();
        if chars > MAX_TEXT_CHARS {
            problems.push(Problem::NoteTooLong {
                annotation: raw.name.clone(),
                chars,
            });
        } else {
            out = out.with_note(note);
        }
    }
    out
}

/// `doc` (its spans kept) with the file's relations that fit: each end a kept span, the type
/// known and allowed between the two labels, no repeat. The rest are reported in `problems`.
/// `ids` are the span ids the import gave the file's entries, in entry order.
pub(crate) fn link(
    doc: Document,
    raw: &RawDoc,
    ids: &[String],
    problems: &mut Vec<Problem>,
) -> Result<Document, Fatal> {
    if raw.relations.is_empty() {
        return Ok(doc);
    }
    // Indexed once: a file may link thousands of spans.
    let kept: HashMap<&str, LabelId> = doc
        .spans()
        .iter()
        .map(|s| (s.id().as_str(), s.label()))
        .collect();
    let taken: HashSet<&str> = raw
        .relations
        .iter()
        .filter_map(|r| r.as_ref().ok()?.id.as_deref())
        .collect();
    let mut ids_used: HashSet<String> = HashSet::new();
    let mut same: HashMap<(&str, &str, &str), &str> = HashMap::new();
    let mut out: Vec<Relation> = Vec::new();
    let mut next = 1u64;
    let mut over = 0usize;
    for entry in &raw.relations {
        let r = match entry {
            Err(p) => {
                problems.push(p.clone());
                continue;
            }
            Ok(r) => r,
        };
        let mut ends = [(&r.from, None), (&r.to, None)];
        let mut missing = None;
        for (e, label) in &mut ends {
            let (id, name) = end_of(e, raw, ids);
            match id.and_then(|id| Some((id, *kept.get(id)?))) {
                Some(found) => *label = Some(found),
                None => {
                    missing = Some(name);
                    break;
                }
            }
        }
        let [(_, Some((from, from_label))), (_, Some((to, to_label)))] = ends else {
            problems.push(Problem::MissingEnd {
                relation: r.name.clone(),
                end: missing.unwrap_or_default(),
            });
            continue;
        };
        let kind = r.kind.trim();
        let Some(t) = doc.labels().relation_type(kind) else {
            problems.push(if kind.is_empty() {
                Problem::BadRelation {
                    relation: r.name.clone(),
                    why: "it has no type".into(),
                }
            } else {
                Problem::UnknownRelationType {
                    relation: r.name.clone(),
                    kind: kind.to_string(),
                }
            });
            continue;
        };
        let (fl, tl) = (doc.labels().name(from_label), doc.labels().name(to_label));
        if !t.allows(fl, tl) {
            problems.push(Problem::RelationNotAllowed {
                relation: r.name.clone(),
                kind: kind.to_string(),
                from: fl.to_string(),
                to: tl.to_string(),
            });
            continue;
        }
        if from == to {
            problems.push(Problem::BadRelation {
                relation: r.name.clone(),
                why: "it links an annotation to itself".into(),
            });
            continue;
        }
        if let Some(first) = same.get(&(kind, from, to)) {
            problems.push(Problem::DuplicateRelation {
                relation: r.name.clone(),
                same_as: first.to_string(),
            });
            continue;
        }
        let id = match &r.id {
            Some(id) => id.clone(),
            None => loop {
                let id = format!("r{next}");
                next += 1;
                if !taken.contains(id.as_str()) {
                    break id;
                }
            },
        };
        if ids_used.contains(&id) {
            problems.push(Problem::DuplicateRelationId {
                relation: r.name.clone(),
            });
            continue;
        }
        if out.len() >= MAX_RELATIONS {
            over += 1;
            continue;
        }
        let Some(relation) = Relation::new(
            RelationId::new(&id),
            kind,
            SpanId::new(from),
            SpanId::new(to),
        ) else {
            continue;
        };
        same.insert((kind, from, to), r.name.as_str());
        ids_used.insert(id);
        out.push(relation);
    }
    if over > 0 {
        problems.push(Problem::TooManyRelations {
            count: out.len() + over,
            max: MAX_RELATIONS,
        });
    }
    doc.with_relations(out)
        .map_err(|e| Fatal::Malformed(format!("{e:?}")))
}

/// The span id an end names (the id the import gave it), and how messages name it.
fn end_of<'a>(e: &'a RawEnd, raw: &'a RawDoc, ids: &'a [String]) -> (Option<&'a str>, String) {
    match e {
        RawEnd::Id(id) => (Some(id.as_str()), format!("“{id}”")),
        RawEnd::Entry(k) => {
            let name = raw
                .entries
                .get(*k)
                .and_then(|e| e.as_ref().ok())
                .map_or_else(|| format!("number {}", k + 1), |s| s.name.clone());
            (ids.get(*k).map(String::as_str), name)
        }
    }
}
