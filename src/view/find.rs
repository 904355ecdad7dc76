//! The Find bar: literal or regular-expression search with case and whole-word toggles, the
//! hit count, stepping with Enter and Shift+Enter, and labelling the current hit or all of
//! them in one undoable step, with a preview of how many spans that creates; the new spans
//! can all get one attribute value (every "Azerbaijan" an Entity of type place).

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::pure::Panel;
use super::state::{plural, Action, FindPick, FindState};
use super::{Dispatcher, Snapshot};
use crate::model::attribute::{AttrKind, AttrValue as Value, Attrs};
use crate::model::caret::Dir;
use crate::model::find::{label_all_preview, Query};
use crate::model::{Document, LabelId, LabelSet};

/// The values Label all can give every new span of `label`: each flag's yes and no and each
/// list's values (free text is set span by span).
fn find_values(labels: &LabelSet, label: LabelId) -> Vec<(std::rc::Rc<str>, Value)> {
    let Some(l) = labels.get(label) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for d in l.attributes.iter() {
        match &d.kind {
            AttrKind::Flag => {
                out.push((d.name.clone(), Value::Flag(true)));
                out.push((d.name.clone(), Value::Flag(false)));
            }
            AttrKind::Choice(list) => out.extend(
                list.iter()
                    .map(|v| (d.name.clone(), Value::Choice(v.clone()))),
            ),
            AttrKind::Text => {}
        }
    }
    out
}

/// The id of the Find input, for the `/` shortcut.
pub const FIND_INPUT_ID: &str = "find-input";

/// The Find bar shows the find state and, for the "Label all" preview, the document.
pub struct FindProps {
    pub doc: Snapshot<Document>,
    pub find: FindState,
    pub pick: FindPick,
}

/// By what the bar shows: the find state, its pick, the label names and, only while there are
/// hits to preview, the document (by revision). With no hits an edit leaves the bar alone.
impl PartialEq for FindProps {
    fn eq(&self, other: &Self) -> bool {
        self.find == other.find
            && self.pick == other.pick
            && self.doc.labels() == other.doc.labels()
            && (self.find.hits.is_empty() || self.doc == other.doc)
    }
}

/// The bar: the query's controls, the count and the labelling of hits, all from the state.
impl Panel for FindProps {
    fn view(&self, dispatch: &Option<Dispatcher>) -> Html {
        match dispatch {
            Some(dispatch) => bar(self, dispatch),
            None => html! {},
        }
    }
}

fn bar(props: &FindProps, dispatch: &Dispatcher) -> Html {
    let q = props.find.query.clone();

    let set_query = |f: fn(&mut Query, Event)| {
        let (dispatch, q) = (dispatch.clone(), q.clone());
        Callback::from(move |e: Event| {
            let mut q = q.clone();
            f(&mut q, e);
            dispatch.dispatch(Action::FindQuery(q));
        })
    };
    let oninput = {
        let (dispatch, q) = (dispatch.clone(), q.clone());
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                dispatch.dispatch(Action::FindQuery(Query {
                    pattern: input.value(),
                    ..q.clone()
                }));
            }
        })
    };
    let onkeydown = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                e.prevent_default();
                dispatch.dispatch(Action::FindStep(if e.shift_key() {
                    Dir::Back
                } else {
                    Dir::Forward
                }));
            }
        })
    };
    let count = match &props.find.error {
        Some(e) => e.clone(),
        None if q.pattern.is_empty() => String::new(),
        None => hit_count(props.find.current, props.find.hits.len()),
    };
    html! {
        <div class="findbar" role="search" aria-label="Find in the article">
            <input id={FIND_INPUT_ID} type="search" aria-label="Find" placeholder="Find (/)" value={q.pattern.clone()}
                   {oninput} {onkeydown} aria-describedby="find-count" />
            <label><input type="checkbox" checked={q.case_sensitive}
                onchange={set_query(|q, e| q.case_sensitive = super::checked(&e))} />{"Match case"}</label>
            <label><input type="checkbox" checked={q.whole_word}
                onchange={set_query(|q, e| q.whole_word = super::checked(&e))} />{"Whole word"}</label>
            <label><input type="checkbox" checked={q.regex}
                onchange={set_query(|q, e| q.regex = super::checked(&e))} />{"Regular expression"}</label>
            <span id="find-count" class={classes!("hit-count", props.find.error.is_some().then_some("bad"))} aria-live="polite">{ count }</span>
            // Stepping and labelling show once there is something to find (with nothing, each
            // would be disabled): drawn by a function of their own, which a visit that finds
            // nothing never runs.
            if !q.pattern.is_empty() {
                { hit_controls(props, dispatch) }
            }
        </div>
    }
}

