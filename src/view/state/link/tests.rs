//! The relations slice through `AppState::apply`, as the view dispatches it: linking from the
//! keyboard and by drag, unlinking, the relation in focus, and deleting a span's links with it.

use super::super::{Action, AppState, Notice};
use super::*;
use crate::format::store::DocRecord;
use crate::model::{Editor, LabelId, LabelSet};

const ENTITY: LabelId = LabelId(0);
const CLAIM: LabelId = LabelId(1);
const QUOTE: LabelId = LabelId(2);

/// `«Ça ira», dit Zoë. 北京 agrees. Ahmed 👩🏽‍🚀 said it.` with a quote, two entities before
/// and after it and a claim, and the document open.
fn state() -> AppState {
    let text = "«Ça ira», dit Zoë. 北京 agrees. Ahmed 👩🏽‍🚀 said it.";
    let mut s = AppState::default();
    let doc = Document::new("t", text, LabelSet::standard());
    s.apply(Action::OpenDocument(doc.id().to_string()));
    let record = DocRecord::new(&doc, Default::default(), 1);
    s.apply(Action::DocumentOpened {
        id: doc.id().to_string(),
        editor: Editor::new(doc),
        record: Box::new(record),
        unreadable: 0,
    });
    for (label, a, b) in [
        (QUOTE, 0, 8),
        (ENTITY, 14, 17),
        (ENTITY, 19, 21),
        (CLAIM, 19, 28),
        (ENTITY, 30, 35),
    ] {
        s.apply(Action::LabelSelection {
            label,
            anchor: a,
            focus: b,
        });
    }
    s
}

/// The id of the span covering exactly `text` with `label`.
fn span(s: &AppState, label: LabelId, text: &str) -> SpanId {
    let doc = s.doc();
    doc.spans()
        .iter()
        .find(|sp| sp.label() == label && doc.covered(sp) == text)
        .map(|sp| sp.id().clone())
        .unwrap_or_else(|| panic!("no span {text}"))
}

fn link(s: &mut AppState, a: LinkAction) {
    s.apply(Action::Link(a));
}

#[track_caller]
fn check_notice(s: &AppState, info: bool, starts: &str) {
    let (got, is_info) = match &s.notice {
        Some(Notice::Info(m)) => (m.as_str(), true),
        Some(Notice::Error(m)) => (m.as_str(), false),
        None => ("", false),
    };
    assert!(got.starts_with(starts) && is_info == info, "{got:?}");
}

/// The relations as `(type, from text, to text)`.
fn relations(s: &AppState) -> Vec<(String, String, String)> {
    let doc = s.doc();
    let text = |id: &SpanId| {
        doc.spans()
            .get(id)
            .map(|sp| doc.covered(sp).to_string())
            .unwrap_or_default()
    };
    doc.relations()
        .iter()
        .map(|r| (r.kind().to_string(), text(r.from()), text(r.to())))
        .collect()
}

#[track_caller]
fn check_relations(s: &AppState, want: &[(&str, &str, &str)]) {
    let want: Vec<(String, String, String)> = want
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(relations(s), want);
}

#[test]
fn the_keyboard_links_a_quote_to_its_speaker_nearest_first() {
    let mut s = state();
    let q = span(&s, QUOTE, "«Ça ira»");
    link(&mut s, LinkAction::Start);
    check_notice(&s, false, "Focus a span first");
    s.apply(Action::Focus(Some(q.clone())));
    link(&mut s, LinkAction::Start);
    check_notice(&s, true, "Link Quote “«Ça ira»”: choose the relation type by number or by typing its name: 1 said_by, 2 related_to.");
    link(&mut s, LinkAction::TypeAhead('S'));
    check_notice(&s, true, "said_by Entity “Zoë”, 1 of 3.");
    link(&mut s, LinkAction::Step(Dir::Forward));
    check_notice(&s, true, "said_by Entity “北京”, 2 of 3.");
    link(&mut s, LinkAction::Step(Dir::Back));
    link(&mut s, LinkAction::Step(Dir::Back));
    check_notice(&s, true, "said_by Entity “Ahmed”, 3 of 3.");
    link(&mut s, LinkAction::Step(Dir::Forward));
    link(&mut s, LinkAction::Confirm);
    check_notice(
        &s,
        true,
        "Linked: Quote “«Ça ira»” said_by Entity “Zoë”. Undo",
    );
    check_relations(&s, &[("said_by", "«Ça ira»", "Zoë")]);
    assert!(s.link.is_none());
    assert_eq!(s.focused, Some(q), "focus stays on the source");
    s.apply(Action::Undo);
    check_relations(&s, &[]);
    s.apply(Action::Redo);
    check_relations(&s, &[("said_by", "«Ça ira»", "Zoë")]);
}

