//! The review's operations as scripts on the worked example and on multi-script text:
//! each script's gold (with provenance), conflicts left, and one undo per operation.

use super::*;
use crate::model::caret::{Edge, Step};
use crate::model::{LabelId, LabelSet, Span};

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

/// A lower-case name is a suggestion layer.
fn layer(name: &str, s: Spans) -> ReviewLayer {
    if name.chars().all(char::is_lowercase) {
        ReviewLayer::suggestions(name, spans(s))
    } else {
        ReviewLayer::annotator(name, spans(s))
    }
}

/// A document over `text` with labels `labels` and the spans `own`.
fn doc(text: &str, labels: &[&str], own: Spans) -> Document {
    let labels = LabelSet::from_names(labels).unwrap();
    let mut d = Document::new("t", text, labels);
    let spans: Vec<Span> = own
        .iter()
        .map(|&(a, b, l)| {
            let id = d.fresh_id();
            Span::new(
                id,
                d.labels().by_name(l).unwrap(),
                CharRange::new(a, b).unwrap(),
            )
            .unwrap()
        })
        .collect();
    d.with_spans(spans).unwrap()
}

fn open(text: &str, own: Spans, layers: &[(&str, Spans)], t: Threshold) -> Review {
    let layers = layers.iter().map(|&(n, s)| layer(n, s)).collect();
    Review::new(doc(text, &["PER"], own), layers, t).unwrap()
}

fn merkel(t: Threshold) -> Review {
    open(MERKEL, &[], &[("A", A), ("B", B), ("C", C)], t)
}

/// Gold as `LABEL“text” proposers how`, in text order; `-` for no provenance.
fn gold(r: &Review) -> Vec<String> {
    let d = r.gold();
    d.spans()
        .iter()
        .map(|s| {
            let head = format!("{}“{}”", d.labels().name(s.label()), d.covered(s));
            match r.provenance(s.id()) {
                None => format!("{head} -"),
                Some(p) => {
                    let how = match (p.how.operation(), p.how.layer()) {
                        (None, _) => "auto".to_string(),
                        (Some(op), Some(l)) => format!("{op} {l}"),
                        (Some(op), None) => op.to_string(),
                    };
                    format!("{head} {} {how}", p.proposed_by.concat())
                }
            }
        })
        .collect()
}

