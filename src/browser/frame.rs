//! Running work after the browser has drawn: the next slice of highlights while scrolling goes
//! in a task after the next frame, so each frame takes in one slice at most.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Runs `f` in a task of its own once the browser has drawn its next frame (a timeout set from
/// an animation frame callback runs after that frame's paint); in a hidden page, which draws
/// no frames, in the next task. False when it cannot be set up (no window); then `f` never
/// runs.
pub fn after_next_frame(f: impl FnOnce() + 'static) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let task = Closure::once_into_js(f);
    if window.document().is_none_or(|d| d.hidden()) {
        return window
            .set_timeout_with_callback_and_timeout_and_arguments_0(task.unchecked_ref(), 0)
            .is_ok();
    }
    let frame = Closure::once_into_js(move || {
        if let Some(w) = web_sys::window() {
            let _ =
                w.set_timeout_with_callback_and_timeout_and_arguments_0(task.unchecked_ref(), 0);
        }
    });
    window
        .request_animation_frame(frame.unchecked_ref())
        .is_ok()
}
