// Browser benchmark: drives the release build (dist/) in headless Chromium on documents made
// from tests/fixtures/article.txt, next to a plain <mark> page (the floor: the browser's own
// cost of the same text and spans), and prints one table of medians with min and max over
// --runs runs (a fresh browser context each), then a met/missed line per goal of issue 13.
//
//   node bench/browser.mjs [--runs 5] [--adds 11] [--cases 2k,20k,200k,200k10k] [--compare DIR]
//
// --compare DIR measures the app built into DIR (another `trunk build --release --dist DIR`)
// in the same runs, each run measuring both builds in turn (which goes first alternates), and
// prints a table per case of both builds' medians and the median of their per-run differences
// (bench/report.mjs, `paired`): a change is judged side by side, not against a run taken
// minutes earlier on a machine whose speed drifts.
//
// Definitions (all from the page's own clock, performance.now()):
// - The document is put where an older version kept it (localStorage) with the "open" key set,
//   so the app moves it into its store and opens it; the page is then reloaded and measured:
//   the document opens from the store, as it does for a person coming back.
// - load: navigation start to the first paint after the app signals "drawn" (the article
//   element's data-drawn attribute, set by an effect after the article and its blocks have
//   rendered); for the <mark> page, navigation to the first paint of the static page. Both are
//   taken inside the page the same way: the next frame after the signal (for the app, a
//   MutationObserver sees the attribute set, in the task that sets it), then a message posted
//   from that frame's requestAnimationFrame (`DRAWN_PAINT`).
// - render: from the `doc-ready` mark (the document read from the store, handed to the view)
//   to that same paint; for the <mark> page, from inserting the marked-up text into the DOM
//   to the next paint.
// - add: a word is selected through the Selection API, "1" is pressed (a keydown event), and
//   the time runs until the new highlight is in the DOM (a MutationObserver sees it). "first"
//   is the first add after the page loaded (a second after it showed: a person reads before
//   selecting), "next" the median of the later ones. For the
//   <mark> page: wrapping the selection in a <mark>.
// - tasks: the longest main-thread task (Chromium's trace, RunTask on the page's main thread)
//   while adding three more spans after the timed ones (300 ms after each included; tracing
//   slows the page, so the timed adds run untraced) and while scrolling the article from top to
//   bottom one viewport per frame; "long" counts tasks over 50 ms seen by a PerformanceObserver
//   for 'longtask'. The <mark> page is scrolled and traced the same way: its longest task is
//   the browser's own cost of bringing a screen of the same marks into view. Beside each
//   longest task, the most thread time any one task took (the trace's `tdur`, the CPU the main
//   thread itself spent): a task's wall time also counts the time the OS ran other threads and
//   processes while it was under way, which on a 2-core machine can be a third of it or more.
// - rendering (in --compare's tables and each run's line): the thread time of the browser's
//   style, layout and paint over the same traced stretches, summed (bench/report.mjs,
//   `renderPhases`), to see which part of the browser's work a change moved.
// - memory: JS heap (precise) plus the wasm memory, after load.
import { appendFileSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { gzipSize, FIRST_PAINT_BUDGET } from "../scripts/gzip-size.mjs";
import { dirname, join, resolve } from "node:path";
import { serve, nativeFile, DIST } from "../tests/e2e/harness.mjs";
import { chromium } from "playwright-core";
import { pickCases, makeText, makeSpans, markHtml, caseName } from "./docs.mjs";
import { median, stats, comparison, renderPhases } from "./report.mjs";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith("--") ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const RUNS = Number(args.runs || 5);
const ADDS = Number(args.adds || 11);
/** Issue 12's case, beside the shared ones (`docs.mjs`): the 200 KB article with 500 relations. */
const RELATION_CASES = [{ key: "200krel", bytes: 200_000, spans: 1_000, relations: 500 }];
const CASES = [...pickCases(args.cases), ...RELATION_CASES.filter((c) => !args.cases || args.cases.split(",").includes(c.key))];

/**
 * Issue 12's case: `n` relations over the annotations (`{id, label, start, end}`), each from a
 * span to the next one, `said_by` from a quote to an entity and `related_to` otherwise, so the
 * arcs are short and spread over the whole article like real ones.
 */
function makeRelations(annotations, n) {
  const sorted = [...annotations].sort((a, b) => a.start - b.start || b.end - a.end);
  const out = [];
  const step = Math.max(1, Math.floor((sorted.length - 1) / n));
  for (let i = 0; out.length < n && i + 1 < sorted.length; i += step) {
    const [a, b] = [sorted[i], sorted[i + 1]];
    const type = a.label === "Quote" && b.label === "Entity" ? "said_by" : "related_to";
    out.push({ id: `r${out.length + 1}`, type, from: a.id, to: b.id });
  }
  return out;
}

/** Writes the relations into the store's `links` for the bench document (the next visit reads them). */
async function seedRelations(page, relations) {
  await page.evaluate((json) => new Promise((done, fail) => {
    const open = indexedDB.open("article-annotator");
    open.onerror = () => fail(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction("links", "readwrite");
      tx.objectStore("links").put(json, "bench");
      tx.oncomplete = () => { open.result.close(); done(); };
      tx.onerror = () => fail(tx.error);
    };
  }), JSON.stringify(relations));
}

/** Waits until the app draws arcs (it read the relations). */
const relationsDrawn = (page) => page.waitForFunction(() => document.querySelectorAll(".arcs path.arc").length > 0, null, { timeout: 60000 });


/** Counts tasks over 50 ms as the page sees them, from before its own scripts run. */
const LONGTASKS = () => {
  window.longTasks = [];
  new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((e) => [e.startTime, e.duration]))).observe({ type: "longtask", buffered: true });
};

