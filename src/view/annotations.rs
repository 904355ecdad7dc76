//! The "Annotations" list: one item per span, in text order, with its label and covered text,
//! its attribute values and note marker, and buttons to show it in the article, change its
//! label and delete it. A filter narrows it to the spans with one attribute value (or a note).
//!
//! Only the rows in view (plus a margin) exist in the DOM; padding stands in for the others,
//! so a document with ten thousand spans costs the same as one with forty. Rows have a fixed
//! height (`ROW_PX`, matched by `.ann` in the CSS), and each row carries `aria-posinset` and
//! `aria-setsize` so assistive technology knows where it is in the whole list.
//!
//! A row is a panel (`view::pure`) keyed by its span id whose props are only what it shows, so
//! adding a span renders one new row and leaves the others alone; their positions (which move
//! when a span is added above them) are written straight onto the rows after each render.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use std::rc::Rc;

use super::pure::{keyed_panel, Panel};
use super::state::qualify::{badge, list_filters, values_text};
use super::state::{clip, Action};
use super::{Dispatcher, Snapshot};
use crate::browser::visibility::set_style;
use crate::model::{Document, LabelId, LabelSet, Span, SpanId};

/// Height of one row in CSS pixels; `.ann` in static/style.css has the same.
pub const ROW_PX: f64 = 64.0;
/// Rows rendered beyond the visible ones, above and below (every rendered row is touched when
/// the list grows, so no more than scrolling needs).
const OVERSCAN: usize = 4;

/// The rows to render for a scroll position: `[first, last)`.
pub fn visible_rows(total: usize, scroll_top: f64, height: f64) -> (usize, usize) {
    window(total, scroll_top, height, ROW_PX)
}

/// The rows of `row_px` each to render for a scroll position, with [`OVERSCAN`] more above
/// and below: `[first, last)`. Shared by every virtualised list.
pub fn window(total: usize, scroll_top: f64, height: f64, row_px: f64) -> (usize, usize) {
    // Scroll offsets and heights are small non-negative pixel counts.
    let first = ((scroll_top / row_px).floor().max(0.0) as usize)
        .saturating_sub(OVERSCAN)
        .min(total);
    let count = (height / row_px).ceil().max(1.0) as usize + 2 * OVERSCAN;
    (first, (first + count).min(total))
}

/// The list shows the document (compared by revision) and the focused span.
#[derive(Properties, Clone, PartialEq)]
pub struct ListProps {
    pub doc: Snapshot<Document>,
    pub focused: Option<SpanId>,
}

