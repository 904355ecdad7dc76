//! Batches of mixed files: what becomes a document, what is listed as a fault (file and
//! line), duplicates, id clashes, archives (ours, and one deflated by Python's `zipfile`),
//! and the limits.

use super::*;
use crate::format::multi::{export_all, AllOptions, Entry};
use crate::format::{zip, OffsetUnit};

fn file(name: &str, content: &str) -> (String, Vec<u8>) {
    (name.to_string(), content.as_bytes().to_vec())
}

fn read(files: &[(String, Vec<u8>)], existing: &[DocSummary]) -> Result<Batch, BatchError> {
    let labels = LabelSet::standard();
    let opts = BatchOptions {
        kind: None,
        text_column: None,
        labels: &labels,
        existing,
        limits: Limits::APP,
    };
    read_batch(files, &opts)
}

/// `file[:line] id “title” spans` of each document (`text-id` for the id derived from the
/// text), and each fault as displayed.
fn show(b: &Batch) -> (Vec<String>, Vec<String>) {
    let docs = b
        .documents
        .iter()
        .map(|d| {
            let line = d.line.map(|l| format!(":{l}")).unwrap_or_default();
            let derived = crate::model::document::document_id(d.doc().text().as_str());
            let id = if d.doc().id() == derived {
                "text-id"
            } else {
                d.doc().id()
            };
            format!(
                "{}{line} {id} “{}” {}",
                d.file,
                d.doc().title(),
                d.doc().spans().len()
            )
        })
        .collect();
    let faults = b.faults.iter().map(ToString::to_string).collect();
    (docs, faults)
}

#[track_caller]
fn check(files: &[(String, Vec<u8>)], docs: &[&str], faults: &[&str]) -> Batch {
    let b = read(files, &[]).unwrap();
    let want = (
        docs.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
        faults.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
    );
    assert_eq!(show(&b), want);
    b
}

#[test]
fn mixed_files_become_documents_and_bad_lines_are_listed() {
    let b = check(
        &[
            file("Київ сьогодні.txt", "\u{feff}Ана́ліз: 習近平 said “we agree”\r\n"),
            file(
                "rows.csv",
                "id,title,text,source\nr1,Erste,Merkel sagt,dpa\nr2,Leer,,x\nr3,,القاهرة today,\n",
            ),
            file(
                "texts.jsonl",
                "{\"id\": \"j1\", \"text\": \"Merkel said\", \"spans\": [{\"start\": 0, \"end\": 6, \"label\": \"PER\"}]}\n{oops\n",
            ),
            file("notes.md", "# nothing a format knows"),
            ("latin1.txt".to_string(), vec![0x43, 0x61, 0x66, 0xe9]),
        ],
        &[
            "Київ сьогодні.txt text-id “Київ сьогодні” 0",
            "rows.csv:2 r1 “Erste” 0",
            "rows.csv:4 r3 “القاهرة today” 0",
            "texts.jsonl:1 j1 “Merkel said” 1",
        ],
        &[
            "rows.csv, line 3: the text column “text” is empty",
            "texts.jsonl, line 2: it is not valid JSON (the error is at column 2)",
            "notes.md: its format could not be recognised; choose the format and try again",
            "latin1.txt: the file is not UTF-8 text",
        ],
    );
    assert_eq!(
        b.documents[0].doc().text().as_str(),
        "Ана́ліз: 習近平 said “we agree”\r\n",
        "the byte order mark goes, CRLF stays"
    );
    let meta: Vec<(&str, &str)> = b.documents[1]
        .meta
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(meta, [("source", "dpa")]);
    assert_eq!((b.new_documents(), b.duplicates()), (4, 0));
}

#[test]
fn a_brat_zip_from_another_tool_and_one_of_ours() {
    let theirs = (
        "collection.zip".to_string(),
        include_bytes!("../../../tests/fixtures/brat-deflated.zip").to_vec(),
    );
    let b = check(
        &[theirs],
        &[
            "collection.zip/collection/shevchenko.ann shevchenko “Тарас Шевченко народився в Моринцях.” 2",
            "collection.zip/collection/sub/cairo.ann cairo “習近平 visited القاهرة 👩🏽‍💻 today.” 2",
        ],
        &[],
    );
    let labels: Vec<String> = b.documents[1]
        .doc()
        .labels()
        .iter()
        .map(|(_, l)| l.name.to_string())
        .collect();
    assert_eq!(
        labels,
        ["PER", "LOC"],
        "annotation.conf from the folder above"
    );

    // Our own export: a folder per split, read back into the same documents.
    let docs: Vec<Document> = b.documents.iter().map(|d| d.doc().clone()).collect();
    let meta = Meta::new();
    let entries: Vec<Entry> = docs.iter().map(|doc| Entry { doc, meta: &meta }).collect();
    let opts = |stem| AllOptions {
        offset_unit: OffsetUnit::CodePoint,
        stem,
        split: None,
    };
    let mut files = export_all(
        FormatKind::Brat,
        &entries[..1],
        docs[0].labels(),
        &opts("train"),
    )
    .files;
    files.extend(
        export_all(
            FormatKind::Brat,
            &entries[1..],
            docs[0].labels(),
            &opts("dev"),
        )
        .files,
    );
    let ours = ("dataset.zip".to_string(), zip::write(&files));
    let again = check(
        &[ours],
        &[
            "dataset.zip/train/shevchenko.ann shevchenko “Тарас Шевченко народився в Моринцях.” 2",
            "dataset.zip/dev/cairo.ann cairo “習近平 visited القاهرة 👩🏽‍💻 today.” 2",
        ],
        &[],
    );
    for (a, b) in again.documents.iter().zip(&b.documents) {
        assert_eq!(a.doc().spans(), b.doc().spans());
        assert_eq!(a.hash, b.hash);
    }
}

