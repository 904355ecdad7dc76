//! Swaps: spans with attributes and notes in, links made where both ends are there, one undo.

use std::rc::Rc;

use super::*;
use crate::model::attribute::AttrValue;
use crate::model::{Document, LabelSet};

const ENTITY: LabelId = LabelId(0);
const QUOTE: LabelId = LabelId(2);
/// Zoë 0–3, 李雷 13–15, the Hebrew quote 33–37 after a CRLF.
const TEXT: &str = "Zoë 👩🏽‍💻 met 李雷 in مريم's café.\r\nשלום עולם, Ελένη!";

fn r(a: usize, b: usize) -> CharRange {
    CharRange::new(a, b).unwrap()
}

fn new(label: LabelId, a: usize, b: usize, attr: Option<&str>, note: Option<&str>) -> NewSpan {
    let attrs = attr.map_or_else(Attrs::new, |v| {
        Attrs::from_pairs(vec![(Rc::from("kind"), AttrValue::Text(Rc::from(v)))])
    });
    NewSpan {
        label,
        range: r(a, b),
        attrs,
        note: note.map(str::to_string),
    }
}

fn link(kind: &str, from: End, to: End) -> NewLink {
    NewLink {
        kind: kind.into(),
        from,
        to,
    }
}

/// The spans as `start-end:label[kind]{note}` and relations as `type from-start→to-start`.
fn shown(e: &Editor) -> (Vec<String>, Vec<String>) {
    let d = e.doc();
    let spans = d
        .spans()
        .iter()
        .map(|s| {
            let kind = s.attr("kind").map_or(String::new(), |v| format!("[{v}]"));
            let note = s.note().map_or(String::new(), |n| format!("{{{n}}}"));
            format!(
                "{}-{}:{}{kind}{note}",
                s.start(),
                s.end(),
                d.labels().name(s.label())
            )
        })
        .collect();
    let at = |id: &SpanId| d.spans().get(id).map_or(0, |s| s.start());
    let links = d
        .relations()
        .iter()
        .map(|r| format!("{} {}→{}", r.kind(), at(r.from()), at(r.to())))
        .collect();
    (spans, links)
}

#[track_caller]
fn check(
    before: (&[NewSpan], &[NewLink]),
    remove: &[usize],
    unlink: &[usize],
    add: &[NewSpan],
    links: &[NewLink],
    want: (&[&str], &[&str]),
) {
    let mut e = Editor::new(Document::new("t", TEXT, LabelSet::standard()));
    let first = e.swap(&[], before.0, &[], before.1).unwrap();
    let start = shown(&e);
    let ids: Vec<SpanId> = remove.iter().map(|&i| first[i].id().clone()).collect();
    let rels: Vec<RelationId> = unlink
        .iter()
        .filter_map(|&i| e.doc().relations().iter().nth(i).map(|r| r.id().clone()))
        .collect();
    e.swap(&ids, add, &rels, links).unwrap();
    let got = shown(&e);
    assert_eq!(
        (got.0.as_slice(), got.1.as_slice()),
        (
            want.0
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .as_slice(),
            want.1
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .as_slice()
        )
    );
    if got != start {
        e.undo().unwrap();
        assert_eq!(shown(&e), start, "one undo takes the whole swap back");
    }
}

#[test]
fn a_swap_brings_attributes_notes_and_the_links_that_fit() {
    let zoe = || new(ENTITY, 0, 3, None, None);
    let quote = |kind| new(QUOTE, 33, 37, kind, Some("שלום"));
    // Into an empty document: spans with their values, a link between two additions.
    check(
        (&[], &[]),
        &[],
        &[],
        &[zoe(), quote(Some("direct"))],
        &[link("said_by", End::Added(1), End::Added(0))],
        (
            &["0-3:Entity", "33-37:Quote[direct]{שלום}"],
            &["said_by 33→0"],
        ),
    );
    // A link to a kept span; a link whose end is removed, to an unknown type, or repeated, is left out.
    check(
        (&[zoe(), new(ENTITY, 13, 15, None, None)], &[]),
        &[1],
        &[],
        &[quote(None)],
        &[
            link("said_by", End::Added(0), End::Kept(SpanId::new("a1"))),
            link("said_by", End::Added(0), End::Kept(SpanId::new("a2"))),
            link("quoted_in", End::Added(0), End::Kept(SpanId::new("a1"))),
            link("said_by", End::Added(0), End::Kept(SpanId::new("a1"))),
        ],
        (&["0-3:Entity", "33-37:Quote{שלום}"], &["said_by 33→0"]),
    );
    // Another version of the quote: the old one goes with its link, the new one comes with its own.
    check(
        (
            &[
                zoe(),
                new(ENTITY, 13, 15, None, None),
                quote(Some("direct")),
            ],
            &[link("said_by", End::Added(2), End::Added(0))],
        ),
        &[2],
        &[],
        &[quote(Some("indirect"))],
        &[link("said_by", End::Added(0), End::Kept(SpanId::new("a2")))],
        (
            &["0-3:Entity", "13-15:Entity", "33-37:Quote[indirect]{שלום}"],
            &["said_by 33→13"],
        ),
    );
    // Only a link changes: unlink one, link another, spans untouched.
    check(
        (
            &[zoe(), new(ENTITY, 13, 15, None, None), quote(None)],
            &[link("said_by", End::Added(2), End::Added(0))],
        ),
        &[],
        &[0],
        &[],
        &[link(
            "said_by",
            End::Kept(SpanId::new("a3")),
            End::Kept(SpanId::new("a2")),
        )],
        (
            &["0-3:Entity", "13-15:Entity", "33-37:Quote{שלום}"],
            &["said_by 33→13"],
        ),
    );
    // An addition equal to a span that stays is that span: nothing changes, no step.
    check(
        (&[zoe()], &[]),
        &[],
        &[],
        &[zoe()],
        &[],
        (&["0-3:Entity"], &[]),
    );
}
