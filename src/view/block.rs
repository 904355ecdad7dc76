//! One block of the article: its text as nested `<mark>` elements, the outermost span first, so
//! the shorter span draws on top. Labels show as a border style and a CSS badge as well as a
//! colour; badges and the focused span's drag handles are generated content or empty
//! elements, so the article's `textContent` is exactly the text. A block that is off screen
//! renders as one plain text node.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::segment::{segment, split_by};
use crate::model::text::ArticleText;
use crate::model::{CharRange, LabelSet, Span, SpanId};

#[derive(Properties, PartialEq, Clone)]
pub struct BlockProps {
    /// The whole text (shared; compared by value, which `Rc` short-cuts when it is the same).
    pub text: Rc<ArticleText>,
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
    /// Find hits in this block, in text order (shared with the find state).
    pub hits: Rc<[CharRange]>,
    /// The current find hit, when it is in this block.
    pub current_hit: Option<CharRange>,
}

/// The estimated height class of a block (`h1` … `h80`, in lines of about 72 characters), so
/// off-screen blocks that the browser skips still take about their real height and the scroll
/// bar stays honest. Once a block has been on screen the browser remembers its real height.
fn height_class(text: &str) -> String {
    let lines: usize = text.lines().map(|l| l.chars().count() / 72 + 1).sum();
    format!("h{}", lines.clamp(1, 80))
}

/// The text of a piece, with find hits wrapped innermost so highlights stay around them.
fn text_runs(
    text: &ArticleText,
    range: CharRange,
    hits: &[CharRange],
    current: Option<CharRange>,
) -> Html {
    if hits.is_empty() {
        return html! { text.slice(range).unwrap_or_default().to_string() };
    }
    let runs = split_by(range, hits).into_iter().map(|(r, hit)| {
        let content = text.slice(r).unwrap_or_default().to_string();
        match hit {
            None => html! { content },
            Some(i) => {
                let class = classes!("hit", (Some(hits[i]) == current).then_some("cur"));
                html! { <span {class}>{ content }</span> }
            }
        }
    });
    html! { <>{ for runs }</> }
}

#[component]
pub fn Block(props: &BlockProps) -> Html {
    let text = &props.text;
    let block = text.blocks()[props.index];
    let class = classes!(
        "blk",
        props.inline.then_some("inl"),
        height_class(text.slice(block.chars).unwrap_or_default())
    );
    let start = block.chars.start().to_string();
    let index = props.index.to_string();
    if !props.live || (props.spans.is_empty() && props.hits.is_empty()) {
        let content = text.slice(block.chars).unwrap_or_default().to_string();
        return html! { <div {class} data-b={start} data-i={index}>{ content }</div> };
    }
    let spans = &props.spans;
    let (pieces, levels) = segment(block.chars, spans);
    let children = pieces.iter().map(|piece| {
        let mut node = text_runs(text, piece.range, &props.hits, props.current_hit);
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
            let focused = props.focused.as_ref() == Some(s.id());
            // The focused span gets drag handles at its two ends (empty, so no text).
            let start_handle = (focused && piece.range.start() == s.start())
                .then(|| html! { <span class="handle hs" data-edge="start" contenteditable="false" aria-hidden="true"></span> });
            let end_handle = (focused && piece.range.end() == s.end())
                .then(|| html! { <span class="handle he" data-edge="end" contenteditable="false" aria-hidden="true"></span> });
            node = html! {
                <mark {class} data-id={s.id().to_string()} data-label={name.clone()} data-end={format!("end of {name}")} title={name}>
                    { start_handle }{ node }{ end_handle }
                </mark>
            };
        }
        node
    });
    html! {
        <div {class} data-b={start} data-i={index}>{ for children }</div>
    }
}
