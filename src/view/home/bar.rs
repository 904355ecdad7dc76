//! The bars above the document list: search, filters, sort and the bin (`ListBarProps`), and
//! what to do with the selected documents (`SelectionBarProps`). They only dispatch; the list
//! query and the changes are the corpus slice's.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::super::pure::Panel;
use super::super::state::{Action, Change};
use super::super::{send, send_with, Dispatcher};
use crate::corpus::{ListQuery, SortKey, Status};

/// The id of the search box, for the `/` key on the list.
pub const SEARCH_ID: &str = "doc-search";

fn value(e: &Event) -> String {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        .map(|s| s.value())
        .unwrap_or_default()
}

const SORTS: [(SortKey, &str); 6] = [
    (SortKey::Added, "order added"),
    (SortKey::Title, "title"),
    (SortKey::Length, "length"),
    (SortKey::Spans, "spans"),
    (SortKey::Status, "status"),
    (SortKey::Changed, "last change"),
];

#[derive(PartialEq)]
pub struct ListBarProps {
    pub query: ListQuery,
    /// The labels used anywhere in the corpus, for the label filter.
    pub labels: Vec<String>,
    /// Documents in the bin.
    pub binned: usize,
}

impl Panel for ListBarProps {
    fn view(&self, dispatch: &Option<Dispatcher>) -> Html {
        let props = self;
        let set = |f: fn(&mut ListQuery, &Event)| {
            let (dispatch, q) = (dispatch.clone(), props.query.clone());
            Callback::from(move |e: Event| {
                let mut q = q.clone();
                f(&mut q, &e);
                if let Some(d) = &dispatch {
                    d.dispatch(Action::SetQuery(q))
                }
            })
        };
        let oninput = {
            let (dispatch, q) = (dispatch.clone(), props.query.clone());
            Callback::from(move |e: InputEvent| {
                let text = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                    .map(|i| i.value())
                    .unwrap_or_default();
                if let Some(d) = &dispatch {
                    d.dispatch(Action::SetQuery(ListQuery {
                        search: text,
                        ..q.clone()
                    }))
                }
            })
        };
        // Enter (or leaving the box) searches the texts too, when asked to.
        let onchange = send(dispatch, || Action::SearchTexts);
        let in_text = {
            let (dispatch, q) = (dispatch.clone(), props.query.clone());
            Callback::from(move |_: Event| {
                if let Some(d) = &dispatch {
                    d.dispatch(Action::SetQuery(ListQuery {
                        in_text: !q.in_text,
                        ..q.clone()
                    }));
                    d.dispatch(Action::SearchTexts);
                }
            })
        };
        let q = &props.query;
        let bin = {
            let mut b = q.clone();
            b.bin = !q.bin;
            send_with(dispatch, b, Action::SetQuery)
        };
        html! {
            <div class="list-bar" role="search" aria-label="Find documents">
                <input id={SEARCH_ID} type="search" placeholder="Search (/)" aria-label="Search documents"
                       value={q.search.clone()} {oninput} {onchange} />
                <select aria-label="Status" onchange={set(|q, e| {
                    q.statuses = Status::ALL.iter().copied().filter(|s| s.name() == value(e)).collect();
                })}>
                    <option value="" selected={q.statuses.is_empty()}>{"any status"}</option>
                    { for Status::ALL.iter().map(|s| html! {
                        <option value={s.name()} selected={q.statuses == [*s]}>{ s.name() }</option>
                    }) }
                </select>
                <select aria-label="Label" onchange={set(|q, e| {
                    let v = value(e);
                    q.label = (!v.is_empty()).then_some(v);
                })}>
                    <option value="" selected={q.label.is_none()}>{"any label"}</option>
                    { for props.labels.iter().map(|l| html! {
                        <option value={l.clone()} selected={q.label.as_deref() == Some(l.as_str())}>{ format!("has {l}") }</option>
                    }) }
                </select>
                <select aria-label="Sort by" onchange={set(|q, e| {
                    let v = value(e);
                    q.sort = SORTS.iter().find(|(_, n)| *n == v).map_or(SortKey::Added, |(k, _)| *k);
                })}>
                    { for SORTS.iter().map(|(k, n)| html! {
                        <option value={*n} selected={q.sort == *k}>{ format!("sort by {n}") }</option>
                    }) }
                </select>
                <label><input type="checkbox" checked={q.in_text} onchange={in_text} />{"Search the texts too (Enter)"}</label>
                <label><input type="checkbox" checked={q.descending}
                    onchange={set(|q, _| q.descending = !q.descending)} />{"Descending"}</label>
                <button onclick={bin} aria-pressed={q.bin.to_string()}>
                    { if q.bin { "Back to the documents".to_string() } else { format!("Bin ({})", props.binned) } }
                </button>
            </div>
        }
    }
}

#[derive(PartialEq)]
pub struct SelectionBarProps {
    pub selected: usize,
    /// Documents were just moved to the bin: offer to undo that.
    pub can_undo_bin: bool,
    /// The bin is shown.
    pub bin: bool,
    pub ids: Vec<String>,
}

impl Panel for SelectionBarProps {
    fn view(&self, dispatch: &Option<Dispatcher>) -> Html {
        let props = self;
        html! {
            <div class="selection-bar" role="toolbar" aria-label="Selected documents">
                <span>{ format!("{} selected", props.selected) }</span>
                <button onclick={send(dispatch, || Action::SelectAll(true))}>{"Select all shown"}</button>
                // What can be done with selected documents shows once some are (with none, each
                // would be disabled): drawn by a function of their own, which a visit that
                // selects nothing never runs.
                if props.selected > 0 {
                    { selection_actions(props, dispatch) }
                }
                if props.can_undo_bin {
                    <button onclick={send(dispatch, || Action::UndoBin)} aria-keyshortcuts="Control+Z">{"Undo move to bin"}</button>
                }
            </div>
        }
    }
}

/// Select none, and the status, bin, restore and delete of the selected documents.
#[inline(never)]
fn selection_actions(props: &SelectionBarProps, dispatch: &Option<Dispatcher>) -> Html {
    let change = |c: Change| {
        send_with(dispatch, props.ids.clone(), move |ids| {
            Action::ChangeDocuments { ids, change: c }
        })
    };
    let status = {
        let (dispatch, ids) = (dispatch.clone(), props.ids.clone());
        Callback::from(move |e: Event| {
            let v = value(&e);
            if let (Some(s), Some(d)) = (Status::ALL.iter().find(|s| s.name() == v), &dispatch) {
                d.dispatch(Action::ChangeDocuments {
                    ids: ids.clone(),
                    change: Change::Status(*s),
                })
            }
        })
    };
    html! {
        <>
            <button onclick={send(dispatch, || Action::SelectAll(false))}>{"Select none"}</button>
            if props.bin {
                <button onclick={change(Change::Restore)}>{"Restore"}</button>
                <button onclick={send_with(dispatch, props.ids.clone(), Action::DeleteForGood)}>{"Delete for good"}</button>
            } else {
                <select aria-label="Mark selected as" onchange={status}>
                    <option value="" selected=true>{"Mark as…"}</option>
                    { for Status::ALL.iter().map(|s| html! { <option value={s.name()}>{ s.name() }</option> }) }
                </select>
                <button onclick={change(Change::Bin)} aria-keyshortcuts="Delete">{"Move to bin"}</button>
            }
        </>
    }
}
