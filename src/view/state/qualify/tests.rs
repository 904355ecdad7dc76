//! Attributes and notes through `AppState::apply`: the picker's lines, setting values and
//! notes by the actions the keys and the details panel dispatch, refusals, Escape, Find's
//! label-all with values, the list's filters and badges, and the schema editor's attribute
//! edits (asked first when they take values away; the worker rewrites the documents).

use std::collections::BTreeMap;
use std::rc::Rc;

use super::super::*;
use super::*;
use crate::corpus::schema::SchemaEdit;
use crate::model::attribute::{AttrDef, AttrKind, AttrValue, Attrs};
use crate::model::label::LabelSpec;
use crate::model::{CharRange, Document, Editor};

const ENTITY: LabelId = LabelId(0);
const CLAIM: LabelId = LabelId(1);
const QUOTE: LabelId = LabelId(2);

const TEXT: &str = "Ильхам Алиев 👩🏽‍💻 said “Karabakh is Azerbaijan” in 巴库; Azerbaijan\r\nagrees";

/// Entity: type (person/organisation/place/other); Claim: check-worthy (yes/no/unsure);
/// Quote: direct (flag), speaker (text).
fn schema() -> LabelSet {
    let spec = |n: &str, attributes: Vec<AttrDef>| LabelSpec {
        attributes,
        ..LabelSpec::named(n)
    };
    LabelSet::from_specs(vec![
        spec(
            "Entity",
            vec![AttrDef::new(
                "type",
                AttrKind::choice(&["person", "organisation", "place", "other"]),
            )],
        ),
        spec(
            "Claim",
            vec![AttrDef::new(
                "check-worthy",
                AttrKind::choice(&["yes", "no", "unsure"]),
            )],
        ),
        spec(
            "Quote",
            vec![
                AttrDef::new("direct", AttrKind::Flag),
                AttrDef::new("speaker", AttrKind::Text),
            ],
        ),
        LabelSpec::named("Other"),
    ])
    .unwrap()
}

fn r(a: usize, b: usize) -> CharRange {
    CharRange::new(a, b).unwrap()
}

/// The document open, with an Entity (a1: Ильхам Алиев), a Claim (a2: the quoted words) and
/// a Quote (a3: the same words with their quotation marks); the corpus has it on record
/// with those labels in use.
fn state() -> AppState {
    let mut e = Editor::new(Document::new("t", TEXT, schema()).with_id("d1"));
    e.add_span(ENTITY, r(0, 12)).unwrap();
    e.add_span(CLAIM, r(24, 46)).unwrap();
    e.add_span(QUOTE, r(23, 47)).unwrap();
    let mut record = DocRecord::new(e.doc(), BTreeMap::new(), 1);
    record.labels = BTreeMap::from([
        ("Entity".into(), 1),
        ("Claim".into(), 1),
        ("Quote".into(), 1),
    ]);
    let mut s = AppState::default();
    s.apply(Action::ListLoaded {
        records: vec![record.clone()],
        unreadable: 0,
    });
    s.apply(Action::Schema {
        labels: schema(),
        added: Vec::new(),
    });
    s.apply(Action::OpenDocument("d1".into()));
    s.apply(Action::DocumentOpened {
        id: "d1".into(),
        editor: e,
        record: Box::new(record),
        unreadable: 0,
    });
    s.corpus.jobs = Rc::default();
    s.notice = None;
    s
}

fn id(s: &str) -> SpanId {
    SpanId::new(s)
}

fn notice(s: &AppState) -> String {
    match &s.notice {
        Some(Notice::Info(m)) => format!("info: {m}"),
        Some(Notice::Error(m)) => format!("error: {m}"),
        None => String::new(),
    }
}

fn q(s: &mut AppState, a: QualifyAction) {
    s.apply(Action::Qualify(a));
}

fn value(s: &AppState, span: &str, name: &str) -> Option<String> {
    s.doc()
        .spans()
        .get(&id(span))
        .and_then(|x| x.attr(name))
        .map(|v| v.to_string())
}

fn choice(v: &str) -> Option<AttrValue> {
    Some(AttrValue::Choice(Rc::from(v)))
}

#[track_caller]
fn check_entries(span: &str, setup: &[(&str, Option<AttrValue>)], typed: &str, want: &[&str]) {
    let mut s = state();
    for (name, v) in setup {
        s.editor.set_attr(&id(span), name, v.clone()).unwrap();
    }
    let sp = s.doc().spans().get(&id(span)).unwrap().clone();
    let got: Vec<String> = picker_entries(s.doc().labels(), &sp, typed)
        .into_iter()
        .map(|e| e.text)
        .collect();
    assert_eq!(got, want, "{span} typed {typed:?}");
}

