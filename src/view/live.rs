//! Which blocks of the article draw their highlights. Only blocks on screen or near it do (the
//! rest are one plain text node each); two IntersectionObservers say which blocks come near the
//! viewport and which go far from it. Blocks that come near are drawn in slices, nearest first,
//! a few hundred spans per task, so scrolling into a densely annotated part of a long article
//! never blocks the page for a whole frame: each slice is one render, and the next slice waits
//! for the next task.
//!
//! This file decides what to draw; the article (`article.rs`) draws it.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use yew::prelude::*;

use crate::browser::visibility::BlockObserver;
use crate::model::text::{ArticleText, Block};

/// Blocks starting within this many code points of the top draw their highlights in the first
/// render, before the browser has reported what is on screen: about two screens of text (a
/// screen of the article holds some 1,500 code points).
pub const INITIAL_LIVE_CHARS: usize = 3000;

/// Whether `block` is in the first screens: drawn in the first render ([`Live::initial`]), and
/// laid out in that render's frame (the block's `top` class).
pub fn in_first_screens(block: &Block) -> bool {
    block.chars.start() < INITIAL_LIVE_CHARS
}

/// A block starts drawing highlights when it comes within one viewport of the visible part of
/// the article, and stops only when it is more than three away, so scrolling back and forth
/// does not redraw the same blocks again and again.
const NEAR_MARGIN_PERCENT: u32 = 100;
const FAR_MARGIN_PERCENT: u32 = 300;

/// How many spans one slice draws at most (a slice always draws at least one block). Drawing
/// a highlight costs about 10 µs of script (its marks, attributes and text nodes, built and
/// inserted) and about as much again in the browser's style, layout and paint, so 120 spans
/// keep a slice's own work near 3 ms, leaving the frame to the browser's rendering.
pub const SLICE_SPANS: usize = 120;

/// Which blocks draw highlights, for one text (by its revision).
///
/// Invariant: the three vectors have one entry per block of the text.
#[derive(Debug)]
pub struct Live {
    text_revision: u64,
    /// Near the viewport, as the observers last said.
    wanted: Vec<bool>,
    /// Drawing highlights now.
    drawn: Vec<bool>,
    /// Distance from the visible part of the article in CSS pixels, as last reported: the
    /// order in which pending blocks are drawn.
    distance: Vec<f64>,
}

impl Live {
    /// The blocks of the first screens, drawn at once.
    pub fn initial(text: &ArticleText, text_revision: u64) -> Live {
        let first: Vec<bool> = text.blocks().iter().map(in_first_screens).collect();
        let n = first.len();
        Live {
            text_revision,
            wanted: first.clone(),
            drawn: first,
            distance: vec![0.0; n],
        }
    }

    pub fn text_revision(&self) -> u64 {
        self.text_revision
    }

    /// Whether block `i` draws its highlights.
    pub fn is_drawn(&self, i: usize) -> bool {
        self.drawn.get(i).copied().unwrap_or(false)
    }

    /// Takes what an observer reported: each `(block, is within its margin, distance)`.
    /// `near` tells which observer: the near one turns blocks on, the far one off.
    pub fn report(&mut self, near: bool, changes: &[(usize, bool, f64)]) {
        for &(i, inside, distance) in changes {
            if let Some(d) = self.distance.get_mut(i) {
                *d = distance;
            }
            if let Some(w) = self.wanted.get_mut(i) {
                if inside == near {
                    *w = near;
                }
            }
        }
    }

    /// True while some block's drawing differs from what is wanted.
    pub fn pending(&self) -> bool {
        self.wanted != self.drawn
    }

    /// Brings one slice of blocks up to date: the nearest wanted blocks start drawing, then
    /// blocks no longer wanted stop (in block order), until their spans (`cost(i)`) reach
    /// [`SLICE_SPANS`]; a slice always changes at least one block. Stopping is budgeted too:
    /// a trace of scrolling through 10,000 spans once showed 50 ms of `removeChild` in one task
    /// when every block left behind stopped at once. A block's highlights now leave the page
    /// in one element (`block.rs`), which took the scroll's `removeChild` time from 713 ms to
    /// 43, but the browser still tears down their boxes in the next frame. Returns the blocks
    /// that changed, in block order.
    pub fn step(&mut self, cost: impl Fn(usize) -> usize) -> Vec<usize> {
        let mut start = Vec::new();
        let mut stop = Vec::new();
        for (i, (w, d)) in self.wanted.iter().zip(&self.drawn).enumerate() {
            if *d && !*w {
                stop.push(i);
            } else if *w && !*d {
                start.push(i);
            }
        }
        crate::model::order::sort_by(&mut start, |&a, &b| {
            self.distance[a]
                .total_cmp(&self.distance[b])
                .then(a.cmp(&b))
        });
        let mut changed = Vec::new();
        let mut spent = 0;
        for i in start.into_iter().chain(stop) {
            let c = cost(i);
            if !changed.is_empty() && spent + c > SLICE_SPANS {
                break;
            }
            spent += c;
            if let Some(d) = self.drawn.get_mut(i) {
                *d = !*d;
            }
            changed.push(i);
        }
        crate::model::order::sort_by(&mut changed, Ord::cmp);
        changed
    }
}

