//! Carrying out the store work the reducer asks for (`state::Job`): after each render, every
//! job not yet started is run once against the session (or sent to the worker: imports and
//! exports), and its results come back as actions. Also the start-up (open the store, move a
//! document kept by an older version of the app into it, read the list) and what other tabs
//! say.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use yew::prelude::*;

use super::state::{Action, AppState, Change, Job, Progress, ReviewAction};
use super::Dispatcher;
use crate::browser::channel::{Channel, News};
use crate::browser::files;
use crate::browser::out_of_line;
use crate::browser::session::{now, Session};
use crate::browser::storage;
use crate::browser::worker::Worker;
use crate::format::store::{self, DocRecord, Status as StoredStatus};
use crate::format::FormatKind;
use crate::model::LabelSet;
use crate::tasks::{Answer, Reply, Request};

/// The session once the store is open, shared by the jobs, the saver and the channel.
pub type SharedSession = Rc<RefCell<Option<Session>>>;

/// Runs the jobs of `state` that have not been started yet.
#[hook]
pub fn use_jobs(
    state: &UseReducerHandle<AppState>,
    session: &SharedSession,
    channel: &Rc<RefCell<Option<Channel>>>,
    worker: &Worker,
) {
    // The highest serial started: serials only grow, and each render starts every job it
    // lists that was not started before.
    let started: Rc<RefCell<u64>> = use_mut_ref(|| 0);
    let jobs = state.corpus.jobs.clone();
    let ready = state.corpus.ready;
    let state = state.clone();
    let session = session.clone();
    let channel = channel.clone();
    let worker = worker.clone();
    use_effect_with((jobs, ready), move |(jobs, _)| {
        let Some(s) = session.borrow().clone() else {
            // The store is not open yet: the jobs wait for the next render.
            return;
        };
        let from = *started.borrow();
        for (serial, job) in jobs.iter() {
            if *serial <= from {
                continue;
            }
            started.replace_with(|last| (*last).max(*serial));
            let (s, job, serial) = (s.clone(), job.clone(), *serial);
            let dispatcher = state.dispatcher();
            // Shared, not copied: most jobs never look at the records.
            let records = state.corpus.records.clone();
            let channel = channel.clone();
            let labels = state.corpus.labels.clone();
            let worker = worker.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let tell = |news: News| {
                    if let Some(c) = channel.borrow().as_ref() {
                        c.tell(&news);
                    }
                };
                let ctx = Ctx {
                    s: &s,
                    records: &records,
                    labels: &labels,
                    dispatcher: &dispatcher,
                    tell: &tell,
                    worker: &worker,
                };
                run(&ctx, job).await;
                dispatcher.dispatch(Action::JobDone(serial));
            });
        }
    });
}

/// What a job runs with.
struct Ctx<'a> {
    s: &'a Session,
    /// The records as the reducer held them when the job was asked for.
    records: &'a Rc<Vec<Rc<DocRecord>>>,
    labels: &'a LabelSet,
    dispatcher: &'a Dispatcher,
    /// Tells other tabs.
    tell: &'a dyn Fn(News),
    worker: &'a Worker,
}

