//! The root component: owns the reducer and the corpus session, starts up (opens the store,
//! moves older saved work into it, reads the list), saves every change of the open document,
//! runs the store work the reducer asks for, hears other tabs, listens for the keyboard, and
//! lays out the home screen or the document screen.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use yew::prelude::*;

use super::annotations::AnnotationList;
use super::article::ArticleView;
use super::commands::apply_label;
use super::details::DetailsProps;
use super::dialogs::DialogProps;
use super::docbar::DocBarProps;
use super::find::FindProps;
use super::help::HelpProps;
use super::home::HomeProps;
use super::jobs::{heard, start, use_jobs, SharedSession};
use super::keys::use_shortcuts;
use super::labels::LabelsProps;
use super::notices::{NoticeProps, StorageProps, TransferProps};
use super::pure::{panel, Panel};
use super::state::{Action, AppState, Dialog, Screen, StorageStatus};
use super::toolbar::{export_as_download, export_native, ToolbarProps};
use super::{doc_snapshot, Dispatcher, Latest};
use crate::browser::channel::Channel;
use crate::browser::session::Saving;
use crate::browser::storage::{self, SaveError};
use crate::browser::worker::Worker;
use crate::format::{FormatKind, OffsetUnit};
use crate::model::{LabelId, LabelSet};

/// The paste box as the last visit left it.
fn initial_state() -> AppState {
    AppState::restored(
        storage::load(storage::DRAFT_KEY),
        storage::load(storage::DRAFT_TITLE_KEY),
    )
}

#[component]
pub fn App() -> Html {
    let _m = crate::browser::perf::measure("app");
    let state = use_reducer(initial_state);
    let session: SharedSession = use_mut_ref(|| None);
    let channel: Rc<RefCell<Option<Channel>>> = use_mut_ref(|| None);
    // The worker starts the first time it is asked (an import, an export, older work to move).
    let worker = use_memo((), |_| Worker::default());
    use_start(&state, &session, &channel, &worker);
    use_jobs(&state, &session, &channel, &worker);
    use_saving(&state, &session, &channel);
    super::pages::use_page_hooks(&state, &session);
    use_debug_panic(&state);
    // The document's labels on its screen (the corpus's, once it has opened with them), the
    // corpus's elsewhere (the Labels panel's swatches).
    use_label_colors(if state.screen == Screen::Document {
        state.doc().labels()
    } else {
        &state.corpus.labels
    });
    use_shortcuts(&state);
    super::relations::use_link_keys(&state);
    // The page below compares by this count (one per render of the root, that is per new
    // state), so the provider's children are one component: comparing and dropping the whole
    // page's tree of elements on every edit, as a provider does with its children, cost a
    // quarter of a millisecond per edit.
    let renders = use_mut_ref(|| 0u64);
    let serial = {
        let mut r = renders.borrow_mut();
        *r += 1;
        *r
    };
    // The handle always reads the newest state, so these callbacks never need replacing.
    let on_label = {
        let state = state.clone();
        use_callback((), move |label: LabelId, _| apply_label(&state, label))
    };
    let on_export = {
        let state = state.clone();
        use_callback((), move |_: (), _| export_native(&state))
    };
    // Keeping this tab's version when another tab saved first: no question in between.
    let on_rescue = {
        let state = state.clone();
        use_callback((), move |_: (), _| {
            super::review::export::native_named(&state, &state.review.annotator)
        })
    };
    let on_export_as = {
        let state = state.clone();
        use_callback((), move |(kind, unit): (FormatKind, OffsetUnit), _| {
            export_as_download(&state, kind, unit)
        })
    };

    html! {
        <ContextProvider<Dispatcher> context={state.dispatcher()}>
            { panel(PageProps {
                state: Latest(state.clone()),
                serial,
                on_label,
                on_export,
                on_rescue,
                on_export_as,
            }) }
        </ContextProvider<Dispatcher>>
    }
}

#[derive(PartialEq)]
struct PageProps {
    /// Reads the newest state (compares equal); `serial` says when there is a new one.
    state: Latest,
    serial: u64,
    /// The root's callbacks, made once (they read the newest state through the handle).
    on_label: Callback<LabelId>,
    on_export: Callback<()>,
    on_rescue: Callback<()>,
    on_export_as: Callback<(FormatKind, OffsetUnit)>,
}

/// The screen the state asks for, with the panels, dialogs and lines around it.
impl Panel for PageProps {
    fn view(&self, _: &Option<Dispatcher>) -> Html {
        page(self)
    }
}

