//! The page's worker, both ends. [`Worker`] is the page's side: it starts the worker (from
//! `worker_loader.js`, which Trunk builds from `src/bin/worker.rs`) the first time something
//! is asked, numbers each request, and resolves it when the final answer comes, passing
//! progress on. [`serve`] is the worker's side: it reads each request and answers it
//! (`tasks`). Messages are `{id, json, files?}` objects: JSON for the request or answer, and
//! `File` objects or byte arrays beside it, which the browser hands over without copying them
//! into JSON.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::tasks::{self, Answer, Request};

/// The field of the message the worker sends once it listens.
const READY: &str = "ready";

/// Where the worker's loader is, beside the page.
const LOADER: &str = "./worker_loader.js";

type Progress = Rc<dyn Fn(usize, usize, &str)>;

struct Pending {
    progress: Progress,
    resolve: js_sys::Function,
}

/// The page's handle on the worker. Cheap to clone.
#[derive(Clone, Default)]
pub struct Worker {
    inner: Rc<RefCell<Option<Running>>>,
}

struct Running {
    worker: web_sys::Worker,
    pending: Rc<RefCell<HashMap<u64, Pending>>>,
    /// Messages waiting for the worker to be ready: it loads its wasm after its script has
    /// run, and a message that comes before it listens would be lost.
    queued: Rc<RefCell<Option<Vec<JsValue>>>>,
    next: u64,
    _listener: EventListener,
}

