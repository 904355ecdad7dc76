//! Attributes, notes and relations in every format (issue 12): each format carries what it
//! can, and its export report says what it cannot; import reads them back through the shared
//! pipeline, and reports (never guesses) a relation whose end or type is missing.
#![cfg(not(target_arch = "wasm32"))]

use article_annotator::format::{export_as, import_as, ExportOptions, FormatKind, Imported};
use article_annotator::model::Document;

#[path = "fixtures/qualified.rs"]
mod qualified;

use qualified::{links, seen};

/// The files of an export as `(name, text)`, brat's zip unpacked.
fn exported(
    kind: FormatKind,
    doc: &Document,
) -> (Vec<(String, String)>, article_annotator::format::Exported) {
    let out = export_as(kind, doc, &ExportOptions::default());
    let files = if kind == FormatKind::Brat {
        article_annotator::format::zip::read(&out.files[0].1, usize::MAX)
            .expect("our zip")
            .into_iter()
            .map(|(n, b)| (n, String::from_utf8(b).expect("utf-8")))
            .collect()
    } else {
        out.files
            .iter()
            .map(|(n, b)| (n.clone(), String::from_utf8(b.clone()).expect("utf-8")))
            .collect()
    };
    (files, out)
}

#[track_caller]
fn import(kind: FormatKind, files: &[(String, String)]) -> Imported {
    import_as(kind, files).unwrap_or_else(|e| panic!("{kind:?}: {e}"))
}

/// Export then import: what the format carries comes back as the user sees it, what it
/// drops is exactly what its report counts, and nothing is reported as a problem.
#[track_caller]
fn check_round_trip(
    kind: FormatKind,
    doc: &Document,
    attributes: usize,
    notes: usize,
    relations: usize,
) {
    let (files, out) = exported(kind, doc);
    let back = import(kind, &files);
    assert!(back.problems.is_empty(), "{kind:?}: {:?}", back.problems);
    assert_eq!(
        (out.lost.attributes, out.lost.notes, out.lost.relations),
        (attributes, notes, relations),
        "{kind:?}: {:?}",
        out.dropped
    );
    let count = |d: &Document| {
        (
            d.spans().iter().map(|s| s.attrs().len()).sum::<usize>(),
            d.spans().iter().filter(|s| s.note().is_some()).count(),
            d.relations().len(),
        )
    };
    let (a, n, r) = count(doc);
    assert_eq!(
        count(&back.doc),
        (a - attributes, n - notes, r - relations),
        "{kind:?}"
    );
    if (attributes, notes, relations) == (0, 0, 0) {
        assert_eq!(seen(&back.doc), seen(doc), "{kind:?}");
    }
    assert_eq!(links(&back.doc).len(), r - relations, "{kind:?}");
    if relations == 0 {
        assert_eq!(links(&back.doc), links(doc), "{kind:?}");
    }
    assert_eq!(
        back.doc.labels() == doc.labels(),
        !out.lost.labels,
        "{kind:?}: labels"
    );
    for (what, n) in [
        ("attribute value", attributes),
        ("note", notes),
        ("relation", relations),
    ] {
        assert_eq!(
            out.dropped
                .iter()
                .any(|d| d.contains(what) && d.contains("left out")),
            n > 0,
            "{kind:?}: {:?}",
            out.dropped
        );
    }
}

#[test]
fn every_format_carries_what_it_can() {
    for doc in [qualified::doc(), qualified::doc_with_custom_types()] {
        let r = doc.relations().len();
        check_round_trip(FormatKind::Native, &doc, 0, 0, 0);
        check_round_trip(FormatKind::Jsonl, &doc, 0, 0, 0);
        check_round_trip(FormatKind::LabelStudio, &doc, 0, 0, 0);
        check_round_trip(FormatKind::Brat, &doc, 2, 0, 0);
        check_round_trip(FormatKind::W3c, &doc, 0, 0, 0);
        check_round_trip(FormatKind::Doccano, &doc, 7, 2, 0);
        check_round_trip(FormatKind::Conll, &doc, 7, 2, r);
    }
}

#[test]
fn native_round_trip_is_exact() {
    for doc in [qualified::doc(), qualified::doc_with_custom_types()] {
        let (files, out) = exported(FormatKind::Native, &doc);
        assert!(out.lost.is_empty() && out.dropped.is_empty());
        let back = import(FormatKind::Native, &files);
        assert_eq!(back.doc, doc);
        assert!(back.is_clean(), "{:?}", back.problems);
    }
}

