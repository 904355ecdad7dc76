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
let split = false; // whether this build is split: its first part describes placeholders
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
// Its placeholders are made here (scripts/split-placeholders.mjs): the first part's custom
// section `p` gives, for each slot of the function table that the second part fills, the
// signature of its function. Each placeholder loads the second part, whose functions then take
// their slots, and calls its slot again. They are put in place before the app's code runs; a
// build that is not split has no such section.
const makePlaceholders = async (module, table) => {
  const [section] = module ? WebAssembly.Module.customSections(module, "p") : [];
  if (!section) return false;
  const d = new Uint8Array(section);
  // Type 0 is the loader's, (i32) -> (); then the section's signatures, in order.
  const types = [0x60, 1, 0x7f, 0];
  const params = [1];
  let at = 1;
  for (let k = 0; k < d[0]; k++) {
    const start = at;
    at += 2 + d[at + 1];
    at += 1 + d[at];
    types.push(...d.subarray(start, at));
    params.push(d[start + 1]);
  }
  // Every number in a placeholder takes two bytes (LEB128 with a continuation byte, as wasm
  // allows): slots below 8,192 (`i32.const` reads them signed), types and functions below
  // 16,384 (scripts/split-placeholders.mjs checks). So the module's size is known first and
  // each placeholder is a few stores: a version that built arrays took 40 ms at start-up.
  let n = 0;
  let codeSize = 0;
  for (let i = at; i < d.length; i++) if (d[i]) n++, (codeSize += 15 + 2 * params[d[i]]);
  const head = (id, size) => [id, (size & 127) | 128, ((size >>> 7) & 127) | 128, size >>> 14, (n & 127) | 128, n >>> 7];
  const sections = [
    [1, 2 + types.length, [(params.length & 127) | 128, params.length >>> 7, ...types]],
    // "".t, the first part's function table; "".l, the loader.
    [2, 13, [2, 0, 1, 0x74, 1, 0x70, 0, 0, 0, 1, 0x6c, 0, 0]],
  ];
  const fixed = sections.flatMap(([id, size, items]) => [id, (size & 127) | 128, size >>> 7, ...items]);
  const bytes = new Uint8Array(8 + fixed.length + 3 * 6 + 2 * n + 8 * n + codeSize);
  bytes.set([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...fixed]);
  let f = 8 + fixed.length;
  bytes.set(head(3, 2 + 2 * n), f);
  let e = f + 6 + 2 * n;
  bytes.set(head(9, 2 + 8 * n), e);
  let c = e + 6 + 8 * n;
  bytes.set(head(10, 2 + codeSize), c);
  f += 6;
  e += 6;
  c += 6;
  for (let slot = 0, k = 0; at + slot < d.length; slot++) {
    const type = d[at + slot];
    if (!type) continue;
    const s0 = (slot & 127) | 128;
    const s1 = slot >>> 7;
    const t0 = (type & 127) | 128;
    const t1 = type >>> 7;
    k++; // function 0 is the imported loader
    bytes[f++] = t0;
    bytes[f++] = t1;
    // Active, table 0, at (i32.const slot): one function.
    bytes.set([0, 0x41, s0, s1, 0x0b, 1, (k & 127) | 128, k >>> 7], e);
    e += 8;
    const np = params[type];
    bytes.set([14 + 2 * np, 0, 0x41, s0, s1, 0x10, 0], c);
    c += 7;
    for (let p = 0; p < np; p++) (bytes[c++] = 0x20), (bytes[c++] = p);
    bytes.set([0x41, s0, s1, 0x11, t0, t1, 0, 0x0b], c);
    c += 8;
  }
  // `instantiate`: WebAssembly's own, not the wrapper below.
  await instantiate(bytes, { "": { t: table, l: loadSecondary } });
  return true;
};


const { default: init } = await import(meta("app-js"));
// wasm-bindgen's glue instantiates the first part itself: the placeholders go in on the way out.
const { instantiate, instantiateStreaming } = WebAssembly;
const started = async (result) => {
  primary = (result.instance ?? result).exports;
  split = await makePlaceholders(result.module, primary.table);
  return result;
};
WebAssembly.instantiate = (source, imports) => instantiate(source, imports).then(started);
WebAssembly.instantiateStreaming = (source, imports) => instantiateStreaming(source, imports).then(started);
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