fn field(v: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(v, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

impl Worker {
    fn running(&self) -> Result<(), String> {
        if self.inner.borrow().is_some() {
            return Ok(());
        }
        let worker = web_sys::Worker::new(LOADER)
            .map_err(|_| "the browser could not start the app's worker".to_string())?;
        let pending: Rc<RefCell<HashMap<u64, Pending>>> = Rc::default();
        let queued: Rc<RefCell<Option<Vec<JsValue>>>> = Rc::new(RefCell::new(Some(Vec::new())));
        let listener = {
            let pending = pending.clone();
            let queued = queued.clone();
            let to = worker.clone();
            EventListener::new(&worker, "message", move |e| {
                let Some(e) = e.dyn_ref::<web_sys::MessageEvent>() else {
                    return;
                };
                let data = e.data();
                if field(&data, READY).is_truthy() {
                    let waiting = queued.borrow_mut().take().unwrap_or_default();
                    for msg in waiting {
                        let _ = to.post_message(&msg);
                    }
                    return;
                }
                let id = field(&data, "id").as_f64().unwrap_or(-1.0);
                let json = field(&data, "json").as_string().unwrap_or_default();
                let Some(answer) = tasks::from_json::<Answer>(&json) else {
                    return;
                };
                // Request numbers are small counters, exact as JavaScript numbers.
                let id = id as u64;
                match answer {
                    Answer::Progress { done, total, what } => {
                        let progress = pending.borrow().get(&id).map(|p| p.progress.clone());
                        if let Some(p) = progress {
                            p(done, total, &what);
                        }
                    }
                    _ => {
                        if let Some(p) = pending.borrow_mut().remove(&id) {
                            let _ = p.resolve.call1(&JsValue::NULL, &data);
                        }
                    }
                }
            })
        };
        *self.inner.borrow_mut() = Some(Running {
            worker,
            pending,
            queued,
            next: 0,
            _listener: listener,
        });
        Ok(())
    }

    /// Asks the worker; resolves with the final answer and whatever bytes came with it
    /// (`(name, bytes)`). `files` go to the worker beside the request.
    pub async fn ask(
        &self,
        req: &Request,
        files: &[web_sys::File],
        progress: impl Fn(usize, usize, &str) + 'static,
    ) -> Result<(Answer, Vec<(String, Vec<u8>)>), String> {
        self.running()?;
        let (promise, id, worker, queued) = {
            let mut guard = self.inner.borrow_mut();
            let Some(r) = guard.as_mut() else {
                return Err("the app's worker is not running".into());
            };
            r.next += 1;
            let id = r.next;
            let mut resolve = None;
            let promise = js_sys::Promise::new(&mut |ok, _| resolve = Some(ok));
            if let Some(resolve) = resolve {
                r.pending.borrow_mut().insert(
                    id,
                    Pending {
                        progress: Rc::new(progress),
                        resolve,
                    },
                );
            }
            (promise, id, r.worker.clone(), r.queued.clone())
        };
        let msg = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&msg, &"id".into(), &JsValue::from_f64(id as f64));
        let _ = js_sys::Reflect::set(&msg, &"json".into(), &tasks::to_json(req).into());
        let list: js_sys::Array = files.iter().cloned().map(JsValue::from).collect();
        let _ = js_sys::Reflect::set(&msg, &"files".into(), &list);
        let waiting = queued
            .borrow_mut()
            .as_mut()
            .map(|q| q.push(msg.clone().into()));
        if waiting.is_none() {
            worker
                .post_message(&msg)
                .map_err(|_| "the app's worker could not be reached".to_string())?;
        }
        let data = JsFuture::from(promise)
            .await
            .map_err(|_| "the app's worker stopped".to_string())?;
        let json = field(&data, "json").as_string().unwrap_or_default();
        let answer =
            tasks::from_json::<Answer>(&json).ok_or("the app's worker answered nonsense")?;
        let bytes = field(&data, "bytes");
        let names = field(&data, "names");
        let mut out = Vec::new();
        if let (Some(bytes), Some(names)) = (
            bytes.dyn_ref::<js_sys::Array>(),
            names.dyn_ref::<js_sys::Array>(),
        ) {
            for (b, n) in bytes.iter().zip(names.iter()) {
                if let (Ok(b), Some(n)) = (b.dyn_into::<js_sys::Uint8Array>(), n.as_string()) {
                    out.push((n, b.to_vec()));
                }
            }
        }
        Ok((answer, out))
    }
}

/// The worker's side: answers every request that comes. Called once by the worker's `main`.
pub fn serve() {
    let Ok(scope) = js_sys::global().dyn_into::<web_sys::DedicatedWorkerGlobalScope>() else {
        return;
    };
    // Imports check spans against grapheme clusters; the page that starts this worker has
    // installed the same engine, so it exists here too.
    let _ = super::graphemes::install();
    let reply_scope = scope.clone();
    let listener = EventListener::new(&scope, "message", move |e| {
        let Some(e) = e.dyn_ref::<web_sys::MessageEvent>() else {
            return;
        };
        let data = e.data();
        let id = field(&data, "id");
        let json = field(&data, "json").as_string().unwrap_or_default();
        let files: Vec<web_sys::File> = field(&data, "files")
            .dyn_into::<js_sys::Array>()
            .map(|a| a.iter().filter_map(|f| f.dyn_into().ok()).collect())
            .unwrap_or_default();
        let scope = reply_scope.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let post = |answer: &Answer, bytes: &[(String, Vec<u8>)]| {
                let msg = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&msg, &"id".into(), &id);
                let _ = js_sys::Reflect::set(&msg, &"json".into(), &tasks::to_json(answer).into());
                if !bytes.is_empty() {
                    let names: js_sys::Array =
                        bytes.iter().map(|(n, _)| JsValue::from_str(n)).collect();
                    let arrays: js_sys::Array = bytes
                        .iter()
                        .map(|(_, b)| JsValue::from(js_sys::Uint8Array::from(b.as_slice())))
                        .collect();
                    let _ = js_sys::Reflect::set(&msg, &"names".into(), &names);
                    let _ = js_sys::Reflect::set(&msg, &"bytes".into(), &arrays);
                }
                let _ = scope.post_message(&msg);
            };
            let (answer, bytes) = match tasks::from_json::<Request>(&json) {
                Some(req) => {
                    super::work::handle(req, files, &|done, total, what| {
                        post(
                            &Answer::Progress {
                                done,
                                total,
                                what: what.to_string(),
                            },
                            &[],
                        )
                    })
                    .await
                }
                None => (
                    Answer::Failed {
                        why: "the worker did not understand the request".into(),
                    },
                    Vec::new(),
                ),
            };
            post(&answer, &bytes);
        });
    });
    // The worker lives as long as the page: its listener too.
    std::mem::forget(listener);
    // Listening now: the page may send what it kept back.
    let ready = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&ready, &READY.into(), &JsValue::TRUE);
    let _ = scope.post_message(&ready);
}

/// Reads a `File` in the worker (where reading is allowed to wait).
pub fn read_file(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let reader =
        web_sys::FileReaderSync::new().map_err(|_| "files cannot be read here".to_string())?;
    let buffer = reader
        .read_as_array_buffer(file)
        .map_err(|_| format!("{} could not be read", file.name()))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
