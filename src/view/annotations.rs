//! The "Annotations" list: one item per span, in text order, with its label and covered text,
//! and buttons to show it in the article, change its label and delete it.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::state::{clip, Action};
use super::AppHandle;
use crate::model::{LabelId, Span};

#[component]
pub fn AnnotationList() -> Html {
    let Some(state) = use_context::<AppHandle>() else { return html! {} };
    let doc = state.doc();
    let n = doc.spans().len();
    html! {
        <aside class="sidebar">
            <h2 id="annotations-heading">{ format!("Annotations ({n})") }</h2>
            if n == 0 {
                <p class="hint">{"None yet. Select text in the article and press 1, 2 or 3."}</p>
            }
            <ul class="annotations" role="list" aria-label="Annotations">
                { for doc.spans().iter().map(|s| html! { <Item key={s.id().to_string()} span={s.clone()} /> }) }
            </ul>
        </aside>
    }
}

#[derive(Properties, PartialEq)]
struct ItemProps {
    span: Span,
}

#[component]
fn Item(props: &ItemProps) -> Html {
    let Some(state) = use_context::<AppHandle>() else { return html! {} };
    let doc = state.doc();
    let s = &props.span;
    let label = doc.labels().name(s.label()).to_string();
    let covered = clip(doc.covered(s), 120);
    let focused = state.focused.as_ref() == Some(s.id());

    let show = {
        let (state, id) = (state.clone(), s.id().clone());
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Focus(Some(id.clone()))))
    };
    let delete = {
        let (state, id) = (state.clone(), s.id().clone());
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Delete(id.clone())))
    };
    let relabel = {
        let (state, id) = (state.clone(), s.id().clone());
        Callback::from(move |e: Event| {
            let Some(sel) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) else { return };
            if let Ok(i) = sel.value().parse::<u8>() {
                state.dispatch(Action::Relabel { id: id.clone(), label: LabelId(i) });
            }
        })
    };
    let options = doc.labels().iter().map(|(id, l)| {
        html! { <option value={id.0.to_string()} selected={id == s.label()}>{ l.name.to_string() }</option> }
    });
    html! {
        <li class={classes!("ann", focused.then_some("focused"))} data-id={s.id().to_string()}>
            <span class={classes!("tag", format!("l{}", s.label().index()))}>{ label.clone() }</span>
            <span class="covered">{ covered.clone() }</span>
            <span class="offsets">{ format!("{}–{}", s.start(), s.end()) }</span>
            <span class="item-actions">
                <button onclick={show} aria-label={format!("Show {label} “{covered}” in the article")}>{"Show"}</button>
                <select onchange={relabel} aria-label={format!("Label of “{covered}”")}>{ for options }</select>
                <button onclick={delete} aria-label={format!("Delete {label} “{covered}”")}>{"Delete"}</button>
            </span>
        </li>
    }
}
