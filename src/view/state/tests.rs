//! The reducer's tests: each user action through `AppState::apply`, as the view dispatches
//! it, and what the user then sees (the document, the dialog, the message).

use super::*;
use crate::format::limits::MAX_TEXT_BYTES;
use crate::format::native::export;

fn state_with(text: &str) -> AppState {
    let mut s = AppState::default();
    s.apply(Action::DraftSet(text.into()));
    s.apply(Action::Start);
    s
}

#[test]
fn start_keeps_the_draft_exactly() {
    let s = state_with("Title\r\n\tbody  ");
    assert_eq!(s.doc().text().as_str(), "Title\r\n\tbody  ");
    assert_eq!(s.doc().title(), "Title");
    assert!(!s.pasting());
}

#[test]
fn empty_or_huge_drafts_are_refused_with_a_message() {
    let mut s = AppState::default();
    s.apply(Action::Start);
    assert!(s.pasting());
    assert_eq!(
        s.notice,
        Some(Notice::Error("Paste or type the article first.".into()))
    );
    s.apply(Action::DraftSet("x".repeat(MAX_TEXT_BYTES + 1)));
    s.apply(Action::Start);
    assert!(s.pasting(), "nothing changed");
    assert!(matches!(&s.notice, Some(Notice::Error(m)) if m.starts_with("This article is 1.0 MB")));
}

#[test]
fn a_bad_import_changes_nothing_until_accepted() {
    let mut s = state_with("Merkel said.");
    s.apply(Action::LabelSelection {
        label: LabelId(0),
        anchor: 0,
        focus: 6,
    });
    let before = export(s.doc());
    s.apply(Action::ImportRead {
        files: vec![("x.json".into(), "not json".into())],
        kind: Some(FormatKind::Native),
    });
    assert!(matches!(
        s.dialog.as_deref(),
        Some(Dialog::Import(PendingImport::Failed { .. }))
    ));
    assert_eq!(export(s.doc()), before);
    // A valid file over a document with spans asks first.
    let other = state_with("Other text");
    s.apply(Action::ImportRead {
        files: vec![("o.json".into(), export(other.doc()))],
        kind: None,
    });
    assert!(matches!(
        s.dialog.as_deref(),
        Some(Dialog::Import(PendingImport::Confirm { replaces: 1, .. }))
    ));
    assert_eq!(export(s.doc()), before);
    s.apply(Action::Cancel);
    assert_eq!(export(s.doc()), before);
    s.apply(Action::ImportRead {
        files: vec![("o.json".into(), export(other.doc()))],
        kind: None,
    });
    s.apply(Action::Confirm);
    assert_eq!(s.doc().text().as_str(), "Other text");
    s.apply(Action::Undo);
    assert_eq!(
        export(s.doc()),
        before,
        "undo brings the replaced document back"
    );
}

#[test]
fn focus_clears_when_the_span_goes() {
    let mut s = state_with("Merkel said.");
    s.apply(Action::LabelSelection {
        label: LabelId(0),
        anchor: 0,
        focus: 6,
    });
    let id = s.doc().spans().iter().next().unwrap().id().clone();
    s.apply(Action::Focus(Some(id.clone())));
    assert_eq!(s.focused.as_ref(), Some(&id));
    s.apply(Action::Delete(id));
    assert_eq!(s.focused, None);
    assert_eq!(
        s.notice,
        Some(Notice::Info("Deleted Entity “Merkel”.".into()))
    );
}

