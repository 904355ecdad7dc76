//! Auto-merge and conflict grouping on the worked example and on multi-script text:
//! thresholds, crossing, nested, label-only, boundary-only and missing spans, touching spans,
//! chains, settled spans and suggestion layers.

use super::*;

const MERKEL: &str = "Merkel said: \"We will manage.\" Critics at the CDU disagreed.";
/// Zoë [0,3) 👩🏽‍💻 [4,8) 李雷 [13,15) مريم [19,23) café [26,30) CRLF שלום [33,37) עולם [38,42)
/// Ελένη [44,49).
const WORLD: &str = "Zoë 👩🏽‍💻 met 李雷 in مريم's café.\r\nשלום עולם, Ελένη!";

type Spans<'a> = &'a [(usize, usize, &'a str)];

const A: Spans = &[
    (0, 6, "PER"),
    (13, 30, "QUOTE"),
    (31, 38, "PER"),
    (46, 49, "ORG"),
];
const B: Spans = &[(0, 6, "PER"), (14, 28, "QUOTE"), (31, 38, "ORG")];
const C: Spans = &[(0, 6, "PER"), (13, 30, "QUOTE"), (31, 38, "PER")];

fn spans(s: Spans) -> Vec<LayerSpan> {
    s.iter().map(|&(a, b, l)| LayerSpan::new(a, b, l)).collect()
}

/// Layers named by one letter each; a lower-case name is a suggestion layer.
fn layers(list: &[(&str, Spans)]) -> Vec<ReviewLayer> {
    list.iter()
        .map(|&(name, s)| {
            if name.chars().all(char::is_lowercase) {
                ReviewLayer::suggestions(name, spans(s))
            } else {
                ReviewLayer::annotator(name, spans(s))
            }
        })
        .collect()
}

fn covered(text: &str, s: &LayerSpan) -> String {
    text.chars().skip(s.start).take(s.len()).collect()
}

/// `LABEL“text”=holders`, holders by layer name.
fn candidate(text: &str, names: &[ReviewLayer], c: &Candidate) -> String {
    let who: String = c.layers.iter().map(|&k| names[k].name.as_str()).collect();
    format!("{}“{}”={who}", c.span.label, covered(text, &c.span))
}

/// `region text | members | differences`.
fn conflict(text: &str, names: &[ReviewLayer], c: &Conflict) -> String {
    let region: String = text
        .chars()
        .skip(c.region.start())
        .take(c.region.len())
        .collect();
    let members: Vec<String> = c
        .members
        .iter()
        .map(|m| candidate(text, names, m))
        .collect();
    let d = c.differences;
    let flags: Vec<&str> = [
        (d.label, "label"),
        (d.boundary, "boundary"),
        (d.missing, "missing"),
    ]
    .iter()
    .filter(|(on, _)| *on)
    .map(|&(_, name)| name)
    .collect();
    format!("{region} | {} | {}", members.join(" "), flags.join(" "))
}

#[track_caller]
fn check(
    text: &str,
    list: &[(&str, Spans)],
    settled: Spans,
    threshold: Threshold,
    merged: &[&str],
    conflicts: &[&str],
) {
    let layers = layers(list);
    let candidates = Candidates::new(&layers, text.chars().count());
    let settled: BTreeSet<LayerSpan> = spans(settled).into_iter().collect();
    let m = merge(&layers, &candidates, &settled, &BTreeSet::new(), threshold);
    let got: Vec<String> = m
        .merged
        .iter()
        .map(|c| candidate(text, &layers, c))
        .collect();
    assert_eq!(got, merged, "merged, {threshold:?}");
    let got: Vec<String> = m
        .conflicts
        .iter()
        .map(|c| conflict(text, &layers, c))
        .collect();
    assert_eq!(got, conflicts, "conflicts, {threshold:?}");
    for pair in m.conflicts.windows(2) {
        assert!(
            pair[0].region.end() <= pair[1].region.start(),
            "regions are apart and in order"
        );
    }
}

#[test]
fn worked_example_three_annotators() {
    let abc = [("A", A), ("B", B), ("C", C)];
    let quote =
        "\"We will manage.\" | QUOTE“\"We will manage.\"”=AC QUOTE“We will manage”=B | boundary";
    let quote_majority = "We will manage | QUOTE“We will manage”=B | boundary";
    let critics = "Critics | ORG“Critics”=B PER“Critics”=AC | label";
    let critics_majority = "Critics | ORG“Critics”=B | label";
    let cdu = "CDU | ORG“CDU”=A | missing";
    check(
        MERKEL,
        &abc,
        &[],
        Threshold::All,
        &["PER“Merkel”=ABC"],
        &[quote, critics, cdu],
    );
    check(
        MERKEL,
        &abc,
        &[],
        Threshold::AtLeast(3),
        &["PER“Merkel”=ABC"],
        &[quote, critics, cdu],
    );
    let majority = [
        "PER“Merkel”=ABC",
        "QUOTE“\"We will manage.\"”=AC",
        "PER“Critics”=AC",
    ];
    check(
        MERKEL,
        &abc,
        &[],
        Threshold::Majority,
        &majority,
        &[quote_majority, critics_majority, cdu],
    );
    check(
        MERKEL,
        &abc,
        &[],
        Threshold::AtLeast(2),
        &majority,
        &[quote_majority, critics_majority, cdu],
    );
    let everyone = [
        "PER“Merkel”=ABC",
        "QUOTE“\"We will manage.\"”=AC",
        "QUOTE“We will manage”=B",
        "ORG“Critics”=B",
        "PER“Critics”=AC",
        "ORG“CDU”=A",
    ];
    check(MERKEL, &abc, &[], Threshold::AtLeast(1), &everyone, &[]);
    check(MERKEL, &abc, &[], Threshold::AtLeast(0), &everyone, &[]);
    check(
        MERKEL,
        &abc,
        &[],
        Threshold::AtLeast(9),
        &["PER“Merkel”=ABC"],
        &[quote, critics, cdu],
    );
    // A and B alone: a majority of two is both.
    let ab = [("A", A), ("B", B)];
    let quote_ab =
        "\"We will manage.\" | QUOTE“\"We will manage.\"”=A QUOTE“We will manage”=B | boundary";
    let critics_ab = "Critics | ORG“Critics”=B PER“Critics”=A | label";
    check(
        MERKEL,
        &ab,
        &[],
        Threshold::Majority,
        &["PER“Merkel”=AB"],
        &[quote_ab, critics_ab, cdu],
    );
}

#[test]
fn conflicts_group_by_shared_code_points() {
    let t = WORLD;
    let th = Threshold::All;
    // Label only, on the emoji (a ZWJ sequence of four code points).
    check(
        t,
        &[("A", &[(4, 8, "X")]), ("B", &[(4, 8, "Y")])],
        &[],
        th,
        &[],
        &["👩🏽‍💻 | X“👩🏽‍💻”=A Y“👩🏽‍💻”=B | label"],
    );
    // Boundary only: crossing spans of one label, over Arabic.
    check(
        t,
        &[("A", &[(19, 23, "PER")]), ("B", &[(21, 25, "PER")])],
        &[],
        th,
        &[],
        &["مريم's | PER“مريم”=A PER“يم's”=B | boundary"],
    );
    // Nested, one label: a boundary dispute.
    check(
        t,
        &[("A", &[(13, 15, "PER")]), ("B", &[(14, 15, "PER")])],
        &[],
        th,
        &[],
        &["李雷 | PER“李雷”=A PER“雷”=B | boundary"],
    );
    // Crossing with other labels: they could both stand, so each is missing from the other.
    check(
        t,
        &[("A", &[(0, 8, "X")]), ("B", &[(4, 12, "Y")])],
        &[],
        th,
        &[],
        &["Zoë 👩🏽‍💻 met | X“Zoë 👩🏽‍💻”=A Y“👩🏽‍💻 met”=B | missing"],
    );
    // Crossing with one label, and a label dispute inside: both differ.
    check(
        t,
        &[
            ("A", &[(0, 8, "X"), (9, 12, "Y")]),
            ("B", &[(4, 12, "X"), (9, 12, "Z")]),
        ],
        &[],
        th,
        &[],
        &["Zoë 👩🏽‍💻 met | X“Zoë 👩🏽‍💻”=A X“👩🏽‍💻 met”=B Y“met”=A Z“met”=B | label boundary"],
    );
    // Missing: only one layer marks the Hebrew word, across the CRLF from the rest.
    check(
        t,
        &[("A", &[(33, 37, "LOC")]), ("B", &[])],
        &[],
        th,
        &[],
        &["שלום | LOC“שלום”=A | missing"],
    );
    // Touching spans are apart; a span over both joins them into one conflict.
    check(
        t,
        &[("A", &[(33, 37, "X"), (37, 42, "X")]), ("B", &[])],
        &[],
        th,
        &[],
        &["שלום | X“שלום”=A | missing", " עולם | X“ עולם”=A | missing"],
    );
    check(
        t,
        &[
            ("A", &[(33, 37, "X"), (38, 42, "X")]),
            ("B", &[(35, 40, "X")]),
        ],
        &[],
        th,
        &[],
        &["שלום עולם | X“שלום”=A X“ום עו”=B X“עולם”=A | boundary"],
    );
}

#[test]
fn agreed_spans_neither_start_nor_join_conflicts() {
    let t = WORLD;
    // The unanimous line holds two disputes; they stay two conflicts, and each version
    // shows the line, which no difference counts (every layer holds it).
    let a: Spans = &[(0, 31, "Q"), (0, 3, "PER"), (26, 30, "LOC")];
    let b: Spans = &[(0, 31, "Q"), (0, 3, "ORG"), (26, 30, "ORG")];
    let layers = layers(&[("A", a), ("B", b)]);
    let candidates = Candidates::new(&layers, t.chars().count());
    let m = merge(
        &layers,
        &candidates,
        &BTreeSet::new(),
        &BTreeSet::new(),
        Threshold::All,
    );
    assert!(candidates.unanimous(&LayerSpan::new(0, 31, "Q")));
    assert!(!candidates.unanimous(&LayerSpan::new(0, 3, "PER")));
    assert_eq!(candidates.holders(&LayerSpan::new(26, 30, "ORG")), [1]);
    assert_eq!(candidates.of_layer(1).len(), 3);
    let regions: Vec<(usize, usize)> = m
        .conflicts
        .iter()
        .map(|c| (c.region.start(), c.region.end()))
        .collect();
    assert_eq!(regions, [(0, 3), (26, 30)]);
    assert_eq!(
        m.conflicts[0].versions[0],
        spans(&[(0, 31, "Q"), (0, 3, "PER")])
    );
    assert_eq!(
        m.conflicts[0].differences,
        Differences {
            label: true,
            boundary: false,
            missing: false,
            ..Differences::default()
        }
    );
    // Nested with another label under a majority: the merged quote stays out of the conflict.
    check(
        t,
        &[
            ("A", &[(0, 31, "Q")]),
            ("B", &[(0, 31, "Q"), (13, 15, "PER")]),
            ("C", &[(0, 31, "Q")]),
        ],
        &[],
        Threshold::Majority,
        &["Q“Zoë 👩🏽‍💻 met 李雷 in مريم's café.”=ABC"],
        &["李雷 | PER“李雷”=B | missing"],
    );
}

#[test]
fn settled_spans_and_suggestions() {
    let t = WORLD;
    // What gold already holds is neither merged again nor disputed.
    check(
        t,
        &[
            ("A", &[(44, 49, "PER"), (0, 3, "PER")]),
            ("B", &[(44, 49, "PER")]),
        ],
        &[(0, 3, "PER")],
        Threshold::All,
        &["PER“Ελένη”=AB"],
        &[],
    );
    // Suggestions never vote: alone, everything they say is a conflict but what gold holds.
    check(
        t,
        &[("model", &[(0, 3, "PER"), (13, 15, "PER"), (44, 49, "LOC")])],
        &[(0, 3, "PER"), (44, 49, "PER")],
        Threshold::All,
        &[],
        &[
            "李雷 | PER“李雷”=model | missing",
            "Ελένη | LOC“Ελένη”=model | label",
        ],
    );
    // With one annotator beside them, all of one annotator merges; the model's extra label on
    // the same name is disputed, and missing from the annotator (the shared PER differs nowhere).
    check(
        t,
        &[
            ("A", &[(0, 3, "PER")]),
            ("model", &[(0, 3, "PER"), (0, 3, "LOC")]),
        ],
        &[],
        Threshold::All,
        &["PER“Zoë”=Amodel"],
        &["Zoë | LOC“Zoë”=model | missing"],
    );
    // Spans that are empty, past the text or repeated are left out.
    check(
        t,
        &[
            (
                "A",
                &[(3, 3, "X"), (49, 51, "X"), (44, 49, "X"), (44, 49, "X")],
            ),
            ("B", &[(44, 49, "X")]),
        ],
        &[],
        Threshold::All,
        &["X“Ελένη”=AB"],
        &[],
    );
}

#[test]
fn thresholds_count_annotators_only() {
    let check_needed = |t: Threshold, n: usize, want: Option<usize>| {
        assert_eq!(t.needed(n), want, "{t:?} of {n}");
    };
    check_needed(Threshold::All, 3, Some(3));
    check_needed(Threshold::Majority, 3, Some(2));
    check_needed(Threshold::Majority, 4, Some(3));
    check_needed(Threshold::Majority, 2, Some(2));
    check_needed(Threshold::Majority, 1, Some(1));
    check_needed(Threshold::AtLeast(2), 5, Some(2));
    check_needed(Threshold::AtLeast(0), 5, Some(1));
    check_needed(Threshold::AtLeast(7), 5, Some(5));
    check_needed(Threshold::All, 0, None);
}

#[test]
fn what_competes() {
    let c = |a: (usize, usize, &str), b: (usize, usize, &str), want: bool| {
        let (a, b) = (LayerSpan::new(a.0, a.1, a.2), LayerSpan::new(b.0, b.1, b.2));
        assert_eq!(competes(&a, &b), want, "{a:?} {b:?}");
        assert_eq!(competes(&b, &a), want, "symmetric");
    };
    c((0, 6, "PER"), (0, 6, "ORG"), true);
    c((13, 30, "Q"), (14, 28, "Q"), true);
    c((0, 5, "Q"), (4, 9, "Q"), true);
    c((0, 6, "PER"), (0, 6, "PER"), false);
    c((0, 30, "Q"), (2, 6, "PER"), false);
    c((0, 5, "Q"), (5, 9, "Q"), false);
    c((0, 5, "Q"), (3, 9, "PER"), false);
}
