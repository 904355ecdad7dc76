//! Which imports become layers, of which documents, under which names.

use super::*;
use crate::model::{CharRange, Editor, LabelId, LabelSet};

const MERKEL: &str = "Merkel said: \"We will manage.\" Critics at the CDU disagreed.";
const WORLD: &str = "Zoë 👩🏽‍💻 met 李雷 in مريم's café.\r\nשלום עולם, Ελένη!";

fn doc(id: &str, text: &str, spans: &[(usize, usize)]) -> Document {
    let mut e = Editor::new(Document::new("t", text, LabelSet::standard()).with_id(id));
    for &(a, b) in spans {
        e.add_span(LabelId(0), CharRange::new(a, b).unwrap())
            .unwrap();
    }
    e.doc().clone()
}

/// A native file of `docs`, naming `annotator` when given.
fn native_file(docs: &[Document], annotator: Option<&str>) -> String {
    let mut wire = native::to_wire(&docs[0]);
    wire.documents = docs
        .iter()
        .flat_map(|d| native::to_wire(d).documents)
        .collect();
    wire.annotator = annotator.map(str::to_string);
    serde_json::to_string(&wire).unwrap()
}

fn known(docs: &[(&str, &str)]) -> Vec<Known> {
    docs.iter()
        .map(|&(id, text)| Known {
            id: id.into(),
            hash: text_hash_hex(text),
        })
        .collect()
}

