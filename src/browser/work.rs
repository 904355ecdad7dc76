//! The worker's work: each request carried out with what the worker can reach (the files
//! sent, the corpus store in IndexedDB, which workers open too), progress reported as it
//! goes. The rules are in `corpus`, `format` and `review`; the messages in `tasks`. A batch
//! read waits here, in the worker, until the user confirms it: only its summary crosses to
//! the page.

use std::cell::RefCell;
use std::collections::BTreeMap;

use super::session::Session;
use crate::corpus::batch::{read_batch, Batch, BatchOptions, Limits};
use crate::corpus::dataset::{export_dataset, DatasetOptions};
use crate::corpus::split::{Proportions, SplitSpec};
use crate::corpus::DocSummary;
use crate::format::multi::Entry;
use crate::format::store::{self, DocRecord};
use crate::format::texts::{columns, delimiter_for};
use crate::format::{native, FormatKind, OffsetUnit};
use crate::model::{Document, LabelSet};
use crate::tasks::{self, Answer, BatchSummary, Reply, Request};

thread_local! {
    static SESSION: RefCell<Option<Session>> = const { RefCell::new(None) };
    /// The batch read last, waiting for the user.
    static BATCH: RefCell<Option<Batch>> = const { RefCell::new(None) };
}

async fn session() -> Result<Session, String> {
    if let Some(s) = SESSION.with(|s| s.borrow().clone()) {
        return Ok(s);
    }
    let s = Session::open().await.map_err(|e| e.to_string())?;
    SESSION.with(|cell| *cell.borrow_mut() = Some(s.clone()));
    Ok(s)
}

fn schema_of(json: &str) -> LabelSet {
    store::schema_from_json(json).unwrap_or_else(LabelSet::standard)
}

fn failed(why: impl std::fmt::Display) -> (Answer, Vec<(String, Vec<u8>)>) {
    (
        Answer::Failed {
            why: why.to_string(),
        },
        Vec::new(),
    )
}

mod retype;

type Progress<'a> = &'a dyn Fn(usize, usize, &str);

/// Carries out one request: the final answer, and files to send back (`(name, bytes)`).
pub async fn handle(
    req: Request,
    files: Vec<web_sys::File>,
    progress: Progress<'_>,
) -> (Answer, Vec<(String, Vec<u8>)>) {
    let result = match req {
        Request::Ping => return (tasks::pong(), Vec::new()),
        Request::ReadBatch {
            kind,
            text_column,
            repair,
            schema,
            annotator,
            as_suggestions,
        } => {
            let how = ReadHow {
                kind,
                text_column,
                repair,
                annotator,
                as_suggestions,
            };
            read(files, how, &schema_of(&schema), progress).await
        }
        Request::StoreBatch {
            skip_duplicates,
            repair,
            schema,
        } => store_batch(skip_duplicates, repair, &schema_of(&schema), progress).await,
        Request::Export {
            ids,
            kind,
            utf16,
            name,
            split,
            schema,
            gold,
        } => {
            let what = Export {
                kind,
                utf16,
                name,
                split,
                gold,
            };
            export(&ids, what, &schema_of(&schema), progress).await
        }
        Request::Convert {
            content,
            kind,
            utf16,
        } => convert(&content, kind, utf16),
        Request::Stats { ids, schema } => stats(&ids, &schema_of(&schema), progress).await,
        Request::Migrate { content, schema } => migrate(&content, &schema_of(&schema)).await,
        Request::Relabel {
            renames,
            deletes,
            restore,
            attrs,
            schema,
        } => relabel(&renames, &deletes, &restore, &attrs, &schema, progress).await,
        Request::Retype {
            renames,
            deletes,
            count_only,
            schema,
        } => retype::retype(&renames, &deletes, count_only, &schema, progress).await,
    };
    result.unwrap_or_else(failed)
}

async fn existing(s: &Session) -> Result<Vec<DocSummary>, String> {
    let (records, _) = s.records().await.map_err(|e| e.to_string())?;
    Ok(records.iter().map(DocRecord::summary).collect())
}

/// How a batch is read: the format chosen (`None` detects), the tables' text column, and
/// whether offered offset conversions are taken.
struct ReadHow {
    kind: Option<usize>,
    text_column: Option<String>,
    repair: bool,
    /// The annotator name set in the page, and whether the files are suggestions: what
    /// decides whether a file becomes layers (`review::intake`).
    annotator: String,
    as_suggestions: bool,
}

