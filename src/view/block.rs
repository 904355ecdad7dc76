//! One block of the article: its text as nested `<mark>` elements, the outermost span first, so
//! the shorter span draws on top. Labels show as a border style and a CSS badge as well as a
//! colour, and its attribute values and note marker as a badge after its end; badges and
//! the focused span's drag handles are generated content or empty
//! elements, so the article's `textContent` is exactly the text. A block that is off screen
//! renders as one plain text node; a drawn block holds its highlights in one `span.hls`.

use std::rc::Rc;

use yew::prelude::*;

use super::live::Drawn;
use super::Snapshot;
use crate::model::segment::{segment, split_by};
use crate::model::text::ArticleText;
use crate::model::{CharRange, LabelSet, Span, SpanId};

/// Compared field by field: the span list by its revision, everything else by value.
#[derive(Properties, PartialEq, Clone)]
pub struct BlockProps {
    /// The whole text (shared; compared by value, which `Rc` short-cuts when it is the same).
    pub text: Rc<ArticleText>,
    pub index: usize,
    /// The spans overlapping this block, in text order (shared with the document), at the
    /// block's revision: an edit elsewhere leaves it equal without comparing a span.
    pub spans: Snapshot<[Span]>,
    pub labels: LabelSet,
    /// The focused span, when it touches this block.
    pub focused: Option<SpanId>,
    /// Part of a line cut into several blocks: flows inline with its neighbours.
    pub inline: bool,
    /// Draws its highlights whatever `drawn` says (it holds the focused span or the current
    /// find hit).
    pub live: bool,
    /// Which blocks draw their highlights (on screen or near it); followed through a redraw
    /// handle, not by comparison.
    pub drawn: Drawn,
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

/// The class attribute of a mark (`hl l{label} v{level}`, then `s`, `e`, `f` for its start,
/// its end and focus), made once per combination in a render and shared by every mark with it.
///
/// It goes in as `CLASS`, not `class`: Yew turns a `class` value into a set of class names and
/// joins it back into a new string for every element, which on a block of a hundred marks is
/// much of the cost of redrawing it, while any other name is passed as it is. HTML attribute
/// names are case-insensitive (`setAttribute` lowercases them on HTML elements), so the DOM
/// gets an ordinary `class` attribute.
///
/// The combinations a block uses are few (labels by nesting level by flags), so they are kept
/// in a list searched in order rather than a hash table, whose code would be one more copy in
/// the page's first wasm part.
#[derive(Default)]
struct MarkClasses(Vec<((usize, u8, u8), AttrValue)>);

impl MarkClasses {
    fn get(
        &mut self,
        label: usize,
        level: u8,
        starts: bool,
        ends: bool,
        focused: bool,
    ) -> AttrValue {
        let level = level.min(7);
        let flags = u8::from(starts) | u8::from(ends) << 1 | u8::from(focused) << 2;
        let key = (label, level, flags);
        if let Some((_, class)) = self.0.iter().find(|(k, _)| *k == key) {
            return class.clone();
        }
        let mut class = format!("hl l{label} v{level}");
        for (on, c) in [(starts, " s"), (ends, " e"), (focused, " f")] {
            if on {
                class.push_str(c);
            }
        }
        let class = AttrValue::from(class);
        self.0.push((key, class.clone()));
        class
    }
}

#[component]
pub fn Block(props: &BlockProps) -> Html {
    let _m = crate::browser::perf::measure("block");
    let text = &props.text;
    let block = text.blocks()[props.index];
    let class = classes!(
        "blk",
        props.inline.then_some("inl"),
        height_class(text.slice(block.chars).unwrap_or_default())
    );
    let start = block.chars.start().to_string();
    let index = props.index.to_string();
    let redraw = use_force_update();
    {
        let drawn = props.drawn.clone();
        use_effect_with(props.index, move |&i| drawn.register(i, redraw));
    }
    let live = props.live || props.drawn.is_drawn(props.index);
    if !live || (props.spans.is_empty() && props.hits.is_empty()) {
        let content = text.slice(block.chars).unwrap_or_default().to_string();
        return html! { <div {class} data-b={start} data-i={index}>{ content }</div> };
    }
    // The first screens (what `Live::initial` draws in the first render) are laid out in that
    // render's frame, not left to `content-visibility: auto` to find on screen (style.css).
    let top = super::live::in_first_screens(&block);
    let class = classes!(class, top.then_some("top"));
    let spans: &[Span] = &props.spans;
    let (pieces, levels) = segment(block.chars, spans);
    // Each label's name and end-of-span wording, made once per render and shared by its marks.
    let names: Vec<(AttrValue, AttrValue)> = props
        .labels
        .iter()
        .map(|(_, l)| {
            let end = format!("end of {}", l.name);
            (AttrValue::from(l.name.clone()), AttrValue::from(end))
        })
        .collect();
    let mut mark_classes = MarkClasses::default();
    let children = pieces.iter().map(|piece| {
        let mut node = text_runs(text, piece.range, &props.hits, props.current_hit);
        for &i in piece.stack.iter().rev() {
            let s = &spans[i];
            let (name, end) = names.get(s.label().index()).cloned().unwrap_or_default();
            let focused = props.focused.as_ref() == Some(s.id());
            let starts = piece.range.start() == s.start();
            let ends = piece.range.end() == s.end();
            let class = mark_classes.get(s.label().index(), levels[i], starts, ends, focused);
            // Attribute values and a note marker after the span's end (generated content);
            // worked out only at the end of a span that has any.
            let badge = ends
                .then(|| super::state::qualify::badge(&props.labels, s))
                .flatten()
                .map(AttrValue::from);
            // The focused span gets drag handles at its two ends (empty, so no text).
            let start_handle = (focused && starts)
                .then(|| html! { <span class="handle hs" data-edge="start" contenteditable="false" aria-hidden="true"></span> });
            let end_handle = (focused && ends)
                .then(|| html! { <span class="handle he" data-edge="end" contenteditable="false" aria-hidden="true"></span> });
            node = html! {
                <mark CLASS={class} data-id={AttrValue::from(s.id().shared())} data-label={name.clone()} data-end={end} data-q={badge} title={name}>
                    { start_handle }{ node }{ end_handle }
                </mark>
            };
        }
        // Keyed by where the piece ends: an edit that splits or joins pieces adds and removes
        // only those, and the pieces after it keep their elements instead of each being
        // patched one step along. Not by its whole range, which would replace the text node a
        // new span splits: by its end, that node becomes the text after the new span, and the
        // caret the browser collapsed to the selection's end in it lands at that node's start,
        // which is where the selection ended (the article's `use_caret_after` checks it).
        html! { <key={piece.range.end()}>{ node }</> }
    });
    // The highlights sit in one element, so a block that stops drawing them leaves the page
    // in one `removeChild`, not one per mark and text run.
    html! {
        <div {class} data-b={start} data-i={index}><span class="hls">{ for children }</span></div>
    }
}
