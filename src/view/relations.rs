//! Relations in the view: the keys while a link is being made (after the relation key: a
//! type's number or name, then stepping through targets, Enter, Escape), taken before the
//! article's shortcuts; and the focused span's relations in the details panel, each focusable
//! (focus highlights both ends), with Unlink. What is offered and what a key does to the state
//! is the reducer's (`state::link`); the arcs are drawn by `arcs.rs`.

use gloo_events::{EventListener, EventListenerOptions, EventListenerPhase};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::pure::Panel;
use super::state::link::{relation_words, span_words};
use super::state::{Action, LinkAction};
use super::{AppHandle, Dispatcher, Snapshot};
use crate::model::caret::Dir;
use crate::model::{Document, RelationId, SpanId};

/// The keys while linking, for the help.
pub const LINK_KEYS: &[(&str, &str)] = &[
    ("1, 2, 3 …", "Choose the relation type by its number"),
    (
        "a letter",
        "Choose the relation type by typing the start of its name",
    ),
    ("Tab, J, ↓, →", "Next target (nearest first)"),
    ("Shift+Tab, K, ↑, ←", "Previous target"),
    ("Enter", "Link to the current target"),
    ("Escape", "Cancel"),
];

/// What a key does while linking; `None` leaves it to the page.
fn link_key(key: &str, shift: bool, choosing: bool) -> Option<LinkAction> {
    Some(match key {
        "Escape" => LinkAction::Cancel,
        "Enter" => LinkAction::Confirm,
        "Tab" if shift => LinkAction::Step(Dir::Back),
        "Tab" | "ArrowDown" | "ArrowRight" => LinkAction::Step(Dir::Forward),
        "ArrowUp" | "ArrowLeft" => LinkAction::Step(Dir::Back),
        _ => {
            let mut chars = key.chars();
            let (Some(c), None) = (chars.next(), chars.next()) else {
                return None;
            };
            match (choosing, c) {
                (true, '1'..='9') => LinkAction::TypeNumber(c as usize - '1' as usize),
                (true, c) if c.is_alphanumeric() || c == '_' || c == '-' => {
                    LinkAction::TypeAhead(c)
                }
                (false, 'j' | 'J') => LinkAction::Step(Dir::Forward),
                (false, 'k' | 'K') => LinkAction::Step(Dir::Back),
                _ => return None,
            }
        }
    })
}

/// While a link is being made, its keys go to it first (capture phase on the window), so
/// Tab, J, K, Enter and Escape step, link and cancel instead of their usual work.
#[hook]
pub fn use_link_keys(state: &AppHandle) {
    let state = state.clone();
    use_effect_with((), move |_| {
        let listener = web_sys::window().map(|w| {
            let opts = EventListenerOptions {
                phase: EventListenerPhase::Capture,
                passive: false,
            };
            EventListener::new_with_options(&w, "keydown", opts, move |e| {
                let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                let Some(link) = state.link.as_ref() else {
                    return;
                };
                if e.is_composing() || e.ctrl_key() || e.meta_key() || e.alt_key() {
                    return;
                }
                // Typing in a field stays typing; Escape still cancels.
                let in_field = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .is_some_and(|el| {
                        matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                    });
                if in_field && e.key() != "Escape" {
                    return;
                }
                let Some(a) = link_key(&e.key(), e.shift_key(), link.kind.is_none()) else {
                    return;
                };
                e.prevent_default();
                e.stop_propagation();
                state.dispatch(Action::Link(a));
            })
        });
        move || drop(listener)
    });
}

#[derive(Clone, PartialEq)]
pub struct SpanRelationsProps {
    /// The document, compared by its relations' revision and the span list's revision.
    pub doc: Snapshot<Document>,
    pub span: SpanId,
}

