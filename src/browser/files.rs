//! Files: downloading an export, reading a file the user picked, and the files (folders
//! walked) of a drop.

use gloo_file::{Blob, ObjectUrl};
use gloo_timers::callback::Timeout;
use wasm_bindgen::{JsCast, JsValue};

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

/// Waits for a browser call that answers through a success and an error callback.
async fn called_back(call: impl FnOnce(&js_sys::Function, &js_sys::Function)) -> Option<JsValue> {
    let mut call = Some(call);
    let promise = js_sys::Promise::new(&mut |ok, err| {
        if let Some(c) = call.take() {
            c(&ok, &err)
        }
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.ok()
}

/// The files of a drop, folders walked (as a folder picker gives them). The entries are taken
/// from the event at once (the browser forgets them after it); the walk is asynchronous.
pub fn dropped(
    dt: &web_sys::DataTransfer,
) -> impl std::future::Future<Output = Vec<web_sys::File>> {
    let items = dt.items();
    let entries: Vec<web_sys::FileSystemEntry> = (0..items.length())
        .filter_map(|i| items.get(i))
        .filter_map(|item| item.webkit_get_as_entry().ok().flatten())
        .collect();
    // Without the entries API: the files as the drop lists them.
    let plain: Vec<web_sys::File> = match dt.files() {
        Some(list) if entries.is_empty() => {
            (0..list.length()).filter_map(|i| list.get(i)).collect()
        }
        _ => Vec::new(),
    };
    async move {
        let mut out = plain;
        let mut stack = entries;
        // Depth-first; a folder's entries come in pages until an empty one.
        while let Some(entry) = stack.pop() {
            if entry.is_file() {
                let Ok(f) = entry.dyn_into::<web_sys::FileSystemFileEntry>() else {
                    continue;
                };
                let file = called_back(|ok, err| f.file_with_callback_and_callback(ok, err)).await;
                if let Some(file) = file.and_then(|v| v.dyn_into::<web_sys::File>().ok()) {
                    out.push(file);
                }
            } else if entry.is_directory() {
                let Ok(dir) = entry.dyn_into::<web_sys::FileSystemDirectoryEntry>() else {
                    continue;
                };
                let reader = dir.create_reader();
                loop {
                    let page = called_back(|ok, err| {
                        let _ = reader.read_entries_with_callback_and_callback(ok, err);
                    })
                    .await
                    .and_then(|v| v.dyn_into::<js_sys::Array>().ok());
                    let Some(page) = page.filter(|p| p.length() > 0) else {
                        break;
                    };
                    stack.extend(page.iter().filter_map(|e| e.dyn_into().ok()));
                }
            }
        }
        out
    }
}
