//! The agreement report on the issue's worked example (every number it states), on
//! multi-document and multi-script layers, and the JSON's shape.

use super::*;
use crate::review::{LayerDoc, LayerSpan};

const MERKEL: &str = "Merkel said: \"We will manage.\" Critics at the CDU disagreed.";

/// `(id, text, spans)` of one document.
type Doc<'a> = (&'a str, &'a str, &'a [(usize, usize, &'a str)]);

fn layer(name: &str, docs: &[Doc]) -> Layer {
    Layer {
        annotator: name.to_string(),
        documents: docs
            .iter()
            .map(|&(id, text, spans)| LayerDoc {
                id: id.to_string(),
                text: text.to_string(),
                spans: spans
                    .iter()
                    .map(|&(s, e, l)| LayerSpan::new(s, e, l))
                    .collect(),
                relations: Vec::new(),
            })
            .collect(),
    }
}

const A: &[(usize, usize, &str)] = &[
    (0, 6, "PER"),
    (13, 30, "QUOTE"),
    (31, 38, "PER"),
    (46, 49, "ORG"),
];
const B: &[(usize, usize, &str)] = &[(0, 6, "PER"), (14, 28, "QUOTE"), (31, 38, "ORG")];
const C: &[(usize, usize, &str)] = &[(0, 6, "PER"), (13, 30, "QUOTE"), (31, 38, "PER")];

#[track_caller]
fn close(got: Option<f64>, want: f64, tolerance: f64, what: &str) {
    let g = got.unwrap_or_else(|| panic!("{what} is null"));
    assert!(
        (g - want).abs() <= tolerance,
        "{what}: got {g}, want {want}"
    );
}

#[test]
fn worked_example_two_annotators() {
    assert_eq!(MERKEL.chars().count(), 60);
    let r = agreement(&[
        layer("A", &[("m", MERKEL, A)]),
        layer("B", &[("m", MERKEL, B)]),
    ]);
    assert_eq!(r.annotators, ["A", "B"]);
    assert_eq!((r.documents, r.tokens), (1, 15));
    assert!(r.skipped.is_empty());
    close(r.span.exact_f1, 2.0 / 7.0, 1e-15, "exact F1");
    close(r.span.overlap_f1, 4.0 / 7.0, 1e-15, "overlap F1");
    assert_eq!(r.span.pairs.len(), 1);
    close(r.span.pairs[0].exact_f1, 2.0 / 7.0, 1e-15, "pair exact F1");
    close(r.token.cohen_kappa, 23.0 / 48.0, 1e-15, "Cohen");
    close(r.token.fleiss_kappa, 5.0 / 11.0, 1e-15, "Fleiss");
    close(
        r.token.krippendorff_alpha,
        26.0 / 55.0,
        1e-15,
        "Krippendorff",
    );
    close(r.alpha_u.overall, 0.6466, 5e-5, "α_u");
    let label = |l: &str| r.alpha_u.per_label.get(l).copied();
    close(label("QUOTE"), 0.9720, 5e-5, "α_u QUOTE");
    close(label("PER"), 0.4767, 5e-5, "α_u PER");
    close(label("ORG"), -0.2920, 5e-5, "α_u ORG");
    // Per label: PER matches once exactly of 2 + 1, QUOTE only by overlap, ORG never.
    let f1 = |l: &str| r.span.per_label.get(l).copied();
    assert_eq!(f1("PER").and_then(|f| f.exact_f1), Some(2.0 / 3.0));
    assert_eq!(f1("QUOTE").and_then(|f| f.exact_f1), Some(0.0));
    assert_eq!(f1("QUOTE").and_then(|f| f.overlap_f1), Some(1.0));
    assert_eq!(f1("ORG").and_then(|f| f.overlap_f1), Some(0.0));
}

#[test]
fn worked_example_three_annotators() {
    let r = agreement(&[
        layer("A", &[("m", MERKEL, A)]),
        layer("B", &[("m", MERKEL, B)]),
        layer("C", &[("m", MERKEL, C)]),
    ]);
    assert_eq!(r.token.cohen_kappa, None);
    close(r.token.fleiss_kappa, 44.0 / 69.0, 1e-15, "Fleiss");
    close(
        r.token.krippendorff_alpha,
        401.0 / 621.0,
        1e-15,
        "Krippendorff",
    );
    close(r.alpha_u.overall, 0.7740, 5e-5, "α_u");
    let pairs: Vec<(&str, &str)> = r
        .span
        .pairs
        .iter()
        .map(|p| (p.a.as_str(), p.b.as_str()))
        .collect();
    assert_eq!(pairs, [("A", "B"), ("A", "C"), ("B", "C")]);
    // (A, C): C is A without ORG, so 2·3/(4+3).
    close(r.span.pairs[1].exact_f1, 6.0 / 7.0, 1e-15, "A-C exact");
    // The mean of (A,B) 2/7, (A,C) 6/7, (B,C) 2/6.
    close(
        r.span.exact_f1,
        (2.0 / 7.0 + 6.0 / 7.0 + 2.0 / 6.0) / 3.0,
        1e-15,
        "exact F1",
    );
}

#[test]
fn the_json_has_the_issues_fields_in_order() {
    let r = agreement(&[
        layer("A", &[("m", MERKEL, A)]),
        layer("B", &[("m", MERKEL, B)]),
    ]);
    let json = r.to_json();
    let order = [
        "\"annotators\"",
        "\"documents\"",
        "\"skipped\"",
        "\"tokens\"",
        "\"span\"",
        "\"exact_f1\"",
        "\"overlap_f1\"",
        "\"pairs\"",
        "\"per_label\"",
        "\"token\"",
        "\"cohen_kappa\"",
        "\"fleiss_kappa\"",
        "\"krippendorff_alpha\"",
        "\"alpha_u\"",
        "\"overall\"",
    ];
    let mut at = 0;
    for key in order {
        let found = json[at..].find(key).map(|i| i + at);
        assert!(found.is_some(), "{key} after byte {at} in {json}");
        at = found.unwrap_or(at);
    }
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["tokens"], 15);
    assert_eq!(v["span"]["exact_f1"].as_f64(), Some(2.0 / 7.0));
    assert!(v["span"]["exact_f1"].is_f64());
    assert_eq!(v["span"]["pairs"][0]["a"], "A");
    // Perfect agreement serialises as a float, not an integer.
    assert!(v["span"]["per_label"]["QUOTE"]["overlap_f1"].is_f64());
}

#[track_caller]
fn check(
    x: &[Doc],
    y: &[Doc],
    documents: usize,
    skipped: &[&str],
    tokens: usize,
    exact: Option<f64>,
) {
    let r = agreement(&[layer("x", x), layer("y", y)]);
    assert_eq!(r.documents, documents, "documents");
    assert_eq!(r.skipped, skipped, "skipped");
    assert_eq!(r.tokens, tokens, "tokens");
    assert_eq!(r.span.exact_f1, exact, "exact F1");
}

#[test]
fn multi_document_and_multi_script_tables() {
    const EMOJI: &str = "Die Ärztin 👩🏽\u{200d}⚕️ sagt: „Gut.“";
    const CJK: &str = "習近平在北京說。";
    const RTL: &str = "قال الرئيس: «نعم».";
    const CRLF: &str = "Line one.\r\nLine two.";
    check(&[], &[], 0, &[], 0, None);
    // Nobody labelled anything: F1 is undefined, the tokens still count.
    check(&[("e", EMOJI, &[])], &[("e", EMOJI, &[])], 1, &[], 13, None);
    check(
        &[("c", CJK, &[(0, 3, "PER"), (4, 6, "LOC")])],
        &[("c", CJK, &[(0, 3, "PER")])],
        1,
        &[],
        2,
        Some(2.0 / 3.0),
    );
    check(
        &[("r", RTL, &[(4, 10, "PER")])],
        &[("other-id", RTL, &[(4, 10, "PER")])],
        1,
        &[],
        7,
        Some(1.0),
    );
    // Pooled over documents: 1 match of 1 + 2 spans, the CRLF document only in x is skipped.
    check(
        &[
            ("c", CJK, &[(0, 3, "PER")]),
            ("l", CRLF, &[(0, 4, "X")]),
            ("r", RTL, &[]),
        ],
        &[("r", RTL, &[(4, 10, "PER")]), ("c", CJK, &[(0, 3, "PER")])],
        2,
        &["l"],
        9,
        Some(2.0 / 3.0),
    );
    check(
        &[("l", CRLF, &[(0, 4, "X"), (11, 15, "X")])],
        &[("l", CRLF, &[(11, 15, "X")])],
        1,
        &[],
        6,
        Some(2.0 / 3.0),
    );
}

#[test]
fn alpha_u_runs_over_the_documents_as_one_continuum() {
    // The same spans in two documents give the same α_u as one document twice as long with
    // the second half's spans shifted.
    let half = "abcdefghij";
    let whole = "abcdefghijabcdefghij";
    let x = [(1, 9, "A")];
    let y = [(2, 3, "A"), (4, 5, "A"), (6, 7, "A")];
    let split = agreement(&[
        layer("x", &[("1", half, &x), ("2", "klmnopqrst", &x)]),
        layer("y", &[("1", half, &y), ("2", "klmnopqrst", &y)]),
    ]);
    let joined = agreement(&[
        layer("x", &[("w", whole, &[(1, 9, "A"), (11, 19, "A")])]),
        layer(
            "y",
            &[(
                "w",
                whole,
                &[
                    (2, 3, "A"),
                    (4, 5, "A"),
                    (6, 7, "A"),
                    (12, 13, "A"),
                    (14, 15, "A"),
                    (16, 17, "A"),
                ],
            )],
        ),
    ]);
    assert_eq!(split.alpha_u, joined.alpha_u);
    // On one document of 10 it is DKPro's own test.
    let one = agreement(&[
        layer("x", &[("1", half, &x)]),
        layer("y", &[("1", half, &y)]),
    ]);
    close(one.alpha_u.overall, -0.7003, 1e-4, "DKPro's α_u");
}

#[test]
fn degenerate_inputs_give_nulls_not_panics() {
    let r = agreement(&[]);
    assert_eq!((r.documents, r.tokens), (0, 0));
    assert_eq!(r.alpha_u.overall, None);
    let r = agreement(&[layer("solo", &[("m", MERKEL, A)])]);
    assert_eq!(r.span.exact_f1, None);
    assert_eq!(r.token.fleiss_kappa, None);
    assert_eq!(r.alpha_u.overall, None);
    // Spans outside the text or empty do not break anything.
    let bad = [(50, 500, "PER"), (7, 3, "PER"), (4, 4, "ORG")];
    let r = agreement(&[
        layer("x", &[("m", MERKEL, &bad)]),
        layer("y", &[("m", MERKEL, A)]),
    ]);
    assert_eq!(r.tokens, 15);
    // All tokens O for everyone: κ and α undefined.
    let r = agreement(&[
        layer("x", &[("m", MERKEL, &[])]),
        layer("y", &[("m", MERKEL, &[])]),
    ]);
    assert_eq!(r.token.cohen_kappa, None);
    assert_eq!(r.alpha_u.overall, None);
    assert!(r.alpha_u.per_label.is_empty());
}

#[test]
fn a_label_called_o_is_not_the_outside_tag() {
    let r = agreement(&[
        layer("x", &[("m", MERKEL, &[(0, 6, "O")])]),
        layer("y", &[("m", MERKEL, &[])]),
    ]);
    // One token disagrees (O-label vs outside), 14 agree.
    assert!(r.token.cohen_kappa.is_some_and(|k| k < 1.0));
}

/// A layer of documents with relations (type, from index, to index) and attribute values
/// (span index, name, value as text: a choice) on their spans.
type Qualified<'a> = (
    &'a str,
    &'a [(usize, usize, &'a str)],
    &'a [(&'a str, usize, usize)],
    &'a [(usize, &'a str, &'a str)],
);