/// "2 of 80 hits", or "0 hits".
fn hit_count(current: Option<usize>, n: usize) -> String {
    match current {
        Some(i) if n > 0 => format!("{} of {n} hit{}", i + 1, plural(n)),
        _ => format!("{n} hits"),
    }
}

/// The bar's controls for its hits: the previous and next hit, the label (and value) for them,
/// labelling the current hit or all of them, and what Label all would create.
#[inline(never)]
fn hit_controls(props: &FindProps, dispatch: &Dispatcher) -> Html {
    let FindPick { label, value } = props.pick;
    let values = find_values(props.doc.labels(), label);
    let step = |dir: Dir| {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::FindStep(dir)))
    };
    let label_hits = |all: bool| {
        let dispatch = dispatch.clone();
        let attrs = value
            .and_then(|i| values.get(i))
            .map(|(n, v)| Attrs::from_pairs(vec![(n.clone(), v.clone())]))
            .unwrap_or_default();
        Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(Action::FindLabel {
                label,
                attrs: attrs.clone(),
                all,
            })
        })
    };
    // A new label starts with no value; a value keeps the label.
    let on_label = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            if let Some(sel) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
            {
                dispatch.dispatch(Action::FindPick(FindPick {
                    label: LabelId(sel.value().parse().unwrap_or(0)),
                    value: None,
                }));
            }
        })
    };
    let on_value = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            if let Some(sel) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
            {
                dispatch.dispatch(Action::FindPick(FindPick {
                    label,
                    value: sel.value().parse().ok(),
                }));
            }
        })
    };

    let n = props.find.hits.len();
    let doc = &props.doc;
    let label_name = doc.labels().name(label).to_string();
    let (create, skip) = label_all_preview(doc, label, &props.find.hits);
    let preview = if n == 0 {
        String::new()
    } else if skip > 0 {
        format!("Label all creates {create} {label_name} span{}; {skip} hit{} already labelled {label_name} will be skipped.", plural(create), plural(skip))
    } else {
        format!(
            "Label all creates {create} {label_name} span{}.",
            plural(create)
        )
    };
    let options = doc.labels().iter().map(|(id, l)| {
        html! { <option value={id.0.to_string()} selected={id == label}>{ l.name.to_string() }</option> }
    });
    html! {
        <>
            <button onclick={step(Dir::Back)} disabled={n == 0} aria-label="Previous hit">{"↑"}</button>
            <button onclick={step(Dir::Forward)} disabled={n == 0} aria-label="Next hit">{"↓"}</button>
            <select aria-label="Label for hits" onchange={on_label}>{ for options }</select>
            if !values.is_empty() {
                <select aria-label="Attribute value for hits" onchange={on_value}>
                    <option value="" selected={value.is_none()}>{"no attribute value"}</option>
                    { for values.iter().enumerate().map(|(i, (n, v))| html! {
                        <option value={i.to_string()} selected={value == Some(i)}>{ format!("{n}: {v}") }</option>
                    }) }
                </select>
            }
            <button onclick={label_hits(false)} disabled={n == 0}>{"Label current"}</button>
            <button onclick={label_hits(true)} disabled={create == 0} aria-describedby="find-preview">{ format!("Label all {n}") }</button>
            <span id="find-preview" class="hint">{ preview }</span>
        </>
    }
}
