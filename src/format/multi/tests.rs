//! Many documents through every format: what comes back (texts, spans, ids, titles,
//! metadata), what the loss report names, and faults with their file and line.

use super::*;
use crate::format::{FormatKind, OffsetUnit};
use crate::model::{CharRange, Document, LabelId, LabelSet, Span, SpanId};

/// Three documents in many scripts: spans on the first two, none on the third.
fn corpus() -> Vec<(Document, Meta)> {
    let labels = LabelSet::from_names(&["Person", "Ort", "Zitat"]).unwrap();
    let span = |id: &str, l: u8, a: usize, b: usize| {
        Span::new(SpanId::new(id), LabelId(l), CharRange::new(a, b).unwrap()).unwrap()
    };
    let a = Document::new(
        "Ана́ліз дня",
        "Ана́ліз: 習近平 said “we agree” 👩🏽‍💻 in القاهرة\r\nCafé",
        labels.clone(),
    )
    .with_id("doc-a")
    .with_spans(vec![
        span("T1", 0, 9, 12),
        span("T2", 2, 18, 28),
        span("T3", 1, 37, 44),
    ])
    .unwrap();
    let b = Document::new("Merkel", "Merkel said: \"We will manage.\"", labels.clone())
        .with_id("doc b/2")
        .with_spans(vec![span("T1", 0, 0, 6), span("T2", 0, 1, 4)])
        .unwrap();
    let c = Document::new("Leer", "Nichts zu sehen.", labels).with_id("doc-c");
    let meta = |pairs: &[(&str, &str)]| -> Meta {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    vec![
        (
            a,
            meta(&[("source", "Укрінформ"), ("url", "https://ex.org/a?b=1")]),
        ),
        (b, meta(&[("date", "2015-08-31"), ("ext_id", "42")])),
        (c, Meta::new()),
    ]
}

fn export(kind: FormatKind, docs: &[(Document, Meta)]) -> ExportedAll {
    let entries: Vec<Entry> = docs.iter().map(|(doc, meta)| Entry { doc, meta }).collect();
    let opts = AllOptions {
        offset_unit: OffsetUnit::CodePoint,
        stem: "train",
        split: None,
    };
    export_all(kind, &entries, docs[0].0.labels(), &opts)
}

fn as_text(files: &[(String, Vec<u8>)]) -> Vec<(String, String)> {
    files
        .iter()
        .map(|(n, b)| (n.clone(), String::from_utf8(b.clone()).unwrap()))
        .collect()
}

/// `(id, title, text, spans as label:start-end, meta)` of each record.
type Shown = (String, String, String, Vec<String>, Meta);

fn show(doc: &Document, meta: &Meta) -> Shown {
    let spans = doc
        .spans()
        .iter()
        .map(|s| format!("{}:{}-{}", doc.labels().name(s.label()), s.start(), s.end()))
        .collect();
    (
        doc.id().to_string(),
        doc.title().to_string(),
        doc.text().as_str().to_string(),
        spans,
        meta.clone(),
    )
}

/// Exports the corpus as `kind`, reads it back, and compares with the corpus after the
/// format's stated losses: `ids`, `titles` and `meta` say what the format keeps.
#[track_caller]
fn check_round_trip(kind: FormatKind, ids: bool, titles: bool, meta: bool) {
    let docs = corpus();
    let out = export(kind, &docs);
    let back = import_all(kind, &as_text(&out.files));
    assert!(back.faults.is_empty(), "{kind:?}: {:?}", back.faults);
    assert_eq!(back.records.len(), docs.len(), "{kind:?}");
    for ((doc, m), r) in docs.iter().zip(&back.records) {
        let got = show(&r.imported.doc, &r.meta);
        let mut want = show(doc, m);
        if !ids {
            want.0 = got.0.clone();
        }
        if !titles {
            want.1 = got.1.clone();
        }
        if !meta {
            want.4 = Meta::new();
        }
        assert_eq!(got, want, "{kind:?}");
        assert!(
            r.imported.problems.is_empty(),
            "{kind:?}: {:?}",
            r.imported.problems
        );
    }
}

#[test]
fn every_format_carries_many_documents() {
    check_round_trip(FormatKind::Native, true, true, true);
    check_round_trip(FormatKind::Jsonl, true, true, true);
    check_round_trip(FormatKind::Doccano, true, true, true);
    check_round_trip(FormatKind::LabelStudio, true, true, true);
    check_round_trip(FormatKind::W3c, true, true, false);
}

#[test]
fn brat_keeps_ids_as_file_names() {
    let docs = corpus();
    let out = export(FormatKind::Brat, &docs);
    let names: Vec<&str> = out.files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "train/annotation.conf",
            "train/visual.conf",
            "train/doc-a.txt",
            "train/doc-a.ann",
            "train/doc_b_2.txt",
            "train/doc_b_2.ann",
            "train/doc-c.txt",
            "train/doc-c.ann"
        ]
    );
    let back = import_all(FormatKind::Brat, &as_text(&out.files));
    assert!(back.faults.is_empty(), "{:?}", back.faults);
    let got: Vec<(String, Vec<String>)> = back
        .records
        .iter()
        .map(|r| {
            let s = show(&r.imported.doc, &r.meta);
            (s.0, s.3)
        })
        .collect();
    let want: Vec<(String, Vec<String>)> = docs
        .iter()
        .map(|(d, m)| {
            let s = show(d, m);
            (file_stem_of(&s.0), s.3)
        })
        .collect();
    assert_eq!(got, want);
    assert!(out.notes.iter().any(|n| n
        == "the metadata of 2 documents (source, url, date, ids) is not kept: brat standoff has no place for it"));
    assert!(out
        .notes
        .iter()
        .any(|n| n == "the ids of 1 document are written as file names with unsafe characters replaced by “_”"));
}

