//! Yew components: they turn the app state into HTML and DOM events into actions.
//! One reducer at the root (`state`), handed down by context; components stay small.

pub mod annotations;
pub mod app;
pub mod article;
pub mod article_input;
pub mod block;
pub mod details;
pub mod find;
pub mod help;
pub mod keys;
pub mod notices;
pub mod paste;
pub mod state;
pub mod toolbar;

use yew::{UseReducerDispatcher, UseReducerHandle};

/// The handle every component reads the state from and dispatches actions to.
pub type AppHandle = UseReducerHandle<state::AppState>;

/// Dispatch only: a context that never changes, for components that must not re-render
/// with every state change (the rows of the annotation list).
pub type Dispatcher = UseReducerDispatcher<state::AppState>;

/// Mounts the app on the page's `<main id="app">` (or the body when it is missing).
pub fn start() {
    let root = crate::browser::document().and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(el) => {
            yew::Renderer::<app::App>::with_root(el).render();
        }
        None => {
            yew::Renderer::<app::App>::new().render();
        }
    }
}
