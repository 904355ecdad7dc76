//! The bar above an open document: back to the list, its place in the list with the previous
//! and next documents, its status, and "Done, next". Keys: Alt+↑ back, `[` and `]` previous
//! and next, Ctrl+Enter done and next (the shortcut table in `keys.rs`).

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::pure::Panel;
use super::state::Action;
use super::{send, Dispatcher};
use crate::corpus::Status;
use crate::model::caret::Dir;

#[derive(PartialEq)]
pub struct DocBarProps {
    pub status: Status,
    /// The open document's row in the list as shown, if it is shown.
    pub row: Option<usize>,
    pub rows: usize,
}

impl Panel for DocBarProps {
    fn view(&self, dispatch: &Option<Dispatcher>) -> Html {
        let props = self;
        let on_status = {
            let dispatch = dispatch.clone();
            Callback::from(move |e: Event| {
                let v = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
                    .map(|s| s.value())
                    .unwrap_or_default();
                if let (Some(s), Some(d)) = (Status::ALL.iter().find(|s| s.name() == v), &dispatch)
                {
                    d.dispatch(Action::SetStatus(*s))
                }
            })
        };
        let place = match props.row {
            Some(r) => format!("{} of {}", r + 1, props.rows),
            None => format!("not in the list as filtered ({})", props.rows),
        };
        html! {
            <nav class="docbar" aria-label="Document">
                <button onclick={send(dispatch, || Action::BackToList)} aria-keyshortcuts="Alt+ArrowUp">{"← Documents"}</button>
                <button onclick={send(dispatch, || Action::StepDocument(Dir::Back))} aria-keyshortcuts="[" aria-label="Previous document">{"‹"}</button>
                <span class="place">{ place }</span>
                <button onclick={send(dispatch, || Action::StepDocument(Dir::Forward))} aria-keyshortcuts="]" aria-label="Next document">{"›"}</button>
                <label>{"Status "}
                    <select onchange={on_status} aria-label="Status">
                        { for Status::ALL.iter().map(|s| html! {
                            <option value={s.name()} selected={*s == props.status}>{ s.name() }</option>
                        }) }
                    </select>
                </label>
                <button onclick={send(dispatch, || Action::DoneAndNext)} aria-keyshortcuts="Control+Enter">{"Done, next"}</button>
            </nav>
        }
    }
}
