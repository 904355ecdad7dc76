//! The reducer's tests: each user action through `AppState::apply`, as the view dispatches
//! it, and what the user then sees (the document, the dialog, the message).

use super::*;
use crate::format::limits::MAX_TEXT_BYTES;
use crate::format::native::export;
use crate::model::LabelSet;

/// What the job runner dispatches once it has read a document.
fn opened(doc: Document) -> Action {
    let record = DocRecord::new(&doc, Default::default(), 1);
    Action::DocumentOpened {
        id: doc.id().to_string(),
        editor: Editor::new(doc),
        record: Box::new(record),
        unreadable: 0,
    }
}

/// The state with a document open, as the job runner leaves it after opening one.
fn state_with(text: &str) -> AppState {
    let mut s = AppState::default();
    let doc = Document::new("t", text, LabelSet::standard());
    s.apply(Action::OpenDocument(doc.id().to_string()));
    s.apply(opened(doc));
    s
}

/// The documents the pending store work would create.
fn created(s: &AppState) -> Vec<(String, String)> {
    s.corpus
        .jobs
        .iter()
        .filter_map(|(_, j)| match &**j {
            Job::Create { docs, .. } => Some(docs.clone()),
            _ => None,
        })
        .flat_map(|docs| {
            docs.iter()
                .map(|(d, _)| (d.title().to_string(), d.text().as_str().to_string()))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn start_keeps_the_draft_exactly_and_clears_it_once_opened() {
    let mut s = AppState::default();
    s.apply(Action::Paste(true));
    s.apply(Action::DraftSet("Title\r\n\tbody  ".into()));
    s.apply(Action::Start);
    assert_eq!(created(&s), [("Title".into(), "Title\r\n\tbody  ".into())]);
    assert_eq!(
        &*s.draft, "Title\r\n\tbody  ",
        "kept until the document is stored"
    );
    let doc = Document::new("Title", "Title\r\n\tbody  ", LabelSet::standard());
    s.apply(opened(doc));
    assert_eq!(&*s.draft, "");
    assert_eq!(s.screen, Screen::Document);
    assert!(!s.pasting());
}

#[test]
fn the_home_screens_small_panels_open_and_close_each_apart() {
    let mut s = AppState::default();
    let open = |s: &AppState| {
        (
            s.disclosed.is_open(Small::Storage),
            s.disclosed.is_open(Small::Settings),
        )
    };
    assert_eq!(open(&s), (false, false), "both closed at first");
    s.apply(Action::Disclose(Small::Storage, true));
    assert_eq!(open(&s), (true, false));
    s.apply(Action::Disclose(Small::Settings, true));
    assert_eq!(open(&s), (true, true), "opening one leaves the other");
    s.apply(Action::Disclose(Small::Storage, false));
    assert_eq!(open(&s), (false, true));
    s.apply(Action::Disclose(Small::Settings, false));
    assert_eq!(open(&s), (false, false));
}

#[test]
fn the_first_article_pasted_leaves_no_draft_behind() {
    // No document yet: the home screen shows the paste box without being asked.
    let mut s = AppState::default();
    s.apply(Action::DraftSet("Erste Zeile\nZoë 👩🏽‍💻".into()));
    s.apply(Action::DraftTitle("Zoë".into()));
    s.apply(Action::Start);
    assert_eq!(&*s.draft, "Erste Zeile\nZoë 👩🏽‍💻", "kept until stored");
    s.apply(opened(Document::new(
        "Zoë",
        "Erste Zeile\nZoë 👩🏽‍💻",
        LabelSet::standard(),
    )));
    assert_eq!((&*s.draft, &*s.draft_title), ("", ""));
    // "New document" then offers an empty box.
    s.apply(Action::NewArticle);
    assert_eq!((s.screen, &*s.draft), (Screen::Home, ""));
    assert!(s.corpus.pasting);
}

#[test]
fn empty_or_huge_drafts_are_refused_with_a_message() {
    let mut s = AppState::default();
    s.apply(Action::Start);
    assert!(created(&s).is_empty());
    assert_eq!(
        s.notice,
        Some(Notice::Error("Paste or type the article first.".into()))
    );
    s.apply(Action::DraftSet("x".repeat(MAX_TEXT_BYTES + 1)));
    s.apply(Action::Start);
    assert!(created(&s).is_empty(), "nothing changed");
    assert!(matches!(&s.notice, Some(Notice::Error(m)) if m.starts_with("This article is 5.0 MB")));
}

/// The worker jobs the reducer asked for, in order.
fn worker_jobs(s: &AppState) -> Vec<Job> {
    s.corpus
        .jobs
        .iter()
        .map(|(_, j)| Job::clone(j))
        .filter(|j| {
            matches!(
                j,
                Job::ReadBatch(_)
                    | Job::StoreBatch { .. }
                    | Job::Export { .. }
                    | Job::Convert { .. }
                    | Job::Stats(_)
            )
        })
        .collect()
}

/// A summary as the worker sends it for one document of `spans` annotations, `bad` left out.
fn summary(documents: usize, spans: usize, bad: usize) -> crate::tasks::BatchSummary {
    crate::tasks::BatchSummary {
        documents,
        new: documents,
        spans,
        spans_total: spans + bad,
        problems: (0..bad)
            .map(|i| format!("“Ελλάδα” (a.json): annotation {i}"))
            .collect(),
        ..Default::default()
    }
}

/// The `Incoming` of the read job the reducer asked for last.
fn read_job(s: &AppState) -> Incoming {
    worker_jobs(s)
        .into_iter()
        .rev()
        .find_map(|j| match j {
            Job::ReadBatch(i) => Some(*i),
            _ => None,
        })
        .expect("a read job")
}

#[test]
fn an_import_goes_to_the_worker_and_changes_nothing_until_accepted() {
    let mut s = state_with("Merkel said. 😀");
    s.apply(Action::LabelSelection {
        label: LabelId(0),
        anchor: 0,
        focus: 6,
    });
    let before = export(s.doc());
    // Past the limit: refused before anything is read.
    s.apply(Action::ImportFiles {
        files: Files::named(&["huge.json"], 32_500_000.0),
        kind: None,
        open: true,
    });
    assert!(
        matches!(s.dialog.as_deref(), Some(Dialog::ImportFailed { why, .. }) if why.contains("32.5 MB"))
    );
    assert!(worker_jobs(&s).is_empty());
    s.apply(Action::Cancel);

    // Read by the worker; a second import waits for the first.
    s.apply(Action::ImportFiles {
        files: Files::named(&["a.json", "b.txt"], 10.0),
        kind: Some(FormatKind::Brat),
        open: true,
    });
    let read = read_job(&s);
    assert_eq!(
        (read.files.names.as_str(), read.kind),
        ("a.json + b.txt", Some(FormatKind::Brat))
    );
    s.apply(Action::ImportFiles {
        files: Files::named(&["c.json"], 10.0),
        kind: None,
        open: true,
    });
    assert_eq!(worker_jobs(&s).len(), 1);
    assert!(
        matches!(&s.notice, Some(Notice::Error(m)) if m.starts_with("Still reading the files"))
    );
    s.apply(Action::TransferProgress(Progress {
        done: 1,
        total: 2,
        what: "files read".into(),
    }));
    assert_eq!(s.transfer.progress.as_ref().map(|p| p.done), Some(1));

    // Nothing readable: said in plain words, nothing changed.
    s.apply(Action::BatchRead {
        incoming: Box::new(read.clone()),
        summary: crate::tasks::BatchSummary {
            failed_because: Some("the file is not valid JSON".into()),
            ..Default::default()
        },
    });
    assert!(
        matches!(s.dialog.as_deref(), Some(Dialog::ImportFailed { file, why }) if file == "a.json + b.txt" && why == "the file is not valid JSON")
    );
    assert_eq!(
        (s.transfer.working.clone(), s.transfer.progress.clone()),
        (None, None)
    );
    s.apply(Action::Cancel);

    // Problems: the dialog waits; cancelled, nothing is stored.
    s.apply(Action::BatchRead {
        incoming: Box::new(read.clone()),
        summary: summary(1, 2, 4),
    });
    assert!(matches!(s.dialog.as_deref(), Some(Dialog::Batch(_))));
    s.apply(Action::Cancel);
    assert!(!worker_jobs(&s)
        .iter()
        .any(|j| matches!(j, Job::StoreBatch { .. })));
    assert_eq!(export(s.doc()), before, "the open document is untouched");

    // Accepted: stored, duplicates left out unless the user keeps them.
    s.apply(Action::BatchRead {
        incoming: Box::new(read.clone()),
        summary: summary(1, 2, 4),
    });
    s.apply(Action::ImportSkipDuplicates(false));
    s.apply(Action::Confirm);
    assert_eq!(
        worker_jobs(&s).last(),
        Some(&Job::StoreBatch {
            skip_duplicates: false,
            open: true
        })
    );
    assert!(s.dialog.is_none());
    assert_eq!(export(s.doc()), before);
}

#[test]
fn a_clean_import_from_a_document_is_stored_at_once_and_opens() {
    let mut s = state_with("x");
    s.apply(Action::ImportFiles {
        files: Files::named(&["o.json"], 10.0),
        kind: None,
        open: true,
    });
    let read = read_job(&s);
    s.apply(Action::BatchRead {
        incoming: Box::new(read.clone()),
        summary: summary(1, 3, 0),
    });
    assert!(s.dialog.is_none());
    assert!(matches!(
        worker_jobs(&s).last(),
        Some(Job::StoreBatch {
            skip_duplicates: true,
            open: true
        })
    ));
    // The same files from the home screen are shown first.
    let mut home = state_with("x");
    home.apply(Action::ImportFiles {
        files: Files::named(&["o.json"], 10.0),
        kind: None,
        open: false,
    });
    let read_home = read_job(&home);
    home.apply(Action::BatchRead {
        incoming: Box::new(read_home),
        summary: summary(1, 3, 0),
    });
    assert!(matches!(home.dialog.as_deref(), Some(Dialog::Batch(_))));

    // Stored: the records join the list and the first opens.
    let doc = Document::new("Ελλάδα", "Αθήνα 👋🏽", LabelSet::standard());
    let record = DocRecord::new(&doc, Default::default(), 1);
    s.apply(Action::BatchStored {
        records: vec![record.clone()],
        count: 1,
        spans: 0,
        first: Some(record.id.clone()),
        schema: crate::format::store::schema_to_json(&LabelSet::standard()),
        added: vec!["PERSON".into()],
        open: true,
    });
    assert!(s.corpus.record(&record.id).is_some());
    assert!(s
        .corpus
        .jobs
        .iter()
        .any(|(_, j)| **j == Job::Open(record.id.clone())));
    assert!(
        matches!(&s.notice, Some(Notice::Info(m)) if m.contains("Imported 1 document") && m.contains("PERSON"))
    );
    assert_eq!(s.transfer.working, None);
}

#[test]
fn a_batch_too_big_to_send_its_records_has_the_list_read_again() {
    let mut s = state_with("x");
    let before = s.corpus.records.len();
    s.apply(Action::BatchStored {
        records: Vec::new(),
        count: 10_000,
        spans: 6_668,
        first: Some("Москва-1".into()),
        schema: crate::format::store::schema_to_json(&LabelSet::standard()),
        added: Vec::new(),
        open: false,
    });
    assert_eq!(s.corpus.records.len(), before);
    assert!(s.corpus.jobs.iter().any(|(_, j)| **j == Job::LoadList));
    assert!(
        matches!(&s.notice, Some(Notice::Info(m)) if m.contains("Imported 10000 documents with 6668 annotations"))
    );
}

#[test]
fn offset_conversion_and_text_column_read_the_files_again() {
    let mut s = state_with("x");
    s.apply(Action::ImportFiles {
        files: Files::named(&["a.csv", "b.jsonl"], 10.0),
        kind: None,
        open: false,
    });
    let read = read_job(&s);
    s.apply(Action::BatchRead {
        incoming: Box::new(read),
        summary: summary(2, 3, 0),
    });
    s.apply(Action::ImportColumn("texte".into()));
    let again = read_job(&s);
    assert_eq!(
        (again.text_column.as_deref(), again.repair),
        (Some("texte"), false)
    );
    assert!(
        s.dialog.is_none(),
        "the dialog comes back with the new reading"
    );
    s.apply(Action::BatchRead {
        incoming: Box::new(again),
        summary: summary(2, 3, 0),
    });
    s.apply(Action::ImportRepair);
    let third = read_job(&s);
    assert_eq!(
        (third.text_column.as_deref(), third.repair),
        (Some("texte"), true)
    );
    assert_eq!(worker_jobs(&s).len(), 3);
}

/// A document open and a list of documents `d0`, `d1`, … with these texts, in this order.
fn with_list(texts: &[&str]) -> AppState {
    let mut s = state_with("x");
    let records: Vec<DocRecord> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut r = DocRecord::new(
                &Document::new(t, t, LabelSet::standard()),
                Default::default(),
                1,
            );
            r.id = format!("d{i}");
            r.created = u64::try_from(i).unwrap_or_default();
            r
        })
        .collect();
    s.apply(Action::ListLoaded {
        records,
        unreadable: 0,
    });
    s
}

#[test]
fn dataset_export_takes_the_scope_and_the_split() {
    let mut s = with_list(&["Один", "二", "Trois"]);
    s.apply(Action::ChangeDocuments {
        ids: vec!["d1".into()],
        change: Change::Bin,
    });
    s.apply(Action::RecordsStored(vec![{
        let mut r = s.corpus.record("d1").unwrap().clone();
        r.binned = Some(5);
        r
    }]));
    s.apply(Action::ExportDialog);
    let Some(Dialog::Export(choice)) = s.dialog.as_deref().cloned() else {
        panic!("the export dialog")
    };
    assert_eq!(choice.scope, Scope::All);
    s.apply(Action::ExportChoose(ExportChoice {
        kind: FormatKind::Conll,
        split: true,
        weights: [0, 0, 0],
        name: "Мой корпус".into(),
        ..choice.clone()
    }));
    s.apply(Action::Confirm);
    assert!(matches!(&s.notice, Some(Notice::Error(m)) if m.contains("all 0")));
    assert!(
        matches!(s.dialog.as_deref(), Some(Dialog::Export(_))),
        "the dialog stays"
    );
    s.apply(Action::ExportChoose(ExportChoice {
        kind: FormatKind::Conll,
        split: true,
        weights: [8, 1, 1],
        seed: 7,
        name: "Мой корпус".into(),
        ..choice.clone()
    }));
    s.apply(Action::Confirm);
    match worker_jobs(&s).last() {
        Some(Job::Export {
            ids,
            kind,
            split,
            name,
            ..
        }) => {
            assert_eq!(**ids, ["d0", "d2"], "the bin is left out");
            assert_eq!(*kind, FormatKind::Conll);
            assert_eq!(*split, Some(([8, 1, 1], 7, false)));
            assert_eq!(name, "мой-корпус");
        }
        other => panic!("{other:?}"),
    }
    s.apply(Action::Exported {
        names: vec!["train.conll".into(), "test.conll".into()],
        notes: vec![],
        counts: [1, 0, 1],
        kind: FormatKind::Conll,
    });
    assert!(
        matches!(&s.notice, Some(Notice::Info(m)) if m == "Exported train.conll, test.conll (train 1, dev 0, test 1 documents); nothing was left out.")
    );
    // Nothing in scope: nothing is sent.
    s.apply(Action::ExportDialog);
    let Some(Dialog::Export(choice)) = s.dialog.as_deref().cloned() else {
        panic!("the export dialog")
    };
    s.apply(Action::ExportChoose(ExportChoice {
        scope: Scope::Status(crate::corpus::Status::Reviewed),
        ..choice
    }));
    s.apply(Action::Confirm);
    assert!(matches!(&s.notice, Some(Notice::Error(m)) if m.starts_with("No document")));
    assert_eq!(worker_jobs(&s).len(), 1);
}

#[test]
fn the_open_document_in_another_format_is_what_this_tab_holds() {
    let mut s = state_with("Merkel sagte: „Ja“ 😀");
    s.apply(Action::LabelSelection {
        label: LabelId(0),
        anchor: 0,
        focus: 6,
    });
    s.apply(Action::ExportOpen {
        kind: FormatKind::Brat,
        utf16: false,
    });
    match worker_jobs(&s).last() {
        Some(Job::Convert {
            content,
            kind,
            utf16,
            ..
        }) => {
            assert_eq!(&**content, export(s.doc()).as_str());
            assert_eq!((*kind, *utf16), (FormatKind::Brat, false));
        }
        other => panic!("{other:?}"),
    }
    s.apply(Action::TransferFailed("the worker stopped".into()));
    assert!(matches!(&s.notice, Some(Notice::Error(m)) if m == "The worker stopped."));
    assert_eq!(s.transfer.working, None);
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
fn the_caret_goes_to_where_a_labelled_selection_ended() {
    // Greek, a combining accent and an emoji before the words: code points, not bytes.
    let mut s = state_with("Ελλάδα e\u{301} 😀 Azerbaijani diaspora organizations");
    assert_eq!(s.caret, None);
    // Backwards ("aijani dia", snapped to "Azerbaijani diaspora"): the caret stays where the
    // selection ended, not where the snapped span does.
    s.apply(Action::LabelSelection {
        label: LabelId(1),
        anchor: 25,
        focus: 15,
    });
    let first = s.caret.expect("a caret after the labelling");
    assert_eq!(first.at, 25);
    assert_eq!(first.revision, s.editor.revision());
    // The same selection labelled again after an undo: the same place, a new revision.
    s.apply(Action::Undo);
    assert_eq!(s.caret, Some(first), "undo leaves it");
    s.apply(Action::LabelSelection {
        label: LabelId(1),
        anchor: 15,
        focus: 25,
    });
    let again = s.caret.unwrap();
    assert_eq!(again.at, 25);
    assert_ne!(again.revision, first.revision);
    // A refused labelling (only spaces) moves nothing.
    s.apply(Action::LabelSelection {
        label: LabelId(0),
        anchor: 6,
        focus: 7,
    });
    assert_eq!(s.caret, Some(again));
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
        attrs: Default::default(),
        all: false,
    });
    assert_eq!(s.doc().spans().len(), 1);
    s.apply(Action::FindLabel {
        label: LabelId(0),
        attrs: Default::default(),
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
fn the_find_bars_pick_stays_through_new_queries_and_edits() {
    use super::FindPick;
    let mut s = state_with("Baku, Baku and Bakunin.");
    assert_eq!(s.find_pick, FindPick::default());
    let pick = FindPick {
        label: LabelId(2),
        value: Some(1),
    };
    s.apply(Action::FindPick(pick));
    assert_eq!(s.find_pick, pick);
    s.apply(Action::FindQuery(Query {
        pattern: "Baku".into(),
        ..Query::default()
    }));
    assert_eq!(s.find.hits.len(), 3);
    assert_eq!(s.find_pick, pick, "a new query keeps it");
    s.apply(Action::FindLabel {
        label: pick.label,
        attrs: Default::default(),
        all: false,
    });
    assert_eq!(s.find_pick, pick, "labelling a hit keeps it");
    // Another text: searched again, the pick kept.
    let doc = Document::new("b", "Baku again", LabelSet::standard()).with_id("b");
    s.apply(Action::OpenDocument("b".into()));
    s.apply(opened(doc));
    assert_eq!(s.find.hits.len(), 1, "the new text's hits");
    assert_eq!(s.find_pick, pick);
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
    let r = step(&mut s, Action::Undo);
    s.apply(Action::Undo);
    assert_eq!(s.notice, Some(Notice::Error("Nothing to undo.".into())));
    assert_eq!(s.editor.revision(), r, "a refused undo changes nothing");
    assert!(s.doc().spans().is_empty());
}

#[test]
fn the_warm_ups_redraw_changes_nothing() {
    let mut s = state_with("Merkel sagte „Wir schaffen das“ 😀");
    s.apply(Action::LabelSelection {
        label: LabelId(0),
        anchor: 0,
        focus: 6,
    });
    let seen = |s: &AppState| {
        (
            export(s.doc()),
            s.editor.revision(),
            s.screen,
            s.armed,
            s.focused.clone(),
            format!("{:?} {:?}", s.notice, s.dialog),
        )
    };
    let before = seen(&s);
    let redraws = s.redraws;
    s.apply(Action::WarmUp);
    assert_eq!(seen(&s), before, "the same document, revision and screen");
    assert_eq!(s.redraws, redraws + 1, "the article is asked to draw again");
    assert!(
        s.editor.can_undo(),
        "the labelling is still the step to undo"
    );
}

#[test]
fn new_document_goes_to_the_paste_box_and_keeps_the_corpus() {
    let mut s = state_with("Merkel sagte „Wir schaffen das“ 😀");
    s.apply(Action::LabelSelection {
        label: LabelId(0),
        anchor: 0,
        focus: 6,
    });
    s.apply(Action::NewArticle);
    assert_eq!(s.screen, Screen::Home);
    assert!(s.corpus.pasting && s.corpus.open.is_none());
    assert!(
        s.dialog.is_none(),
        "nothing is discarded, so nothing to ask"
    );
}

#[test]
fn a_refused_write_opens_the_conflict_dialog_and_the_stored_record_shows() {
    let mut s = state_with("Merkel");
    s.apply(Action::Saved(Saving::Conflict));
    assert!(matches!(s.dialog.as_deref(), Some(Dialog::Conflict)));
    s.apply(Action::Saved(Saving::Failed("full".into())));
    assert_eq!(s.storage, StorageStatus::Failed("full".into()));
    let doc = Document::new("Żółć", "Żółć 😀", LabelSet::standard());
    let record = DocRecord::new(&doc, Default::default(), 5);
    s.apply(Action::Saved(Saving::Stored(record.clone())));
    assert_eq!(s.storage, StorageStatus::Ok);
    assert_eq!(s.corpus.record(&record.id), Some(&record));
    assert!(s.corpus.summaries.iter().any(|d| d.title == "Żółć"));
}

#[test]
fn stepping_through_the_list_and_done_and_next() {
    let mut s = AppState::default();
    let records: Vec<DocRecord> = ["a", "b", "c"]
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let doc = Document::new(t, &format!("{t} 😀 text"), LabelSet::standard()).with_id(t);
            DocRecord::new(&doc, Default::default(), i as u64)
        })
        .collect();
    s.apply(Action::ListLoaded {
        records,
        unreadable: 0,
    });
    let opens = |s: &AppState| -> Vec<String> {
        s.corpus
            .jobs
            .iter()
            .filter_map(|(_, j)| {
                if let Job::Open(id) = &**j {
                    Some(id.clone())
                } else {
                    None
                }
            })
            .collect()
    };
    s.apply(Action::OpenDocument("b".into()));
    assert_eq!(opens(&s), ["b"]);
    assert_eq!(s.corpus.cursor, 1);
    let doc = Document::new("b", "b 😀 text", LabelSet::standard()).with_id("b");
    s.apply(opened(doc));
    s.apply(Action::DoneAndNext);
    assert_eq!(
        s.corpus.status,
        crate::corpus::Status::Done,
        "saved with the document"
    );
    assert_eq!(opens(&s), ["b", "c"]);
    s.apply(Action::StepDocument(crate::model::caret::Dir::Back));
    assert_eq!(opens(&s), ["b", "c", "a"]);
    // Filtering to one document: stepping says there is no next.
    s.apply(Action::SetQuery(crate::corpus::ListQuery {
        search: "b".into(),
        ..Default::default()
    }));
    s.apply(Action::StepDocument(crate::model::caret::Dir::Forward));
    assert_eq!(
        s.notice,
        Some(Notice::Info(
            "This is the last document of the list.".into()
        ))
    );
    s.apply(Action::BackToList);
    assert_eq!(s.screen, Screen::Home);
}

#[test]
fn restoring_takes_the_draft_and_its_title() {
    let s = AppState::restored(Some("draft\r\n".into()), Some("Tytuł".into()));
    assert_eq!((&*s.draft, &*s.draft_title), ("draft\r\n", "Tytuł"));
    assert_eq!(s.screen, Screen::Home);
}

#[test]
fn the_bin_is_undoable_and_deleting_for_good_asks_first() {
    let mut s = AppState::default();
    let records: Vec<DocRecord> = ["x", "y"]
        .iter()
        .map(|t| {
            DocRecord::new(
                &Document::new(t, t, LabelSet::standard()).with_id(t),
                Default::default(),
                1,
            )
        })
        .collect();
    s.apply(Action::ListLoaded {
        records,
        unreadable: 0,
    });
    s.apply(Action::Select {
        id: "x".into(),
        on: true,
    });
    s.apply(Action::ChangeDocuments {
        ids: vec!["x".into()],
        change: Change::Bin,
    });
    assert!(
        s.corpus.selected.is_empty(),
        "what moved is no longer selected"
    );
    assert_eq!(s.corpus.undo_bin.as_deref(), Some(&vec!["x".to_string()]));
    s.apply(Action::UndoBin);
    let changes: Vec<&Change> = s
        .corpus
        .jobs
        .iter()
        .filter_map(|(_, j)| {
            if let Job::Change { change, .. } = &**j {
                Some(change)
            } else {
                None
            }
        })
        .collect();
    assert_eq!(changes, [&Change::Bin, &Change::Restore]);
    s.apply(Action::UndoBin);
    assert_eq!(
        s.notice,
        Some(Notice::Error("Nothing to undo in the list.".into()))
    );
    s.apply(Action::DeleteForGood(vec!["y".into()]));
    assert!(matches!(
        s.dialog.as_deref(),
        Some(Dialog::DeleteForGood(_))
    ));
    assert!(
        !s.corpus
            .jobs
            .iter()
            .any(|(_, j)| matches!(&**j, Job::Delete(_))),
        "not before confirming"
    );
    s.apply(Action::Confirm);
    assert!(s
        .corpus
        .jobs
        .iter()
        .any(|(_, j)| matches!(&**j, Job::Delete(ids) if ids == &["y"])));
}

#[test]
fn saves_coming_back_never_change_the_open_documents_status() {
    let mut s = state_with("Merkel 😀 sagte");
    assert_eq!(s.corpus.status, crate::corpus::Status::New);
    s.apply(Action::LabelSelection {
        label: LabelId(0),
        anchor: 0,
        focus: 6,
    });
    assert_eq!(
        s.corpus.status,
        crate::corpus::Status::InProgress,
        "a new document with spans"
    );
    s.apply(Action::SetStatus(crate::corpus::Status::Done));
    // The record of an earlier save (in progress) arrives after the user marked it done.
    let mut record = DocRecord::new(s.doc(), Default::default(), 1);
    record.status = crate::format::store::Status::InProgress;
    s.apply(Action::Saved(Saving::Stored(record)));
    assert_eq!(s.corpus.status, crate::corpus::Status::Done);
}

#[test]
fn a_corpus_beyond_its_limit_is_refused_before_anything_changes() {
    use crate::format::limits::MAX_DOCUMENTS;
    let mut s = AppState::default();
    let doc = Document::new("t", "x", LabelSet::standard());
    let record = DocRecord::new(&doc, Default::default(), 1);
    let records: Vec<DocRecord> = (0..MAX_DOCUMENTS)
        .map(|i| DocRecord {
            id: format!("d{i}"),
            ..record.clone()
        })
        .collect();
    s.apply(Action::ListLoaded {
        records,
        unreadable: 0,
    });
    s.apply(Action::DraftSet("ein neuer Text".into()));
    s.apply(Action::Start);
    assert!(created(&s).is_empty());
    assert!(
        matches!(&s.notice, Some(Notice::Error(m)) if m.contains("a corpus holds up to 25000"))
    );
}

#[test]
fn the_statistics_panel_counts_what_is_selected_or_everything() {
    let mut s = with_list(&["ア", "b", "ج"]);
    s.apply(Action::ShowStats(true));
    assert!(matches!(worker_jobs(&s).last(), Some(Job::Stats(ids)) if **ids == ["d0", "d1", "d2"]));
    let counted = crate::corpus::stats::Stats {
        documents: 3,
        ..Default::default()
    };
    s.apply(Action::StatsCounted(counted.clone()));
    assert_eq!(s.corpus.stats.as_deref(), Some(&counted));
    s.apply(Action::ShowStats(false));
    s.apply(Action::Select {
        id: "d2".into(),
        on: true,
    });
    s.apply(Action::ShowStats(true));
    assert!(s.corpus.stats.is_none(), "counted afresh");
    assert!(matches!(worker_jobs(&s).last(), Some(Job::Stats(ids)) if **ids == ["d2"]));
}

#[test]
fn going_back_to_the_list_while_a_document_opens_keeps_the_list() {
    let mut s = AppState::default();
    let doc = Document::new("Σ", "Σύνοδος 👩🏽‍💻", LabelSet::standard());
    s.apply(Action::OpenDocument(doc.id().to_string()));
    s.apply(Action::BackToList);
    s.apply(opened(doc.clone()));
    assert_eq!(s.screen, Screen::Home);
    assert_eq!(s.corpus.open, None);
    assert!(
        s.corpus.record(doc.id()).is_some(),
        "its record is still the newest"
    );
    // Asked again, it opens.
    s.apply(Action::OpenDocument(doc.id().to_string()));
    s.apply(opened(doc.clone()));
    assert_eq!(s.screen, Screen::Document);
    assert_eq!(s.corpus.open.as_deref(), Some(doc.id()));
}

/// The list after `stored` arrives, and the same records read afresh (a reload).
fn stored_and_reloaded(s: &AppState, stored: Vec<DocRecord>) -> (AppState, AppState) {
    let mut after = s.clone();
    after.apply(Action::RecordsStored(stored.clone()));
    let mut all: Vec<DocRecord> = s.corpus.records.iter().map(|r| (**r).clone()).collect();
    for r in stored {
        match all.iter_mut().find(|x| x.id == r.id) {
            Some(x) => *x = r,
            None => all.push(r),
        }
    }
    let mut reloaded = s.clone();
    reloaded.apply(Action::ListLoaded {
        records: all,
        unreadable: 0,
    });
    (after, reloaded)
}

#[test]
fn records_written_back_leave_the_list_as_a_reload_would_and_share_the_other_rows() {
    let s = with_list(&["Один", "二", "Trois 😀", "عربي"]);
    let with = |i: usize, f: &dyn Fn(&mut DocRecord)| {
        let mut r = (*s.corpus.records[i]).clone();
        f(&mut r);
        r
    };
    let done = |r: &mut DocRecord| r.status = crate::format::store::Status::Done;
    let cases: Vec<(&str, Vec<DocRecord>, bool)> = vec![
        (
            "one saved over its row",
            vec![with(1, &|r| r.revision = 9)],
            true,
        ),
        ("a status: the row's filter", vec![with(2, &done)], true),
        (
            "two, the later of one id wins",
            vec![
                with(0, &|r| r.title = "Первый".into()),
                with(3, &done),
                with(0, &done),
            ],
            true,
        ),
        ("a new one", vec![with(1, &|r| r.id = "d9".into())], false),
        (
            "one whose creation time moves it",
            vec![with(0, &|r| r.created = 7)],
            false,
        ),
    ];
    for (name, stored, in_place) in cases {
        let mut filtered = s.clone();
        filtered.apply(Action::SetQuery(ListQuery {
            statuses: vec![Status::Done],
            ..Default::default()
        }));
        for base in [&s, &filtered] {
            let (after, reloaded) = stored_and_reloaded(base, stored.clone());
            assert_eq!(after.corpus.records, reloaded.corpus.records, "{name}");
            assert_eq!(after.corpus.summaries, reloaded.corpus.summaries, "{name}");
            assert_eq!(after.corpus.rows, reloaded.corpus.rows, "{name}");
            // Rows not written are the same records and summaries, not copies.
            let shared = (0..base.corpus.records.len())
                .filter(|&i| Rc::ptr_eq(&base.corpus.records[i], &after.corpus.records[i]))
                .filter(|&i| Rc::ptr_eq(&base.corpus.summaries[i], &after.corpus.summaries[i]))
                .count();
            let written = stored
                .iter()
                .map(|r| &r.id)
                .collect::<std::collections::BTreeSet<_>>()
                .len();
            if in_place {
                assert_eq!(
                    shared,
                    base.corpus.records.len() - written,
                    "{name}: rows copied"
                );
            }
        }
    }
}
