//! Stored documents written by `store::save`, rewritten for a rename or a delete, and read
//! back with the edited schema: spans and undo steps follow, deleted spans come back.

use std::collections::{BTreeMap, HashSet};

use super::*;
use crate::format::store::{self, Saved, Status};
use crate::model::{CharRange, Document, Editor, LabelId, LabelSet};

const TEXT: &str = "Merkel 😀 sagte „Wir schaffen das“.\r\n習近平 said هذا 👩🏽‍💻 done";

fn labels(names: &[&str]) -> LabelSet {
    LabelSet::from_names(names).unwrap()
}

fn r(a: usize, b: usize) -> CharRange {
    CharRange::new(a, b).unwrap()
}

/// What a store holds of one document, keyed as the store keys it.
#[derive(Default, Clone)]
struct Fake {
    record: String,
    spans: BTreeMap<String, String>,
    steps: BTreeMap<u64, String>,
}

impl Fake {
    fn apply(&mut self, b: &Batch) {
        for w in &b.writes {
            match w {
                Write::Record(j) => self.record = j.clone(),
                Write::PutSpan { id, json } => drop(self.spans.insert(id.clone(), json.clone())),
                Write::DeleteSpan(id) => drop(self.spans.remove(id)),
                Write::ClearSpans => self.spans.clear(),
                Write::PutStep { step, json } => drop(self.steps.insert(*step, json.clone())),
                Write::DeleteStep(n) => drop(self.steps.remove(n)),
                Write::ClearSteps => self.steps.clear(),
                Write::Text(_)
                | Write::Delete
                | Write::PutLayer { .. }
                | Write::PutReview(_)
                | Write::PutRelations(_) => {}
            }
        }
    }

    fn record(&self) -> DocRecord {
        DocRecord::from_json(&self.record).unwrap()
    }

    fn spans(&self) -> Vec<String> {
        self.spans.values().cloned().collect()
    }

    fn steps(&self) -> Vec<String> {
        self.steps.values().cloned().collect()
    }

    /// The editor as a load with `labels` gives it, and how many parts were unreadable.
    fn load(&self, labels: &LabelSet) -> (Editor, usize) {
        let (e, _, bad) = store::load(
            self.record(),
            TEXT,
            &self.spans(),
            None,
            &self.steps(),
            labels,
        );
        (e, bad)
    }
}

/// A stored document under `schema` after the edits `f` makes (each saved), with `undone`
/// steps undone at the end.
fn stored(schema: &LabelSet, f: impl Fn(&mut Editor), undone: usize) -> Fake {
    let doc = Document::new("Żółć", TEXT, schema.clone()).with_id("d1");
    let record = DocRecord::new(&doc, BTreeMap::new(), 1);
    let mut fake = Fake::default();
    let (batch, mut saved) = store::create(&doc, record);
    fake.apply(&batch);
    let mut e = Editor::new(doc);
    f(&mut e);
    for _ in 0..undone {
        let _ = e.undo();
    }
    let mut rec = saved.record.clone();
    rec.status = Status::InProgress;
    let (batch, next): (Batch, Saved) = store::save(&saved, &e, rec);
    saved = next;
    fake.apply(&batch);
    assert_eq!(saved.record.revision, 2);
    fake
}

/// Spans of an editor as `(label name, start, end)`.
fn named(e: &Editor) -> Vec<(String, usize, usize)> {
    let d = e.doc();
    d.spans()
        .iter()
        .map(|s| (d.labels().name(s.label()).to_string(), s.start(), s.end()))
        .collect()
}

fn edits(e: &mut Editor) {
    e.add_span(LabelId(0), r(0, 6)).unwrap(); // Entity: Merkel
    e.add_span(LabelId(1), r(15, 33)).unwrap(); // Claim: „Wir schaffen das“
    e.add_span(LabelId(0), r(36, 39)).unwrap(); // Entity: 習近平
    e.add_span(LabelId(2), r(45, 52)).unwrap(); // Quote: هذا 👩🏽‍💻
}

#[track_caller]
fn check_rename(old: &str, new: &str, after: &[&str], want_spans: &[(&str, usize, usize)]) {
    let before = labels(&["Entity", "Claim", "Quote"]);
    let fake = stored(&before, edits, 1);
    let renames = [(old.to_string(), new.to_string())];
    let how = Relabel {
        renames: &renames,
        deletes: &[],
        attrs: &[],
    };
    assert!(how.may_touch(&fake.record()));
    let out = relabel(&fake.record(), &fake.spans(), &fake.steps(), &how).unwrap();
    assert_eq!(out.batch.base, Some(2));
    assert_eq!(out.record.revision, 3);
    assert!(out.removed.is_empty());
    let mut now = fake.clone();
    now.apply(&out.batch);
    let (mut e, bad) = now.load(&labels(after));
    assert_eq!(bad, 0, "every span and step reads under the new names");
    let want: Vec<(String, usize, usize)> = want_spans
        .iter()
        .map(|(l, a, b)| (l.to_string(), *a, *b))
        .collect();
    assert_eq!(named(&e), want);
    let counted: usize = now.record().labels.values().sum();
    assert_eq!(counted, want.len());
    // The undone Quote span comes back by redo, under the new name where it was renamed.
    assert!(e.redo().is_ok());
    assert_eq!(named(&e).len(), want.len() + 1);
    assert!(e.undo().is_ok() && e.undo().is_ok() && e.undo().is_ok() && e.undo().is_ok());
    assert!(e.doc().spans().is_empty());
}

