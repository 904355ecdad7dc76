//! The article: one `Block` component per paragraph. Every block always holds its whole text
//! (so `textContent`, selection and find-in-page work everywhere), but only blocks on screen or
//! near it draw their highlights; the rest are one plain text node each, and CSS
//! `content-visibility: auto` lets the browser skip their layout. A block re-renders only when
//! its own span list (a pointer-compared `Rc`), its focus or its visibility changes.
//!
//! Highlights are nested `<mark>` elements, the outermost span first, so the shorter span draws
//! on top. Labels show as a border style and a CSS badge as well as a colour; badges are
//! generated content, so the article's `textContent` is exactly the text.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::keys::ARTICLE_ID;
use super::state::Action;
use super::AppHandle;
use crate::browser::visibility::{scroll_to_center, BlockObserver};
use crate::model::segment::segment;
use crate::model::text::ArticleText;
use crate::model::{LabelSet, Span, SpanId};

/// Blocks starting within this many code points of the top draw their highlights in the first
/// render, before the browser has reported what is on screen (about three screens of text).
const INITIAL_LIVE_CHARS: usize = 8000;

/// A block starts drawing highlights when it comes within one viewport of the visible part of
/// the article, and stops only when it is more than three away, so scrolling back and forth
/// does not redraw the same blocks again and again.
const NEAR_MARGIN: &str = "100% 0px";
const FAR_MARGIN: &str = "300% 0px";

/// An `Rc` compared by pointer: a new text is a new document, an equal pointer is the same one.
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The article's props. It depends on the document and the focused span only, so notices,
/// drafts and dialogs leave it alone. `state` is for reading and dispatching: a Yew 0.23
/// handle always shows the newest state, so the comparison uses the two values copied at
/// render time instead.
#[derive(Properties, Clone)]
pub struct ArticleProps {
    pub state: AppHandle,
    pub revision: u64,
    pub focused: Option<SpanId>,
}

impl PartialEq for ArticleProps {
    fn eq(&self, other: &Self) -> bool {
        self.revision == other.revision && self.focused == other.focused
    }
}

/// Which blocks draw highlights, for one text (identified by its pointer).
struct Live {
    text: *const ArticleText,
    blocks: Vec<bool>,
}

impl Live {
    fn initial(text: &Rc<ArticleText>) -> Live {
        let blocks = text.blocks().iter().map(|b| b.chars.start() < INITIAL_LIVE_CHARS).collect();
        Live { text: Rc::as_ptr(text), blocks }
    }
}

#[component]
pub fn ArticleView(props: &ArticleProps) -> Html {
    let state = &props.state;
    let doc = state.doc();
    let text = doc.text_rc();
    let labels = doc.labels().clone();
    let focused_span = props.focused.as_ref().and_then(|id| doc.spans().get(id)).cloned();
    let node = use_node_ref();

    let live = use_mut_ref(|| Live::initial(&text));
    if live.borrow().text != Rc::as_ptr(&text) {
        *live.borrow_mut() = Live::initial(&text);
    }
    let redraw = use_force_update();
    use_block_observer(&node, &text, &live, move || redraw.force_update());
    use_scroll_to_focus(&node, &text, focused_span.as_ref());
    use_drawn_signal(&node);

    let onclick = {
        let state = state.clone();
        Callback::from(move |e: MouseEvent| {
            if has_selection() {
                return;
            }
            let target = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
            let id = target
                .and_then(|t| t.closest("mark[data-id]").ok().flatten())
                .and_then(|m| m.get_attribute("data-id"));
            state.dispatch(Action::Focus(id.map(|i| SpanId::new(&i))));
        })
    };

    let shared = Shared(text.clone());
    let blocks = text.blocks();
    let live = live.borrow();
    html! {
        <article id={ARTICLE_ID} ref={node} class="article" aria-label="Article" {onclick}>
            { for (0..blocks.len()).map(|i| {
                let spans = doc.block_spans(i);
                let focused = focused_span.as_ref().filter(|f| spans.iter().any(|s| s.id() == f.id())).map(|f| f.id().clone());
                let inline = blocks[i].continued || (i > 0 && blocks[i - 1].continued);
                let is_live = !spans.is_empty() && (focused.is_some() || live.blocks.get(i).copied().unwrap_or(false));
                html! {
                    <Block key={i} text={shared.clone()} index={i} {spans} labels={labels.clone()} {focused} {inline} live={is_live} />
                }
            }) }
        </article>
    }
}