/**
 * Records, inside the page, when the first frame after the app's "drawn" signal is painted
 * (`window.appPainted`): a MutationObserver sees the article's data-drawn attribute set (and,
 * with `arcs`, the relations layer's first arc added), and the time is taken as for the <mark>
 * page (requestAnimationFrame, then a message posted from it). Asking from the benchmark once
 * it has seen the signal would add a round trip to the browser and at least one more frame.
 */
const DRAWN_PAINT = (arcs) => {
  const ready = () => document.querySelector('[aria-label="Article"][data-drawn]') && (!arcs || document.querySelector(".arcs path.arc"));
  const seen = new MutationObserver(() => {
    if (!ready()) return;
    seen.disconnect();
    requestAnimationFrame(() => {
      const c = new MessageChannel();
      c.port1.onmessage = () => (window.appPainted = performance.now());
      c.port2.postMessage(0);
    });
  });
  seen.observe(document, { subtree: true, attributes: true, attributeFilter: ["data-drawn"], childList: arcs });
};

async function newPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(LONGTASKS);
  const page = await context.newPage();
  // BENCH_CONSOLE=1 prints what the page logs (to see why a run failed).
  if (process.env.BENCH_CONSOLE) page.on("console", (m) => process.stderr.write(`page: ${m.text().slice(0, 300)}\n`));
  return { context, page };
}

/**
 * Runs `work` while Chromium traces the page, and returns what `work` returned with the
 * longest task on a renderer main thread during it (ms).
 */