/// Each job's work. The jobs a typical visit runs (the list, opening a document, creating the
/// pasted ones) are awaited here; the others out of line ([`out_of_line`]), so their code is
/// not part of this function's: the page's first wasm part holds the functions a visit runs
/// (scripts/split.sh), and this one runs at every start.
///
/// Jobs are shared (`Rc`), never cloned whole here: cloning a `Job` takes code for every kind
/// of job, so only the functions for the rarer jobs make their own copy.
async fn run(ctx: &Ctx<'_>, job: Rc<Job>) {
    let (s, labels, dispatcher, tell) = (ctx.s, ctx.labels, ctx.dispatcher, ctx.tell);
    let fail = |e: &dyn std::fmt::Display| failed(dispatcher, e);
    match &*job {
        Job::LoadList => {
            load_list(s, dispatcher).await;
            // Another tab may have edited the schema (its news is "reread the list").
            if let Ok(Some(labels)) = s
                .meta(store::SCHEMA)
                .await
                .map(|j| j.and_then(|j| store::schema_from_json(&j)))
            {
                dispatcher.dispatch(Action::SchemaRead(labels));
            }
        }
        Job::Open(id) => match s.load(id, labels).await {
            Ok(Some((editor, record, unreadable))) => {
                // The benchmark's "render after the document is ready" starts here.
                crate::browser::perf::mark("doc-ready");
                dispatcher.dispatch(Action::DocumentOpened {
                    id: id.clone(),
                    editor,
                    record: Box::new(record),
                    unreadable,
                })
            }
            Ok(None) => fail(&"that document is no longer in this browser's corpus"),
            Err(e) => fail(&e),
        },
        Job::Create { docs, open } => {
            let (docs, open) = ((**docs).clone(), *open);
            // The labels the new documents bring join the corpus's schema first.
            let schema = match s.grow_schema(labels, docs.iter().map(|(d, _)| d)).await {
                Ok((schema, added)) => {
                    if !added.is_empty() {
                        dispatcher.dispatch(Action::Schema {
                            labels: schema.clone(),
                            added,
                        });
                    }
                    schema
                }
                Err(e) => return fail(&e),
            };
            match s.create(docs, |_| {}).await {
                Ok(created) => {
                    let first = created.first().map(|r| r.id.clone());
                    dispatcher.dispatch(Action::RecordsStored(created));
                    tell(News::List);
                    if let (true, Some(id)) = (open, first) {
                        match s.load(&id, &schema).await {
                            Ok(Some((editor, record, unreadable))) => {
                                dispatcher.dispatch(Action::DocumentOpened {
                                    id,
                                    editor,
                                    record: Box::new(record),
                                    unreadable,
                                })
                            }
                            Ok(None) => {}
                            Err(e) => fail(&e),
                        }
                    }
                }
                Err(e) => fail(&e),
            }
        }
        Job::ReadBatch(_)
        | Job::StoreBatch { .. }
        | Job::Export { .. }
        | Job::Convert { .. }
        | Job::Stats(_)
        | Job::Relabel { .. }
        // Out of line: a typical visit imports and exports nothing, and runs no rare job.
        | Job::Retype { .. } => out_of_line(worker_job(ctx, job.clone())).await,
        _ => out_of_line(rare_job(ctx, job.clone())).await,
    }
}

/// Tells the user why a job failed, as a sentence.
fn failed(dispatcher: &Dispatcher, e: &dyn std::fmt::Display) {
    dispatcher.dispatch(Action::JobFailed(super::state::messages::sentence(
        &e.to_string(),
    )))
}

