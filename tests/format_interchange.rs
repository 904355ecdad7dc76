//! The interchange formats: formats.md's worked examples imported exactly, exact export of a
//! small document, round trips of the fixture articles, detection, each problem message,
//! offset repair, and files written the way other tools write them.
#![cfg(not(target_arch = "wasm32"))]

use article_annotator::format::{
    detect, export_as, import_as, ExportOptions, FormatKind, Imported, Newlines, OffsetUnit,
    Reading,
};
use article_annotator::model::Document;
use serde_json::{json, Value};

#[path = "fixtures/docs.rs"]
mod docs;

const TEXT: &str = docs::MERKEL;

fn files(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(n, c)| (n.to_string(), c.to_string()))
        .collect()
}

/// `(label, start, end, covered text)` of every span, in text order.
fn spans(doc: &Document) -> Vec<(String, usize, usize, String)> {
    doc.spans()
        .iter()
        .map(|s| {
            (
                doc.labels().name(s.label()).to_string(),
                s.start(),
                s.end(),
                doc.covered(s).to_string(),
            )
        })
        .collect()
}

/// `(type, from, to)` of every relation, in id order.
fn relations(doc: &Document) -> Vec<(String, String, String)> {
    doc.relations()
        .iter()
        .map(|r| {
            (
                r.kind().to_string(),
                r.from().to_string(),
                r.to().to_string(),
            )
        })
        .collect()
}

fn rel(kind: &str, from: &str, to: &str) -> (String, String, String) {
    (kind.to_string(), from.to_string(), to.to_string())
}

fn label_names(doc: &Document) -> Vec<String> {
    doc.labels()
        .iter()
        .map(|(_, l)| l.name.to_string())
        .collect()
}

fn messages<T: ToString>(items: &[T]) -> Vec<String> {
    items.iter().map(ToString::to_string).collect()
}

#[track_caller]
fn import_ok(kind: FormatKind, pairs: &[(&str, &str)]) -> Imported {
    import_as(kind, &files(pairs)).unwrap_or_else(|e| panic!("{kind:?} import failed: {e}"))
}

/// The three spans of formats.md's example.
fn merkel_spans() -> Vec<(String, usize, usize, String)> {
    vec![
        ("PERSON".into(), 0, 6, "Merkel".into()),
        ("QUOTE".into(), 13, 30, "\"We will manage.\"".into()),
        ("CLAIM".into(), 14, 28, "We will manage".into()),
    ]
}

const LS_EXAMPLE: &str = r#"[{
  "id": 1,
  "data": {"text": "Merkel said: \"We will manage.\" Critics disagreed."},
  "annotations": [{
    "id": 101, "completed_by": 1, "was_cancelled": false, "lead_time": 12.3,
    "result": [
      {"id": "r1", "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual",
       "value": {"start": 0, "end": 6, "text": "Merkel", "labels": ["PERSON"]}},
      {"id": "r2", "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual",
       "value": {"start": 13, "end": 30, "text": "\"We will manage.\"", "labels": ["QUOTE"]}},
      {"id": "r3", "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual",
       "value": {"start": 14, "end": 28, "text": "We will manage", "labels": ["CLAIM"]}},
      {"id": "r2", "from_name": "quote_type", "to_name": "text", "type": "choices",
       "value": {"start": 13, "end": 30, "text": "\"We will manage.\"", "choices": ["direct"]}},
      {"from_id": "r2", "to_id": "r1", "type": "relation", "direction": "right", "labels": ["said_by"]}
    ]
  }],
  "predictions": [{"model_version": "v0", "score": 0.81, "result": [
      {"id": "p1", "from_name": "label", "to_name": "text", "type": "labels",
       "value": {"start": 0, "end": 6, "text": "Merkel", "labels": ["PERSON"]}}]}]
}]"#;

const DOCCANO_TUPLES: &str = r#"{"id": 1, "text": "Merkel said: \"We will manage.\" Critics disagreed.", "label": [[0, 6, "PERSON"], [13, 30, "QUOTE"], [14, 28, "CLAIM"]], "Comments": []}"#;

const DOCCANO_ENTITIES: &str = r#"{"id": 1, "text": "Merkel said: \"We will manage.\" Critics disagreed.",
 "entities": [{"id": 11, "label": "PERSON", "start_offset": 0, "end_offset": 6},
              {"id": 12, "label": "QUOTE", "start_offset": 13, "end_offset": 30},
              {"id": 13, "label": "CLAIM", "start_offset": 14, "end_offset": 28}],
 "relations": [{"id": 5, "from_id": 12, "to_id": 11, "type": "said_by"}],
 "Comments": []}"#;

const PRODIGY: &str = r#"{"text": "Merkel said: \"We will manage.\" Critics disagreed.", "tokens": [{"text":"Merkel","start":0,"end":6,"id":0,"ws":true},{"text":"said","start":7,"end":11,"id":1,"ws":false}], "spans": [{"start":0,"end":6,"token_start":0,"token_end":0,"label":"PERSON"}, {"start":13,"end":30,"token_start":3,"token_end":8,"label":"QUOTE"}, {"start":14,"end":28,"token_start":4,"token_end":6,"label":"CLAIM"}], "relations": [{"head":8,"child":0,"label":"said_by","head_span":{"start":13,"end":30,"token_start":3,"token_end":8,"label":"QUOTE"},"child_span":{"start":0,"end":6,"token_start":0,"token_end":0,"label":"PERSON"}}], "answer": "accept", "_view_id": "spans_manual", "_input_hash": 123, "_task_hash": 456}"#;

