//! A review in the native format: the exact review fields for the worked example, schema
//! validity in both offset units, export-then-import giving the same review (decisions,
//! provenance, comments, layers, needs work) on multi-script text, old files unchanged, and
//! unreadable review fields reported while the gold annotations still open.
#![cfg(not(target_arch = "wasm32"))]

use article_annotator::format::native::{self, export};
use article_annotator::format::native_review;
use article_annotator::format::OffsetUnit;
use article_annotator::model::caret::Dir;
use article_annotator::model::{Document, LabelSet};
use article_annotator::review::{
    ConflictId, LayerSpan, Review, ReviewLayer, ReviewStatus, Threshold, Which,
};
use serde_json::{json, Value};

const MERKEL: &str = "Merkel said: \"We will manage.\" Critics at the CDU disagreed.";
/// Zoë [0,3) 👩🏽‍💻 [4,8) 李雷 [13,15) مريم [19,23) café [26,30) CRLF שלום [33,37) עולם [38,42)
/// Ελένη [44,49).
const WORLD: &str = "Zoë 👩🏽‍💻 met 李雷 in مريم's café.\r\nשלום עולם, Ελένη!";

type Spans<'a> = &'a [(usize, usize, &'a str)];

fn layer(name: &str, spans: Spans) -> ReviewLayer {
    let spans = spans
        .iter()
        .map(|&(a, b, l)| LayerSpan::new(a, b, l))
        .collect();
    if name.chars().all(char::is_lowercase) {
        ReviewLayer::suggestions(name, spans)
    } else {
        ReviewLayer::annotator(name, spans)
    }
}

fn merkel() -> Review {
    let doc =
        Document::new("Merkel", MERKEL, LabelSet::from_names(&["PER"]).unwrap()).with_id("merkel");
    let layers = vec![
        layer(
            "A",
            &[
                (0, 6, "PER"),
                (13, 30, "QUOTE"),
                (31, 38, "PER"),
                (46, 49, "ORG"),
            ],
        ),
        layer("B", &[(0, 6, "PER"), (14, 28, "QUOTE"), (31, 38, "ORG")]),
        layer("C", &[(0, 6, "PER"), (13, 30, "QUOTE"), (31, 38, "PER")]),
    ];
    Review::new(doc, layers, Threshold::All).unwrap()
}

/// A review with every kind of state: decisions, edits, comments, needs work.
fn worked(r: Review) -> Review {
    let r = r.accept(ConflictId(0), 0).unwrap();
    let r = r.reject(ConflictId(1)).unwrap();
    let r = r.comment_conflict(ConflictId(2), "CDU: an ORG?").unwrap();
    let r = r.send_back(1, "mark the quote's marks too").unwrap();
    let id = r.gold().spans().iter().next().unwrap().id().clone();
    r.comment_span(&id, "Angela Merkel").unwrap()
}

fn schema_errors(exported: &str) -> Vec<String> {
    let schema: Value =
        serde_json::from_str(include_str!("../schema/article-annotator.v1.schema.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let v: Value = serde_json::from_str(exported).unwrap();
    validator.iter_errors(&v).map(|e| e.to_string()).collect()
}

#[test]
fn exact_review_fields_for_the_worked_example() {
    let got: Value = serde_json::from_str(&worked(merkel()).export(OffsetUnit::CodePoint)).unwrap();
    let d = &got["documents"][0];
    assert_eq!(
        d["annotations"],
        json!([
            {"id": "a1", "label": "PER", "start": 0, "end": 6, "text": "Merkel",
             "provenance": {"proposed_by": ["A", "B", "C"], "merged": "auto"},
             "comment": "Angela Merkel"},
            {"id": "a2", "label": "QUOTE", "start": 13, "end": 30, "text": "\"We will manage.\"",
             "provenance": {"proposed_by": ["A", "C"], "merged": "reviewer",
                            "operation": "accept", "layer": "A"}}
        ])
    );
    assert_eq!(
        d["review"],
        json!({"threshold": "all", "conflicts": [
            {"start": 13, "end": 30, "resolution": "accepted", "layer": "A"},
            {"start": 31, "end": 38, "resolution": "rejected"},
            {"start": 46, "end": 49, "comment": "CDU: an ORG?"}
        ]})
    );
    assert_eq!(
        d["needs_work"],
        json!([{"annotator": "B", "comment": "mark the quote's marks too"}])
    );
    assert_eq!(
        d["layers"][1],
        json!({"name": "B", "kind": "annotator", "annotations": [
            {"label": "PER", "start": 0, "end": 6, "text": "Merkel"},
            {"label": "QUOTE", "start": 14, "end": 28, "text": "We will manage"},
            {"label": "ORG", "start": 31, "end": 38, "text": "Critics"}
        ]})
    );
    let labels: Vec<&str> = got["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        labels,
        ["PER", "QUOTE", "ORG"],
        "the layers' labels join the set"
    );
}

/// Exports `r` in `unit`, checks the schema, reads it back; compares everything a file keeps.
#[track_caller]
fn check_round_trip(r: &Review, unit: OffsetUnit) {
    let out = r.export(unit);
    assert_eq!(schema_errors(&out), Vec::<String>::new(), "{unit:?}");
    let file = native_review::import(&out).unwrap();
    assert!(file.imported.problems.is_empty() && file.problems.is_empty());
    let (back, notes) = Review::from_file(&file).unwrap();
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(back.gold(), r.gold(), "{unit:?}: gold");
    assert_eq!(back.layers(), r.layers(), "{unit:?}: layers");
    assert_eq!(
        back.parts(),
        r.parts(),
        "{unit:?}: decisions, provenance, comments"
    );
    assert_eq!(back.conflicts(), r.conflicts());
    assert_eq!(back.status(), r.status());
    assert_eq!(back.export(unit), out, "{unit:?}: the same file again");
}

#[test]
fn a_review_survives_export_and_import() {
    for unit in [OffsetUnit::CodePoint, OffsetUnit::Utf16] {
        check_round_trip(&merkel(), unit);
        check_round_trip(&worked(merkel()), unit);
        let majority = merkel().remerge(Threshold::Majority);
        check_round_trip(&majority, unit);
        let edited = majority.accept(ConflictId(1), 1).unwrap();
        let q = edited.gold().spans().iter().nth(1).unwrap().id().clone();
        let edited = edited
            .resize_step(
                &q,
                article_annotator::model::caret::Edge::Start,
                article_annotator::model::caret::Step::Grapheme,
                Dir::Forward,
            )
            .unwrap();
        check_round_trip(&edited, unit);
        check_round_trip(&edited.remerge(Threshold::AtLeast(2)), unit);
    }
}

#[test]
fn suggestions_on_multi_script_text_survive_in_both_units() {
    let labels = LabelSet::from_names(&["PER", "QUOTE"]).unwrap();
    let doc = Document::new("World", WORLD, labels).with_id("w");
    let mut doc = doc;
    let own = vec![article_annotator::model::Span::new(
        doc.fresh_id(),
        article_annotator::model::LabelId(0),
        article_annotator::model::CharRange::new(44, 49).unwrap(),
    )
    .unwrap()];
    let doc = doc.with_spans(own).unwrap();
    let layers = vec![
        layer("Zoë", &[(4, 8, "EMOJI"), (33, 37, "LOC")]),
        layer(
            "spacy-ner",
            &[(4, 8, "EMOJI"), (13, 15, "PER"), (44, 49, "LOC")],
        ),
    ];
    let r = Review::new(doc, layers, Threshold::All).unwrap();
    assert_eq!(r.conflicts_left(), 3);
    let r = r.accept(ConflictId(0), 1).unwrap();
    let r = r.accept(ConflictId(2), 1).unwrap();
    let next = r.neighbour_conflict(None, None, Dir::Forward, Which::Open);
    assert_eq!(next, Some(ConflictId(1)));
    let r = r.send_back(0, "שלום is a greeting, not a place").unwrap();
    assert_eq!(r.status(), ReviewStatus::NeedsWork);
    check_round_trip(&r, OffsetUnit::CodePoint);
    check_round_trip(&r, OffsetUnit::Utf16);
    let v: Value = serde_json::from_str(&r.export(OffsetUnit::Utf16)).unwrap();
    let emoji = &v["documents"][0]["layers"][0]["annotations"][0];
    assert_eq!(
        (emoji["start"].as_u64(), emoji["end"].as_u64()),
        (Some(4), Some(11))
    );
    assert_eq!(emoji["text"], "👩🏽‍💻");
}

#[test]
fn old_files_are_plain_reviews_and_plain_imports_ignore_review_fields() {
    let doc = Document::new("Merkel", MERKEL, LabelSet::standard());
    let plain = export(&doc);
    assert!(!plain.contains("provenance") && !plain.contains("layers"));
    let file = native_review::import(&plain).unwrap();
    assert!(file.layers.is_empty() && file.review.is_none() && file.problems.is_empty());
    let (r, notes) = Review::from_file(&file).unwrap();
    assert!(notes.is_empty());
    assert_eq!(
        (r.conflicts_left(), r.status()),
        (0, ReviewStatus::Reviewed)
    );
    // A reviewed file opened as a plain document: the gold annotations, nothing else.
    let reviewed = worked(merkel()).export(OffsetUnit::CodePoint);
    let gold = native::import(&reviewed).unwrap();
    assert_eq!(gold.doc.spans().len(), 2);
    assert!(gold.problems.is_empty());
}

#[test]
fn unreadable_review_fields_are_reported_and_the_rest_opens() {
    let mut v: Value =
        serde_json::from_str(&worked(merkel()).export(OffsetUnit::CodePoint)).unwrap();
    let d = &mut v["documents"][0];
    d["annotations"][0]["provenance"] = json!({"proposed_by": "A", "merged": "auto"});
    d["annotations"][1]["provenance"]["operation"] = Value::Null;
    d["layers"][0]["annotations"][1]["text"] = json!("We will");
    d["layers"][0]["annotations"][2]["end"] = json!(99);
    d["layers"][2] = json!({"name": "C"});
    d["review"]["conflicts"][0]["layer"] = json!("Nobody");
    d["needs_work"][0]["annotator"] = json!("Zed");
    let file = native_review::import(&v.to_string()).unwrap();
    let problems: Vec<String> = file.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(problems.len(), 4, "{problems:#?}");
    assert!(problems[0].starts_with("annotation “a1”: its provenance cannot be read"));
    assert!(problems[1]
        .starts_with("annotation number 2 of layer “A”: the file says it covers “We will”"));
    assert!(problems[2]
        .starts_with("annotation number 3 of layer “A”: offsets 31–99 reach past the end"));
    assert!(problems[3].starts_with("annotation layer number 3: it cannot be read"));
    let (r, notes) = Review::from_file(&file).unwrap();
    assert_eq!(
        notes,
        [
            "the provenance of annotation “a2” does not say what the reviewer did; it counts as drawn by the reviewer",
            "the decision on the conflict at 13..30 names no layer of the document; it is open again",
            "“needs work” for Zed was left out: the document has no layer of theirs",
        ]
    );
    assert_eq!(r.gold().spans().len(), 2);
    assert_eq!(r.layers().len(), 2);
}

/// Two annotators who gave a quote different kinds and its speaker differently, with notes.
fn qualified() -> Review {
    use article_annotator::model::{AttrValue, Attrs};
    use article_annotator::review::layer::LayerRelation;
    use std::rc::Rc;
    let quote = |kind: &str, note: &str| {
        let attrs = Attrs::from_pairs(vec![
            (Rc::from("kind"), AttrValue::Text(Rc::from(kind))),
            (Rc::from("checked"), AttrValue::Flag(true)),
        ]);
        LayerSpan::new(33, 42, "Quote")
            .with_attrs(attrs)
            .with_note(Some(note))
    };
    let (zoe, li) = (
        LayerSpan::new(0, 3, "Entity"),
        LayerSpan::new(13, 15, "Entity"),
    );
    let said = |q: &LayerSpan, who: &LayerSpan| LayerRelation::new("said_by", q.key(), who.key());
    let (qa, qb) = (
        quote("direct", "שלום 👩🏽‍💻"),
        quote("indirect", "Ελένη\r\nsaid so"),
    );
    let a = ReviewLayer::annotator("A", vec![zoe.clone(), li.clone(), qa.clone()])
        .with_relations(vec![said(&qa, &zoe)]);
    let b = ReviewLayer::annotator("B", vec![zoe.clone(), li.clone(), qb.clone()])
        .with_relations(vec![said(&qb, &li)]);
    let doc = Document::new("World", WORLD, LabelSet::standard()).with_id("world");
    Review::new(doc, vec![a, b], Threshold::All).unwrap()
}

#[test]
fn layers_keep_attributes_notes_and_links_through_the_file() {
    let r = qualified();
    for unit in [OffsetUnit::CodePoint, OffsetUnit::Utf16] {
        check_round_trip(&r, unit);
        // Accepting B brings its kind, note and link into gold; that survives too.
        let b = r.accept(ConflictId(0), 1).unwrap();
        assert_eq!(b.gold().relations().len(), 1);
        check_round_trip(&b, unit);
    }
    let notes: Vec<Option<String>> = r.layers()[1].spans.iter().map(|s| s.note.clone()).collect();
    let file = native_review::import(&r.export(OffsetUnit::Utf16)).unwrap();
    let (back, _) = Review::from_file(&file).unwrap();
    let back_notes: Vec<Option<String>> = back.layers()[1]
        .spans
        .iter()
        .map(|s| s.note.clone())
        .collect();
    assert_eq!(back_notes, notes);
    // Sent back to B, the file carries B's values, note and link.
    let for_b: Value = serde_json::from_str(&r.export_for(1).unwrap()).unwrap();
    let d = &for_b["documents"][0];
    let quote = d["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["label"] == "Quote")
        .unwrap();
    assert_eq!(
        (&quote["attrs"]["kind"], &quote["note"]),
        (&json!("indirect"), &json!("Ελένη\r\nsaid so"))
    );
    let ids = |a: &str| {
        d["annotations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["text"] == a)
            .unwrap()["id"]
            .clone()
    };
    assert_eq!(d["relations"][0]["from"], quote["id"]);
    assert_eq!(d["relations"][0]["to"], ids("李雷"));
    // A layer's link to an annotation the import leaves out is reported and left out.
    let mut v: Value = serde_json::from_str(&r.export(OffsetUnit::CodePoint)).unwrap();
    v["documents"][0]["layers"][0]["annotations"][0]["end"] = json!(999);
    v["documents"][0]["layers"][0]["relations"] = json!([{"type": "said_by", "from": 2, "to": 0}]);
    let file = native_review::import(&v.to_string()).unwrap();
    assert!(file.layers[0].relations.is_empty());
    assert!(
        file.problems
            .iter()
            .any(|p| p.to_string().contains("relations")),
        "{:?}",
        file.problems
    );
}