/// The jobs a typical visit does not run (awaited out of line by [`run`]).
async fn rare_job(ctx: &Ctx<'_>, job: Rc<Job>) {
    let (s, records, labels, dispatcher, tell) =
        (ctx.s, ctx.records, ctx.labels, ctx.dispatcher, ctx.tell);
    let fail = |e: &dyn std::fmt::Display| failed(dispatcher, e);
    match Job::clone(&job) {
        Job::PutSchema(labels) => {
            match s
                .put_meta(store::SCHEMA, &store::schema_to_json(&labels))
                .await
            {
                Ok(()) => tell(News::List),
                Err(e) => fail(&e),
            }
        }
        Job::Refresh(id) => match s.record(&id).await {
            Ok(Some(r)) => dispatcher.dispatch(Action::RecordsStored(vec![r])),
            Ok(None) => dispatcher.dispatch(Action::RecordsGone(vec![id])),
            Err(e) => fail(&e),
        },
        Job::Change { ids, change } => {
            let targets = with_ids(records, &ids);
            let when = now();
            let result = s
                .change(&targets, |r| match change {
                    Change::Status(status) => r.status = StoredStatus::from(status),
                    Change::Bin => r.binned = Some(when),
                    Change::Restore => r.binned = None,
                })
                .await;
            match result {
                Ok(stored) => {
                    for r in &stored {
                        tell(News::Doc {
                            id: r.id.clone(),
                            revision: r.revision,
                        });
                    }
                    dispatcher.dispatch(Action::RecordsStored(stored));
                }
                // Another tab changed one of them meanwhile: show the list as stored.
                Err(e) => {
                    fail(&e);
                    dispatcher.dispatch(Action::LoadList);
                }
            }
        }
        Job::SearchText(search) => {
            let mut ids = std::collections::BTreeSet::new();
            let found = s
                .db()
                .scan(crate::browser::db::TEXTS, 200, |chunk| {
                    for (id, text) in chunk {
                        if crate::corpus::list::text_matches(&text, &search) {
                            ids.insert(id);
                        }
                    }
                })
                .await;
            match found {
                Ok(()) => dispatcher.dispatch(Action::TextHits { search, ids }),
                Err(e) => fail(&e),
            }
        }
        Job::Review(job) => {
            (super::pages::pages().run_review_job)(s, job, &by_id(records), labels, dispatcher)
                .await
        }
        Job::Delete(ids) => {
            let targets = with_ids(records, &ids);
            match s.delete(&targets).await {
                Ok(()) => {
                    tell(News::List);
                    dispatcher.dispatch(Action::RecordsGone(ids));
                }
                Err(e) => {
                    fail(&e);
                    dispatcher.dispatch(Action::LoadList);
                }
            }
        }
        // Run by `run` itself.
        Job::LoadList
        | Job::Open(_)
        | Job::Create { .. }
        | Job::ReadBatch(_)
        | Job::StoreBatch { .. }
        | Job::Export { .. }
        | Job::Convert { .. }
        | Job::Stats(_)
        | Job::Relabel { .. }
        | Job::Retype { .. } => {}
    }
}

/// Every record by id.
fn by_id(records: &[Rc<DocRecord>]) -> BTreeMap<String, DocRecord> {
    records
        .iter()
        .map(|r| (r.id.clone(), (**r).clone()))
        .collect()
}

/// The records of `ids`, in the order of `ids` (only those are copied).
fn with_ids(records: &[Rc<DocRecord>], ids: &[String]) -> Vec<DocRecord> {
    let at: std::collections::HashMap<&str, &DocRecord> =
        records.iter().map(|r| (r.id.as_str(), &**r)).collect();
    ids.iter()
        .filter_map(|id| at.get(id.as_str()).map(|r| (*r).clone()))
        .collect()
}

/// Reads every document's record for the list.
async fn load_list(s: &Session, dispatcher: &Dispatcher) {
    crate::browser::perf::mark("list-asked");
    match s.records().await {
        Ok((records, unreadable)) => {
            crate::browser::perf::mark("list-parsed");
            dispatcher.dispatch(Action::ListLoaded {
                records,
                unreadable,
            });
            crate::browser::perf::mark("list-dispatched");
        }
        Err(e) => dispatcher.dispatch(Action::JobFailed(super::state::messages::sentence(
            &e.to_string(),
        ))),
    }
}

fn kind_index(kind: FormatKind) -> usize {
    FormatKind::ALL.iter().position(|k| *k == kind).unwrap_or(0)
}

/// Passes the worker's progress on to the reducer.
fn progress(dispatcher: &Dispatcher) -> impl Fn(usize, usize, &str) + 'static {
    let dispatcher = dispatcher.clone();
    move |done, total, what| {
        dispatcher.dispatch(Action::TransferProgress(Progress {
            done,
            total,
            what: what.to_string(),
        }))
    }
}

/// Downloads what the worker wrote; the names, or why not.
fn download(files: &[(String, Vec<u8>)], kind: FormatKind) -> Result<Vec<String>, String> {
    for (name, bytes) in files {
        let mime = if name.ends_with(".zip") {
            "application/zip"
        } else {
            kind.mime()
        };
        files::download_bytes(name, bytes, mime)
            .map_err(|e| format!("the download failed: {e}"))?;
    }
    Ok(files.iter().map(|(n, _)| n.clone()).collect())
}