const BRAT_ANN: &str = "T1\tPERSON 0 6\tMerkel\nT2\tQUOTE 13 30\t\"We will manage.\"\nT3\tCLAIM 14 28\tWe will manage\nR1\tsaid_by Arg1:T2 Arg2:T1\nA1\tDirect T2\nA2\tConfidence T3 High\n#1\tAnnotatorNotes T3\tcheck whether this is a factual claim\nN1\tReference T1 Wikidata:Q567\tAngela Merkel\nT4\tPERSON 0 6;31 38\tMerkel Critics\n";

const W3C_EXAMPLE: &str = r#"{
  "@context": "http://www.w3.org/ns/anno.jsonld",
  "id": "urn:uuid:6f0c-r2",
  "type": "Annotation",
  "motivation": "tagging",
  "created": "2026-09-01T10:00:00Z",
  "creator": {"id": "urn:annotator:alice", "type": "Person"},
  "body": [
    {"type": "TextualBody", "purpose": "tagging",    "value": "QUOTE"},
    {"type": "TextualBody", "purpose": "commenting", "value": "direct quote", "format": "text/plain"}
  ],
  "target": {
    "source": "urn:sha256:abc",
    "selector": [
      {"type": "TextQuoteSelector", "exact": "\"We will manage.\"", "prefix": "Merkel said: ", "suffix": " Critics disagreed."},
      {"type": "TextPositionSelector", "start": 13, "end": 30}
    ]
  }
}"#;

const CONLL_EXAMPLE: &str = "-DOCSTART- -X- O\n\nMerkel B-PERSON\nsaid O\n: O\n\" B-QUOTE\nWe I-QUOTE\nwill I-QUOTE\nmanage I-QUOTE\n. I-QUOTE\n\" I-QUOTE\nCritics O\ndisagreed O\n. O\n";

#[test]
fn label_studio_worked_example() {
    let got = import_ok(FormatKind::LabelStudio, &[("project.json", LS_EXAMPLE)]);
    assert_eq!(spans(&got.doc), merkel_spans());
    assert_eq!(label_names(&got.doc), ["PERSON", "QUOTE", "CLAIM"]);
    assert!(got.problems.is_empty(), "{:?}", got.problems);
    assert_eq!(
        got.notes,
        ["1 prediction not imported: the task's annotations were"]
    );
    assert_eq!(relations(&got.doc), [rel("said_by", "r2", "r1")]);
    let quote = got.doc.spans().iter().nth(1).unwrap();
    assert_eq!(
        quote.attr("quote_type").map(|v| v.as_text()),
        Some("direct"),
        "a per-region choice is the region's attribute"
    );
    let ids: Vec<&str> = got.doc.spans().iter().map(|s| s.id().as_str()).collect();
    assert_eq!(
        ids,
        ["r1", "r2", "r3"],
        "Label Studio's region ids are kept"
    );
}

#[test]
fn label_studio_predictions_when_there_are_no_annotations() {
    let mut v: Value = serde_json::from_str(LS_EXAMPLE).unwrap();
    v[0]["annotations"] = json!([]);
    let got = import_ok(FormatKind::LabelStudio, &[("p.json", &v.to_string())]);
    assert_eq!(
        spans(&got.doc),
        [("PERSON".to_string(), 0, 6, "Merkel".to_string())]
    );
    assert_eq!(
        got.notes,
        ["the task has no annotations; its first prediction (model v0) was imported"]
    );
}

#[test]
fn doccano_worked_examples_both_forms() {
    for content in [
        DOCCANO_TUPLES.to_string(),
        DOCCANO_ENTITIES.replace('\n', " "),
    ] {
        let got = import_ok(FormatKind::Doccano, &[("d.jsonl", &content)]);
        assert_eq!(spans(&got.doc), merkel_spans());
        assert!(got.problems.is_empty() && got.repair.is_none());
    }
    let got = import_ok(
        FormatKind::Doccano,
        &[("d.jsonl", &DOCCANO_ENTITIES.replace('\n', " "))],
    );
    assert!(got.notes.is_empty(), "{:?}", got.notes);
    assert_eq!(relations(&got.doc), [rel("said_by", "12", "11")]);
}

#[test]
fn prodigy_worked_example() {
    let got = import_ok(FormatKind::Jsonl, &[("p.jsonl", PRODIGY)]);
    assert_eq!(spans(&got.doc), merkel_spans());
    assert!(got.notes.is_empty(), "{:?}", got.notes);
    assert_eq!(relations(&got.doc), [rel("said_by", "a2", "a1")]);
}

