//! The wire shapes of what qualifies spans, shared by the native file and the corpus store:
//! attribute definitions and relation types (the schema), attribute values and notes on spans,
//! and relations.
//!
//! - An attribute definition: `{"name": "check-worthy", "kind": "choice", "values": ["yes",
//!   "no", "unsure"]}`; `kind` is `flag`, `choice` or `text`; `values` only for a choice.
//! - A relation type: `{"name": "said_by", "pairs": [["Quote", "Entity"]]}`; no `pairs` (or an
//!   empty list) links any two spans.
//! - Attribute values on a span: `{"check-worthy": "yes", "direct": true}`: a flag is a JSON
//!   boolean, a choice or text a string.
//! - A relation: `{"id": "r1", "type": "said_by", "from": "a1", "to": "a2"}`, span ids.

use std::collections::BTreeMap;
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::model::attribute::{AttrDef, AttrKind, AttrValue, Attrs};
use crate::model::label::{LabelId, LabelSet};
use crate::model::relation::{Relation, RelationId, RelationType};
use crate::model::SpanId;

/// One attribute definition as written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireAttrDef {
    pub name: String,
    pub kind: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
}

impl WireAttrDef {
    pub fn of(def: &AttrDef) -> WireAttrDef {
        WireAttrDef {
            name: def.name.to_string(),
            kind: def.kind.word().to_string(),
            values: match &def.kind {
                AttrKind::Choice(list) => list.iter().map(|v| v.to_string()).collect(),
                AttrKind::Flag | AttrKind::Text => Vec::new(),
            },
        }
    }

    /// The definition; `None` for an unknown kind, a blank name or a choice without values.
    pub fn to_def(&self) -> Option<AttrDef> {
        let kind = match self.kind.as_str() {
            "flag" => AttrKind::Flag,
            "text" => AttrKind::Text,
            "choice" => match AttrKind::choice(&self.values) {
                AttrKind::Choice(list) if list.is_empty() => return None,
                k => k,
            },
            _ => return None,
        };
        (!self.name.trim().is_empty()).then(|| AttrDef::new(&self.name, kind))
    }
}

/// One relation type as written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireRelationType {
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pairs: Vec<[String; 2]>,
}

impl WireRelationType {
    pub fn of(t: &RelationType) -> WireRelationType {
        WireRelationType {
            name: t.name.to_string(),
            pairs: t
                .pairs
                .iter()
                .map(|(a, b)| [a.to_string(), b.to_string()])
                .collect(),
        }
    }

    pub fn to_type(&self) -> RelationType {
        let pairs: Vec<(&str, &str)> = self
            .pairs
            .iter()
            .map(|[a, b]| (a.as_str(), b.as_str()))
            .collect();
        RelationType::between(&self.name, &pairs)
    }
}

/// The relation types of a label set as written.
pub fn relation_types_of(labels: &LabelSet) -> Vec<WireRelationType> {
    labels
        .relation_types()
        .iter()
        .map(WireRelationType::of)
        .collect()
}

/// One attribute value as written: a boolean for a flag, a string otherwise.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum WireValue {
    Flag(bool),
    Text(String),
}

/// A span's attribute values as written.
pub fn attrs_to_wire(attrs: &Attrs) -> BTreeMap<String, WireValue> {
    attrs
        .iter()
        .map(|(n, v)| {
            let w = match v {
                AttrValue::Flag(b) => WireValue::Flag(*b),
                AttrValue::Choice(t) | AttrValue::Text(t) => WireValue::Text(t.to_string()),
            };
            (n.to_string(), w)
        })
        .collect()
}

/// A span's attribute values from the wire, read by the definitions of `label` in `labels`:
/// a string is a choice where the label defines a choice of that name and text otherwise (a
/// value the schema no longer defines is kept, not dropped). Returns the values and the names
/// whose value is not one the definition takes, which are left out. Never inlined: a reader of
/// spans that have none calls it only when there are some, and its code then stays out of
/// the part of the page's wasm a typical visit loads.
#[inline(never)]
pub fn attrs_from_wire(
    wire: &BTreeMap<String, WireValue>,
    labels: &LabelSet,
    label: LabelId,
) -> (Attrs, Vec<String>) {
    let mut pairs = Vec::with_capacity(wire.len());
    let mut bad = Vec::new();
    for (name, w) in wire {
        let def = labels.attribute(label, name);
        let value = match (w, def.map(|d| &d.kind)) {
            (WireValue::Flag(b), _) => AttrValue::Flag(*b),
            (WireValue::Text(t), Some(AttrKind::Choice(_))) => {
                AttrValue::Choice(Rc::from(t.as_str()))
            }
            (WireValue::Text(t), Some(AttrKind::Flag)) => {
                match crate::model::attribute::parse_flag(t) {
                    Some(b) => AttrValue::Flag(b),
                    None => AttrValue::Text(Rc::from(t.as_str())),
                }
            }
            (WireValue::Text(t), _) => AttrValue::Text(Rc::from(t.as_str())),
        };
        if def.is_some_and(|d| !d.accepts(&value)) || name.trim().is_empty() {
            bad.push(name.clone());
        } else {
            pairs.push((Rc::from(name.as_str()), value));
        }
    }
    (Attrs::from_pairs(pairs), bad)
}

