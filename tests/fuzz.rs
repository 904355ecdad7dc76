//! The fuzz harness, on stable Rust: every importer (each format as the import dialog reads
//! it, each format's multi-document reader, the corpus batch import of raw bytes and zips,
//! the zip reader, the review fields of native files) and format detection, fed mutations of
//! seeds. Seeds are each format's own exports of the multi-script fixture documents plus the
//! hostile cases of issue 9 (huge, negative and float offsets, start after end, offsets inside
//! a surrogate pair or a grapheme cluster, BOM, CRLF, NUL, invalid UTF-8, 100,000 levels of
//! JSON nesting, duplicate ids, unknown labels); `fixtures/mutate.rs` makes the mutations.
//!
//! Every input must return without a panic and within [`SLOW`]. A failing input is written
//! under `target/fuzz-failures/` and named in the failure message with its target and seed.
//! `cargo test` runs a fixed number of executions per target ([`EXECUTIONS`]); with
//! `FUZZ_SECONDS` set (`scripts/fuzz.sh`) it runs that long instead, and prints executions per
//! target either way (shown with `--nocapture`). `FUZZ_SEED` changes the random sequence.
#![cfg(not(target_arch = "wasm32"))]

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use article_annotator::corpus::batch::{read_batch, BatchOptions, Limits};
use article_annotator::format::workflow::prepare_import;
use article_annotator::format::{
    detect, export_as, import_all, native_review, zip, ExportOptions, FormatKind, OffsetUnit,
};
use article_annotator::model::LabelSet;

#[path = "fixtures/clock.rs"]
mod clock;
#[path = "fixtures/docs.rs"]
mod docs;
#[path = "fixtures/hostile.rs"]
mod hostile;
#[path = "fixtures/mutate.rs"]
mod mutate;
#[path = "fixtures/qualified.rs"]
mod qualified;

use mutate::{mutate, Files, Rng};

/// Executions per target in a plain `cargo test`: a few seconds in all in a debug build.
const EXECUTIONS: usize = 150;
/// An input that takes longer than this (CPU time) is a failure (issue 9: no hang over 2 s).
const SLOW: Duration = Duration::from_secs(2);
/// Mutated files stay under this size, below the 1 MB of the issue's bound.
const MAX_FILE: usize = 1 << 19;

/// What one input is fed to.
#[derive(Clone, Copy, Debug)]
enum Target {
    /// The import dialog with the format chosen: `prepare_import`, then an export of what it
    /// read in the same format.
    Import(FormatKind),
    /// Detection of every file, then the import dialog without a chosen format.
    Detect,
    /// The multi-document reader of a format (corpus import, command line).
    ImportAll(FormatKind),
    /// The native file's review fields.
    Review,
    /// The corpus batch import of raw bytes (plain texts, tables, zips, any format).
    Batch,
    /// The zip reader.
    Zip,
}

impl Target {
    fn all() -> Vec<Target> {
        let mut all: Vec<Target> = FormatKind::ALL.into_iter().map(Target::Import).collect();
        all.push(Target::Detect);
        all.extend(FormatKind::ALL.into_iter().map(Target::ImportAll));
        all.extend([Target::Review, Target::Batch, Target::Zip]);
        all
    }

    fn name(self) -> String {
        match self {
            Target::Import(kind) => format!("import {kind:?}"),
            Target::ImportAll(kind) => format!("import_all {kind:?}"),
            other => format!("{other:?}").to_lowercase(),
        }
    }
}

