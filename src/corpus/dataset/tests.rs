//! Dataset exports: file names, every document in exactly one part, the split recorded where
//! the format has room, brat's zip, and empty parts.

use std::collections::BTreeMap;

use super::*;
use crate::corpus::split::Proportions;
use crate::format::multi::{import_all, Meta};
use crate::model::{CharRange, Document, LabelId, Span, SpanId};

/// `n` documents in several scripts; every third has a Quote, every fifth none at all.
fn corpus(n: usize) -> Vec<(Document, Meta)> {
    let labels = LabelSet::standard();
    (0..n)
        .map(|i| {
            let text = format!("Док {i}: 習近平 said “we agree” in القاهرة 👩🏽‍💻\r\nCafé {i}");
            let mut spans = Vec::new();
            if i % 5 != 0 {
                let r = CharRange::new(0, 3).unwrap();
                spans.push(Span::new(SpanId::new("a1"), LabelId(0), r).unwrap());
            }
            if i % 3 == 0 {
                let at = text.chars().position(|c| c == '“').unwrap();
                let r = CharRange::new(at, at + 10).unwrap();
                spans.push(Span::new(SpanId::new("a2"), LabelId(2), r).unwrap());
            }
            let doc = Document::new(&format!("Стаття {i}"), &text, labels.clone())
                .with_id(&format!("d{i:03}"))
                .with_spans(spans)
                .unwrap();
            let meta: Meta = [("source".to_string(), format!("src-{}", i % 4))].into();
            (doc, meta)
        })
        .collect()
}

fn entries(docs: &[(Document, Meta)]) -> Vec<Entry<'_>> {
    docs.iter().map(|(doc, meta)| Entry { doc, meta }).collect()
}

fn opts(split: Option<SplitSpec>, brat: BratPacking) -> DatasetOptions {
    DatasetOptions {
        split,
        brat,
        ..DatasetOptions::default()
    }
}

fn spec(seed: u64) -> SplitSpec {
    SplitSpec {
        proportions: Proportions([80, 10, 10]),
        seed,
        stratify: false,
    }
}

fn names(d: &Dataset) -> Vec<&str> {
    d.files.iter().map(|(n, _)| n.as_str()).collect()
}

fn text_files(d: &Dataset) -> Vec<(String, String)> {
    d.files
        .iter()
        .map(|(n, b)| (n.clone(), String::from_utf8(b.clone()).unwrap()))
        .collect()
}

#[test]
fn without_a_split_one_file_named_like_a_single_export() {
    let docs = corpus(4);
    let labels = LabelSet::standard();
    for (kind, want) in [
        (FormatKind::Jsonl, "corpus.spans.jsonl"),
        (FormatKind::Native, "corpus.annotations.json"),
        (FormatKind::Conll, "corpus.iob2.conll"),
        (FormatKind::Brat, "corpus.brat.zip"),
    ] {
        let d = export_dataset(
            kind,
            &entries(&docs),
            &labels,
            &opts(None, BratPacking::Zip),
        );
        assert_eq!(names(&d), [want], "{kind:?}");
        assert_eq!(d.counts(), [4, 0, 0]);
    }
}

#[test]
fn a_split_puts_every_document_in_exactly_one_part_file() {
    let docs = corpus(40);
    let labels = LabelSet::standard();
    let d = export_dataset(
        FormatKind::Jsonl,
        &entries(&docs),
        &labels,
        &opts(Some(spec(7)), BratPacking::Zip),
    );
    assert_eq!(names(&d), ["train.jsonl", "dev.jsonl", "test.jsonl"]);
    assert_eq!(d.counts(), [32, 4, 4]);
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for (name, content) in text_files(&d) {
        let back = import_all(FormatKind::Jsonl, &[(name.clone(), content)]);
        assert!(back.faults.is_empty());
        for r in back.records {
            let part = name.trim_end_matches(".jsonl").to_string();
            assert_eq!(seen.insert(r.imported.doc.id().to_string(), part), None);
            assert_eq!(r.meta.len(), 1, "metadata travels");
        }
    }
    assert_eq!(seen.len(), 40);
    let by_parts: BTreeMap<String, String> = docs
        .iter()
        .zip(&d.parts)
        .map(|((doc, _), p)| (doc.id().to_string(), p.name().to_string()))
        .collect();
    assert_eq!(seen, by_parts);
    let again = export_dataset(
        FormatKind::Jsonl,
        &entries(&docs),
        &labels,
        &opts(Some(spec(7)), BratPacking::Zip),
    );
    assert_eq!(again, d, "the same seed gives the same files");
    let other = export_dataset(
        FormatKind::Jsonl,
        &entries(&docs),
        &labels,
        &opts(Some(spec(8)), BratPacking::Zip),
    );
    assert_ne!(other.parts, d.parts);
}