/// Watches which blocks are near the viewport; calls `redraw` when that changes.
#[hook]
fn use_block_observer(node: &NodeRef, text: &Rc<ArticleText>, live: &Rc<RefCell<Live>>, redraw: impl Fn() + 'static) {
    let node = node.clone();
    let live = live.clone();
    let redraw = Rc::new(redraw);
    // A new text means new block elements: watch them afresh.
    use_effect_with(Shared(text.clone()), move |_| {
        let root = node.cast::<web_sys::Element>();
        // `near` turns blocks on, `far` turns them off.
        let watch = |margin: &str, turns_on: bool| {
            let (live, redraw) = (live.clone(), redraw.clone());
            root.as_ref().and_then(|root| {
                BlockObserver::watch_children(root, margin, move |changes| {
                    let mut changed = false;
                    {
                        let mut live = live.borrow_mut();
                        for (i, visible) in changes {
                            if let Some(flag) = live.blocks.get_mut(i) {
                                if visible == turns_on && *flag != turns_on {
                                    *flag = turns_on;
                                    changed = true;
                                }
                            }
                        }
                    }
                    if changed {
                        redraw();
                    }
                })
            })
        };
        let observers = (watch(NEAR_MARGIN, true), watch(FAR_MARGIN, false));
        move || drop(observers)
    });
}

/// Scrolls the focused span's block into view when focus moves to a span.
#[hook]
fn use_scroll_to_focus(node: &NodeRef, text: &Rc<ArticleText>, span: Option<&Span>) {
    let target = span.map(|s| (s.id().clone(), text.block_at(s.start())));
    let node = node.clone();
    use_effect_with(target, move |target| {
        let Some((_, Some(block))) = target else { return };
        let Some(root) = node.cast::<web_sys::Element>() else { return };
        if let Some(el) = root.children().item(*block as u32) {
            scroll_to_center(&el);
        }
    });
}

/// After every render of the article (its blocks included), bumps `data-drawn` on the
/// article element: the benchmark's signal that what the app means to show is in the DOM.
#[hook]
fn use_drawn_signal(node: &NodeRef) {
    let node = node.clone();
    use_effect(move || {
        if let Some(el) = node.cast::<web_sys::Element>() {
            let n: u64 = el.get_attribute("data-drawn").and_then(|v| v.parse().ok()).unwrap_or(0);
            let _ = el.set_attribute("data-drawn", &(n + 1).to_string());
        }
    });
}

fn has_selection() -> bool {
    web_sys::window()
        .and_then(|w| w.get_selection().ok().flatten())
        .is_some_and(|s| !s.is_collapsed())
}

#[derive(Properties, PartialEq, Clone)]
pub struct BlockProps {
    pub text: Shared<ArticleText>,
    pub index: usize,
    /// The spans overlapping this block, in text order (shared with the document).
    pub spans: Rc<[Span]>,
    pub labels: LabelSet,
    /// The focused span, when it touches this block.
    pub focused: Option<SpanId>,
    /// Part of a line cut into several blocks: flows inline with its neighbours.
    pub inline: bool,
    /// On screen or near it: draws its highlights.
    pub live: bool,
}

/// The estimated height class of a block (`h1` … `h80`, in lines of about 72 characters), so
/// off-screen blocks that the browser skips still take about their real height and the scroll
/// bar stays honest. Once a block has been on screen the browser remembers its real height.
fn height_class(text: &str) -> String {
    let lines: usize = text.lines().map(|l| l.chars().count() / 72 + 1).sum();
    format!("h{}", lines.clamp(1, 80))
}

#[component]
pub fn Block(props: &BlockProps) -> Html {
    let text = &props.text.0;
    let block = text.blocks()[props.index];
    let class = classes!("blk", props.inline.then_some("inl"), height_class(text.slice(block.chars).unwrap_or_default()));
    let start = block.chars.start().to_string();
    let index = props.index.to_string();
    if !props.live || props.spans.is_empty() {
        let content = text.slice(block.chars).unwrap_or_default().to_string();
        return html! { <div {class} data-b={start} data-i={index}>{ content }</div> };
    }
    let spans = &props.spans;
    let (pieces, levels) = segment(block.chars, spans);
    let children = pieces.iter().map(|piece| {
        let mut node = html! { text.slice(piece.range).unwrap_or_default().to_string() };
        for &i in piece.stack.iter().rev() {
            let s = &spans[i];
            let name = AttrValue::from(props.labels.name(s.label()).to_string());
            let class = classes!(
                "hl",
                format!("l{}", s.label().index()),
                format!("v{}", levels[i].min(7)),
                (piece.range.start() == s.start()).then_some("s"),
                (piece.range.end() == s.end()).then_some("e"),
                (props.focused.as_ref() == Some(s.id())).then_some("f"),
            );
            node = html! {
                <mark {class} data-id={s.id().to_string()} data-label={name.clone()} title={name}>{ node }</mark>
            };
        }
        node
    });
    html! {
        <div {class} data-b={start} data-i={index}>{ for children }</div>
    }
}
