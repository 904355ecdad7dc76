//! `annotate convert` and `annotate stats` as a pipeline runs them: the built binary on files
//! in a temp folder, its output files, its messages on stderr and its exit codes.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use article_annotator::format::{export_as, ExportOptions, FormatKind};
use serde_json::{json, Value};

#[path = "fixtures/qualified.rs"]
mod qualified;

/// A folder of fixture files, removed when the test ends.
struct Dir(PathBuf);

impl Dir {
    fn new(test: &str) -> Dir {
        let dir =
            std::env::temp_dir().join(format!("annotate-convert-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Dir(dir)
    }

    fn path(&self, name: &str) -> String {
        self.0.join(name).to_string_lossy().into_owned()
    }

    fn write(&self, name: &str, content: &str) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, content).unwrap();
        path.to_string_lossy().into_owned()
    }

    /// Every entry of the folder, recursively, as relative paths.
    fn listing(&self) -> Vec<String> {
        fn walk(root: &Path, at: &Path, out: &mut Vec<String>) {
            for e in std::fs::read_dir(at).unwrap() {
                let p = e.unwrap().path();
                out.push(p.strip_prefix(root).unwrap().to_string_lossy().into_owned());
                if p.is_dir() {
                    walk(root, &p, out);
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.0, &self.0, &mut out);
        out.sort();
        out
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn annotate(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_annotate"))
        .args(args)
        .output()
        .expect("the annotate binary runs")
}

#[track_caller]
fn ok(args: &[&str]) -> String {
    let out = annotate(args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
    stderr
}

/// `(id, text, spans as (start, end, label))` of a document.
type Doc = (
    &'static str,
    &'static str,
    &'static [(usize, usize, &'static str)],
);

/// Three documents as span JSONL, in several scripts, with ids and metadata.
const TEXTS: [Doc; 3] = [
    (
        "uk-1",
        "Ана́ліз: 習近平 said “we agree” in القاهرة 👩🏽‍💻\r\nCafé",
        &[(9, 12, "PER"), (18, 28, "QUOTE"), (32, 35, "LOC")],
    ),
    (
        "de-2",
        "Merkel sagte: „Wir schaffen das.“",
        &[(0, 6, "PER")],
    ),
    ("fr-3", "Rien à signaler.", &[]),
];

fn jsonl() -> String {
    TEXTS
        .iter()
        .map(|(id, text, spans)| {
            let spans: Vec<Value> = spans
                .iter()
                .map(|&(s, e, l)| json!({"start": s, "end": e, "label": l}))
                .collect();
            let line = json!({"id": id, "text": text, "spans": spans,
                "meta": {"title": format!("Title {id}"), "source": "agency 😀", "url": format!("https://ex.org/{id}")}});
            line.to_string() + "\n"
        })
        .collect()
}

/// A text and its spans as sorted `(label, start, end)`.
type Spans = (String, Vec<(String, u64, u64)>);

/// `id → (text, sorted (label, start, end))` from a span JSONL file.
fn spans_of_jsonl(content: &str) -> BTreeMap<String, Spans> {
    content
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            let mut spans: Vec<(String, u64, u64)> = v["spans"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| {
                    (
                        s["label"].as_str().unwrap().to_string(),
                        s["start"].as_u64().unwrap(),
                        s["end"].as_u64().unwrap(),
                    )
                })
                .collect();
            spans.sort();
            (
                v["id"].as_str().unwrap().to_string(),
                (v["text"].as_str().unwrap().to_string(), spans),
            )
        })
        .collect()
}

#[test]
fn conversions_through_every_span_keeping_format_come_back() {
    let dir = Dir::new("chain");
    let start = dir.write("in.jsonl", &jsonl());
    let mut from = start.clone();
    for (to, name) in [
        ("native", "a.json"),
        ("doccano", "b.jsonl"),
        ("label-studio", "c.json"),
        ("w3c", "d.jsonld"),
        ("brat", "e.zip"),
        ("jsonl", "f.jsonl"),
    ] {
        let out = dir.path(name);
        ok(&["convert", "--to", to, "-o", &out, &from]);
        from = out;
    }
    let before = spans_of_jsonl(&std::fs::read_to_string(&start).unwrap());
    let after = spans_of_jsonl(&std::fs::read_to_string(&from).unwrap());
    assert_eq!(after, before, "ids, texts and spans survive the chain");
    // Metadata survives the formats with a place for it.
    let ls: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path("c.json")).unwrap()).unwrap();
    assert_eq!(ls[0]["data"]["source"], "agency 😀");
    assert_eq!(ls[1]["data"]["url"], "https://ex.org/de-2");
    assert_eq!(ls[2]["data"]["title"], "Title fr-3");
}

