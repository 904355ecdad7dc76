//! The review side's controls on the home screen and the name question: the settings place
//! with the annotator name (kept in the corpus; exports name it), "Import as suggestions",
//! the agreement panel for the selected documents (or all), and the small dialog that asks for
//! the name at the first export when none is set.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::super::state::agreement::AgreementAction;
use super::super::state::review::ExportRequest;
use super::super::state::{Action, ReviewAction};
use super::super::{Dispatcher, Latest};

/// The id of the annotator name field in the settings place.
pub const NAME_ID: &str = "annotator-name";

fn input_value(node: &NodeRef) -> String {
    node.cast::<web_sys::HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

#[derive(Properties, PartialEq)]
pub struct ReviewToolsProps {
    pub annotator: std::rc::Rc<str>,
    pub as_suggestions: bool,
    /// The selected documents (the agreement panel measures these, else all).
    pub selected: Vec<String>,
}

#[component]
pub fn ReviewTools(props: &ReviewToolsProps) -> Html {
    let dispatch = use_context::<Dispatcher>();
    let open = use_state(|| false);
    let name = use_node_ref();
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let save = {
        let (dispatch, name, open) = (dispatch.clone(), name.clone(), open.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(d) = &dispatch {
                d.dispatch(Action::Review(ReviewAction::SetAnnotator(input_value(
                    &name,
                ))));
            }
            open.set(false);
        })
    };
    let suggestions = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let on = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                .is_some_and(|i| i.checked());
            if let Some(d) = &dispatch {
                d.dispatch(Action::Review(ReviewAction::AsSuggestions(on)))
            }
        })
    };
    let agreement = {
        let (dispatch, ids) = (dispatch.clone(), props.selected.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(d) = &dispatch {
                d.dispatch(Action::Review(ReviewAction::Agreement(
                    AgreementAction::Open(ids.clone()),
                )))
            }
        })
    };
    let scope = if props.selected.is_empty() {
        "Agreement".to_string()
    } else {
        format!("Agreement ({} selected)", props.selected.len())
    };
    html! {
        <>
            <button onclick={agreement}>{ scope }</button>
            <label class="as-suggestions">
                <input type="checkbox" checked={props.as_suggestions} onchange={suggestions} />
                {"Import as suggestions"}
            </label>
            <span class="settings-panel">
                <button onclick={toggle} aria-expanded={open.to_string()}>{"Settings"}</button>
                if *open {
                    <form class="panel" aria-label="Settings" onsubmit={save}>
                        <label for={NAME_ID}>{"Your annotator name (exports name it)"}</label>
                        <input id={NAME_ID} ref={name} type="text" value={props.annotator.to_string()} />
                        <button type="submit">{"Save"}</button>
                    </form>
                }
            </span>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct AskNameProps {
    pub state: Latest,
    pub request: Option<ExportRequest>,
}

/// Asks for the annotator name before the first export; the export goes ahead either way.
#[component]
pub fn AskName(props: &AskNameProps) -> Html {
    let name = use_node_ref();
    {
        let name = name.clone();
        use_effect_with(props.request, move |r| {
            if r.is_some() {
                if let Some(el) = name.cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    }
    let Some(request) = props.request else {
        return html! {};
    };
    asking(props, name, request)
}

/// The open question. Apart from the component, which renders (nothing) at every start: a
/// visit that never exports without a name set never runs this, so the split keeps it out of
/// the first part of the page's wasm (scripts/split.sh).
#[inline(never)]
fn asking(props: &AskNameProps, name: NodeRef, request: ExportRequest) -> Html {
    let finish = |use_name: bool| {
        let (state, name) = (props.state.clone(), name.clone());
        move || {
            let typed = if use_name {
                input_value(&name)
            } else {
                String::new()
            };
            if !typed.trim().is_empty() {
                state.dispatch(Action::Review(ReviewAction::SetAnnotator(typed.clone())));
            }
            state.dispatch(Action::Review(ReviewAction::AskDone));
            super::export::run(&state, request, typed.trim());
        }
    };
    let save = {
        let f = finish(true);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            f();
        })
    };
    let skip = {
        let f = finish(false);
        Callback::from(move |_: MouseEvent| f())
    };
    html! {
        <section class="dialog" role="dialog" aria-modal="true" aria-label="Your annotator name">
            <form onsubmit={save}>
                <p>{"Exports name who made the annotations, so a reviewer can tell annotators apart. What is your name?"}</p>
                <label for="ask-name">{"Your annotator name"}</label>
                <input id="ask-name" ref={name} type="text" />
                <button type="submit">{"Save and export"}</button>
                <button type="button" onclick={skip}>{"Export without a name"}</button>
            </form>
        </section>
    }
}