/// The article's record of which blocks draw, shared with every block: a block reads from it
/// whether it draws and registers its redraw handle in it, so a slice re-renders only the
/// blocks it turns on or off and never the article, whose render walks every block. As a prop
/// it always compares equal (like `Latest`): a block follows it through its own redraw.
#[derive(Clone)]
pub struct Drawn {
    live: Rc<RefCell<Live>>,
    redraws: Rc<RefCell<Vec<Option<UseForceUpdateHandle>>>>,
}

impl PartialEq for Drawn {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Drawn {
    pub fn new(live: Live) -> Drawn {
        Drawn {
            live: Rc::new(RefCell::new(live)),
            redraws: Rc::default(),
        }
    }

    /// Whether block `i` draws its highlights now.
    pub fn is_drawn(&self, i: usize) -> bool {
        self.live.borrow().is_drawn(i)
    }

    /// Block `i`'s redraw handle, for the slices that turn it on or off.
    pub fn register(&self, i: usize, redraw: UseForceUpdateHandle) {
        let mut redraws = self.redraws.borrow_mut();
        if redraws.len() <= i {
            redraws.resize(i + 1, None);
        }
        if let Some(slot) = redraws.get_mut(i) {
            *slot = Some(redraw);
        }
    }

    /// Starts over for a new text (its first screens drawn at once).
    pub fn reset(&self, text: &ArticleText, text_revision: u64) {
        if self.live.borrow().text_revision() != text_revision {
            *self.live.borrow_mut() = Live::initial(text, text_revision);
        }
    }

