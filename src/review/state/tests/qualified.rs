//! Attributes and relations in review: a conflict on an attribute value, a conflict on a link
//! (one annotator linked the quote to a speaker, the other to another or not at all), what an
//! accept brings into gold, and one undo per decision.

use std::rc::Rc;

use super::*;
use crate::model::{AttrValue, Attrs};
use crate::review::layer::LayerRelation;

/// `(start, end, label, kind)`; kind `""` for no value.
type Q<'a> = &'a [(usize, usize, &'a str, &'a str)];
/// `(type, from index, to index)` into the layer's spans.
type L<'a> = &'a [(&'a str, usize, usize)];

fn qualified(name: &str, spans: Q, links: L) -> ReviewLayer {
    let spans: Vec<LayerSpan> = spans
        .iter()
        .map(|&(a, b, l, kind)| {
            let mut attrs = Vec::new();
            if !kind.is_empty() {
                attrs.push((Rc::from("kind"), AttrValue::Text(Rc::from(kind))));
            }
            LayerSpan::new(a, b, l).with_attrs(Attrs::from_pairs(attrs))
        })
        .collect();
    let relations = links
        .iter()
        .map(|&(t, f, to)| LayerRelation::new(t, spans[f].key(), spans[to].key()))
        .collect();
    ReviewLayer::annotator(name, spans).with_relations(relations)
}

fn open_q(layers: Vec<ReviewLayer>) -> Review {
    let d = Document::new("t", WORLD, LabelSet::standard());
    Review::new(d, layers, Threshold::All).unwrap()
}

/// Gold as `Label“text”[kind]` and links as `type text→text`, in text order.
fn shown(r: &Review) -> (Vec<String>, Vec<String>) {
    let d = r.gold();
    let spans = d
        .spans()
        .iter()
        .map(|s| {
            let kind = s.attr("kind").map_or(String::new(), |v| format!("[{v}]"));
            format!("{}“{}”{kind}", d.labels().name(s.label()), d.covered(s))
        })
        .collect();
    let text = |id: &SpanId| {
        d.spans()
            .get(id)
            .map_or(String::new(), |s| d.covered(s).to_string())
    };
    let mut links: Vec<String> = d
        .relations()
        .iter()
        .map(|l| format!("{} {}→{}", l.kind(), text(l.from()), text(l.to())))
        .collect();
    links.sort();
    (spans, links)
}

#[track_caller]
fn check(r: &Review, spans: &[&str], links: &[&str]) {
    let (s, l) = shown(r);
    let s: Vec<&str> = s.iter().map(String::as_str).collect();
    let l: Vec<&str> = l.iter().map(String::as_str).collect();
    assert_eq!((s.as_slice(), l.as_slice()), (spans, links));
}

/// Zoë, 李雷, the Hebrew quote.
const ZOE: (usize, usize, &str, &str) = (0, 3, "Entity", "");
const LI: (usize, usize, &str, &str) = (13, 15, "Entity", "");

#[test]
fn an_attribute_value_conflict_is_decided_by_accepting_a_version() {
    let r = open_q(vec![
        qualified("A", &[ZOE, (33, 37, "Quote", "direct")], &[]),
        qualified("B", &[ZOE, (33, 37, "Quote", "indirect 👩🏽‍💻")], &[]),
    ]);
    assert_eq!(r.conflicts().len(), 1);
    let c = &r.conflicts()[0];
    assert_eq!((c.region.start(), c.region.end()), (33, 37));
    let d = c.differences;
    assert_eq!(
        (d.attribute, d.label, d.boundary, d.relation),
        (true, false, false, false)
    );
    check(&r, &["Entity“Zoë”"], &[]);
    let b = r.accept(ConflictId(0), 1).unwrap();
    check(&b, &["Entity“Zoë”", "Quote“שלום”[indirect 👩🏽‍💻]"], &[]);
    // Changing the decision swaps the value, not a second span.
    let a = b.accept(ConflictId(0), 0).unwrap();
    check(&a, &["Entity“Zoë”", "Quote“שלום”[direct]"], &[]);
    check(
        &a.undo().unwrap(),
        &["Entity“Zoë”", "Quote“שלום”[indirect 👩🏽‍💻]"],
        &[],
    );
    check(&a.reject(ConflictId(0)).unwrap(), &["Entity“Zoë”"], &[]);
}

#[test]
fn a_relation_conflict_is_a_conflict_of_its_own_when_the_spans_agree() {
    let spans = &[ZOE, LI, (33, 37, "Quote", "")];
    let r = open_q(vec![
        qualified("A", spans, &[("said_by", 2, 0)]),
        qualified("B", spans, &[("said_by", 2, 1)]),
        qualified("C", spans, &[]),
    ]);
    // The spans merged; the links differ: one conflict at the quote.
    check(&r, &["Entity“Zoë”", "Entity“李雷”", "Quote“שלום”"], &[]);
    assert_eq!(r.conflicts().len(), 1);
    let c = &r.conflicts()[0];
    assert_eq!(
        (c.region.start(), c.region.end(), c.members.len()),
        (33, 37, 0)
    );
    assert!(c.differences.relation);
    let a = r.accept(ConflictId(0), 0).unwrap();
    check(
        &a,
        &["Entity“Zoë”", "Entity“李雷”", "Quote“שלום”"],
        &["said_by שלום→Zoë"],
    );
    let b = a.accept(ConflictId(0), 1).unwrap();
    check(
        &b,
        &["Entity“Zoë”", "Entity“李雷”", "Quote“שלום”"],
        &["said_by שלום→李雷"],
    );
    // C linked nothing: accepting C's version takes the link out.
    let none = b.accept(ConflictId(0), 2).unwrap();
    check(&none, &["Entity“Zoë”", "Entity“李雷”", "Quote“שלום”"], &[]);
    assert!(none.is_reviewed());
    check(
        &none.undo().unwrap(),
        &["Entity“Zoë”", "Entity“李雷”", "Quote“שלום”"],
        &["said_by שלום→李雷"],
    );
}

#[test]
fn agreed_links_merge_and_an_accepted_version_brings_its_links() {
    // Both link the quote to Zoë the same way: merged with the spans, no conflict.
    let same = &[("said_by", 1, 0)];
    let r = open_q(vec![
        qualified("A", &[ZOE, (33, 37, "Quote", "")], same),
        qualified("B", &[ZOE, (33, 37, "Quote", "")], same),
    ]);
    assert!(r.conflicts().is_empty());
    check(&r, &["Entity“Zoë”", "Quote“שלום”"], &["said_by שלום→Zoë"]);
    // Another quote boundary: the link comes with the accepted version's quote.
    let r = open_q(vec![
        qualified("A", &[ZOE, (33, 37, "Quote", "")], same),
        qualified("B", &[ZOE, (33, 42, "Quote", "")], same),
    ]);
    assert_eq!(r.conflicts().len(), 1);
    let d = r.conflicts()[0].differences;
    assert_eq!((d.boundary, d.relation), (true, true));
    check(&r, &["Entity“Zoë”"], &[]);
    let b = r.accept(ConflictId(0), 1).unwrap();
    check(
        &b,
        &["Entity“Zoë”", "Quote“שלום עולם”"],
        &["said_by שלום עולם→Zoë"],
    );
    let a = b.accept(ConflictId(0), 0).unwrap();
    check(&a, &["Entity“Zoë”", "Quote“שלום”"], &["said_by שלום→Zoë"]);
    check(&a.reject(ConflictId(0)).unwrap(), &["Entity“Zoë”"], &[]);
    // Re-merging starts over: the links go with the spans.
    check(&a.remerge(Threshold::All), &["Entity“Zoë”"], &[]);
}

#[test]
fn gold_keeps_the_documents_attributes_types_and_links_when_layers_add_labels() {
    use crate::model::label::LabelSpec;
    use crate::model::{AttrDef, AttrKind, Relation, RelationId};
    let labels = LabelSet::from_specs(vec![
        LabelSpec {
            attributes: vec![AttrDef::new("kind", AttrKind::Text)],
            ..LabelSpec::named("Quote")
        },
        LabelSpec::named("Entity"),
    ])
    .unwrap();
    let mut d = Document::new("t", WORLD, labels);
    let (q, z) = (d.fresh_id(), d.fresh_id());
    let quote = Span::new(q.clone(), LabelId(0), CharRange::new(33, 37).unwrap()).unwrap();
    let zoe = Span::new(z.clone(), LabelId(1), CharRange::new(0, 3).unwrap()).unwrap();
    let d = d.with_spans(vec![quote, zoe]).unwrap();
    let d = d
        .with_relations(vec![
            Relation::new(RelationId::new("r1"), "said_by", q, z).unwrap()
        ])
        .unwrap();
    // A layer with a label and a relation type the document lacks.
    let r = Review::new(
        d,
        vec![qualified(
            "A",
            &[(44, 49, "PER", ""), ZOE],
            &[("mentions", 0, 1)],
        )],
        Threshold::All,
    )
    .unwrap();
    let g = r.gold();
    assert!(g.labels().relation_type("said_by").is_some());
    assert!(g.labels().relation_type("mentions").is_some());
    assert_eq!(
        g.labels()
            .by_name("Quote")
            .and_then(|l| g.labels().attribute(l, "kind"))
            .map(|a| a.kind.word()),
        Some("text")
    );
    check(
        &r,
        &["Entity“Zoë”", "Quote“שלום”", "PER“Ελένη”"],
        &["mentions Ελένη→Zoë", "said_by שלום→Zoë"],
    );
}
