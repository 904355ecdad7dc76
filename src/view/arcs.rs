//! Relations drawn over the article: an SVG layer the size of the article's visible box with
//! one arc per relation that has an end drawn near the viewport (a span in a block that draws
//! its highlights; the other end, when its block does not draw, is its block's corner), an
//! arrowhead at the target, the type named on the arcs of the focused span, outlines around
//! both ends of the relation in focus and around the current target while linking, and the
//! focused span's link handle (drag it onto another span to link them).
//!
//! Measuring reads only the marks of drawn blocks, in the article's content coordinates, and
//! happens at once when what is shown changes (relations, focus, the link in the making), a
//! moment after any other edit while there are relations, and when scrolling stops; while it
//! scrolls, the shapes move with it by one attribute (`follow_scroll`). A document with no
//! relations and no focused span measures nothing.
//! The layer lives outside the article, so the article's text and selection never see it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use super::commands::article_element;
use super::pure::{panel, Panel};
use super::state::{Action, AppState, LinkAction, Linking};
use super::{Latest, Snapshot};
use crate::model::{Document, RelationId, SpanId};

/// A point in the layer's coordinates (CSS pixels from its top left).
pub type Point = (f64, f64);

/// The path of an arc from the top of one span (`a`) to the top of another (`b`): a curve
/// rising above the higher of the two, higher for ends further apart (so nested arcs between
/// neighbours stay apart) but within the gap between lines; and the point where its type is
/// written.
pub fn arc_path(a: Point, b: Point) -> (String, Point) {
    let top = a.1.min(b.1);
    let lift = (10.0 + (a.0 - b.0).abs() / 25.0).min(24.0);
    let c = top - lift;
    let d = format!(
        "M{} {}C{} {} {} {} {} {}",
        px(a.0),
        px(a.1),
        px(a.0),
        px(c),
        px(b.0),
        px(c),
        px(b.0),
        px(b.1)
    );
    // The curve's highest point, for a cubic with both controls at height `c`.
    let apex = ((a.0 + b.0) / 2.0, (a.1 + b.1) / 8.0 + c * 0.75);
    (d, apex)
}

/// A coordinate with one decimal, as `format!("{x:.1}")` writes it but without Rust's float
/// formatter: this layer was the page's only user of it, and its code and tables cost the
/// page's wasm about 7 KB gzipped. Tenths are rounded half away from zero, so the two differ
/// only on exact halves, by a twentieth of a pixel, and `-0.0` is `0.0`. A coordinate is
/// finite and far inside `i64`; anything else writes `0.0`.
pub fn px(x: f64) -> String {
    let tenths = (x * 10.0).round();
    if !tenths.is_finite() || tenths.abs() > 1e15 {
        return "0.0".to_string();
    }
    // Exact: a whole number of magnitude at most 1e15.
    let tenths = tenths as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    let abs = tenths.unsigned_abs();
    format!("{sign}{}.{}", abs / 10, abs % 10)
}

#[derive(Clone, Debug, PartialEq)]
struct ArcShape {
    d: String,
    class: &'static str,
    label: Option<(Point, Rc<str>)>,
}

#[derive(Clone, Debug, PartialEq)]
struct BoxShape {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
    class: &'static str,
}

/// What the layer shows, measured.
#[derive(Clone, Debug, Default, PartialEq)]
struct Scene {
    arcs: Vec<ArcShape>,
    boxes: Vec<BoxShape>,
    /// The focused span's link handle.
    handle: Option<Point>,
}

#[derive(Properties, Clone)]
pub struct ArcsProps {
    pub state: Latest,
    pub doc: Snapshot<Document>,
    pub text_revision: u64,
    pub focused: Option<SpanId>,
    pub relation: Option<RelationId>,
    pub link: Option<Rc<Linking>>,
    /// Moves when the warm-up asks for the article to be drawn again, the layer with it
    /// (`AppState::redraws`).
    pub redraws: u64,
}