/// Runs one input through `target`; what comes back is dropped, only panics and time count.
fn run(target: Target, files: &Files) {
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|(name, bytes)| (name.clone(), String::from_utf8_lossy(bytes).into_owned()))
        .collect();
    match target {
        Target::Import(kind) => {
            if let Ok(imported) = prepare_import(&texts, Some(kind)) {
                std::hint::black_box(export_as(kind, &imported.doc, &ExportOptions::default()));
            }
        }
        Target::Detect => {
            for (name, content) in &texts {
                std::hint::black_box(detect(name, content));
            }
            let _ = std::hint::black_box(prepare_import(&texts, None));
        }
        Target::ImportAll(kind) => {
            std::hint::black_box(import_all(kind, &texts));
        }
        Target::Review => {
            for (_, content) in &texts {
                let _ = std::hint::black_box(native_review::import(content));
            }
        }
        Target::Batch => {
            let labels = LabelSet::standard();
            let opts = BatchOptions {
                kind: None,
                text_column: None,
                labels: &labels,
                existing: &[],
                limits: Limits::APP,
            };
            let _ = std::hint::black_box(read_batch(files, &opts));
        }
        Target::Zip => {
            for (_, bytes) in files {
                let _ = std::hint::black_box(zip::read(bytes, 1 << 24));
            }
        }
    }
}

fn bytes(files: Vec<(String, String)>) -> Files {
    files
        .into_iter()
        .map(|(n, c)| (n, c.into_bytes()))
        .collect()
}

/// Each fixture document as `kind` writes it (brat as its pair, and zipped), in every offset
/// unit the format offers.
fn exports(kind: FormatKind) -> Vec<Files> {
    let mut out = Vec::new();
    // The document with attributes, notes and relations, so mutations reach their readers.
    let docs = docs::all()
        .into_iter()
        .chain([("qualified", qualified::doc())]);
    for (_, doc) in docs {
        for unit in [OffsetUnit::CodePoint, OffsetUnit::Utf16] {
            let opts = ExportOptions { offset_unit: unit };
            out.push(export_as(kind, &doc, &opts).files);
        }
        if kind == FormatKind::Brat {
            out.push(article_annotator::format::brat::export(&doc).0);
        }
    }
    out
}

/// The hostile seeds for `kind`: one annotation at hostile offsets, nesting bombs, and the
/// first export with a BOM, with CRLF, with NUL and with invalid UTF-8.
fn hostile_seeds(kind: FormatKind) -> Vec<Files> {
    // TEXT is `Hello world, Obama visited.`: 27 code points; the multi-script exports carry
    // the surrogate pairs and clusters that the mutations' small numbers land inside.
    let offsets = [
        ("-1", "5"),
        ("0", "-5"),
        ("1.5", "5"),
        ("1e2", "5"),
        ("5", "2"),
        ("3", "3"),
        ("4294967301", "4294967306"),
        ("18446744073709551615", "18446744073709551616"),
        ("0", "27"),
        ("26", "28"),
        ("\"1\"", "5"),
        ("null", "5"),
    ];
    let mut out: Vec<Files> = offsets
        .iter()
        .flat_map(|(s, e)| hostile::one_span(s, e))
        .filter(|(k, _, _)| *k == kind)
        .map(|(_, _, files)| bytes(files))
        .collect();
    out.extend(shapes(kind));
    // JSON nested 100,000 levels deep, for the formats that read JSON.
    if !matches!(kind, FormatKind::Brat | FormatKind::Conll) {
        let deep = 100_000;
        let name = kind.file_name("nested");
        let nested = [
            "[".repeat(deep),
            format!("{}{}", "{\"a\":".repeat(deep), "}".repeat(deep)),
            format!(
                "{{\"text\": \"x\", \"spans\": {}{}}}",
                "[".repeat(deep),
                "]".repeat(deep)
            ),
        ];
        out.extend(nested.map(|n| vec![(name.clone(), n.into_bytes())]));
    }
    if let Some(first) = exports(kind).into_iter().next() {
        let edit = |f: &dyn Fn(&[u8]) -> Vec<u8>| -> Files {
            first.iter().map(|(n, b)| (n.clone(), f(b))).collect()
        };
        out.push(edit(&|b| [b"\xEF\xBB\xBF".as_slice(), b].concat()));
        out.push(edit(&|b| {
            String::from_utf8_lossy(b)
                .replace('\n', "\r\n")
                .into_bytes()
        }));
        out.push(edit(&|b| {
            b.iter().map(|&c| if c == b' ' { 0 } else { c }).collect()
        }));
        out.push(edit(&|b| [b, b"\xFF\xC3\xED\xA0\x80".as_slice()].concat()));
        // Every line twice: duplicate ids and spans.
        out.push(edit(&|b| {
            String::from_utf8_lossy(b)
                .lines()
                .flat_map(|l| [l, "\n", l, "\n"])
                .collect::<String>()
                .into_bytes()
        }));
    }
    out
}

