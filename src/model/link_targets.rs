//! Where a new relation may go: the relation types a span can start, the spans a type lets it
//! reach (nearest first, the order the keyboard steps through them), and the type a mouse
//! drag from one span onto another means. Pure: the view asks, the editor links
//! (`Editor::link`, which checks the same rules again).

use super::relation::RelationType;
use super::span::{Span, SpanId};
use super::Document;

/// How far `b` is from `a` in code points: the gap between them, 0 when they overlap or touch.
pub fn gap(a: &Span, b: &Span) -> usize {
    if b.end() <= a.start() {
        a.start() - b.end()
    } else if b.start() >= a.end() {
        b.start() - a.end()
    } else {
        0
    }
}

/// The spans a relation of type `kind` from `from` may reach, nearest first (by [`gap`], then
/// text order): the type allows their label pair, they are not `from`, and the same link does
/// not exist yet. Empty when `from` or the type is unknown.
pub fn link_targets(doc: &Document, kind: &str, from: &SpanId) -> Vec<SpanId> {
    let (Some(source), Some(t)) = (doc.spans().get(from), doc.labels().relation_type(kind)) else {
        return Vec::new();
    };
    let labels = doc.labels();
    let from_label = labels.name(source.label());
    let mut found: Vec<(usize, usize, &Span)> = doc
        .spans()
        .iter()
        .enumerate()
        .filter(|(_, s)| s.id() != from)
        .filter(|(_, s)| t.allows(from_label, labels.name(s.label())))
        .filter(|(_, s)| doc.relations().find_same(kind, from, s.id()).is_none())
        .map(|(i, s)| (gap(source, s), i, s))
        .collect();
    // The set is in text order, so its position breaks ties by text order.
    super::order::sort_by_key(&mut found, |&(d, i, _)| (d, i));
    found.into_iter().map(|(_, _, s)| s.id().clone()).collect()
}

/// The relation types with at least one target from `from`, in schema order: the choices the
/// keyboard offers.
pub fn link_types<'a>(doc: &'a Document, from: &SpanId) -> Vec<&'a RelationType> {
    doc.labels()
        .relation_types()
        .iter()
        .filter(|t| !link_targets(doc, &t.name, from).is_empty())
        .collect()
}