#[test]
fn brat_worked_example() {
    let got = import_ok(FormatKind::Brat, &[("m.ann", BRAT_ANN), ("m.txt", TEXT)]);
    let mut want = merkel_spans();
    want.insert(1, ("PERSON".into(), 31, 38, "Critics".into()));
    let mut got_spans = spans(&got.doc);
    got_spans.sort_by_key(|(l, s, e, _)| (*s, std::cmp::Reverse(*e), l.clone()));
    want.sort_by_key(|(l, s, e, _)| (*s, std::cmp::Reverse(*e), l.clone()));
    assert_eq!(got_spans, want);
    assert_eq!(
        messages(&got.problems),
        ["annotation “T4”: same label and offsets as annotation “T1”"]
    );
    assert_eq!(
        got.notes,
        [
            "1 discontinuous annotation (T4) imported as one annotation per fragment: Article Annotator spans are continuous",
            "1 normalization not imported: Article Annotator keeps labelled spans, their attributes and notes, and relations",
        ]
    );
    assert_eq!(relations(&got.doc), [rel("said_by", "T2", "T1")]);
    let attrs = |id: &str| {
        let s = got
            .doc
            .spans()
            .iter()
            .find(|s| s.id().as_str() == id)
            .unwrap();
        let a: Vec<String> = s.attrs().iter().map(|(n, v)| format!("{n}={v}")).collect();
        (a, s.note().map(str::to_string))
    };
    assert_eq!(attrs("T2"), (vec!["Direct=yes".to_string()], None));
    assert_eq!(
        attrs("T3"),
        (
            vec!["Confidence=High".to_string()],
            Some("check whether this is a factual claim".to_string())
        )
    );
}

#[test]
fn w3c_worked_example_with_its_text() {
    let got = import_ok(
        FormatKind::W3c,
        &[("a.jsonld", W3C_EXAMPLE), ("article.txt", TEXT)],
    );
    assert_eq!(
        spans(&got.doc),
        [(
            "QUOTE".to_string(),
            13,
            30,
            "\"We will manage.\"".to_string()
        )]
    );
    assert_eq!(
        got.doc.spans().iter().next().unwrap().id().as_str(),
        "urn:uuid:6f0c-r2"
    );
    assert!(got.notes.is_empty(), "{:?}", got.notes);
    assert_eq!(
        got.doc.spans().iter().next().unwrap().note(),
        Some("direct quote"),
        "a commenting body is the span's note"
    );
    let err = import_as(FormatKind::W3c, &files(&[("a.jsonld", W3C_EXAMPLE)])).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the annotations do not include the text they annotate; choose the article's .txt file together with them"
    );
}

#[test]
fn conll_worked_example() {
    let got = import_ok(FormatKind::Conll, &[("m.conll", CONLL_EXAMPLE)]);
    assert_eq!(
        got.doc.text().as_str(),
        "Merkel said : \" We will manage . \" Critics disagreed ."
    );
    assert_eq!(
        spans(&got.doc),
        [
            ("PERSON".to_string(), 0, 6, "Merkel".to_string()),
            (
                "QUOTE".to_string(),
                14,
                34,
                "\" We will manage . \"".to_string()
            )
        ]
    );
    assert!(got.problems.is_empty() && got.notes.is_empty());
}

#[test]
fn exact_exports_of_the_worked_example() {
    let doc = docs::merkel();
    let one = |kind| {
        let out = export_as(kind, &doc, &ExportOptions::default());
        assert_eq!(out.files.len(), 1);
        (
            out.files[0].0.clone(),
            String::from_utf8(out.files[0].1.clone()).unwrap(),
            out.dropped,
        )
    };
    let (name, jsonl, dropped) = one(FormatKind::Jsonl);
    assert_eq!(name, "merkel.spans.jsonl");
    assert!(dropped.is_empty());
    let line: Value = serde_json::from_str(&jsonl).unwrap();
    assert_eq!(
        line,
        json!({"id": doc.id(), "text": TEXT, "meta": {"title": "Merkel"}, "spans": [
            {"start": 0, "end": 6, "label": "PERSON", "text": "Merkel"},
            {"start": 13, "end": 30, "label": "QUOTE", "text": "\"We will manage.\""},
            {"start": 14, "end": 28, "label": "CLAIM", "text": "We will manage"}]})
    );
    assert_eq!(jsonl.lines().count(), 1);
    let (_, doccano, _) = one(FormatKind::Doccano);
    let v: Value = serde_json::from_str(&doccano).unwrap();
    assert_eq!(
        v["label"],
        json!([[0, 6, "PERSON"], [13, 30, "QUOTE"], [14, 28, "CLAIM"]])
    );
    let (_, ls, _) = one(FormatKind::LabelStudio);
    let v: Value = serde_json::from_str(&ls).unwrap();
    assert_eq!(
        v[0]["annotations"][0]["result"][1],
        json!({"id": "a2", "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual",
               "value": {"start": 13, "end": 30, "text": "\"We will manage.\"", "labels": ["QUOTE"]}})
    );
    let (_, w3c, _) = one(FormatKind::W3c);
    let v: Value = serde_json::from_str(&w3c).unwrap();
    let source = format!("urn:article-annotator:{}", doc.id());
    assert_eq!(
        v["first"]["items"][1],
        json!({"id": format!("{source}#a2"), "type": "Annotation", "motivation": "tagging",
               "body": {"type": "TextualBody", "purpose": "tagging", "value": "QUOTE"},
               "target": {"source": source, "selector": [
                   {"type": "TextQuoteSelector", "exact": "\"We will manage.\"", "prefix": "Merkel said: ", "suffix": " Critics disagreed."},
                   {"type": "TextPositionSelector", "start": 13, "end": 30}]}})
    );
    assert_eq!(v["@included"][0]["value"], TEXT);
    let (_, conll, dropped) = one(FormatKind::Conll);
    assert_eq!(
        conll, CONLL_EXAMPLE,
        "formats.md's CoNLL example, byte for byte"
    );
    assert_eq!(
        dropped,
        [
            "1 of 3 annotations was left out of the CoNLL / IOB2 file: CLAIM “We will manage” (14–28): it overlaps QUOTE “\"We will manage.\"”, which was kept",
            "the text's spacing and line breaks are not kept: CoNLL / IOB2 holds tokens only, and an import joins them with single spaces",
            "the title “Merkel” is not kept: CoNLL / IOB2 has no place for it",
            "the label list (its order, colours and unused labels) is not kept: CoNLL / IOB2 stores only the labels that annotations use",
            "each token has one tag, so of overlapping annotations CoNLL keeps the longest (in tokens), then the earliest",
        ]
    );
}