#[test]
fn the_picker_lists_values_and_types_ahead() {
    check_entries(
        "a2",
        &[],
        "",
        &[
            "check-worthy: yes",
            "check-worthy: no",
            "check-worthy: unsure",
        ],
    );
    check_entries("a2", &[], "UNS", &["check-worthy: unsure"]);
    check_entries(
        "a2",
        &[],
        "n",
        &["check-worthy: no", "check-worthy: unsure"],
    );
    check_entries("a2", &[], "maybe", &[]);
    check_entries(
        "a2",
        &[("check-worthy", choice("no"))],
        "",
        &[
            "check-worthy: yes",
            "check-worthy: no",
            "check-worthy: unsure",
            "check-worthy: clear",
        ],
    );
    check_entries("a1", &[], "pl", &["type: place"]);
    check_entries("a3", &[], "", &["direct: yes", "direct: no"]);
    check_entries(
        "a3",
        &[],
        "Speaker: Ильхам Алиев 👩🏽‍💻",
        &["speaker: Ильхам Алиев 👩🏽‍💻"],
    );
    check_entries("a3", &[], "speaker:   ", &[]);
    check_entries(
        "a3",
        &[("speaker", Some(AttrValue::Text("שרה".into())))],
        "clear",
        &["speaker: clear"],
    );
}

#[test]
fn set_from_the_picker_then_undo() {
    let mut s = state();
    q(&mut s, QualifyAction::OpenPicker);
    assert_eq!(
        notice(&s),
        "error: Focus a span first (Tab or J steps to the next one)."
    );
    assert_eq!(s.qualify.picker, None);
    s.apply(Action::Focus(Some(id("a2"))));
    q(&mut s, QualifyAction::OpenPicker);
    assert_eq!(s.qualify.picker, Some(id("a2")));
    q(
        &mut s,
        QualifyAction::SetAttr {
            id: id("a2"),
            name: "check-worthy".into(),
            value: choice("maybe"),
        },
    );
    assert_eq!(
        notice(&s),
        "error: “maybe” is not a value of check-worthy.",
        "refused as every refusal is"
    );
    assert_eq!(
        s.qualify.picker,
        Some(id("a2")),
        "stays open after a refusal"
    );
    q(
        &mut s,
        QualifyAction::SetAttr {
            id: id("a2"),
            name: "check-worthy".into(),
            value: choice("yes"),
        },
    );
    assert_eq!(value(&s, "a2", "check-worthy").as_deref(), Some("yes"));
    assert_eq!(s.qualify.picker, None);
    assert_eq!(
        notice(&s),
        "info: Set check-worthy: yes on Claim “Karabakh is Azerbaijan”."
    );
    q(
        &mut s,
        QualifyAction::SetAttr {
            id: id("a2"),
            name: "check-worthy".into(),
            value: None,
        },
    );
    assert_eq!(value(&s, "a2", "check-worthy"), None);
    s.apply(Action::Undo);
    assert_eq!(value(&s, "a2", "check-worthy").as_deref(), Some("yes"));
    s.apply(Action::Undo);
    assert_eq!(value(&s, "a2", "check-worthy"), None);
    assert_eq!(s.focused, Some(id("a2")), "the span stays focused");
}

#[test]
fn a_label_without_attributes_and_escape() {
    let mut s = state();
    s.editor.add_span(LabelId(3), r(53, 56)).unwrap();
    s.apply(Action::Focus(Some(id("a4"))));
    q(&mut s, QualifyAction::OpenPicker);
    assert_eq!(
        notice(&s),
        "error: Other has no attributes yet; add some in the Labels panel."
    );
    s.apply(Action::Focus(Some(id("a1"))));
    q(&mut s, QualifyAction::OpenPicker);
    s.apply(Action::Escape);
    assert_eq!(s.qualify, QualifyState::default());
    assert_eq!(
        s.focused,
        Some(id("a1")),
        "the first Escape only closes the picker"
    );
    assert_eq!(notice(&s), "info: Closed; nothing was changed.");
    s.apply(Action::Escape);
    assert_eq!(s.focused, None);
}