#[test]
fn archives_inside_archives_and_junk() {
    let inner = zip::write(&[("x.txt".to_string(), b"inner".to_vec())]);
    let outer = zip::write(&[
        ("inner.zip".to_string(), inner),
        ("a.txt".to_string(), "Шевченко".as_bytes().to_vec()),
        (".DS_Store".to_string(), vec![0, 1, 2]),
    ]);
    check(
        &[
            ("o.zip".to_string(), outer),
            file("damaged.zip", "PK\u{3}\u{4}nonsense"),
        ],
        &["o.zip/a.txt text-id “a” 0"],
        &[
            "o.zip/inner.zip: archives inside archives are not opened",
            "damaged.zip: the archive cannot be read (missing end of central directory)",
        ],
    );
}

#[test]
fn duplicates_are_flagged_and_clashing_ids_renamed() {
    let line =
        |id: u32, text: &str| format!("{{\"id\": {id}, \"text\": \"{text}\", \"label\": []}}\n");
    let first = line(1, "Ана́ліз") + &line(2, "習近平");
    let second = line(1, "القاهرة") + &line(2, "Ана́ліз");
    let existing = {
        let d = Document::new("old", "القاهرة", LabelSet::standard()).with_id("old-1");
        vec![DocSummary::of(&d, 0)]
    };
    let b = read(
        &[file("a.jsonl", &first), file("b.jsonl", &second)],
        &existing,
    )
    .unwrap();
    let got: Vec<(String, Option<String>, Option<Duplicate>)> = b
        .documents
        .iter()
        .map(|d| {
            (
                d.doc().id().to_string(),
                d.renamed_from.clone(),
                d.duplicate.clone(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("1".into(), None, None),
            ("2".into(), None, None),
            (
                "1-2".into(),
                Some("1".into()),
                Some(Duplicate::InCorpus { id: "old-1".into() })
            ),
            (
                "2-2".into(),
                Some("2".into()),
                Some(Duplicate::InBatch { index: 0 })
            ),
        ]
    );
    assert_eq!((b.new_documents(), b.duplicates()), (2, 2));
}

#[track_caller]
fn check_refused(files: &[(String, Vec<u8>)], existing: &[DocSummary], want: &str) {
    match read(files, existing) {
        Err(e) => assert_eq!(e.to_string(), want),
        Ok(b) => panic!("read {} documents, expected: {want}", b.documents.len()),
    }
}

#[test]
fn limits_refuse_before_anything_changes() {
    check_refused(&[], &[], "no file was chosen");
    let summary = DocSummary::of(&Document::new("t", "x", LabelSet::standard()), 0);
    let full = vec![summary; MAX_DOCUMENTS - 1];
    check_refused(
        &[file("two.jsonl", "{\"text\": \"a\"}\n{\"text\": \"b\"}\n")],
        &full,
        &format!(
            "the files hold 2 documents and the corpus has {}; a corpus holds at most {MAX_DOCUMENTS}, so nothing was imported",
            MAX_DOCUMENTS - 1
        ),
    );
    assert_eq!(
        read(&[file("one.txt", "a")], &full)
            .unwrap()
            .documents
            .len(),
        1,
        "up to the limit is fine"
    );
    check_refused(
        &[("big.txt".to_string(), vec![b'a'; MAX_BATCH_BYTES + 1])],
        &[],
        "the files come to 32.0 MB; up to 32.0 MB can be imported at once: import them in parts",
    );
    let long = "é".repeat(3_000_000);
    let b = read(&[file("long.txt", &long), file("short.txt", "ok")], &[]).unwrap();
    assert_eq!(
        show(&b).1,
        ["long.txt: the text is 6.0 MB; documents up to 5.0 MB can be imported"]
    );
    assert_eq!(b.documents.len(), 1);
}

#[test]
fn a_chosen_text_column_and_a_conll_txt() {
    let labels = LabelSet::standard();
    let opts = BatchOptions {
        kind: None,
        text_column: Some("body"),
        labels: &labels,
        existing: &[],
        limits: Limits::APP,
    };
    let b = read_batch(
        &[
            file("t.tsv", "body\tlang\nBonjour\tfr\n"),
            file("tags.txt", "Merkel B-PER\nsaid O\n"),
        ],
        &opts,
    )
    .unwrap();
    let (docs, faults) = show(&b);
    assert!(faults.is_empty(), "{faults:?}");
    assert_eq!(docs[0], "t.tsv:2 text-id “Bonjour” 0");
    assert_eq!(
        docs[1].split(' ').skip(2).collect::<Vec<_>>().join(" "),
        "“Merkel said” 1"
    );
}
