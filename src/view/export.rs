//! The dataset export dialog: which documents (all, the selected ones, or those with a
//! status), the format, UTF-16 offsets, the dataset's name, and a train/dev/test split with
//! its shares, seed and stratification. Every change goes to the reducer as the whole new
//! choice; the worker writes the files (`state::transfer`, `corpus::dataset`).

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::checked;
use super::pure::Panel;
use super::state::{Action, ExportChoice, Scope};
use super::toolbar::carries;
use super::{send, Dispatcher};
use crate::corpus::Status;
use crate::format::FormatKind;

#[derive(PartialEq)]
pub struct ExportProps {
    pub choice: ExportChoice,
}

fn input_value(e: &Event) -> String {
    let t = e.target();
    if let Some(i) = t
        .clone()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        return i.value();
    }
    t.and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        .map(|s| s.value())
        .unwrap_or_default()
}

/// The scope options, with the value each has in the select.
fn scopes() -> Vec<(Scope, String, String)> {
    let mut out = vec![
        (Scope::All, "all".to_string(), "All documents".to_string()),
        (
            Scope::Selected,
            "selected".to_string(),
            "The selected documents".to_string(),
        ),
    ];
    for s in Status::ALL {
        out.push((
            Scope::Status(s),
            s.name().to_string(),
            format!("The documents marked {}", s.name()),
        ));
    }
    out
}

impl Panel for ExportProps {
    fn view(&self, dispatch: &Option<Dispatcher>) -> Html {
        let props = self;
        let c = &props.choice;
        // A handler that changes the choice with what the event says.
        let change = |f: fn(&mut ExportChoice, &Event)| {
            let (dispatch, c) = (dispatch.clone(), c.clone());
            Callback::from(move |e: Event| {
                let mut c = c.clone();
                f(&mut c, &e);
                if let Some(d) = &dispatch {
                    d.dispatch(Action::ExportChoose(c))
                }
            })
        };
        let offers_utf16 = matches!(c.kind, FormatKind::Native | FormatKind::Doccano);
        let scope_value = scopes()
            .into_iter()
            .find(|(s, _, _)| *s == c.scope)
            .map(|(_, v, _)| v)
            .unwrap_or_default();
        html! {
            <section class="dialog export-dialog" role="dialog" aria-label="Export documents">
                <h2>{"Export documents"}</h2>
                <label>{"Documents "}
                    <select aria-label="Documents to export" onchange={change(|c, e| {
                        let v = input_value(e);
                        if let Some((s, _, _)) = scopes().into_iter().find(|(_, value, _)| *value == v) {
                            c.scope = s;
                        }
                    })}>
                        { for scopes().into_iter().map(|(s, v, label)| html! {
                            <option value={v.clone()} selected={v == scope_value && s == c.scope}>{ label }</option>
                        }) }
                    </select>
                </label>
                <label>{"Format "}
                    <select aria-label="Export format" onchange={change(|c, e| {
                        if let Some(k) = input_value(e).parse::<usize>().ok().and_then(|i| FormatKind::ALL.get(i)) {
                            c.kind = *k;
                        }
                    })}>
                        { for FormatKind::ALL.iter().enumerate().map(|(i, k)| html! {
                            <option value={i.to_string()} selected={*k == c.kind}>{ k.name() }</option>
                        }) }
                    </select>
                </label>
                <p class="menu-note">{ carries(c.kind) }</p>
                if offers_utf16 {
                    <label><input type="checkbox" checked={c.utf16} onchange={change(|c, e| c.utf16 = checked(e))} />
                        {"Offsets in UTF-16 code units (for JavaScript consumers)"}</label>
                }
                <label>{"Name "}
                    <input type="text" aria-label="Dataset name" value={c.name.clone()} onchange={change(|c, e| c.name = input_value(e))} />
                </label>
                <label><input type="checkbox" checked={c.gold} onchange={change(|c, e| c.gold = checked(e))} />
                    {"Reviewed gold instead of each document's own spans (documents not reviewed keep theirs)"}</label>
                <label><input type="checkbox" checked={c.split} onchange={change(|c, e| c.split = checked(e))} />
                    {"Split into train, dev and test"}</label>
                if c.split {
                    <fieldset class="split">
                        <legend>{"Shares and seed"}</legend>
                        <label>{"train "}<input type="number" min="0" aria-label="Train share" value={c.weights[0].to_string()}
                            onchange={change(|c, e| c.weights[0] = input_value(e).parse().unwrap_or(c.weights[0]))} /></label>
                        <label>{"dev "}<input type="number" min="0" aria-label="Dev share" value={c.weights[1].to_string()}
                            onchange={change(|c, e| c.weights[1] = input_value(e).parse().unwrap_or(c.weights[1]))} /></label>
                        <label>{"test "}<input type="number" min="0" aria-label="Test share" value={c.weights[2].to_string()}
                            onchange={change(|c, e| c.weights[2] = input_value(e).parse().unwrap_or(c.weights[2]))} /></label>
                        <label>{"seed "}<input type="number" min="0" aria-label="Seed" value={c.seed.to_string()}
                            onchange={change(|c, e| c.seed = input_value(e).parse().unwrap_or(c.seed))} /></label>
                        <label><input type="checkbox" checked={c.stratify} onchange={change(|c, e| c.stratify = checked(e))} />
                            {"Stratify by label (each part gets a like share of every label)"}</label>
                    </fieldset>
                }
                <button onclick={send(dispatch, || Action::Confirm)}>{"Export"}</button>
                <button onclick={send(dispatch, || Action::Cancel)}>{"Cancel"}</button>
            </section>
        }
    }
}
