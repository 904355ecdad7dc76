//! Hostile files the importers must survive: detection on multi-byte first fields, offsets
//! past 32 bits, overflowing brat fragments, byte order marks, and spans that cut a grapheme
//! cluster. Each case once crashed or misread a file; each now imports or is refused in words.
#![cfg(not(target_arch = "wasm32"))]

use article_annotator::format::{
    brat, detect, export_as, import_as, ExportOptions, FormatKind, Problem,
};
use article_annotator::model::Document;

#[path = "fixtures/docs.rs"]
mod docs;
#[path = "fixtures/hostile.rs"]
mod hostile;

fn files(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(n, c)| (n.to_string(), c.to_string()))
        .collect()
}

#[track_caller]
fn check_detect(name: &str, content: &str, want: Option<FormatKind>) {
    assert_eq!(detect(name, content), want, "detect({name:?}, {content:?})");
}

#[test]
fn detection_reads_multi_byte_first_fields() {
    check_detect("m.txt", "Москва\tB-LOC\nв\tO\n", Some(FormatKind::Conll));
    check_detect("m.txt", "Zürich B-LOC\n", Some(FormatKind::Conll));
    check_detect(
        "m.txt",
        "😀\tO\n👨\u{200d}👩\u{200d}👧\tB-PER\n",
        Some(FormatKind::Conll),
    );
    check_detect("m.txt", "習近平\tB-PER\n說\tO\n", Some(FormatKind::Conll));
    check_detect(
        "m.txt",
        "قال\tO\r\nأردوغان\tB-PER\r\n",
        Some(FormatKind::Conll),
    );
    check_detect("m.txt", "e\u{301}\tX Y\n", None);
    check_detect("m.txt", "Ж1\tPERSON 0 6\tMerkel\n", None);
    check_detect("m.txt", "T\u{301}1\tPERSON 0 6\tMerkel\n", None);
    check_detect("m.txt", "T1\tPERSON 0 6\tMerkel\n", Some(FormatKind::Brat));
    check_detect("m.txt", "T١\tPERSON 0 6\tMerkel\n", None);
}

#[test]
fn a_conll_file_with_a_cyrillic_first_token_imports() {
    let imported = import_as(
        FormatKind::Conll,
        &files(&[("m.conll", "Москва\tB-LOC\nв\tO\n")]),
    )
    .expect("the file is CoNLL");
    assert_eq!(imported.doc.text().as_str(), "Москва в");
    assert_eq!(imported.doc.spans().len(), 1);
}

/// Every importer, one annotation at `start..end`: nothing imported, and `want` (with the
/// annotation's name put in for `{}`) the only problem.
#[track_caller]
fn check_every_format(start: &str, end: &str, want: &str) {
    for (kind, name, files) in hostile::one_span(start, end) {
        let imported = import_as(kind, &files)
            .unwrap_or_else(|e| panic!("{kind:?} refused the whole file: {e}"));
        let messages: Vec<String> = imported.problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [want.replace("{}", name)],
            "{kind:?}, {start}..{end}"
        );
        assert_eq!(imported.doc.spans().len(), 0, "{kind:?}, {start}..{end}");
    }
}

#[test]
fn offsets_past_32_bits_are_outside_the_text() {
    let past = "reach past the end of the text, which has 27 characters";
    check_every_format(
        "4294967301",
        "4294967306",
        &format!("annotation {{}}: offsets 4294967301–4294967306 {past}"),
    );
    check_every_format(
        "5",
        "4294967306",
        &format!("annotation {{}}: offsets 5–4294967306 {past}"),
    );
    check_every_format(
        "18446744073709551610",
        "18446744073709551615",
        &format!("annotation {{}}: offsets 18446744073709551610–18446744073709551615 {past}"),
    );
    check_every_format(
        "4294967306",
        "4294967301",
        "annotation {}: its start (4294967306) comes after its end (4294967301)",
    );
}

#[test]
fn offsets_past_32_bits_are_reported_with_their_numbers() {
    let (kind, _, files) = hostile::one_span("4294967301", "4294967306").remove(0);
    let imported = import_as(kind, &files).expect("a native file");
    assert_eq!(
        imported.problems,
        [Problem::OutsideText {
            annotation: "“x”".into(),
            start: 4_294_967_301,
            end: 4_294_967_306,
            len: 27,
        }]
    );
}

#[track_caller]
fn check_brat(ann: &str, text: &str, want_spans: &[(usize, usize)], want: &[&str]) {
    let imported = import_as(FormatKind::Brat, &files(&[("a.ann", ann), ("a.txt", text)]))
        .expect("a brat pair");
    let spans: Vec<(usize, usize)> = imported
        .doc
        .spans()
        .iter()
        .map(|s| (s.start(), s.end()))
        .collect();
    let messages: Vec<String> = imported.problems.iter().map(ToString::to_string).collect();
    assert_eq!(spans, want_spans, "spans of {ann:?}");
    assert_eq!(messages, want, "problems of {ann:?}");
}

