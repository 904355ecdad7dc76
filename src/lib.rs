//! Article Annotator: label entities, claims and quotes in a news article, in the browser.
//!
//! `model` is pure and browser-free, and so is `review` (layers and agreement); `format` holds
//! the wire formats; `view` the Yew components; `browser` everything that touches the page
//! (selection, storage, files).

pub mod browser;
pub mod corpus;
pub mod format;
pub mod model;
pub mod review;
pub mod tasks;
pub mod view;

/// The allocator of every wasm module (page, worker, review): Talc, whose code is about 3 KB
/// gzipped smaller than the standard library's dlmalloc (Cargo.toml); the browser benchmark
/// showed no difference in speed or memory beyond this machine's drift.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
