//! The root component: owns the reducer, restores saved work at start, saves every change,
//! hears other tabs' saves, listens for the keyboard, and lays out the paste screen or the
//! annotating screen.

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::annotations::AnnotationList;
use super::article::ArticleView;
use super::commands::apply_label;
use super::details::SpanDetails;
use super::dialogs::DialogView;
use super::find::FindBar;
use super::help::Help;
use super::keys::use_shortcuts;
use super::notices::{NoticeLine, StorageWarning};
use super::paste::PasteBox;
use super::state::{Action, AppState, StorageStatus};
use super::toolbar::{export_as_download, export_native, Toolbar};
use super::{doc_snapshot, Dispatcher, Latest};
use crate::browser::storage::{self, SaveError};
use crate::format::native;
use crate::format::{FormatKind, OffsetUnit};
use crate::model::revision::Heard;
use crate::model::{LabelId, LabelSet};

/// Reads what storage holds and builds the first state. A stored document that cannot be
/// read is copied aside before anything could overwrite it.
fn initial_state() -> AppState {
    let saved = storage::load_document();
    let (state, unreadable) = AppState::restored(
        saved.as_deref(),
        storage::load(storage::DRAFT_KEY),
        storage::load(storage::DRAFT_TITLE_KEY),
    );
    if let (true, Some(raw)) = (unreadable, saved) {
        let _ = storage::save(storage::RECOVERED_KEY, &raw);
    }
    state
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(initial_state);
    use_saving(&state);
    use_other_tabs(&state);
    use_debug_panic(&state);
    use_label_colors(state.doc().labels());
    use_shortcuts(&state);
    // The handle always reads the newest state, so these callbacks never need replacing.
    let on_label = {
        let state = state.clone();
        use_callback((), move |label: LabelId, _| apply_label(&state, label))
    };
    let on_export = {
        let state = state.clone();
        use_callback((), move |_: (), _| export_native(&state))
    };
    let on_export_as = {
        let state = state.clone();
        use_callback((), move |(kind, unit): (FormatKind, OffsetUnit), _| {
            export_as_download(&state, kind, unit)
        })
    };

    let latest = Latest(state.clone());
    let doc = doc_snapshot(&state);
    let body = if state.pasting() {
        html! {
            <PasteBox state={latest} draft={state.draft.clone()} title={state.draft_title.clone()}
                      can_undo={state.editor.can_undo()} />
        }
    } else {
        html! {
            <>
                <Toolbar title={AttrValue::from(doc.title().to_string())} labels={doc.labels().clone()}
                         can_undo={state.editor.can_undo()} can_redo={state.editor.can_redo()} {on_label} on_export={on_export.clone()} {on_export_as}
                         armed={state.armed} snap={state.snap} />
                <FindBar doc={doc.clone()} find={state.find.clone()} />
                <div class="workspace">
                    <ArticleView state={latest} doc={doc.clone()} text_revision={state.editor.text_revision()}
                                 focused={state.focused.clone()} find={state.find.clone()} />
                    <aside class="sidebar-wrap">
                        <SpanDetails doc={doc.clone()} focused={state.focused.clone()} open={state.details} />
                        <AnnotationList doc={doc.clone()} focused={state.focused.clone()} />
                    </aside>
                </div>
                <Help open={state.help} />
            </>
        }
    };
    html! {
        <ContextProvider<Dispatcher> context={state.dispatcher()}>
            <StorageWarning status={state.storage.clone()} />
            <DialogView dialog={state.dialog.clone()} {on_export} />
            { body }
            <NoticeLine notice={state.notice.clone()} />
        </ContextProvider<Dispatcher>>
    }
}

/// How often typing in the paste box is written to storage, at most.
const DRAFT_SAVE_MS: u32 = 400;

/// Tells the reducer how a write went: a conflict opens the dialog; otherwise only a change
/// between working and failing storage is news.
fn report(dispatcher: &Dispatcher, was_ok: bool, r: Result<(), SaveError>) {
    match r {
        Err(SaveError::Conflict(_)) => dispatcher.dispatch(Action::StorageConflict),
        Err(SaveError::Frozen) => {}
        Ok(()) if !was_ok => dispatcher.dispatch(Action::StorageResult(Ok(()))),
        Err(SaveError::Refused(e)) if was_ok => dispatcher.dispatch(Action::StorageResult(Err(e))),
        _ => {}
    }
}

