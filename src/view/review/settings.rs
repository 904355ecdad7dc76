//! The review side's controls on the home screen and the name question: the settings place
//! with the annotator name (kept in the corpus; exports name it), "Import as suggestions",
//! the agreement panel for the selected documents (or all), and the small dialog that asks for
//! the name at the first export when none is set.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::super::disclosure::disclosure;
use super::super::focus::Focus;
use super::super::pure::{panel, Panel};
use super::super::state::agreement::AgreementAction;
use super::super::state::review::ExportRequest;
use super::super::state::{Action, ReviewAction, Small};
use super::super::{checked, Dispatcher, Latest};

/// The id of the annotator name field in the settings place.
pub const NAME_ID: &str = "annotator-name";

#[derive(PartialEq)]
pub struct ReviewToolsProps {
    pub annotator: std::rc::Rc<str>,
    pub as_suggestions: bool,
    /// The selected documents (the agreement panel measures these, else all).
    pub selected: Vec<String>,
    /// The Settings panel is open.
    pub settings_open: bool,
}

impl Panel for ReviewToolsProps {
    fn view(&self, dispatch: &Option<Dispatcher>) -> Html {
        let suggestions = {
            let dispatch = dispatch.clone();
            Callback::from(move |e: Event| {
                let on = checked(&e);
                if let Some(d) = &dispatch {
                    d.dispatch(Action::Review(ReviewAction::AsSuggestions(on)))
                }
            })
        };
        let agreement = {
            let (dispatch, ids) = (dispatch.clone(), self.selected.clone());
            Callback::from(move |_: MouseEvent| {
                if let Some(d) = &dispatch {
                    d.dispatch(Action::Review(ReviewAction::Agreement(
                        AgreementAction::Open(ids.clone()),
                    )))
                }
            })
        };
        let scope = if self.selected.is_empty() {
            "Agreement".to_string()
        } else {
            format!("Agreement ({} selected)", self.selected.len())
        };
        html! {
            <>
                <button onclick={agreement}>{ scope }</button>
                <label class="as-suggestions">
                    <input type="checkbox" checked={self.as_suggestions} onchange={suggestions} />
                    {"Import as suggestions"}
                </label>
                { disclosure(dispatch, Small::Settings, self.settings_open, "settings-panel", "Settings", || {
                    panel(SettingsProps { annotator: self.annotator.clone() })
                }) }
            </>
        }
    }
}

/// The settings form, drawn while the Settings panel is open: saving it sets the name and
/// closes the panel (`Disclosure` closes on the form's submit).
#[derive(PartialEq)]
struct SettingsProps {
    annotator: std::rc::Rc<str>,
}

impl Panel for SettingsProps {
    fn view(&self, dispatch: &Option<Dispatcher>) -> Html {
        let save = {
            let dispatch = dispatch.clone();
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                // The form's one text box.
                let name = e
                    .target()
                    .and_then(|f| f.dyn_into::<web_sys::Element>().ok())
                    .and_then(|f| f.query_selector("input").ok().flatten())
                    .and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok())
                    .map(|i| i.value())
                    .unwrap_or_default();
                if let Some(d) = &dispatch {
                    d.dispatch(Action::Review(ReviewAction::SetAnnotator(name)));
                }
            })
        };
        html! {
            <form class="panel" aria-label="Settings" onsubmit={save}>
                <label for={NAME_ID}>{"Your annotator name (exports name it)"}</label>
                <input id={NAME_ID} type="text" value={self.annotator.to_string()} />
                <button type="submit">{"Save"}</button>
            </form>
        }
    }
}

#[derive(PartialEq)]
pub struct AskNameProps {
    pub state: Latest,
    pub request: Option<ExportRequest>,
}

/// Asks for the annotator name before the first export; the export goes ahead either way.
/// Not asking, nothing; asking, the question, whose name field takes the keyboard.
impl Panel for AskNameProps {
    fn view(&self, _: &Option<Dispatcher>) -> Html {
        let Some(request) = self.request else {
            return html! {};
        };
        html! { <Focus first="ask-name">{ asking(self, request) }</Focus> }
    }
}

/// The open question. Apart from the panel, which draws (nothing) at every start: a visit
/// that never exports without a name set never runs this, so the split keeps it out of the
/// first part of the page's wasm (scripts/split.sh).
#[inline(never)]
fn asking(props: &AskNameProps, request: ExportRequest) -> Html {
    let finish = |use_name: bool| {
        let state = props.state.clone();
        move || {
            let typed = if use_name {
                crate::browser::document()
                    .and_then(|d| d.get_element_by_id("ask-name"))
                    .and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok())
                    .map(|i| i.value())
                    .unwrap_or_default()
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
                <input id="ask-name" type="text" />
                <button type="submit">{"Save and export"}</button>
                <button type="button" onclick={skip}>{"Export without a name"}</button>
            </form>
        </section>
    }
}