#[derive(Clone, Copy, Debug)]
enum Op<'a> {
    Accept(usize, &'a str),
    Reject(usize),
    AcceptAll(&'a str),
    Remerge(Threshold),
    Add(&'a str, usize, usize),
    Resize((usize, usize, &'a str), usize, usize),
    Relabel((usize, usize, &'a str), &'a str),
    Delete((usize, usize, &'a str)),
    Undo,
    Redo,
}

fn layer_index(r: &Review, name: &str) -> usize {
    r.layers().iter().position(|l| l.name == name).unwrap_or(99)
}

fn span_id(r: &Review, (a, b, l): (usize, usize, &str)) -> SpanId {
    let d = r.gold();
    let label = d.labels().by_name(l).unwrap();
    let range = CharRange::new(a, b).unwrap();
    d.spans().find_same(label, range).unwrap().id().clone()
}

fn label(r: &Review, name: &str) -> LabelId {
    r.gold().labels().by_name(name).unwrap()
}

fn apply(r: &Review, op: Op) -> Result<Review, ReviewRefusal> {
    match op {
        Op::Accept(c, l) => r.accept(ConflictId(c), layer_index(r, l)),
        Op::Reject(c) => r.reject(ConflictId(c)),
        Op::AcceptAll(l) => r.accept_all(layer_index(r, l)),
        Op::Remerge(t) => Ok(r.remerge(t)),
        Op::Add(l, a, b) => r
            .add_span(label(r, l), CharRange::new(a, b).unwrap())
            .map(|(r, _)| r),
        Op::Resize(s, a, b) => r.resize(&span_id(r, s), CharRange::new(a, b).unwrap()),
        Op::Relabel(s, l) => r.relabel(&span_id(r, s), label(r, l)),
        Op::Delete(s) => r.delete(&span_id(r, s)),
        Op::Undo => r.undo(),
        Op::Redo => r.redo(),
    }
}

/// Runs `ops` from `start`; checks gold and the conflicts left, and that undoing every step
/// brings the opening state back.
#[track_caller]
fn check(start: &Review, ops: &[Op], want: &[&str], left: usize) {
    let mut r = start.clone();
    for &op in ops {
        let before = r.revision();
        r = apply(&r, op).unwrap_or_else(|e| panic!("{op:?}: {e}"));
        assert_ne!(r.revision(), before, "{op:?} moves the revision");
    }
    assert_eq!(gold(&r), want, "{ops:?}");
    assert_eq!(r.conflicts_left(), left, "{ops:?}: conflicts left");
    assert_eq!(r.is_reviewed(), left == 0);
    while r.can_undo() {
        r = r.undo().unwrap();
    }
    assert_eq!(gold(&r), gold(start), "{ops:?}: undone to the start");
    assert_eq!(r.conflicts_left(), start.conflicts_left());
}

const MERKEL_AUTO: &str = "PER“Merkel” ABC auto";
const QUOTE_A: &str = "QUOTE“\"We will manage.\"”";
const QUOTE_B: &str = "QUOTE“We will manage”";

#[test]
fn worked_example_decisions() {
    use Op::*;
    let r = merkel(Threshold::All);
    assert_eq!(gold(&r), [MERKEL_AUTO]);
    assert_eq!(r.conflicts().len(), 3);
    let qa = &format!("{QUOTE_A} AC accept A");
    let qb = &format!("{QUOTE_B} B accept B");
    check(&r, &[], &[MERKEL_AUTO], 3);
    check(&r, &[Accept(0, "A")], &[MERKEL_AUTO, qa], 2);
    check(
        &r,
        &[Accept(0, "C")],
        &[MERKEL_AUTO, &format!("{QUOTE_A} AC accept C")],
        2,
    );
    check(&r, &[Accept(0, "B")], &[MERKEL_AUTO, qb], 2);
    check(&r, &[Accept(0, "A"), Accept(0, "B")], &[MERKEL_AUTO, qb], 2);
    check(&r, &[Accept(0, "B"), Accept(0, "A")], &[MERKEL_AUTO, qa], 2);
    check(
        &r,
        &[Accept(1, "B")],
        &[MERKEL_AUTO, "ORG“Critics” B accept B"],
        2,
    );
    check(
        &r,
        &[Accept(1, "A"), Accept(1, "B")],
        &[MERKEL_AUTO, "ORG“Critics” B accept B"],
        2,
    );
    check(
        &r,
        &[Accept(2, "A")],
        &[MERKEL_AUTO, "ORG“CDU” A accept A"],
        2,
    );
    check(&r, &[Accept(2, "B")], &[MERKEL_AUTO], 2);
    check(&r, &[Reject(2)], &[MERKEL_AUTO], 2);
    check(&r, &[Accept(0, "A"), Reject(0)], &[MERKEL_AUTO], 2);
    let all_c = [
        MERKEL_AUTO,
        &format!("{QUOTE_A} AC accept_all C"),
        "PER“Critics” AC accept_all C",
    ];
    check(&r, &[AcceptAll("C")], &all_c, 0);
    check(
        &r,
        &[Accept(0, "B"), AcceptAll("A")],
        &[
            MERKEL_AUTO,
            qb,
            "PER“Critics” AC accept_all A",
            "ORG“CDU” A accept_all A",
        ],
        0,
    );
    check(
        &r,
        &[Accept(0, "A"), Reject(1), Accept(2, "B")],
        &[MERKEL_AUTO, qa],
        0,
    );
    check(&r, &[Accept(0, "A"), Undo], &[MERKEL_AUTO], 3);
    check(&r, &[Accept(0, "A"), Undo, Redo], &[MERKEL_AUTO, qa], 2);
    check(
        &r,
        &[Accept(0, "A"), Undo, Accept(0, "B")],
        &[MERKEL_AUTO, qb],
        2,
    );
}

#[test]
fn worked_example_at_a_majority() {
    use Op::*;
    let r = merkel(Threshold::Majority);
    let quote = &format!("{QUOTE_A} AC auto");
    let critics = "PER“Critics” AC auto";
    check(&r, &[], &[MERKEL_AUTO, quote, critics], 3);
    // B's label wins over the merged one: the two compete for the same range.
    check(
        &r,
        &[Accept(1, "B")],
        &[MERKEL_AUTO, quote, "ORG“Critics” B accept B"],
        2,
    );
    check(
        &r,
        &[Accept(0, "B")],
        &[MERKEL_AUTO, &format!("{QUOTE_B} B accept B"), critics],
        2,
    );
    check(
        &r,
        &[Accept(0, "B"), Accept(0, "A")],
        &[MERKEL_AUTO, &format!("{QUOTE_A} AC accept A"), critics],
        2,
    );
    check(&r, &[Accept(0, "A")], &[MERKEL_AUTO, quote, critics], 2);
    check(&r, &[Reject(1)], &[MERKEL_AUTO, quote, critics], 2);
    // Re-merging starts over, and is one step.
    let all = merkel(Threshold::All);
    check(
        &all,
        &[Remerge(Threshold::Majority)],
        &[MERKEL_AUTO, quote, critics],
        3,
    );
    check(
        &all,
        &[Accept(0, "B"), Remerge(Threshold::AtLeast(2))],
        &[MERKEL_AUTO, quote, critics],
        3,
    );
    check(&r, &[Remerge(Threshold::All)], &[MERKEL_AUTO], 3);
    let everyone = r.remerge(Threshold::AtLeast(1));
    assert_eq!(
        (everyone.conflicts_left(), everyone.gold().spans().len()),
        (0, 6)
    );
    assert_eq!(everyone.threshold(), Threshold::AtLeast(1));
}

#[test]
fn gold_edits_reuse_the_editor_and_keep_proposers() {
    use Op::*;
    let r = merkel(Threshold::All);
    let q = (13, 30, "QUOTE");
    check(
        &r,
        &[Accept(0, "A"), Resize(q, 14, 28)],
        &[MERKEL_AUTO, &format!("{QUOTE_B} AC resize")],
        2,
    );
    check(
        &r,
        &[Accept(1, "A"), Relabel((31, 38, "PER"), "ORG")],
        &[MERKEL_AUTO, "ORG“Critics” AC relabel"],
        2,
    );
    check(
        &r,
        &[Add("ORG", 46, 49)],
        &[MERKEL_AUTO, "ORG“CDU” A add"],
        3,
    );
    check(
        &r,
        &[Add("QUOTE", 12, 31)],
        &[MERKEL_AUTO, "QUOTE“ \"We will manage.\" ”  add"],
        3,
    );
    check(&r, &[Delete((0, 6, "PER"))], &[], 3);
    check(
        &r,
        &[Accept(0, "A"), Delete(q), Undo],
        &[MERKEL_AUTO, &format!("{QUOTE_A} AC accept A")],
        2,
    );
    // The editor's keyboard steps and selection rules hold in gold.
    let (sel, id) = r.label_selection(label(&r, "QUOTE"), 12, 31, true).unwrap();
    assert_eq!(gold(&sel)[1], "QUOTE“\"We will manage.\"” AC add");
    let stepped = sel
        .resize_step(&id, Edge::End, Step::Word, Dir::Back)
        .unwrap();
    assert_eq!(gold(&stepped)[1], "QUOTE“\"We will manage” AC resize");
    // Refused edits change nothing; relabelling to the same label is no step.
    let merkel_id = span_id(&r, (0, 6, "PER"));
    assert_eq!(
        r.resize(&merkel_id, CharRange::new(0, 99).unwrap())
            .unwrap_err(),
        ReviewRefusal::Edit(Refusal::OutsideText)
    );
    let same = r.relabel(&merkel_id, label(&r, "PER")).unwrap();
    assert_eq!((same.revision(), same.can_undo()), (r.revision(), false));
    assert_eq!(
        r.add_span(label(&r, "PER"), CharRange::new(0, 6).unwrap())
            .unwrap_err()
            .to_string(),
        "“Merkel” is already labelled PER"
    );
}

mod more;
mod qualified;
