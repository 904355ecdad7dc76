//! Every importer runs in time and memory near-linear in its input: doubling a file at most a
//! little more than doubles the work. Work is counted deterministically where it shows the
//! blowup (bytes allocated on the test's own thread, through a counting allocator), and timed
//! only where nothing is allocated (the thread's CPU time, the minimum of several runs, sized
//! so that one run takes ten milliseconds or more; eight times the input may cost 24× the
//! time, a quadratic importer would take 64×).
#![cfg(not(target_arch = "wasm32"))]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::Mutex;
use std::time::Duration;

#[path = "fixtures/clock.rs"]
mod clock;
use clock::thread_cpu;

use article_annotator::format::{brat, export_as, import_as, ExportOptions, FormatKind};
use article_annotator::model::relation::{Relation, RelationId};
use article_annotator::model::{CharRange, Document, LabelId, LabelSet, Span, SpanId};

/// Counts the bytes each thread allocates, so tests running side by side do not mix.
struct Counting;

thread_local! {
    static ALLOCATED: Cell<u64> = const { Cell::new(0) };
}

fn count(bytes: usize) {
    // `try_with`: the counter may be gone while a thread shuts down.
    let _ = ALLOCATED.try_with(|a| a.set(a.get().saturating_add(bytes as u64)));
}

// SAFETY: every call is passed on to the system allocator unchanged; counting touches only a
// thread-local `Cell` with a constant initialiser, which never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        // SAFETY: the caller's contract is passed on as is.
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

type Files = Vec<(String, String)>;

/// Bytes allocated by importing `files` as `kind`.
fn allocated(kind: FormatKind, files: &Files) -> u64 {
    let before = ALLOCATED.with(Cell::get);
    let _ = std::hint::black_box(import_as(kind, files));
    ALLOCATED.with(Cell::get) - before
}

/// The CPU time of one import of `files` as `kind`.
fn cpu_time(kind: FormatKind, files: &Files) -> Duration {
    let t = thread_cpu();
    let _ = std::hint::black_box(import_as(kind, files));
    thread_cpu().saturating_sub(t)
}

/// The shortest of several imports of `small` and of `large`, taken in turn, so that a
/// disturbance (another process evicting the caches) falls on both alike.
fn fastest(kind: FormatKind, small: &Files, large: &Files) -> (Duration, Duration) {
    let mut best = (Duration::MAX, Duration::MAX);
    for _ in 0..3 {
        best.0 = best.0.min(cpu_time(kind, small));
        best.1 = best.1.min(cpu_time(kind, large));
    }
    best
}

/// Timed checks run one at a time, so that they do not slow each other down.
static TIMED: Mutex<()> = Mutex::new(());

/// Importing `make(2n)` allocates at most 2.5 times what importing `make(n)` does.
#[track_caller]
fn check_allocations(what: &str, kind: FormatKind, n: usize, make: impl Fn(usize) -> Files) {
    let (small, large) = (make(n), make(2 * n));
    let (a, b) = (allocated(kind, &small), allocated(kind, &large));
    let ratio = b as f64 / a.max(1) as f64;
    assert!(
        ratio <= 2.5,
        "{what}: doubling the file ({} → {} bytes) allocated {ratio:.2}× as much ({a} → {b} bytes)",
        size(&small),
        size(&large)
    );
}

/// How much larger the second input of a timed check is. A linear importer takes about
/// `GROWTH` times as long on it, a quadratic one `GROWTH²` (64) times.
const GROWTH: usize = 8;

/// Importing `make(GROWTH * n)` takes at most 3 × `GROWTH` times as long as `make(n)`:
/// room for a loaded machine and for caches, far below quadratic. `n` is chosen so that the
/// small import takes ten milliseconds or more in a debug build, so timer noise does not count.
#[track_caller]
fn check_time(what: &str, kind: FormatKind, n: usize, make: impl Fn(usize) -> Files) {
    let _one_at_a_time = TIMED.lock().unwrap_or_else(|e| e.into_inner());
    let (small, large) = (make(n), make(GROWTH * n));
    let (a, b) = fastest(kind, &small, &large);
    let ratio = b.as_secs_f64() / a.as_secs_f64().max(1e-9);
    if std::env::var_os("SCALING_TIMES").is_some() {
        eprintln!("{what}: {a:?} → {b:?} ({ratio:.1}×)");
    }
    assert!(
        ratio <= 3.0 * GROWTH as f64,
        "{what}: a file {GROWTH}× as large ({} → {} bytes) took {ratio:.2}× as long ({a:?} → {b:?})",
        size(&small),
        size(&large)
    );
}

