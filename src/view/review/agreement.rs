//! The agreement panel: for the corpus or the selected documents, the report `annotate agree`
//! prints (the same numbers: both come from `review::Tally`), as tables (`tables.rs`), the
//! progress line while it is measured, the confusion table of a chosen pair, and the report
//! as JSON and CSV.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::super::state::agreement::{AgreementAction, AgreementState};
use super::super::state::{Action, Notice, ReviewAction};
use super::super::{send, Dispatcher};
use super::{qualified, tables};
use crate::browser::files;
use crate::review::documents_to_csv;

#[derive(Properties, PartialEq)]
pub struct AgreementProps {
    pub agreement: AgreementState,
}

fn download(dispatch: &Option<Dispatcher>, name: &str, content: String, mime: &str) {
    let notice = match files::download(name, &content, mime) {
        Ok(()) => Notice::Info(format!("Exported {name}.")),
        Err(e) => Notice::Error(format!("Export failed: {e}.")),
    };
    if let Some(d) = dispatch {
        d.dispatch(Action::Notify(notice));
    }
}

#[component]
pub fn AgreementView(props: &AgreementProps) -> Html {
    let dispatch = use_context::<Dispatcher>();
    let ag = &props.agreement;
    let (done, total) = ag.progress;
    let progress = if ag.running {
        format!("Measuring: {done} of {total} documents read…")
    } else {
        match &ag.result {
            Some(r) => format!(
                "Measured {} document{} of {}.",
                r.report.documents,
                super::super::state::plural(r.report.documents),
                if ag.scope.is_empty() {
                    "the corpus".to_string()
                } else {
                    format!("the {} selected", ag.scope.len())
                }
            ),
            None => String::new(),
        }
    };
    let exports = ag.result.clone().map(|r| {
        let json = {
            let (d, r) = (dispatch.clone(), r.clone());
            Callback::from(move |_: MouseEvent| {
                download(&d, "agreement.json", r.report.to_json(), "application/json")
            })
        };
        let csv = {
            let (d, r) = (dispatch.clone(), r.clone());
            Callback::from(move |_: MouseEvent| {
                download(&d, "agreement.csv", r.report.to_csv(), "text/csv")
            })
        };
        let docs = {
            let (d, r) = (dispatch.clone(), r.clone());
            Callback::from(move |_: MouseEvent| {
                download(
                    &d,
                    "agreement-documents.csv",
                    documents_to_csv(&r.documents),
                    "text/csv",
                )
            })
        };
        html! {
            <>
                <button onclick={json}>{"Export JSON"}</button>
                <button onclick={csv}>{"Export CSV"}</button>
                <button onclick={docs}>{"Export documents CSV"}</button>
            </>
        }
    });
    html! {
        <section class="agreement" aria-labelledby="agreement-title">
            <header class="bar">
                <button onclick={send(&dispatch, || Action::BackToList)} aria-keyshortcuts="Alt+ArrowUp">{"← Documents"}</button>
                <h1 id="agreement-title" class="doc-title">{"Agreement between annotators"}</h1>
                <p class="progress" role="status">{ progress }</p>
                <div class="actions">{ exports }</div>
            </header>
            if let Some(r) = &ag.result {
                <div class="agreement-body">
                    if r.report.annotators.len() < 2 {
                        <p class="hint">{"Fewer than two annotators have layers here: import each annotator's file (their layers) first."}</p>
                    }
                    <p>{ format!("Annotators: {}", r.report.annotators.join(", ")) }</p>
                    { tables::summary(&r.report) }
                    { tables::pairs(&r.report) }
                    { tables::per_label(&r.report) }
                    { qualified::relations(&r.report) }
                    { qualified::attributes(&r.report) }
                    <ConfusionPicker result={r.clone()} pair={ag.pair} />
                    { tables::documents(&dispatch, &r.documents, &r.titles) }
                </div>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct PickerProps {
    result: Rc<super::super::state::agreement::AgreementResult>,
    pair: (usize, usize),
}

/// Two selects for the pair, and its confusion table.
#[component]
fn ConfusionPicker(props: &PickerProps) -> Html {
    let dispatch = use_context::<Dispatcher>();
    let names = &props.result.report.annotators;
    let (a, b) = props.pair;
    let pick = |first: bool| {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .and_then(|s| s.value().parse::<usize>().ok());
            if let (Some(v), Some(d)) = (v, &dispatch) {
                let pair = if first { (v, b) } else { (a, v) };
                d.dispatch(Action::Review(ReviewAction::Agreement(
                    AgreementAction::Pair(pair.0, pair.1),
                )));
            }
        })
    };
    let select = |label: &'static str, at: usize, first: bool| {
        html! {
            <label>{ label }
                <select aria-label={label} onchange={pick(first)}>
                    { for names.iter().enumerate().map(|(i, n)| html! { <option value={i.to_string()} selected={i == at}>{ n.clone() }</option> }) }
                </select>
            </label>
        }
    };
    if names.len() < 2 {
        return html! {};
    }
    html! {
        <section class="confusion-pick" aria-label="Token label confusion">
            { select("Rows: ", a, true) }
            { select(" Columns: ", b, false) }
            { match props.result.tally.confusion(a, b) {
                Some(c) => tables::confusion(&c),
                None => html! {},
            } }
        </section>
    }
}