async fn read(
    files: Vec<web_sys::File>,
    how: ReadHow,
    schema: &LabelSet,
    progress: Progress<'_>,
) -> Result<(Answer, Vec<(String, Vec<u8>)>), String> {
    let s = session().await?;
    let total = files.len();
    let mut read_files = Vec::with_capacity(total);
    let mut cols: Vec<String> = Vec::new();
    for (i, f) in files.iter().enumerate() {
        let bytes = super::worker::read_file(f)?;
        let name = f.name();
        let lower = name.to_ascii_lowercase();
        if [".csv", ".tsv", ".tab"].iter().any(|e| lower.ends_with(e)) {
            let text = String::from_utf8_lossy(&bytes);
            for c in columns(&text, delimiter_for(&name, &text)) {
                if !cols.contains(&c) {
                    cols.push(c);
                }
            }
        }
        read_files.push((name, bytes));
        progress(i + 1, total, "files read");
    }
    let existing = existing(&s).await?;
    if let Some(stored) = as_layers(&s, &read_files, &how, &existing).await? {
        return Ok((stored, Vec::new()));
    }
    let opts = BatchOptions {
        kind: how.kind.and_then(|k| FormatKind::ALL.get(k).copied()),
        text_column: how.text_column.as_deref(),
        labels: schema,
        existing: &existing,
        limits: Limits::APP,
    };
    let mut batch = read_batch(&read_files, &opts).map_err(|e| e.to_string())?;
    if how.repair {
        for d in &mut batch.documents {
            d.apply_repair();
        }
    }
    let summary = BatchSummary::of(&batch, &existing, schema, cols);
    BATCH.with(|b| *b.borrow_mut() = Some(batch));
    Ok((Answer::BatchRead { summary }, Vec::new()))
}

/// Stores the files as layers when they are some (another annotator's file for documents the
/// corpus has, or suggestions; `review::intake` decides): `None` leaves them to the batch.
async fn as_layers(
    s: &Session,
    files: &[(String, Vec<u8>)],
    how: &ReadHow,
    existing: &[DocSummary],
) -> Result<Option<Answer>, String> {
    use crate::review::intake::{plan, Known, Mode};
    // Layers come from annotation files (JSON, JSON Lines, CoNLL): never from archives,
    // tables, plain texts or brat pairs, which only the batch reads.
    let batch_only = [".zip", ".csv", ".tsv", ".tab", ".txt", ".ann"];
    let mut texts = Vec::with_capacity(files.len());
    for (name, bytes) in files {
        let lower = name.to_ascii_lowercase();
        if batch_only.iter().any(|e| lower.ends_with(e)) {
            return Ok(None);
        }
        match std::str::from_utf8(bytes) {
            Ok(t) => texts.push((name.clone(), t.to_string())),
            Err(_) => return Ok(None),
        }
    }
    let known: Vec<Known> = existing
        .iter()
        .filter(|d| d.binned.is_none())
        .map(|d| Known {
            id: d.id.clone(),
            hash: d.hash.clone(),
        })
        .collect();
    let mode = if how.as_suggestions {
        Mode::Suggestions
    } else {
        Mode::Auto
    };
    let kind = how.kind.and_then(|k| FormatKind::ALL.get(k).copied());
    let Ok(Some(intake)) = plan(&texts, kind, mode, &how.annotator, &known) else {
        return Ok(None);
    };
    // New documents of their own spans and no layer are the batch's to read (its summary,
    // duplicates and limits).
    let (layers, new) = intake.counts();
    if layers == 0 {
        return Ok(None);
    }
    let records = crate::browser::review_store::store_intake(s, &intake)
        .await
        .map_err(|e| e.to_string())?;
    Ok(Some(Answer::LayersStored {
        records: records.iter().map(DocRecord::to_json).collect(),
        message: crate::review::intake::stored_words(layers, new),
    }))
}

async fn store_batch(
    skip_duplicates: bool,
    repair: bool,
    schema: &LabelSet,
    progress: Progress<'_>,
) -> Result<(Answer, Vec<(String, Vec<u8>)>), String> {
    let s = session().await?;
    let batch = BATCH
        .with(|b| b.borrow_mut().take())
        .ok_or("the files read are no longer here: read them again")?;
    let mut docs: Vec<(Document, BTreeMap<String, String>)> = Vec::new();
    for mut d in batch.documents {
        if skip_duplicates && d.duplicate.is_some() {
            continue;
        }
        if repair {
            d.apply_repair();
        }
        let meta = d.meta.clone();
        docs.push((d.imported.doc, meta));
    }
    let (schema, added) = s.grow_schema(schema, docs.iter().map(|(d, _)| d)).await?;
    let total = docs.len();
    let records = s
        .create(docs, |done| progress(done, total, "documents stored"))
        .await
        .map_err(|e| e.to_string())?;
    Ok((
        Answer::Stored {
            records: if records.len() > crate::tasks::RECORDS_AT_MOST {
                Vec::new()
            } else {
                records.iter().map(DocRecord::to_json).collect()
            },
            count: records.len(),
            spans: records.iter().map(DocRecord::spans).sum(),
            first: records.first().map(|r| r.id.clone()),
            schema: store::schema_to_json(&schema),
            added,
            notes: Vec::new(),
        },
        Vec::new(),
    ))
}

