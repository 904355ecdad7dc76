//! The article: one `Block` component per paragraph. Every block always holds its whole text
//! (so `textContent`, selection and find-in-page work everywhere), but only blocks on screen or
//! near it draw their highlights (`live.rs` decides which, drawing newly visible ones in
//! slices); the rest are one plain text node each, and CSS `content-visibility: auto` lets the
//! browser skip their layout. A block re-renders only when
//! its own span list, its focus, its find hits or its visibility changes (a span list is
//! compared by its block revision, which the model moves only for the blocks an edit touches,
//! so an edit costs one comparison per other block).
//!
//! The article is a read-only text box (`contenteditable` with every edit refused), so the
//! browser's own caret, Ctrl+arrows, Home/End and Shift-selection work for keyboard users.

use std::rc::Rc;

use yew::prelude::*;

use super::article_input::{use_article_input, use_read_only};
use super::block::Block;
use super::keys::ARTICLE_ID;
use super::live::{use_live_blocks, Drawn, Live};
use super::state::{CaretAfter, FindState};
use super::warm::use_warm_up;
use super::{Latest, Snapshot};
use crate::browser::selection::put_caret_if_focused;
use crate::browser::visibility::{scroll_into_view_if_hidden, scroll_to_center};
use crate::model::text::ArticleText;
use crate::model::{CharRange, Document, Span, SpanId};

/// The article's props. It depends on the document, the focused span and Find only, so
/// notices, drafts and dialogs leave it alone. `state` is for callbacks that dispatch.
#[derive(Properties, Clone, PartialEq)]
pub struct ArticleProps {
    pub state: Latest,
    pub doc: Snapshot<Document>,
    /// Moves when the text changes (not when spans do): the blocks are then new elements.
    pub text_revision: u64,
    pub focused: Option<SpanId>,
    pub find: FindState,
    /// Where the caret goes once this edit is drawn.
    pub caret: Option<CaretAfter>,
    /// Moves when the warm-up asks for the article to be drawn again ([`AppState::redraws`]).
    ///
    /// [`AppState::redraws`]: super::state::AppState::redraws
    pub redraws: u64,
}

#[component]
pub fn ArticleView(props: &ArticleProps) -> Html {
    let _m = crate::browser::perf::measure("article");
    let state = &props.state;
    let doc = &props.doc;
    let text = doc.text_rc();
    let labels = doc.labels().clone();
    let focused_span = props
        .focused
        .as_ref()
        .and_then(|id| doc.spans().get(id))
        .cloned();
    let node = use_node_ref();

    let text_revision = props.text_revision;
    let drawn = (*use_memo((), |_| Drawn::new(Live::initial(&text, text_revision)))).clone();
    drawn.reset(&text, text_revision);
    let cost: Rc<dyn Fn(usize) -> usize> = {
        let doc = doc.clone();
        Rc::new(move |i| doc.block_spans(i).len())
    };
    use_live_blocks(&node, &drawn, text_revision, cost);
    use_scroll_to_focus(&node, &text, focused_span.as_ref());
    use_caret_after(&node, &text, props.caret);
    let current_hit = props.find.current_hit();
    use_scroll_to_hit(&node, &text, current_hit);
    use_drawn_signal(&node, text_revision);
    use_warm_up(&state.0, &node, text_revision);

    let input = use_article_input(&state.0, focused_span.as_ref());
    use_read_only(&node);

    let blocks = text.blocks();
    let no_hits: Rc<[CharRange]> = Rc::from(Vec::new());
    html! {
        // A read-only text box: the browser's own caret, arrow keys and Shift-selection work in
        // it, and `beforeinput` is refused so the text can never change.
        <div id={ARTICLE_ID} ref={node} class="article" role="textbox" aria-multiline="true" aria-readonly="true"
             aria-label="Article" contenteditable="true" spellcheck="false" translate="no"
             onclick={input.onclick} onmousedown={input.onmousedown} onmouseup={input.onmouseup}
             ondrop={input.refuse_drop.clone()} ondragstart={input.refuse_drop}>
            { for (0..blocks.len()).map(|i| {
                let spans = Snapshot::new(doc.block_revision(i), doc.block_spans(i));
                let focused = focused_span.as_ref().filter(|f| spans.iter().any(|s| s.id() == f.id())).map(|f| f.id().clone());
                let inline = blocks[i].continued || (i > 0 && blocks[i - 1].continued);
                let hits = props.find.block(i).unwrap_or_else(|| no_hits.clone());
                let current_hit = current_hit.filter(|h| blocks[i].chars.overlaps(*h));
                // The focused span and the current hit always draw; other blocks as `drawn` says.
                let live = focused.is_some() || current_hit.is_some();
                html! {
                    <Block key={i} text={text.clone()} index={i} {spans} labels={labels.clone()} {focused} {inline}
                           {live} drawn={drawn.clone()} {hits} {current_hit} />
                }
            }) }
        </div>
    }
}