#[component]
pub fn AnnotationList(props: &ListProps) -> Html {
    let _m = crate::browser::perf::measure("list");
    let doc = &props.doc;
    let all = doc.spans().len();
    // The attribute filter (its place in `list_filters`), and the spans it keeps: worked out
    // only while a filter is chosen, once per document revision.
    let filter = use_state(|| None::<usize>);
    let filters = use_memo(doc.labels().clone(), list_filters);
    let kept: Rc<Option<Vec<usize>>> = use_memo((doc.clone(), *filter), |(doc, f)| {
        let f = f.and_then(|i| filters.get(i)).map(|(f, _)| f)?;
        Some(
            doc.spans()
                .iter()
                .enumerate()
                .filter(|(_, s)| f.keeps(s))
                .map(|(i, _)| i)
                .collect(),
        )
    });
    let n = kept.as_ref().as_ref().map_or(all, Vec::len);
    let span_at = |row: usize| -> Option<&Span> {
        match kept.as_ref() {
            Some(k) => k.get(row).and_then(|&i| doc.spans().at(i)),
            None => doc.spans().at(row),
        }
    };
    let pane = use_node_ref();
    let list = use_node_ref();
    // Scroll position and height of the pane, updated only when the rows to render change.
    let view = use_state(|| (0.0f64, 900.0f64));
    let (first, last) = visible_rows(n, view.0, view.1);

    let onscroll = {
        let (view, pane) = (view.clone(), pane.clone());
        Callback::from(move |_: Event| {
            let Some(el) = pane.cast::<web_sys::Element>() else {
                return;
            };
            let now = (el.scroll_top() as f64, el.client_height() as f64);
            if visible_rows(n, now.0, now.1) != visible_rows(n, view.0, view.1) {
                view.set(now);
            }
        })
    };

    {
        // Padding stands in for the rows that are not rendered (written only when it changes).
        let list = list.clone();
        use_effect_with((first, n - last), move |&(above, below)| {
            if let Some(ul) = list.cast::<web_sys::Element>() {
                // Whole pixels, formatted as integers (no float formatting code in the bundle).
                let row = ROW_PX as usize;
                let padding = format!("{}px 0 {}px", above * row, below * row);
                set_style(&ul, "padding", &padding);
            }
        });
    }
    {
        // Each row's place in the whole list, after every render (rows came or went, or moved).
        let list = list.clone();
        let written = use_mut_ref(Written::default);
        let ids: Vec<SpanId> = (first..last)
            .filter_map(span_at)
            .map(|s| s.id().clone())
            .collect();
        use_effect(move || {
            if let Some(ul) = list.cast::<web_sys::Element>() {
                written.borrow_mut().update(&ul, first, n, ids);
            }
        });
    }
    {
        // Bring the focused span's row into view.
        let focused_row = props.focused.as_ref().and_then(|id| {
            let at = doc.spans().position(id)?;
            match kept.as_ref() {
                Some(k) => k.binary_search(&at).ok(),
                None => Some(at),
            }
        });
        let pane = pane.clone();
        use_effect_with(focused_row, move |row| {
            let (Some(row), Some(el)) = (row, pane.cast::<web_sys::Element>()) else {
                return;
            };
            let top = *row as f64 * ROW_PX;
            let (st, h) = (el.scroll_top() as f64, el.client_height() as f64);
            if top < st || top + ROW_PX > st + h {
                el.set_scroll_top((top - h / 2.0).max(0.0) as i32);
            }
        });
    }

    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: Event| {
            if let Some(sel) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
            {
                filter.set(sel.value().parse().ok());
            }
        })
    };
    let labels = doc.labels();
    let rows = (first..last).filter_map(span_at).map(|s| {
        keyed_panel(
            s.id().to_string(),
            ItemProps {
                span: s.clone(),
                labels: labels.clone(),
                covered: AttrValue::from(clip(doc.covered(s), 120)),
                focused: props.focused.as_ref() == Some(s.id()),
            },
        )
    });
    html! {
        <section class="sidebar" ref={pane} {onscroll} aria-labelledby="annotations-heading">
            <h2 id="annotations-heading">{ if kept.is_some() { format!("Annotations ({n} of {all})") } else { format!("Annotations ({n})") } }</h2>
            if filters.len() > 1 || all > 0 {
                <label class="ann-filter">{"Show "}
                    <select onchange={on_filter} aria-label="Show annotations">
                        <option value="" selected={filter.is_none()}>{"all annotations"}</option>
                        { for filters.iter().enumerate().map(|(i, (_, words))| html! {
                            <option value={i.to_string()} selected={*filter == Some(i)}>{ words.clone() }</option>
                        }) }
                    </select>
                </label>
            }
            if all == 0 {
                <p class="hint">{"None yet. Select text in the article and press 1, 2 or 3."}</p>
            }
            <ul class="annotations" role="list" aria-label="Annotations" ref={list}>{ for rows }</ul>
        </section>
    }
}

/// The positions last written on the rows, so that only rows whose place changed are touched.
#[derive(Default)]
struct Written {
    total: usize,
    /// Each rendered row's span and its 1-based position in the whole list.
    rows: std::collections::HashMap<SpanId, usize>,
}