/// By what the layer shows: the relations (by their revision), focus, the link in the making
/// and the text; other edits count only while there are relations (the arcs are measured
/// again after them). Without relations, adding a span leaves the layer alone.
impl PartialEq for ArcsProps {
    fn eq(&self, other: &Self) -> bool {
        let edits = |p: &Self| (!p.doc.relations().is_empty()).then_some(p.doc.revision);
        self.redraws == other.redraws
            && self.text_revision == other.text_revision
            && self.focused == other.focused
            && self.relation == other.relation
            && self.link == other.link
            && self.doc.relations_revision() == other.doc.relations_revision()
            && edits(self) == edits(other)
    }
}

/// The rectangle of a span relative to `origin`: its first mark when its block draws, else
/// (`drawn` false) its block's first line.
fn span_rect(
    doc: &Document,
    article: &Element,
    marks: &HashMap<String, Element>,
    origin: &web_sys::DomRect,
    id: &SpanId,
) -> Option<(BoxShape, bool)> {
    let (rect, drawn) = match marks.get(id.as_str()) {
        Some(m) => (m.get_bounding_client_rect(), true),
        None => {
            let span = doc.spans().get(id)?;
            let block = doc.text().block_at(span.start())?;
            let el = article.children().item(u32::try_from(block).ok()?)?;
            let r = el.get_bounding_client_rect();
            r.set_height(r.height().min(24.0));
            r.set_width(r.width().min(24.0));
            (r, false)
        }
    };
    Some((
        BoxShape {
            x: rect.left() - origin.left(),
            y: rect.top() - origin.top(),
            w: rect.width(),
            h: rect.height(),
            class: "end",
        },
        drawn,
    ))
}

fn top_center(b: &BoxShape) -> Point {
    (b.x + b.w / 2.0, b.y)
}

/// Whether the layer has anything to show: relations, the focused span's link handle, or a
/// link in the making with a target to point at.
fn shows_anything(doc: &Document, focused: Option<&SpanId>, link: Option<&Linking>) -> bool {
    !doc.relations().is_empty() || focused.is_some() || link.is_some_and(|l| l.current().is_some())
}

/// Measures what the layer shows from the newest state and the article's drawn marks.
fn measure(s: &AppState, layer: &Element) -> Scene {
    let doc = s.doc();
    let link_from = s.link.as_ref().map(|l| l.from.clone());
    let candidate = s.link.as_ref().and_then(|l| l.current().cloned());
    if !shows_anything(doc, s.focused.as_ref(), s.link.as_deref()) {
        return Scene::default();
    }
    let Some(article) = article_element() else {
        return Scene::default();
    };
    // In the article's content coordinates: the layer's corner, moved by the scroll.
    let origin = layer.get_bounding_client_rect();
    origin.set_y(origin.y() - f64::from(article.scroll_top()));
    let mut marks: HashMap<String, Element> = HashMap::new();
    // The focused span's last mark: its handle sits at the span's end.
    let mut last: Option<Element> = None;
    if let Ok(list) = article.query_selector_all("mark[data-id]") {
        for i in 0..list.length() {
            let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            if let Some(id) = el.get_attribute("data-id") {
                if s.focused.as_ref().is_some_and(|f| f.as_str() == id) {
                    last = Some(el.clone());
                }
                marks.entry(id).or_insert(el);
            }
        }
    }
    let rect = |id: &SpanId| span_rect(doc, &article, &marks, &origin, id);
    let mut scene = Scene::default();
    for r in doc.relations().iter() {
        let ends = (
            marks.contains_key(r.from().as_str()),
            marks.contains_key(r.to().as_str()),
        );
        if ends == (false, false) {
            continue;
        }
        let (Some((a, _)), Some((b, _))) = (rect(r.from()), rect(r.to())) else {
            continue;
        };
        let near_focus = s.focused.as_ref().is_some_and(|f| r.touches(f));
        let current = s.relation.as_ref() == Some(r.id());
        let (d, apex) = arc_path(top_center(&a), top_center(&b));
        scene.arcs.push(ArcShape {
            d,
            class: if current {
                "arc cur"
            } else if near_focus {
                "arc on"
            } else {
                "arc"
            },
            label: (near_focus || current).then(|| (apex, Rc::from(r.kind()))),
        });
        if current {
            scene.boxes.extend([a, b]);
        }
    }
    if let (Some(from), Some(to)) = (&link_from, &candidate) {
        if let (Some((a, _)), Some((b, _))) = (rect(from), rect(to)) {
            let (d, apex) = arc_path(top_center(&a), top_center(&b));
            let kind = s.link.as_ref().and_then(|l| l.kind.clone());
            scene.arcs.push(ArcShape {
                d,
                class: "arc cand",
                label: kind.map(|k| (apex, k)),
            });
            scene.boxes.push(BoxShape { class: "cand", ..b });
        }
    }
    if let Some(m) = last {
        let r = m.get_bounding_client_rect();
        scene.handle = Some((r.right() - origin.left(), r.top() - origin.top() - 4.0));
    }
    scene
}

