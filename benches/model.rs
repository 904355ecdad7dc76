//! Model benchmarks (criterion): span edits among 10,000 spans, render pieces of one block and
//! of the whole article, export of 10,000 spans to every format and import of the native file,
//! find in the article, and the corpus store's save and load of the document, on the fixture
//! article repeated to about 200 KB; and a large native file (100,000 spans on a
//! 95,000-character text, about 7 MB) read by the typed path and by the checked one (issue
//! 9: 0.3 s to preview and 1.7 s to import, to keep). Run with `cargo bench --bench model`.

use article_annotator::format::store::{self, DocRecord, Write};
use article_annotator::format::{export_as, ExportOptions, FormatKind};
use article_annotator::model::find::{find_all, Query};
use article_annotator::model::segment::segment;
use article_annotator::model::{CharRange, Document, Editor, LabelId, LabelSet, Span, SpanId};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::Duration;

/// The fixture article repeated to about 200 KB, with `n` spans spread evenly over its words:
/// every fourth place a 6-word quote holding a 2-word entity, the others 1 to 3 words.
fn document(n: usize) -> Editor {
    let article = include_str!("../tests/fixtures/article.txt");
    let mut text = String::new();
    while text.len() < 200_000 {
        text.push_str(article);
        text.push('\n');
    }
    let mut words = Vec::new();
    for (b, w) in unicode_words(&text) {
        let start = text[..b].chars().count();
        words.push((start, start + w.chars().count()));
    }
    let mut e = Editor::new(Document::new("bench", &text, LabelSet::standard()));
    let mut ranges = Vec::new();
    let places = n * 4 / 5;
    for i in 0..places {
        let w = i * (words.len() - 8) / places;
        if i % 4 == 3 {
            ranges.push((LabelId(2), words[w].0, words[w + 5].1));
            ranges.push((LabelId(0), words[w].0, words[w + 1].1));
        } else {
            let len = 1 + i % 3;
            ranges.push((LabelId((i % 3) as u8), words[w].0, words[w + len - 1].1));
        }
    }
    for label in 0..3u8 {
        let rs: Vec<CharRange> = ranges
            .iter()
            .filter(|r| r.0 == LabelId(label))
            .map(|r| CharRange::new(r.1, r.2).unwrap())
            .collect();
        e.add_spans(LabelId(label), &rs).unwrap();
    }
    e
}

fn unicode_words(text: &str) -> Vec<(usize, &str)> {
    use unicode_segmentation::UnicodeSegmentation;
    text.unicode_word_indices().collect()
}

fn edits(c: &mut Criterion) {
    let base = document(10_000);
    let n = base.doc().spans().len();
    let len = base.doc().text().len_chars();
    let mut g = c.benchmark_group(format!("edit among {n} spans"));
    g.bench_function("insert a span", |b| {
        b.iter_batched(
            || base.clone(),
            |mut e| e.add_span(LabelId(1), CharRange::new(len / 2, len / 2 + 7).unwrap()),
            BatchSize::LargeInput,
        )
    });
    let middle = base.doc().spans().at(n / 2).expect("the middle span");
    let (id, r) = (middle.id().clone(), middle.range());
    g.bench_function("delete a span", |b| {
        b.iter_batched(
            || base.clone(),
            |mut e| e.delete(&id),
            BatchSize::LargeInput,
        )
    });
    g.bench_function("resize a span", |b| {
        b.iter_batched(
            || base.clone(),
            |mut e| e.resize(&id, CharRange::new(r.start(), r.end() + 3).unwrap()),
            BatchSize::LargeInput,
        )
    });
    g.bench_function("clone the editor (what each action pays first)", |b| {
        b.iter(|| black_box(base.clone()))
    });
    g.finish();
}

fn pieces(c: &mut Criterion) {
    let e = document(10_000);
    let doc = e.doc();
    let blocks = doc.text().blocks();
    let mid = blocks.len() / 2;
    let mut g = c.benchmark_group("render pieces");
    g.bench_function("one block", |b| {
        b.iter(|| black_box(segment(blocks[mid].chars, &doc.block_spans(mid))))
    });
    g.bench_function(format!("whole article ({} blocks)", blocks.len()), |b| {
        b.iter(|| {
            for (i, blk) in blocks.iter().enumerate() {
                black_box(segment(blk.chars, &doc.block_spans(i)));
            }
        })
    });
    g.finish();
}

fn exports(c: &mut Criterion) {
    let e = document(10_000);
    let mut g = c.benchmark_group(format!("export {} spans", e.doc().spans().len()));
    g.sample_size(10);
    for kind in FormatKind::ALL {
        g.bench_function(kind.name(), |b| {
            b.iter(|| black_box(export_as(kind, e.doc(), &ExportOptions::default())))
        });
    }
    g.finish();
    // What every page load pays: reading the stored document back.
    let stored = article_annotator::format::native::export(e.doc());
    let mut g = c.benchmark_group(format!("import {} spans", e.doc().spans().len()));
    g.sample_size(10);
    g.bench_function("Article Annotator JSON", |b| {
        b.iter(|| black_box(article_annotator::format::native::import(&stored)))
    });
    g.finish();
}