#[test]
fn notes_are_written_removed_and_undone() {
    let mut s = state();
    s.apply(Action::Focus(Some(id("a1"))));
    q(&mut s, QualifyAction::OpenNote);
    assert_eq!(s.qualify.note, Some(id("a1")));
    let note = |s: &AppState| {
        s.doc()
            .spans()
            .get(&id("a1"))
            .and_then(|x| x.note().map(str::to_string))
    };
    q(
        &mut s,
        QualifyAction::SaveNote {
            id: id("a1"),
            text: "x".repeat(crate::model::attribute::MAX_TEXT_CHARS + 1),
        },
    );
    assert!(notice(&s).starts_with("error: "), "{}", notice(&s));
    assert_eq!(s.qualify.note, Some(id("a1")), "the text typed is not lost");
    q(
        &mut s,
        QualifyAction::SaveNote {
            id: id("a1"),
            text: "Spelling? «Ilham Aliyev» 🧐\r\nask the desk".into(),
        },
    );
    assert_eq!(
        note(&s).as_deref(),
        Some("Spelling? «Ilham Aliyev» 🧐\r\nask the desk")
    );
    assert_eq!(s.qualify.note, None);
    assert_eq!(
        notice(&s),
        "info: Saved a note (40 characters) on Entity “Ильхам Алиев”."
    );
    q(&mut s, QualifyAction::OpenNote);
    q(
        &mut s,
        QualifyAction::SaveNote {
            id: id("a1"),
            text: "  ".into(),
        },
    );
    assert_eq!(note(&s), None);
    assert_eq!(
        notice(&s),
        "info: Removed the note of Entity “Ильхам Алиев”."
    );
    s.apply(Action::Undo);
    assert!(note(&s).is_some());
    q(&mut s, QualifyAction::OpenNote);
    q(&mut s, QualifyAction::Close);
    assert_eq!(s.qualify, QualifyState::default());
}

#[test]
fn find_labels_every_hit_with_values() {
    let mut s = state();
    s.apply(Action::FindQuery(crate::model::find::Query {
        pattern: "azerbaijan".into(),
        whole_word: true,
        ..Default::default()
    }));
    assert_eq!(s.find.hits.len(), 2);
    let place = Attrs::from_pairs(vec![("type".into(), AttrValue::Choice("place".into()))]);
    s.apply(Action::FindLabel {
        label: ENTITY,
        attrs: place,
        all: true,
    });
    assert_eq!(
        notice(&s),
        "info: Labelled 2 hits as Entity (type: place). One Undo takes them all back."
    );
    let places: Vec<String> = s
        .doc()
        .spans()
        .iter()
        .filter(|x| x.attr("type").map(AttrValue::as_text) == Some("place"))
        .map(|x| s.doc().covered(x).to_string())
        .collect();
    assert_eq!(places, ["Azerbaijan", "Azerbaijan"]);
    let city = Attrs::from_pairs(vec![("type".into(), AttrValue::Choice("city".into()))]);
    s.apply(Action::Undo);
    s.apply(Action::FindLabel {
        label: ENTITY,
        attrs: city,
        all: true,
    });
    assert_eq!(notice(&s), "error: “city” is not a value of type.");
    assert_eq!(s.doc().spans().len(), 3);
}

#[test]
fn badges_and_list_filters() {
    let mut s = state();
    let set = |s: &mut AppState, span: &str, name: &str, v: AttrValue| {
        s.editor.set_attr(&id(span), name, Some(v)).unwrap();
    };
    set(&mut s, "a3", "direct", AttrValue::Flag(false));
    set(
        &mut s,
        "a3",
        "speaker",
        AttrValue::Text("Ильхам Алиев, президент".into()),
    );
    set(
        &mut s,
        "a2",
        "check-worthy",
        AttrValue::Choice("yes".into()),
    );
    s.editor.set_note(&id("a2"), "source? 📎").unwrap();
    let labels = s.doc().labels().clone();
    let span = |s: &AppState, x: &str| s.doc().spans().get(&id(x)).unwrap().clone();
    assert_eq!(badge(&labels, &span(&s, "a1")), None);
    assert_eq!(badge(&labels, &span(&s, "a2")).as_deref(), Some("yes · ✎"));
    assert_eq!(
        badge(&labels, &span(&s, "a3")).as_deref(),
        Some("not direct · Ильхам Алиев, пр…")
    );
    assert_eq!(
        values_text(&labels, &span(&s, "a3")),
        "direct: no; speaker: Ильхам Алиев, президент"
    );
    let filters = list_filters(&labels);
    let words: Vec<&str> = filters.iter().map(|(_, w)| w.as_str()).collect();
    assert_eq!(
        words,
        [
            "with a note",
            "Entity · type: person",
            "Entity · type: organisation",
            "Entity · type: place",
            "Entity · type: other",
            "Claim · check-worthy: yes",
            "Claim · check-worthy: no",
            "Claim · check-worthy: unsure",
            "Quote · direct: yes",
            "Quote · direct: no",
            "Quote · speaker: any",
        ]
    );
    let kept = |f: &str| -> Vec<String> {
        let (filter, _) = filters.iter().find(|(_, w)| w == f).unwrap();
        s.doc()
            .spans()
            .iter()
            .filter(|x| filter.keeps(x))
            .map(|x| x.id().to_string())
            .collect()
    };
    assert_eq!(kept("with a note"), ["a2"]);
    assert_eq!(kept("Claim · check-worthy: yes"), ["a2"]);
    assert_eq!(kept("Claim · check-worthy: no"), Vec::<String>::new());
    assert_eq!(kept("Quote · direct: no"), ["a3"]);
    assert_eq!(kept("Quote · speaker: any"), ["a3"]);
}

