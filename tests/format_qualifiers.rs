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
