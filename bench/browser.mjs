// Browser benchmark: drives the release build (dist/) in headless Chromium on documents made
// from tests/fixtures/article.txt, next to a plain <mark> page (the floor: the browser's own
// cost of the same text and spans), and prints one table. Numbers, not pass/fail.
//
//   node bench/browser.mjs [--runs 5] [--adds 21] [--cases 2k,20k,200k,200k10k]
//
// Definitions (all from the page's own clock, performance.now()):
// - load: navigation start to the first paint after the app signals "drawn" (the article
//   element's data-drawn attribute, bumped by an effect after the article and all its blocks
//   have rendered); for the <mark> page, navigation to the first paint of the static page.
// - render: the app's own work once its code is compiled and started (from the `app-main`
//   performance mark set first thing in main) to that same paint; for the <mark> page, from
//   inserting the marked-up text into the DOM to the next paint.
// - add: a span is selected through the Selection API, "1" is pressed (a keydown event), and the
//   time runs to the first paint after the new highlight is in the DOM (rAF, then a message
//   posted from it, which runs after the frame is painted). Median of --adds presses, each on
//   a different word in view. For the <mark> page: wrapping the selection in a <mark>.
// - scroll: scrolling the article from top to bottom one viewport per frame, total time.
// - memory: JS heap (precise) plus the wasm memory, after load.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { serve, nativeFile, ROOT, DIST } from "../tests/e2e/harness.mjs";
import { chromium } from "playwright-core";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith("--") ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const RUNS = Number(args.runs || 5);
const ADDS = Number(args.adds || 21);
const CASES = [
  { key: "2k", bytes: 2_000, spans: 10 },
  { key: "20k", bytes: 20_000, spans: 100 },
  { key: "200k", bytes: 200_000, spans: 1_000 },
  { key: "200k10k", bytes: 200_000, spans: 10_000 },
].filter((c) => !args.cases || args.cases.split(",").includes(c.key));

const ARTICLE = readFileSync(join(ROOT, "tests", "fixtures", "article.txt"), "utf8");

/** The fixture repeated to about `bytes` UTF-8 bytes, cut after a line or a word. */
function makeText(bytes) {
  let t = "";
  while (Buffer.byteLength(t) < bytes) t += ARTICLE + "\n";
  const enc = Buffer.from(t).subarray(0, bytes).toString("utf8").replace(/\uFFFD$/, "");
  const cut = Math.max(enc.lastIndexOf("\n"), enc.lastIndexOf(" "));
  return enc.slice(0, cut + 1);
}

/**
 * `n` spans spread evenly over the words of `text`, deterministic. Every fourth place gets a
 * nested pair (a 6-word Quote holding a 2-word Entity), the others one 1-3 word span, labels
 * cycling. Offsets are code points.
 */
function makeSpans(text, n) {
  const seg = new Intl.Segmenter("en", { granularity: "word" });
  const words = [];
  let cp = 0;
  let last = 0;
  for (const s of seg.segment(text)) {
    cp += [...text.slice(last, s.index)].length;
    last = s.index;
    if (s.isWordLike) words.push([cp, cp + [...s.segment].length]);
  }
  const spans = [];
  const labels = ["Entity", "Claim", "Quote"];
  let place = 0;
  for (let i = 0; spans.length < n; i++) {
    const w = Math.floor((place * words.length) / Math.ceil(n * 0.8));
    place++;
    if (w + 6 >= words.length) break;
    if (i % 4 === 3 && spans.length + 2 <= n) {
      spans.push({ label: "Quote", start: words[w][0], end: words[w + 5][1] });
      spans.push({ label: "Entity", start: words[w][0], end: words[w + 1][1] });
    } else {
      const len = 1 + (i % 3);
      spans.push({ label: labels[i % 3], start: words[w][0], end: words[w + len - 1][1] });
    }
  }
  const seen = new Set();
  return spans.filter((s) => {
    const k = `${s.label}:${s.start}:${s.end}`;
    return !seen.has(k) && seen.add(k);
  });
}

const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The same text and spans as plain HTML: one <mark> per span, nested where spans nest
 * (a span that overlaps without nesting is cut at the end of the one it starts in). */
function markHtml(text, spans) {
  const chars = [...text];
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = "";
  let pos = 0;
  const ends = [];
  const closeTo = (p) => {
    while (ends.length && ends[ends.length - 1] <= p) {
      const e = ends.pop();
      out += esc(chars.slice(pos, e).join("")) + "</mark>";
      pos = e;
    }
  };
  for (const s of sorted) {
    closeTo(s.start);
    out += esc(chars.slice(pos, s.start).join(""));
    pos = s.start;
    out += `<mark class="${s.label}">`;
    ends.push(ends.length ? Math.min(s.end, ends[ends.length - 1]) : s.end);
  }
  closeTo(chars.length);
  return out + esc(chars.slice(pos).join(""));
}