fn find(c: &mut Criterion) {
    let e = document(10_000);
    let text = e.doc().text();
    let mut g = c.benchmark_group(format!("find in {} KB", text.as_str().len() / 1000));
    g.sample_size(20);
    g.measurement_time(Duration::from_secs(5));
    let cases = [
        (
            "a word, any case, whole word",
            "azerbaijan",
            false,
            false,
            true,
        ),
        ("a word, case-sensitive", "Netherlands", false, true, false),
        (
            "a regular expression",
            r"[A-Z][a-z]+ [A-Z][a-z]+",
            true,
            true,
            false,
        ),
    ];
    for (name, pattern, regex, case_sensitive, whole_word) in cases {
        let q = Query {
            pattern: pattern.to_string(),
            regex,
            case_sensitive,
            whole_word,
        };
        let hits = find_all(text, &q).map_or(0, |h| h.len());
        assert!(hits > 0, "{name} finds something");
        g.bench_function(format!("{name} ({hits} hits)"), |b| {
            b.iter(|| black_box(find_all(text, &q)))
        });
    }
    g.finish();
}

/// The corpus store (`format::store`): what storing, saving an edit and opening the document
/// cost.
fn stored(c: &mut Criterion) {
    let e = document(10_000);
    let record = DocRecord::new(e.doc(), BTreeMap::new(), 0);
    let (batch, created) = store::create(e.doc(), record.clone());
    // As the page holds it once the document is stored: its undo steps written too, so that a
    // save after one more span writes that span and its step (and not every step again).
    let (_, saved) = store::save(&created, &e, record.clone());
    let mut edited = e.clone();
    let len = e.doc().text().len_chars();
    edited
        .add_span(LabelId(1), CharRange::new(len / 2, len / 2 + 7).unwrap())
        .unwrap();
    let (one, _) = store::save(&saved, &edited, record.clone());
    let written = |f: fn(&Write) -> bool| one.writes.iter().filter(|w| f(w)).count();
    assert_eq!(
        (
            written(|w| matches!(w, Write::PutSpan { .. })),
            written(|w| matches!(w, Write::PutStep { .. }))
        ),
        (1, 1),
        "a save after one more span writes that span and its step"
    );
    let text = e.doc().text().as_str().to_string();
    let spans: Vec<String> = batch
        .writes
        .iter()
        .filter_map(|w| match w {
            Write::PutSpan { json, .. } => Some(json.clone()),
            _ => None,
        })
        .collect();
    let labels = e.doc().labels().clone();
    let mut g = c.benchmark_group(format!("store {} spans", spans.len()));
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(5));
    g.bench_function("create (every record)", |b| {
        b.iter(|| black_box(store::create(e.doc(), record.clone())))
    });
    g.bench_function("save after adding a span", |b| {
        b.iter(|| black_box(store::save(&saved, &edited, record.clone())))
    });
    g.bench_function("load", |b| {
        b.iter(|| {
            black_box(store::load(
                record.clone(),
                &text,
                &spans,
                None,
                &[],
                &labels,
            ))
        })
    });
    g.finish();
}

/// The fixture article cut to about 95,000 characters with 100,000 spans: every word carries
/// spans of one to three words under each of the three labels, as many as it takes.
fn large_native_file(spans: usize) -> String {
    let article = include_str!("../tests/fixtures/article.txt");
    let mut text = String::new();
    while text.chars().count() < 95_000 {
        text.push_str(article);
        text.push('\n');
    }
    let mut words = Vec::new();
    for (b, w) in unicode_words(&text) {
        let start = text[..b].chars().count();
        words.push((start, start + w.chars().count()));
    }
    let last = words.len() - 3;
    let spans: Vec<Span> = (0..spans)
        .map(|i| {
            let (w, k) = (i % last, i / last);
            let label = LabelId(u8::try_from((k / 3) % 3).unwrap());
            let range = CharRange::new(words[w].0, words[w + k % 3].1).unwrap();
            Span::new(SpanId::new(&format!("s{i}")), label, range).unwrap()
        })
        .collect();
    let doc = Document::new("large", &text, LabelSet::standard())
        .with_spans(spans)
        .unwrap();
    article_annotator::format::native::export(&doc)
}

fn large_imports(c: &mut Criterion) {
    // `cargo test --all-targets` runs each benchmark once to see that it works: a smaller file
    // then, so the debug build does not spend seconds on it.
    let spans = if std::env::args().any(|a| a == "--bench") {
        100_000
    } else {
        1_000
    };
    let file = large_native_file(spans);
    let mut g = c.benchmark_group(format!(
        "import a {:.1} MB native file of {spans} spans",
        file.len() as f64 / 1e6
    ));
    g.sample_size(10);
    g.bench_function("typed path (a file the app wrote)", |b| {
        b.iter(|| black_box(article_annotator::format::native::import(&file)))
    });
    g.bench_function("checked path (any other file)", |b| {
        b.iter(|| black_box(article_annotator::format::native::import_checked(&file)))
    });
    g.finish();
}

criterion_group!(benches, edits, pieces, exports, find, stored, large_imports);
criterion_main!(benches);
