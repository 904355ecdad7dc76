// Starts the wasm app. Trunk writes the names of the generated files into the two meta tags
// (see Trunk.toml), so no inline script is needed and the Content-Security-Policy can forbid
// every script that is not a file of this site.
const meta = (name) => document.querySelector(`meta[name="${name}"]`).content;
const { default: init } = await import(meta("app-js"));
const wasm = await init({ module_or_path: meta("app-wasm") });
// The benchmark reads the size of the wasm memory from here.
window.appWasmMemory = wasm.memory;
document.documentElement.dataset.appStarted = "true";