#[test]
fn lossy_formats_say_what_they_drop_and_name_documents() {
    let dir = Dir::new("lossy");
    let input = dir.write("in.jsonl", &jsonl());
    let stderr = ok(&[
        "convert",
        "--to",
        "conll",
        "-o",
        &dir.path("out.conll"),
        &input,
    ]);
    // "الق" (32–35) is half of the word "القاهرة": not whole tokens.
    assert!(
        stderr.contains("annotate convert: note: document “Title uk-1” (uk-1): 1 of 3 annotations was left out of the CoNLL / IOB2 file: LOC “الق” (32–35)"),
        "{stderr}"
    );
    assert!(stderr.contains("document ids are not kept"), "{stderr}");
    let conll = std::fs::read_to_string(dir.path("out.conll")).unwrap();
    assert_eq!(conll.matches("-DOCSTART-").count(), 3);
}

#[test]
fn a_split_is_the_same_for_the_same_seed() {
    let dir = Dir::new("split");
    let lines: String = (0..30)
        .map(|i| json!({"id": format!("d{i}"), "text": format!("Текст {i} 😀")}).to_string() + "\n")
        .collect();
    let input = dir.write("in.jsonl", &lines);
    let run = |out: &str, seed: &str| {
        ok(&[
            "convert",
            "--to",
            "jsonl",
            "--split",
            "80/10/10",
            "--seed",
            seed,
            "-o",
            &dir.path(out),
            &input,
        ]);
        ["train", "dev", "test"]
            .map(|p| std::fs::read_to_string(dir.path(&format!("{out}/{p}.jsonl"))).unwrap())
    };
    let a = run("a", "7");
    let b = run("b", "7");
    assert_eq!(a, b, "the same seed, the same files");
    let counts = a.clone().map(|f| f.lines().count());
    assert_eq!(counts, [24, 3, 3]);
    let c = run("c", "8");
    assert_ne!(a, c, "another seed, another split");
    let stderr = ok(&[
        "convert",
        "--to",
        "jsonl",
        "--split",
        "80/10/10",
        "--seed",
        "7",
        "-o",
        &dir.path("a"),
        &input,
    ]);
    assert!(
        stderr.contains("split 80/10/10 with seed 7: train 24, dev 3, test 3 documents"),
        "{stderr}"
    );
    assert_eq!(run("a", "7"), b, "an existing folder is replaced whole");
    assert!(
        !dir.listing()
            .iter()
            .any(|p| p.contains("partial") || p.contains(".old")),
        "{:?}",
        dir.listing()
    );
}

