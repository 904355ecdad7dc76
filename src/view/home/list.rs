//! The document list: one row per document shown (title, status, length, spans per label,
//! last change), only the rows in view in the DOM, like the annotation list, so ten thousand
//! documents cost what forty do. Arrow keys (or J/K) move through it, Enter opens, Space
//! selects; the rows carry `aria-posinset`/`aria-setsize`.

use std::collections::BTreeSet;
use std::rc::Rc;

use yew::prelude::*;

use super::super::annotations::window;
use super::super::state::Action;
use super::super::{checked, Dispatcher};
use crate::browser::visibility::set_style;
use crate::corpus::DocSummary;

/// Height of one row in CSS pixels; `.doc-row` in static/style.css has the same.
pub const ROW_PX: f64 = 44.0;

/// The id of the list element, for the keyboard.
pub const LIST_ID: &str = "doc-list";

#[derive(Properties, PartialEq)]
pub struct DocListProps {
    pub summaries: Rc<Vec<Rc<DocSummary>>>,
    pub rows: Rc<Vec<usize>>,
    pub selected: Rc<BTreeSet<String>>,
    pub cursor: usize,
}

/// "2026-12-04 14:05", from milliseconds since 1970, in the browser's time zone.
fn when(ms: u64) -> String {
    // Milliseconds since 1970 are exact in a JavaScript number.
    let d = js_sys::Date::new(&(ms as f64).into());
    let two = |n: u32| format!("{n:02}");
    format!(
        "{}-{}-{} {}:{}",
        d.get_full_year(),
        two(d.get_month() + 1),
        two(d.get_date()),
        two(d.get_hours()),
        two(d.get_minutes())
    )
}

#[component]
pub fn DocList(props: &DocListProps) -> Html {
    let dispatch = use_context::<Dispatcher>();
    let pane = use_node_ref();
    let view = use_state(|| (0.0f64, 700.0f64));
    let n = props.rows.len();
    let (first, last) = window(n, view.0, view.1, ROW_PX);
    let onscroll = {
        let (view, pane) = (view.clone(), pane.clone());
        Callback::from(move |_: Event| {
            let Some(el) = pane.cast::<web_sys::Element>() else {
                return;
            };
            let now = (el.scroll_top() as f64, el.client_height() as f64);
            if window(n, now.0, now.1, ROW_PX) != window(n, view.0, view.1, ROW_PX) {
                view.set(now);
            }
        })
    };
    {
        // Padding stands in for the rows not rendered; the cursor's row stays in view.
        let pane = pane.clone();
        let cursor = props.cursor;
        use_effect_with(
            (first, last, n, cursor),
            move |&(first, last, n, cursor)| {
                if n > 0 {
                    crate::browser::perf::mark("list-shown");
                }
                let Some(el) = pane.cast::<web_sys::Element>() else {
                    return;
                };
                if let Some(ul) = el.query_selector("ul").ok().flatten() {
                    let row = ROW_PX as usize;
                    set_style(&ul, "padding-top", &format!("{}px", first * row));
                    set_style(
                        &ul,
                        "padding-bottom",
                        &format!("{}px", n.saturating_sub(last) * row),
                    );
                }
                let top = cursor as f64 * ROW_PX;
                let (st, h) = (el.scroll_top() as f64, el.client_height() as f64);
                if top < st || top + ROW_PX > st + h {
                    el.set_scroll_top((top - h / 2.0).max(0.0) as i32);
                }
            },
        );
    }
    let rows = (first..last).filter_map(|r| {
        let doc = props.summaries.get(*props.rows.get(r)?)?;
        let selected = props.selected.contains(&doc.id);
        let id = doc.id.clone();
        let open = {
            let (dispatch, id) = (dispatch.clone(), id.clone());
            Callback::from(move |_: MouseEvent| {
                if let Some(d) = &dispatch {
                    d.dispatch(Action::OpenDocument(id.clone()))
                }
            })
        };
        let toggle = {
            let (dispatch, id) = (dispatch.clone(), id.clone());
            Callback::from(move |e: Event| {
                let on = checked(&e);
                if let Some(d) = &dispatch {
                    d.dispatch(Action::Select { id: id.clone(), on })
                }
            })
        };
        let review = {
            let (dispatch, id) = (dispatch.clone(), id.clone());
            Callback::from(move |_: MouseEvent| {
                if let Some(d) = &dispatch {
                    d.dispatch(Action::Review(super::super::state::ReviewAction::Open(id.clone())))
                }
            })
        };
        // Its own spans count as one more layer in a review.
        let reviewable = doc.layers + usize::from(doc.spans() > 0) >= 2;
        let labels = doc
            .labels
            .iter()
            .filter(|(_, &n)| n > 0)
            .map(|(l, n)| format!("{l} {n}"))
            .collect::<Vec<_>>()
            .join(", ");
        let title = if doc.title.trim().is_empty() { "(untitled)".to_string() } else { doc.title.clone() };
        Some(html! {
            <li key={doc.id.clone()} role="option" class={classes!("doc-row", (r == props.cursor).then_some("cursor"), selected.then_some("selected"))}
                data-id={doc.id.clone()} aria-posinset={(r + 1).to_string()} aria-setsize={n.to_string()}
                aria-selected={selected.to_string()}>
                <input type="checkbox" checked={selected} onchange={toggle} aria-label={format!("Select “{title}”")} />
                <button class="doc-title link" onclick={open}>{ title.clone() }</button>
                <span class={classes!("status", doc.status.class())}>{ doc.status.name() }</span>
                <span class="doc-len">{ format!("{} chars", doc.chars) }</span>
                <span class="doc-spans">{ if labels.is_empty() { "no spans".to_string() } else { labels } }</span>
                <span class="doc-when">{ when(doc.updated) }</span>
                <span class="doc-layers">{ match doc.layers { 0 => String::new(), 1 => "1 layer".to_string(), n => format!("{n} layers") } }</span>
                if reviewable {
                    <button class="link review-btn" onclick={review} aria-label={format!("Review “{title}”")} aria-keyshortcuts="R">{"Review"}</button>
                }
            </li>
        })
    });
    html! {
        <section class="doc-pane" ref={pane} {onscroll}>
            <ul id={LIST_ID} class="doc-list" role="listbox" aria-label="Documents" aria-multiselectable="true" tabindex="0">
                { for rows }
            </ul>
            if n == 0 {
                <p class="hint">{"No documents here."}</p>
            }
        </section>
    }
}
