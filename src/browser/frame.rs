//! Running work after the browser has drawn: the next slice of highlights while scrolling goes
//! in a task after the next frame, so each frame takes in one slice at most.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Runs `f` in a task of its own once the browser has drawn its next frame (a timeout set from
/// an animation frame callback runs after that frame's paint); in a hidden page, which draws
/// no frames, in the next task. A browser that holds animation frames back (a page it treats
/// as in the background, although not hidden) still runs `f` after [`FALLBACK_MS`]: whichever
/// comes first runs it, once. False when it cannot be set up (no window); then `f` never runs.
pub fn after_next_frame(f: impl FnOnce() + 'static) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let once: Once = Rc::new(Cell::new(Some(Box::new(f))));
    let run = |once: &Once| {
        let once = once.clone();
        Closure::once_into_js(move || {
            if let Some(f) = once.take() {
                f();
            }
        })
    };
    let hidden = window.document().is_none_or(|d| d.hidden());
    let fallback = window.set_timeout_with_callback_and_timeout_and_arguments_0(
        run(&once).unchecked_ref(),
        if hidden { 0 } else { FALLBACK_MS },
    );
    if hidden {
        return fallback.is_ok();
    }
    let task = run(&once);
    let frame = Closure::once_into_js(move || {
        if let Some(w) = web_sys::window() {
            let _ =
                w.set_timeout_with_callback_and_timeout_and_arguments_0(task.unchecked_ref(), 0);
        }
    });
    let framed = window
        .request_animation_frame(frame.unchecked_ref())
        .is_ok();
    framed || fallback.is_ok()
}

/// Resolves in a task of its own (a zero timeout): long work awaits it between slices, so the
/// browser can draw and answer input in between. Resolves at once without a window.
pub async fn next_task() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let mut set = None;
    let promise = js_sys::Promise::new(&mut |resolve, _| set = Some(resolve));
    let Some(resolve) = set else { return };
    if window
        .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
        .is_ok()
    {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}

/// The work to run, taken by whichever of the frame and the fallback comes first.
type Once = Rc<Cell<Option<Box<dyn FnOnce()>>>>;

/// How long a slice waits for a frame before it runs without one, in milliseconds.
pub const FALLBACK_MS: i32 = 250;