#[test]
fn native_split_files_are_schema_valid_and_record_the_split() {
    let dir = Dir::new("native");
    let input = dir.write("in.jsonl", &jsonl());
    ok(&[
        "convert",
        "--to",
        "native",
        "--split",
        "1/1/1",
        "--seed",
        "5",
        "--stratify",
        "-o",
        &dir.path("out"),
        &input,
    ]);
    let schema: Value =
        serde_json::from_str(include_str!("../schema/article-annotator.v1.schema.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut ids = Vec::new();
    for part in ["train", "dev", "test"] {
        let v: Value = serde_json::from_str(
            &std::fs::read_to_string(dir.path(&format!("out/{part}.json"))).unwrap(),
        )
        .unwrap();
        let errors: Vec<String> = validator.iter_errors(&v).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{part}: {errors:?}");
        assert_eq!(
            v["split"],
            json!({"name": part, "seed": 5, "proportions": [1, 1, 1], "stratified": true})
        );
        for d in v["documents"].as_array().unwrap() {
            ids.push(d["id"].as_str().unwrap().to_string());
            assert_eq!(d["meta"]["source"], "agency 😀");
        }
    }
    ids.sort();
    assert_eq!(ids, ["de-2", "fr-3", "uk-1"]);
}

#[test]
fn a_bad_line_names_file_and_line_exits_2_and_writes_nothing() {
    let dir = Dir::new("bad");
    let good = dir.write("good.jsonl", &jsonl());
    let bad = dir.write(
        "bad.jsonl",
        "{\"text\": \"ok\"}\n\n{\"text\": \"also ok\"\n",
    );
    let out_file = dir.write("out.jsonl", "the old output\n");
    let out = annotate(&["convert", "--to", "jsonl", "-o", &out_file, &good, &bad]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!("{bad}, line 3: it is not valid JSON")),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&out_file).unwrap(),
        "the old output\n"
    );
    // With a split: no folder appears, an existing one stays as it was.
    let out = annotate(&[
        "convert",
        "--to",
        "jsonl",
        "--split",
        "80/10/10",
        "-o",
        &dir.path("parts"),
        &good,
        &bad,
    ]);
    assert_eq!(out.status.code(), Some(2));
    std::fs::create_dir_all(dir.path("kept")).unwrap();
    dir.write("kept/train.jsonl", "old\n");
    let out = annotate(&[
        "convert",
        "--to",
        "jsonl",
        "--split",
        "80/10/10",
        "-o",
        &dir.path("kept"),
        &bad,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        dir.listing(),
        [
            "bad.jsonl",
            "good.jsonl",
            "kept",
            "kept/train.jsonl",
            "out.jsonl"
        ]
    );
    assert_eq!(
        std::fs::read_to_string(dir.path("kept/train.jsonl")).unwrap(),
        "old\n"
    );
    // A file that is not there, and proportions that are not proportions.
    let out = annotate(&[
        "convert",
        "--to",
        "jsonl",
        "-o",
        &dir.path("x"),
        &dir.path("missing.jsonl"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("missing.jsonl: there is no such file or folder"));
    let out = annotate(&[
        "convert",
        "--to",
        "jsonl",
        "--split",
        "90/10",
        "-o",
        &dir.path("x"),
        &good,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("“90/10” is not three proportions"));
}

#[test]
fn folders_tables_and_texts_in_one_run() {
    let dir = Dir::new("mixed");
    std::fs::create_dir_all(dir.path("in/sub")).unwrap();
    dir.write("in/a.txt", "Тарас Шевченко народився в Моринцях.\r\n");
    dir.write(
        "in/sub/rows.tsv",
        "id\ttext\tsource\nr1\tBonjour\tAFP\nr2\t習近平\t\n",
    );
    let out = dir.path("all.jsonl");
    ok(&["convert", "--to", "jsonl", "-o", &out, &dir.path("in")]);
    let got = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<Value> = got
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["meta"]["title"], "a");
    assert_eq!(lines[0]["text"], "Тарас Шевченко народився в Моринцях.\r\n");
    assert_eq!(
        (lines[1]["id"].clone(), lines[1]["meta"]["source"].clone()),
        (json!("r1"), json!("AFP"))
    );
    assert_eq!(lines[2]["text"], "習近平");
}

#[test]
fn duplicates_are_left_out_unless_kept() {
    let dir = Dir::new("dups");
    let a = dir.write("a.jsonl", "{\"id\": \"1\", \"text\": \"same 😀\"}\n");
    let b = dir.write(
        "b.jsonl",
        "{\"id\": \"1\", \"text\": \"same 😀\"}\n{\"id\": \"2\", \"text\": \"other\"}\n",
    );
    let stderr = ok(&[
        "convert",
        "--to",
        "jsonl",
        "-o",
        &dir.path("o.jsonl"),
        &a,
        &b,
    ]);
    assert!(
        stderr.contains("document “1-2” has the same text as “1”; left out"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path("o.jsonl"))
            .unwrap()
            .lines()
            .count(),
        2
    );
    ok(&[
        "convert",
        "--to",
        "jsonl",
        "--keep-duplicates",
        "-o",
        &dir.path("k.jsonl"),
        &a,
        &b,
    ]);
    assert_eq!(
        std::fs::read_to_string(dir.path("k.jsonl"))
            .unwrap()
            .lines()
            .count(),
        3
    );
}

#[test]
fn stats_prints_the_statistics_json() {
    let dir = Dir::new("stats");
    let input = dir.write("in.jsonl", &jsonl());
    let out = annotate(&["stats", &input]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v,
        json!({
            "documents": 3,
            "spans": 4,
            "labels": {
                "PER": {"spans": 2, "documents": 2, "characters": 9, "average_length": 4.5},
                "QUOTE": {"spans": 1, "documents": 1, "characters": 10, "average_length": 10.0},
                "LOC": {"spans": 1, "documents": 1, "characters": 3, "average_length": 3.0}
            },
            "without_spans": ["fr-3"]
        })
    );
    let bad = dir.write("bad.jsonl", "nope\n");
    let out = annotate(&["stats", &input, &bad]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains(&format!("{bad}, line 1: it is not valid JSON")));
}

/// Attributes, notes and relations go through `annotate convert`: kept by the formats that
/// carry them (brat and back to native keeps every relation), counted on stderr by those
/// that do not.
#[test]
fn convert_carries_relations_and_says_what_it_drops() {
    let dir = Dir::new("qualifiers");
    let doc = qualified::doc();
    let native = export_as(FormatKind::Native, &doc, &ExportOptions::default());
    let input = dir.write(
        "drei.annotations.json",
        std::str::from_utf8(&native.files[0].1).unwrap(),
    );
    let stderr = ok(&[
        "convert",
        "--to",
        "doccano",
        "-o",
        &dir.path("d.jsonl"),
        &input,
    ]);
    assert!(
        stderr.contains(
            "7 attribute values of 1 document left out: doccano JSONL has no place for them"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("2 notes of 1 document left out"),
        "{stderr}"
    );
    let brat = dir.path("b.zip");
    ok(&["convert", "--to", "brat", "-o", &brat, &input]);
    let back = dir.path("back.json");
    ok(&["convert", "--to", "native", "-o", &back, &brat]);
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&back).unwrap()).unwrap();
    let texts: BTreeMap<&str, &str> = v["documents"][0]["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["id"].as_str().unwrap(), a["text"].as_str().unwrap()))
        .collect();
    let mut links: Vec<(String, String, String)> = v["documents"][0]["relations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let end = |k: &str| texts[r[k].as_str().unwrap()].to_string();
            (
                r["type"].as_str().unwrap().to_string(),
                end("from"),
                end("to"),
            )
        })
        .collect();
    links.sort();
    assert_eq!(links, qualified::links(&doc));
}
