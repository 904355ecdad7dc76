//! The native format: exact output for a known document, schema validity of every export,
//! export-then-import identity on the fixture articles, and one message per import problem.
#![cfg(not(target_arch = "wasm32"))]

use article_annotator::format::native::{export, import, import_checked, Fatal, Problem};
use article_annotator::model::{CharRange, Document, LabelId, LabelSet};
use serde_json::{json, Value};

const ENTITY: LabelId = LabelId(0);
const CLAIM: LabelId = LabelId(1);
const QUOTE: LabelId = LabelId(2);

fn fixture_article() -> String {
    // A copy of ../shared/fixtures/article.txt, so a clone of this repository alone can test.
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/article.txt"
    ))
    .expect("the fixture article")
}

fn unicode_article() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/unicode.txt"
    ))
    .expect("unicode fixture")
}

fn schema_validator() -> jsonschema::Validator {
    let schema: Value =
        serde_json::from_str(include_str!("../schema/article-annotator.v1.schema.json")).unwrap();
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

#[track_caller]
fn assert_schema_valid(exported: &str) {
    let v: Value = serde_json::from_str(exported).unwrap();
    let errors: Vec<String> = schema_validator()
        .iter_errors(&v)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "export violates the schema: {errors:?}");
}

#[path = "fixtures/docs.rs"]
mod docs;

/// Spans by finding text with the standard labels (see `fixtures/docs.rs`).
fn annotate(title: &str, text: &str, marks: &[(LabelId, &str, usize)]) -> Document {
    docs::annotate(title, text, LabelSet::standard(), marks)
}

#[test]
fn exact_output_for_a_small_document() {
    let doc = annotate(
        "Merkel",
        "Merkel said: \"We will manage.\" Critics disagreed.",
        &[
            (ENTITY, "Merkel", 0),
            (QUOTE, "\"We will manage.\"", 0),
            (CLAIM, "We will manage", 0),
        ],
    );
    let got: Value = serde_json::from_str(&export(&doc)).unwrap();
    let want = json!({
        "format": "article-annotator",
        "version": 1,
        "offset_unit": "codepoint",
        "labels": [
            {"name": "Entity", "hotkey": "1", "color": "#1d4ed8"},
            {"name": "Claim", "hotkey": "2", "color": "#047857"},
            {"name": "Quote", "hotkey": "3", "color": "#b45309"}
        ],
        "documents": [{
            "id": doc.id(),
            "title": "Merkel",
            "text": "Merkel said: \"We will manage.\" Critics disagreed.",
            "annotations": [
                {"id": "a1", "label": "Entity", "start": 0, "end": 6, "text": "Merkel"},
                {"id": "a2", "label": "Quote", "start": 13, "end": 30, "text": "\"We will manage.\""},
                {"id": "a3", "label": "Claim", "start": 14, "end": 28, "text": "We will manage"}
            ]
        }]
    });
    assert_eq!(got, want);
    assert!(doc.id().starts_with("doc-"));
}

#[test]
fn fixture_article_offsets_are_code_points() {
    let text = fixture_article();
    let doc = annotate(
        "rally",
        &text,
        &[
            (ENTITY, "Elsever Mammadov", 0),
            (QUOTE, "“Karabakh is Azerbaijan”", 0),
            (ENTITY, "Karabakh", 1),
        ],
    );
    let out = export(&doc);
    assert_schema_valid(&out);
    let v: Value = serde_json::from_str(&out).unwrap();
    let anns = &v["documents"][0]["annotations"];
    assert_eq!(anns[0]["start"], 388);
    assert_eq!(anns[0]["end"], 404);
    assert_eq!(anns[1]["text"], "“Karabakh is Azerbaijan”");
    assert_eq!(
        (anns[1]["start"].as_u64(), anns[1]["end"].as_u64()),
        (Some(898), Some(922))
    );
    assert_eq!(
        (anns[2]["start"].as_u64(), anns[2]["end"].as_u64()),
        (Some(899), Some(907))
    );
}

