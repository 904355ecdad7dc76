//! Suggestions from a Label Studio predictions file and from other imports, worked through
//! with the review's accept and reject on multi-script text.

use super::*;
use crate::format::{jsonl, label_studio, native};
use crate::model::{CharRange, LabelSet, Span};
use crate::review::layer::LayerSpan;
use crate::review::{ConflictId, Review, ReviewStatus, Threshold};
use serde_json::json;

/// Zoë [0,3) 👩🏽‍💻 [4,8) 李雷 [13,15) مريم [19,23) café [26,30) CRLF שלום [33,37) עולם [38,42)
/// Ελένη [44,49).
const WORLD: &str = "Zoë 👩🏽‍💻 met 李雷 in مريم's café.\r\nשלום עולם, Ελένη!";

fn result(id: &str, start: usize, end: usize, label: &str) -> serde_json::Value {
    let text: String = WORLD.chars().skip(start).take(end - start).collect();
    json!({"id": id, "from_name": "label", "to_name": "text", "type": "labels",
           "value": {"start": start, "end": end, "text": text, "labels": [label]}})
}

/// A task with no annotation and two predictions; the second has a span whose text is wrong.
fn predictions_file() -> String {
    json!([{
        "id": 7,
        "data": {"text": WORLD},
        "annotations": [],
        "predictions": [
            {"model_version": "ner-v2", "score": 0.91,
             "result": [result("p1", 13, 15, "PER"), result("p2", 44, 49, "LOC"), result("p3", 19, 23, "PER")]},
            {"score": 0.4, "result": [
                result("q1", 44, 49, "PER"),
                {"id": "q2", "from_name": "label", "to_name": "text", "type": "labels",
                 "value": {"start": 0, "end": 3, "text": "Zoe", "labels": ["PER"]}}]}
        ]
    }, {"data": {"text": "another task"}}])
    .to_string()
}

/// The annotator's own document: Ελένη as PER and مريم as PER.
fn own() -> Document {
    let mut d = Document::new("w", WORLD, LabelSet::from_names(&["PER"]).unwrap());
    let spans = [(44, 49), (19, 23)]
        .iter()
        .map(|&(a, b)| {
            Span::new(
                d.fresh_id(),
                crate::model::LabelId(0),
                CharRange::new(a, b).unwrap(),
            )
            .unwrap()
        })
        .collect();
    d.with_spans(spans).unwrap()
}

fn spans(l: &ReviewLayer) -> Vec<(usize, usize, &str)> {
    l.spans
        .iter()
        .map(|s| (s.start, s.end, s.label.as_str()))
        .collect()
}

#[test]
fn label_studio_predictions_become_suggestion_layers() {
    let predictions = label_studio::import_predictions(&predictions_file()).unwrap();
    let sources: Vec<&str> = predictions.iter().map(|p| p.source.as_str()).collect();
    assert_eq!(sources, ["ner-v2", "prediction 2"]);
    assert!(predictions[0].imported.problems.is_empty());
    assert_eq!(
        predictions[1].imported.problems.len(),
        1,
        "the span whose text is wrong"
    );
    let layers = from_predictions(&predictions, &own()).unwrap();
    assert_eq!(layers[0].kind, LayerKind::Suggestions);
    assert_eq!(
        spans(&layers[0]),
        [(13, 15, "PER"), (19, 23, "PER"), (44, 49, "LOC")]
    );
    assert_eq!(spans(&layers[1]), [(44, 49, "PER")]);
    let none = json!([{"data": {"text": WORLD}, "annotations": []}]).to_string();
    assert!(label_studio::import_predictions(&none).unwrap().is_empty());
    assert!(label_studio::import_predictions("[]").is_err());
    assert!(label_studio::import_predictions("{not json").is_err());
}

#[test]
fn the_annotator_works_through_the_suggestions() {
    let predictions = label_studio::import_predictions(&predictions_file()).unwrap();
    let doc = own();
    let model = from_predictions(&predictions[..1], &doc).unwrap();
    let r = Review::new(doc, model, Threshold::All).unwrap();
    // مريم is agreed already; 李雷 is new; Ελένη is LOC against the annotator's PER.
    let regions: Vec<(usize, usize)> = r
        .conflicts()
        .iter()
        .map(|c| (c.region.start(), c.region.end()))
        .collect();
    assert_eq!(regions, [(13, 15), (44, 49)]);
    let names = |r: &Review| -> Vec<String> {
        let d = r.gold();
        d.spans()
            .iter()
            .map(|s| format!("{}:{}", d.labels().name(s.label()), d.covered(s)))
            .collect()
    };
    let accepted = r.accept(ConflictId(0), 0).unwrap();
    assert_eq!(names(&accepted), ["PER:李雷", "PER:مريم", "PER:Ελένη"]);
    let fixed = accepted.reject(ConflictId(1)).unwrap();
    assert_eq!(names(&fixed), ["PER:李雷", "PER:مريم", "PER:Ελένη"]);
    assert_eq!(fixed.status(), ReviewStatus::Reviewed);
    let all = r.accept_all(0).unwrap();
    assert_eq!(names(&all), ["PER:李雷", "PER:مريم", "LOC:Ελένη"]);
    let loc = all.gold().spans().iter().next_back().unwrap();
    let p = all.provenance(loc.id()).unwrap();
    assert_eq!(
        (p.proposed_by.as_slice(), p.how.to_string().as_str()),
        (
            &["ner-v2".to_string()][..],
            "accepted with all of ner-v2's spans by the reviewer"
        )
    );
}

#[test]
fn any_import_can_be_a_layer_of_a_document_with_the_same_text() {
    let doc = own();
    let line =
        json!({"text": WORLD, "spans": [{"start": 33, "end": 37, "label": "LOC"}]}).to_string();
    let imported = jsonl::import(&line).unwrap();
    let layer = suggestions("spacy", &imported, &doc).unwrap();
    assert_eq!(
        (layer.name.as_str(), spans(&layer)),
        ("spacy", vec![(33, 37, "LOC")])
    );
    // Another annotator's native file is their layer.
    let theirs = native::import(&native::export(&doc)).unwrap();
    let layer = layer_of("Zoë", LayerKind::Annotator, &theirs, &doc).unwrap();
    assert_eq!(
        layer.spans,
        [LayerSpan::new(19, 23, "PER"), LayerSpan::new(44, 49, "PER")]
    );
    // Another text (even one CRLF written as LF) is refused in plain words.
    let other = json!({"text": WORLD.replace("\r\n", "\n"), "spans": []}).to_string();
    let err = suggestions("spacy", &jsonl::import(&other).unwrap(), &doc).unwrap_err();
    assert_eq!(
        err.to_string(),
        "spacy is about another text than this document, so its spans cannot be placed"
    );
}
