//! The article: one `Block` component per paragraph, each re-rendered only when its own span
//! list changes (its props compare by pointer). Highlights are nested `<mark>` elements, the
//! outermost span first, so the shorter span draws on top. Labels show as a border style and
//! a CSS badge as well as a colour; badges are generated content, so the article's
//! `textContent` is exactly the text.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::keys::ARTICLE_ID;
use super::state::Action;
use super::AppHandle;
use crate::model::segment::segment;
use crate::model::text::ArticleText;
use crate::model::{LabelSet, Span, SpanId};

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

#[component]
pub fn ArticleView(props: &ArticleProps) -> Html {
    let state = &props.state;
    let doc = state.doc();
    let text = Shared(doc.text_rc());
    let labels = doc.labels().clone();
    let focused_span = props.focused.as_ref().and_then(|id| doc.spans().get(id)).cloned();
    use_scroll_to_focus(focused_span.as_ref());

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

    let blocks = text.0.blocks();
    html! {
        <article id={ARTICLE_ID} class="article" aria-label="Article" {onclick}>
            { for (0..blocks.len()).map(|i| {
                let spans = doc.block_spans(i);
                let focused = focused_span.as_ref().filter(|f| spans.iter().any(|s| s.id() == f.id())).map(|f| f.id().clone());
                let inline = blocks[i].continued || (i > 0 && blocks[i - 1].continued);
                html! { <Block key={i} text={text.clone()} index={i} {spans} labels={labels.clone()} {focused} {inline} /> }
            }) }
        </article>
    }
}

fn has_selection() -> bool {
    web_sys::window()
        .and_then(|w| w.get_selection().ok().flatten())
        .is_some_and(|s| !s.is_collapsed())
}

/// Scrolls the focused span into view when focus moves to it.
#[hook]
fn use_scroll_to_focus(span: Option<&Span>) {
    let target = span.map(|s| s.id().clone());
    use_effect_with(target, |id| {
        let Some(id) = id else { return };
        let Some(doc) = crate::browser::document() else { return };
        let Ok(marks) = doc.query_selector_all("mark.f") else { return };
        for i in 0..marks.length() {
            let Some(el) = marks.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) else { continue };
            if el.get_attribute("data-id").as_deref() == Some(id.as_str()) {
                let opts = web_sys::ScrollIntoViewOptions::new();
                opts.set_block(web_sys::ScrollLogicalPosition::Center);
                el.scroll_into_view_with_scroll_into_view_options(&opts);
                return;
            }
        }
    });
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
}

#[component]
pub fn Block(props: &BlockProps) -> Html {
    let text = &props.text.0;
    let block = text.blocks()[props.index];
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
        <div class={classes!("blk", props.inline.then_some("inl"))} data-b={block.chars.start().to_string()}>
            { for children }
        </div>
    }
}