/// A dataset export's choices, as the request gives them.
struct Export {
    kind: usize,
    utf16: bool,
    name: String,
    split: Option<([u64; 3], u64, bool)>,
    gold: bool,
}

async fn export(
    ids: &[String],
    what: Export,
    schema: &LabelSet,
    progress: Progress<'_>,
) -> Result<(Answer, Vec<(String, Vec<u8>)>), String> {
    let Export {
        kind,
        utf16,
        name,
        split,
        gold,
    } = what;
    let s = session().await?;
    let kind = FormatKind::ALL.get(kind).copied().ok_or("no such format")?;
    let total = ids.len();
    let mut docs: Vec<(Document, BTreeMap<String, String>)> = Vec::with_capacity(total);
    let mut gold_notes = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        if let Some((editor, record, _)) = s.load(id, schema).await.map_err(|e| e.to_string())? {
            let mut doc = editor.doc().clone();
            if gold {
                let saved = crate::browser::review_store::saved_review(s.db(), id)
                    .await
                    .map_err(|e| e.to_string())?;
                let (taken, note) = crate::review::stored::gold_or_own(doc, saved.as_deref());
                doc = taken;
                gold_notes.extend(note);
            }
            docs.push((doc, record.meta));
        }
        progress(i + 1, total, "documents read");
    }
    s.close();
    let entries: Vec<Entry> = docs.iter().map(|(doc, meta)| Entry { doc, meta }).collect();
    let opts = DatasetOptions {
        offset_unit: if utf16 {
            OffsetUnit::Utf16
        } else {
            OffsetUnit::CodePoint
        },
        name,
        split: split.map(|(w, seed, stratify)| SplitSpec {
            proportions: Proportions(w),
            seed,
            stratify,
        }),
        ..DatasetOptions::default()
    };
    let dataset = export_dataset(kind, &entries, schema, &opts);
    let counts = dataset.counts();
    gold_notes.extend(dataset.notes);
    Ok((
        Answer::Exported {
            notes: gold_notes,
            counts,
        },
        dataset.files,
    ))
}

/// Label statistics from the stored spans alone (no text is read).
async fn stats(ids: &[String], schema: &LabelSet, progress: Progress<'_>) -> Result<Reply, String> {
    let s = session().await?;
    let names: Vec<&str> = schema.iter().map(|(_, l)| &*l.name).collect();
    let mut out = crate::corpus::stats::Stats::default();
    let total = ids.len();
    for (i, id) in ids.iter().enumerate() {
        let stored = s
            .db()
            .under(super::db::SPANS, id)
            .await
            .map_err(|e| e.to_string())?;
        let spans: Vec<store::SpanRecord> = stored
            .iter()
            .filter_map(|j| serde_json::from_str(j).ok())
            .collect();
        out.add_counted(
            id,
            &names,
            spans
                .iter()
                .map(|r| (r.label.as_str(), r.end.saturating_sub(r.start))),
        );
        for r in &spans {
            use crate::format::qualifiers::WireValue;
            let values = r.attrs.iter().map(|(n, v)| {
                let text = match v {
                    WireValue::Flag(true) => "yes",
                    WireValue::Flag(false) => "no",
                    WireValue::Text(t) => t.as_str(),
                };
                (n.as_str(), text)
            });
            out.add_values(&r.label, values, r.note.is_some());
        }
        if (i + 1) % 100 == 0 || i + 1 == total {
            progress(i + 1, total, "documents counted");
        }
    }
    Ok((Answer::Stats { stats: out }, Vec::new()))
}