#[test]
fn keyboard_resize_and_snapping() {
    let mut s = state_with("Azerbaijani diaspora organizations staged");
    s.apply(Action::LabelSelection {
        label: LabelId(1),
        anchor: 2,
        focus: 15,
    }); // "erbaijani dia"
    let span = s.doc().spans().iter().next().unwrap().clone();
    assert_eq!(
        s.doc().covered(&span),
        "Azerbaijani diaspora",
        "snapped to whole words"
    );
    s.apply(Action::Focus(Some(span.id().clone())));
    s.apply(Action::ResizeFocused {
        edge: Edge::End,
        step: Step::Word,
        dir: Dir::Forward,
    });
    assert_eq!(
        s.doc().covered(s.doc().spans().get(span.id()).unwrap()),
        "Azerbaijani diaspora organizations"
    );
    s.apply(Action::ResizeFocused {
        edge: Edge::Start,
        step: Step::Grapheme,
        dir: Dir::Forward,
    });
    assert_eq!(
        s.doc().covered(s.doc().spans().get(span.id()).unwrap()),
        "zerbaijani diaspora organizations"
    );
    s.apply(Action::Undo);
    s.apply(Action::Undo);
    assert_eq!(
        s.doc().covered(s.doc().spans().get(span.id()).unwrap()),
        "Azerbaijani diaspora",
        "each resize is one undo step"
    );
    s.apply(Action::Snap(false));
    s.apply(Action::LabelSelection {
        label: LabelId(0),
        anchor: 2,
        focus: 15,
    });
    assert!(
        s.doc()
            .spans()
            .iter()
            .any(|sp| s.doc().covered(sp) == "erbaijani dia"),
        "no snapping: exact characters"
    );
}

#[test]
fn find_labels_every_hit_in_one_step() {
    let mut s = state_with("Baku, Baku and Bakunin. BAKU!");
    s.apply(Action::FindQuery(Query {
        pattern: "Baku".into(),
        whole_word: true,
        case_sensitive: true,
        ..Query::default()
    }));
    assert_eq!(s.find.hits.len(), 2);
    s.apply(Action::FindQuery(Query {
        pattern: "baku".into(),
        whole_word: true,
        ..Query::default()
    }));
    assert_eq!(s.find.hits.len(), 3, "case-insensitive");
    s.apply(Action::FindStep(Dir::Back));
    assert_eq!(s.find.current, Some(2));
    s.apply(Action::FindLabel {
        label: LabelId(0),
        all: false,
    });
    assert_eq!(s.doc().spans().len(), 1);
    s.apply(Action::FindLabel {
        label: LabelId(0),
        all: true,
    });
    assert_eq!(
        s.doc().spans().len(),
        3,
        "the hit already labelled is skipped"
    );
    s.apply(Action::Undo);
    assert_eq!(
        s.doc().spans().len(),
        1,
        "one undo removes the whole bulk action"
    );
}

#[test]
fn sticky_label_arms_and_disarms() {
    let mut s = state_with("text");
    s.apply(Action::Arm(Some(LabelId(2))));
    assert_eq!(s.armed, Some(LabelId(2)));
    s.apply(Action::Escape);
    assert_eq!(s.armed, None);
}

#[test]
fn every_document_change_moves_the_revision() {
    let mut s = state_with("Merkel said.");
    let mut seen = vec![s.editor.revision()];
    let step = |s: &mut AppState, a: Action| {
        s.apply(a);
        s.editor.revision()
    };
    let label = Action::LabelSelection {
        label: LabelId(0),
        anchor: 0,
        focus: 6,
    };
    for a in [label, Action::Undo, Action::Redo] {
        let r = step(&mut s, a);
        assert!(
            !seen.contains(&r),
            "each change has a revision never seen before"
        );
        seen.push(r);
    }
    let r = step(&mut s, Action::Focus(None));
    assert_eq!(r, *seen.last().unwrap(), "focus is not a document change");
    s.apply(Action::Undo);
    s.apply(Action::Undo);
    let r = step(&mut s, Action::Undo);
    assert_eq!(s.notice, Some(Notice::Error("Nothing to undo.".into())));
    s.apply(Action::Undo);
    assert_eq!(s.editor.revision(), r, "a refused undo changes nothing");
    assert!(s.pasting(), "undoing the start returns to the paste box");
}

fn labelled(text: &str, spans: &[(usize, usize)]) -> AppState {
    let mut s = state_with(text);
    for &(anchor, focus) in spans {
        s.apply(Action::LabelSelection {
            label: LabelId(0),
            anchor,
            focus,
        });
    }
    s
}