fn files(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(n, c)| (n.to_string(), c.to_string()))
        .collect()
}

/// The article of the problem cases: Cyrillic with an emoji sequence, Arabic, CJK after CRLF.
const T: &str = "Ильхам 👩🏽‍💻 said «نعم».\r\n習近平 agreed.";

/// A native file over [`T`]: spans a1 “Ильхам 👩🏽‍💻” (Entity), a2 “«نعم»” (Quote), a3
/// “習近平” (Entity), then `extra` document fields and `top` file fields.
fn native(top: &str, annotations_extra: &str, extra: &str) -> String {
    format!(
        r##"{{"format": "article-annotator", "version": 1, "labels": [{{"name": "Entity", "hotkey": "1", "color": "#1d4ed8", "attributes": [{{"name": "type", "kind": "choice", "values": ["person", "place"]}}]}}, {{"name": "Claim", "hotkey": "2", "color": "#047857"}}, {{"name": "Quote", "hotkey": "3", "color": "#b45309"}}]{top},
  "documents": [{{"id": "d", "title": "t", "text": {text},
    "annotations": [{{"id": "a1", "label": "Entity", "start": 0, "end": 11, "text": "Ильхам 👩🏽‍💻"}}, {{"id": "a2", "label": "Quote", "start": 17, "end": 22, "text": "«نعم»"}}, {{"id": "a3", "label": "Entity", "start": 25, "end": 28, "text": "習近平"{annotations_extra}}}]{extra}}}]}}"##,
        text = serde_json::to_string(T).unwrap()
    )
}

/// Importing `files` as `kind` keeps `spans` spans and `relations` relations and reports
/// exactly `want`.
#[track_caller]
fn check_problems(
    kind: FormatKind,
    files: &[(String, String)],
    spans: usize,
    relations: usize,
    want: &[&str],
) {
    let got = import(kind, files);
    let messages: Vec<String> = got.problems.iter().map(ToString::to_string).collect();
    assert_eq!(messages, want, "{kind:?}");
    assert_eq!(
        (got.doc.spans().len(), got.doc.relations().len()),
        (spans, relations),
        "{kind:?}: the rest of the file is kept"
    );
}