let traceCount = 0;
async function traced(browser, page, work) {
  await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", ...(process.env.BENCH_TRACE_CATS ? process.env.BENCH_TRACE_CATS.split(",") : [])] });
  let result;
  try {
    result = await work();
  } finally {
    const raw = (await browser.stopTracing()).toString("utf8");
    if (process.env.BENCH_TRACE) writeFileSync(`${process.env.BENCH_TRACE}-${traceCount++}.json`, raw);
    const trace = JSON.parse(raw);
    const events = trace.traceEvents || trace;
    const main = new Set(events.filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain").map((e) => `${e.pid}:${e.tid}`));
    const runTasks = events.filter((e) => e.name === "RunTask" && e.ph === "X" && main.has(`${e.pid}:${e.tid}`));
    const tasks = runTasks.map((e) => e.dur / 1000);
    // The script inside tasks (event handlers, timers, observer callbacks, with any garbage
    // collection they trigger), apart from the browser's own style, layout and paint.
    const SCRIPT = new Set(["FunctionCall", "TimerFire", "EventDispatch", "FireAnimationFrame", "RunMicrotasks"]);
    const scripts = events.filter((e) => SCRIPT.has(e.name) && e.ph === "X" && main.has(`${e.pid}:${e.tid}`)).map((e) => e.dur / 1000);
    // Each task's own thread time (the trace's `tdur`): the CPU the main thread spent in it.
    // On this 2-core machine a task's wall time also holds whatever time the OS gave the
    // other threads and processes (raster, the GPU process, the benchmark's driver) while
    // the task was under way; the thread time leaves that out.
    const cpu = runTasks.filter((e) => Number.isFinite(e.tdur)).map((e) => e.tdur / 1000);
    result = {
      ...result,
      maxTask: tasks.length ? Math.max(...tasks) : 0,
      maxScript: scripts.length ? Math.max(...scripts) : 0,
      over16: tasks.filter((t) => t > 16).length,
      maxTaskCpu: cpu.length ? Math.max(...cpu) : NaN,
      // The browser's style, layout and paint over the whole traced stretch (thread time).
      phases: renderPhases(events, main),
    };
  }
  return result;
}

/**
 * Runs `work` under V8's sampling profiler (50 µs) and appends the profile to the file
 * `BENCH_PROFILE` names, one JSON line per run (a debugging aid: build with function names,
 * `data-keep-debug`, to read wasm frames).
 */
async function profiled(context, page, work) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 50 });
  await cdp.send("Profiler.start");
  try {
    return await work();
  } finally {
    const { profile } = await cdp.send("Profiler.stop");
    appendFileSync(process.env.BENCH_PROFILE, JSON.stringify(profile) + "\n");
  }
}

async function longTasksSince(page, t0) {
  return page.evaluate((t0) => window.longTasks.filter(([start]) => start >= t0).length, t0);
}

const drawn = (page) => page.waitForFunction(() => document.querySelector('[aria-label="Article"]')?.dataset.drawn, null, { polling: "raf", timeout: 180000 });

async function measureApp(browser, url, doc, expectSpans, relations) {
  const { context, page } = await newPage(browser);
  try {
    return await measureAppIn(browser, context, page, url, doc, expectSpans, relations);
  } finally {
    await context.close();
  }
}