#[test]
fn export_then_import_is_identity() {
    let cases = [
        annotate(
            "rally",
            &fixture_article(),
            &[
                (QUOTE, "“Karabakh is Azerbaijan”", 0),
                (ENTITY, "Karabakh", 1),
                (CLAIM, "Karabakh is Azerbaijan", 0),
                (ENTITY, "Azerbaijan", 3),
                (ENTITY, "Elsever Mammadov", 0),
            ],
        ),
        annotate(
            "Família",
            &unicode_article(),
            &[
                (ENTITY, "👨\u{200d}👩\u{200d}👧", 0),
                (ENTITY, "Zürich 🇨🇭", 0),
                (QUOTE, "“Cafe\u{301} prices are fair.”", 0),
                (CLAIM, "Cafe\u{301} prices are fair", 0),
                (ENTITY, "習近平", 0),
                (ENTITY, "أردوغان", 0),
                (QUOTE, "«السلام ممكن»", 0),
                (ENTITY, "𝔐𝔞𝔱𝔥", 0),
                (ENTITY, "🏳\u{fe0f}\u{200d}🌈", 0),
                (CLAIM, "end.\r\n", 0),
            ],
        ),
        Document::new("empty", "", LabelSet::standard()),
    ];
    for doc in cases {
        let out = export(&doc);
        assert_schema_valid(&out);
        let back = import(&out).expect("own export imports");
        assert!(back.problems.is_empty(), "{:?}", back.problems);
        assert_eq!(back.doc, doc);
        // The typed path and the checking path agree.
        let checked = import_checked(&out).expect("own export passes every check");
        assert!(
            checked.problems.is_empty() && checked.repair.is_none(),
            "{:?}",
            checked.problems
        );
        assert_eq!(checked.doc, doc);
        assert_eq!(export(&back.doc), out, "byte-identical second export");
        // Every exported `text` is the code point slice of the text, as Python would take it.
        let v: Value = serde_json::from_str(&out).unwrap();
        let chars: Vec<char> = v["documents"][0]["text"]
            .as_str()
            .unwrap()
            .chars()
            .collect();
        for a in v["documents"][0]["annotations"].as_array().unwrap() {
            let (s, e) = (
                a["start"].as_u64().unwrap() as usize,
                a["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                a["text"].as_str().unwrap(),
                chars[s..e].iter().collect::<String>()
            );
        }
    }
}

#[test]
fn crlf_and_tabs_survive_the_round_trip() {
    let doc = annotate("t", "a\r\n\tb\r\n", &[(ENTITY, "b", 0)]);
    let back = import(&export(&doc)).unwrap().doc;
    assert_eq!(back.text().as_str(), "a\r\n\tb\r\n");
    assert_eq!(
        back.spans().iter().next().unwrap().range(),
        CharRange::new(4, 5).unwrap()
    );
}

fn file_with(annotations: Value) -> String {
    json!({
        "format": "article-annotator", "version": 1, "offset_unit": "codepoint",
        "labels": [{"name": "Entity", "hotkey": "1", "color": "#1d4ed8"}, {"name": "Quote", "hotkey": "2", "color": "#b45309"}],
        "documents": [{"id": "d", "title": "T", "text": "😀 Obama visited Paris.", "annotations": annotations}]
    })
    .to_string()
}

#[track_caller]
fn check_problem(annotation: Value, want: &str) {
    let imported = import(&file_with(
        json!([{"id": "ok", "label": "Entity", "start": 2, "end": 7, "text": "Obama"}, annotation]),
    ))
    .expect("the file as a whole is readable");
    let messages: Vec<String> = imported.problems.iter().map(ToString::to_string).collect();
    assert_eq!(messages, [want]);
    assert_eq!(
        imported.doc.spans().len(),
        1,
        "the valid annotation is kept, the bad one left out"
    );
    assert_eq!(imported.total, 2);
}

#[test]
fn each_annotation_problem_is_named_in_plain_words() {
    check_problem(
        json!({"id": "x", "label": "Entity", "start": 16, "end": 40, "text": "Paris."}),
        "annotation “x”: offsets 16–40 reach past the end of the text, which has 22 characters",
    );
    check_problem(
        json!({"id": "x", "label": "Entity", "start": 9, "end": 3, "text": ""}),
        "annotation “x”: its start (9) comes after its end (3)",
    );
    check_problem(
        json!({"id": "x", "label": "Entity", "start": 3, "end": 8, "text": "Obama"}),
        "annotation “x”: the file says it covers “Obama” but the text at its offsets is “bama ”",
    );
    check_problem(
        json!({"id": "x", "label": "Person", "start": 2, "end": 7, "text": "Obama"}),
        "annotation “x”: the label “Person” is not in the file's label list",
    );
    check_problem(
        json!({"id": "ok", "label": "Quote", "start": 2, "end": 7, "text": "Obama"}),
        "annotation “ok”: another annotation already has this id",
    );
    check_problem(
        json!({"id": "y", "label": "Entity", "start": 2, "end": 7}),
        "annotation “y”: same label and offsets as annotation “ok”",
    );
    check_problem(
        json!({"label": "Entity", "start": 2, "end": 7}),
        "annotation number 2: it has no id",
    );
    check_problem(
        json!({"id": "z", "label": "Entity", "start": "2", "end": 7}),
        "annotation “z”: its start is not a whole number",
    );
    check_problem(
        json!({"id": "e", "label": "Entity", "start": 4, "end": 4}),
        "annotation “e”: it starts and ends at 4, so it covers no text",
    );
}

#[track_caller]
fn check_fatal(content: &str, want: &str) {
    let err = import(content).expect_err("the file must be refused");
    assert_eq!(err.to_string(), want);
}

#[test]
fn file_level_problems_stop_the_import() {
    check_fatal(
        "{\"format\": ",
        "the file is not valid JSON (the first error is at line 1, column 11)",
    );
    check_fatal(
        "Elsever Mammadov",
        "the file is not valid JSON (the first error is at line 1, column 1)",
    );
    check_fatal("[1, 2]", "the file is JSON but not an Article Annotator file (it has no \"format\": \"article-annotator\")");
    check_fatal(
        r#"{"format": "label-studio"}"#,
        "the file's format is \"label-studio\", not \"article-annotator\"; this import reads only Article Annotator files",
    );
    check_fatal(
        r#"{"format": "article-annotator", "version": 2, "documents": []}"#,
        "the file is version 2 of the format; this app reads version 1",
    );
    check_fatal(
        r#"{"format": "article-annotator", "version": 1, "offset_unit": "byte", "documents": []}"#,
        "the file counts offsets in \"byte\"; this import reads \"codepoint\" and \"utf16\" offsets",
    );
    check_fatal(
        r#"{"format": "article-annotator", "version": 1, "documents": []}"#,
        "the file contains no document",
    );
    check_fatal(
        r#"{"format": "article-annotator", "version": 1, "labels": [{"name": "A"}, {"name": "A"}], "documents": []}"#,
        "the label list cannot be used: the file defines the label \"A\" twice",
    );
    check_fatal(
        r#"{"format": "article-annotator", "version": 1, "documents": [{"title": "no text"}]}"#,
        "the file is incomplete: the document has no \"text\"",
    );
    assert!(matches!(import("{}"), Err(Fatal::UnknownFormat(None))));
}

#[test]
fn extra_documents_are_reported() {
    let mut v: Value = serde_json::from_str(&file_with(json!([]))).unwrap();
    let first = v["documents"][0].clone();
    v["documents"].as_array_mut().unwrap().push(first);
    let imported = import(&v.to_string()).unwrap();
    assert_eq!(imported.problems, [Problem::ExtraDocuments { count: 1 }]);
}

#[test]
fn labels_and_title_default_when_missing() {
    let content = r#"{"format": "article-annotator", "version": 1, "documents": [{"text": "\n Headline\nbody",
        "annotations": [{"id": "1", "label": "Quote", "start": 2, "end": 10}]}]}"#;
    let imported = import(content).unwrap();
    assert!(imported.problems.is_empty());
    assert_eq!(imported.doc.title(), "Headline");
    assert_eq!(imported.doc.labels(), &LabelSet::standard());
    assert_eq!(imported.doc.spans().len(), 1);
}