fn page(props: &PageProps) -> Html {
    let state = &props.state.0;
    let PageProps {
        on_label,
        on_export,
        on_rescue,
        on_export_as,
        ..
    } = props;
    let (on_label, on_export, on_rescue, on_export_as) = (
        on_label.clone(),
        on_export.clone(),
        on_rescue.clone(),
        on_export_as.clone(),
    );
    let latest = Latest(state.clone());
    let ask = panel(super::review::settings::AskNameProps {
        state: latest.clone(),
        request: state.review.ask,
    });
    let body = match state.screen {
        Screen::Review => (super::pages::pages().review)(state, latest),
        Screen::Agreement => (super::pages::pages().agreement)(state),
        Screen::Home => panel(HomeProps {
            state: latest,
            corpus: state.corpus.clone(),
            draft: state.draft.clone(),
            title: state.draft_title.clone(),
            disclosed: state.disclosed,
        }),
        Screen::Document => {
            let doc = doc_snapshot(state);
            let row = state
                .corpus
                .open
                .as_deref()
                .and_then(|id| state.corpus.row_of(id));
            html! {
                <>
                    { panel(DocBarProps { status: state.corpus.status, row, rows: state.corpus.rows.len() }) }
                    { panel(ToolbarProps {
                        title: AttrValue::from(doc.title().to_string()),
                        labels: doc.labels().clone(),
                        can_undo: state.editor.can_undo(),
                        can_redo: state.editor.can_redo(),
                        on_label,
                        on_export: on_export.clone(),
                        on_export_as,
                        armed: state.armed,
                        snap: state.snap,
                        redraws: state.redraws,
                    }) }
                    { panel(FindProps { doc: doc.clone(), find: state.find.clone(), pick: state.find_pick }) }
                    <div class="workspace">
                        <div class="article-wrap">
                            <ArticleView state={latest.clone()} doc={doc.clone()} text_revision={state.editor.text_revision()}
                                         focused={state.focused.clone()} find={state.find.clone()} caret={state.caret}
                                         redraws={state.redraws} />
                            <super::arcs::Arcs state={latest} doc={doc.clone()} text_revision={state.editor.text_revision()}
                                               focused={state.focused.clone()} relation={state.relation.clone()} link={state.link.clone()}
                                               redraws={state.redraws} />
                        </div>
                        <aside class="sidebar-wrap">
                            { panel(DetailsProps { doc: doc.clone(), focused: state.focused.clone(), open: state.details }) }
                            { panel(super::attributes::QualifiersProps { doc: doc.clone(), qualify: state.qualify.clone() }) }
                            <AnnotationList doc={doc.clone()} focused={state.focused.clone()} />
                        </aside>
                    </div>
                </>
            }
        }
    };
    html! {
        <>
            { panel(StorageProps { status: state.storage.clone() }) }
            { panel(DialogProps { dialog: state.dialog.clone(), on_export: on_rescue, open: state.corpus.open.clone() }) }
            { ask }
            { body }
            { panel(HelpProps { open: state.help, labels: state.corpus.labels.clone() }) }
            { panel(LabelsProps {
                open: state.schema.open,
                labels: state.corpus.labels.clone(),
                summaries: state.corpus.summaries.clone(),
                undo: state.schema.undo.clone(),
                asking: match state.dialog.as_deref() {
                    Some(Dialog::DeleteLabel { name, used, .. }) => Some((name.clone(), *used)),
                    _ => None,
                },
                asking_attr: match state.dialog.as_deref() {
                    Some(Dialog::RemoveAttribute { label, edit, used, .. }) => Some((label.clone(), edit.clone(), *used)),
                    _ => None,
                },
                notice: state.notice.clone(),
                busy: state.schema.pending.is_some() || state.retype.pending.is_some(),
                asking_type: state.retype.asking.clone(),
            }) }
            { panel(TransferProps { working: state.transfer.working.clone(), progress: state.transfer.progress.clone() }) }
            { panel(NoticeProps { notice: state.notice.clone() }) }
        </>
    }
}

/// Opens the store once, then the channel to other tabs.
#[hook]
fn use_start(
    state: &UseReducerHandle<AppState>,
    session: &SharedSession,
    channel: &Rc<RefCell<Option<Channel>>>,
    worker: &Worker,
) {
    let worker = worker.clone();
    let state = state.clone();
    let session = session.clone();
    let channel = channel.clone();
    use_effect_with((), move |_| {
        // Read before anything else runs: the document open when the page was last left.
        let reopen = storage::load(storage::OPEN_KEY);
        wasm_bindgen_futures::spawn_local(async move {
            let opened = start(state.dispatcher(), reopen, worker).await;
            let Some(s) = opened else { return };
            *session.borrow_mut() = Some(s.clone());
            let handle = state.clone();
            *channel.borrow_mut() =
                Channel::open(move |news| heard(news, &handle, &s, &handle.dispatcher()));
            // Jobs asked for before the store was open run now.
            state.dispatch(Action::StoreReady);
        });
    });
}

