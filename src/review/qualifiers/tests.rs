//! Relation matching and attribute κ on small hand-made layers over multi-script text.

use std::rc::Rc;

use super::*;
use crate::model::Attrs;
use crate::review::layer::{LayerRelation, LayerSpan};
use crate::review::span_f1::overlap_pairs;

/// 0–6 Merkel, 13–30 the quote, 31–38 Critics, 46–49 CDU.
const MERKEL: &str = "Merkel said: \"We will manage.\" Critics at the CDU disagreed.";
/// 0–3 Zoë, 13–15 李雷, 19–23 مريم, 33–37 שלום (after a CRLF), 43–48 Ελένη.
const WORLD: &str = "Zoë 👩🏽‍💻 met 李雷 in مريم's café.\r\nשלום עולם, Ελένη!";

type Spans<'a> = &'a [(usize, usize, &'a str)];
/// (type, from span index, to span index).
type Links<'a> = &'a [(&'a str, usize, usize)];

fn doc(text: &str, spans: Spans, links: Links) -> LayerDoc {
    let spans: Vec<LayerSpan> = spans
        .iter()
        .map(|&(a, b, l)| LayerSpan::new(a, b, l))
        .collect();
    let relations = links
        .iter()
        .filter_map(|&(t, f, to)| {
            Some(LayerRelation::new(
                t,
                spans.get(f)?.key(),
                spans.get(to)?.key(),
            ))
        })
        .collect();
    LayerDoc {
        id: "d".into(),
        text: text.into(),
        spans,
        relations,
    }
}

#[track_caller]
fn check(text: &str, x: (Spans, Links), y: (Spans, Links), want: &[(&str, usize, usize, usize)]) {
    let (x, y) = (doc(text, x.0, x.1), doc(text, y.0, y.1));
    let got = relation_counts(&x, &y, &overlap_pairs(&x.spans, &y.spans));
    let got: Vec<(&str, usize, usize, usize)> = got
        .iter()
        .map(|(k, c)| (k.as_str(), c.matched, c.x, c.y))
        .collect();
    assert_eq!(got, want, "{:?} vs {:?}", x.relations, y.relations);
    // Symmetric: matched counts do not depend on which side is X.
    let back = relation_counts(&y, &x, &overlap_pairs(&y.spans, &x.spans));
    let back: Vec<(&str, usize)> = back.iter().map(|(k, c)| (k.as_str(), c.matched)).collect();
    let forth: Vec<(&str, usize)> = want.iter().map(|&(k, m, ..)| (k, m)).collect();
    assert_eq!(back, forth, "reversed");
}

const M: Spans = &[(0, 6, "PER"), (13, 30, "QUOTE"), (31, 38, "PER")];

#[test]
fn relations_match_when_both_ends_match_by_overlap_and_the_type_is_equal() {
    check(MERKEL, (M, &[]), (M, &[]), &[]);
    // Same ends exactly.
    check(
        MERKEL,
        (M, &[("said_by", 1, 0)]),
        (M, &[("said_by", 1, 0)]),
        &[("said_by", 1, 1, 1)],
    );
    // Ends matched by overlap, not exactly: still a match.
    check(
        MERKEL,
        (M, &[("said_by", 1, 0)]),
        (&[(0, 5, "PER"), (14, 28, "QUOTE")], &[("said_by", 1, 0)]),
        &[("said_by", 1, 1, 1)],
    );
    // One side linked, the other did not.
    check(
        MERKEL,
        (M, &[("said_by", 1, 0)]),
        (M, &[]),
        &[("said_by", 0, 1, 0)],
    );
    // Another speaker.
    check(
        MERKEL,
        (M, &[("said_by", 1, 0)]),
        (M, &[("said_by", 1, 2)]),
        &[("said_by", 0, 1, 1)],
    );
    // Reversed direction is another relation.
    check(
        MERKEL,
        (M, &[("said_by", 1, 0)]),
        (M, &[("said_by", 0, 1)]),
        &[("said_by", 0, 1, 1)],
    );
    // Another type: each type counted apart.
    check(
        MERKEL,
        (M, &[("said_by", 1, 0)]),
        (M, &[("related_to", 1, 0)]),
        &[("related_to", 0, 0, 1), ("said_by", 0, 1, 0)],
    );
    // An end whose span has another label on the other side is not matched.
    check(
        MERKEL,
        (M, &[("said_by", 1, 2)]),
        (
            &[(0, 6, "PER"), (13, 30, "QUOTE"), (31, 38, "ORG")],
            &[("said_by", 1, 2)],
        ),
        &[("said_by", 0, 1, 1)],
    );
    // A relation given twice counts once.
    check(
        MERKEL,
        (M, &[("said_by", 1, 0), ("said_by", 1, 0)]),
        (M, &[("said_by", 1, 0)]),
        &[("said_by", 1, 1, 1)],
    );
    // One to one: the long quote of Y matches one of X's two short ones only.
    check(
        MERKEL,
        (
            &[(0, 6, "PER"), (13, 20, "QUOTE"), (21, 30, "QUOTE")],
            &[("said_by", 1, 0), ("said_by", 2, 0)],
        ),
        (&[(0, 6, "PER"), (13, 30, "QUOTE")], &[("said_by", 1, 0)]),
        &[("said_by", 1, 2, 1)],
    );
    // Multi-script: emoji, CJK, Arabic, Hebrew after CRLF, Greek.
    let w: Spans = &[
        (0, 3, "PER"),
        (13, 15, "PER"),
        (19, 23, "PER"),
        (33, 37, "QUOTE"),
        (43, 48, "PER"),
    ];
    check(
        WORLD,
        (w, &[("said_by", 3, 4), ("related_to", 1, 2)]),
        (
            &[
                (0, 3, "PER"),
                (13, 14, "PER"),
                (19, 23, "PER"),
                (33, 38, "QUOTE"),
                (43, 48, "PER"),
            ],
            &[("said_by", 3, 4), ("related_to", 2, 1)],
        ),
        &[("related_to", 0, 1, 1), ("said_by", 1, 1, 1)],
    );
}

fn v(text: &str) -> Option<AttrValue> {
    match text {
        "-" => None,
        "true" => Some(AttrValue::Flag(true)),
        "false" => Some(AttrValue::Flag(false)),
        t => Some(AttrValue::Choice(Rc::from(t))),
    }
}

#[track_caller]
fn check_kappa(pairs: &[(&str, &str)], want: Option<f64>) {
    let items: Vec<Item> = pairs.iter().map(|&(a, b)| (v(a), v(b))).collect();
    let got = attribute_kappa(&items);
    match (got, want) {
        (Some(g), Some(w)) => assert!((g - w).abs() < 1e-12, "{pairs:?}: {g} ≠ {w}"),
        _ => assert_eq!(got, want, "{pairs:?}"),
    }
}

#[test]
fn attribute_kappa_counts_unset_as_a_category() {
    // No item at all (every matched span unset on both sides): no κ.
    check_kappa(&[], None);
    // One category for everything: chance agreement is 1, κ undefined (sklearn: nan).
    check_kappa(&[("ja", "ja"), ("ja", "ja")], None);
    // Perfect agreement over two categories.
    check_kappa(&[("ja", "ja"), ("nein", "nein")], Some(1.0));
    // Perfect disagreement, balanced: −1.
    check_kappa(&[("ja", "nein"), ("nein", "ja")], Some(-1.0));
    // Perfect disagreement, each side constant: p_o = p_e = 0, κ = 0.
    check_kappa(&[("ja", "nein"), ("ja", "nein")], Some(0.0));
    // Set on one side only: "unset" is a category, so this is disagreement.
    check_kappa(&[("true", "-"), ("-", "true")], Some(-1.0));
    check_kappa(
        &[("true", "true"), ("false", "-"), ("false", "false")],
        Some(0.5),
    );
    // p_o = 3/4; p_e = (2·1 + 1·2 + 1·1)/16 = 5/16; κ = (12 − 5)/(16 − 5) = 7/11.
    check_kappa(
        &[
            ("直接", "直接"),
            ("直接", "間接"),
            ("間接", "間接"),
            ("-", "-"),
        ],
        Some(7.0 / 11.0),
    );
    // A flag and a choice that reads the same are different values.
    check_kappa(
        &[("true", "yes"), ("yes", "yes"), ("true", "true")],
        Some(0.4),
    );
}

fn qualified(start: usize, end: usize, label: &str, attrs: &[(&str, &str)]) -> LayerSpan {
    LayerSpan::new(start, end, label).with_attrs(Attrs::from_pairs(
        attrs
            .iter()
            .filter_map(|&(n, val)| Some((Rc::from(n), v(val)?)))
            .collect(),
    ))
}

#[test]
fn attribute_items_come_from_matched_spans_only() {
    let x = LayerDoc {
        spans: vec![
            qualified(13, 30, "QUOTE", &[("direct", "true"), ("tone", "calm")]),
            qualified(0, 6, "PER", &[("role", "chancellor")]),
            qualified(46, 49, "ORG", &[("kind", "party")]),
        ],
        ..LayerDoc::new("m", MERKEL)
    };
    let y = LayerDoc {
        spans: vec![
            qualified(0, 6, "PER", &[]),
            qualified(14, 28, "QUOTE", &[("direct", "false")]),
            // Another label on the same place: not matched, so no item for "kind".
            qualified(46, 49, "PER", &[("kind", "party")]),
        ],
        ..LayerDoc::new("m", MERKEL)
    };
    let items = attribute_items(&x, &y, &overlap_pairs(&x.spans, &y.spans));
    let got: Vec<(String, String, Vec<Item>)> =
        items.into_iter().map(|((l, n), i)| (l, n, i)).collect();
    let key =
        |l: &str, n: &str, a: &str, b: &str| (l.to_string(), n.to_string(), vec![(v(a), v(b))]);
    assert_eq!(
        got,
        vec![
            key("PER", "role", "chancellor", "-"),
            key("QUOTE", "direct", "true", "false"),
            key("QUOTE", "tone", "calm", "-"),
        ]
    );
}