fn qualified_layer(name: &str, docs: &[Qualified]) -> Layer {
    use crate::model::{AttrValue, Attrs};
    use crate::review::layer::LayerRelation;
    use std::rc::Rc;
    let documents = docs
        .iter()
        .map(|&(text, spans, links, attrs)| {
            let spans: Vec<LayerSpan> = spans
                .iter()
                .enumerate()
                .map(|(i, &(s, e, l))| {
                    let pairs = attrs
                        .iter()
                        .filter(|a| a.0 == i)
                        .map(|&(_, n, v)| (Rc::from(n), AttrValue::Choice(Rc::from(v))))
                        .collect();
                    LayerSpan::new(s, e, l).with_attrs(Attrs::from_pairs(pairs))
                })
                .collect();
            let relations = links
                .iter()
                .map(|&(t, f, to)| LayerRelation::new(t, spans[f].key(), spans[to].key()))
                .collect();
            LayerDoc {
                spans,
                relations,
                ..LayerDoc::new(&text.chars().take(3).collect::<String>(), text)
            }
        })
        .collect();
    Layer {
        annotator: name.into(),
        documents,
    }
}

const WORLD: &str = "Zoë 👩🏽‍💻 met 李雷 in مريم's café.\r\nשלום עולם, Ελένη!";

