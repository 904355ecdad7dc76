//! Browser storage (localStorage): where the document and the paste box draft live between
//! visits. Every failure (storage blocked, quota exceeded) comes back as a message instead of
//! a panic, because the app must keep working in memory when storage refuses.
//!
//! gloo-storage is not used: its `raw()` throws when storage is unavailable, which is exactly
//! the case this module must survive.

use std::cell::RefCell;

use gloo_timers::callback::Timeout;

/// The current document, in the native format.
pub const DOC_KEY: &str = "article-annotator/document";
/// The paste box, exactly as pasted.
pub const DRAFT_KEY: &str = "article-annotator/draft";
/// A stored document that could not be read back, kept rather than overwritten.
pub const RECOVERED_KEY: &str = "article-annotator/recovered";

fn storage() -> Result<web_sys::Storage, String> {
    let window = web_sys::window().ok_or("there is no browser window")?;
    match window.local_storage() {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err("this browser offers no local storage".into()),
        Err(_) => Err(
            "the browser blocks local storage for this page (private mode or a privacy setting)"
                .into(),
        ),
    }
}

/// What is stored under `key`, if anything can be read.
pub fn load(key: &str) -> Option<String> {
    storage().ok()?.get_item(key).ok().flatten()
}

/// Stores `value` under `key`.
pub fn save(key: &str, value: &str) -> Result<(), String> {
    storage()?.set_item(key, value).map_err(|_| {
        "the browser refused to store your work (its storage for this page is full or disabled)"
            .to_string()
    })
}

thread_local! {
    /// Writes waiting for the next task: key, value producer, and what to tell when done.
    static PENDING: RefCell<Vec<PendingWrite>> = const { RefCell::new(Vec::new()) };
    static TIMER: RefCell<Option<Timeout>> = const { RefCell::new(None) };
}

struct PendingWrite {
    key: &'static str,
    value: Box<dyn FnOnce() -> String>,
    done: Box<dyn FnOnce(Result<(), String>)>,
}

/// Saves soon: after `delay_ms` (0: right after the current task), so that serialising a long
/// document never delays the paint of the change that caused it, and typing in the paste box
/// writes at most every `delay_ms`. A later write to the same key replaces an earlier one that
/// has not happened yet; a write due now takes every pending one with it. [`flush`] writes
/// everything pending at once (the page calls it when it is hidden or closed).
pub fn save_soon(
    key: &'static str,
    delay_ms: u32,
    value: impl FnOnce() -> String + 'static,
    done: impl FnOnce(Result<(), String>) + 'static,
) {
    PENDING.with(|p| {
        let mut p = p.borrow_mut();
        p.retain(|w| w.key != key);
        p.push(PendingWrite {
            key,
            value: Box::new(value),
            done: Box::new(done),
        });
    });
    TIMER.with(|t| {
        let mut t = t.borrow_mut();
        if t.is_none() || delay_ms == 0 {
            // Dropping a pending Timeout cancels it.
            *t = Some(Timeout::new(delay_ms, flush));
        }
    });
}

/// Writes every pending save now (also called when the page is being hidden or closed).
pub fn flush() {
    TIMER.with(|t| t.borrow_mut().take());
    let writes = PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()));
    for w in writes {
        let result = save(w.key, &(w.value)());
        (w.done)(result);
    }
}
