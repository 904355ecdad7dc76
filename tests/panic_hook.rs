//! A panic never leaves a frozen page or touches stored work (headless Chromium): with typing
//! in the paste box waiting to be saved, a panic inside the reducer shows the plain message,
//! and neither the pending write nor the page-hide flush writes anything afterwards. Its own
//! test binary, because the wasm instance that panicked is not used for anything else.
#![cfg(target_arch = "wasm32")]

use article_annotator::browser::crash::MESSAGE;
use article_annotator::browser::storage::{pending_writes, DOC_KEY, DRAFT_KEY, REVISION_KEY};
use article_annotator::view::app::{App, DEBUG_PANIC_EVENT};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn stored() -> Vec<Option<String>> {
    let s = local_storage();
    [DOC_KEY, REVISION_KEY, DRAFT_KEY]
        .iter()
        .map(|k| s.get_item(k).unwrap())
        .collect()
}

#[wasm_bindgen_test]
async fn a_panic_shows_a_message_and_writes_nothing() {
    let storage = local_storage();
    storage.clear().unwrap();
    storage.set_item(DRAFT_KEY, "Żółć 😀 draft").unwrap();
    let doc = web_sys::window().unwrap().document().unwrap();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    // The paste box shows once the (empty) document list has been read from the store.
    let mut area = None;
    for _ in 0..200 {
        yew::scheduler::flush().await;
        area = root.query_selector("#draft-text").unwrap();
        if area.is_some() {
            break;
        }
        gloo_timers::future::TimeoutFuture::new(10).await;
    }
    let area: web_sys::HtmlTextAreaElement = area.expect("the paste box").dyn_into().unwrap();

    // Typing in the paste box: a save of the draft is now pending (it waits 400 ms).
    area.set_value("Żółć 😀 draft, changed just before the crash");
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    let input = web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap();
    area.dispatch_event(&input).unwrap();
    yew::scheduler::flush().await;
    let before = stored();
    assert_eq!(
        before[2].as_deref(),
        Some("Żółć 😀 draft"),
        "not yet written"
    );
    assert!(pending_writes() > 0, "the draft's save is waiting");

    // The panic happens inside an event listener: the browser reports it; this test goes on.
    // (The test harness sets its own hook before each step of a test: install ours now.)
    article_annotator::browser::crash::install();
    let window = web_sys::window().unwrap();
    window
        .dispatch_event(&web_sys::Event::new(DEBUG_PANIC_EVENT).unwrap())
        .unwrap();
    let alert = doc
        .query_selector(".crash[role=alert]")
        .unwrap()
        .expect("the crash message is on the page");
    assert!(alert.text_content().unwrap().contains(MESSAGE));
    assert!(
        alert.query_selector("a[href]").unwrap().is_some(),
        "with a reload link"
    );

    // The pending save is dropped, so its timer has nothing to write; closing the page
    // flushes pending saves, and writes nothing either.
    assert_eq!(pending_writes(), 0);
    window
        .dispatch_event(&web_sys::Event::new("pagehide").unwrap())
        .unwrap();
    assert_eq!(
        stored(),
        before,
        "stored work is as it was before the failing action"
    );
}