/// Scrolls the focused span's block into view when focus moves to a span.
#[hook]
fn use_scroll_to_focus(node: &NodeRef, text: &Rc<ArticleText>, span: Option<&Span>) {
    let target = span.map(|s| (s.id().clone(), s.start(), text.block_at(s.start())));
    let node = node.clone();
    let text = text.clone();
    use_effect_with(target, move |target| {
        let Some((id, start, Some(block))) = target else {
            return;
        };
        let Some(root) = node.cast::<web_sys::Element>() else {
            return;
        };
        if let Some(el) = root.children().item(*block as u32) {
            // The span's own mark (its block always draws the focused span), else the block.
            let mark = el.query_selector_all("mark.f").ok().and_then(|marks| {
                (0..marks.length())
                    .filter_map(|i| {
                        marks.item(i).and_then(|n| {
                            wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok()
                        })
                    })
                    .find(|m| m.get_attribute("data-id").as_deref() == Some(id.as_str()))
            });
            scroll_into_view_if_hidden(&root, mark.as_ref().unwrap_or(&el));
        }
        // A keyboard user continues from the focused span: the caret moves to its start.
        put_caret_if_focused(&root, &text, *start);
    });
}

/// Puts the caret where an edit says it goes, once that edit is drawn, when the article has
/// the keyboard: a labelled selection's end, so a keyboard user goes on from where they were.
/// Usually the patch left it there (see the keys in `block.rs`) and this only reads it; where
/// the text node the browser kept it in was replaced (a block's first span, a span ending where
/// a highlight begins), it is placed again, which costs the browser a layout.
#[hook]
fn use_caret_after(node: &NodeRef, text: &Rc<ArticleText>, caret: Option<CaretAfter>) {
    let node = node.clone();
    let text = text.clone();
    use_effect_with(caret, move |caret| {
        let (Some(caret), Some(root)) = (caret, node.cast::<web_sys::Element>()) else {
            return;
        };
        put_caret_if_focused(&root, &text, caret.at);
    });
}

/// Scrolls the current find hit's block into view when the current hit changes.
#[hook]
fn use_scroll_to_hit(node: &NodeRef, text: &Rc<ArticleText>, hit: Option<CharRange>) {
    let target = hit.and_then(|h| text.block_at(h.start()).map(|b| (h, b)));
    let node = node.clone();
    use_effect_with(target, move |target| {
        let (Some((_, block)), Some(root)) = (target, node.cast::<web_sys::Element>()) else {
            return;
        };
        if let Some(el) = root.children().item(*block as u32) {
            // The hit itself when drawn, else its block.
            match el.query_selector(".hit.cur").ok().flatten() {
                Some(hit) => scroll_into_view_if_hidden(&root, &hit),
                None => scroll_to_center(&el),
            }
        }
    });
}

/// After the article (its blocks included) has first rendered a text, sets `data-drawn` on the
/// article element to that text's revision: the benchmark's signal that what the app means to
/// show is in the DOM. Only a new text moves it, so an edit changes nothing outside its block.
#[hook]
fn use_drawn_signal(node: &NodeRef, text_revision: u64) {
    let node = node.clone();
    use_effect_with(text_revision, move |revision| {
        if let Some(el) = node.cast::<web_sys::Element>() {
            let _ = el.set_attribute("data-drawn", &revision.to_string());
        }
    });
}
