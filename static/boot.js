// Starts the wasm app. Trunk writes the names of the generated files into the two meta tags
// (see Trunk.toml), so no inline script is needed and the Content-Security-Policy can forbid
// every script that is not a file of this site.
const meta = (name) => document.querySelector(`meta[name="${name}"]`).content;
// The list index, read while the wasm compiles (src/browser/db.rs, `prefetched_list`).
window.appListPrefetch = new Promise((resolve) => {
  try {
    const open = indexedDB.open("article-annotator");
    open.onupgradeneeded = () => open.transaction.abort();
    open.onerror = () => resolve(null);
    open.onblocked = () => resolve(null);
    open.onsuccess = () => {
      const db = open.result;
      db.onversionchange = () => db.close();
      try {
        if (!db.objectStoreNames.contains("list")) throw new Error("no list index");
        const tx = db.transaction(["list", "meta"]);
        const mark = tx.objectStore("meta").get("list-index");
        const chunks = tx.objectStore("list").getAll();
        tx.oncomplete = () => {
          db.close();
          resolve(mark.result === undefined ? null : chunks.result);
        };
        tx.onerror = tx.onabort = () => {
          db.close();
          resolve(null);
        };
      } catch {
        db.close();
        resolve(null);
      }
    };
  } catch {
    resolve(null);
  }
});
// The page's wasm comes in two parts (scripts/split.sh): the functions a typical visit runs,
// and the rest in `…_split.wasm`, whose functions are placeholders in the first part until it
// is loaded. It is fetched and compiled once the first screen is drawn; a placeholder called
// before that loads it at once, synchronously, and then calls the function it stands for.
const splitUrl = new URL(meta("app-wasm").replace(/_bg\.wasm$/, "_split.wasm"), document.baseURI);
let primary = null; // the first part's exports
let secondary = null; // the second part's instance, once loaded
let split = false; // whether this build is split: its first part imports placeholders
// The app's code that a typical visit never runs and that start-up may still need (a document
// with relations reads them with it) waits for the second part through `appSecondPart()`
// (src/browser/split.rs) instead of calling into it, which would load it at once, synchronously.
// Asking starts the fetch; the promise resolves once the part is instantiated, at once when the
// build is not split.
let arrived;
const secondPart = new Promise((resolve) => (arrived = resolve));
let fetchRest = () => {};
window.appSecondPart = () => {
  fetchRest();
  return secondPart;
};
const loadSecondary = (slot) => {
  if (secondary) return;
  // A synchronous request may not ask for bytes; the x-user-defined charset keeps each byte as
  // one character.
  const request = new XMLHttpRequest();
  request.open("GET", splitUrl, false);
  request.overrideMimeType("text/plain; charset=x-user-defined");
  request.send();
  if (request.status !== 200) throw new Error(`could not load ${splitUrl}: ${request.status}`);
  const text = request.responseText;
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  secondary = new WebAssembly.Instance(new WebAssembly.Module(bytes), { primary });
  window.appSplitLoaded = "on demand";
  arrived();
  // Which placeholder asked for it: a function a visit may need before the second part
  // arrives (scripts/split-profile.mjs should then run it).
  window.appSplitSlot = Number(slot);
};
// A placeholder is imported as `p.<its slot in the function table>` (a one-letter namespace:
// the first part imports some 1,600 of them; scripts/split.sh).
const placeholder = new Proxy(
  {},
  {
    get: (_, slot) => {
      split = true;
      return (...args) => {
        loadSecondary(slot);
        return primary.table.get(Number(slot))(...args);
      };
    },
  },
);
const { default: init } = await import(meta("app-js"));
// wasm-bindgen's glue builds the imports itself: the placeholders are added on their way in.
const { instantiate, instantiateStreaming } = WebAssembly;
const withPlaceholders = (imports) => ({ ...imports, p: placeholder });
const started = (result) => {
  primary = (result.instance ?? result).exports;
  return result;
};
WebAssembly.instantiate = (source, imports) => instantiate(source, withPlaceholders(imports)).then(started);
WebAssembly.instantiateStreaming = (source, imports) =>
  instantiateStreaming(source, withPlaceholders(imports)).then(started);
let wasm;
try {
  wasm = await init({ module_or_path: meta("app-wasm") });
} finally {
  WebAssembly.instantiate = instantiate;
  WebAssembly.instantiateStreaming = instantiateStreaming;
}
if (split) {
  // Fetched once the first screen is drawn (the list shown, or an open document warmed up), or a
  // second after start-up at the latest: compiling it earlier competes with drawing that screen
  // for the machine's cores.
  let asked = false;
  fetchRest = () => {
    if (asked) return;
    asked = true;
    WebAssembly.compileStreaming(fetch(splitUrl))
      .then((module) => {
        if (!secondary) {
          secondary = new WebAssembly.Instance(module, { primary });
          window.appSplitLoaded = "after start";
          arrived();
        }
      })
      .catch(() => {
        // Loaded on demand instead, where a failure shows: whoever waits goes on to it.
        arrived();
      });
  };
  new PerformanceObserver((marks, observer) => {
    if (marks.getEntries().some((m) => m.name === "list-shown" || m.name === "warmed-up")) {
      observer.disconnect();
      fetchRest();
    }
  }).observe({ type: "mark", buffered: true });
  setTimeout(fetchRest, 1000);
} else {
  arrived();
}
// The benchmark reads the size of the wasm memory from here.
window.appWasmMemory = wasm.memory;
// An instrumented build (scripts/split-profile.sh) hands out what it recorded.
if (wasm.__write_profile) window.appWasm = wasm;
document.documentElement.dataset.appStarted = "true";