const FRAME = `() => new Promise((done) => requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = () => done(performance.now()); c.port2.postMessage(0); }))`;

async function newPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  return { context, page };
}

async function measureApp(browser, url, doc, expectSpans) {
  const { context, page } = await newPage(browser);
  await context.addInitScript((d) => {
    if (!sessionStorage.getItem("seeded")) {
      localStorage.setItem("article-annotator/document", d);
      sessionStorage.setItem("seeded", "1");
    }
  }, doc);
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector('[aria-label="Article"]')?.dataset.drawn, null, { polling: "raf", timeout: 120000 });
  const painted = await page.evaluate(`(${FRAME})()`);
  const main = await page.evaluate(() => performance.getEntriesByName("app-main")[0].startTime);
  const marks = await page.evaluate(() => document.querySelectorAll('[aria-label="Article"] mark').length);
  const listed = await page.evaluate(() => document.querySelector('[aria-label="Annotations"]')?.parentElement.querySelector("h2")?.textContent);
  if (!listed || !listed.includes(`(${expectSpans})`)) throw new Error(`app did not load all spans: ${listed}`);
  const memory = await page.evaluate(() => performance.memory.usedJSHeapSize + (window.appWasmMemory?.buffer.byteLength || 0));
  const adds = await addSpans(page, "app");
  const scroll = await scrollThrough(page, '[aria-label="Article"]');
  await context.close();
  return { load: painted, render: painted - main, add: median(adds.map((a) => a.dom)), addPaint: median(adds.map((a) => a.paint)), scroll, memory, marks };
}

async function measureMarks(browser, url, htmlBody) {
  const { context, page } = await newPage(browser);
  // The floor: a fresh page whose only script puts the marked-up text into the DOM at once.
  const script = `const html = ${JSON.stringify(htmlBody).replace(/</g, "\\u003c")};
    const t0 = performance.now();
    document.getElementById("a").innerHTML = html;
    requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = () => { window.painted = performance.now(); window.render = window.painted - t0; }; c.port2.postMessage(0); });`;
  await page.route("**/marks.html", (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><meta charset="utf-8"><style>#a{white-space:pre-wrap;font:1.08rem/2.3 Georgia,serif;height:860px;overflow:auto;max-width:46rem} mark{background:#dde}</style><div id="a"></div><script>${script}</script>`,
    }),
  );
  await page.goto(url + "marks.html");
  await page.waitForFunction(() => window.painted, null, { polling: "raf" });
  const { load, render } = await page.evaluate(() => ({ load: window.painted, render: window.render }));
  const memory = await page.evaluate(() => performance.memory.usedJSHeapSize);
  const adds = await addSpans(page, "marks");
  const scroll = await scrollThrough(page, "#a");
  await context.close();
  return { load, render, add: median(adds.map((a) => a.dom)), addPaint: median(adds.map((a) => a.paint)), scroll, memory };
}

/** Selects unlabelled words in view and labels them; returns the times to paint. */
async function addSpans(page, mode) {
  return page.evaluate(
    async ({ mode, n }) => {
      // Resolves after the next frame is painted (rAF, then a message posted from it).
      const frame = () => new Promise((done) => requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = () => done(performance.now()); c.port2.postMessage(0); }));
      const root = document.querySelector(mode === "app" ? '[aria-label="Article"]' : "#a");
      const box = root.getBoundingClientRect();
      const times = [];
      for (let i = 0; i < n; i++) {
        // A text node in view that is not inside a mark, and a word in it.
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        let target = null;
        let skip = i;
        for (let t = walker.nextNode(); t; t = walker.nextNode()) {
          if (t.parentElement.closest("mark")) continue;
          const m = /[A-Za-z]{4,}/.exec(t.data);
          if (!m) continue;
          const r = document.createRange();
          r.setStart(t, m.index);
          r.setEnd(t, m.index + m[0].length);
          const rect = r.getBoundingClientRect();
          if (rect.top < box.top || rect.bottom > box.bottom || rect.height === 0) continue;
          if (skip-- > 0) continue;
          target = r;
          break;
        }
        if (!target) break;
        const sel = getSelection();
        sel.removeAllRanges();
        sel.addRange(target);
        const word = target.toString();
        await frame();
        let before;
        const seen = new Promise((done) => {
          const mo = new MutationObserver(() => {
            const hit = [...root.querySelectorAll("mark")].some((m) => m.textContent === word && !before.has(m.dataset.id || m));
            if (hit) {
              mo.disconnect();
              done(performance.now());
            }
          });
          mo.observe(root, { subtree: true, childList: true, characterData: true });
          setTimeout(() => done("timeout"), 5000);
        });
        before = new Set([...root.querySelectorAll("mark")].map((m) => m.dataset.id || m));
        const t0 = performance.now();
        if (mode === "app") {
          document.body.dispatchEvent(new KeyboardEvent("keydown", { key: "1", bubbles: true }));
        } else {
          const m = document.createElement("mark");
          target.surroundContents(m);
        }
        const shown = await seen;
        if (shown === "timeout") throw new Error(`no highlight appeared for "${word}" (${mode})`);
        const t2 = await frame();
        times.push({ dom: shown - t0, paint: t2 - t0 });
      }
      return times;
    },
    { mode, n: ADDS },
  );
}