/// The jobs the worker does: reading and storing imports, writing exports.
async fn worker_job(ctx: &Ctx<'_>, job: Rc<Job>) {
    let dispatcher = ctx.dispatcher;
    let schema = store::schema_to_json(ctx.labels);
    let failed = |why: String| dispatcher.dispatch(Action::TransferFailed(why));
    match Job::clone(&job) {
        Job::ReadBatch(incoming) => {
            let req = Request::ReadBatch {
                kind: incoming.kind.map(kind_index),
                text_column: incoming.text_column.clone(),
                repair: incoming.repair,
                schema,
                annotator: incoming.annotator.to_string(),
                as_suggestions: incoming.as_suggestions,
            };
            match ctx
                .worker
                .ask(&req, incoming.files.list(), progress(dispatcher))
                .await
            {
                Ok((Answer::BatchRead { summary }, _)) => {
                    dispatcher.dispatch(Action::BatchRead { incoming, summary })
                }
                // Another annotator's file, or suggestions: stored as layers at once.
                Ok((Answer::LayersStored { records, message }, _)) => {
                    let records: Vec<DocRecord> = records
                        .iter()
                        .filter_map(|r| DocRecord::from_json(r))
                        .collect();
                    (ctx.tell)(News::List);
                    dispatcher.dispatch(Action::Review(ReviewAction::IntakeStored {
                        records,
                        message,
                    }))
                }
                Ok((Answer::Failed { why }, _)) => {
                    dispatcher.dispatch(Action::TransferFailed(format!(
                        "{} could not be imported: {why}; nothing was changed",
                        incoming.files.names
                    )))
                }
                Ok(_) => failed("the app's worker answered something else".into()),
                Err(e) => failed(e),
            }
        }
        Job::StoreBatch {
            skip_duplicates,
            open,
        } => {
            let req = Request::StoreBatch {
                skip_duplicates,
                repair: false,
                schema,
            };
            match ctx.worker.ask(&req, &[], progress(dispatcher)).await {
                Ok((
                    Answer::Stored {
                        records,
                        count,
                        spans,
                        first,
                        schema,
                        added,
                        ..
                    },
                    _,
                )) => {
                    let records: Vec<DocRecord> = records
                        .iter()
                        .filter_map(|r| DocRecord::from_json(r))
                        .collect();
                    (ctx.tell)(News::List);
                    dispatcher.dispatch(Action::BatchStored {
                        records,
                        count,
                        spans,
                        first,
                        schema,
                        added,
                        open,
                    })
                }
                Ok((Answer::Failed { why }, _)) => failed(why),
                Ok(_) => failed("the app's worker answered something else".into()),
                Err(e) => failed(e),
            }
        }
        Job::Export {
            ids,
            kind,
            utf16,
            name,
            split,
            gold,
            annotator,
        } => {
            let req = Request::Export {
                ids: (*ids).clone(),
                kind: kind_index(kind),
                utf16,
                name,
                split,
                schema,
                gold,
            };
            exported(
                ctx,
                ctx.worker.ask(&req, &[], progress(dispatcher)).await,
                kind,
                &annotator,
            );
        }
        Job::Stats(ids) => {
            let req = Request::Stats {
                ids: (*ids).clone(),
                schema,
            };
            match ctx.worker.ask(&req, &[], progress(dispatcher)).await {
                Ok((Answer::Stats { stats }, _)) => {
                    dispatcher.dispatch(Action::StatsCounted(stats))
                }
                Ok((Answer::Failed { why }, _)) => failed(why),
                Ok(_) => failed("the app's worker answered something else".into()),
                Err(e) => failed(e),
            }
        }
        Job::Convert {
            content,
            kind,
            utf16,
            annotator,
        } => {
            let req = Request::Convert {
                content: content.to_string(),
                kind: kind_index(kind),
                utf16,
            };
            exported(
                ctx,
                ctx.worker.ask(&req, &[], progress(dispatcher)).await,
                kind,
                &annotator,
            );
        }
        Job::Retype {
            labels,
            renames,
            deletes,
            count_only,
        } => {
            ctx.s.flush().await;
            let req = Request::Retype {
                renames,
                deletes,
                count_only,
                schema: store::schema_to_json(&labels),
            };
            match ctx.worker.ask(&req, &[], progress(dispatcher)).await {
                Ok((
                    Answer::Retyped {
                        removed,
                        documents,
                        records,
                    },
                    _,
                )) => {
                    let records: Vec<DocRecord> = records
                        .iter()
                        .filter_map(|r| DocRecord::from_json(r))
                        .collect();
                    if !count_only {
                        (ctx.tell)(News::List);
                    }
                    dispatcher.dispatch(Action::Retyped {
                        removed,
                        documents,
                        records,
                    });
                }
                Ok((Answer::Failed { why }, _)) => {
                    failed(format!("the relation types could not be changed: {why}"))
                }
                Ok(_) => failed("the app's worker answered something else".into()),
                Err(e) => failed(e),
            }
        }
        Job::Relabel {
            labels,
            renames,
            deletes,
            restore,
            attrs,
        } => {
            // The open document's last changes are written first: the worker rewrites what
            // the store holds.
            ctx.s.flush().await;
            let req = Request::Relabel {
                renames,
                deletes,
                restore: (*restore).clone(),
                attrs,
                schema: store::schema_to_json(&labels),
            };
            match ctx.worker.ask(&req, &[], progress(dispatcher)).await {
                Ok((Answer::Relabelled { records, removed }, _)) => {
                    let records: Vec<DocRecord> = records
                        .iter()
                        .filter_map(|r| DocRecord::from_json(r))
                        .collect();
                    (ctx.tell)(News::List);
                    dispatcher.dispatch(Action::Relabelled { records, removed });
                }
                Ok((Answer::Failed { why }, _)) => {
                    failed(format!("the labels could not be changed: {why}"))
                }
                Ok(_) => failed("the app's worker answered something else".into()),
                Err(e) => failed(e),
            }
        }
        _ => {}
    }
}