    /// One slice (see [`Live::step`]), redrawing the blocks it changed; true while more are
    /// pending.
    fn slice(&self, cost: impl Fn(usize) -> usize) -> bool {
        let changed = self.live.borrow_mut().step(cost);
        let redraws = self.redraws.borrow();
        for i in changed {
            if let Some(Some(redraw)) = redraws.get(i) {
                redraw.force_update();
            }
        }
        self.live.borrow().pending()
    }
}

/// Keeps `drawn` following the viewport for the article element `node`: observes its blocks
/// (afresh for each text, by `text_revision`), and draws pending blocks one slice per task.
/// `cost(i)` is the number of spans of block `i`.
#[hook]
pub fn use_live_blocks(
    node: &NodeRef,
    drawn: &Drawn,
    text_revision: u64,
    cost: Rc<dyn Fn(usize) -> usize>,
) {
    // The cost function of the newest render, for slices drawn later.
    let cost_now = use_mut_ref(|| cost.clone());
    *cost_now.borrow_mut() = cost;
    let scheduled: Rc<Cell<bool>> = use_memo((), |_| Cell::new(false));
    let node = node.clone();
    let slicer = Slicer {
        drawn: drawn.clone(),
        cost: cost_now,
        scheduled,
    };
    // A new text means new block elements: watch them afresh.
    use_effect_with(text_revision, move |_| {
        let root = node.cast::<web_sys::Element>();
        let watch = |margin: u32, near: bool| {
            let slicer = slicer.clone();
            root.as_ref().and_then(|root| {
                BlockObserver::watch_children(root, margin, move |changes| {
                    slicer.drawn.live.borrow_mut().report(near, &changes);
                    // Draw now unless a slice is already waiting for its task.
                    if !slicer.scheduled.get() {
                        slicer.run();
                    }
                })
            })
        };
        let observers = (
            watch(NEAR_MARGIN_PERCENT, true),
            watch(FAR_MARGIN_PERCENT, false),
        );
        move || drop(observers)
    });
}

/// The number of spans of block `i`: what drawing it costs.
type Cost = Rc<dyn Fn(usize) -> usize>;

/// Draws slices: one now, and the next after the next frame while any are pending, so each
/// frame's style, layout and paint take in one slice's new highlights at most (the blocks of
/// one slice render before its task ends).
#[derive(Clone)]
struct Slicer {
    drawn: Drawn,
    cost: Rc<RefCell<Cost>>,
    scheduled: Rc<Cell<bool>>,
}

impl Slicer {
    fn run(&self) {
        let _m = crate::browser::perf::measure("slice");
        let cost = self.cost.borrow().clone();
        if self.drawn.slice(|i| cost(i)) && !self.scheduled.get() {
            let next = self.clone();
            self.scheduled
                .set(crate::browser::frame::after_next_frame(move || {
                    next.scheduled.set(false);
                    next.run();
                }));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn live(wanted: &[bool], drawn: &[bool], distance: &[f64]) -> Live {
        Live {
            text_revision: 1,
            wanted: wanted.to_vec(),
            drawn: drawn.to_vec(),
            distance: distance.to_vec(),
        }
    }

    #[track_caller]
    fn check(mut l: Live, costs: &[usize], want_drawn: &[bool], want_pending: bool) {
        let before = l.drawn.clone();
        let changed = l.step(|i| costs[i]);
        assert_eq!(l.drawn, want_drawn);
        let redrawn: Vec<usize> = (0..before.len())
            .filter(|&i| before[i] != want_drawn[i])
            .collect();
        assert_eq!(changed, redrawn, "the blocks to redraw");
        assert_eq!(l.pending(), want_pending);
    }

    #[test]
    fn slices_draw_the_nearest_blocks_first_within_the_budget() {
        let (y, n) = (true, false);
        // Nothing pending: nothing changes.
        check(live(&[y, n], &[y, n], &[0.0, 0.0]), &[5, 5], &[y, n], false);
        // Everything fits one slice.
        check(
            live(&[y, y, y], &[n, n, n], &[0.0; 3]),
            &[10, 10, 10],
            &[y, y, y],
            false,
        );
        // Nearest first: block 2 (distance 0), then 0 (100); 1 (900) waits.
        check(
            live(&[y, y, y], &[n, n, n], &[100.0, 900.0, 0.0]),
            &[SLICE_SPANS / 3 * 2, SLICE_SPANS / 6, SLICE_SPANS / 3],
            &[y, n, y],
            true,
        );
        // A block costlier than the budget is still drawn, alone.
        check(
            live(&[y, y], &[n, n], &[0.0, 1.0]),
            &[SLICE_SPANS * 3, 1],
            &[y, n],
            true,
        );
        // Blocks no longer wanted stop within the budget too, after the wanted ones start.
        check(
            live(&[n, y, n], &[y, n, y], &[0.0, 0.0, 0.0]),
            &[SLICE_SPANS, SLICE_SPANS, SLICE_SPANS],
            &[y, y, y],
            true,
        );
        check(
            live(&[n, y, n], &[y, n, y], &[0.0, 0.0, 0.0]),
            &[SLICE_SPANS / 2, SLICE_SPANS / 4, SLICE_SPANS / 2],
            &[n, y, y],
            true,
        );
        check(
            live(&[n, n, n], &[y, y, y], &[0.0, 0.0, 0.0]),
            &[SLICE_SPANS / 2, SLICE_SPANS / 2, 0],
            &[n, n, n],
            false,
        );
        // Blocks without spans cost nothing: all change in one slice.
        check(
            live(&[y, n, y, n], &[n, y, n, y], &[5.0, 0.0, 1.0, 0.0]),
            &[0, 0, 0, 0],
            &[y, n, y, n],
            false,
        );
    }

    #[test]
    fn reports_turn_blocks_on_near_and_off_far() {
        let mut l = live(&[false, true], &[false, true], &[0.0, 0.0]);
        l.report(true, &[(0, true, 10.0), (1, false, 2000.0)]);
        assert_eq!(
            l.wanted,
            [true, true],
            "leaving the near margin does not turn off"
        );
        l.report(false, &[(1, false, 5000.0), (0, true, 10.0)]);
        assert_eq!(l.wanted, [true, false], "leaving the far margin does");
        l.report(true, &[(7, true, 0.0)]);
        assert_eq!(l.wanted.len(), 2, "unknown blocks are ignored");
        assert_eq!(l.distance, [10.0, 5000.0]);
    }
}
