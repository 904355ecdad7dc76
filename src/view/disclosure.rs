//! A button that shows and hides a small panel below it (the home screen's Storage and
//! Settings). Whether each is open is kept in the state (`AppState::disclosed`), so this is
//! markup drawn by the panel that holds it, not a component type of its own (each carries a
//! copy of Yew's lifecycle code). What it holds is drawn only while open; a form submitted in
//! it closes it, after the form's own handler (the event bubbles up to it).

use yew::prelude::*;

use super::state::{Action, Small};
use super::Dispatcher;

/// The button and, while `open`, `children` below it, in an element of class `class`.
pub fn disclosure(
    dispatch: &Option<Dispatcher>,
    which: Small,
    open: bool,
    class: &'static str,
    label: &'static str,
    children: impl FnOnce() -> Html,
) -> Html {
    let send = |to: bool| {
        let dispatch = dispatch.clone();
        move || {
            if let Some(d) = &dispatch {
                d.dispatch(Action::Disclose(which, to));
            }
        }
    };
    let toggle = {
        let send = send(!open);
        Callback::from(move |_: MouseEvent| send())
    };
    let onsubmit = {
        let send = send(false);
        Callback::from(move |_: SubmitEvent| send())
    };
    html! {
        <span class={class} {onsubmit}>
            <button onclick={toggle} aria-expanded={open.to_string()}>{ label }</button>
            if open { { children() } }
        </span>
    }
}
