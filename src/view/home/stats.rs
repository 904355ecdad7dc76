//! The label statistics panel of the home screen: per label its spans, the documents that use
//! it and the average span length, drawn as inline SVG bars with the numbers beside them;
//! spans per document; and the documents without any span. The worker counts
//! (`corpus::stats`, from the stored spans); this only draws what it is given. The attribute
//! values (spans per label, attribute and value, narrowed by a filter box) and the notes are
//! in [`AttrStats`].

use std::rc::Rc;

use yew::prelude::*;

use super::super::pure::Panel;
use super::super::state::Action;
use super::super::{send, Dispatcher};
use crate::corpus::stats::Stats;
use crate::corpus::DocSummary;

#[derive(PartialEq)]
pub struct StatsProps {
    /// `None` while counting.
    pub stats: Option<Rc<Stats>>,
    /// For the titles of the documents without spans.
    pub summaries: Rc<Vec<Rc<DocSummary>>>,
}

/// The widest bar, in SVG user units.
const BAR: usize = 200;

/// "4.67" from hundredths.
fn hundredths(h: usize) -> String {
    format!("{}.{:02}", h / 100, h % 100)
}

/// A bar `n` of `max` long, as wide as the longest would be [`BAR`].
fn bar(n: usize, max: usize, class: &'static str) -> Html {
    let width = n.saturating_mul(BAR).checked_div(max).unwrap_or(0);
    html! {
        <svg class="stat-bar" width={BAR.to_string()} height="12" viewBox={format!("0 0 {BAR} 12")} aria-hidden="true" focusable="false">
            <rect class={classes!("bar-bg")} x="0" y="0" width={BAR.to_string()} height="12" />
            <rect class={classes!(class)} x="0" y="0" width={width.to_string()} height="12" />
        </svg>
    }
}

impl Panel for StatsProps {
    fn view(&self, dispatch: &Option<Dispatcher>) -> Html {
        let props = self;
        let Some(stats) = &props.stats else {
            return html! {
                <section class="stats" aria-label="Label statistics"><p class="hint">{"Counting…"}</p></section>
            };
        };
        let max_spans = stats.labels.values().map(|l| l.spans).max().unwrap_or(0);
        let max_docs = stats
            .labels
            .values()
            .map(|l| l.documents)
            .max()
            .unwrap_or(0);
        let per_doc = stats
            .spans
            .saturating_mul(100)
            .checked_div(stats.documents)
            .unwrap_or(0);
        let title = |id: &str| {
            props
                .summaries
                .iter()
                .find(|s| s.id == id)
                .map_or_else(|| id.to_string(), |s| s.title.clone())
        };
        let shown = 20;
        html! {
            <section class="stats" aria-labelledby="stats-title">
                <h2 id="stats-title">{"Label statistics"}</h2>
                <p>{ format!("{} documents, {} spans, {} spans per document on average.", stats.documents, stats.spans, hundredths(per_doc)) }</p>
                <table class="stats-table">
                    <thead><tr>
                        <th scope="col">{"Label"}</th><th scope="col">{"Spans"}</th><th scope="col">{"Documents"}</th><th scope="col">{"Average length"}</th>
                    </tr></thead>
                    <tbody>
                    { for stats.labels.iter().map(|(name, l)| html! {
                        <tr>
                            <th scope="row">{ name.clone() }</th>
                            <td>{ bar(l.spans, max_spans, "bar-spans") }<span class="num">{ l.spans }</span></td>
                            <td>{ bar(l.documents, max_docs, "bar-docs") }<span class="num">{ l.documents }</span></td>
                            <td class="num">{ l.average_hundredths().map_or_else(|| "—".to_string(), |h| format!("{} characters", hundredths(h))) }</td>
                        </tr>
                    }) }
                    </tbody>
                </table>
                if stats.without_spans.is_empty() {
                    <p>{"Every document has at least one span."}</p>
                } else {
                    <p>{ format!("{} document{} without any span:", stats.without_spans.len(), if stats.without_spans.len() == 1 { "" } else { "s" }) }</p>
                    <ul class="without-spans">
                        { for stats.without_spans.iter().take(shown).map(|id| html! { <li>{ title(id) }</li> }) }
                        if stats.without_spans.len() > shown {
                            <li>{ format!("… and {} more", stats.without_spans.len() - shown) }</li>
                        }
                    </ul>
                }
                <AttrStats stats={stats.clone()} />
                <button onclick={send(dispatch, || Action::ShowStats(false))}>{"Close the statistics"}</button>
            </section>
        }
    }
}

#[derive(Properties, PartialEq)]
struct AttrStatsProps {
    stats: Rc<Stats>,
}

/// Spans per attribute value, with a box that narrows the rows (`Claim`, `check-worthy: yes`).
#[component]
fn AttrStats(props: &AttrStatsProps) -> Html {
    let filter = use_state(String::new);
    let stats = &props.stats;
    if stats.attributes.is_empty() && stats.notes == 0 {
        return html! { <p>{"No span carries an attribute value or a note yet."}</p> };
    }
    let rows = stats.value_rows(&filter);
    let max = rows.iter().map(|r| r.3).max().unwrap_or(0);
    let oninput = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok())
            {
                filter.set(i.value());
            }
        })
    };
    html! {
        <>
            <h3 id="attr-stats-title">{"Attribute values"}</h3>
            <p>{ format!("{} span{} with a note.", stats.notes, if stats.notes == 1 { "" } else { "s" }) }</p>
            <label>{"Filter "}<input type="search" value={(*filter).clone()} {oninput}
                placeholder="label, attribute or value" aria-describedby="attr-stats-title" /></label>
            <table class="stats-table" aria-labelledby="attr-stats-title">
                <thead><tr>
                    <th scope="col">{"Label"}</th><th scope="col">{"Attribute"}</th><th scope="col">{"Value"}</th><th scope="col">{"Spans"}</th>
                </tr></thead>
                <tbody>
                { for rows.iter().map(|&(label, name, value, n)| html! {
                    <tr>
                        <th scope="row">{ label }</th><td>{ name }</td><td>{ value }</td>
                        <td>{ bar(n, max, "bar-spans") }<span class="num">{ n }</span></td>
                    </tr>
                }) }
                </tbody>
            </table>
            if rows.is_empty() {
                <p class="hint">{"No value matches the filter."}</p>
            }
        </>
    }
}