#[test]
fn relation_f1_and_attribute_kappa_pool_over_documents_and_average_over_pairs() {
    let w: &[(usize, usize, &str)] = &[(0, 3, "PER"), (13, 15, "PER"), (33, 37, "QUOTE")];
    let a = qualified_layer(
        "A",
        &[
            (MERKEL, A, &[("said_by", 1, 0)], &[(1, "kind", "direct")]),
            (
                WORLD,
                w,
                &[("said_by", 2, 1), ("related_to", 0, 1)],
                &[(2, "kind", "direct")],
            ),
        ],
    );
    let b = qualified_layer(
        "B",
        &[
            // The quote matched by overlap, linked to the same speaker: a match.
            (MERKEL, B, &[("said_by", 1, 0)], &[(1, "kind", "indirect")]),
            // Another speaker, and no related_to.
            (WORLD, w, &[("said_by", 2, 0)], &[(2, "kind", "direct")]),
        ],
    );
    let r = agreement(&[a.clone(), b.clone()]);
    // said_by: 1 match of 2 + 2; related_to: 0 of 1 + 0; all: 1 of 3 + 2.
    assert_eq!(r.relations.f1, Some(2.0 / 5.0));
    assert_eq!(r.relations.pairs.len(), 1);
    let per = |t: &str| r.relations.per_type.get(t).and_then(|f| f.f1);
    assert_eq!((per("said_by"), per("related_to")), (Some(0.5), Some(0.0)));
    // kind on QUOTE: (direct, indirect), (direct, direct): p_o 1/2, p_e 1/2 → κ 0.
    let kind = &r.attributes["QUOTE"]["kind"];
    assert_eq!((kind.cohen_kappa, kind.items), (Some(0.0), 2));
    assert_eq!(r.attributes.len(), 1);

    // A third annotator equal to A: pairs (A,B), (A,C), (B,C); the means are over them.
    let c = Layer {
        annotator: "C".into(),
        ..a.clone()
    };
    let r = agreement(&[a, b, c]);
    let f1s: Vec<Option<f64>> = r.relations.pairs.iter().map(|p| p.f1).collect();
    assert_eq!(f1s, [Some(0.4), Some(1.0), Some(0.4)]);
    close(r.relations.f1, 1.8 / 3.0, 1e-15, "relation F1 mean");
    let kind = &r.attributes["QUOTE"]["kind"];
    // (A,C) agree on one category only: κ null, left out of the mean.
    let kappas: Vec<Option<f64>> = kind.pairs.iter().map(|p| p.cohen_kappa).collect();
    assert_eq!(kappas, [Some(0.0), None, Some(0.0)]);
    assert_eq!((kind.cohen_kappa, kind.items), (Some(0.0), 6));
}
