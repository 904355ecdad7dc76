//! Browser storage (localStorage): where the document, the paste box draft and its title live
//! between visits. Every failure (storage blocked, quota exceeded) comes back as a message
//! instead of a panic, because the app must keep working in memory when storage refuses.
//!
//! Documents live in the corpus store (`browser::db`); this keeps only the paste box, the
//! document open last, and what older versions kept here until it moves into the store. After
//! a panic ([`freeze`]) it writes nothing more, so the stored work stays as it was before the
//! failing action.
//!
//! gloo-storage is not used: its `raw()` throws when storage is unavailable, which is exactly
//! the case this module must survive.

use std::cell::{Cell, RefCell};

use gloo_timers::callback::Timeout;

/// Where versions before the document list kept the one document (native format); moved into
/// the corpus store at start-up (`view::jobs::start`).
pub const DOC_KEY: &str = "article-annotator/document";
/// Its revision, kept by those versions beside it.
pub const REVISION_KEY: &str = "article-annotator/revision";
/// The id of the document open when the page was last left, to open it again.
pub const OPEN_KEY: &str = "article-annotator/open";
/// The paste box, exactly as pasted.
pub const DRAFT_KEY: &str = "article-annotator/draft";
/// The paste box's title field.
pub const DRAFT_TITLE_KEY: &str = "article-annotator/draft-title";
/// A stored document that could not be read back, kept rather than overwritten.
pub const RECOVERED_KEY: &str = "article-annotator/recovered";

/// Why a write did not happen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveError {
    /// The browser refused (storage full, blocked or missing): the message says which.
    Refused(String),
    /// The app has crashed; nothing is written any more.
    Frozen,
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SaveError::Refused(why) => f.write_str(why),
            SaveError::Frozen => f.write_str("the app stopped after an error"),
        }
    }
}

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
pub fn save(key: &str, value: &str) -> Result<(), SaveError> {
    if FROZEN.get() {
        return Err(SaveError::Frozen);
    }
    storage()
        .map_err(SaveError::Refused)?
        .set_item(key, value)
        .map_err(|_| {
            SaveError::Refused(
                "the browser refused to store your work (its storage for this page is full or disabled)"
                    .to_string(),
            )
        })
}

/// Every key that starts with `prefix`.
pub fn keys_with_prefix(prefix: &str) -> Vec<String> {
    let Ok(s) = storage() else { return Vec::new() };
    let n = s.length().unwrap_or(0);
    (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(prefix))
        .collect()
}

/// Removes what is stored under `key` (nothing when storage is unavailable).
pub fn remove(key: &str) {
    if let Ok(s) = storage() {
        let _ = s.remove_item(key);
    }
}

thread_local! {
    /// Set by the panic hook: nothing is written after a crash.
    static FROZEN: Cell<bool> = const { Cell::new(false) };
    /// Writes waiting for the next task: key, what to write, and what to tell when done.
    static PENDING: RefCell<Vec<PendingWrite>> = const { RefCell::new(Vec::new()) };
    static TIMER: RefCell<Option<Timeout>> = const { RefCell::new(None) };
}

/// True after a panic: nothing may be written any more, here or in the corpus store.
pub fn frozen() -> bool {
    FROZEN.try_with(Cell::get).unwrap_or(true)
}

/// Stops every write from now on (the panic hook calls it) and drops what is pending.
pub fn freeze() {
    FROZEN.set(true);
    // `try_with`/`try_borrow_mut`: a panic may strike while these are in use.
    let _ = PENDING.try_with(|p| p.try_borrow_mut().map(|mut p| p.clear()));
    let _ = TIMER.try_with(|t| t.try_borrow_mut().map(|mut t| t.take()));
}

/// How many writes are waiting (for tests that check nothing is left to write).
pub fn pending_writes() -> usize {
    PENDING.with(|p| p.borrow().len())
}

struct PendingWrite {
    key: &'static str,
    write: Box<dyn FnOnce() -> Result<(), SaveError>>,
    done: Box<dyn FnOnce(Result<(), SaveError>)>,
}

/// Saves soon: after `delay_ms` (0: right after the current task), so that serialising a long
/// document never delays the paint of the change that caused it, and typing in the paste box
/// writes at most every `delay_ms`. `write` does the writing ([`save`] or [`save_document`]).
/// A later write to the same key replaces an earlier one that has not happened yet; a write
/// due now takes every pending one with it. [`flush`] writes everything pending at once (the
/// page calls it when it is hidden or closed).
pub fn save_soon(
    key: &'static str,
    delay_ms: u32,
    write: impl FnOnce() -> Result<(), SaveError> + 'static,
    done: impl FnOnce(Result<(), SaveError>) + 'static,
) {
    if FROZEN.get() {
        return;
    }
    PENDING.with(|p| {
        let mut p = p.borrow_mut();
        p.retain(|w| w.key != key);
        p.push(PendingWrite {
            key,
            write: Box::new(write),
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
    if FROZEN.get() {
        return;
    }
    TIMER.with(|t| t.borrow_mut().take());
    let writes = PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()));
    for w in writes {
        let result = (w.write)();
        (w.done)(result);
    }
}