#[test]
fn brat_fragment_lengths_that_overflow_are_reported() {
    check_brat(
        "T1\tP 0 18446744073709551614;0 1\tM e\n",
        "M e",
        &[(0, 1)],
        &["annotation “T1”: offsets 0–18446744073709551614 reach past the end of the text, which has 3 characters"],
    );
    check_brat(
        "T1\tP 18446744073709551615 0;0 18446744073709551615\tM e\n",
        "M e",
        &[],
        &[
            "annotation “T1”: its start (18446744073709551615) comes after its end (0)",
            "annotation “T1” (fragment 2): offsets 0–18446744073709551615 reach past the end of the text, which has 3 characters",
        ],
    );
    check_brat("T1\tP 0 1;2 3\tM e\n", "M e", &[(0, 1), (2, 3)], &[]);
    check_brat(
        "T1\tP 0 2;3 4\tZü q\n",
        "Züxr",
        &[(0, 2)],
        &["annotation “T1” (fragment 2): the file says it covers “q” but the text at its offsets is “r”"],
    );
}

/// A document's files as `kind` exports them, as text (brat as its `.ann`/`.txt` pair).
fn exported(kind: FormatKind, doc: &Document) -> Vec<(String, String)> {
    let files = match kind {
        FormatKind::Brat => brat::export(doc).0,
        _ => export_as(kind, doc, &ExportOptions::default()).files,
    };
    files
        .into_iter()
        .map(|(name, bytes)| (name, String::from_utf8(bytes).expect("UTF-8")))
        .collect()
}

/// `kind`'s export of `doc` with a byte order mark before every file that is not the
/// article's text (where a mark would be part of the text) is detected as `kind` and imports
/// as the export does without it.
#[track_caller]
fn check_bom(kind: FormatKind, doc: &Document) {
    let plain = exported(kind, doc);
    let marked: Vec<(String, String)> = plain
        .iter()
        .map(|(name, content)| match name.ends_with(".txt") {
            true => (name.clone(), content.clone()),
            false => (name.clone(), format!("\u{feff}{content}")),
        })
        .collect();
    let (name, content) = marked
        .iter()
        .find(|(name, _)| !name.ends_with(".txt"))
        .unwrap_or(&marked[0]);
    assert_eq!(
        detect(name, content),
        Some(kind),
        "detect {name} with a BOM"
    );
    let want = import_as(kind, &plain).expect("the export imports");
    let got = import_as(kind, &marked)
        .unwrap_or_else(|e| panic!("{kind:?} with a byte order mark was refused: {e}"));
    assert_eq!(
        got.doc.text().as_str(),
        want.doc.text().as_str(),
        "{kind:?} text"
    );
    assert_eq!(got.doc.spans(), want.doc.spans(), "{kind:?} spans");
    assert_eq!(got.problems, want.problems, "{kind:?} problems");
}

#[test]
fn a_byte_order_mark_before_any_format_is_read_past() {
    let doc = docs::unicode();
    for kind in FormatKind::ALL {
        check_bom(kind, &doc);
    }
    check_bom(FormatKind::Native, &docs::merkel());
    check_bom(FormatKind::Conll, &docs::rally());
}

#[test]
fn spans_across_a_grapheme_cluster_are_kept_and_listed() {
    use article_annotator::model::{CharRange, LabelId, LabelSet, Span, SpanId};
    let text = "Cafe\u{301} 👨\u{200d}👩\u{200d}👧 ok";
    let span = |id: &str, start, end| {
        Span::new(
            SpanId::new(id),
            LabelId(0),
            CharRange::new(start, end).expect("a range"),
        )
        .expect("a span")
    };
    let doc = Document::new("Cut", text, LabelSet::standard())
        .with_spans(vec![
            span("a1", 0, 4),
            span("a2", 5, 7),
            span("a3", 6, 11),
            span("a4", 12, 14),
        ])
        .expect("the spans fit");
    for kind in FormatKind::ALL.into_iter().filter(|k| k.keeps_every_span()) {
        let back = import_as(kind, &exported(kind, &doc)).expect("the export imports");
        let ranges = |d: &Document| -> Vec<(usize, usize)> {
            d.spans().iter().map(|s| (s.start(), s.end())).collect()
        };
        assert_eq!(ranges(&back.doc), ranges(&doc), "{kind:?} keeps every span");
        let cuts: Vec<usize> = back
            .problems
            .iter()
            .map(|p| match p {
                Problem::CutsCluster { at, .. } => *at,
                other => panic!("{kind:?}: unexpected {other}"),
            })
            .collect();
        assert_eq!(cuts, [4, 7], "{kind:?} lists the cuts");
        assert!(back.problems.iter().all(|p| !p.leaves_out()), "{kind:?}");
    }
    let back = import_as(FormatKind::Native, &exported(FormatKind::Native, &doc))
        .expect("the export imports");
    let messages: Vec<String> = back.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            "annotation “a1”: offset 4 splits a character from its accent or an emoji sequence; it was imported as the file has it, so check where it starts and ends",
            "annotation “a2”: offset 7 splits a character from its accent or an emoji sequence; it was imported as the file has it, so check where it starts and ends",
        ]
    );
}