async function measureAppIn(browser, context, page, url, doc, expectSpans, relations) {
  // First visit: the document where an older version kept it, moved into the store and opened.
  await context.addInitScript((d) => {
    if (!sessionStorage.getItem("seeded")) {
      localStorage.setItem("article-annotator/document", d);
      localStorage.setItem("article-annotator/open", "bench");
      sessionStorage.setItem("seeded", "1");
    }
  }, doc);
  await context.addInitScript(DRAWN_PAINT, Boolean(relations));
  await page.goto(url);
  await drawn(page);
  if (relations) await seedRelations(page, relations);
  // The measured visit: the app opens the document from its store.
  await page.reload();
  await drawn(page);
  if (relations) await relationsDrawn(page);
  await page.waitForFunction(() => window.appPainted, null, { polling: "raf" });
  const painted = await page.evaluate(() => window.appPainted);
  const ready = await page.evaluate(() => performance.getEntriesByName("doc-ready")[0]?.startTime);
  if (ready === undefined) throw new Error("the app set no doc-ready mark");
  const listed = await page.evaluate(() => document.querySelector('[aria-label="Annotations"]')?.parentElement.querySelector("h2")?.textContent);
  if (!listed || !listed.includes(`(${expectSpans})`)) throw new Error(`app did not load all spans: ${listed}`);
  const memory = await page.evaluate(() => performance.memory.usedJSHeapSize + (window.appWasmMemory?.buffer.byteLength || 0));
  // How the second part of the page's wasm had come when the document showed: "after start"
  // (fetched once the first screen was drawn), "not yet", or "on demand" (a function of it was
  // needed during start-up, which then waited for it to load synchronously: the visit the
  // first part was recorded from, scripts/split-profile.mjs, missed that function).
  const split = await page.evaluate(() => `${window.appSplitLoaded ?? "not yet"}${window.appSplitSlot === undefined ? "" : ` (slot ${window.appSplitSlot})`}`);
  // A person reads before selecting: the first selection comes a second after the page shows.
  await page.waitForTimeout(1000);
  // Timed without tracing (which slows the page down), then three more adds traced for tasks.
  // BENCH_TRACE_FIRST=1 traces the timed adds too (to see what the first one does).
  const times = process.env.BENCH_TRACE_FIRST
    ? (await traced(browser, page, async () => ({ times: await addSpans(page, "app", ADDS) }))).times
    : process.env.BENCH_PROFILE && !process.env.BENCH_PROFILE_SCROLL
      // BENCH_PROFILE_FIRST=1 profiles the first add only.
      ? process.env.BENCH_PROFILE_FIRST
        ? [...(await profiled(context, page, () => addSpans(page, "app", 1))), ...(await addSpans(page, "app", ADDS - 1))]
        : await profiled(context, page, () => addSpans(page, "app", ADDS))
      : await addSpans(page, "app", ADDS);
  const t0 = await page.evaluate(() => performance.now());
  const adds = await traced(browser, page, async () => ({ times: await addSpans(page, "app", 3) }));
  const addLong = await longTasksSince(page, t0);
  const t1 = await page.evaluate(() => performance.now());
  // BENCH_PROFILE_SCROLL=1 (with BENCH_PROFILE) profiles the scroll instead of the adds.
  const scrollWork = () => scrollThrough(page, '[aria-label="Article"]');
  const scroll = await traced(browser, page, process.env.BENCH_PROFILE_SCROLL ? () => profiled(context, page, scrollWork) : scrollWork);
  if (process.env.BENCH_PARTS) process.stderr.write(`scroll measures (total, count, longest): ${JSON.stringify(scroll.parts)}\n`);
  const scrollLong = await longTasksSince(page, t1);
  const dom = times.map((a) => a.dom);
  if (process.env.BENCH_PARTS) for (const a of times.slice(0, 3)) process.stderr.write(`add ${a.dom.toFixed(2)} ms: ${JSON.stringify(Object.fromEntries(Object.entries(a.parts).map(([k, [t, n]]) => [k, `${t.toFixed(2)}/${n}`])))}\n`);
  return {
    load: painted, render: painted - ready, first: dom[0], next: median(dom.slice(1)),
    addTask: adds.maxTask, addScript: adds.maxScript, addLong, scroll: scroll.ms, scrollTask: scroll.maxTask, scrollScript: scroll.maxScript, scrollLong, memory, split,
    addOver16: adds.over16, scrollOver16: scroll.over16, addTaskCpu: adds.maxTaskCpu, scrollTaskCpu: scroll.maxTaskCpu,
    addRender: adds.phases.style + adds.phases.layout + adds.phases.paint,
    scrollStyle: scroll.phases.style, scrollLayout: scroll.phases.layout, scrollPaint: scroll.phases.paint,
  };
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
  await page.waitForTimeout(1000);
  const dom = (await addSpans(page, "marks")).map((a) => a.dom);
  // Traced like the app's, so the browser's own cost of scrolling the same marks is the floor.
  const scroll = await traced(browser, page, () => scrollThrough(page, "#a"));
  await context.close();
  return { load, render, first: dom[0], next: median(dom.slice(1)), scroll: scroll.ms, scrollTask: scroll.maxTask, scrollTaskCpu: scroll.maxTaskCpu, memory };
}

