//! Files: downloading an export and reading a file the user picked.

use gloo_file::{Blob, ObjectUrl};
use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;

/// Offers `content` as a download named `file_name`.
pub fn download(file_name: &str, content: &str, mime: &str) -> Result<(), String> {
    download_bytes(file_name, content.as_bytes(), mime)
}

/// Offers `bytes` as a download named `file_name`.
pub fn download_bytes(file_name: &str, bytes: &[u8], mime: &str) -> Result<(), String> {
    let doc = super::document().ok_or("there is no page to download from")?;
    let url = ObjectUrl::from(Blob::new_with_options(bytes, Some(mime)));
    let a: web_sys::HtmlAnchorElement = doc
        .create_element("a")
        .map_err(|_| "the browser could not start the download")?
        .dyn_into()
        .map_err(|_| "the browser could not start the download")?;
    a.set_href(&url);
    a.set_download(file_name);
    a.click();
    // The browser reads the object URL after this task; revoke it a while later.
    Timeout::new(60_000, move || drop(url)).forget();
    Ok(())
}

/// The text of a picked file.
pub async fn read_text(file: web_sys::File) -> Result<String, String> {
    let file = gloo_file::File::from(file);
    gloo_file::futures::read_as_text(&file)
        .await
        .map_err(|e| format!("the browser could not read the file ({e})"))
}