#[test]
fn renames_follow_in_spans_history_and_counts() {
    let (ent, clm) = ("Entité 😀", "主張");
    check_rename(
        "Entity",
        ent,
        &[ent, "Claim", "Quote"],
        &[(ent, 0, 6), ("Claim", 15, 33), (ent, 36, 39)],
    );
    check_rename(
        "Claim",
        clm,
        &["Entity", clm, "Quote"],
        &[("Entity", 0, 6), (clm, 15, 33), ("Entity", 36, 39)],
    );
    check_rename(
        "Quote",
        "اقتباس",
        &["Entity", "Claim", "اقتباس"],
        &[("Entity", 0, 6), ("Claim", 15, 33), ("Entity", 36, 39)],
    );
}

#[test]
fn a_rename_of_an_unused_label_changes_nothing() {
    let schema = labels(&["Entity", "Claim", "Quote", "Other"]);
    let fake = stored(&schema, edits, 0);
    let renames = [("Other".to_string(), "Autre".to_string())];
    let how = Relabel {
        renames: &renames,
        deletes: &[],
        attrs: &[],
    };
    assert_eq!(
        relabel(&fake.record(), &fake.spans(), &fake.steps(), &how),
        None
    );
    let untouched = DocRecord::new(&Document::new("t", "x", schema.clone()), BTreeMap::new(), 1);
    assert!(!how.may_touch(&untouched));
}

#[test]
fn a_delete_removes_spans_cuts_history_and_restore_puts_them_back() {
    let before = labels(&["Entity", "Claim", "Quote"]);
    // Steps: 1 Entity, 2 Claim, 3 Entity, 4 Quote; step 4 undone (redo).
    let fake = stored(&before, edits, 1);
    let deletes = ["Claim".to_string()];
    let how = Relabel {
        renames: &[],
        deletes: &deletes,
        attrs: &[],
    };
    let out = relabel(&fake.record(), &fake.spans(), &fake.steps(), &how).unwrap();
    assert_eq!(out.removed.len(), 1);
    let mut now = fake.clone();
    now.apply(&out.batch);
    assert_eq!(now.record().labels, BTreeMap::from([("Entity".into(), 2)]));
    let after = labels(&["Entity", "Quote"]);
    let (mut e, bad) = now.load(&after);
    assert_eq!(bad, 0);
    assert_eq!(
        named(&e),
        [("Entity".into(), 0, 6), ("Entity".into(), 36, 39)]
    );
    // Steps 1 and 2 are gone (2 names Claim); step 3 undoes, step 4 redoes.
    let steps: Vec<u64> = now.steps.keys().copied().collect();
    assert_eq!(steps, [3, 4]);
    assert!(e.undo().is_ok());
    assert!(
        e.undo().is_err(),
        "the history stops where the deleted label was"
    );
    assert!(e.redo().is_ok() && e.redo().is_ok());
    assert_eq!(named(&e).len(), 3);

    // Undo the delete: the schema has Claim again and its span comes back.
    let back = restore(&now.record(), &now.spans(), &out.removed).unwrap();
    now.apply(&back.batch);
    assert_eq!(back.record.revision, 4);
    let (e, bad) = now.load(&before);
    assert_eq!(bad, 0);
    assert_eq!(
        named(&e),
        [
            ("Entity".into(), 0, 6),
            ("Claim".into(), 15, 33),
            ("Entity".into(), 36, 39)
        ]
    );
    assert_eq!(now.record().labels.get("Claim"), Some(&1));
    assert_eq!(restore(&now.record(), &now.spans(), &[]), None);
}

#[test]
fn a_deleted_label_in_the_redo_steps_cuts_them_from_there() {
    let before = labels(&["Entity", "Claim", "Quote"]);
    // Steps 1..4, the last three undone: Claim (step 2) is only in the redo steps.
    let fake = stored(&before, edits, 3);
    let deletes = ["Claim".to_string()];
    let how = Relabel {
        renames: &[],
        deletes: &deletes,
        attrs: &[],
    };
    let out = relabel(&fake.record(), &fake.spans(), &fake.steps(), &how).unwrap();
    assert!(out.removed.is_empty(), "no Claim span is in the document");
    let mut now = fake.clone();
    now.apply(&out.batch);
    let steps: Vec<u64> = now.steps.keys().copied().collect();
    assert_eq!(steps, [1]);
    let (mut e, bad) = now.load(&labels(&["Entity", "Quote"]));
    assert_eq!(bad, 0);
    assert!(e.redo().is_err());
    assert!(e.undo().is_ok());
}

