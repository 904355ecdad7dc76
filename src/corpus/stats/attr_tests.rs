//! Attribute values and notes in the statistics: counted from documents and from stored
//! spans alike, written in the JSON, and narrowed by the panel's filter.

use super::*;
use crate::model::{CharRange, LabelId, LabelSet, Span, SpanId};
use serde_json::json;

fn doc(id: &str, text: &str, labels: &LabelSet, spans: &[(u8, usize, usize)]) -> Document {
    let spans = spans
        .iter()
        .enumerate()
        .map(|(i, &(l, a, b))| {
            let r = CharRange::new(a, b).unwrap();
            Span::new(SpanId::new(&format!("s{i}")), LabelId(l), r).unwrap()
        })
        .collect();
    Document::new(id, text, labels.clone())
        .with_id(id)
        .with_spans(spans)
        .unwrap()
}

#[test]
fn attribute_values_and_notes_are_counted_and_filtered() {
    use crate::model::attribute::{AttrDef, AttrKind, AttrValue};
    use crate::model::label::LabelSpec;
    let labels = LabelSet::from_specs(vec![
        LabelSpec {
            attributes: vec![AttrDef::new("type", AttrKind::choice(&["person", "地名"]))],
            ..LabelSpec::named("Entity")
        },
        LabelSpec {
            attributes: vec![AttrDef::new("check-worthy", AttrKind::Flag)],
            ..LabelSpec::named("Claim")
        },
    ])
    .unwrap();
    let set = |d: Document, i: usize, name: &str, v: AttrValue| {
        let mut spans: Vec<Span> = d.spans().iter().cloned().collect();
        let s = spans[i].with_attr(name, Some(v));
        spans[i] = s;
        d.with_spans(spans).unwrap()
    };
    let a = doc(
        "a",
        "Baku 🇦🇿 said: «oil» خبر",
        &labels,
        &[(0, 0, 4), (1, 9, 22), (0, 19, 22)],
    );
    let a = set(a, 0, "type", AttrValue::Choice("地名".into()));
    let a = set(a, 2, "type", AttrValue::Choice("地名".into()));
    let a = set(a, 1, "check-worthy", AttrValue::Flag(true));
    let mut spans: Vec<Span> = a.spans().iter().cloned().collect();
    spans[1] = spans[1].with_note("source? 🧐");
    let a = a.with_spans(spans).unwrap();
    let b = doc("b", "Merkel", &labels, &[(0, 0, 6)]);
    let b = set(b, 0, "type", AttrValue::Choice("person".into()));
    let stats = Stats::of(&[a, b]);
    let got: serde_json::Value = serde_json::from_str(&stats.to_json()).unwrap();
    assert_eq!(
        got["attributes"],
        json!({"Claim": {"check-worthy": {"yes": 1}}, "Entity": {"type": {"person": 1, "地名": 2}}})
    );
    assert_eq!(got["notes"], json!(1));
    let rows = |f: &str| stats.value_rows(f);
    assert_eq!(
        rows(""),
        [
            ("Claim", "check-worthy", "yes", 1),
            ("Entity", "type", "person", 1),
            ("Entity", "type", "地名", 2)
        ]
    );
    assert_eq!(
        rows("ENTITY"),
        [
            ("Entity", "type", "person", 1),
            ("Entity", "type", "地名", 2)
        ]
    );
    assert_eq!(rows("type: 地"), [("Entity", "type", "地名", 2)]);
    assert_eq!(rows("nothing"), []);
    // What the worker counts from stored spans adds up the same.
    let mut counted = Stats::default();
    counted.add_values("Entity", [("type", "地名"), ("type", "地名")], false);
    counted.add_values("Entity", [("type", "person")], false);
    counted.add_values("Claim", [("check-worthy", "yes")], true);
    assert_eq!(
        (counted.attributes, counted.notes),
        (stats.attributes.clone(), stats.notes)
    );
}
