// What both peer pages share: the document from `window.BENCH` ({ text, spans } with UTF-16
// offsets, inlined into the page by bench/peers.mjs), the render clock, and the search for an
// unlabelled word in view to add a span on. A peer module gives `start`, `drawn` and `add`.
//
// render: from just before the peer is handed the text and spans (the document is ready, as
// the app's `doc-ready` mark) to the first paint after its first highlight is in the DOM
// (a MutationObserver sees it; then a frame and a message posted from it, as for the floor).

/** Resolves with performance.now() after the next frame is painted. */
export const frame = () =>
  new Promise((done) =>
    requestAnimationFrame(() => {
      const c = new MessageChannel();
      c.port1.onmessage = () => done(performance.now());
      c.port2.postMessage(0);
    }),
  );

/** Resolves with performance.now() when `test()` first holds after a change under `root`. */
export const whenDom = (root, test) =>
  new Promise((done) => {
    const mo = new MutationObserver(() => {
      if (test()) {
        mo.disconnect();
        done(performance.now());
      }
    });
    mo.observe(root, { subtree: true, childList: true, characterData: true });
  });

/**
 * The `skip`-th word of four or more letters, in view in `root`, inside a text node that
 * `accept(node, start, end)` takes (not under a highlight); a Range over it, or null.
 */
export function wordInView(root, skip, accept) {
  const box = root.getBoundingClientRect();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const re = /[A-Za-z]{4,}/g;
    for (let m = re.exec(t.data); m; m = re.exec(t.data)) {
      if (!accept(t, m.index, m.index + m[0].length)) continue;
      const r = document.createRange();
      r.setStart(t, m.index);
      r.setEnd(t, m.index + m[0].length);
      const rect = r.getBoundingClientRect();
      if (rect.height === 0 || rect.bottom < box.top) continue;
      if (rect.top < box.top) continue;
      if (rect.bottom > box.bottom) return null;
      if (skip-- > 0) continue;
      return r;
    }
  }
  return null;
}

/**
 * Runs a peer on this page: starts the render clock, hands over the document, and exposes
 * `window.benchAdd(i)` for bench/peers.mjs (the time from the add's start to its highlight in
 * the DOM, ms, or null when no unlabelled word is in view).
 */
export function runPage(peer) {
  const { text, spans } = window.BENCH;
  const root = document.getElementById("a");
  let t0 = 0;
  whenDom(root, () => peer.drawn(root))
    .then(frame)
    .then((painted) => {
      window.render = painted - t0;
      window.painted = painted;
    });
  t0 = performance.now();
  peer.start(root, text, spans);
  window.benchAdd = (i) => peer.add(root, i);
}