fn size(files: &Files) -> usize {
    files.iter().map(|(_, c)| c.len()).sum()
}

fn one(name: &str, content: String) -> Files {
    vec![(name.to_string(), content)]
}

/// A document of `n` sentences in several scripts, one span on a word of each, each span
/// linked to the one before.
fn document(n: usize) -> Document {
    let mut text = String::new();
    let mut spans = Vec::new();
    let words = [
        "Zürich",
        "習近平",
        "أردوغان",
        "Família",
        "👨\u{200d}👩\u{200d}👧",
    ];
    for i in 0..n {
        let word = format!("{}{i}", words[i % words.len()]);
        let start = text.chars().count() + 4;
        text.push_str(&format!("Von {word} sagt man: «Cafe\u{301}»."));
        text.push_str(if i % 8 == 7 { "\r\n\r\n" } else { " " });
        let range = CharRange::new(start, start + word.chars().count()).expect("a range");
        let label = LabelId((i % 3) as u8);
        spans.extend(Span::new(SpanId::new(&format!("a{i}")), label, range));
    }
    // Each span linked to the one before: as many relations as spans, so that resolving them
    // (ends looked up among the kept spans) is measured too.
    let relations = (1..n)
        .filter_map(|i| {
            Relation::new(
                RelationId::new(&format!("r{i}")),
                "related_to",
                SpanId::new(&format!("a{i}")),
                SpanId::new(&format!("a{}", i - 1)),
            )
        })
        .collect();
    Document::new("Scaling", &text, LabelSet::standard())
        .with_spans(spans)
        .expect("the spans fit")
        .with_relations(relations)
        .expect("the relations fit")
}

/// `document(n)` as `kind` writes it, ready to import.
fn exported(kind: FormatKind, n: usize) -> Files {
    let doc = document(n);
    if kind == FormatKind::Brat {
        return brat::export(&doc)
            .0
            .into_iter()
            .map(|(name, bytes)| (name, String::from_utf8(bytes).expect("UTF-8")))
            .collect();
    }
    export_as(kind, &doc, &ExportOptions::default())
        .files
        .into_iter()
        .map(|(name, bytes)| (name, String::from_utf8(bytes).expect("UTF-8")))
        .collect()
}

#[test]
fn every_format_imports_its_own_export_in_linear_time() {
    for kind in FormatKind::ALL {
        check_time(&format!("{kind:?} export"), kind, 400, |n| {
            exported(kind, n)
        });
    }
}

#[test]
fn every_format_imports_its_own_export_in_linear_memory() {
    for kind in FormatKind::ALL {
        check_allocations(&format!("{kind:?} export"), kind, 1000, |n| {
            exported(kind, n)
        });
    }
}

/// A W3C annotation with `n` tagging bodies on `n` targets.
fn w3c_tags_times_targets(n: usize) -> Files {
    let bodies: Vec<String> = (0..n)
        .map(|i| format!(r#"{{"purpose": "tagging", "value": "L{i}"}}"#))
        .collect();
    let targets: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"selector": {{"type": "TextPositionSelector", "start": {i}, "end": {}}}}}"#,
                i + 1
            )
        })
        .collect();
    one(
        "a.jsonld",
        format!(
            r#"{{"type": "Annotation", "id": "x", "body": [{}], "target": [{}]}}"#,
            bodies.join(","),
            targets.join(",")
        ),
    )
    .into_iter()
    .chain([("a.txt".to_string(), "a".repeat(2 * n))])
    .collect()
}

/// `n` W3C annotations quoting `a` in a text of `n` `a`s.
fn w3c_repeated_quotes(n: usize) -> Files {
    let one_quote = r#"{"type": "Annotation", "body": {"purpose": "tagging", "value": "A"}, "target": {"selector": {"type": "TextQuoteSelector", "exact": "a"}}}"#;
    vec![
        (
            "a.jsonld".to_string(),
            format!("[{}]", vec![one_quote; n].join(",")),
        ),
        ("a.txt".to_string(), "a".repeat(n)),
    ]
}

/// A Label Studio result carrying `n` labels (the same few, repeated) on a long text.
fn label_studio_many_labels(n: usize) -> Files {
    let labels: Vec<String> = (0..n).map(|i| format!("\"L{}\"", i % 3)).collect();
    let text = "word ".repeat(n);
    one(
        "a.json",
        format!(
            r#"[{{"data": {{"text": "{text}"}}, "annotations": [{{"result": [{{"id": "r", "type": "labels",
            "value": {{"start": 0, "end": {}, "text": "{}", "labels": [{}]}}}}]}}]}}]"#,
            text.len() - 1,
            &text[..text.len() - 1],
            labels.join(",")
        ),
    )
}