/// Saves the document after every change and the paste box after every edit, right after the
/// render; writes anything pending when the page is hidden or closed.
#[hook]
fn use_saving(state: &UseReducerHandle<AppState>) {
    {
        let state = state.clone();
        use_effect_with(state.editor.revision(), move |&revision| {
            // What came from storage is not written back.
            if revision == state.from_storage {
                return;
            }
            let dispatcher = state.dispatcher();
            let was_ok = state.storage == StorageStatus::Ok;
            let doc = state.editor.doc_rc();
            storage::save_soon(
                storage::DOC_KEY,
                0,
                move || storage::save_document(&native::export(&doc)),
                move |r| report(&dispatcher, was_ok, r),
            );
        });
    }
    use_save_text(state, storage::DRAFT_KEY, state.draft.clone());
    use_save_text(state, storage::DRAFT_TITLE_KEY, state.draft_title.clone());
    use_effect_with((), |_| {
        let window = web_sys::window();
        let listeners: Vec<EventListener> = window
            .iter()
            .flat_map(|w| {
                [
                    EventListener::new(w, "pagehide", |_| storage::flush()),
                    EventListener::new(w, "visibilitychange", |_| storage::flush()),
                ]
            })
            .collect();
        move || drop(listeners)
    });
}

/// Saves a text field of the paste screen at most every [`DRAFT_SAVE_MS`] while it changes.
#[hook]
fn use_save_text(state: &UseReducerHandle<AppState>, key: &'static str, value: std::rc::Rc<str>) {
    let state = state.clone();
    use_effect_with(value, move |value| {
        let value = value.clone();
        let dispatcher = state.dispatcher();
        let was_ok = state.storage == StorageStatus::Ok;
        storage::save_soon(
            key,
            DRAFT_SAVE_MS,
            move || storage::save(key, &value),
            move |r| report(&dispatcher, was_ok, r),
        );
    });
}

/// Hears another tab's save (the `storage` event fires in every other tab of the site): shows
/// the newer version when this tab has nothing unsaved, else opens the conflict dialog.
#[hook]
fn use_other_tabs(state: &UseReducerHandle<AppState>) {
    let dispatcher = state.dispatcher();
    use_effect_with((), move |_| {
        let listener = web_sys::window().map(|w| {
            EventListener::new(&w, "storage", move |e| {
                let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() else {
                    return;
                };
                if e.key().as_deref() != Some(storage::REVISION_KEY) {
                    return;
                }
                match storage::heard(e.new_value().as_deref()) {
                    Heard::Nothing => {}
                    Heard::Adopt => {
                        if let Some(content) = storage::load_document() {
                            dispatcher.dispatch(Action::AdoptStored(content));
                        }
                    }
                    Heard::Conflict => dispatcher.dispatch(Action::StorageConflict),
                }
            })
        });
        move || drop(listener)
    });
}

/// The name of the window event that makes a debug build panic inside the reducer.
pub const DEBUG_PANIC_EVENT: &str = "article-annotator-debug-panic";

/// Debug builds only: a [`DEBUG_PANIC_EVENT`] on the window dispatches `Action::DebugPanic`,
/// so tests can prove that a panic shows a message and leaves stored work alone. In release
/// builds it listens for nothing.
#[hook]
fn use_debug_panic(state: &UseReducerHandle<AppState>) {
    let dispatcher = state.dispatcher();
    use_effect_with((), move |_| {
        #[cfg(debug_assertions)]
        let listener = web_sys::window().map(|w| {
            EventListener::new(&w, DEBUG_PANIC_EVENT, move |_| {
                dispatcher.dispatch(Action::DebugPanic)
            })
        });
        #[cfg(not(debug_assertions))]
        let listener: Option<EventListener> = {
            drop(dispatcher);
            None
        };
        move || drop(listener)
    });
}

/// Publishes each label's colour as a CSS custom property (`--label-0` …), so imported
/// label sets get their own colours without inline styles (which the CSP forbids).
#[hook]
fn use_label_colors(labels: &LabelSet) {
    use_effect_with(labels.clone(), |labels| {
        let root = crate::browser::document()
            .and_then(|d| d.document_element())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(root) = root {
            for (id, label) in labels.iter() {
                let _ = root
                    .style()
                    .set_property(&format!("--label-{}", id.index()), &label.color);
            }
        }
    });
}
