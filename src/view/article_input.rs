//! Pointer and input events of the article: clicking a highlight focuses its span, dragging a
//! focused span's handle resizes it (one undo step, on release), a selection made while a
//! label is armed gets that label at once, and every attempt to edit the text is refused.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use super::commands::{apply_label, article_element};
use super::state::Action;
use super::AppHandle;
use crate::browser::selection::{point_to_char, select_chars};
use crate::model::caret::Edge;
use crate::model::grapheme::{grapheme_ceil, grapheme_floor};
use crate::model::{CharRange, Span, SpanId};

/// The article's event handlers (`beforeinput`, which Yew has no attribute for, is refused by
/// [`use_read_only`]).
pub struct ArticleInput {
    pub onclick: Callback<MouseEvent>,
    pub onmousedown: Callback<MouseEvent>,
    pub onmouseup: Callback<MouseEvent>,
    pub refuse_drop: Callback<DragEvent>,
}

/// Refuses every edit of the article's text (typing, pasting, cutting, deleting, dropping):
/// `beforeinput` is cancelled before the browser changes anything.
#[hook]
pub fn use_read_only(node: &NodeRef) {
    let node = node.clone();
    use_effect_with((), move |_| {
        let listener = node.cast::<Element>().map(|el| {
            let opts = gloo_events::EventListenerOptions::enable_prevent_default();
            EventListener::new_with_options(&el, "beforeinput", opts, |e| e.prevent_default())
        });
        move || drop(listener)
    });
}

/// A handle being dragged: which span, which end, and the listeners following the pointer.
struct Drag {
    _listeners: Vec<EventListener>,
}

fn has_selection() -> bool {
    web_sys::window()
        .and_then(|w| w.get_selection().ok().flatten())
        .is_some_and(|s| !s.is_collapsed())
}

fn element(target: Option<web_sys::EventTarget>) -> Option<Element> {
    target.and_then(|t| t.dyn_into::<Element>().ok())
}

/// The code point offset under the pointer, rounded to a grapheme boundary.
fn char_at_point(state: &AppHandle, x: f64, y: f64) -> Option<usize> {
    let article = article_element()?;
    let pos = crate::browser::document()?.caret_position_from_point(x as f32, y as f32)?;
    let text = state.doc().text_rc();
    let c = point_to_char(&article, &text, &pos.offset_node()?, pos.offset())?;
    let byte = text.byte_of(c)?;
    let src = text.as_str();
    // Round to the nearer end of the cluster under the pointer.
    let (lo, hi) = (grapheme_floor(src, byte), grapheme_ceil(src, byte));
    text.char_of(if byte - lo <= hi - byte { lo } else { hi })
}

/// The range a span gets when `edge` is dragged to `pos`; `None` if that would empty it.
pub fn dragged_range(span: CharRange, edge: Edge, pos: usize) -> Option<CharRange> {
    let r = match edge {
        Edge::Start => CharRange::new(pos, span.end())?,
        Edge::End => CharRange::new(span.start(), pos)?,
    };
    (!r.is_empty()).then_some(r)
}

#[hook]
pub fn use_article_input(state: &AppHandle, focused: Option<&Span>) -> ArticleInput {
    let drag: Rc<RefCell<Option<Drag>>> = use_mut_ref(|| None);
    // Where the last button press was: a click that ends a drag is not a click on a span.
    let pressed_at: Rc<RefCell<(i32, i32)>> = use_mut_ref(|| (0, 0));
    let focused = focused.cloned();

    let onclick = {
        let state = state.clone();
        let pressed_at = pressed_at.clone();
        Callback::from(move |e: MouseEvent| {
            let (x, y) = *pressed_at.borrow();
            let dragged = (e.client_x() - x).abs() > 3 || (e.client_y() - y).abs() > 3;
            if dragged || has_selection() {
                return;
            }
            let id = element(e.target())
                .and_then(|t| t.closest("mark[data-id]").ok().flatten())
                .and_then(|m| m.get_attribute("data-id"));
            state.dispatch(Action::Focus(id.map(|i| SpanId::new(&i))));
        })
    };

    let onmousedown = {
        let state = state.clone();
        Callback::from(move |e: MouseEvent| {
            *pressed_at.borrow_mut() = (e.client_x(), e.client_y());
            let Some(handle) =
                element(e.target()).filter(|t| t.matches(".handle").unwrap_or(false))
            else {
                return;
            };
            let Some(span) = focused.clone() else { return };
            let edge = if handle.get_attribute("data-edge").as_deref() == Some("start") {
                Edge::Start
            } else {
                Edge::End
            };
            // No text selection while dragging; the caret shows where the end will land.
            e.prevent_default();
            let Some(window) = web_sys::window() else {
                return;
            };
            let follow = {
                let state = state.clone();
                EventListener::new(&window, "mousemove", move |ev| {
                    let Some(ev) = ev.dyn_ref::<web_sys::MouseEvent>() else {
                        return;
                    };
                    if let (Some(pos), Some(article)) = (
                        char_at_point(&state, ev.client_x() as f64, ev.client_y() as f64),
                        article_element(),
                    ) {
                        let _ = select_chars(&article, &state.doc().text_rc(), pos, pos);
                    }
                })
            };
            let finish = {
                let (state, drag) = (state.clone(), drag.clone());
                EventListener::once(&window, "mouseup", move |ev| {
                    drag.borrow_mut().take();
                    let Some(ev) = ev.dyn_ref::<web_sys::MouseEvent>() else {
                        return;
                    };
                    let Some(pos) =
                        char_at_point(&state, ev.client_x() as f64, ev.client_y() as f64)
                    else {
                        return;
                    };
                    match dragged_range(span.range(), edge, pos) {
                        Some(range) => state.dispatch(Action::ResizeTo { id: span.id().clone(), range }),
                        None => state.dispatch(Action::Notify(super::state::Notice::Error(
                            "A span cannot shrink to nothing: drag the handle past the other end's side.".into(),
                        ))),
                    }
                })
            };
            *drag.borrow_mut() = Some(Drag {
                _listeners: vec![follow, finish],
            });
        })
    };

    let onmouseup = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(label) = state.armed {
                if has_selection() {
                    apply_label(&state, label);
                }
            }
        })
    };

    ArticleInput {
        onclick,
        onmousedown,
        onmouseup,
        refuse_drop: Callback::from(|e: DragEvent| e.prevent_default()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dragging_never_empties_a_span() {
        let r = CharRange::new(10, 20).unwrap();
        assert_eq!(dragged_range(r, Edge::End, 25), CharRange::new(10, 25));
        assert_eq!(dragged_range(r, Edge::Start, 4), CharRange::new(4, 20));
        assert_eq!(dragged_range(r, Edge::End, 10), None);
        assert_eq!(dragged_range(r, Edge::End, 5), None, "past the other end");
        assert_eq!(dragged_range(r, Edge::Start, 21), None);
    }
}
