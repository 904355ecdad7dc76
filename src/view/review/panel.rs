//! The review's side panel: the conflict in focus (each layer's version with the key that
//! accepts it, what differs, the decision, the comment), the focused gold span (who proposed
//! it, how it got into gold, its comment), the comment box, and sending the document back to
//! an annotator. It shows the review it is given and dispatches; it decides nothing.

use yew::prelude::*;

use super::super::state::review::{resolution_words, CommentOn};
use super::super::state::{Action, ReviewAction};
use super::super::{send_with, Dispatcher, Snapshot};
use super::article::badge;
use crate::model::{CharRange, SpanId};
use crate::review::{ConflictId, LayerKind, LayerSpan, Review};

fn act(d: &Option<Dispatcher>, a: ReviewAction) -> Callback<MouseEvent> {
    send_with(d, a, Action::Review)
}

fn quote(review: &Review, s: &LayerSpan) -> String {
    let covered = CharRange::new(s.start, s.end)
        .and_then(|r| review.gold().text().slice(r))
        .unwrap_or_default();
    format!("{} “{}”", s.label, super::super::state::clip(covered, 60))
}

#[derive(Properties, PartialEq)]
pub struct PanelProps {
    pub review: Snapshot<Review>,
    pub conflict: Option<ConflictId>,
    pub focused: Option<SpanId>,
    pub commenting: Option<CommentOn>,
    /// Exports the document for annotator k (their spans and the comment to them).
    pub on_export_for: Callback<usize>,
}

#[component]
pub fn ReviewPanel(props: &PanelProps) -> Html {
    let dispatch = use_context::<Dispatcher>();
    let review = &props.review;
    let conflict = props.conflict.and_then(|c| Some((c, review.conflict(c)?)));
    let gold_span = props
        .focused
        .as_ref()
        .and_then(|id| review.gold().spans().get(id));
    html! {
        <aside class="sidebar-wrap review-panel" aria-label="Review">
            <div class="sidebar">
                if let Some(span) = gold_span {
                    <section aria-labelledby="gold-span-title">
                        <h2 id="gold-span-title">{"Gold span"}</h2>
                        <p>{ super::super::state::messages::describe(review.gold(), span.id(), "Gold:") }</p>
                        <p class="provenance">{ match review.provenance(span.id()) {
                            Some(p) if p.proposed_by.is_empty() => format!("{}; no layer holds it.", p.how),
                            Some(p) => format!("{}; proposed by {}.", p.how, p.proposed_by.join(", ")),
                            None => "In the document before the review.".to_string(),
                        } }</p>
                        if let Some(c) = review.span_comment(span.id()) {
                            <p class="comment">{ format!("Comment: {c}") }</p>
                        }
                    </section>
                }
                { match conflict {
                    Some((c, k)) => conflict_view(&dispatch, review, c, k),
                    None => html! {
                        <p class="hint">{ match review.conflicts_left() {
                            0 => "No conflict is left. Edit gold with the usual keys, or send the document back to an annotator.".to_string(),
                            n => format!("{n} conflicts left. Press N for the next one, P for the previous."),
                        } }</p>
                    },
                } }
                if props.commenting.is_some() {
                    <CommentBox />
                }
                <SendBack review={review.clone()} on_export_for={props.on_export_for.clone()} />
            </div>
        </aside>
    }
}

fn conflict_view(
    dispatch: &Option<Dispatcher>,
    review: &Review,
    c: ConflictId,
    k: &crate::review::Conflict,
) -> Html {
    let d = k.differences;
    let what: Vec<&str> = [
        (d.label, "labels"),
        (d.boundary, "boundaries"),
        (d.missing, "missing spans"),
        (d.attribute, "attribute values"),
        (d.relation, "links"),
    ]
    .iter()
    .filter(|(on, _)| *on)
    .map(|(_, w)| *w)
    .collect();
    let state = match review.resolution(c) {
        None => "open".to_string(),
        Some(r) => resolution_words(review, r),
    };
    let versions = review.layers().iter().enumerate().map(|(i, layer)| {
        let spans = k.versions.get(i).cloned().unwrap_or_default();
        let mut shown = if spans.is_empty() {
            "no span here".to_string()
        } else {
            spans.iter().map(|s| with_values(quote(review, s), s)).collect::<Vec<_>>().join("; ")
        };
        if d.relation {
            let links = k.relation_versions.get(i).map_or(&[][..], Vec::as_slice);
            shown.push_str(&links_words(review, links));
        }
        let kind = if layer.kind == LayerKind::Suggestions { " (suggestions)" } else { "" };
        let key = format!("Alt+{}", i + 1);
        html! {
            <li>
                <span class="who">{ format!("{} {}{kind}", badge(i, &layer.name), layer.name) }</span>
                <span class="version">{ shown }</span>
                <button onclick={act(dispatch, ReviewAction::Accept(i))} aria-keyshortcuts={key.clone()}>
                    { format!("Accept ({key})") }
                </button>
                <button class="link" onclick={act(dispatch, ReviewAction::AcceptAll(i))} aria-keyshortcuts={format!("Alt+Shift+{}", i + 1)}>
                    { format!("Accept all of {}'s remaining", layer.name) }
                </button>
            </li>
        }
    });
    html! {
        <section aria-labelledby="conflict-title">
            <h2 id="conflict-title">{ format!("Conflict {} of {}", c.0 + 1, review.conflicts().len()) }</h2>
            <p>{ format!("{state}. The versions differ in {}.", if what.is_empty() { "spans".to_string() } else { what.join(", ") }) }</p>
            <ul class="versions">{ for versions }</ul>
            <button onclick={act(dispatch, ReviewAction::Reject)} aria-keyshortcuts="X">{"Reject every version (X)"}</button>
            <button onclick={act(dispatch, ReviewAction::StartComment)} aria-keyshortcuts="C">{"Comment (C)"}</button>
            if let Some(text) = review.conflict_comment(c) {
                <p class="comment">{ format!("Comment: {text}") }</p>
            }
        </section>
    }
}