fn jobs(s: &AppState) -> Vec<Job> {
    s.corpus.jobs.iter().map(|(_, j)| Job::clone(j)).collect()
}

fn attr_edit(s: &mut AppState, label: LabelId, edit: AttrEdit) {
    s.apply(Action::EditSchema(SchemaEdit::Attribute {
        id: label,
        edit,
    }));
}

#[test]
fn adding_an_attribute_changes_the_schema_only() {
    let mut s = state();
    attr_edit(
        &mut s,
        LabelId(3),
        AttrEdit::Add(AttrDef::new("confidence", AttrKind::choice(&["高", "低"]))),
    );
    assert_eq!(
        notice(&s),
        "info: Other now has the attribute “confidence” (高, 低). Focus a Other and press T to set it."
    );
    assert_eq!(
        jobs(&s),
        [
            Job::PutSchema(s.corpus.labels.clone()),
            Job::Open("d1".into())
        ],
        "stored, and the open document opens again with it"
    );
    assert!(s
        .corpus
        .labels
        .attribute(LabelId(3), "confidence")
        .is_some());
    attr_edit(
        &mut s,
        LabelId(3),
        AttrEdit::Add(AttrDef::new("confidence", AttrKind::Flag)),
    );
    assert_eq!(
        notice(&s),
        "error: “Other” already has an attribute “confidence”."
    );
}

#[test]
fn removing_a_value_in_use_asks_then_the_worker_rewrites() {
    let mut s = state();
    let edit = AttrEdit::RemoveValue {
        name: "check-worthy".into(),
        value: "unsure".into(),
    };
    attr_edit(&mut s, CLAIM, edit.clone());
    let Some(Dialog::RemoveAttribute { label, used, .. }) = s.dialog.as_deref() else {
        panic!("a question: {:?}", s.dialog);
    };
    assert_eq!(
        (label.as_str(), used.spans, used.documents),
        ("Claim", 1, 1)
    );
    assert!(jobs(&s).is_empty(), "nothing before the answer");
    s.apply(Action::Cancel);
    assert!(jobs(&s).is_empty());
    attr_edit(&mut s, CLAIM, edit);
    s.apply(Action::Confirm);
    let Some(Job::Relabel { labels, attrs, .. }) = jobs(&s).pop() else {
        panic!("a relabel job: {:?}", jobs(&s));
    };
    assert_eq!(attrs.len(), 1);
    assert_eq!(
        (attrs[0].label.as_str(), attrs[0].name.as_str()),
        ("Claim", "check-worthy")
    );
    assert_eq!(
        labels
            .attribute(CLAIM, "check-worthy")
            .map(|d| d.kind.clone()),
        Some(AttrKind::choice(&["yes", "no"]))
    );
    let records = s.corpus.records.iter().map(|r| (**r).clone()).collect();
    s.apply(Action::Relabelled {
        records,
        removed: Vec::new(),
    });
    assert_eq!(s.corpus.labels, labels);
    assert_eq!(
        notice(&s),
        "info: Removed “unsure” from “check-worthy” of Claim; spans that had it lost it."
    );
}

#[test]
fn a_rename_of_an_unused_labels_attribute_rewrites_nothing() {
    let mut s = state();
    attr_edit(
        &mut s,
        LabelId(3),
        AttrEdit::Add(AttrDef::new("flag", AttrKind::Flag)),
    );
    s.corpus.jobs = Rc::default();
    attr_edit(
        &mut s,
        LabelId(3),
        AttrEdit::Rename {
            name: "flag".into(),
            to: "drapeau".into(),
        },
    );
    assert!(
        matches!(jobs(&s).first(), Some(Job::PutSchema(_))),
        "{:?}",
        jobs(&s)
    );
    attr_edit(
        &mut s,
        LabelId(3),
        AttrEdit::Remove {
            name: "drapeau".into(),
        },
    );
    assert!(s.dialog.is_none(), "no span uses Other: nothing to ask");
}