/// Downloads an export's files and says what came of it.
fn exported(ctx: &Ctx<'_>, answer: Result<Reply, String>, kind: FormatKind, annotator: &str) {
    let dispatcher = ctx.dispatcher;
    let failed =
        |why: String| dispatcher.dispatch(Action::TransferFailed(format!("export failed: {why}")));
    match answer {
        Ok((Answer::Exported { notes, counts }, mut files)) => {
            // The annotator, where the format has a place for it.
            for (_, bytes) in &mut files {
                *bytes = crate::format::annotator::stamp(kind, bytes, annotator);
            }
            match download(&files, kind) {
                Ok(names) => dispatcher.dispatch(Action::Exported {
                    names,
                    notes,
                    counts,
                    kind,
                }),
                Err(e) => failed(e),
            }
        }
        Ok((Answer::Failed { why }, _)) => failed(why),
        Ok(_) => failed("the app's worker answered something else".into()),
        Err(e) => failed(e),
    }
}

/// Opens the store, moves a document an older version of the app kept in localStorage into
/// it (once: the old keys are removed only after the move is written), asks for the list, and
/// opens `reopen` (the document open when the page was last left) again.
pub async fn start(
    dispatcher: Dispatcher,
    reopen: Option<String>,
    worker: Worker,
) -> Option<Session> {
    let session = match Session::open().await {
        Ok(s) => s,
        Err(e) => {
            dispatcher.dispatch(Action::StorageResult(Err(e.to_string())));
            return None;
        }
    };
    crate::browser::perf::mark("store-open");
    // The list is what the home screen waits for: it is read at once, alongside the rest of
    // the start-up, and read again below only if the start-up changed the stored documents.
    {
        let (s, d) = (session.clone(), dispatcher.clone());
        wasm_bindgen_futures::spawn_local(async move { load_list(&s, &d).await });
    }
    let mut labels = LabelSet::standard();
    match session.meta(store::SCHEMA).await {
        Ok(Some(json)) => match store::schema_from_json(&json) {
            Some(l) => {
                labels = l.clone();
                dispatcher.dispatch(Action::Schema {
                    labels: l,
                    added: Vec::new(),
                })
            }
            None => dispatcher.dispatch(Action::JobFailed(
                "The corpus's label list could not be read; the standard labels are used.".into(),
            )),
        },
        Ok(None) => {}
        Err(e) => dispatcher.dispatch(Action::StorageResult(Err(e.to_string()))),
    }
    super::review::jobs::load_annotator(&session, &dispatcher).await;
    let mut changed = false;
    if let Some(old) = storage::load(storage::DOC_KEY) {
        // Out of line: this function runs at every start, a move only once.
        out_of_line(migrate(&worker, &old, &labels, &dispatcher)).await;
        changed = true;
    }
    match session.recover(&labels).await {
        Ok(0) => {}
        Ok(n) => {
            changed = true;
            dispatcher.dispatch(Action::Notify(super::state::Notice::Info(format!(
                "Changes to {n} document{} that were still being saved when the page closed have been saved now.",
                super::state::plural(n)
            ))))
        }
        Err(e) => dispatcher.dispatch(Action::StorageResult(Err(e.to_string()))),
    }
    if changed {
        dispatcher.dispatch(Action::LoadList);
    }
    // The review page opens the review or agreement the annotator's page sent it to.
    (super::pages::pages().arrived)(&dispatcher);
    // The document open when the page was last left opens again.
    if let Some(id) = reopen.filter(|id| !id.is_empty()) {
        if matches!(session.stored(&id).await, Ok(true)) {
            dispatcher.dispatch(Action::OpenDocument(id));
        }
    }
    // Ask the browser to keep the corpus; the settings panel shows the answer. Not awaited:
    // a browser may ask the user first, and nothing else waits for the answer.
    wasm_bindgen_futures::spawn_local(async {
        let _ = crate::browser::quota::persist().await;
    });
    Some(session)
}

