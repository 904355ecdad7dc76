//! Which blocks of the article are on screen (or near it): an IntersectionObserver on the
//! block elements, reporting `(block index, visible, distance)` changes. The article draws
//! highlights only for those blocks (`view/live.rs`); every block always holds its full text.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};

/// The attribute holding a block's index.
pub const INDEX_ATTR: &str = "data-i";

/// Watches the children of a scrolling element; dropping it stops watching.
pub struct BlockObserver {
    observer: IntersectionObserver,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
}

impl BlockObserver {
    /// Reports changes of the children of `root` entering or leaving `root`'s viewport grown by
    /// `margin` (CSS margin syntax, e.g. `"100% 0px"`: one viewport above and below), as
    /// `(block index, inside, distance)`: the distance in CSS pixels between the block and the
    /// visible part of `root` (0 when it shows), for drawing the nearest blocks first.
    pub fn watch_children(
        root: &Element,
        margin: &str,
        on_change: impl Fn(Vec<(usize, bool, f64)>) + 'static,
    ) -> Option<BlockObserver> {
        let scroller = root.clone();
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            // Observers report right after the browser has laid the page out, so reading the
            // box of the scrolling element here rarely costs a layout of its own.
            let visible = scroller.get_bounding_client_rect();
            let changes = entries
                .iter()
                .filter_map(|e| {
                    let entry: IntersectionObserverEntry = e.unchecked_into();
                    let i = entry.target().get_attribute(INDEX_ATTR)?.parse().ok()?;
                    let r = entry.bounding_client_rect();
                    let distance = (r.top() - visible.bottom())
                        .max(visible.top() - r.bottom())
                        .max(0.0);
                    Some((i, entry.is_intersecting(), distance))
                })
                .collect::<Vec<_>>();
            if !changes.is_empty() {
                on_change(changes);
            }
        });
        let opts = IntersectionObserverInit::new();
        opts.set_root(Some(root));
        opts.set_root_margin(margin);
        let observer =
            IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &opts)
                .ok()?;
        let children = root.children();
        for i in 0..children.length() {
            if let Some(child) = children.item(i) {
                observer.observe(&child);
            }
        }
        Some(BlockObserver {
            observer,
            _callback: callback,
        })
    }
}

impl Drop for BlockObserver {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Scrolls `el` to the middle of the scrolling `container` only if it is not already fully
/// visible there, so focusing something in view never makes the text jump.
pub fn scroll_into_view_if_hidden(container: &Element, el: &Element) {
    let (c, r) = (
        container.get_bounding_client_rect(),
        el.get_bounding_client_rect(),
    );
    let visible = r.top() >= c.top() && r.bottom() <= c.bottom() && r.height() > 0.0;
    if !visible {
        scroll_to_center(el);
    }
}

/// Scrolls `el` so that it sits in the middle of its scrolling container.
pub fn scroll_to_center(el: &Element) {
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_block(web_sys::ScrollLogicalPosition::Center);
    el.scroll_into_view_with_scroll_into_view_options(&opts);
}

/// Sets one CSS property of an element through the CSSOM (allowed by the CSP, unlike a
/// `style` attribute).
pub fn set_style(el: &Element, property: &str, value: &str) {
    if let Some(h) = el.dyn_ref::<web_sys::HtmlElement>() {
        let _ = h.style().set_property(property, value);
    }
}