#[test]
fn native_utf16_export_counts_code_units_and_imports_back() {
    let doc = docs::unicode();
    let out = export_as(
        FormatKind::Native,
        &doc,
        &ExportOptions {
            offset_unit: OffsetUnit::Utf16,
        },
    );
    let content = String::from_utf8(out.files[0].1.clone()).unwrap();
    let v: Value = serde_json::from_str(&content).unwrap();
    assert_eq!(v["offset_unit"], "utf16");
    let family = &v["documents"][0]["annotations"][1];
    assert_eq!(
        (family["start"].as_u64(), family["end"].as_u64()),
        (Some(8), Some(16)),
        "👨‍👩‍👧 is 8 UTF-16 units"
    );
    let utf16: Vec<u16> = doc.text().as_str().encode_utf16().collect();
    for a in v["documents"][0]["annotations"].as_array().unwrap() {
        let (s, e) = (
            a["start"].as_u64().unwrap() as usize,
            a["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            String::from_utf16(&utf16[s..e]).unwrap(),
            a["text"].as_str().unwrap(),
            "JavaScript's text.slice(start, end)"
        );
    }
    let back = import_as(FormatKind::Native, &[("x.json".into(), content)]).unwrap();
    assert!(back.problems.is_empty() && back.repair.is_none());
    assert_eq!(back.doc, doc);
}

/// Export then import: everything the format keeps comes back, for every fixture document.
#[test]
fn fixture_round_trips() {
    for (name, doc) in docs::all() {
        for kind in FormatKind::ALL {
            let out = export_as(kind, &doc, &ExportOptions::default());
            let mut pairs: Vec<(String, String)> = out
                .files
                .iter()
                .map(|(n, b)| (n.clone(), String::from_utf8_lossy(b).into_owned()))
                .collect();
            if kind == FormatKind::Brat {
                pairs = unzip(&out.files[0].1);
            }
            let back = import_as(kind, &pairs).unwrap_or_else(|e| panic!("{name} {kind:?}: {e}"));
            assert!(
                back.problems.is_empty(),
                "{name} {kind:?}: {:?}",
                back.problems
            );
            assert!(
                back.repair.is_none(),
                "{name} {kind:?}: own export offered a repair"
            );
            if kind == FormatKind::Conll {
                continue; // tokens only; tests/format_props.rs checks its loss exactly
            }
            assert_eq!(
                back.doc.text().as_str(),
                doc.text().as_str(),
                "{name} {kind:?}"
            );
            assert_eq!(spans(&back.doc), spans(&doc), "{name} {kind:?}");
            assert_eq!(
                back.doc.title() == doc.title(),
                !out.lost.title,
                "{name} {kind:?}: title"
            );
            assert_eq!(
                back.doc.labels() == doc.labels(),
                !out.lost.labels,
                "{name} {kind:?}: labels"
            );
            if kind == FormatKind::Native {
                assert_eq!(back.doc, doc);
            }
        }
    }
}

/// Reads back a ZIP written by the exporter (the Python suite checks it with `zipfile`).
fn unzip(z: &[u8]) -> Vec<(String, String)> {
    article_annotator::format::zip::read(z, usize::MAX)
        .unwrap()
        .into_iter()
        .map(|(name, data)| (name, String::from_utf8(data).unwrap()))
        .collect()
}

#[track_caller]
fn check_detect(name: &str, content: &str, want: Option<FormatKind>) {
    assert_eq!(
        detect(name, content),
        want,
        "detect({name:?}, {:?}…)",
        &content.chars().take(40).collect::<String>()
    );
}

#[test]
fn detection() {
    let native = String::from_utf8(
        export_as(
            FormatKind::Native,
            &docs::merkel(),
            &ExportOptions::default(),
        )
        .files[0]
            .1
            .clone(),
    )
    .unwrap();
    check_detect("x.json", &native, Some(FormatKind::Native));
    check_detect("project.json", LS_EXAMPLE, Some(FormatKind::LabelStudio));
    check_detect(
        "x.json",
        &serde_json::from_str::<Value>(LS_EXAMPLE).unwrap()[0].to_string(),
        Some(FormatKind::LabelStudio),
    );
    check_detect("x.jsonl", DOCCANO_TUPLES, Some(FormatKind::Doccano));
    check_detect(
        "x.jsonl",
        &format!(
            "{}\n{}",
            DOCCANO_ENTITIES.replace('\n', " "),
            DOCCANO_TUPLES
        ),
        Some(FormatKind::Doccano),
    );
    check_detect("x.jsonl", PRODIGY, Some(FormatKind::Jsonl));
    check_detect(
        "x.jsonl",
        &format!("{PRODIGY}\n{PRODIGY}\n"),
        Some(FormatKind::Jsonl),
    );
    check_detect("x.jsonl", "{\"text\": \"plain\"}", Some(FormatKind::Jsonl));
    check_detect("anything", BRAT_ANN, Some(FormatKind::Brat));
    check_detect("x.ann", "", Some(FormatKind::Brat));
    check_detect("a.jsonld", W3C_EXAMPLE, Some(FormatKind::W3c));
    check_detect("a.json", &format!("[{W3C_EXAMPLE}]"), Some(FormatKind::W3c));
    check_detect("m.conll", CONLL_EXAMPLE, Some(FormatKind::Conll));
    check_detect("m.txt", "Merkel B-PER\nsaid O\n", Some(FormatKind::Conll));
    check_detect("article.txt", TEXT, None);
    check_detect("x.json", "[1, 2]", None);
    check_detect("x.json", "{\"format\": \"other\"}", None);
    check_detect("x.json", "{not json", None);
}

#[track_caller]
fn check_fatal(kind: FormatKind, pairs: &[(&str, &str)], want: &str) {
    let err = import_as(kind, &files(pairs)).expect_err("the file must be refused");
    assert_eq!(err.to_string(), want);
}

#[test]
fn file_level_faults_are_named() {
    use FormatKind::*;
    check_fatal(
        Jsonl,
        &[("x", "\n{oops")],
        "line 2 of the file is not valid JSON (the error is at column 2)",
    );
    check_fatal(Jsonl, &[("x", "\n \n")], "the file contains no document");
    check_fatal(
        Jsonl,
        &[("x", "[1]")],
        "the file is not span JSON Lines: its first line is not a JSON object",
    );
    check_fatal(
        Jsonl,
        &[("x", "{\"spans\": []}")],
        "the file is not span JSON Lines: its first line has no \"text\"",
    );
    check_fatal(
        Jsonl,
        &[("x", "{\"text\": \"a\", \"spans\": 3}")],
        "the file is incomplete: \"spans\" is not a list",
    );
    check_fatal(
        Doccano,
        &[("x", "{\"text\": \"a\", \"label\": 5}")],
        "the file is incomplete: \"label\" is not a list",
    );
    check_fatal(
        LabelStudio,
        &[("x", "Merkel")],
        "the file is not valid JSON (the first error is at line 1, column 1)",
    );
    check_fatal(
        LabelStudio,
        &[("x", "\"Merkel\"")],
        "the file is not a Label Studio export: it is neither a task nor a list of tasks",
    );
    check_fatal(LabelStudio, &[("x", "[]")], "the file contains no document");
    check_fatal(
        LabelStudio,
        &[("x", "[{\"id\": 1}]")],
        "the file is not a Label Studio export: the task has no \"data\"",
    );
    check_fatal(
        Brat,
        &[("m.txt", TEXT)],
        "brat keeps annotations in a .ann file; choose the .ann file together with its .txt file",
    );
    check_fatal(
        Brat,
        &[
            ("m.ann", BRAT_ANN),
            ("other.txt", TEXT),
            ("third.txt", TEXT),
        ],
        "brat keeps the text in a .txt file beside the .ann file; choose m.txt together with m.ann",
    );
    check_fatal(W3c, &[("a.json", "{\"a\": 1}")], "the file is not W3C Web Annotation JSON-LD: it holds no Annotation, AnnotationPage or AnnotationCollection");
    // More labels than a set holds (255); ten, more than the digit keys, are fine.
    let tuples = |n: usize| -> String {
        let t: Vec<String> = (0..n)
            .map(|i| format!("[{i}, {}, \"L{i}\"]", i + 1))
            .collect();
        format!(
            "{{\"text\": \"{}\", \"label\": [{}]}}",
            "é".repeat(n + 1),
            t.join(",")
        )
    };
    let names: Vec<String> = (0..256).map(|i| format!("“L{i}”")).collect();
    check_fatal(
        Doccano,
        &[("x", &tuples(256))],
        &format!(
            "the file uses 256 different labels ({}); Article Annotator supports at most 255",
            names.join(", ")
        ),
    );
    let ten = import_ok(Doccano, &[("x", &tuples(10))]);
    assert_eq!(ten.doc.labels().len(), 10);
    assert_eq!(ten.doc.spans().len(), 10);
    assert!(import_as(Native, &[]).is_err());
}

/// One annotation-level problem per row: the format, its file(s), the one message expected.
#[track_caller]
fn check_problem(kind: FormatKind, pairs: &[(&str, &str)], want: &str) {
    let got = import_as(kind, &files(pairs)).unwrap_or_else(|e| panic!("{kind:?}: {e}"));
    assert_eq!(messages(&got.problems), [want], "{kind:?}");
}

#[test]
fn each_problem_is_named_in_plain_words() {
    use FormatKind::*;
    let emoji = "😀 Obama visited Paris.";
    let jsonl = |spans: &str| format!("{{\"text\": \"{emoji}\", \"spans\": [{spans}]}}");
    check_problem(
        Jsonl,
        &[("x", &jsonl(r#"{"start": "2", "end": 7, "label": "P"}"#))],
        "annotation number 1: its start is not a whole number",
    );
    check_problem(
        Jsonl,
        &[("x", &jsonl(r#"{"start": 2, "end": 7}"#))],
        "annotation number 1: it has no label",
    );
    check_problem(
        Jsonl,
        &[("x", &jsonl(r#"{"start": 2, "end": 99, "label": "P"}"#))],
        "annotation number 1: offsets 2–99 reach past the end of the text, which has 22 characters",
    );
    check_problem(
        Jsonl,
        &[("x", &jsonl(r#"{"start": 7, "end": 2, "label": "P"}"#))],
        "annotation number 1: its start (7) comes after its end (2)",
    );
    check_problem(
        Jsonl,
        &[("x", &jsonl(r#"{"start": 2, "end": 2, "label": "P"}"#))],
        "annotation number 1: it starts and ends at 2, so it covers no text",
    );
    check_problem(
        Jsonl,
        &[(
            "x",
            &jsonl(r#"{"start": 2, "end": 7, "label": "P"}, {"start": 2, "end": 7, "label": "P"}"#),
        )],
        "annotation number 2: same label and offsets as annotation number 1",
    );
    check_problem(
        Jsonl,
        &[(
            "x",
            &format!("{}\n{}\n\n{}", jsonl(""), jsonl(""), jsonl("")),
        )],
        "the file holds 2 more documents after the first; only the first is opened",
    );
    check_problem(
        Doccano,
        &[(
            "x",
            &format!("{{\"text\": \"{emoji}\", \"label\": [[2, \"x\"]]}}"),
        )],
        "annotation number 1: it is not a [start, end, \"label\"] list",
    );
    check_problem(
        LabelStudio,
        &[(
            "x",
            &format!(
                r#"[{{"data": {{"text": "{emoji}"}}, "annotations": [{{"result": [{{"id": "r9", "type": "labels"}}]}}]}}]"#
            ),
        )],
        "annotation “r9”: it has no \"value\"",
    );
    check_problem(
        LabelStudio,
        &[(
            "x",
            &format!(
                r#"[{{"data": {{"text": "{emoji}"}}, "annotations": [{{"result": [{{"id": "r9", "type": "labels", "value": {{"start": 2, "end": 7, "labels": []}}}}]}}]}}]"#
            ),
        )],
        "annotation “r9”: it has no label",
    );
    check_problem(
        Brat,
        &[("m.ann", "X1\tfoo\n"), ("m.txt", emoji)],
        "line 1: it is not a brat annotation line",
    );
    check_problem(
        Brat,
        &[("m.ann", "T1\tP 2 x\tObama\n"), ("m.txt", emoji)],
        "line 1: “2 x” is not a start and an end offset",
    );
    check_problem(
        Brat,
        &[("m.ann", "T1\tP\tObama\n"), ("m.txt", emoji)],
        "line 1: a text-bound annotation needs a type followed by its offsets",
    );
    check_problem(
        Brat,
        &[("m.ann", "T1\tP 2 7\tOsama\n"), ("m.txt", emoji)],
        "annotation “T1”: the file says it covers “Osama” but the text at its offsets is “Obama”",
    );
    let w3c = |target: &str, body: &str| {
        format!(r#"{{"type": "Annotation", "id": "x", "body": {body}, "target": {target}}}"#)
    };
    let tag = r#"{"type": "TextualBody", "purpose": "tagging", "value": "P"}"#;
    let quote = |exact: &str| {
        format!(
            r#"{{"source": "s", "selector": {{"type": "TextQuoteSelector", "exact": "{exact}"}}}}"#
        )
    };
    check_problem(
        W3c,
        &[
            (
                "a.json",
                &w3c(
                    &quote("Obama"),
                    r#"{"type": "TextualBody", "purpose": "commenting", "value": "c"}"#,
                ),
            ),
            ("t.txt", emoji),
        ],
        "annotation “x”: it has no tagging body to take the label from",
    );
    check_problem(
        W3c,
        &[("a.json", &w3c(&quote("Osama"), tag)), ("t.txt", emoji)],
        "annotation “x”: the quoted text “Osama” does not occur in the text",
    );
    check_problem(
        W3c,
        &[("a.json", &w3c(&quote("a"), tag)), ("t.txt", emoji)],
        "annotation “x”: the quoted text “a” occurs more than once and the file does not say which",
    );
    check_problem(
        W3c,
        &[("a.json", &w3c("\"s\"", tag)), ("t.txt", emoji)],
        "annotation “x”: its target has no TextPositionSelector or TextQuoteSelector",
    );
    check_problem(
        Conll,
        &[("x", "Merkel B-P\nsaid\n")],
        "line 2: the token “said” has no tag; read as O",
    );
    check_problem(
        Conll,
        &[("x", "Merkel X-P\n")],
        "line 1: “X-P” is not an IOB tag; read as O",
    );
    let native = format!(
        r#"{{"format": "article-annotator", "version": 1, "offset_unit": "utf16", "documents": [{{"text": "{emoji}", "annotations": [{{"id": "x", "label": "Entity", "start": 1, "end": 8}}]}}]}}"#
    );
    check_problem(
        Native,
        &[("x", &native)],
        "annotation “x”: UTF-16 offset 1 falls inside a character",
    );
}

#[test]
fn w3c_quote_selector_alone_finds_a_unique_match() {
    let ann = r#"[{"type": "Annotation", "id": "q", "body": {"type": "TextualBody", "purpose": "tagging", "value": "P"},
        "target": {"source": "s", "selector": {"type": "TextQuoteSelector", "exact": "Obama", "prefix": "😀 "}}}]"#;
    let got = import_ok(
        FormatKind::W3c,
        &[
            ("a.json", ann),
            ("t.txt", "😀 Obama visited Paris. Obama left."),
        ],
    );
    assert_eq!(
        spans(&got.doc),
        [("P".to_string(), 2, 7, "Obama".to_string())]
    );
}

/// A file whose offsets are in another unit: the import says so and offers the conversion.
#[track_caller]
fn check_repair(
    kind: FormatKind,
    pairs: &[(&str, &str)],
    found: Reading,
    fixed: usize,
    want: &[(&str, &str)],
    message: &str,
) {
    let got = import_as(kind, &files(pairs)).unwrap_or_else(|e| panic!("{kind:?}: {e}"));
    let repair = got
        .repair
        .as_ref()
        .unwrap_or_else(|| panic!("{kind:?}: no repair offered; problems {:?}", got.problems));
    assert_eq!(repair.unit_found, found, "{kind:?}");
    assert_eq!(repair.spans_fixed, fixed, "{kind:?}");
    assert_eq!(repair.to_string(), message, "{kind:?}");
    let fixed_doc = &repair.imported_if_applied.doc;
    let got_spans: Vec<(String, String)> = fixed_doc
        .spans()
        .iter()
        .map(|s| {
            (
                fixed_doc.labels().name(s.label()).to_string(),
                fixed_doc.covered(s).to_string(),
            )
        })
        .collect();
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(l, t)| (l.to_string(), t.to_string()))
        .collect();
    assert_eq!(got_spans, want, "{kind:?}: spans after the conversion");
    assert!(repair.imported_if_applied.repair.is_none());
}

#[test]
fn offset_repair() {
    use FormatKind::*;
    // Label Studio before its code point fix: UTF-16 offsets, checked against value.text.
    let ls = r#"[{"data": {"text": "😀 Obama visited 👨‍👩‍👧 Paris."}, "annotations": [{"result": [
        {"id": "r1", "type": "labels", "value": {"start": 3, "end": 8, "text": "Obama", "labels": ["PER"]}},
        {"id": "r2", "type": "labels", "value": {"start": 26, "end": 31, "text": "Paris", "labels": ["LOC"]}}]}]}]"#;
    check_repair(
        LabelStudio,
        &[("ls.json", ls)],
        Reading::UTF16,
        2,
        &[("PER", "Obama"), ("LOC", "Paris")],
        "2 annotations do not match the text as the file's offsets stand, but all of them do when the offsets are read as UTF-16 code units (as JavaScript and doccano's browser count them)",
    );
    // doccano's browser: UTF-16 offsets, no span text to check; the spans cut words as code points.
    let text = "👨‍👩‍👧 Obama met 😀 Merkel in Zürich.";
    let dc = format!(
        r#"{{"text": "{text}", "label": [[9, 14, "PER"], [22, 28, "PER"], [32, 38, "LOC"]]}}"#
    );
    check_repair(
        Doccano,
        &[("d.jsonl", &dc)],
        Reading::UTF16,
        3,
        &[("PER", "Obama"), ("PER", "Merkel"), ("LOC", "Zürich")],
        "3 annotations do not match the text as the file's offsets stand, but all of them do when the offsets are read as UTF-16 code units (as JavaScript and doccano's browser count them)",
    );
    // A byte-counting tool.
    let jl = r#"{"text": "Café Müller said so.", "spans": [{"start": 6, "end": 13, "label": "PER", "text": "Müller"}]}"#;
    check_repair(
        Jsonl,
        &[("x.jsonl", jl)],
        Reading::new(OffsetUnit::Utf8Byte),
        1,
        &[("PER", "Müller")],
        "1 annotation does not match the text as the file's offsets stand, but it does when the offsets are read as UTF-8 bytes",
    );
    // brat offsets counted on the text with LF line breaks, the .txt written with CRLF.
    let crlf = "Line one\r\nMerkel spoke.\r\nObama too.";
    check_repair(
        Brat,
        &[("m.ann", "T1\tPER 9 15\tMerkel\nT2\tPER 23 28\tObama\n"), ("m.txt", crlf)],
        Reading { unit: OffsetUnit::CodePoint, newlines: Newlines::CrlfAsOne },
        2,
        &[("PER", "Merkel"), ("PER", "Obama")],
        "2 annotations do not match the text as the file's offsets stand, but all of them do when the offsets are read as Unicode code points (characters, as Python counts them), with each Windows line break (CRLF) counted as one",
    );
    // Recogito writes UTF-16 positions next to the quote.
    let w3c = r#"{"type": "Annotation", "id": "r", "body": {"type": "TextualBody", "purpose": "tagging", "value": "PER"},
        "target": {"source": "s", "selector": [{"type": "TextQuoteSelector", "exact": "Obama"}, {"type": "TextPositionSelector", "start": 3, "end": 8}]}}"#;
    check_repair(
        W3c,
        &[("r.json", w3c), ("t.txt", "😀 Obama visited Paris.")],
        Reading::UTF16,
        1,
        &[("PER", "Obama")],
        "1 annotation does not match the text as the file's offsets stand, but it does when the offsets are read as UTF-16 code units (as JavaScript and doccano's browser count them)",
    );
}

#[test]
fn a_span_that_fits_nowhere_is_listed_not_moved() {
    let ls = r#"[{"data": {"text": "😀 Obama visited Paris. Obama left."}, "annotations": [{"result": [
        {"id": "r1", "type": "labels", "value": {"start": 3, "end": 8, "text": "Obama", "labels": ["PER"]}},
        {"id": "r2", "type": "labels", "value": {"start": 0, "end": 4, "text": "Biden", "labels": ["PER"]}}]}]}]"#;
    let got = import_ok(FormatKind::LabelStudio, &[("ls.json", ls)]);
    let repair = got.repair.as_ref().expect("the UTF-16 reading fits r1");
    assert_eq!((repair.spans_fixed, repair.spans_wrong), (1, 2));
    assert_eq!(
        repair.to_string(),
        "2 annotations do not match the text as the file's offsets stand, but 1 of them does when the offsets are read as UTF-16 code units (as JavaScript and doccano's browser count them)"
    );
    assert_eq!(messages(&repair.imported_if_applied.problems), ["annotation “r2”: the file says it covers “Biden” but the text at its offsets is “😀 O”"]);
    assert_eq!(got.problems.len(), 2, "as stated, both are listed");
    assert!(
        got.doc.spans().is_empty(),
        "nothing is re-anchored to another “Obama”"
    );
}

#[test]
fn clean_files_offer_no_repair() {
    let got = import_ok(
        FormatKind::Doccano,
        &[(
            "d.jsonl",
            r#"{"text": "😀 Obama met Merkel.", "label": [[2, 7, "PER"], [12, 18, "PER"]]}"#,
        )],
    );
    assert!(got.repair.is_none());
    assert_eq!(
        spans(&got.doc)
            .iter()
            .map(|s| s.3.as_str())
            .collect::<Vec<_>>(),
        ["Obama", "Merkel"]
    );
}

#[test]
fn brat_discontinuous_spans_on_unicode_text() {
    let text = "👨‍👩‍👧 Obama met 😀 Merkel.";
    let ann = "T1\tPER 6 11;18 24\tObama Merkel\n";
    let got = import_ok(FormatKind::Brat, &[("u.ann", ann), ("u.txt", text)]);
    assert!(got.problems.is_empty(), "{:?}", got.problems);
    let covered: Vec<String> = spans(&got.doc).into_iter().map(|s| s.3).collect();
    assert_eq!(covered, ["Obama", "Merkel"]);
    let ids: Vec<&str> = got.doc.spans().iter().map(|s| s.id().as_str()).collect();
    assert_eq!(ids, ["T1", "T1-2"]);
}

#[test]
fn label_studio_multi_label_result_becomes_one_span_per_label() {
    let ls = r#"[{"data": {"text": "Merkel said."}, "annotations": [{"result": [
        {"id": "r1", "type": "labels", "value": {"start": 0, "end": 6, "text": "Merkel", "labels": ["PER", "SPEAKER"]}}]}]}]"#;
    let got = import_ok(FormatKind::LabelStudio, &[("ls.json", ls)]);
    let ids: Vec<(String, String)> = got
        .doc
        .spans()
        .iter()
        .map(|s| {
            (
                s.id().to_string(),
                got.doc.labels().name(s.label()).to_string(),
            )
        })
        .collect();
    assert_eq!(
        ids,
        [
            ("r1".to_string(), "PER".to_string()),
            ("r1-2".to_string(), "SPEAKER".to_string())
        ]
    );
}

#[test]
fn formats_name_their_files() {
    let names: Vec<String> = FormatKind::ALL
        .iter()
        .map(|k| k.file_name("Azerbaijani rally, Dec 6"))
        .collect();
    assert_eq!(
        names,
        [
            "azerbaijani-rally-dec-6.annotations.json",
            "azerbaijani-rally-dec-6.spans.jsonl",
            "azerbaijani-rally-dec-6.doccano.jsonl",
            "azerbaijani-rally-dec-6.label-studio.json",
            "azerbaijani-rally-dec-6.brat.zip",
            "azerbaijani-rally-dec-6.w3c.jsonld",
            "azerbaijani-rally-dec-6.iob2.conll",
        ]
    );
}