/** Selects unlabelled words in view and labels them; returns the times to DOM and to paint. */
async function addSpans(page, mode, n = ADDS) {
  return page.evaluate(
    async ({ mode, n }) => {
      // Resolves after the next frame is painted (rAF, then a message posted from it).
      const frame = () => new Promise((done) => requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = () => done(performance.now()); c.port2.postMessage(0); }));
      const settle = (ms) => new Promise((done) => setTimeout(done, ms));
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
          // The time is read first, and only the nodes this mutation added are looked at:
          // scanning every mark of a long article here cost the page about a millisecond
          // that the app did not spend.
          const isNew = (m) => m.textContent === word && !before.has(m.dataset.id || m);
          const mo = new MutationObserver((records) => {
            const now = performance.now();
            const near = (n) => (n.nodeType === 1 ? n : n.parentElement)?.closest("mark");
            const hit = records.some((r) => (near(r.target) && isNew(near(r.target)))
                || [...r.addedNodes].some((n) => n.nodeType === 1 && ((n.tagName === "MARK" && isNew(n)) || [...n.querySelectorAll("mark")].some(isNew))))
              // A mark patched in place shows in no record of its own.
              || [...root.querySelectorAll("mark")].some(isNew);
            if (hit) {
              mo.disconnect();
              done(now);
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
        // Any performance.measure entries the page made during the add, by name (a debugging
        // aid: printed with BENCH_PARTS=1 when the app is built with measures).
        const parts = {};
        for (const e of performance.getEntriesByType("measure")) {
          if (e.startTime < t0 - 1) continue;
          const p = (parts[e.name] ||= [0, 0]);
          p[0] += e.duration;
          p[1] += 1;
        }
        performance.clearMeasures();
        times.push({ dom: shown - t0, paint: t2 - t0, parts });
        // Whatever the edit set going (saving) runs before the next one.
        await settle(300);
      }
      return times;
    },
    { mode, n },
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
      const t1 = performance.now();
      // Highlights still being drawn in slices after the last frame count too.
      await new Promise((done) => setTimeout(done, 300));
      const parts = {};
      for (const e of performance.getEntriesByType("measure")) {
        if (e.startTime < t0) continue;
        const p = (parts[e.name] ||= [0, 0, 0]);
        p[0] += e.duration;
        p[1] += 1;
        p[2] = Math.max(p[2], e.duration);
      }
      return { ms: t1 - t0, parts };
    },
    { selector },
  );
}

/** One run, tried once more when the page failed to show (a slow machine shared with
 * builds can miss the wait); the failure is printed. */
async function retried(run) {
  try {
    return await run();
  } catch (e) {
    process.stderr.write(`run failed, once more: ${e.message.split("\n")[0]}\n`);
    return run();
  }
}

/**
 * The files the page loads before the first interaction (the second part of the page's wasm
 * follows after start-up; the worker and the review page, `review.html` with its own app, load
 * on demand).
 */
function shippedBytes() {
  const files = readdirSync(DIST).filter((f) => /\.(wasm|js|css|html)$/.test(f));
  const sum = { raw: 0, gz: 0, afterStart: 0, worker: 0, review: 0 };
  for (const f of files) {
    const buf = readFileSync(join(DIST, f));
    const gz = gzipSize(buf);
    if (f.endsWith("_split.wasm")) {
      sum.afterStart += gz;
      continue;
    }
    if (f.startsWith("worker")) {
      sum.worker += gz;
      continue;
    }
    if (f.startsWith("review")) {
      sum.review += gz;
      continue;
    }
    sum.raw += statSync(join(DIST, f)).size;
    sum.gz += gz;
  }
  return sum;
}

const num = (ms) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
const ms = (s) => `${num(s.med)} (${num(s.min)}–${num(s.max)})`;
const mib = (b) => (b / 1048576).toFixed(1) + " MiB";
/** A run's figures on one line, numbers to a tenth. */
const oneLine = (figures) => JSON.stringify(figures, (k, v) => (typeof v === "number" ? Math.round(v * 10) / 10 : v));