async function scrollThrough(page, selector) {
  return page.evaluate(
    async ({ selector }) => {
      const frame = () => new Promise((done) => requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = () => done(performance.now()); c.port2.postMessage(0); }));
      const el = document.querySelector(selector);
      el.scrollTop = 0;
      await frame();
      const t0 = performance.now();
      while (el.scrollTop + el.clientHeight < el.scrollHeight - 1) {
        const before = el.scrollTop;
        el.scrollTop += el.clientHeight;
        await frame();
        if (el.scrollTop === before) break;
      }
      return performance.now() - t0;
    },
    { selector },
  );
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};

function shippedBytes() {
  const files = readdirSync(DIST).filter((f) => /\.(wasm|js|css|html)$/.test(f));
  const sum = { raw: 0, gz: 0, wasm: 0, wasmGz: 0 };
  for (const f of files) {
    const buf = readFileSync(join(DIST, f));
    const gz = gzipSync(buf, { level: 9 }).length;
    sum.raw += statSync(join(DIST, f)).size;
    sum.gz += gz;
    if (f.endsWith(".wasm")) {
      sum.wasm += buf.length;
      sum.wasmGz += gz;
    }
  }
  return sum;
}

const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1)) + " ms";
const mib = (b) => (b / 1048576).toFixed(1) + " MiB";

const server = await serve(DIST);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--enable-precise-memory-info"],
});
const rows = [];
try {
  for (const c of CASES) {
    const text = makeText(c.bytes);
    const spans = makeSpans(text, c.spans);
    const doc = JSON.stringify(nativeFile(text, spans, { id: "bench", title: "bench" }));
    const html = markHtml(text, spans);
    const app = [];
    const marks = [];
    for (let r = 0; r < RUNS; r++) {
      app.push(await measureApp(browser, server.url, doc, spans.length));
      marks.push(await measureMarks(browser, server.url, html));
    }
    const med = (xs, k) => median(xs.map((x) => x[k]));
    rows.push({
      name: `${Math.round(Buffer.byteLength(text) / 1000)} KB / ${spans.length}`,
      app: { load: med(app, "load"), render: med(app, "render"), add: med(app, "add"), addPaint: med(app, "addPaint"), scroll: med(app, "scroll"), memory: med(app, "memory") },
      marks: { load: med(marks, "load"), render: med(marks, "render"), add: med(marks, "add"), addPaint: med(marks, "addPaint"), scroll: med(marks, "scroll"), memory: med(marks, "memory") },
    });
    process.stderr.write(`done ${c.key}\n`);
  }
} finally {
  await browser.close();
  await server.close();
}

const bytes = shippedBytes();
console.log(`\nArticle Annotator benchmark: medians of ${RUNS} runs, ${ADDS} span additions each; headless Chromium, ${new Date().toISOString().slice(0, 10)}\n`);
console.log("| case (text / spans) | page load to spans shown: app · <mark> | render after doc ready: app · <mark> (ratio) | add a span, to DOM: app · <mark> | add a span, to paint: app · <mark> | scroll top→bottom: app · <mark> | JS heap + wasm memory: app · <mark> |");
console.log("|---|---|---|---|---|---|---|");
for (const r of rows) {
  console.log(
    `| ${r.name} | ${fmt(r.app.load)} · ${fmt(r.marks.load)} | ${fmt(r.app.render)} · ${fmt(r.marks.render)} (${(r.app.render / r.marks.render).toFixed(2)}×) | ${fmt(r.app.add)} · ${fmt(r.marks.add)} | ${fmt(r.app.addPaint)} · ${fmt(r.marks.addPaint)} | ${fmt(r.app.scroll)} · ${fmt(r.marks.scroll)} | ${mib(r.app.memory)} · ${mib(r.marks.memory)} |`,
  );
}
console.log(`\nShipped (dist/): ${(bytes.raw / 1000).toFixed(1)} KB raw, ${(bytes.gz / 1000).toFixed(1)} KB gzipped; of which wasm ${(bytes.wasm / 1000).toFixed(1)} KB raw, ${(bytes.wasmGz / 1000).toFixed(1)} KB gzipped.`);
