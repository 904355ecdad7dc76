//! The Labels panel's edits through `AppState::apply`: what the schema becomes, what the
//! store is asked to do, what the user is told, and undoing a delete.

use std::collections::BTreeMap;

use super::super::*;
use crate::corpus::schema::SchemaEdit;
use crate::model::label::LabelSpec;

/// A corpus of two documents (one open) whose records use the labels as given, with the
/// standard schema.
fn corpus() -> AppState {
    let mut s = AppState::default();
    let doc = Document::new("Žurnál 😀", "Merkel sagte 習近平", LabelSet::standard()).with_id("d1");
    let mut r1 = DocRecord::new(&doc, BTreeMap::new(), 1);
    r1.labels = BTreeMap::from([("Entity".into(), 2), ("Claim".into(), 1)]);
    let other = Document::new("مقال", "نص عربي", LabelSet::standard()).with_id("d2");
    let mut r2 = DocRecord::new(&other, BTreeMap::new(), 2);
    r2.labels = BTreeMap::from([("Entity".into(), 3)]);
    s.apply(Action::ListLoaded {
        records: vec![r1.clone(), r2],
        unreadable: 0,
    });
    s.apply(Action::OpenDocument("d1".into()));
    s.apply(Action::DocumentOpened {
        id: "d1".into(),
        editor: Editor::new(doc),
        record: Box::new(r1),
        unreadable: 0,
    });
    s.apply(Action::LabelsPanel(true));
    s.corpus.jobs = Rc::default();
    s.notice = None;
    s
}

/// The labels as `name:key` in key order.
fn keys(s: &AppState) -> Vec<String> {
    s.corpus
        .labels
        .iter()
        .map(|(_, l)| format!("{}:{}", l.name, l.hotkey.map_or('-', |k| k)))
        .collect()
}

fn jobs(s: &AppState) -> Vec<Job> {
    s.corpus.jobs.iter().map(|(_, j)| Job::clone(j)).collect()
}

fn notice(s: &AppState) -> String {
    match &s.notice {
        Some(Notice::Info(m)) => format!("info: {m}"),
        Some(Notice::Error(m)) => format!("error: {m}"),
        None => String::new(),
    }
}

fn id(n: u8) -> LabelId {
    LabelId(n)
}

/// An edit that changes the schema only: the labels change at once, the schema is stored
/// and the open document opens again with it.
#[track_caller]
fn check(edit: SchemaEdit, want: &[&str], says: &str) {
    let mut s = corpus();
    s.apply(Action::EditSchema(edit));
    assert_eq!(keys(&s), want);
    assert_eq!(notice(&s), says);
    assert_eq!(
        jobs(&s),
        [
            Job::PutSchema(s.corpus.labels.clone()),
            Job::Open("d1".into())
        ]
    );
    assert!(s.transfer.working.is_none(), "no document is rewritten");
}

#[test]
fn edits_of_the_schema_alone() {
    let add = |n: &str| SchemaEdit::Add(LabelSpec::named(n));
    check(
        add("Źródło 👩🏽‍💻"),
        &["Entity:1", "Claim:2", "Quote:3", "Źródło 👩🏽‍💻:4"],
        "info: Added the label “Źródło 👩🏽‍💻” (key 4).",
    );
    check(
        add("  引用  "),
        &["Entity:1", "Claim:2", "Quote:3", "引用:4"],
        "info: Added the label “引用” (key 4).",
    );
    check(
        SchemaEdit::Move { id: id(2), to: 0 },
        &["Quote:1", "Entity:2", "Claim:3"],
        "info: “Quote” is now label 1, key 1.",
    );
    check(
        SchemaEdit::Move { id: id(0), to: 1 },
        &["Claim:1", "Entity:2", "Quote:3"],
        "info: “Entity” is now label 2, key 2.",
    );
    check(
        SchemaEdit::Move { id: id(0), to: 9 },
        &["Claim:1", "Quote:2", "Entity:3"],
        "info: “Entity” is now label 3, key 3.",
    );
    check(
        SchemaEdit::Recolour {
            id: id(1),
            color: "#0072b2".into(),
        },
        &["Entity:1", "Claim:2", "Quote:3"],
        "info: “Claim” is now drawn in #0072b2.",
    );
    check(SchemaEdit::Recolour { id: id(1), color: "#f0e442".into() }, &["Entity:1", "Claim:2", "Quote:3"],
        "info: “Claim” is now drawn in #f0e442. Its contrast with the page is only 1.32:1, below the 3:1 needed to see it well; a darker colour is easier to see.");
    check(
        SchemaEdit::Describe {
            id: id(2),
            description: "Direct speech „…“, مع علامات".into(),
        },
        &["Entity:1", "Claim:2", "Quote:3"],
        "info: Saved the guideline of “Quote”.",
    );
}