const server = await serve(DIST);
const other = args.compare ? await serve(resolve(args.compare)) : null;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--enable-precise-memory-info",
    ...(process.env.BENCH_CHROMIUM_ARGS ? process.env.BENCH_CHROMIUM_ARGS.split(" ") : [])],
});
const rows = [];
try {
  for (const c of CASES) {
    const text = makeText(c.bytes);
    const spans = makeSpans(text, c.spans);
    const native = nativeFile(text, spans, { id: "bench", title: "bench" });
    const doc = JSON.stringify(native);
    const relations = c.relations ? makeRelations(native.documents[0].annotations, c.relations) : undefined;
    const html = markHtml(text, spans);
    const app = [];
    const alt = [];
    const marks = [];
    for (let r = 0; r < RUNS; r++) {
      const measure = (s) => retried(() => measureApp(browser, s.url, doc, spans.length, relations));
      if (other && r % 2 === 1) alt.push(await measure(other));
      app.push(await measure(server));
      if (other && r % 2 === 0) alt.push(await measure(other));
      if (other) process.stderr.write(`${c.key} run ${r + 1}, ${args.compare}: ${oneLine(alt[alt.length - 1])}\n`);
      marks.push(await measureMarks(browser, server.url, html));
      process.stderr.write(`${c.key} run ${r + 1}: ${oneLine(app[app.length - 1])}\n`);
    }
    const keys = ["load", "render", "first", "next", "addTask", "addTaskCpu", "addScript", "addLong", "scroll", "scrollTask", "scrollTaskCpu", "scrollScript", "scrollLong", "memory"];
    rows.push({
      key: c.key,
      name: `${caseName(text, spans)}${relations ? ` / ${relations.length} relations` : ""}`,
      app: Object.fromEntries(keys.map((k) => [k, stats(app, k)])),
      marks: Object.fromEntries(["load", "render", "first", "next", "scroll", "scrollTask", "scrollTaskCpu", "memory"].map((k) => [k, stats(marks, k)])),
      split: app.map((a) => a.split),
      runs: { app, alt },
    });
    process.stderr.write(`done ${c.key}\n`);
  }
} finally {
  await browser.close();
  await server.close();
  await other?.close();
}

const bytes = shippedBytes();
console.log(`\nArticle Annotator benchmark: median (min–max) of ${RUNS} runs, ms; ${ADDS} span additions per run; headless Chromium, ${new Date().toISOString().slice(0, 10)}\n`);
console.log("| case (text / spans) | load: app · <mark> | render after doc ready: app · <mark> | ratio | add, first: app · <mark> | add, next: app · <mark> | after adds: longest task · longest script (tasks > 50 ms) | scrolling: longest task · longest script (tasks > 50 ms) · <mark>'s longest task | JS heap + wasm: app · <mark> |");
console.log("|---|---|---|---|---|---|---|---|---|");
for (const r of rows) {
  const a = r.app;
  const m = r.marks;
  console.log(
    `| ${r.name} | ${ms(a.load)} · ${num(m.load.med)} | ${ms(a.render)} · ${ms(m.render)} | ${(a.render.med / m.render.med).toFixed(1)}× | ${ms(a.first)} · ${num(m.first.med)} | ${ms(a.next)} · ${num(m.next.med)} | ${ms(a.addTask)} · ${ms(a.addScript)} (${a.addLong.max}) | ${ms(a.scrollTask)} · ${ms(a.scrollScript)} (${a.scrollLong.max}) · ${ms(m.scrollTask)} | ${mib(a.memory.med)} · ${mib(m.memory.med)} |`,
  );
}
console.log(`\nFirst-paint bytes (dist/ without the worker and the review page): ${(bytes.raw / 1000).toFixed(1)} KB raw, ${(bytes.gz / 1000).toFixed(1)} KB gzipped; the second part of the page's wasm, after start-up: ${(bytes.afterStart / 1000).toFixed(1)} KB gzipped; the worker, loaded on demand: ${(bytes.worker / 1000).toFixed(1)} KB gzipped; the review page, loaded on demand: ${(bytes.review / 1000).toFixed(1)} KB gzipped.\n`);

