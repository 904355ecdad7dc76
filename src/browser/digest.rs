//! The SHA-256 of a text by the browser's own `crypto.subtle.digest`, for the records the page
//! writes (their `hash` finds a document's duplicates at import), so that the page's first
//! part carries no hash code of its own. A page that is not a secure context (served over
//! plain HTTP from another host) has no `crypto.subtle`: the `sha2` crate's hash then, the
//! same digits (`tests/store.rs` holds the two to each other).

/// The SHA-256 of `text`'s UTF-8 bytes as 64 lowercase hex digits.
pub async fn text_hash_hex(text: &str) -> String {
    match by_browser(text).await {
        Some(hash) => crate::review::align::hex(&hash),
        None => crate::review::align::text_hash_hex(text),
    }
}

/// The browser's digest, `None` where it has none or it fails. Read through `Reflect` rather
/// than web-sys's `Crypto` bindings: a new web-sys feature changes the hash in every function
/// name of the crates that use web-sys, which `scripts/split-keep.txt` lists by name.
pub async fn by_browser(text: &str) -> Option<[u8; 32]> {
    use js_sys::Reflect;
    use wasm_bindgen::JsCast;
    let crypto = Reflect::get(&js_sys::global(), &"crypto".into()).ok()?;
    let subtle = Reflect::get(&crypto, &"subtle".into()).ok()?;
    let digest: js_sys::Function = Reflect::get(&subtle, &"digest".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let data = js_sys::Uint8Array::from(text.as_bytes());
    let promise: js_sys::Promise = digest
        .call2(&subtle, &"SHA-256".into(), &data)
        .ok()?
        .dyn_into()
        .ok()?;
    let buffer = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    js_sys::Uint8Array::new(&buffer).to_vec().try_into().ok()
}
