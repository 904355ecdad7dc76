//! The panic hook: a panic is a bug, but it must never leave a frozen page or touch stored
//! work. The hook stops every storage write (what is stored stays as it was before the
//! failing action), logs the panic to the console, and puts a plain message on the page with
//! a way to reload. It builds that message from DOM nodes and text only, never HTML, and uses
//! nothing of the app's own state, which may be half-changed.

use wasm_bindgen::JsCast;

/// The message shown after a crash.
pub const MESSAGE: &str =
    "Something went wrong; your saved work is safe. Reload the page to go on.";

/// Installs the hook (again, replacing any other: a test harness may have set its own).
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        super::storage::freeze();
        web_sys::console::error_1(&format!("Article Annotator stopped: {info}").into());
        show_message();
    }));
}

fn show_message() {
    let Some(doc) = super::document() else { return };
    let Some(body) = doc.body() else { return };
    let Ok(section) = doc.create_element("section") else {
        return;
    };
    let _ = section.set_attribute("class", "crash");
    let _ = section.set_attribute("role", "alert");
    let Ok(p) = doc.create_element("p") else {
        return;
    };
    p.set_text_content(Some(MESSAGE));
    let _ = section.append_child(&p);
    // A link to the page itself reloads it without any script, which may no longer run.
    if let Ok(a) = doc.create_element("a") {
        if let (Some(href), Ok(a)) = (
            web_sys::window().and_then(|w| w.location().href().ok()),
            a.dyn_into::<web_sys::HtmlAnchorElement>(),
        ) {
            a.set_href(&href);
            a.set_text_content(Some("Reload"));
            let _ = section.append_child(&a);
        }
    }
    let _ = body.prepend_with_node_1(&section);
}
