//! Yew components: they turn the app state into HTML and DOM events into actions.
//! One reducer at the root (`state`); components get the values they show as props (compared
//! by value or by revision, never by pointer) and dispatch through the `Dispatcher` context.

pub mod annotations;
pub mod app;
pub mod arcs;
pub mod article;
pub mod article_input;
pub mod attributes;
pub mod block;
pub mod commands;
pub mod details;
pub mod dialogs;
pub mod disclosure;
pub mod docbar;
pub mod export;
pub mod find;
pub mod focus;
pub mod help;
pub mod home;
pub mod jobs;
pub mod keys;
pub mod label_css;
pub mod labels;
pub mod live;
pub mod note;
pub mod notices;
pub mod pages;
pub mod paste;
pub mod pure;
pub mod relation_types;
pub mod relations;
pub mod review;
pub mod schema_attrs;
pub mod state;
pub mod toolbar;
pub mod warm;

use std::rc::Rc;

use yew::{UseReducerDispatcher, UseReducerHandle};

/// The reducer's handle: reads the newest state and dispatches actions.
pub type AppHandle = UseReducerHandle<state::AppState>;

/// Dispatch only: a context that never changes, for components that must not re-render
/// with every state change (the rows of the annotation list).
pub type Dispatcher = UseReducerDispatcher<state::AppState>;

/// The reducer handle as a prop, for callbacks that must read the newest state when they run
/// (the key handler, pointer events). It reads whatever state is newest whenever it is used,
/// so as a prop value it never changes: it compares equal, and what a component shows must
/// come from its other props.
#[derive(Clone)]
pub struct Latest(pub AppHandle);

impl PartialEq for Latest {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::ops::Deref for Latest {
    type Target = AppHandle;
    fn deref(&self) -> &AppHandle {
        &self.0
    }
}

/// A shared value and the revision it was taken at: as a prop it compares by revision, so a
/// component re-renders exactly when the value has changed, without comparing the value.
/// Revisions come from the model (`Editor::revision`), where each change has a new one.
/// Revisions come from the model's one counter (`Editor::revision`, `Document::block_revision`).
#[derive(Debug)]
pub struct Snapshot<T: ?Sized> {
    pub revision: u64,
    pub value: Rc<T>,
}

impl<T: ?Sized> Snapshot<T> {
    pub fn new(revision: u64, value: Rc<T>) -> Snapshot<T> {
        Snapshot { revision, value }
    }
}

impl<T: ?Sized> Clone for Snapshot<T> {
    fn clone(&self) -> Self {
        Snapshot {
            revision: self.revision,
            value: self.value.clone(),
        }
    }
}

impl<T: ?Sized> PartialEq for Snapshot<T> {
    fn eq(&self, other: &Self) -> bool {
        self.revision == other.revision
    }
}

impl<T: ?Sized> std::ops::Deref for Snapshot<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// An event handler (a click's, a change's) that dispatches the action `make` gives (nothing
/// when there is no dispatcher). The action is made at each event, not cloned from a given one:
/// cloning an `Action` takes code for every variant and whatever their fields hold (7.6 KB of
/// the first part of the page's wasm), where making one takes the code of that one.
pub fn send<E: 'static>(
    dispatch: &Option<Dispatcher>,
    make: fn() -> state::Action,
) -> yew::Callback<E> {
    send_with(dispatch, (), move |()| make())
}

/// An event handler that dispatches the action `make` makes of (a copy of) `value`, as
/// [`send`].
pub fn send_with<E: 'static, T: Clone + 'static>(
    dispatch: &Option<Dispatcher>,
    value: T,
    make: impl Fn(T) -> state::Action + 'static,
) -> yew::Callback<E> {
    let dispatch = dispatch.clone();
    yew::Callback::from(move |_: E| {
        if let Some(d) = &dispatch {
            d.dispatch(make(value.clone()))
        }
    })
}

/// Whether the checkbox an event came from is ticked (false for any other target).
pub fn checked(e: &yew::Event) -> bool {
    use wasm_bindgen::JsCast;
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .is_some_and(|i| i.checked())
}

/// The document as the editor holds it now, for props.
pub fn doc_snapshot(state: &state::AppState) -> Snapshot<crate::model::Document> {
    Snapshot::new(state.editor.revision(), state.editor.doc_rc())
}

/// Mounts the app on the page's `<main id="app">` (or the body when it is missing), with the
/// screens `pages` carries.
pub fn start(pages: pages::Pages) {
    pages::set(pages);
    crate::browser::crash::install();
    let root = crate::browser::document().and_then(|d| d.get_element_by_id("app"));
    if let Err(why) = crate::browser::graphemes::install() {
        // Without the browser's grapheme clusters a selection could split a character: the
        // app does not start, and says why in place of its loading line.
        if let Some(el) = root {
            el.set_text_content(Some(why));
        }
        return;
    }
    crate::browser::words::install();
    match root {
        Some(el) => {
            yew::Renderer::<app::App>::with_root(el).render();
        }
        None => {
            yew::Renderer::<app::App>::new().render();
        }
    }
}