#[test]
fn a_restored_span_whose_id_was_taken_gets_a_fresh_one() {
    let before = labels(&["Entity", "Claim", "Quote"]);
    let fake = stored(&before, edits, 0);
    let deletes = ["Quote".to_string()];
    let how = Relabel {
        renames: &[],
        deletes: &deletes,
        attrs: &[],
    };
    let out = relabel(&fake.record(), &fake.spans(), &fake.steps(), &how).unwrap();
    let mut now = fake.clone();
    now.apply(&out.batch);
    // A new span takes the freed id meanwhile.
    let removed: SpanRecord = serde_json::from_str(&out.removed[0]).unwrap();
    let newcomer = SpanRecord {
        id: removed.id.clone(),
        label: "Entity".into(),
        start: 7,
        end: 8,
        attrs: BTreeMap::new(),
        note: None,
    };
    now.spans.insert(
        newcomer.id.clone(),
        serde_json::to_string(&newcomer).unwrap(),
    );
    let back = restore(&now.record(), &now.spans(), &out.removed).unwrap();
    now.apply(&back.batch);
    let ids: HashSet<String> = now.spans.keys().cloned().collect();
    assert_eq!(ids.len(), 5);
    assert!(ids.contains(&format!("{}-restored-2", removed.id)));
    let (e, bad) = now.load(&before);
    assert_eq!(bad, 0);
    assert_eq!(named(&e).len(), 5);
}

/// Entity, Claim (check-worthy: yes/no/unsure) and Quote, with `values` as Claim's list.
fn qualified(name: &str, values: &[&str]) -> LabelSet {
    use crate::model::attribute::{AttrDef, AttrKind};
    use crate::model::label::LabelSpec;
    LabelSet::from_specs(vec![
        LabelSpec::named("Entity"),
        LabelSpec {
            attributes: vec![AttrDef::new(name, AttrKind::choice(values))],
            ..LabelSpec::named("Claim")
        },
        LabelSpec::named("Quote"),
    ])
    .unwrap()
}

#[track_caller]
fn check_attr(fate: AttrFate, after: &LabelSet, want: Option<(&str, &str)>) {
    use crate::model::attribute::AttrValue;
    use crate::model::SpanId;
    let before = qualified("check-worthy", &["yes", "no", "unsure"]);
    let fake = stored(
        &before,
        |e| {
            edits(e);
            let claim = SpanId::new("a2");
            e.set_attr(
                &claim,
                "check-worthy",
                Some(AttrValue::Choice("unsure".into())),
            )
            .unwrap();
            e.set_note(&claim, "Quelle? 🧐").unwrap();
        },
        0,
    );
    let rewrites = [AttrRewrite {
        label: "Claim".into(),
        name: "check-worthy".into(),
        fate: fate.clone(),
    }];
    let how = Relabel {
        renames: &[],
        deletes: &[],
        attrs: &rewrites,
    };
    assert!(how.may_touch(&fake.record()));
    let out = relabel(&fake.record(), &fake.spans(), &fake.steps(), &how).unwrap();
    assert!(out.removed.is_empty(), "no span goes");
    let mut now = fake.clone();
    now.apply(&out.batch);
    let (mut e, bad) = now.load(after);
    assert_eq!(bad, 0, "{fate:?}");
    let claim = |e: &Editor| e.doc().spans().get(&SpanId::new("a2")).unwrap().clone();
    let got: Vec<(String, String)> = claim(&e)
        .attrs()
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect();
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect();
    assert_eq!(got, want, "{fate:?}");
    assert_eq!(claim(&e).note(), Some("Quelle? 🧐"));
    // Undo steps were rewritten alike: undoing the note and the value leaves none.
    e.undo().unwrap();
    e.undo().unwrap();
    assert!(claim(&e).attrs().is_empty(), "{fate:?}");
    assert_eq!(named(&e).len(), 4);
}

#[test]
fn attribute_edits_rewrite_stored_values_and_history() {
    let s = |x: &str| x.to_string();
    check_attr(
        AttrFate::Rename(s("vérifiable")),
        &qualified("vérifiable", &["yes", "no", "unsure"]),
        Some(("vérifiable", "unsure")),
    );
    check_attr(
        AttrFate::RenameValue {
            from: s("unsure"),
            to: s("不确定"),
        },
        &qualified("check-worthy", &["yes", "no", "不确定"]),
        Some(("check-worthy", "不确定")),
    );
    check_attr(
        AttrFate::DropValue(s("unsure")),
        &qualified("check-worthy", &["yes", "no"]),
        None,
    );
    check_attr(AttrFate::Drop, &labels(&["Entity", "Claim", "Quote"]), None);
}