/// Runs `f` at the next animation frame.
fn next_frame(f: impl FnOnce() + 'static) {
    if let Some(w) = web_sys::window() {
        let cb = Closure::once_into_js(f);
        let _ = w.request_animation_frame(cb.unchecked_ref());
    }
}

/// Sets the group's shift to the article's scroll: the shapes are measured in the article's
/// content coordinates, so scrolling moves them by one attribute, without measuring again.
fn follow_scroll(group: &NodeRef) {
    if let (Some(g), Some(a)) = (group.cast::<Element>(), article_element()) {
        let _ = g.set_attribute("transform", &format!("translate(0 {})", -a.scroll_top()));
    }
}

/// How long after an edit, or after scrolling stops, the arcs are measured again: an edit
/// seldom moves a mark, and blocks that came near while scrolling draw their marks in slices.
const SETTLE_MS: u32 = 120;

#[component]
pub fn Arcs(props: &ArcsProps) -> Html {
    let layer = use_node_ref();
    let group = use_node_ref();
    let scene = use_state_eq(|| Rc::new(Scene::default()));
    let drag: UseStateHandle<Option<Point>> = use_state_eq(|| None);
    let listeners: Rc<RefCell<Vec<EventListener>>> = use_mut_ref(Vec::new);
    let later: Rc<RefCell<Option<gloo_timers::callback::Timeout>>> = use_mut_ref(|| None);
    let state = props.state.clone();
    let remeasure: Rc<dyn Fn()> = {
        let (state, layer, scene) = (state.clone(), layer.clone(), scene.clone());
        Rc::new(move || {
            if let Some(l) = layer.cast::<Element>() {
                scene.set(Rc::new(measure(&state, &l)));
            }
        })
    };
    // Measures again after SETTLE_MS, once however often it is asked in between.
    let settle: Rc<dyn Fn()> = {
        let (remeasure, later) = (remeasure.clone(), later.clone());
        Rc::new(move || {
            let r = remeasure.clone();
            *later.borrow_mut() = Some(gloo_timers::callback::Timeout::new(SETTLE_MS, move || r()));
        })
    };
    {
        // What is shown changed: measure again at once.
        let remeasure = remeasure.clone();
        let key = (
            props.doc.relations_revision(),
            props.focused.clone(),
            props.relation.clone(),
            props.link.clone(),
        );
        use_effect_with(key, move |_| remeasure());
    }
    {
        // Any other edit, while there are relations: measure again once things settle.
        let settle = settle.clone();
        let key = (!props.doc.relations().is_empty()).then_some(props.doc.revision);
        use_effect_with(key, move |key| {
            if key.is_some() {
                settle();
            }
        });
    }
    {
        // The group follows the scroll: set once for a new article (reading the scroll
        // position after an edit would make the browser lay the page out inside the edit's
        // task), then shifted by each scroll event. Once scrolling stops, the arcs are measured
        // again for the blocks that came near. Resizing the window measures again too. Only
        // while the layer has something to show: otherwise scrolling runs none of this.
        let (group, settle) = (group.clone(), settle.clone());
        let shows = shows_anything(&props.doc, props.focused.as_ref(), props.link.as_deref());
        use_effect_with((props.text_revision, shows), move |&(_, shows)| {
            let mut ls = Vec::new();
            if shows {
                follow_scroll(&group);
                if let Some(a) = article_element() {
                    let settle = settle.clone();
                    ls.push(EventListener::new(&a, "scroll", move |_| {
                        follow_scroll(&group);
                        settle();
                    }));
                }
                if let Some(w) = web_sys::window() {
                    ls.push(EventListener::new(&w, "resize", move |_| settle()));
                }
            }
            move || drop(ls)
        });
    }
    use_scroll_to_candidate(
        &props.doc,
        props.link.as_ref().and_then(|l| l.current().cloned()),
    );

    // The handle's callback reads the newest state when it runs, so it is made once and the
    // shapes re-render only when the scene or the drag changes.
    let onmousedown = {
        let (drag, layer, listeners) = (drag.clone(), layer.clone(), listeners.clone());
        use_callback((), move |e: MouseEvent, _| {
            start_drag(&state, &drag, &layer, &listeners, e)
        })
    };
    html! {
        <svg ref={layer} class="arcs" aria-hidden="true" focusable="false">
            <defs>
                <marker id="arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                    <path d="M0 0L8 4L0 8z" class="arrow" />
                </marker>
            </defs>
            { panel(ShapesProps { scene: (*scene).clone(), drag: *drag, onmousedown, group }) }
        </svg>
    }
}

