//! Corpus benchmarks (criterion): reading a batch of 10,000 JSONL documents (about 20 MB,
//! multi-script texts, spans in two documents of three), summarising it for the import dialog,
//! sorting, filtering and searching the list of 10,000 documents, and the page's reducer
//! taking the list in at start and a saved document's record back into it (after every edit). Run with
//! `cargo bench --bench corpus`. Without `--bench` (as `cargo test --all-targets` runs it)
//! each bench runs once on a corpus of 100 documents, to check it still works.

use std::collections::{BTreeMap, BTreeSet};
use std::hint::black_box;
use std::rc::Rc;

use std::time::Duration;
use yew::Reducible;

use article_annotator::browser::session::Saving;
use article_annotator::corpus::batch::{read_batch, Batch, BatchOptions, Limits};
use article_annotator::corpus::{DocSummary, ListQuery, SortKey, Status};
use article_annotator::format::store::DocRecord;
use article_annotator::format::store_list;
use article_annotator::model::LabelSet;
use article_annotator::tasks::BatchSummary;
use article_annotator::view::state::{Action, AppState};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use serde_json::json;

/// Sentences in several scripts, each with the code point length of the entity it opens with.
const SENTENCES: [(&str, usize); 8] = [
    ("Merkel sagte „Wir schaffen das“ in Berlin. ", 6),
    ("Зеленський заявив про переговори у Києві. ", 10),
    ("قال الرئيس إن المفاوضات ستستمر في القاهرة. ", 3),
    ("習近平在北京會見了代表團，討論了貿易問題。", 3),
    ("Família 👨‍👩‍👧 e 👍🏽 aparecem na citação.\r\n", 7),
    ("Análisis de la economía española en 2024. ", 9),
    ("שר החוץ נפגש עם השגרירה בירושלים. ", 2),
    ("Ο πρωθυπουργός μίλησε στη Βουλή για την οικονομία. ", 1),
];

const TITLES: [&str; 6] = [
    "Merkel in Berlin",
    "Переговори у Києві",
    "المفاوضات في القاهرة",
    "北京會見",
    "Análisis 😀",
    "Économie française",
];

/// How many documents: 10,000 when benchmarking, 100 in test mode.
fn documents() -> usize {
    if std::env::args().any(|a| a == "--bench") {
        10_000
    } else {
        100
    }
}

/// `n` JSONL lines of about 1.3 KB of text each (2 KB with the spans); two documents of three
/// have a span on the entity of each of their sentences.
fn jsonl(n: usize) -> Vec<u8> {
    let mut out = String::new();
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    for i in 0..n {
        let (mut text, mut chars, mut spans) = (String::new(), 0usize, Vec::new());
        while text.len() < 1_300 {
            // xorshift: the same corpus on every run.
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let (sentence, entity) = SENTENCES[(seed % 8) as usize];
            if i % 3 != 2 {
                spans.push(json!({"start": chars, "end": chars + entity, "label": "Entity"}));
            }
            text.push_str(sentence);
            chars += sentence.chars().count();
        }
        let title = format!("{} {i}", TITLES[i % TITLES.len()]);
        let line = json!({
            "id": format!("doc-{i}"),
            "text": text,
            "spans": spans,
            "meta": {"title": title, "source": "bench"},
        });
        out.push_str(&line.to_string());
        out.push('\n');
    }
    out.into_bytes()
}

fn read(files: &[(String, Vec<u8>)], labels: &LabelSet) -> Batch {
    let opts = BatchOptions {
        kind: None,
        text_column: None,
        labels,
        existing: &[],
        limits: Limits::NONE,
    };
    read_batch(files, &opts).expect("the bench corpus reads")
}

/// The list's summaries of `batch`, statuses spread over the four.
fn summaries(batch: &Batch) -> Vec<DocSummary> {
    batch
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let mut s = DocSummary::of(d.doc(), i as u64);
            s.status = Status::ALL[i % 4];
            s
        })
        .collect()
}