// How the second part of the page's wasm had come when each measured document showed.
const tally = (list) => Object.entries(list.reduce((n, v) => ({ ...n, [v]: (n[v] ?? 0) + 1 }), {})).map(([v, k]) => `${v} ×${k}`).join(", ");
console.log(`Second part of the page's wasm when the document showed: ${rows.map((r) => `${r.name}: ${tally(r.split)}`).join("; ")}.\n`);

if (other) {
  const keys = [["render", "render after doc ready"], ["first", "add, first"], ["next", "add, next"], ["addTask", "after adds: longest task"],
    ["addTaskCpu", "after adds: most thread time in a task"], ["scrollTask", "scrolling: longest task"], ["scrollTaskCpu", "scrolling: most thread time in a task"],
    ["scrollOver16", "scrolling: tasks over 16 ms"], ["scrollScript", "scrolling: longest script"],
    ["addRender", "after adds: style, layout and paint (total thread time)"], ["scrollStyle", "scrolling: style (total thread time)"],
    ["scrollLayout", "scrolling: layout (total thread time)"], ["scrollPaint", "scrolling: paint, pre-paint, layerize and commit (total thread time)"],
    ["load", "load"]];
  for (const r of rows) {
    console.log(`${r.name}: this build (${DIST}) and ${args.compare}, ${RUNS} runs side by side (medians; the difference is the median of the runs' differences)\n`);
    console.log(`| figure (ms; counts) | this build | ${args.compare} | difference | ${args.compare} lower |`);
    console.log("|---|---|---|---|---|");
    for (const line of comparison(r.runs.app, r.runs.alt, keys)) console.log(line);
    console.log("");
  }
}

// One line per goal of issue 13, judged on the medians.
const goal = (ok, what, detail) => console.log(`${ok ? "met   " : "missed"}  ${what}: ${detail}`);
const each = (f) => rows.map((r) => `${r.name} ${f(r)}`).join("; ");
goal(rows.every((r) => r.app.render.med <= 2 * r.marks.render.med), "render within 2× the <mark> floor", each((r) => `${(r.app.render.med / r.marks.render.med).toFixed(1)}×`));
goal(rows.every((r) => r.app.first.med < 3 && r.app.next.med < 3), "add a span under 3 ms (first and next)", each((r) => `${num(r.app.first.med)} / ${num(r.app.next.med)} ms`));
goal(rows.every((r) => r.app.first.med <= r.app.next.med + 1), "the first add as fast as the next (within 1 ms)", each((r) => `${num(r.app.first.med)} vs ${num(r.app.next.med)} ms`));
// Judged on the tasks' wall time; the most thread time any one task took is named beside it.
const thread = (f) => (Number.isFinite(f?.max) ? `, thread time ${num(f.max)} ms` : "");
goal(rows.every((r) => r.app.addTask.max <= 16), "no task over 16 ms after an edit", each((r) => `max ${num(r.app.addTask.max)} ms (script ${num(r.app.addScript.max)} ms${thread(r.app.addTaskCpu)})`));
goal(rows.every((r) => r.app.scrollTask.max <= 16), "no task over 16 ms while scrolling", each((r) => `max ${num(r.app.scrollTask.max)} ms (script ${num(r.app.scrollScript.max)} ms${thread(r.app.scrollTaskCpu)}; <mark> floor ${num(r.marks.scrollTask.max)} ms${thread(r.marks.scrollTaskCpu)})`));
goal(bytes.gz <= FIRST_PAINT_BUDGET, "first-paint bytes under 225 KB gzipped", `${bytes.gz} bytes (budget ${FIRST_PAINT_BUDGET})`);

// For the combined table (bench/summary.mjs): the same figures as JSON.
if (args.json) {
  mkdirSync(dirname(args.json), { recursive: true });
  writeFileSync(args.json, JSON.stringify({ runs: RUNS, adds: ADDS, bytes, rows }, null, 1));
}