/// Each item as `"layer <doc> <name> <kind> <spans>"` or `"new <id> <own spans> [layers]"`.
fn describe(intake: &Intake) -> Vec<String> {
    let kind = |k: LayerKind| match k {
        LayerKind::Annotator => "annotator",
        LayerKind::Suggestions => "suggestions",
    };
    intake
        .items
        .iter()
        .map(|i| match i {
            Item::Layer { doc, layer } => format!(
                "layer {doc} {} {} {}",
                layer.name,
                kind(layer.kind),
                layer.spans.len()
            ),
            Item::New { doc, layers } => format!(
                "new {} {} [{}]",
                doc.id(),
                doc.spans().len(),
                layers
                    .iter()
                    .map(|l| format!("{} {} {}", l.name, kind(l.kind), l.spans.len()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        })
        .collect()
}

#[track_caller]
fn check(file: (&str, String), mode: Mode, me: &str, corpus: &[Known], want: Option<&[&str]>) {
    let files = vec![(file.0.to_string(), file.1)];
    let got = plan(&files, None, mode, me, corpus).unwrap();
    assert_eq!(
        got.as_ref().map(describe),
        want.map(|w| w.iter().map(|s| s.to_string()).collect())
    );
}

#[test]
fn another_persons_file_becomes_their_layer() {
    let m = doc("m", MERKEL, &[(0, 6), (31, 38)]);
    let w = doc("w", WORLD, &[(13, 15)]);
    let empty = doc("e", "nothing to see", &[]);
    let one =
        |d: &Document, who: Option<&str>| ("x.json", native_file(std::slice::from_ref(d), who));
    // A file of one's own for a new document: the ordinary import.
    check(one(&m, None), Mode::Auto, "", &[], None);
    check(one(&m, Some("Ada")), Mode::Auto, "Ada", &[], None);
    // Someone else's: a new document without spans of its own, and their layer.
    check(
        one(&m, Some("Ada")),
        Mode::Auto,
        "",
        &[],
        Some(&["new m 0 [Ada annotator 2]"]),
    );
    check(
        one(&m, Some("Zoë 👩🏽‍💻")),
        Mode::Auto,
        "Bob",
        &[],
        Some(&["new m 0 [Zoë 👩🏽‍💻 annotator 2]"]),
    );
    // A document the corpus has, by id, else by text: a layer, named by the file.
    let corpus = known(&[("m", MERKEL), ("other-id", WORLD)]);
    check(
        one(&m, None),
        Mode::Auto,
        "",
        &corpus,
        Some(&["layer m x annotator 2"]),
    );
    check(
        ("bob.annotations.json", one(&w, None).1),
        Mode::Auto,
        "",
        &corpus,
        Some(&["layer other-id bob annotator 1"]),
    );
    // The same id with another text is another document.
    let changed = doc("m", "Merkel said something else.", &[(0, 6)]);
    check(one(&changed, None), Mode::Auto, "", &corpus, None);
    // Several documents at once; an annotator who labelled nothing still has a layer.
    check(
        (
            "bob.json",
            native_file(&[m.clone(), w.clone(), empty.clone()], Some("Bob")),
        ),
        Mode::Auto,
        "Ada",
        &corpus,
        Some(&[
            "layer m Bob annotator 2",
            "layer other-id Bob annotator 1",
            "new e 0 [Bob annotator 0]",
        ]),
    );
    check(
        ("mine.json", native_file(&[m.clone(), empty.clone()], None)),
        Mode::Auto,
        "",
        &[],
        Some(&["new m 2 []", "new e 0 []"]),
    );
}

#[test]
fn a_file_imported_as_suggestions_is_a_suggestions_layer() {
    let m = doc("m", MERKEL, &[(0, 6)]);
    let file = ("model-v2.json", native_file(std::slice::from_ref(&m), None));
    check(
        file.clone(),
        Mode::Suggestions,
        "",
        &known(&[("m", MERKEL)]),
        Some(&["layer m model-v2 suggestions 1"]),
    );
    check(
        file,
        Mode::Suggestions,
        "",
        &[],
        Some(&["new m 0 [model-v2 suggestions 1]"]),
    );
}

#[test]
fn label_studio_predictions_are_suggestions_layers() {
    let task = |annotations: &str| {
        format!(
            r#"[{{"id": 1, "data": {{"text": {text}}}, "annotations": [{annotations}],
                "predictions": [{{"model_version": "ner-v3", "result": [
                  {{"id": "p1", "from_name": "label", "to_name": "text", "type": "labels",
                   "value": {{"start": 0, "end": 6, "text": "Merkel", "labels": ["PER"]}}}}]}}]}}]"#,
            text = serde_json::to_string(MERKEL).unwrap()
        )
    };
    let only = ("tasks.json", task(""));
    let got = plan(
        &[(only.0.into(), only.1.clone())],
        None,
        Mode::Auto,
        "",
        &[],
    )
    .unwrap()
    .unwrap();
    let described = describe(&got);
    assert_eq!(described.len(), 1);
    assert!(
        described[0].ends_with(" 0 [ner-v3 suggestions 1]"),
        "{described:?}"
    );
    let id = match &got.items[0] {
        Item::New { doc, .. } => doc.id().to_string(),
        Item::Layer { .. } => unreachable!(),
    };
    check(
        only,
        Mode::Auto,
        "",
        &known(&[(&id, MERKEL)]),
        Some(&[&format!("layer {id} ner-v3 suggestions 1")]),
    );
    let annotated = task(
        r#"{"id": 1, "result": [{"id": "a1", "from_name": "label", "to_name": "text", "type": "labels",
             "value": {"start": 31, "end": 38, "text": "Critics", "labels": ["PER"]}}]}"#,
    );
    let got = plan(
        &[("tasks.json".into(), annotated)],
        None,
        Mode::Auto,
        "",
        &known(&[(&id, MERKEL)]),
    )
    .unwrap()
    .unwrap();
    assert_eq!(
        describe(&got),
        [
            format!("layer {id} tasks annotator 1"),
            format!("layer {id} ner-v3 suggestions 1")
        ]
    );
}

#[test]
fn a_file_that_cannot_be_read_is_an_error() {
    let files = vec![("x.json".to_string(), "not json".to_string())];
    assert!(plan(&files, None, Mode::Auto, "", &[]).is_err());
}