fn file_stem_of(id: &str) -> String {
    super::write::file_stem(id)
}

#[test]
fn conll_names_the_documents_it_dropped_spans_from() {
    let docs = corpus();
    let out = export(FormatKind::Conll, &docs);
    let back = import_all(FormatKind::Conll, &as_text(&out.files));
    assert!(back.faults.is_empty());
    assert_eq!(back.records.len(), 3);
    assert_eq!(back.records[1].line, Some(18));
    assert_eq!(
        out.lost
            .iter()
            .map(|(id, _)| id.as_str())
            .collect::<Vec<_>>(),
        ["doc-a", "doc b/2", "doc-c"]
    );
    let named: Vec<&String> = out
        .notes
        .iter()
        .filter(|n| n.starts_with("document “"))
        .collect();
    assert_eq!(named.len(), 1, "{:?}", out.notes);
    assert!(named[0].starts_with(
        "document “Merkel” (doc b/2): 1 of 2 annotations was left out of the CoNLL / IOB2 file: Person “erk” (1–4)"
    ));
    assert!(out
        .notes
        .contains(&"document ids are not kept: CoNLL / IOB2 has no place for them".to_string()));
}

#[track_caller]
fn check_faults(kind: FormatKind, files: &[(&str, &str)], records: usize, want: &[&str]) {
    let files: Vec<(String, String)> = files
        .iter()
        .map(|(n, c)| (n.to_string(), c.to_string()))
        .collect();
    let got = import_all(kind, &files);
    let faults: Vec<String> = got.faults.iter().map(ToString::to_string).collect();
    assert_eq!(faults, want, "{kind:?}");
    assert_eq!(got.records.len(), records, "{kind:?}");
}

#[test]
fn bad_records_are_named_by_file_and_line_and_the_rest_kept() {
    check_faults(
        FormatKind::Jsonl,
        &[(
            "texts.jsonl",
            "\u{feff}{\"text\": \"Ана́ліз\", \"meta\": {\"source\": \"x\", \"n\": 3}}\r\n\r\n{\"text\": 5}\n{not json\n[1]\n{\"text\": \"習近平\", \"label\": [[0, 2, \"PER\"]]}\n",
        )],
        2,
        &[
            "texts.jsonl, line 3: it has no \"text\" string",
            "texts.jsonl, line 4: it is not valid JSON (the error is at column 2)",
            "texts.jsonl, line 5: it is not a JSON object",
        ],
    );
    check_faults(
        FormatKind::LabelStudio,
        &[(
            "ls.json",
            "[{\"data\": {\"text\": \"a\"}}, {\"nodata\": 1}]",
        )],
        1,
        &["ls.json, document 2: the file is not a Label Studio export: the task has no \"data\""],
    );
    check_faults(
        FormatKind::Native,
        &[("n.json", "{\"format\": \"article-annotator\", \"version\": 1, \"documents\": [{\"text\": \"a\"}, {\"title\": \"no text\"}]}")],
        1,
        &["n.json, document 2: the file is incomplete: the document has no \"text\""],
    );
    check_faults(
        FormatKind::Native,
        &[("n.json", "{\"format\": 1,\n\"x\": }")],
        0,
        &["n.json, line 2: it is not valid JSON (the error is at column 6)"],
    );
    check_faults(
        FormatKind::Brat,
        &[("a/x.ann", "T1\tPER 0 1\tM\n"), ("a/x.txt", "M"), ("b/y.ann", "T1\tPER 0 1\tM\n")],
        1,
        &["b/y.ann: brat keeps the text in a .txt file beside the .ann file; choose y.txt together with y.ann"],
    );
}

#[test]
fn jsonl_metadata_and_doccano_extra_keys_are_read() {
    let files = vec![(
        "mixed.jsonl".to_string(),
        "{\"text\": \"Ана́ліз\", \"meta\": {\"source\": \"x\", \"n\": 3, \"title\": \"T\"}}\n{\"id\": 7, \"text\": \"習近平 said\", \"label\": [[0, 3, \"PER\"]], \"url\": \"https://x\", \"meta\": {\"lang\": \"zh\"}}\n".to_string(),
    )];
    let got = import_all(FormatKind::Jsonl, &files);
    let shown: Vec<Shown> = got
        .records
        .iter()
        .map(|r| show(&r.imported.doc, &r.meta))
        .collect();
    let meta = |pairs: &[(&str, &str)]| -> Meta {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    assert_eq!(shown[0].1, "T");
    assert_eq!(shown[0].4, meta(&[("n", "3"), ("source", "x")]));
    assert_eq!(shown[1].0, "7");
    assert_eq!(shown[1].3, ["PER:0-3"]);
    assert_eq!(shown[1].4, meta(&[("lang", "zh"), ("url", "https://x")]));
    assert_eq!(got.records[1].line, Some(2));
}

#[test]
fn conll_problems_count_lines_from_the_file_start() {
    let files = vec![(
        "x.conll".to_string(),
        "-DOCSTART- -X- O\n\nMerkel B-PER\n\n-DOCSTART- -X- O\n\nSaid O\nit\n".to_string(),
    )];
    let got = import_all(FormatKind::Conll, &files);
    assert_eq!(got.records.len(), 2);
    let problems: Vec<String> = got.records[1]
        .imported
        .problems
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(problems, ["line 8: the token “it” has no tag; read as O"]);
}
