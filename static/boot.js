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
const { default: init } = await import(meta("app-js"));
const wasm = await init({ module_or_path: meta("app-wasm") });
// The benchmark reads the size of the wasm memory from here.
window.appWasmMemory = wasm.memory;
document.documentElement.dataset.appStarted = "true";
