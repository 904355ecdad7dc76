//! The page's one stylesheet written at run time (the labels' rules, `view::label_css`): a
//! constructed `CSSStyleSheet` adopted by the document, which the Content-Security-Policy
//! allows where a `<style>` element or a `style` attribute would be refused.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

// `CSSStyleSheet`, bound here rather than through web-sys's `CssStyleSheet` feature: turning a
// feature of web-sys on changes the hash in the name of nearly every function of the build,
// and the split of the page's wasm keeps the functions it names by those names
// (scripts/split-keep.txt, recorded from visits over many builds).
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = CSSStyleSheet)]
    type CssStyleSheet;
    #[wasm_bindgen(constructor, catch, js_class = "CSSStyleSheet")]
    fn new() -> Result<CssStyleSheet, JsValue>;
    #[wasm_bindgen(method, catch, js_name = replaceSync)]
    fn replace_sync(this: &CssStyleSheet, text: &str) -> Result<(), JsValue>;
}

thread_local! {
    /// Made and adopted at the first call; later calls replace its rules.
    static SHEET: RefCell<Option<CssStyleSheet>> = const { RefCell::new(None) };
}

/// Makes `css` the rules of the run-time stylesheet, replacing the previous ones. Returns
/// false when the browser has no constructed stylesheets or refused the text; the page then
/// shows what style.css alone says.
pub fn set_rules(css: &str) -> bool {
    SHEET.with(|cell| {
        let mut cell = cell.borrow_mut();
        if cell.is_none() {
            let Some(document) = super::document() else {
                return false;
            };
            // A browser without constructed sheets (Safari before 16.4) refuses this.
            let Ok(sheet) = CssStyleSheet::new() else {
                return false;
            };
            // The page's only adopted sheet.
            document.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
            *cell = Some(sheet);
        }
        cell.as_ref()
            .is_some_and(|sheet| sheet.replace_sync(css).is_ok())
    })
}
