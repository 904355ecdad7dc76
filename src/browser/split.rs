//! Waiting for the second part of the page's wasm (scripts/split.sh, static/boot.js) where
//! start-up may need code that a typical visit never runs: such code is in that part, and
//! calling into it before the part has arrived loads it at once, synchronously, holding the
//! page for a whole download.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    /// static/boot.js's `appSecondPart()`: starts fetching the second part and resolves once it
    /// is instantiated. Absent where boot.js did not start the module (the review page, the
    /// worker, component tests): the call then throws, and nothing is waited for.
    #[wasm_bindgen(js_namespace = window, js_name = appSecondPart, catch)]
    fn app_second_part() -> Result<js_sys::Promise, JsValue>;
}

/// Resolves once the second part of the page's wasm has arrived, at once where the page's wasm
/// is whole. A failed fetch resolves too: the code that waited then loads the part on demand,
/// where the failure shows.
pub async fn arrived() {
    if let Ok(promise) = app_second_part() {
        let _ = JsFuture::from(promise).await;
    }
}
