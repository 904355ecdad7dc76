//! The relation types slice through `AppState::apply`: adding and pairing is stored at once;
//! renaming goes through the worker; deleting counts first, asks when relations would go, and
//! goes through the worker once confirmed.

use super::super::{Action, AppState, Job, Notice};
use crate::corpus::relation_types::TypeEdit;
use crate::model::LabelSet;

/// The last job the reducer asked for.
fn last_job(s: &AppState) -> Option<&Job> {
    s.corpus.jobs.last().map(|(_, j)| &**j)
}

fn types(set: &LabelSet) -> Vec<String> {
    set.relation_types()
        .iter()
        .map(|t| t.name.to_string())
        .collect()
}

#[track_caller]
fn check_notice(s: &AppState, want: &str) {
    let got = match &s.notice {
        Some(Notice::Info(m)) | Some(Notice::Error(m)) => m.as_str(),
        None => "",
    };
    assert_eq!(got, want);
}

fn edit(s: &mut AppState, e: TypeEdit) {
    s.apply(Action::EditRelationTypes(e));
}

#[test]
fn adding_a_type_and_a_pair_is_stored_at_once() {
    let mut s = AppState::default();
    edit(
        &mut s,
        TypeEdit::Add {
            name: "zitiert_von 💬".into(),
        },
    );
    check_notice(
        &s,
        "Added the relation type “zitiert_von 💬”; it links any two spans until you add pairs.",
    );
    assert_eq!(
        types(&s.corpus.labels),
        ["said_by", "claimed_by", "related_to", "zitiert_von 💬"]
    );
    assert!(matches!(last_job(&s), Some(Job::PutSchema(l)) if *l == s.corpus.labels));
    edit(
        &mut s,
        TypeEdit::AddPair {
            name: "zitiert_von 💬".into(),
            from: "Quote".into(),
            to: "Entity".into(),
        },
    );
    check_notice(&s, "“zitiert_von 💬” now links Quote to Entity.");
    edit(
        &mut s,
        TypeEdit::Add {
            name: "said_by".into(),
        },
    );
    check_notice(&s, "There is already a relation type “said_by”.");
}

#[test]
fn a_rename_waits_for_the_worker() {
    let mut s = AppState::default();
    edit(
        &mut s,
        TypeEdit::Rename {
            name: "said_by".into(),
            new: " dit_par ".into(),
        },
    );
    assert!(
        matches!(last_job(&s), Some(Job::Retype { renames, deletes, count_only: false, labels })
            if renames == &[("said_by".to_string(), "dit_par".to_string())] && deletes.is_empty()
                && types(labels)[0] == "dit_par")
    );
    assert_eq!(
        types(&s.corpus.labels)[0],
        "said_by",
        "not until the worker is done"
    );
    edit(&mut s, TypeEdit::Add { name: "x".into() });
    check_notice(
        &s,
        "The documents are still being rewritten; wait for it to finish.",
    );
    s.apply(Action::Retyped {
        removed: 0,
        documents: 0,
        records: Vec::new(),
    });
    assert_eq!(
        types(&s.corpus.labels),
        ["dit_par", "claimed_by", "related_to"]
    );
    check_notice(
        &s,
        "Renamed the relation type “said_by” to “dit_par”; its relations followed.",
    );
}

#[test]
fn a_delete_counts_first_and_asks_when_relations_would_go() {
    let mut s = AppState::default();
    edit(
        &mut s,
        TypeEdit::Delete {
            name: "related_to".into(),
        },
    );
    assert!(
        matches!(last_job(&s), Some(Job::Retype { count_only: true, deletes, .. }) if deletes == &["related_to"])
    );
    s.apply(Action::Retyped {
        removed: 3,
        documents: 2,
        records: Vec::new(),
    });
    assert_eq!(s.retype.asking, Some(("related_to".into(), 3, 2)));
    check_notice(
        &s,
        "Deleting “related_to” removes its 3 relations in 2 documents.",
    );
    s.apply(Action::CancelRetype);
    assert_eq!(s.retype.asking, None);
    assert_eq!(types(&s.corpus.labels).len(), 3, "nothing changed");

    edit(
        &mut s,
        TypeEdit::Delete {
            name: "related_to".into(),
        },
    );
    s.apply(Action::Retyped {
        removed: 1,
        documents: 1,
        records: Vec::new(),
    });
    edit(
        &mut s,
        TypeEdit::ConfirmDelete {
            name: "related_to".into(),
        },
    );
    assert!(
        matches!(last_job(&s), Some(Job::Retype { count_only: false, deletes, .. }) if deletes == &["related_to"])
    );
    s.apply(Action::Retyped {
        removed: 1,
        documents: 1,
        records: Vec::new(),
    });
    assert_eq!(types(&s.corpus.labels), ["said_by", "claimed_by"]);
    check_notice(
        &s,
        "Deleted the relation type “related_to” and its 1 relation in 1 document.",
    );
}

#[test]
fn an_unused_type_is_deleted_without_asking() {
    let mut s = AppState::default();
    edit(
        &mut s,
        TypeEdit::Delete {
            name: "claimed_by".into(),
        },
    );
    s.apply(Action::Retyped {
        removed: 0,
        documents: 0,
        records: Vec::new(),
    });
    assert_eq!(s.retype.asking, None);
    assert!(matches!(
        last_job(&s),
        Some(Job::Retype {
            count_only: false,
            ..
        })
    ));
    s.apply(Action::Retyped {
        removed: 0,
        documents: 0,
        records: Vec::new(),
    });
    assert_eq!(types(&s.corpus.labels), ["said_by", "related_to"]);
}