/// Moves the document an older version kept in localStorage into the store (the worker reads
/// it and stores it, unless the store has it already: a move that was written but whose old
/// keys were not yet removed); the old keys go only once the store holds it. An unreadable
/// one stays where it is, and a copy is kept aside.
async fn migrate(worker: &Worker, old: &str, labels: &LabelSet, dispatcher: &Dispatcher) {
    let req = Request::Migrate {
        content: old.to_string(),
        schema: store::schema_to_json(labels),
    };
    match worker.ask(&req, &[], |_, _, _| {}).await {
        Ok((
            Answer::Stored {
                schema,
                added,
                notes,
                ..
            },
            _,
        )) => {
            if let Some(labels) = store::schema_from_json(&schema) {
                dispatcher.dispatch(Action::Schema { labels, added });
            }
            for note in notes {
                dispatcher.dispatch(Action::Notify(super::state::Notice::Info(note)));
            }
            storage::remove(storage::DOC_KEY);
            storage::remove(storage::REVISION_KEY);
        }
        Ok((Answer::Failed { why }, _)) => {
            let _ = storage::save(storage::RECOVERED_KEY, old);
            dispatcher.dispatch(Action::JobFailed(format!(
                "Your saved work could not be read ({why}). It has been kept in browser storage under \
                 \"article-annotator/recovered\"; nothing was deleted."
            )));
        }
        Ok(_) => {}
        Err(e) => dispatcher.dispatch(Action::StorageResult(Err(e))),
    }
}

/// What to do when another tab says it wrote something.
pub fn heard(news: News, state: &AppState, session: &Session, dispatcher: &Dispatcher) {
    match news {
        News::List => dispatcher.dispatch(Action::LoadList),
        News::Doc { id, revision } => {
            dispatcher.dispatch(Action::RefreshRecord(id.clone()));
            let open_here = session.open_revision();
            if let Some((open, held)) = open_here {
                if open == id
                    && revision > held
                    && state.corpus.open.as_deref() == Some(id.as_str())
                {
                    if session.unsaved() {
                        dispatcher
                            .dispatch(Action::Saved(crate::browser::session::Saving::Conflict));
                    } else {
                        // Nothing of this tab's is unsaved: show the other tab's version.
                        dispatcher.dispatch(Action::OpenDocument(id));
                    }
                }
            }
        }
    }
}
