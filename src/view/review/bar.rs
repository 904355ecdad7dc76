//! The bar above the review: back to the list, the document, the status line with the
//! conflicts left, the merge threshold with "Re-merge", exporting gold, and the layer legend
//! with a toggle per layer (its number, initials, name and kind, so layers are never told
//! apart by colour alone).

use std::collections::BTreeSet;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::super::state::{Action, ReviewAction};
use super::super::{send, send_with, Dispatcher, Snapshot};
use super::article::badge;
use crate::review::{LayerKind, Review, ReviewStatus, Threshold};

#[derive(Properties, PartialEq)]
pub struct ReviewBarProps {
    pub review: Snapshot<Review>,
    pub hidden: Rc<BTreeSet<usize>>,
    /// Downloads gold (Article Annotator JSON with provenance).
    pub on_export: Callback<()>,
}

/// The threshold choices: `(value, words)`.
fn thresholds(annotators: usize) -> Vec<(String, String)> {
    let mut out = vec![
        ("all".to_string(), "all annotators agree".to_string()),
        ("majority".to_string(), "a majority agrees".to_string()),
    ];
    out.extend((1..annotators).map(|k| (k.to_string(), format!("at least {k} agree"))));
    out
}

fn threshold_of(v: &str) -> Threshold {
    match v {
        "majority" => Threshold::Majority,
        v => v.parse().map_or(Threshold::All, Threshold::AtLeast),
    }
}

fn value_of(t: Threshold) -> String {
    match t {
        Threshold::All => "all".into(),
        Threshold::Majority => "majority".into(),
        Threshold::AtLeast(k) => k.to_string(),
    }
}

#[component]
pub fn ReviewBar(props: &ReviewBarProps) -> Html {
    let dispatch = use_context::<Dispatcher>();
    let review = &props.review;
    let chosen = use_state(|| value_of(review.threshold()));
    let annotators = review
        .layers()
        .iter()
        .filter(|l| l.kind == LayerKind::Annotator)
        .count();
    let on_threshold = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            if let Some(s) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
            {
                chosen.set(s.value());
            }
        })
    };
    let status = match review.status() {
        ReviewStatus::Reviewed => "Reviewed: no conflict is left.".to_string(),
        ReviewStatus::NeedsWork => format!(
            "Sent back (needs work); {} conflict{} left.",
            review.conflicts_left(),
            super::super::state::plural(review.conflicts_left())
        ),
        ReviewStatus::InReview { conflicts_left } => format!(
            "{conflicts_left} of {} conflict{} left.",
            review.conflicts().len(),
            super::super::state::plural(review.conflicts().len())
        ),
    };
    let on_export = props.on_export.clone();
    let layers = review.layers().iter().enumerate().map(|(k, l)| {
        let shown = !props.hidden.contains(&k);
        let kind = match l.kind {
            LayerKind::Annotator => "annotator",
            LayerKind::Suggestions => "suggestions",
        };
        let onchange = {
            let dispatch = dispatch.clone();
            Callback::from(move |_: Event| {
                if let Some(d) = &dispatch {
                    d.dispatch(Action::Review(ReviewAction::ToggleLayer(k)))
                }
            })
        };
        html! {
            <label class={classes!("layer-toggle", format!("k{}", k.min(8)))}>
                <input type="checkbox" checked={shown} {onchange} />
                <span class="layer-badge">{ badge(k, &l.name) }</span>
                { format!(" {} ({kind}, {} span{})", l.name, l.spans.len(), super::super::state::plural(l.spans.len())) }
            </label>
        }
    });
    let remerge = send_with(
        &dispatch,
        ReviewAction::Remerge(threshold_of(&chosen)),
        Action::Review,
    );
    html! {
        <header class="bar review-bar">
            <nav class="docbar" aria-label="Review">
                <button onclick={send(&dispatch, || Action::BackToList)} aria-keyshortcuts="Alt+ArrowUp">{"← Documents"}</button>
                <h1 class="doc-title">{ format!("Review: {}", review.gold().title()) }</h1>
                <p class="review-status" role="status">{ status }</p>
            </nav>
            <div class="actions">
                <label>{"Merge when "}
                    <select aria-label="Merge threshold" onchange={on_threshold}>
                        { for thresholds(annotators).into_iter().map(|(v, w)| html! {
                            <option value={v.clone()} selected={*chosen == v}>{ w }</option>
                        }) }
                    </select>
                </label>
                <button onclick={remerge}>{"Re-merge"}</button>
                <button onclick={send(&dispatch, || Action::Help(true))} aria-keyshortcuts="?">{"Shortcuts"}</button>
                <button onclick={move |_| on_export.emit(())}>{"Export gold"}</button>
            </div>
            <fieldset class="layers">
                <legend>{"Layers (gold is underlined and tinted; layers are overlined, badge = number·initials)"}</legend>
                { for layers }
            </fieldset>
        </header>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threshold_choices_read_back() {
        for (v, _) in thresholds(4) {
            assert_eq!(value_of(threshold_of(&v)), v);
        }
        assert_eq!(thresholds(2).len(), 3);
        assert_eq!(threshold_of("nonsense"), Threshold::All);
    }
}