#[test]
fn types_are_chosen_by_number_or_type_ahead_and_escape_cancels() {
    let mut s = state();
    s.apply(Action::Focus(Some(span(&s, QUOTE, "«Ça ira»"))));
    link(&mut s, LinkAction::Start);
    link(&mut s, LinkAction::Confirm);
    check_notice(&s, false, "Choose the relation type first");
    link(&mut s, LinkAction::TypeAhead('x'));
    check_notice(&s, false, "No relation type starts with “x”.");
    link(&mut s, LinkAction::TypeNumber(5));
    check_notice(&s, false, "No relation type has that number.");
    link(&mut s, LinkAction::TypeNumber(1));
    check_notice(&s, true, "related_to Entity “Zoë”, 1 of 4.");
    link(&mut s, LinkAction::Cancel);
    check_notice(&s, true, "Linking cancelled.");
    assert!(s.link.is_none());
    link(&mut s, LinkAction::Confirm);
    check_relations(&s, &[]);
}

#[test]
fn a_span_with_one_type_goes_straight_to_its_targets() {
    let mut s = state();
    s.apply(Action::Focus(Some(span(&s, CLAIM, "北京 agrees"))));
    link(&mut s, LinkAction::Start);
    // claimed_by and related_to both reach entities: the choice is asked.
    check_notice(&s, true, "Link Claim “北京 agrees”: choose");
    link(&mut s, LinkAction::TypeAhead('c'));
    check_notice(&s, true, "claimed_by Entity “北京”, 1 of 3.");
    link(&mut s, LinkAction::Confirm);
    // Linked once, claimed_by from the claim to 北京 is not offered again.
    link(&mut s, LinkAction::Start);
    link(&mut s, LinkAction::TypeAhead('c'));
    check_notice(&s, true, "claimed_by Entity “Zoë”, 1 of 2.");
    link(&mut s, LinkAction::Cancel);
    s.apply(Action::Focus(Some(span(&s, ENTITY, "Ahmed"))));
    link(&mut s, LinkAction::Start);
    check_notice(&s, true, "related_to Claim “北京 agrees”, 1 of 4.");
}

#[test]
fn dragging_links_with_the_type_naming_the_pair() {
    let mut s = state();
    let (q, zoe) = (span(&s, QUOTE, "«Ça ira»"), span(&s, ENTITY, "Zoë"));
    link(
        &mut s,
        LinkAction::Drag {
            from: q.clone(),
            to: zoe.clone(),
        },
    );
    check_relations(&s, &[("said_by", "«Ça ira»", "Zoë")]);
    link(
        &mut s,
        LinkAction::Drag {
            from: zoe.clone(),
            to: q.clone(),
        },
    );
    check_relations(
        &s,
        &[
            ("said_by", "«Ça ira»", "Zoë"),
            ("related_to", "Zoë", "«Ça ira»"),
        ],
    );
    link(
        &mut s,
        LinkAction::Drag {
            from: zoe.clone(),
            to: q.clone(),
        },
    );
    check_notice(&s, false, "No relation type links Entity “Zoë” to Quote");
    link(
        &mut s,
        LinkAction::Drag {
            from: q.clone(),
            to: q,
        },
    );
    assert_eq!(relations(&s).len(), 2, "a drag onto itself does nothing");
}

#[test]
fn unlinking_and_deleting_a_span_take_its_links_in_one_undo_step() {
    let mut s = state();
    let (q, zoe, ahmed) = (
        span(&s, QUOTE, "«Ça ira»"),
        span(&s, ENTITY, "Zoë"),
        span(&s, ENTITY, "Ahmed"),
    );
    for to in [&zoe, &ahmed] {
        link(
            &mut s,
            LinkAction::Drag {
                from: q.clone(),
                to: to.clone(),
            },
        );
    }
    let first = s.doc().relations().iter().next().unwrap().id().clone();
    link(&mut s, LinkAction::Focus(Some(first.clone())));
    check_notice(&s, true, "Quote “«Ça ira»” said_by Entity “Zoë”");
    assert_eq!(s.relation, Some(first.clone()));
    link(&mut s, LinkAction::Unlink(first.clone()));
    check_notice(
        &s,
        true,
        "Unlinked: Quote “«Ça ira»” said_by Entity “Zoë”. Undo",
    );
    assert_eq!(s.relation, None, "the relation in focus is gone");
    link(&mut s, LinkAction::Unlink(first));
    check_notice(&s, false, "");
    s.apply(Action::Undo);
    check_relations(
        &s,
        &[
            ("said_by", "«Ça ira»", "Zoë"),
            ("said_by", "«Ça ira»", "Ahmed"),
        ],
    );
    s.apply(Action::Delete(ahmed));
    check_relations(&s, &[("said_by", "«Ça ira»", "Zoë")]);
    s.apply(Action::Delete(q.clone()));
    check_relations(&s, &[]);
    s.apply(Action::Undo);
    check_relations(&s, &[("said_by", "«Ça ira»", "Zoë")]);
    // Resizing keeps links.
    s.apply(Action::ResizeTo {
        id: q,
        range: crate::model::CharRange::new(1, 7).unwrap(),
    });
    check_relations(&s, &[("said_by", "Ça ira", "Zoë")]);
}

#[test]
fn deleting_the_source_stops_a_link_in_the_making() {
    let mut s = state();
    let q = span(&s, QUOTE, "«Ça ira»");
    s.apply(Action::Focus(Some(q.clone())));
    link(&mut s, LinkAction::Start);
    assert!(s.link.is_some());
    s.apply(Action::Delete(q));
    assert!(s.link.is_none());
}
