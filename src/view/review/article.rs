//! The review's article: the text once, with gold's spans drawn as in the annotating view
//! (editable with the same keys and the same pointer handling, `article_input`), every
//! visible layer's spans drawn over them, and the conflicts' regions. Layers are told apart
//! by more than colour: each layer span's badge names its layer by number and initials
//! ("1·AL PER"), layer spans are overlined where gold is underlined and tinted, and each layer
//! can be hidden. Badges are generated content, so `textContent` is exactly the text and the
//! selection adapters work unchanged.
//!
//! A layer span's element id is `~k~i` (layer k, its span i) and a conflict's `!c`; clicking
//! either focuses the conflict (`state::review`).

use std::collections::BTreeSet;
use std::rc::Rc;

use yew::prelude::*;

use super::super::article_input::{use_article_input, use_read_only};
use super::super::keys::ARTICLE_ID;
use super::super::Latest;
use crate::browser::selection::put_caret_if_focused;
use crate::browser::visibility::scroll_into_view_if_hidden;
use crate::model::segment::segment;
use crate::model::{CharRange, LabelId, Span, SpanId};
use crate::review::{ConflictId, Review};

/// The badge of layer `k` named `name`: its number (the Alt+number that accepts its version)
/// and initials.
pub fn badge(k: usize, name: &str) -> String {
    let initials: String = name
        .split_whitespace()
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .take(2)
        .flat_map(char::to_uppercase)
        .collect();
    let initials = if initials.is_empty() {
        name.chars().take(2).collect()
    } else {
        initials
    };
    format!("{}·{initials}", k + 1)
}

/// What a drawn span is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Gold,
    Layer(usize),
    Conflict(ConflictId),
}

fn kind_of(id: &SpanId) -> Kind {
    let s = id.as_str();
    if let Some(rest) = s.strip_prefix('~') {
        let k = rest.split('~').next().and_then(|k| k.parse().ok());
        return k.map_or(Kind::Gold, Kind::Layer);
    }
    match s.strip_prefix('!').and_then(|c| c.parse().ok()) {
        Some(c) => Kind::Conflict(ConflictId(c)),
        None => Kind::Gold,
    }
}

/// Every span drawn in `range`: gold's, the visible layers', the conflicts', in text order
/// (longer first at the same start).
fn drawn(review: &Review, hidden: &BTreeSet<usize>, range: CharRange) -> Vec<Span> {
    let gold = review.gold();
    let mut out: Vec<Span> = gold.spans().overlapping(range).cloned().collect();
    for (k, layer) in review.layers().iter().enumerate() {
        if hidden.contains(&k) {
            continue;
        }
        for (i, s) in layer.spans.iter().enumerate() {
            let r = CharRange::new(s.start, s.end).filter(|r| r.overlaps(range));
            let label = gold.labels().by_name(&s.label);
            if let Some(span) = r
                .zip(label)
                .and_then(|(r, l)| Span::new(SpanId::new(&format!("~{k}~{i}")), l, r))
            {
                out.push(span);
            }
        }
    }
    for (c, conflict) in review.conflicts().iter().enumerate() {
        if conflict.region.overlaps(range) {
            if let Some(span) =
                Span::new(SpanId::new(&format!("!{c}")), LabelId(0), conflict.region)
            {
                out.push(span);
            }
        }
    }
    crate::model::order::sort_by_key(&mut out, |s| (s.start(), std::cmp::Reverse(s.end())));
    out
}

#[derive(Properties, PartialEq)]
pub struct ReviewArticleProps {
    pub state: Latest,
    /// The review and its revision (props compare by revision).
    pub review: super::super::Snapshot<Review>,
    pub hidden: Rc<BTreeSet<usize>>,
    pub conflict: Option<ConflictId>,
    pub focused: Option<SpanId>,
}