impl Written {
    /// Writes `aria-posinset` (1-based, in the whole list) and `aria-setsize` on the rendered
    /// rows of `ul` (the spans `ids`, from row `first` of `total`) where they changed.
    fn update(&mut self, ul: &web_sys::Element, first: usize, total: usize, ids: Vec<SpanId>) {
        let rows = ul.children();
        let total_text = total.to_string();
        let mut now = std::collections::HashMap::with_capacity(ids.len());
        for (k, id) in ids.into_iter().enumerate() {
            let position = first + k + 1;
            let Some(li) = rows.item(k as u32) else {
                continue;
            };
            if self.rows.get(&id) != Some(&position) {
                let _ = li.set_attribute("aria-posinset", &position.to_string());
            }
            if self.total != total || !self.rows.contains_key(&id) {
                let _ = li.set_attribute("aria-setsize", &total_text);
            }
            now.insert(id, position);
        }
        self.rows = now;
        self.total = total;
    }
}

/// What a row shows; its position in the list is set by [`Written::update`].
#[derive(PartialEq)]
struct ItemProps {
    span: Span,
    labels: LabelSet,
    covered: AttrValue,
    focused: bool,
}

impl Panel for ItemProps {
    fn view(&self, dispatch: &Option<Dispatcher>) -> Html {
        let props = self;
        let Some(dispatch) = dispatch else {
            return html! {};
        };
        let s = &props.span;
        let label = props.labels.name(s.label()).to_string();
        let covered = &props.covered;
        let quals = badge(&props.labels, s);
        let values = values_text(&props.labels, s);
        // The action is made at each click, not cloned (see `view::send`).
        let send = |id: SpanId, make: fn(SpanId) -> Action| {
            let dispatch = dispatch.clone();
            Callback::from(move |_: MouseEvent| dispatch.dispatch(make(id.clone())))
        };
        let relabel = {
            let (dispatch, id) = (dispatch.clone(), s.id().clone());
            Callback::from(move |e: Event| {
                let Some(sel) = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
                else {
                    return;
                };
                if let Ok(i) = sel.value().parse::<u8>() {
                    dispatch.dispatch(Action::Relabel {
                        id: id.clone(),
                        label: LabelId(i),
                    });
                }
            })
        };
        let options = props.labels.iter().map(|(id, l)| {
            html! { <option value={id.0.to_string()} selected={id == s.label()}>{ l.name.to_string() }</option> }
        });
        html! {
            <li class={classes!("ann", props.focused.then_some("focused"))} data-id={s.id().to_string()}>
                <span class={classes!("tag", format!("l{}", s.label().index()))}>{ label.clone() }</span>
                <span class="covered" title={covered.clone()}>{ covered.clone() }</span>
                <span class="offsets">{ format!("{}–{}", s.start(), s.end()) }
                    if let Some(q) = quals {
                        <span class="quals" title={values.clone()}>{ format!(" · {q}") }</span>
                    }
                </span>
                <span class="item-actions">
                    <button onclick={send(s.id().clone(), |id| Action::Focus(Some(id)))} aria-label={format!("Show {label} “{covered}” in the article{}{}", if values.is_empty() { String::new() } else { format!(" ({values})") }, if s.note().is_some() { ", with a note" } else { "" })}>{"Show"}</button>
                    <select onchange={relabel} aria-label={format!("Label of “{covered}”")}>{ for options }</select>
                    <button onclick={send(s.id().clone(), Action::Delete)} aria-label={format!("Delete {label} “{covered}”")}>{"Delete"}</button>
                </span>
            </li>
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_follow_the_scroll_position() {
        assert_eq!(visible_rows(0, 0.0, 900.0), (0, 0));
        assert_eq!(visible_rows(3, 0.0, 900.0), (0, 3));
        let (first, last) = visible_rows(10_000, 64.0 * 5000.0, 640.0);
        assert_eq!(first, 5000 - OVERSCAN);
        assert_eq!(last, first + 10 + 2 * OVERSCAN);
        assert_eq!(
            visible_rows(100, 64.0 * 99.0, 640.0).1,
            100,
            "never past the end"
        );
    }
}