#[test]
fn misfits_are_reported_never_guessed() {
    use FormatKind::*;
    let n = |top: &str, ann: &str, extra: &str| files(&[("n.json", &native(top, ann, extra))]);
    let rel = |list: &str| format!(r#", "relations": [{list}]"#);
    check_problems(
        Native,
        &n(
            "",
            "",
            &rel(r#"{"id": "r1", "type": "said_by", "from": "a2", "to": "a1"}"#),
        ),
        3,
        1,
        &[],
    );
    check_problems(
        Native,
        &n(
            "",
            "",
            &rel(
                r#"{"id": "r1", "type": "said_by", "from": "a2", "to": "a9"}, {"id": "r2", "type": "said_by", "from": "a2", "to": "a3"}"#,
            ),
        ),
        3,
        1,
        &["relation “r1”: its end “a9” is not among the imported annotations"],
    );
    check_problems(
        Native,
        &n(
            r#", "relations": [{"name": "said_by", "pairs": [["Quote", "Entity"]]}]"#,
            "",
            &rel(r#"{"id": "r1", "type": "answers", "from": "a2", "to": "a1"}"#),
        ),
        3,
        0,
        &["relation “r1”: the type “answers” is not in the file's relation types"],
    );
    check_problems(
        Native,
        &n("", "", &rel(r#"{"id": "r1", "type": "said_by", "from": "a1", "to": "a2"}"#)),
        3,
        0,
        &["relation “r1”: the type “said_by” does not link a “Entity” annotation to a “Quote” annotation"],
    );
    check_problems(
        Native,
        &n("", "", &rel(r#"{"id": "r1", "type": "said_by", "from": "a2", "to": "a1"}, {"id": "r2", "type": "said_by", "from": "a2", "to": "a1"}, {"id": "r1", "type": "related_to", "from": "a1", "to": "a3"}, {"id": "r4", "type": "related_to", "from": "a3", "to": "a3"}, {"type": "x"}"#)),
        3,
        1,
        &[
            "relation “r2”: same type and ends as relation “r1”",
            "relation “r1”: another relation already has this id",
            "relation “r4”: it links an annotation to itself",
            "relation number 5: it needs a \"type\" and the ids of the annotations it links (\"from\", \"to\")",
        ],
    );
    check_problems(
        Native,
        &n("", r#", "attrs": {"type": "planet", "born": "1961"}, "note": "a 👩🏽‍💻 note""#, ""),
        3,
        0,
        &["annotation “a3”: “planet” is not a value its attribute “type” takes; the annotation was imported without it"],
    );
    // A span left out for a problem of its own takes its relations with it, reported.
    let out_of_text = native(
        "",
        "",
        &rel(r#"{"id": "r1", "type": "said_by", "from": "a2", "to": "a3"}"#),
    )
    .replace(r#""start": 25, "end": 28"#, r#""start": 25, "end": 290"#);
    check_problems(
        Native,
        &files(&[("n.json", &out_of_text)]),
        2,
        0,
        &[
            "annotation “a3”: offsets 25–290 reach past the end of the text, which has 36 characters",
            "relation “r1”: its end “a3” is not among the imported annotations",
        ],
    );
    let brat_txt = ("b.txt", T);
    check_problems(
        Brat,
        &files(&[brat_txt, ("b.ann", "T1\tEntity 0 11\tИльхам 👩🏽‍💻\nT2\tQuote 17 22\t«نعم»\nR1\tsaid_by Arg1:T2 Arg2:T9\nR2\tsaid_by Arg1:T2 Arg2:T1\nA1\tDirect T7\n")]),
        2,
        1,
        &[
            "annotation “A1”: it qualifies “T7”, which is not a text-bound annotation of the file",
            "relation “R1”: its end “T9” is not among the imported annotations",
        ],
    );
    check_problems(
        Brat,
        &files(&[brat_txt, ("b.ann", "T1\tEntity 0 11\tИльхам 👩🏽‍💻\nT2\tQuote 17 22\t«نعم»\nR1\tanswers Arg1:T2 Arg2:T1\nR2\tsaid_by Arg2:T1\nR3\tsaid_by Arg1:T2 Arg2:T1\n"), ("annotation.conf", "[entities]\nEntity\nQuote\n[relations]\nsaid_by\tArg1:Quote, Arg2:Entity\n")]),
        2,
        1,
        &[
            "relation “R1”: the type “answers” is not in the file's relation types",
            "relation “R2”: a relation line needs a type, Arg1 and Arg2",
        ],
    );
    check_problems(
        Doccano,
        &files(&[(
            "d.jsonl",
            &format!(
                r#"{{"text": {}, "entities": [{{"id": 1, "label": "Entity", "start_offset": 0, "end_offset": 11}}, {{"id": 2, "label": "Quote", "start_offset": 17, "end_offset": 22}}], "relations": [{{"id": 7, "from_id": 2, "to_id": 99, "type": "said_by"}}, {{"id": 8, "from_id": 2, "to_id": 1, "type": "said_by"}}]}}"#,
                serde_json::to_string(T).unwrap()
            ),
        )]),
        2,
        1,
        &["relation “7”: its end “99” is not among the imported annotations"],
    );
    check_problems(
        Jsonl,
        &files(&[(
            "p.jsonl",
            &format!(
                r#"{{"text": {}, "spans": [{{"start": 0, "end": 11, "label": "PERSON"}}, {{"start": 17, "end": 22, "label": "QUOTE"}}], "relations": [{{"head": 0, "child": 1, "label": "said_by", "head_span": {{"start": 17, "end": 22, "label": "QUOTE"}}, "child_span": {{"start": 0, "end": 10, "label": "PERSON"}}}}, {{"label": "said_by", "head_span": {{"start": 17, "end": 22, "label": "QUOTE"}}, "child_span": {{"start": 0, "end": 11, "label": "PERSON"}}}}]}}"#,
                serde_json::to_string(T).unwrap()
            ),
        )]),
        2,
        1,
        &["relation number 1: its end “PERSON” 0–10 is not among the imported annotations"],
    );
    check_problems(
        LabelStudio,
        &files(&[(
            "ls.json",
            &format!(
                r#"[{{"data": {{"text": {}}}, "annotations": [{{"result": [{{"id": "x1", "type": "labels", "from_name": "label", "to_name": "text", "value": {{"start": 0, "end": 11, "labels": ["PERSON"]}}}}, {{"from_id": "x1", "to_id": "gone", "type": "relation", "labels": ["mentions"]}}]}}]}}]"#,
                serde_json::to_string(T).unwrap()
            ),
        )]),
        1,
        0,
        &["relation number 1: its end “gone” is not among the imported annotations"],
    );
}

/// Many documents in one file: each keeps its relations, attributes and notes where the
/// format has a place for them (the label set is the union of the documents').
#[test]
fn collections_carry_them_document_by_document() {
    use article_annotator::format::multi::{export_all, AllOptions, Entry, Meta};
    use article_annotator::format::{import_all, OffsetUnit};
    let second = qualified::doc_with_custom_types().with_id("zweites-dokument");
    let docs = [qualified::doc(), second];
    let meta = Meta::new();
    let entries: Vec<Entry> = docs.iter().map(|doc| Entry { doc, meta: &meta }).collect();
    let opts = AllOptions {
        offset_unit: OffsetUnit::CodePoint,
        stem: "korpus",
        split: None,
    };
    // (format, relations kept, whether what the user sees of attributes and notes comes back)
    for (kind, relations, seen_back) in [
        (FormatKind::Native, true, true),
        (FormatKind::Jsonl, true, true),
        (FormatKind::LabelStudio, true, true),
        (FormatKind::W3c, true, true),
        (FormatKind::Doccano, true, false),
        (FormatKind::Brat, true, false),
        (FormatKind::Conll, false, false),
    ] {
        let out = export_all(kind, &entries, docs[0].labels(), &opts);
        let files: Vec<(String, String)> = out
            .files
            .iter()
            .map(|(n, b)| (n.clone(), String::from_utf8(b.clone()).unwrap()))
            .collect();
        let back = import_all(kind, &files);
        assert!(back.faults.is_empty(), "{kind:?}: {:?}", back.faults);
        assert_eq!(back.records.len(), 2, "{kind:?}");
        for (r, doc) in back.records.iter().zip(&docs) {
            let got = &r.imported;
            assert!(got.problems.is_empty(), "{kind:?}: {:?}", got.problems);
            if relations {
                assert_eq!(links(&got.doc), links(doc), "{kind:?}");
            } else {
                assert!(got.doc.relations().is_empty(), "{kind:?}");
            }
            if seen_back {
                assert_eq!(seen(&got.doc), seen(doc), "{kind:?}");
            }
        }
        if kind == FormatKind::Native {
            // The file's label set is the union of the documents' (`related_to` included).
            let got = &back.records[1].imported.doc;
            assert_eq!(
                got.spans(),
                docs[1].spans(),
                "native keeps every span as it was"
            );
            assert_eq!(
                got.relations(),
                docs[1].relations(),
                "and every relation, ids too"
            );
        }
    }
}

/// A dataset export's report counts what the format dropped, over all documents.
#[test]
fn collection_reports_count_what_is_left_out() {
    use article_annotator::format::multi::{export_all, AllOptions, Entry, Meta};
    use article_annotator::format::OffsetUnit;
    let docs = [qualified::doc(), qualified::doc().with_id("b")];
    let meta = Meta::new();
    let entries: Vec<Entry> = docs.iter().map(|doc| Entry { doc, meta: &meta }).collect();
    let opts = AllOptions {
        offset_unit: OffsetUnit::CodePoint,
        stem: "c",
        split: None,
    };
    let notes = |kind| export_all(kind, &entries, docs[0].labels(), &opts).notes;
    let doccano = notes(FormatKind::Doccano);
    assert!(
        doccano.contains(
            &"14 attribute values of 2 documents left out: doccano JSONL has no place for them"
                .to_string()
        ),
        "{doccano:?}"
    );
    assert!(
        doccano.contains(
            &"4 notes of 2 documents left out: doccano JSONL has no place for them".to_string()
        ),
        "{doccano:?}"
    );
    let conll = notes(FormatKind::Conll);
    assert!(
        conll.contains(
            &"6 relations of 2 documents left out: CoNLL / IOB2 has no place for them".to_string()
        ),
        "{conll:?}"
    );
    assert!(!notes(FormatKind::Native)
        .iter()
        .any(|n| n.contains("left out")));
}