#[test]
fn native_parts_record_the_split() {
    let docs = corpus(10);
    let labels = LabelSet::standard();
    let mut s = spec(3);
    s.stratify = true;
    let d = export_dataset(
        FormatKind::Native,
        &entries(&docs),
        &labels,
        &opts(Some(s), BratPacking::Zip),
    );
    assert_eq!(names(&d), ["train.json", "dev.json", "test.json"]);
    for (name, content) in text_files(&d) {
        let v: serde_json::Value = serde_json::from_str(&content).unwrap();
        assert_eq!(
            v["split"],
            serde_json::json!({"name": &name[..name.len() - 5], "seed": 3, "proportions": [80, 10, 10], "stratified": true})
        );
        let back = import_all(FormatKind::Native, &[(name, content)]);
        assert_eq!(back.split.map(|s| s.seed), Some(3));
    }
}

#[test]
fn brat_zips_a_folder_per_part_and_a_manifest() {
    let docs = corpus(10);
    let labels = LabelSet::standard();
    let d = export_dataset(
        FormatKind::Brat,
        &entries(&docs),
        &labels,
        &opts(Some(spec(1)), BratPacking::Zip),
    );
    assert_eq!(names(&d), ["corpus.brat.zip"]);
    let inside = zip::read(&d.files[0].1, usize::MAX).unwrap();
    let folders: BTreeSet<&str> = inside
        .iter()
        .map(|(n, _)| n.split('/').next().unwrap())
        .collect();
    assert_eq!(
        folders,
        ["dev", "split.json", "test", "train"].into_iter().collect()
    );
    let (_, manifest) = inside.iter().find(|(n, _)| n == "split.json").unwrap();
    let m: serde_json::Value = serde_json::from_slice(manifest).unwrap();
    assert_eq!(m["seed"], 1);
    assert_eq!(m["train"].as_array().unwrap().len(), 8);
    let folders = export_dataset(
        FormatKind::Brat,
        &entries(&docs),
        &labels,
        &opts(Some(spec(1)), BratPacking::Folders),
    );
    let unzipped: Vec<(String, Vec<u8>)> = inside;
    assert_eq!(folders.files, unzipped, "the zip holds exactly the folders");
}

#[test]
fn empty_parts_have_no_file_and_losses_name_documents() {
    let mut docs = corpus(3);
    // A Claim on "ок", inside the word "Док": CoNLL tags whole tokens and must drop it.
    let d1 = &docs[1].0;
    let mut spans: Vec<Span> = d1.spans().iter().cloned().collect();
    spans.push(
        Span::new(
            SpanId::new("cut"),
            LabelId(1),
            CharRange::new(1, 3).unwrap(),
        )
        .unwrap(),
    );
    docs[1].0 = d1.with_labels(d1.labels().clone(), spans).unwrap();
    let labels = LabelSet::standard();
    let d = export_dataset(
        FormatKind::Conll,
        &entries(&docs),
        &labels,
        &opts(Some(spec(0)), BratPacking::Zip),
    );
    assert_eq!(names(&d), ["train.conll"]);
    let named: Vec<&String> = d
        .notes
        .iter()
        .filter(|n| n.starts_with("document “"))
        .collect();
    assert_eq!(named.len(), 1, "{:?}", d.notes);
    assert!(
        named[0].starts_with("document “Стаття 1” (d001): 1 of 2 annotations was left out"),
        "{named:?}"
    );
    assert_eq!(
        d.lost.iter().filter(|(_, l)| !l.spans.is_empty()).count(),
        1
    );
}
