//! How much the browser stores for this site and whether it keeps it: asks for persistent
//! storage (`navigator.storage.persist()`, so the browser does not evict the corpus when space
//! runs low) and reads the usage and quota (`navigator.storage.estimate()`) for the settings
//! panel. Every answer is optional: browsers may not offer these.

use wasm_bindgen_futures::JsFuture;

fn manager() -> Option<web_sys::StorageManager> {
    Some(web_sys::window()?.navigator().storage())
}

/// Asks the browser to keep this site's storage; `Some(true)` when it will.
pub async fn persist() -> Option<bool> {
    let promise = manager()?.persist().ok()?;
    JsFuture::from(promise).await.ok()?.as_bool()
}

/// Whether the browser already keeps this site's storage.
pub async fn persisted() -> Option<bool> {
    let promise = manager()?.persisted().ok()?;
    JsFuture::from(promise).await.ok()?.as_bool()
}

/// `(used, granted)` in bytes, as the browser estimates them.
pub async fn estimate() -> Option<(u64, u64)> {
    let promise = manager()?.estimate().ok()?;
    let value = JsFuture::from(promise).await.ok()?;
    let read = |name: &str| {
        js_sys::Reflect::get(&value, &name.into())
            .ok()?
            .as_f64()
            .filter(|n| n.is_finite() && *n >= 0.0)
            // Byte counts are whole numbers well below 2^53.
            .map(|n| n as u64)
    };
    Some((read("usage")?, read("quota")?))
}