/// One document, given as Article Annotator JSON, written in another format (its file name
/// from its title, as a single export names it).
fn convert(content: &str, kind: usize, utf16: bool) -> Result<Reply, String> {
    let kind = FormatKind::ALL.get(kind).copied().ok_or("no such format")?;
    let doc = native::import(content).map_err(|e| e.to_string())?.doc;
    let unit = if utf16 {
        OffsetUnit::Utf16
    } else {
        OffsetUnit::CodePoint
    };
    let out = crate::format::export_as(
        kind,
        &doc,
        &crate::format::ExportOptions { offset_unit: unit },
    );
    Ok((
        Answer::Exported {
            notes: out.dropped,
            counts: [1, 0, 0],
        },
        out.files,
    ))
}

async fn migrate(
    content: &str,
    schema: &LabelSet,
) -> Result<(Answer, Vec<(String, Vec<u8>)>), String> {
    let s = session().await?;
    let doc = native::import(content).map_err(|e| e.to_string())?.doc;
    let hash = crate::review::align::text_hash_hex(doc.text().as_str());
    // Moved already (the old keys were not removed before the page closed): nothing to do.
    let there = s.record(doc.id()).await.map_err(|e| e.to_string())?;
    if there.is_some_and(|r| r.hash == hash) || doc.text().is_empty() {
        return Ok((
            Answer::Stored {
                records: Vec::new(),
                count: 0,
                spans: 0,
                first: None,
                schema: store::schema_to_json(schema),
                added: Vec::new(),
                notes: Vec::new(),
            },
            Vec::new(),
        ));
    }
    let (schema, added) = s.grow_schema(schema, [&doc]).await?;
    let meta = BTreeMap::from([(
        "source".to_string(),
        "this browser, before the document list".to_string(),
    )]);
    let records = s
        .create(vec![(doc, meta)], |_| {})
        .await
        .map_err(|e| e.to_string())?;
    Ok((
        Answer::Stored {
            records: records.iter().map(DocRecord::to_json).collect(),
            count: records.len(),
            spans: records.iter().map(DocRecord::spans).sum(),
            first: records.first().map(|r| r.id.clone()),
            schema: store::schema_to_json(&schema),
            added,
            notes: vec![
                "Your article and its annotations moved into the new document list.".into(),
            ],
        },
        Vec::new(),
    ))
}

/// Rewrites every stored document a schema edit touches (a few dozen per transaction, each
/// over the revision read just before), then stores the edited schema; the records as now
/// stored and the spans a delete removed.
async fn relabel(
    renames: &[(String, String)],
    deletes: &[String],
    restore: &[(String, Vec<String>)],
    attrs: &[crate::format::relabel::AttrRewrite],
    schema: &str,
    progress: Progress<'_>,
) -> Result<Reply, String> {
    use crate::format::relabel::{self, Relabel};
    use crate::format::store::Batch;
    const CHUNK: usize = 50;
    let s = session().await?;
    let err = |e: crate::browser::db::StoreError| e.to_string();
    let how = Relabel {
        renames,
        deletes,
        attrs,
    };
    let (records, _) = s.records().await.map_err(err)?;
    let restoring: BTreeMap<&str, &Vec<String>> = restore
        .iter()
        .map(|(id, spans)| (id.as_str(), spans))
        .collect();
    let ids: Vec<String> = records
        .iter()
        .filter(|r| how.may_touch(r) || restoring.contains_key(r.id.as_str()))
        .map(|r| r.id.clone())
        .collect();
    let total = ids.len();
    let (mut out, mut removed) = (Vec::new(), Vec::new());
    let mut batches: Vec<Batch> = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        // Read again right before the rewrite, so the revision it goes over is current.
        let Some(record) = s.record(id).await.map_err(err)? else {
            continue;
        };
        let spans = s
            .db()
            .under(crate::browser::db::SPANS, id)
            .await
            .map_err(err)?;
        let rewritten = match restoring.get(id.as_str()) {
            Some(back) => relabel::restore(&record, &spans, back),
            None => {
                let steps = s
                    .db()
                    .under(crate::browser::db::HISTORY, id)
                    .await
                    .map_err(err)?;
                relabel::relabel(&record, &spans, &steps, &how)
            }
        };
        if let Some(r) = rewritten {
            batches.push(r.batch);
            out.push(r.record.to_json());
            if !r.removed.is_empty() {
                removed.push((id.clone(), r.removed));
            }
        }
        if batches.len() == CHUNK {
            s.db().commit(&batches).await.map_err(err)?;
            batches.clear();
        }
        progress(i + 1, total, "documents relabelled");
    }
    if !batches.is_empty() {
        s.db().commit(&batches).await.map_err(err)?;
    }
    s.put_meta(store::SCHEMA, schema).await.map_err(err)?;
    Ok((
        Answer::Relabelled {
            records: out,
            removed,
        },
        Vec::new(),
    ))
}