/// Small files in the shapes that once cost minutes or overflowed, for mutations to grow:
/// brat fragments (overflowing, reversed), W3C tags × targets and quotes with prefix and
/// suffix, Label Studio results with several labels, CoNLL with IOB1 and odd tags.
fn shapes(kind: FormatKind) -> Vec<Files> {
    let text = hostile::TEXT;
    let one = |name: &str, content: String| vec![(name.to_string(), content.into_bytes())];
    match kind {
        FormatKind::Brat => [
            "T1\tP 0 18446744073709551614;0 1\tM e\n",
            "T1\tP 5 2;0 1;7 9\tHello w\nT2\tP 0 5\tHello\nT2\tQ 0 5\tHello\n",
            "T1\tPER 0 5;6 11\tHello world\nR1\tRel Arg1:T1 Arg2:T1\nA1\tNeg T1\n#1\tAnnotatorNotes T1\tx\n",
        ]
        .into_iter()
        .map(|ann| {
            vec![
                ("a.ann".to_string(), ann.as_bytes().to_vec()),
                ("a.txt".to_string(), text.as_bytes().to_vec()),
                ("annotation.conf".to_string(), b"[entities]\nPER\nP\n".to_vec()),
            ]
        })
        .collect(),
        FormatKind::W3c => {
            let tag = |v: &str| format!(r#"{{"purpose": "tagging", "value": "{v}"}}"#);
            let pos = |s: u32, e: u32| {
                format!(r#"{{"selector": {{"type": "TextPositionSelector", "start": {s}, "end": {e}}}}}"#)
            };
            let quote = r#"{"selector": {"type": "TextQuoteSelector", "exact": "o", "prefix": "w", "suffix": "r",
                "refinedBy": {"type": "TextQuoteSelector", "exact": "o"}}}"#;
            let body = [tag("A"), tag("B"), tag("A")].join(",");
            let targets = [pos(0, 5), pos(6, 11), quote.to_string()].join(",");
            vec![vec![
                (
                    "a.jsonld".to_string(),
                    format!(r#"[{{"type": "Annotation", "id": "x", "motivation": "tagging", "body": [{body}], "target": [{targets}]}}]"#)
                        .into_bytes(),
                ),
                ("a.txt".to_string(), text.as_bytes().to_vec()),
            ]]
        }
        FormatKind::LabelStudio => vec![one(
            "a.json",
            format!(
                r#"[{{"data": {{"text": "{text}"}}, "annotations": [{{"result": [{{"id": "r", "type": "labels",
                "value": {{"start": 0, "end": 5, "text": "Hello", "labels": ["A", "B", "A", "C"]}}}},
                {{"id": "r", "type": "choices", "value": {{"choices": ["x"]}}}}]}}], "predictions": [{{"result": []}}]}}]"#
            ),
        )],
        FormatKind::Conll => vec![one(
            "a.conll",
            "-DOCSTART- -X- O\n\nHello I-PER\nworld E-PER\n, O\nObama S-LOC\nvisited X-Y\n.\n\n-DOCSTART-\nb O\n"
                .to_string(),
        )],
        _ => Vec::new(),
    }
}

/// The seeds for `target`.
fn seeds(target: Target) -> Vec<Files> {
    let for_kind = |kind| {
        let mut s = exports(kind);
        s.extend(hostile_seeds(kind));
        s
    };
    match target {
        Target::Import(kind) | Target::ImportAll(kind) => for_kind(kind),
        Target::Review => for_kind(FormatKind::Native),
        Target::Detect | Target::Batch => FormatKind::ALL.into_iter().flat_map(for_kind).collect(),
        Target::Zip => {
            let deflated = include_bytes!("fixtures/brat-deflated.zip").to_vec();
            let mut s = vec![vec![("brat.zip".to_string(), deflated)]];
            s.extend(
                exports(FormatKind::Brat)
                    .into_iter()
                    .filter(|f| f.len() == 1),
            );
            s
        }
    }
}