#[test]
fn a_new_article_over_spans_asks_first() {
    let mut s = labelled("Merkel sagte „Wir schaffen das“ 😀", &[(0, 6)]);
    let before = export(s.doc());
    s.apply(Action::NewArticle);
    assert!(matches!(
        s.dialog.as_deref(),
        Some(Dialog::Discard { spans: 1 })
    ));
    assert_eq!(
        export(s.doc()),
        before,
        "nothing is discarded while the dialog asks"
    );
    s.apply(Action::Cancel);
    assert!(s.dialog.is_none());
    assert_eq!(export(s.doc()), before);
    s.apply(Action::NewArticle);
    s.apply(Action::Confirm);
    assert!(s.pasting(), "discarded once confirmed");
    s.apply(Action::Undo);
    assert_eq!(export(s.doc()), before, "and undo brings it back");
    // Without spans nothing is lost: no question.
    let mut plain = state_with("中文文章");
    plain.apply(Action::NewArticle);
    assert!(plain.dialog.is_none() && plain.pasting());
}

#[test]
fn another_tabs_version_is_shown_and_not_written_back() {
    let mut s = labelled("خبر عاجل: Merkel said", &[(10, 16)]);
    let mut other = s.clone();
    other.apply(Action::LabelSelection {
        label: LabelId(1),
        anchor: 17,
        focus: 21,
    });
    let theirs = export(other.doc());
    s.apply(Action::AdoptStored(theirs.clone()));
    assert_eq!(export(s.doc()), theirs);
    assert_eq!(s.from_storage, s.editor.revision(), "nothing to save back");
    s.apply(Action::Undo);
    assert_eq!(
        s.doc().spans().len(),
        1,
        "undo brings this tab's version back"
    );
    assert_ne!(s.from_storage, s.editor.revision(), "which is then saved");
    // Adopting the same content again changes nothing.
    let mut same = labelled("Baku", &[(0, 4)]);
    let r = same.editor.revision();
    let content = export(same.doc());
    same.apply(Action::AdoptStored(content));
    assert_eq!(same.editor.revision(), r);
    // An unreadable stored version is refused with a message; this tab keeps its own.
    same.apply(Action::AdoptStored("{".into()));
    assert_eq!(same.editor.revision(), r);
    assert!(matches!(&same.notice, Some(Notice::Error(m)) if m.contains("cannot be read")));
}

#[test]
fn a_conflict_waits_for_the_user() {
    let mut s = labelled("Merkel", &[(0, 6)]);
    let mine = export(s.doc());
    s.apply(Action::StorageConflict);
    assert!(matches!(s.dialog.as_deref(), Some(Dialog::Conflict)));
    s.apply(Action::Confirm);
    assert!(s.dialog.is_none());
    assert_eq!(
        export(s.doc()),
        mine,
        "confirming a conflict changes nothing by itself"
    );
    s.apply(Action::StorageConflict);
    let theirs = export(state_with("Merkel").doc());
    s.apply(Action::AdoptStored(theirs.clone()));
    assert!(
        s.dialog.is_none(),
        "loading the other version closes the dialog"
    );
    assert_eq!(export(s.doc()), theirs);
}

#[test]
fn restoring_takes_the_draft_title_and_keeps_unreadable_work_aside() {
    let doc = export(labelled("Żółć 😀 CRLF\r\nline", &[(0, 4)]).doc());
    let (s, unreadable) =
        AppState::restored(Some(&doc), Some("draft\r\n".into()), Some("Tytuł".into()));
    assert!(!unreadable);
    assert_eq!(export(s.doc()), doc);
    assert_eq!((&*s.draft, &*s.draft_title), ("draft\r\n", "Tytuł"));
    assert_eq!(
        s.from_storage,
        s.editor.revision(),
        "restored work is not saved again"
    );
    let (s, unreadable) = AppState::restored(Some("{\"format\": 3"), None, None);
    assert!(unreadable && s.pasting());
    assert!(
        matches!(&s.notice, Some(Notice::Error(m)) if m.contains("article-annotator/recovered"))
    );
}