/// The type a drag from `from` onto `to` creates: the first type of the schema that names
/// this label pair, else the first that allows any pair; `None` when no type links them (or
/// the link exists).
pub fn drag_type<'a>(doc: &'a Document, from: &SpanId, to: &SpanId) -> Option<&'a RelationType> {
    let (a, b) = (doc.spans().get(from)?, doc.spans().get(to)?);
    if from == to {
        return None;
    }
    let labels = doc.labels();
    let (la, lb) = (labels.name(a.label()), labels.name(b.label()));
    let open = |t: &&RelationType| {
        t.allows(la, lb) && doc.relations().find_same(&t.name, from, to).is_none()
    };
    let types = labels.relation_types();
    types
        .iter()
        .filter(|t| !t.pairs.is_empty())
        .find(open)
        .or_else(|| types.iter().find(open))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CharRange, Editor, LabelId, LabelSet};

    const ENTITY: LabelId = LabelId(0);
    const CLAIM: LabelId = LabelId(1);
    const QUOTE: LabelId = LabelId(2);

    /// A document over `text` with spans `(id, label, start, end)` in code points.
    fn doc(text: &str, spans: &[(&str, LabelId, usize, usize)]) -> Document {
        let spans = spans
            .iter()
            .map(|&(id, l, a, b)| {
                Span::new(SpanId::new(id), l, CharRange::new(a, b).unwrap()).unwrap()
            })
            .collect();
        Document::new("t", text, LabelSet::standard())
            .with_spans(spans)
            .unwrap()
    }

    #[track_caller]
    fn check(d: &Document, kind: &str, from: &str, want: &[&str]) {
        let got: Vec<String> = link_targets(d, kind, &SpanId::new(from))
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(got, want, "{kind} from {from}");
    }

    #[test]
    fn targets_come_nearest_first() {
        let text = "«Wir schaffen das», sagte Merkel. Scholz 👨🏻‍💼 schwieg. Macron lachte.";
        let d = doc(
            text,
            &[
                ("q", QUOTE, 0, 18),
                ("merkel", ENTITY, 26, 32),
                ("scholz", ENTITY, 34, 40),
                ("emoji", ENTITY, 41, 45),
                ("macron", ENTITY, 55, 61),
                ("c", CLAIM, 46, 53),
            ],
        );
        check(&d, "said_by", "q", &["merkel", "scholz", "emoji", "macron"]);
        check(
            &d,
            "claimed_by",
            "c",
            &["emoji", "macron", "scholz", "merkel"],
        );
        check(&d, "claimed_by", "q", &[]);
        check(&d, "said_by", "merkel", &[]);
        check(
            &d,
            "related_to",
            "scholz",
            &["emoji", "merkel", "c", "macron", "q"],
        );
        check(&d, "no_such_type", "q", &[]);
        check(&d, "said_by", "gone", &[]);
    }

    #[test]
    fn overlapping_spans_are_nearest_and_ties_go_in_text_order() {
        // CJK and right-to-left text; the quote holds its speaker.
        let d = doc(
            "他说：“北京很好”。قال أحمد",
            &[
                ("q", QUOTE, 3, 9),
                ("inner", ENTITY, 4, 6),
                ("before", ENTITY, 0, 1),
                ("after", ENTITY, 14, 18),
            ],
        );
        check(&d, "said_by", "q", &["inner", "before", "after"]);
        let t = doc(
            "ab\r\nc\r\nde",
            &[
                ("e1", ENTITY, 0, 2),
                ("m", CLAIM, 4, 5),
                ("e2", ENTITY, 7, 9),
            ],
        );
        check(&t, "claimed_by", "m", &["e1", "e2"]);
        check(&t, "related_to", "m", &["e1", "e2"]);
    }

    #[test]
    fn existing_links_are_not_offered_again() {
        let d = doc(
            "«Oui», dit Émile à Zoë.",
            &[
                ("q", QUOTE, 0, 5),
                ("emile", ENTITY, 11, 16),
                ("zoe", ENTITY, 19, 22),
            ],
        );
        let mut ed = Editor::new(d);
        ed.link("said_by", &SpanId::new("q"), &SpanId::new("emile"))
            .unwrap();
        check(ed.doc(), "said_by", "q", &["zoe"]);
        check(ed.doc(), "related_to", "q", &["emile", "zoe"]);
        let names: Vec<&str> = link_types(ed.doc(), &SpanId::new("q"))
            .iter()
            .map(|t| &*t.name)
            .collect();
        assert_eq!(names, ["said_by", "related_to"]);
        let e = SpanId::new("emile");
        let names: Vec<&str> = link_types(ed.doc(), &e).iter().map(|t| &*t.name).collect();
        assert_eq!(names, ["related_to"]);
    }

    #[track_caller]
    fn check_drag(d: &Document, from: &str, to: &str, want: Option<&str>) {
        let got = drag_type(d, &SpanId::new(from), &SpanId::new(to)).map(|t| &*t.name);
        assert_eq!(got, want, "{from} → {to}");
    }

    #[test]
    fn a_drag_takes_the_type_naming_the_pair() {
        let d = doc(
            "“Ja”, sagt Ärztin Ümit. Teuer!",
            &[
                ("q", QUOTE, 0, 4),
                ("e", ENTITY, 11, 22),
                ("c", CLAIM, 24, 30),
            ],
        );
        check_drag(&d, "q", "e", Some("said_by"));
        check_drag(&d, "c", "e", Some("claimed_by"));
        check_drag(&d, "e", "q", Some("related_to"));
        check_drag(&d, "q", "q", None);
        check_drag(&d, "q", "gone", None);
        let mut ed = Editor::new(d);
        ed.link("said_by", &SpanId::new("q"), &SpanId::new("e"))
            .unwrap();
        check_drag(ed.doc(), "q", "e", Some("related_to"));
        ed.link("related_to", &SpanId::new("q"), &SpanId::new("e"))
            .unwrap();
        check_drag(ed.doc(), "q", "e", None);
    }
}