/// One relation as written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireRelation {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub from: String,
    pub to: String,
}

impl WireRelation {
    pub fn of(r: &Relation) -> WireRelation {
        WireRelation {
            id: r.id().to_string(),
            kind: r.kind().to_string(),
            from: r.from().to_string(),
            to: r.to().to_string(),
        }
    }

    /// The relation; `None` when both ends are the same span or the type is blank.
    pub fn to_relation(&self) -> Option<Relation> {
        Relation::new(
            RelationId::new(&self.id),
            &self.kind,
            SpanId::new(&self.from),
            SpanId::new(&self.to),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::label::LabelSpec;

    fn labels() -> LabelSet {
        LabelSet::from_specs(vec![LabelSpec {
            attributes: vec![
                AttrDef::new("art", AttrKind::choice(&["direkt", "indirekt"])),
                AttrDef::new("geprüft", AttrKind::Flag),
                AttrDef::new("sprecher", AttrKind::Text),
            ],
            ..LabelSpec::named("Zitat")
        }])
        .unwrap()
    }

    #[test]
    fn definitions_round_trip() {
        for def in labels().get(LabelId(0)).unwrap().attributes.iter() {
            let wire = WireAttrDef::of(def);
            let json = serde_json::to_string(&wire).unwrap();
            let back: WireAttrDef = serde_json::from_str(&json).unwrap();
            assert_eq!(back.to_def().as_ref(), Some(def), "{json}");
        }
        let bad = |kind: &str, values: &[&str]| WireAttrDef {
            name: "x".into(),
            kind: kind.into(),
            values: values.iter().map(|v| v.to_string()).collect(),
        };
        assert_eq!(bad("choice", &[" "]).to_def(), None);
        assert_eq!(bad("number", &[]).to_def(), None);
        let t = RelationType::between("said_by", &[("Zitat", "Person 👤")]);
        assert_eq!(WireRelationType::of(&t).to_type(), t);
    }

    #[track_caller]
    fn check(json: &str, want: &[(&str, &str)], bad: &[&str]) {
        let wire: BTreeMap<String, WireValue> = serde_json::from_str(json).unwrap();
        let (attrs, b) = attrs_from_wire(&wire, &labels(), LabelId(0));
        let got: Vec<(String, String)> = attrs
            .iter()
            .map(|(n, v)| (n.to_string(), format!("{v:?}")))
            .collect();
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        assert_eq!(got, want, "{json}");
        assert_eq!(b, bad, "{json}");
        if b.is_empty() {
            let again = serde_json::to_string(&attrs_to_wire(&attrs)).unwrap();
            let reread: BTreeMap<String, WireValue> = serde_json::from_str(&again).unwrap();
            assert_eq!(attrs_from_wire(&reread, &labels(), LabelId(0)).0, attrs);
        }
    }

    #[test]
    fn values_are_read_by_their_definitions() {
        check(
            r#"{"art": "direkt"}"#,
            &[("art", r#"Choice("direkt")"#)],
            &[],
        );
        check(r#"{"geprüft": true}"#, &[("geprüft", "Flag(true)")], &[]);
        check(r#"{"geprüft": "no"}"#, &[("geprüft", "Flag(false)")], &[]);
        check(
            r#"{"sprecher": "Ильхам 🇦🇿"}"#,
            &[("sprecher", r#"Text("Ильхам 🇦🇿")"#)],
            &[],
        );
        check(r#"{"alt": "kept"}"#, &[("alt", r#"Text("kept")"#)], &[]);
        check(
            r#"{"art": "vielleicht", "geprüft": false}"#,
            &[("geprüft", "Flag(false)")],
            &["art"],
        );
        check(r#"{"sprecher": true}"#, &[], &["sprecher"]);
    }

    #[test]
    fn relations_round_trip() {
        let w = WireRelation {
            id: "r1".into(),
            kind: "said_by".into(),
            from: "a1".into(),
            to: "a2".into(),
        };
        let json = serde_json::to_string(&w).unwrap();
        assert_eq!(
            json,
            r#"{"id":"r1","type":"said_by","from":"a1","to":"a2"}"#
        );
        let r = w.to_relation().unwrap();
        assert_eq!(WireRelation::of(&r), w);
        assert!(WireRelation {
            to: "a1".into(),
            ..w
        }
        .to_relation()
        .is_none());
    }
}
