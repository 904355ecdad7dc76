// Starts the review page's app: `review.js` (loaded just before this file) is wasm-bindgen's
// classic-script glue, which defines `wasm_bindgen`; no inline script, as on the main page.
// The benchmark and the tests read the wasm memory and the started flag as they do there.
wasm_bindgen({ module_or_path: "review_bg.wasm" }).then((wasm) => {
  window.appWasmMemory = wasm.memory;
  document.documentElement.dataset.appStarted = "true";
});
