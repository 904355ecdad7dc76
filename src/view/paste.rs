//! The paste screen: a title field, the "Article text" box and "Start annotating". The box
//! keeps the text exactly as pasted, CRLF line breaks included (see `model::draft`).

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::pure::Panel;
use super::state::Action;
use super::Latest;
use crate::model::draft::{apply_paste, normalize_newlines};

#[derive(PartialEq)]
pub struct PasteProps {
    /// For the paste handler, which merges into the newest draft.
    pub state: Latest,
    pub draft: std::rc::Rc<str>,
    pub title: std::rc::Rc<str>,
    /// A closed article can be brought back.
    pub can_undo: bool,
}

impl Panel for PasteProps {
    fn view(&self, _: &Option<crate::view::Dispatcher>) -> Html {
        let props = self;
        let state = props.state.0.clone();

        let onpaste = {
            let state = state.clone();
            Callback::from(move |e: Event| {
                let Some(ce) = e.dyn_ref::<web_sys::ClipboardEvent>() else {
                    return;
                };
                let Some(text) = ce
                    .clipboard_data()
                    .and_then(|d| d.get_data("text/plain").ok())
                else {
                    return;
                };
                let Some(area) = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
                else {
                    return;
                };
                e.prevent_default();
                let start = area.selection_start().ok().flatten().unwrap_or(0) as usize;
                let end = area.selection_end().ok().flatten().unwrap_or(0) as usize;
                let (draft, _caret) = apply_paste(&state.draft, start, end, &text);
                state.dispatch(Action::DraftSet(draft));
            })
        };
        let oninput = {
            let state = state.clone();
            Callback::from(move |e: InputEvent| {
                if let Some(area) = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
                {
                    state.dispatch(Action::DraftInput(area.value()));
                }
            })
        };
        let ontitle = {
            let state = state.clone();
            Callback::from(move |e: InputEvent| {
                if let Some(input) = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                {
                    state.dispatch(Action::DraftTitle(input.value()));
                }
            })
        };
        let start = {
            let state = state.clone();
            Callback::from(move |_: MouseEvent| state.dispatch(Action::Start))
        };
        let undo = {
            let state = state.clone();
            Callback::from(move |_: MouseEvent| state.dispatch(Action::Undo))
        };
        let chars = props.draft.chars().count();
        html! {
            <section class="paste">
                <h1>{"Article Annotator"}</h1>
                <p class="hint">{"Paste a news article, then label entities, claims and quotes. Everything stays in this browser."}</p>
                <label for="draft-title">{"Title (optional)"}</label>
                <input id="draft-title" type="text" value={props.title.to_string()} oninput={ontitle} />
                <label for="draft-text">{"Article text"}</label>
                <textarea id="draft-text" rows="18" spellcheck="false" value={normalize_newlines(&props.draft)} {onpaste} {oninput} />
                <p class="counter" aria-live="polite">{ format!("{chars} characters") }</p>
                <div class="paste-actions">
                    <button class="primary" onclick={start}>{"Start annotating"}</button>
                    if props.can_undo {
                        <button onclick={undo}>{"Back to the previous article"}</button>
                    }
                </div>
            </section>
        }
    }
}