/// The focused span's relations, in the details panel.
impl Panel for SpanRelationsProps {
    fn view(&self, dispatch: &Option<Dispatcher>) -> Html {
        let props = self;
        let doc = &props.doc;
        let dispatch = dispatch.clone();
        let send = move |a: Action| {
            if let Some(d) = &dispatch {
                d.dispatch(a);
            }
        };
        let rows: Vec<Html> = doc
            .relations()
            .touching(&props.span)
            .map(|r| {
                let outgoing = r.from() == &props.span;
                let other: SpanId = if outgoing { r.to() } else { r.from() }.clone();
                let words = if outgoing {
                    format!("{} → {}", r.kind(), span_words(doc, &other))
                } else {
                    format!("← {} {}", span_words(doc, &other), r.kind())
                };
                let full = relation_words(doc, r);
                let id = r.id().clone();
                let onfocus = {
                    let (send, id) = (send.clone(), id.clone());
                    Callback::from(move |_: FocusEvent| send(Action::Link(LinkAction::Focus(Some(id.clone())))))
                };
                let onblur = {
                    let send = send.clone();
                    Callback::from(move |_: FocusEvent| send(Action::Link(LinkAction::Focus(None))))
                };
                let onclick = {
                    let send = send.clone();
                    Callback::from(move |_: MouseEvent| send(Action::Focus(Some(other.clone()))))
                };
                let onkeydown = unlink_on_delete(send.clone(), id.clone());
                let unlink = {
                    let (send, id) = (send.clone(), id.clone());
                    Callback::from(move |_: MouseEvent| send(Action::Link(LinkAction::Unlink(id.clone()))))
                };
                html! {
                    <li key={id.to_string()}>
                        <button class="relation" title={format!("{full}. Click to go to the other end; Delete unlinks.")}
                                {onfocus} onblur={onblur.clone()} {onclick} {onkeydown}>{ words }</button>
                        <button class="unlink" aria-label={format!("Unlink: {full}")} onfocus={focus_cb(&send, &id)} {onblur}
                                onclick={unlink}>{"Unlink"}</button>
                    </li>
                }
            })
            .collect();
        html! {
            <section class="relations" aria-label="Relations">
                <h3>{ format!("Relations ({})", rows.len()) }</h3>
                if rows.is_empty() {
                    <p class="hint">{"None yet. Press L to link this span to another, or drag its round handle onto another span."}</p>
                } else {
                    <ul>{ for rows }</ul>
                }
            </section>
        }
    }
}

fn focus_cb(send: &(impl Fn(Action) + Clone + 'static), id: &RelationId) -> Callback<FocusEvent> {
    let (send, id) = (send.clone(), id.clone());
    Callback::from(move |_: FocusEvent| send(Action::Link(LinkAction::Focus(Some(id.clone())))))
}

/// Delete or Backspace on a relation unlinks it (and keeps the span's own Delete away).
fn unlink_on_delete(send: impl Fn(Action) + 'static, id: RelationId) -> Callback<KeyboardEvent> {
    Callback::from(move |e: KeyboardEvent| {
        if matches!(e.key().as_str(), "Delete" | "Backspace") {
            e.prevent_default();
            e.stop_propagation();
            send(Action::Link(LinkAction::Unlink(id.clone())));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(key: &str, shift: bool, choosing: bool, want: Option<LinkAction>) {
        assert_eq!(
            link_key(key, shift, choosing),
            want,
            "{key} {shift} {choosing}"
        );
    }

    #[test]
    fn keys_while_linking() {
        check("2", false, true, Some(LinkAction::TypeNumber(1)));
        check("s", false, true, Some(LinkAction::TypeAhead('s')));
        check("é", false, true, Some(LinkAction::TypeAhead('é')));
        check("発", false, true, Some(LinkAction::TypeAhead('発')));
        check("j", false, true, Some(LinkAction::TypeAhead('j')));
        check("j", false, false, Some(LinkAction::Step(Dir::Forward)));
        check("K", true, false, Some(LinkAction::Step(Dir::Back)));
        check("Tab", true, false, Some(LinkAction::Step(Dir::Back)));
        check("Tab", false, false, Some(LinkAction::Step(Dir::Forward)));
        check("ArrowLeft", false, false, Some(LinkAction::Step(Dir::Back)));
        check("Enter", false, true, Some(LinkAction::Confirm));
        check("Escape", false, false, Some(LinkAction::Cancel));
        check("2", false, false, None);
        check("?", false, true, None);
        check("F5", false, false, None);
    }
}