/// A failing input: what it did and where its files were written.
struct Failure {
    target: String,
    seed: u64,
    what: String,
    saved: PathBuf,
}

/// Writes `files` where a person can feed them to the app again.
fn save(target: Target, seed: u64, files: &Files) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target/fuzz-failures")
        .join(format!("{}-{seed}", target.name().replace(' ', "-")));
    let _ = std::fs::create_dir_all(&dir);
    for (i, (name, content)) in files.iter().enumerate() {
        let safe: String = name
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '.' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let _ = std::fs::write(dir.join(format!("{i}-{safe}")), content);
    }
    dir
}

/// Runs `target` on mutations of its seeds until `budget` says stop; returns the executions
/// and the failures.
fn fuzz(
    target: Target,
    base: u64,
    budget: &dyn Fn(usize) -> bool,
    all: &[Files],
) -> (usize, Vec<Failure>) {
    let seeds = seeds(target);
    let others: Vec<&Files> = all.iter().collect();
    let mut failures = Vec::new();
    let mut n = 0;
    while budget(n) {
        // Every execution has a seed of its own, so a failure can be made again alone.
        let seed = base ^ (u64::try_from(n).unwrap_or(0)).wrapping_mul(0x2545_F491_4F6C_DD1D);
        let mut rng = Rng::new(seed);
        // The seeds themselves first, then mutations of them.
        let input = match seeds.get(n) {
            Some(seed) => seed.clone(),
            None => {
                let mut input = rng.pick(&seeds).clone();
                mutate(&mut rng, &mut input, &others, MAX_FILE);
                input
            }
        };
        // CPU time: a loaded machine must not make an input look slow.
        let started = clock::thread_cpu();
        let outcome = catch_unwind(AssertUnwindSafe(|| run(target, &input)));
        let took = clock::thread_cpu().saturating_sub(started);
        let what = match outcome {
            Err(p) => Some(format!(
                "panicked: {}",
                p.downcast_ref::<String>()
                    .cloned()
                    .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default()
            )),
            Ok(()) if took > SLOW => Some(format!("took {took:?}")),
            Ok(()) => None,
        };
        if let Some(what) = what {
            let saved = save(target, seed, &input);
            failures.push(Failure {
                target: target.name(),
                seed,
                what,
                saved,
            });
        }
        n += 1;
    }
    (n, failures)
}

#[test]
fn no_input_panics_or_hangs_any_importer() {
    let seconds: Option<f64> = std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok());
    let base: u64 = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5EED);
    let targets = Target::all();
    let all: Vec<Files> = FormatKind::ALL.into_iter().flat_map(exports).collect();
    let mut failures = Vec::new();
    let mut report = Vec::new();
    for (i, target) in targets.iter().enumerate() {
        let started = Instant::now();
        let n = match seconds {
            // The time is shared out evenly between the targets.
            Some(s) => {
                let end = Instant::now() + Duration::from_secs_f64(s / targets.len() as f64);
                let (n, f) = fuzz(*target, base ^ i as u64, &|_| Instant::now() < end, &all);
                failures.extend(f);
                n
            }
            None => {
                let (n, f) = fuzz(*target, base ^ i as u64, &|n| n < EXECUTIONS, &all);
                failures.extend(f);
                n
            }
        };
        let took = started.elapsed().as_secs_f64();
        report.push(format!(
            "{:>20}: {n} executions in {took:.1} s",
            target.name()
        ));
    }
    println!("fuzz executions per target:\n{}", report.join("\n"));
    let listed: Vec<String> = failures
        .iter()
        .map(|f| {
            format!(
                "{} (seed {}): {}; input in {}",
                f.target,
                f.seed,
                f.what,
                f.saved.display()
            )
        })
        .collect();
    assert!(
        listed.is_empty(),
        "{} failing inputs:\n{}",
        listed.len(),
        listed.join("\n")
    );
}