#[test]
fn an_added_label_gets_a_visible_unused_palette_colour_and_a_guideline_sticks() {
    let mut s = corpus();
    s.apply(Action::EditSchema(SchemaEdit::Add(LabelSpec::named(
        "Source",
    ))));
    let added = s.corpus.labels.by_name("Source").unwrap();
    assert_eq!(&*s.corpus.labels.get(added).unwrap().color, "#009e73");
    s.apply(Action::EditSchema(SchemaEdit::Describe {
        id: added,
        description: "  Who said it  ".into(),
    }));
    assert_eq!(
        &*s.corpus.labels.get(added).unwrap().description,
        "Who said it"
    );
}

#[track_caller]
fn refused(edit: SchemaEdit, says: &str) {
    let mut s = corpus();
    let before = keys(&s);
    s.apply(Action::EditSchema(edit));
    assert_eq!(keys(&s), before, "nothing changed");
    assert_eq!(notice(&s), says);
    assert!(jobs(&s).is_empty());
}

#[test]
fn edits_that_break_the_schema_are_refused_in_plain_words() {
    refused(
        SchemaEdit::Rename {
            id: id(0),
            name: "Claim".into(),
        },
        "error: There is already a label “Claim”.",
    );
    refused(
        SchemaEdit::Rename {
            id: id(0),
            name: "   ".into(),
        },
        "error: A label needs a name.",
    );
    refused(
        SchemaEdit::Add(LabelSpec::named("Quote")),
        "error: There is already a label “Quote”.",
    );
    refused(
        SchemaEdit::Recolour {
            id: id(0),
            color: "red".into(),
        },
        "error: “red” is not a colour of the form #rrggbb.",
    );
    refused(
        SchemaEdit::Move { id: id(7), to: 0 },
        "error: There is no label number 7.",
    );
    // The same name again is no edit at all.
    refused(
        SchemaEdit::Rename {
            id: id(1),
            name: "Claim".into(),
        },
        "",
    );
}

/// What the worker answers once it has rewritten the documents.
fn relabelled(
    s: &mut AppState,
    renamed: &[(&str, &str, usize)],
    removed: Vec<(String, Vec<String>)>,
) {
    let records: Vec<DocRecord> = s
        .corpus
        .records
        .iter()
        .map(|r| {
            let mut r = (**r).clone();
            for (old, new, n) in renamed {
                if r.labels.remove(*old).is_some() && *n > 0 {
                    r.labels.insert(new.to_string(), *n);
                }
            }
            r.revision += 1;
            r
        })
        .collect();
    s.apply(Action::Relabelled { records, removed });
}

#[test]
fn a_rename_rewrites_the_documents_in_the_worker_then_the_schema_changes() {
    let mut s = corpus();
    s.corpus.stats_open = true;
    s.apply(Action::EditSchema(SchemaEdit::Rename {
        id: id(0),
        name: " Entité ".into(),
    }));
    let Some(Job::Relabel {
        labels,
        renames,
        deletes,
        restore,
        ..
    }) = jobs(&s).pop()
    else {
        panic!("a relabel job: {:?}", jobs(&s));
    };
    assert_eq!(renames, [("Entity".to_string(), "Entité".to_string())]);
    assert!(deletes.is_empty() && restore.is_empty());
    assert_eq!(labels.name(id(0)), "Entité");
    assert_eq!(
        keys(&s),
        ["Entity:1", "Claim:2", "Quote:3"],
        "not before the documents follow"
    );
    assert_eq!(
        s.transfer.working.as_deref(),
        Some("relabelling the documents")
    );
    // Nothing else of the schema changes meanwhile.
    s.apply(Action::EditSchema(SchemaEdit::Move { id: id(0), to: 2 }));
    assert_eq!(
        notice(&s),
        "error: The documents are still being relabelled; wait for it to finish."
    );
    s.corpus.jobs = Rc::default();
    relabelled(&mut s, &[("Entity", "Entité", 0)], Vec::new());
    let mut records: Vec<(String, BTreeMap<String, usize>)> = s
        .corpus
        .records
        .iter()
        .map(|r| (r.id.clone(), r.labels.clone()))
        .collect();
    records.sort();
    assert!(records.iter().all(|(_, l)| !l.contains_key("Entity")));
    assert_eq!(keys(&s), ["Entité:1", "Claim:2", "Quote:3"]);
    assert_eq!(
        jobs(&s),
        [
            Job::Open("d1".into()),
            Job::Stats(Rc::new(vec!["d1".into(), "d2".into()]))
        ],
        "the open document opens with the new names; the statistics shown are counted again"
    );
    s.apply(Action::StatsCounted(Default::default()));
    assert!(s.transfer.working.is_none());
    // The document opened again says nothing of its own.
    let doc =
        Document::new("Žurnál 😀", "Merkel sagte 習近平", s.corpus.labels.clone()).with_id("d1");
    let record = DocRecord::new(&doc, BTreeMap::new(), 1);
    let said = notice(&s);
    s.apply(Action::DocumentOpened {
        id: "d1".into(),
        editor: Editor::new(doc),
        record: Box::new(record),
        unreadable: 0,
    });
    assert_eq!(notice(&s), said);
    assert_eq!(s.doc().labels().name(id(0)), "Entité");
}