#[component]
pub fn ReviewArticle(props: &ReviewArticleProps) -> Html {
    let review = &props.review;
    let gold = review.gold();
    let text = gold.text_rc();
    let node = use_node_ref();
    let focused_span = props
        .focused
        .as_ref()
        .and_then(|id| gold.spans().get(id))
        .cloned();
    let input = use_article_input(&props.state.0, focused_span.as_ref());
    use_read_only(&node);
    use_scroll_to_conflict(&node, review, props.conflict);
    let names: Vec<String> = review
        .layers()
        .iter()
        .enumerate()
        .map(|(k, l)| badge(k, &l.name))
        .collect();
    let blocks = text.blocks();
    html! {
        <div id={ARTICLE_ID} ref={node} class="article review-article" role="textbox" aria-multiline="true"
             aria-readonly="true" aria-label="Article" contenteditable="true" spellcheck="false" translate="no"
             onclick={input.onclick} onmousedown={input.onmousedown} onmouseup={input.onmouseup}
             ondrop={input.refuse_drop.clone()} ondragstart={input.refuse_drop}>
            { for blocks.iter().enumerate().map(|(i, b)| {
                let spans = drawn(review, &props.hidden, b.chars);
                let inline = b.continued || (i > 0 && blocks[i - 1].continued);
                let class = classes!("blk", inline.then_some("inl"));
                let start = b.chars.start().to_string();
                if spans.is_empty() {
                    let content = text.slice(b.chars).unwrap_or_default().to_string();
                    return html! { <div key={i} {class} data-b={start} data-i={i.to_string()}>{ content }</div> };
                }
                let (pieces, levels) = segment(b.chars, &spans);
                let children = pieces.iter().map(|piece| {
                    let mut node = html! { text.slice(piece.range).unwrap_or_default().to_string() };
                    for &j in piece.stack.iter().rev() {
                        let s = &spans[j];
                        let first = piece.range.start() == s.start();
                        let last = piece.range.end() == s.end();
                        let lvl = format!("v{}", levels[j].min(7));
                        let label = gold.labels().name(s.label()).to_string();
                        node = match kind_of(s.id()) {
                            Kind::Gold => {
                                let focused = props.focused.as_ref() == Some(s.id());
                                let hs = (focused && first).then(|| html! { <span class="handle hs" data-edge="start" contenteditable="false" aria-hidden="true"></span> });
                                let he = (focused && last).then(|| html! { <span class="handle he" data-edge="end" contenteditable="false" aria-hidden="true"></span> });
                                let class = classes!("hl", "gold", format!("l{}", s.label().index()), lvl, first.then_some("s"), last.then_some("e"), focused.then_some("f"));
                                html! { <mark {class} data-id={s.id().to_string()} data-label={label.clone()} data-end={format!("end of gold {label}")} title={format!("gold: {label}")}>{ hs }{ node }{ he }</mark> }
                            }
                            Kind::Layer(k) => {
                                let who = names.get(k).cloned().unwrap_or_default();
                                let layer = review.layers().get(k).map(|l| l.name.clone()).unwrap_or_default();
                                let class = classes!("ly", format!("k{}", k.min(8)), format!("l{}", s.label().index()), lvl, first.then_some("s"), last.then_some("e"));
                                html! { <mark {class} data-id={s.id().to_string()} data-label={format!("{who} {label}")} title={format!("{layer}: {label}")}>{ node }</mark> }
                            }
                            Kind::Conflict(c) => {
                                let decided = review.resolution(c).is_some();
                                let class = classes!("cf", first.then_some("s"), last.then_some("e"), (props.conflict == Some(c)).then_some("cur"), decided.then_some("done"));
                                let what = if decided { "decided" } else { "conflict" };
                                html! { <mark {class} data-id={s.id().to_string()} data-label={format!("{what} {}", c.0 + 1)}>{ node }</mark> }
                            }
                        };
                    }
                    node
                });
                html! { <div key={i} {class} data-b={start} data-i={i.to_string()}>{ for children }</div> }
            }) }
        </div>
    }
}

/// Scrolls the conflict in focus into view, and puts the caret at its start when the article
/// has the keyboard, so the article's keys go on from there.
#[hook]
fn use_scroll_to_conflict(node: &NodeRef, review: &Review, conflict: Option<ConflictId>) {
    let target = conflict
        .and_then(|c| review.conflict(c))
        .map(|c| c.region.start());
    let node = node.clone();
    let text = review.gold().text_rc();
    use_effect_with(target, move |target| {
        let (Some(start), Some(root)) = (target, node.cast::<web_sys::Element>()) else {
            return;
        };
        if let Some(mark) = root.query_selector("mark.cf.cur").ok().flatten() {
            scroll_into_view_if_hidden(&root, &mark);
        }
        put_caret_if_focused(&root, &text, *start);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn badges_number_and_initial_each_layer() {
        assert_eq!(badge(0, "Ada Lovelace"), "1·AL");
        assert_eq!(badge(1, "bob"), "2·B");
        assert_eq!(badge(2, "Zoë 👩🏽‍💻 Ünal"), "3·ZÜ");
        assert_eq!(badge(3, "李雷"), "4·李");
        assert_eq!(badge(4, "مريم"), "5·م");
        assert_eq!(badge(5, "👩🏽‍💻"), "6·👩\u{1f3fd}");
        assert_eq!(kind_of(&SpanId::new("~2~7")), Kind::Layer(2));
        assert_eq!(kind_of(&SpanId::new("!3")), Kind::Conflict(ConflictId(3)));
        assert_eq!(kind_of(&SpanId::new("a1")), Kind::Gold);
    }
}