/// A brat line with `n` fragments, the id long.
fn brat_many_fragments(n: usize) -> Files {
    let fragments: Vec<String> = (0..n).map(|i| format!("{i} {}", i + 1)).collect();
    vec![
        (
            "a.ann".to_string(),
            format!("T{}\tX {}\n", "1".repeat(n), fragments.join(";")),
        ),
        ("a.txt".to_string(), "a".repeat(n + 1)),
    ]
}

#[test]
fn hostile_files_allocate_in_proportion_to_their_size() {
    check_allocations(
        "W3C tags × targets",
        FormatKind::W3c,
        300,
        w3c_tags_times_targets,
    );
    check_allocations(
        "W3C repeated quotes",
        FormatKind::W3c,
        2000,
        w3c_repeated_quotes,
    );
    check_allocations(
        "Label Studio labels",
        FormatKind::LabelStudio,
        2000,
        label_studio_many_labels,
    );
    check_allocations(
        "brat fragments",
        FormatKind::Brat,
        2000,
        brat_many_fragments,
    );
}

/// `n` W3C annotations, each quoting a word that occurs once, near the end of a text that
/// grows with `n`.
fn w3c_unique_quotes(n: usize) -> Files {
    let mut text = "filler ".repeat(20 * n);
    let mut items = Vec::new();
    for i in 0..n {
        text.push_str(&format!("w{i}x "));
        items.push(format!(
            r#"{{"type": "Annotation", "body": {{"purpose": "tagging", "value": "A"}}, "target": {{"selector": {{"type": "TextQuoteSelector", "exact": "w{i}x"}}}}}}"#
        ));
    }
    vec![
        ("a.jsonld".to_string(), format!("[{}]", items.join(","))),
        ("a.txt".to_string(), text),
    ]
}

/// A brat pair whose `annotation.conf` lists `n` entity types.
fn brat_many_types(n: usize) -> Files {
    let types: Vec<String> = (0..n).map(|i| format!("Type{i}")).collect();
    vec![
        ("a.ann".to_string(), "T1\tType0 0 1\ta\n".to_string()),
        ("a.txt".to_string(), "a".to_string()),
        (
            "annotation.conf".to_string(),
            format!("[entities]\n{}\n", types.join("\n")),
        ),
    ]
}

/// A JSONL line with `n` spans, each with a label of its own.
fn jsonl_many_labels(n: usize) -> Files {
    let spans: Vec<String> = (0..n)
        .map(|i| format!(r#"{{"start": 0, "end": 1, "label": "L{i}"}}"#))
        .collect();
    one(
        "a.jsonl",
        format!(r#"{{"text": "a", "spans": [{}]}}"#, spans.join(",")),
    )
}

/// `n` brat spans over a run of white space, each stating a one-letter text.
fn brat_spans_over_white_space(n: usize) -> Files {
    let lines: String = (0..n)
        .map(|i| format!("T{i}\tX 0 {}\ta\n", 20 * n))
        .collect();
    vec![
        ("a.ann".to_string(), lines),
        ("a.txt".to_string(), format!("a{}", " ".repeat(20 * n))),
    ]
}

/// `n` doccano spans (no stated text, so each end is checked for a grapheme cluster edge) all
/// ending inside a long run of regional indicators.
fn doccano_in_flags(n: usize) -> Files {
    let text = "🇨🇭".repeat(10 * n);
    let tuples: Vec<String> = (0..n)
        .map(|i| format!("[{}, {}, \"A\"]", i, 20 * n - 1 - i))
        .collect();
    one(
        "a.jsonl",
        format!(
            "{{\"text\": {}, \"label\": [{}]}}",
            serde_json::to_string(&text).unwrap_or_default(),
            tuples.join(",")
        ),
    )
}

#[test]
fn hostile_files_take_time_in_proportion_to_their_size() {
    check_time("W3C unique quotes", FormatKind::W3c, 400, w3c_unique_quotes);
    check_time("brat conf types", FormatKind::Brat, 6000, brat_many_types);
    check_time("labels by name", FormatKind::Jsonl, 3000, jsonl_many_labels);
    check_time(
        "brat white space",
        FormatKind::Brat,
        1500,
        brat_spans_over_white_space,
    );
    check_time(
        "doccano in flags",
        FormatKind::Doccano,
        700,
        doccano_in_flags,
    );
}