/// How often typing in the paste box is written to storage, at most.
const DRAFT_SAVE_MS: u32 = 400;

/// Tells the reducer how a write of the paste box went: only a change between working and
/// failing storage is news.
fn report(dispatcher: &Dispatcher, was_ok: bool, r: Result<(), SaveError>) {
    match r {
        Ok(()) if !was_ok => dispatcher.dispatch(Action::StorageResult(Ok(()))),
        Err(SaveError::Refused(e)) if was_ok => dispatcher.dispatch(Action::StorageResult(Err(e))),
        _ => {}
    }
}

/// Saves the open document after every change (through the session's queue) and the paste
/// box after every edit; writes the paste box at once when the page is hidden or closed.
#[hook]
fn use_saving(
    state: &UseReducerHandle<AppState>,
    session: &SharedSession,
    channel: &Rc<RefCell<Option<Channel>>>,
) {
    {
        let state = state.clone();
        let session = session.clone();
        let channel = channel.clone();
        let status = state.corpus.status;
        use_effect_with(
            (state.editor.revision(), status),
            move |&(revision, status)| {
                // What came from the store is not written back.
                if revision == state.from_storage && !status_changed(&state) {
                    return;
                }
                let Some(s) = session.borrow().clone() else {
                    return;
                };
                if state.corpus.open.is_none() {
                    return;
                }
                let dispatcher = state.dispatcher();
                let done: Rc<dyn Fn(Saving)> = Rc::new(move |saving: Saving| {
                    if let (Saving::Stored(r), Some(c)) = (&saving, channel.borrow().as_ref()) {
                        c.tell(&crate::browser::channel::News::Doc {
                            id: r.id.clone(),
                            revision: r.revision,
                        });
                    }
                    dispatcher.dispatch(Action::Saved(saving));
                });
                s.save(state.editor.clone(), status.into(), done);
            },
        );
    }
    {
        // Which document is open, to open it again after a reload. Only closing it here
        // forgets it: while the start-up has not opened it again, none is open yet, and a
        // reload then (or a quick one after opening) must still find it.
        let was_open = use_mut_ref(|| false);
        use_effect_with(state.corpus.open.clone(), move |open| match open {
            Some(id) => {
                *was_open.borrow_mut() = true;
                drop(storage::save(storage::OPEN_KEY, id))
            }
            None => {
                if std::mem::take(&mut *was_open.borrow_mut()) {
                    storage::remove(storage::OPEN_KEY)
                }
            }
        });
    }
    use_save_text(state, storage::DRAFT_KEY, state.draft.clone());
    use_save_text(state, storage::DRAFT_TITLE_KEY, state.draft_title.clone());
    {
        // Leaving the page: the paste box is written at once, and a change of the open
        // document still on its way to the store is kept in a journal the next start writes.
        let session = session.clone();
        use_effect_with((), move |_| {
            let leaving = move || {
                storage::flush();
                if let Some(s) = session.borrow().as_ref() {
                    s.journal();
                }
            };
            let leaving = Rc::new(leaving);
            let window = web_sys::window();
            let listeners: Vec<EventListener> = window
                .iter()
                .flat_map(|w| {
                    let (a, b) = (leaving.clone(), leaving.clone());
                    [
                        EventListener::new(w, "pagehide", move |_| a()),
                        EventListener::new(w, "visibilitychange", move |_| b()),
                    ]
                })
                .collect();
            move || drop(listeners)
        });
    }
}

/// True when the open document's status differs from what its stored record says.
fn status_changed(state: &AppState) -> bool {
    let stored = state
        .corpus
        .open
        .as_deref()
        .and_then(|id| state.corpus.record(id));
    stored.is_some_and(|r| crate::corpus::Status::from(r.status) != state.corpus.status)
}

/// Saves a text field of the paste screen at most every [`DRAFT_SAVE_MS`] while it changes.
#[hook]
fn use_save_text(state: &UseReducerHandle<AppState>, key: &'static str, value: Rc<str>) {
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

/// Gives each label its look (`label_css`), in the page's run-time stylesheet, so imported
/// label sets get their own colours without inline styles (which the CSP forbids).
#[hook]
fn use_label_colors(labels: &LabelSet) {
    use_effect_with(labels.clone(), |labels| {
        crate::browser::sheet::set_rules(&super::label_css::label_rules(labels));
    });
}
