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
    /// `margin_percent` of it above and below (100: one viewport above and one below), as
    /// `(block index, inside, distance)`: the distance in CSS pixels between the block and the
    /// visible part of `root` (0 when it shows), for drawing the nearest blocks first.
    pub fn watch_children(
        root: &Element,
        margin_percent: u32,
        on_change: impl Fn(Vec<(usize, bool, f64)>) + 'static,
    ) -> Option<BlockObserver> {
        let margin = f64::from(margin_percent) / 100.0;
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            // Everything comes from the entries, which the browser measured when it computed
            // them: asking the page for a box here would lay it out again, with whatever the
            // blocks drawn since then changed (a trace of scrolling through 10,000 spans showed
            // 50 ms of forced layout in one callback).
            let changes = entries
                .iter()
                .filter_map(|e| {
                    let entry: IntersectionObserverEntry = e.unchecked_into();
                    let i = entry.target().get_attribute(INDEX_ATTR)?.parse().ok()?;
                    let r = entry.bounding_client_rect();
                    let distance = entry.root_bounds().map_or(0.0, |root| {
                        distance_to_visible(
                            (root.top(), root.bottom()),
                            margin,
                            (r.top(), r.bottom()),
                        )
                    });
                    Some((i, entry.is_intersecting(), distance))
                })
                .collect::<Vec<_>>();
            if !changes.is_empty() {
                on_change(changes);
            }
        });
        let opts = IntersectionObserverInit::new();
        opts.set_root(Some(root));
        // Whole percents of the root's height, above and below; none left and right. An
        // integer: formatting an `f64` would bring the float formatting code into first paint.
        opts.set_root_margin(&format!("{margin_percent}% 0px"));
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

/// The distance in CSS pixels from a block (`block`: its top and bottom) to the visible part of
/// the scrolling element, given the element's box grown by `margin` of its height above and
/// below (`grown`: an observer's root bounds); 0 when the block shows.
pub fn distance_to_visible(grown: (f64, f64), margin: f64, block: (f64, f64)) -> f64 {
    let height = (grown.1 - grown.0) / (1.0 + 2.0 * margin.max(0.0));
    let top = grown.0 + margin.max(0.0) * height;
    let bottom = top + height;
    (block.0 - bottom).max(top - block.1).max(0.0)
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

#[cfg(test)]
mod tests {
    use super::distance_to_visible;

    #[track_caller]
    fn check(grown: (f64, f64), margin: f64, block: (f64, f64), want: f64) {
        assert_eq!(distance_to_visible(grown, margin, block), want);
    }

    #[test]
    fn distance_from_the_visible_part_of_the_grown_box() {
        // A 900 px box at 100..1000, grown by one height: -800..1900.
        check((-800.0, 1900.0), 1.0, (200.0, 300.0), 0.0);
        check((-800.0, 1900.0), 1.0, (950.0, 1200.0), 0.0);
        check((-800.0, 1900.0), 1.0, (1100.0, 1300.0), 100.0);
        check((-800.0, 1900.0), 1.0, (-300.0, 40.0), 60.0);
        // Grown by three heights: -2600..3700, the same visible part.
        check((-2600.0, 3700.0), 3.0, (1100.0, 1300.0), 100.0);
        check((-2600.0, 3700.0), 3.0, (-3000.0, -2900.0), 3000.0);
        // Not grown.
        check((100.0, 1000.0), 0.0, (0.0, 50.0), 50.0);
    }
}