#[test]
fn deleting_a_used_label_asks_with_its_usage_and_can_be_undone() {
    let mut s = corpus();
    s.apply(Action::EditSchema(SchemaEdit::Delete { id: id(0) }));
    let Some(Dialog::DeleteLabel { name, used, .. }) = s.dialog.as_deref().cloned() else {
        panic!("asks first");
    };
    assert_eq!(
        (name.as_str(), used.spans, used.documents),
        ("Entity", 5, 2)
    );
    assert!(jobs(&s).is_empty());
    s.apply(Action::Cancel);
    assert_eq!(notice(&s), "info: Cancelled; nothing was changed.");
    assert_eq!(keys(&s), ["Entity:1", "Claim:2", "Quote:3"]);

    s.apply(Action::EditSchema(SchemaEdit::Delete { id: id(0) }));
    s.apply(Action::Confirm);
    let Some(Job::Relabel {
        labels, deletes, ..
    }) = jobs(&s).pop()
    else {
        panic!("a relabel job");
    };
    assert_eq!(deletes, ["Entity"]);
    assert_eq!(labels.len(), 2);
    s.corpus.jobs = Rc::default();
    let removed = vec![
        (
            "d1".to_string(),
            vec!["{\"a\":1}".to_string(), "{\"b\":2}".to_string()],
        ),
        ("d2".to_string(), vec!["{\"c\":3}".to_string(); 3]),
    ];
    relabelled(&mut s, &[("Entity", "", 0)], removed.clone());
    assert_eq!(
        keys(&s),
        ["Claim:1", "Quote:2"],
        "keys follow the new order"
    );
    assert_eq!(
        notice(&s),
        "info: Deleted the label “Entity” and its 5 annotations in 2 documents. “Undo delete label” in the Labels panel puts them back."
    );
    assert_eq!(s.schema.undo.as_ref().map(|u| u.span_count()), Some(5));

    s.apply(Action::UndoDeleteLabel);
    let Some(Job::Relabel {
        labels,
        renames,
        deletes,
        restore,
        ..
    }) = jobs(&s).pop()
    else {
        panic!("a relabel job");
    };
    assert!(renames.is_empty() && deletes.is_empty());
    assert_eq!(*restore, removed);
    assert_eq!(
        labels,
        LabelSet::standard(),
        "the label comes back where it was"
    );
    s.corpus.jobs = Rc::default();
    relabelled(&mut s, &[], Vec::new());
    assert_eq!(keys(&s), ["Entity:1", "Claim:2", "Quote:3"]);
    assert!(s.schema.undo.is_none());
    assert_eq!(
        notice(&s),
        "info: Put back the label “Entity” and its 5 annotations in 2 documents."
    );
    s.apply(Action::UndoDeleteLabel);
    assert_eq!(notice(&s), "error: No deleted label to put back.");
}

#[test]
fn an_unused_label_goes_without_asking_and_the_next_edit_ends_the_undo() {
    let mut s = corpus();
    s.apply(Action::EditSchema(SchemaEdit::Delete { id: id(2) }));
    assert!(s.dialog.is_none());
    assert!(matches!(jobs(&s).pop(), Some(Job::Relabel { .. })));
    relabelled(&mut s, &[], Vec::new());
    assert!(s.schema.undo.is_some());
    s.apply(Action::EditSchema(SchemaEdit::Move { id: id(1), to: 0 }));
    assert!(
        s.schema.undo.is_none(),
        "undo lasts until the next schema edit"
    );
    // A failed rewrite rereads the list and leaves the schema as it was.
    let mut s = corpus();
    s.apply(Action::EditSchema(SchemaEdit::Rename {
        id: id(1),
        name: "Behauptung".into(),
    }));
    s.corpus.jobs = Rc::default();
    s.apply(Action::TransferFailed(
        "the labels could not be changed: disk full".into(),
    ));
    assert_eq!(keys(&s), ["Entity:1", "Claim:2", "Quote:3"]);
    assert_eq!(jobs(&s), [Job::LoadList]);
    assert_eq!(
        notice(&s),
        "error: The labels could not be changed: disk full."
    );
}

#[test]
fn another_tabs_schema_edit_reopens_the_document_and_escape_closes_the_panel() {
    let mut s = corpus();
    let same = s.corpus.labels.clone();
    s.apply(Action::SchemaRead(same));
    assert!(jobs(&s).is_empty());
    let theirs = LabelSet::from_names(&["Quote", "Entity", "Claim"]).unwrap();
    s.apply(Action::SchemaRead(theirs.clone()));
    assert_eq!(s.corpus.labels, theirs);
    assert_eq!(jobs(&s), [Job::Open("d1".into())]);
    assert!(s.schema.open);
    s.apply(Action::Escape);
    assert!(!s.schema.open);
}