/// Starts dragging the link handle: a line follows the pointer, and letting go over a span
/// links the focused span to it.
fn start_drag(
    state: &Latest,
    drag: &UseStateHandle<Option<Point>>,
    layer: &NodeRef,
    listeners: &Rc<RefCell<Vec<EventListener>>>,
    e: MouseEvent,
) {
    let Some(from) = state.focused.clone() else {
        return;
    };
    e.prevent_default();
    e.stop_propagation();
    let Some(window) = web_sys::window() else {
        return;
    };
    let follow = {
        let (drag, layer) = (drag.clone(), layer.clone());
        EventListener::new(&window, "mousemove", move |ev| {
            let (Some(ev), Some(l)) =
                (ev.dyn_ref::<web_sys::MouseEvent>(), layer.cast::<Element>())
            else {
                return;
            };
            let o = l.get_bounding_client_rect();
            drag.set(Some((
                f64::from(ev.client_x()) - o.left(),
                f64::from(ev.client_y()) - o.top(),
            )));
        })
    };
    let finish = {
        let (state, drag, listeners) = (state.clone(), drag.clone(), listeners.clone());
        EventListener::once(&window, "mouseup", move |ev| {
            drag.set(None);
            let target = ev.dyn_ref::<web_sys::MouseEvent>().and_then(|ev| {
                crate::browser::document()?
                    .element_from_point(ev.client_x() as f32, ev.client_y() as f32)?
                    .closest("mark[data-id]")
                    .ok()
                    .flatten()?
                    .get_attribute("data-id")
            });
            if let Some(to) = target {
                state.dispatch(Action::Link(LinkAction::Drag {
                    from: from.clone(),
                    to: SpanId::new(&to),
                }));
            }
            // Dropped from inside their own callback: the next frame.
            let listeners = listeners.clone();
            next_frame(move || listeners.borrow_mut().clear());
        })
    };
    *listeners.borrow_mut() = vec![follow, finish];
}

#[derive(Clone)]
struct ShapesProps {
    scene: Rc<Scene>,
    drag: Option<Point>,
    onmousedown: Callback<MouseEvent>,
    group: NodeRef,
}

/// By value, the shared scene first: the same measure (the case of every edit) is not
/// compared shape by shape.
impl PartialEq for ShapesProps {
    fn eq(&self, other: &Self) -> bool {
        (Rc::ptr_eq(&self.scene, &other.scene) || self.scene == other.scene)
            && self.drag == other.drag
            && self.onmousedown == other.onmousedown
            && self.group == other.group
    }
}