#[test]
fn many_labels_with_guidelines_round_trip() {
    use article_annotator::model::label::LabelSpec;
    let specs: Vec<LabelSpec> = (0..30)
        .map(|i| LabelSpec {
            name: format!("Typ {i} ☕"),
            color: None,
            description: if i % 2 == 0 {
                format!("Mark «Typ {i}»: 習近平, القاهرة")
            } else {
                String::new()
            },
            attributes: Vec::new(),
        })
        .collect();
    let labels = LabelSet::from_specs(specs).unwrap();
    let text = "Ана́ліз: 習近平 said “we agree” 👩🏽‍💻 in القاهرة\r\nCafé";
    let doc = docs::annotate(
        "Many",
        text,
        labels,
        &[
            (LabelId(0), "Ана́ліз", 0),
            (LabelId(12), "👩🏽‍💻", 0),
            (LabelId(29), "القاهرة", 0),
        ],
    );
    let out = export(&doc);
    assert_schema_valid(&out);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["labels"][9]["hotkey"], "b");
    assert_eq!(v["labels"][29]["hotkey"], "");
    assert_eq!(v["labels"][1].get("description"), None);
    assert_eq!(
        v["labels"][2]["description"],
        "Mark «Typ 2»: 習近平, القاهرة"
    );
    let back = import(&out).unwrap();
    assert!(back.problems.is_empty());
    assert_eq!(back.doc, doc);
    let checked = import_checked(&out).unwrap();
    assert_eq!(checked.doc, doc, "the checking path reads guidelines too");
}
