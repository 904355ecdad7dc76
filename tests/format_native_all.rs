//! Reading every document of a native file (`native::import_all`) and the optional top-level
//! `annotator`: both offset units, per-document problems, faults that name the document, and
//! schema validity with and without the field.
#![cfg(not(target_arch = "wasm32"))]

use article_annotator::format::native::{export, import_all, to_wire, Fatal};
use article_annotator::model::{Document, LabelSet};
use serde_json::{json, Value};

fn file(unit: &str, annotator: Option<&str>, docs: Value) -> String {
    let mut v = json!({
        "format": "article-annotator", "version": 1, "offset_unit": unit,
        "labels": [{"name": "PER", "hotkey": "1", "color": "#1d4ed8"},
                   {"name": "ORG", "hotkey": "2", "color": "#b91c1c"}],
        "documents": docs,
    });
    if let Some(a) = annotator {
        v["annotator"] = json!(a);
    }
    v.to_string()
}

fn doc(id: &str, text: &str, spans: &[(usize, usize, &str)]) -> Value {
    let anns: Vec<Value> = spans
        .iter()
        .enumerate()
        .map(|(i, &(s, e, l))| {
            // The covered text, offsets in code points.
            let covered: String = text.chars().skip(s).take(e.saturating_sub(s)).collect();
            json!({"id": format!("a{i}"), "label": l, "start": s, "end": e, "text": covered})
        })
        .collect();
    json!({"id": id, "title": id, "text": text, "annotations": anns})
}

/// `(id, [(start, end, label)], problems)` of each imported document.
type Seen = (String, Vec<(usize, usize, String)>, usize);

/// What one document should read as: `(id, spans, how many problems)`.
type Want<'a> = (&'a str, &'a [(usize, usize, &'a str)], usize);

#[track_caller]
fn check(content: &str, annotator: Option<&str>, want: &[Want]) {
    let read = import_all(content).expect("the file reads");
    assert_eq!(read.annotator.as_deref(), annotator, "annotator");
    let got: Vec<Seen> = read
        .documents
        .iter()
        .map(|imp| {
            let d = &imp.doc;
            let spans = d
                .spans()
                .iter()
                .map(|s| (s.start(), s.end(), d.labels().name(s.label()).to_string()))
                .collect();
            (d.id().to_string(), spans, imp.problems.len())
        })
        .collect();
    let want: Vec<Seen> = want
        .iter()
        .map(|&(id, spans, problems)| {
            let spans = spans
                .iter()
                .map(|&(s, e, l)| (s, e, l.to_string()))
                .collect();
            (id.to_string(), spans, problems)
        })
        .collect();
    assert_eq!(got, want);
}

#[test]
fn every_document_is_read_with_its_checks() {
    let three = json!([
        doc("d1", "Merkel said so.", &[(0, 6, "PER")]),
        doc(
            "d2",
            "Ärztin 👩🏽‍⚕️ und 習近平",
            &[(0, 6, "PER"), (17, 20, "PER")]
        ),
        doc("d3", "قال الرئيس\r\nCDU", &[(12, 15, "ORG")]),
    ]);
    check(
        &file("codepoint", Some("Ada"), three),
        Some("Ada"),
        &[
            ("d1", &[(0, 6, "PER")], 0),
            ("d2", &[(0, 6, "PER"), (17, 20, "PER")], 0),
            ("d3", &[(12, 15, "ORG")], 0),
        ],
    );
    // One document: what `import` reads; no annotator field, or an empty one, is no annotator.
    let one = json!([doc("only", "Merkel", &[(0, 6, "PER")])]);
    check(
        &file("codepoint", None, one.clone()),
        None,
        &[("only", &[(0, 6, "PER")], 0)],
    );
    check(
        &file("codepoint", Some(""), one),
        None,
        &[("only", &[(0, 6, "PER")], 0)],
    );
    // A bad annotation is a problem of its own document; the others are untouched.
    let bad = json!([
        doc("d1", "Merkel", &[(0, 6, "PER")]),
        doc("d2", "CDU", &[(0, 9, "ORG"), (0, 3, "ORG")]),
    ]);
    check(
        &file("codepoint", Some("Bo"), bad),
        Some("Bo"),
        &[("d1", &[(0, 6, "PER")], 0), ("d2", &[(0, 3, "ORG")], 1)],
    );
}

#[test]
fn utf16_offsets_are_read_as_code_points_in_every_document() {
    // 👩🏽 is 2 code points and 4 UTF-16 units.
    let text = "👩🏽 Ada";
    let ann = |start: usize, end: usize| json!({"id": "a", "label": "PER", "start": start, "end": end, "text": "Ada"});
    let docs = json!([
        {"id": "u1", "title": "", "text": text, "annotations": [ann(5, 8)]},
        {"id": "u2", "title": "", "text": format!("x{text}"), "annotations": [ann(6, 9)]},
    ]);
    check(
        &file("utf16", Some("Cy"), docs),
        Some("Cy"),
        &[("u1", &[(3, 6, "PER")], 0), ("u2", &[(4, 7, "PER")], 0)],
    );
}

#[test]
fn file_faults_stop_the_read_and_name_the_document() {
    assert!(matches!(
        import_all("{not json"),
        Err(Fatal::NotJson { .. })
    ));
    assert!(matches!(
        import_all(r#"{"format": "other"}"#),
        Err(Fatal::UnknownFormat(_))
    ));
    assert!(matches!(
        import_all(&file("codepoint", None, json!([]))),
        Err(Fatal::NoDocument)
    ));
    let no_text = json!([doc("d1", "a", &[]), {"id": "d2", "title": "", "annotations": []}]);
    match import_all(&file("codepoint", None, no_text)) {
        Err(e @ Fatal::Malformed(_)) => {
            assert!(e.to_string().contains("document number 2"), "{e}")
        }
        other => panic!("{other:?}"),
    }
}

fn schema() -> jsonschema::Validator {
    let schema: Value =
        serde_json::from_str(include_str!("../schema/article-annotator.v1.schema.json")).unwrap();
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

#[test]
fn the_annotator_is_optional_in_the_schema_and_written_only_when_set() {
    let doc = Document::new("T", "Merkel said so.", LabelSet::standard());
    let plain = export(&doc);
    assert!(!plain.contains("\"annotator\""), "{plain}");
    let mut wire = to_wire(&doc);
    wire.annotator = Some("Ada Lovelace".into());
    let named = serde_json::to_value(&wire).unwrap();
    assert_eq!(named["annotator"], "Ada Lovelace");
    let v = schema();
    assert!(v.is_valid(&serde_json::from_str(&plain).unwrap()));
    assert!(v.is_valid(&named));
    let mut empty = named.clone();
    empty["annotator"] = json!("");
    assert!(!v.is_valid(&empty), "an empty annotator name is not a name");
    // And the field round-trips through import_all.
    let read = import_all(&named.to_string()).unwrap();
    assert_eq!(read.annotator.as_deref(), Some("Ada Lovelace"));
    assert_eq!(read.documents.len(), 1);
    assert_eq!(read.documents[0].doc.text().as_str(), "Merkel said so.");
}