/// The measured arcs, outlines and link handle, and the line being dragged.
impl Panel for ShapesProps {
    fn view(&self, _: &Option<crate::view::Dispatcher>) -> Html {
        let props = self;
        let scene = &props.scene;
        let arcs = scene.arcs.iter().map(|a| {
            let label = a.label.as_ref().map(|((x, y), text)| {
                html! { <text x={px(*x)} y={px(y - 3.0)} class="arc-label">{ text.to_string() }</text> }
            });
            html! { <><path d={a.d.clone()} class={a.class} marker-end="url(#arrow)" />{ label }</> }
        });
        let boxes = scene.boxes.iter().map(|b| {
            html! { <rect x={px(b.x - 2.0)} y={px(b.y - 2.0)} width={px(b.w + 4.0)}
            height={px(b.h + 4.0)} rx="3" class={b.class} /> }
        });
        let handle = scene.handle.map(|(x, y)| {
            html! { <circle cx={px(x)} cy={px(y)} r="6" class="link-handle" onmousedown={props.onmousedown.clone()}><title>{"Drag onto another span to link"}</title></circle> }
        });
        // The line being dragged is in the layer's coordinates; the handle in the content's (the
        // scroll position is read only while dragging).
        let rubber = match (props.drag, scene.handle) {
            (Some(to), Some(from)) => {
                let scroll = article_element().map_or(0.0, |a| f64::from(a.scroll_top()));
                Some(html! {
                    <line x1={px(from.0)} y1={px(from.1 - scroll)} x2={px(to.0)} y2={px(to.1)} class="arc cand" />
                })
            }
            _ => None,
        };
        html! {
            <><g ref={props.group.clone()}>{ for arcs }{ for boxes }{ handle }</g>{ rubber }</>
        }
    }
}

/// Scrolls the current target of a link in the making into view.
#[hook]
fn use_scroll_to_candidate(doc: &Snapshot<Document>, target: Option<SpanId>) {
    let doc = doc.clone();
    use_effect_with(target, move |target| {
        let (Some(id), Some(article)) = (target, article_element()) else {
            return;
        };
        let Some(block) = doc
            .spans()
            .get(id)
            .and_then(|s| doc.text().block_at(s.start()))
            .and_then(|b| u32::try_from(b).ok())
            .and_then(|b| article.children().item(b))
        else {
            return;
        };
        let mark = block
            .query_selector_all("mark[data-id]")
            .ok()
            .and_then(|list| {
                (0..list.length())
                    .filter_map(|i| list.item(i).and_then(|n| n.dyn_into::<Element>().ok()))
                    .find(|m| m.get_attribute("data-id").as_deref() == Some(id.as_str()))
            });
        crate::browser::visibility::scroll_into_view_if_hidden(
            &article,
            mark.as_ref().unwrap_or(&block),
        );
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(a: Point, b: Point, want: &str, apex: Point) {
        let (d, top) = arc_path(a, b);
        assert_eq!(d, want);
        assert!(
            (top.0 - apex.0).abs() < 0.01 && (top.1 - apex.1).abs() < 0.01,
            "{top:?}"
        );
    }

    #[test]
    fn coordinates_are_written_as_the_float_formatter_writes_them() {
        // Away from exact halves, the same text as `{:.1}`, over a range of coordinates.
        for i in -20_000..20_000 {
            let x = f64::from(i) * 0.037 + 0.001;
            if ((x * 10.0).fract().abs() - 0.5).abs() < 1e-6 {
                continue;
            }
            let want = format!("{x:.1}");
            let want = if want == "-0.0" { "0.0" } else { &want };
            assert_eq!(px(x), want, "at {x}");
        }
        for (x, want) in [
            (0.0, "0.0"),
            (12.34, "12.3"),
            (79.6, "79.6"),
            (-3.96, "-4.0"),
            (1499.96, "1500.0"),
            (-0.04, "0.0"),
            (0.25, "0.3"),
            (-0.25, "-0.3"),
            (123_456_789.12, "123456789.1"),
            (f64::NAN, "0.0"),
            (f64::INFINITY, "0.0"),
            (1e300, "0.0"),
        ] {
            assert_eq!(px(x), want, "at {x}");
        }
    }

    #[test]
    fn arcs_rise_above_the_higher_end_more_for_far_ends() {
        // Neighbours on one line: a low arc.
        check(
            (10.0, 100.0),
            (60.0, 100.0),
            "M10.0 100.0C10.0 88.0 60.0 88.0 60.0 100.0",
            (35.0, 91.0),
        );
        // Far apart: the lift is capped, so arcs stay in the gap between lines.
        check(
            (0.0, 50.0),
            (700.0, 50.0),
            "M0.0 50.0C0.0 26.0 700.0 26.0 700.0 50.0",
            (350.0, 32.0),
        );
        // Ends on different lines, right to left: above the higher one.
        check(
            (300.0, 140.0),
            (40.0, 100.0),
            "M300.0 140.0C300.0 79.6 40.0 79.6 40.0 100.0",
            (170.0, 89.7),
        );
    }
}
