//! The root component: owns the reducer, restores saved work at start, saves every change,
//! listens for the keyboard, and lays out the paste screen or the annotating screen.

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::annotations::AnnotationList;
use super::article::ArticleView;
use super::details::SpanDetails;
use super::find::FindBar;
use super::help::Help;
use super::keys::{apply_label, use_shortcuts};
use super::notices::{ImportDialog, NoticeLine, StorageWarning};
use super::paste::PasteBox;
use super::state::{Action, AppState, StorageStatus};
use super::toolbar::{export_as_download, export_native, Toolbar};
use super::{AppHandle, Dispatcher};
use crate::browser::storage;
use crate::format::native;
use crate::format::{FormatKind, OffsetUnit};
use crate::model::{LabelId, LabelSet};

/// Reads what storage holds and builds the first state. A stored document that cannot be
/// read is copied aside before anything could overwrite it.
fn initial_state() -> AppState {
    let saved = storage::load(storage::DOC_KEY);
    let (state, unreadable) =
        AppState::restored(saved.as_deref(), storage::load(storage::DRAFT_KEY));
    if let (true, Some(raw)) = (unreadable, saved) {
        let _ = storage::save(storage::RECOVERED_KEY, &raw);
    }
    state
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(initial_state);
    use_saving(&state);
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

    let body = if state.pasting() {
        html! { <PasteBox /> }
    } else {
        let doc = state.doc();
        html! {
            <>
                <Toolbar title={AttrValue::from(doc.title().to_string())} labels={doc.labels().clone()}
                         can_undo={state.editor.can_undo()} can_redo={state.editor.can_redo()} {on_label} {on_export} {on_export_as}
                         armed={state.armed} snap={state.snap} />
                <FindBar state={state.clone()} revision={state.revision} find={state.find.clone()} />
                <div class="workspace">
                    <ArticleView state={state.clone()} revision={state.revision} focused={state.focused.clone()}
                                 hits={state.find.hits.clone()} current_hit={state.find.current_hit()} />
                    <aside class="sidebar-wrap">
                        <SpanDetails state={state.clone()} revision={state.revision} focused={state.focused.clone()} open={state.details} />
                        <AnnotationList state={state.clone()} revision={state.revision} focused={state.focused.clone()} />
                    </aside>
                </div>
                <Help open={state.help} />
            </>
        }
    };
    html! {
        <ContextProvider<AppHandle> context={state.clone()}>
          <ContextProvider<Dispatcher> context={state.dispatcher()}>
            <StorageWarning status={state.storage.clone()} />
            <ImportDialog pending={state.import.clone()} />
            { body }
            <NoticeLine notice={state.notice.clone()} />
          </ContextProvider<Dispatcher>>
        </ContextProvider<AppHandle>>
    }
}

/// How often typing in the paste box is written to storage, at most.
const DRAFT_SAVE_MS: u32 = 400;

/// Saves the document after every change and the draft after every edit of the paste box,
/// right after the render; writes anything pending when the page is hidden or closed.
#[hook]
fn use_saving(state: &AppHandle) {
    {
        let state = state.clone();
        use_effect_with(state.revision, move |_| {
            let dispatcher = state.dispatcher();
            let was_ok = state.storage == StorageStatus::Ok;
            storage::save_soon(
                storage::DOC_KEY,
                0,
                move || native::export(state.doc()),
                move |r| {
                    if r.is_ok() != was_ok {
                        dispatcher.dispatch(Action::StorageResult(r));
                    }
                },
            );
        });
    }
    {
        let state = state.clone();
        use_effect_with(state.draft.clone(), move |draft| {
            let draft = draft.clone();
            let dispatcher = state.dispatcher();
            let was_ok = state.storage == StorageStatus::Ok;
            storage::save_soon(
                storage::DRAFT_KEY,
                DRAFT_SAVE_MS,
                move || draft.to_string(),
                move |r| {
                    if r.is_ok() != was_ok {
                        dispatcher.dispatch(Action::StorageResult(r));
                    }
                },
            );
        });
    }
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