fn batch(c: &mut Criterion) {
    let n = documents();
    let labels = LabelSet::standard();
    let files = vec![("corpus.jsonl".to_string(), jsonl(n))];
    let mb = files[0].1.len() as f64 / 1e6;
    let batch = read(&files, &labels);
    assert_eq!(batch.documents.len(), n);
    assert!(batch.faults.is_empty(), "{:?}", batch.faults.first());
    let mut g = c.benchmark_group(format!("batch of {n} JSONL documents ({mb:.1} MB)"));
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    g.bench_function("corpus::batch::read_batch", |b| {
        b.iter(|| black_box(read(&files, &labels)))
    });
    g.bench_function("tasks::BatchSummary::of", |b| {
        b.iter(|| black_box(BatchSummary::of(&batch, &[], &labels, Vec::new())))
    });
    g.finish();

    let docs = summaries(&batch);
    let hits = BTreeSet::new();
    let mut g = c.benchmark_group(format!("list of {n} documents"));
    g.sample_size(20);
    g.measurement_time(Duration::from_secs(5));
    let cases = [
        ("the default order", ListQuery::default()),
        (
            "by title, descending",
            ListQuery {
                sort: SortKey::Title,
                descending: true,
                ..ListQuery::default()
            },
        ),
        (
            "by spans",
            ListQuery {
                sort: SortKey::Spans,
                ..ListQuery::default()
            },
        ),
        (
            "by spans, new or in progress, with an Entity, title search",
            ListQuery {
                sort: SortKey::Spans,
                statuses: vec![Status::New, Status::InProgress],
                label: Some("Entity".to_string()),
                search: "КИЄВІ".to_string(),
                ..ListQuery::default()
            },
        ),
    ];
    for (name, q) in cases {
        assert!(!q.apply(&docs, &hits).is_empty(), "{name} shows documents");
        g.bench_function(format!("ListQuery::apply: {name}"), |b| {
            b.iter(|| black_box(q.apply(&docs, &hits)))
        });
    }

    // What the page does with each save's answer: the document's record back into the list.
    let records: Vec<DocRecord> = batch
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let meta = BTreeMap::from([("source".to_string(), "bench".to_string())]);
            DocRecord::new(d.doc(), meta, i as u64)
        })
        .collect();
    let mut state = AppState::default();
    state.apply(Action::ListLoaded {
        records: records.clone(),
        unreadable: 0,
    });
    let state = Rc::new(state);
    // What the page does at every start with a corpus: every record, in the order the list
    // index gives them (by chunk), into the list. Once created by one import at the same time,
    // once with the times an import gives (one a record, in import order): each chunk of the
    // index then holds its records in the list's order, so they come as 64 runs in order.
    let same_time: Vec<DocRecord> = records
        .iter()
        .map(|r| DocRecord {
            created: 1,
            ..r.clone()
        })
        .collect();
    for (name, mut indexed) in [("", same_time), (" (import times)", records.clone())] {
        indexed.sort_by_key(|r| store_list::chunk_of(&r.id));
        g.bench_function(
            format!("AppState::apply: the list loaded from the index{name}"),
            |b| {
                b.iter_batched(
                    || indexed.clone(),
                    |records| {
                        let mut s = AppState::default();
                        s.apply(Action::ListLoaded {
                            records,
                            unreadable: 0,
                        });
                        black_box(s)
                    },
                    BatchSize::LargeInput,
                )
            },
        );
    }
    let mut saved = records[n / 2].clone();
    saved.revision += 1;
    g.bench_function("AppState::reduce: a saved record back into the list", |b| {
        b.iter(|| {
            let action = Action::Saved(Saving::Stored(saved.clone()));
            black_box(state.clone().reduce(action))
        })
    });
    g.finish();
}

criterion_group!(benches, batch);
criterion_main!(benches);