/// A span's words followed by its attribute values, `[name: value, …]`, when it has any.
fn with_values(words: String, s: &LayerSpan) -> String {
    if s.attrs.is_empty() {
        return words;
    }
    let values: Vec<String> = s.attrs.iter().map(|(n, v)| format!("{n}: {v}")).collect();
    format!("{words} [{}]", values.join(", "))
}

/// A version's disputed links in words: `; links: said_by “…” → “…”`, or that it has none.
fn links_words(review: &Review, links: &[crate::review::layer::LayerRelation]) -> String {
    if links.is_empty() {
        return "; no link here".to_string();
    }
    let text = |k: &crate::review::layer::SpanKey| {
        let span = LayerSpan::new(k.start, k.end, &k.label);
        quote(review, &span)
    };
    let words: Vec<String> = links
        .iter()
        .map(|r| format!("{} {} → {}", r.kind, text(&r.from), text(&r.to)))
        .collect();
    format!("; links: {}", words.join(", "))
}

/// The id of the comment box, focused when it opens.
pub const COMMENT_ID: &str = "review-comment";

#[component]
fn CommentBox() -> Html {
    let dispatch = use_context::<Dispatcher>();
    let input = use_node_ref();
    {
        let input = input.clone();
        use_effect_with((), move |_| {
            if let Some(el) = input.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    let onsubmit = {
        let (dispatch, input) = (dispatch.clone(), input.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let text = input
                .cast::<web_sys::HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            if let Some(d) = &dispatch {
                d.dispatch(Action::Review(ReviewAction::SaveComment(text)));
            }
        })
    };
    html! {
        <form class="comment-box" {onsubmit}>
            <label for={COMMENT_ID}>{"Comment (Enter saves, Escape cancels; empty removes it)"}</label>
            <input id={COMMENT_ID} ref={input} type="text" />
            <button type="submit">{"Save comment"}</button>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct SendBackProps {
    review: Snapshot<Review>,
    on_export_for: Callback<usize>,
}

/// Sending the document back to an annotator ("needs work", with a comment), and the
/// documents already sent back with their export.
#[component]
fn SendBack(props: &SendBackProps) -> Html {
    let dispatch = use_context::<Dispatcher>();
    let who = use_node_ref();
    let text = use_node_ref();
    let review = &props.review;
    let annotators: Vec<(usize, String)> = review
        .layers()
        .iter()
        .enumerate()
        .filter(|(_, l)| l.kind == LayerKind::Annotator)
        .map(|(k, l)| (k, l.name.clone()))
        .collect();
    let onsubmit = {
        let (dispatch, who, text) = (dispatch.clone(), who.clone(), text.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let layer = who
                .cast::<web_sys::HtmlSelectElement>()
                .and_then(|s| s.value().parse().ok());
            let comment = text
                .cast::<web_sys::HtmlTextAreaElement>()
                .map(|t| t.value())
                .unwrap_or_default();
            if let (Some(layer), Some(d)) = (layer, &dispatch) {
                d.dispatch(Action::Review(ReviewAction::SendBack { layer, comment }));
                if let Some(t) = text.cast::<web_sys::HtmlTextAreaElement>() {
                    t.set_value("");
                }
            }
        })
    };
    let sent = review.needs_work().map(|(k, comment)| {
        let name = review.layers().get(k).map(|l| l.name.clone()).unwrap_or_default();
        let export = {
            let cb = props.on_export_for.clone();
            Callback::from(move |_: MouseEvent| cb.emit(k))
        };
        html! {
            <li>
                { format!("{name}: {comment} ") }
                <button onclick={export}>{ format!("Export for {name}") }</button>
                <button class="link" onclick={act(&dispatch, ReviewAction::TakeBack(k))}>{"Withdraw"}</button>
            </li>
        }
    });
    if annotators.is_empty() {
        return html! {};
    }
    html! {
        <section class="send-back" aria-labelledby="send-back-title">
            <h2 id="send-back-title">{"Send back (needs work)"}</h2>
            <ul>{ for sent }</ul>
            <form {onsubmit}>
                <label>{"To "}
                    <select ref={who} aria-label="Annotator to send back to">
                        { for annotators.iter().map(|(k, n)| html! { <option value={k.to_string()}>{ n.clone() }</option> }) }
                    </select>
                </label>
                <textarea ref={text} aria-label="What needs work" rows="2" />
                <button type="submit">{"Send back"}</button>
            </form>
        </section>
    }
}
