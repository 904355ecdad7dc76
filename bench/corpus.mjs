// Corpus benchmark: drives the release build (dist/) in headless Chromium through a dataset
// builder's path and prints one table. Numbers, not pass/fail.
//
//   node bench/corpus.mjs [--docs 10000] [--runs 5] [--json FILE]
//
// - import: 10,000 JSONL documents (about 20 MB, multi-script, some spans) picked on the home
//   screen; "read" runs from handing the files over to the import dialog on screen (the
//   worker reads and summarises), "stored" from "Import N documents" to the list showing them
//   all. The longest main-thread task during the import (PerformanceObserver "longtask").
// - open the list: a reload of the page with the corpus stored, to the list's rows on screen
//   and the progress line counting every document. Split in two on the page's own clock: the
//   app's start (navigation to the "app-main" mark: the page, the wasm downloaded, compiled and
//   instantiated; a fixed cost that only fewer bytes lower) and the list after it ("app-main"
//   to the rows and the progress line, seen by a MutationObserver).
//   Beside it, the same reload of a static page of list rows (the floor: what a reload to a
//   screen of rows costs this machine with no app at all), and the list opened from a document
//   (Alt+↑ to the rows and the progress line), the app already running.
// - open a document: Enter on a row to its text on screen; next: "]" to the next one's title.
// - memory: JS heap (precise) plus the wasm memory with the list open.
// Each timed step is a median of --runs, with min and max.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { serve, tempDir } from "../tests/e2e/harness.mjs";
import { chromium } from "playwright-core";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith("--") ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const DOCS = Number(args.docs || 10_000);
const RUNS = Number(args.runs || 5);

const SCRIPTS = ["Ελληνικά κείμενα", "Русский текст", "日本語の文章", "עברית", "العربية", "English prose", "Türkçe 👩🏽‍💻"];
function jsonl(n) {
  const lines = [];
  const filler = "The committee met on Tuesday to discuss the proposal, and several members spoke. ";
  for (let i = 0; i < n; i++) {
    const text = `Report ${i}: ${SCRIPTS[i % SCRIPTS.length]}. ` + filler.repeat(24);
    const spans = i % 3 === 0 ? [{ start: 0, end: 6, label: "Entity" }, { start: 30, end: 39, label: "Claim" }] : [];
    lines.push(JSON.stringify({ text, meta: { source: "bench", n: String(i) }, spans }));
  }
  return Buffer.from(lines.join("\n") + "\n");
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1] };
};
const fmt = ({ median, min, max }) => `${median.toFixed(0)} ms (${min.toFixed(0)}–${max.toFixed(0)})`;

const observe = (docs) => {
  window.__longest = 0;
  // When the list's rows and the progress line counting every document are first on screen.
  const seen = new MutationObserver(() => {
    if (document.querySelector(".doc-row") && (document.querySelector(".progress")?.textContent ?? "").includes(`of ${docs} done`)) {
      window.__listed = performance.now();
      seen.disconnect();
    }
  });
  document.addEventListener("DOMContentLoaded", () => seen.observe(document.documentElement, { subtree: true, childList: true, characterData: true }));
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
  }).observe({ type: "longtask", buffered: true });
};

const server = await serve();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--enable-precise-memory-info", "--disable-background-networking"],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
await context.addInitScript(observe, DOCS);
const page = await context.newPage();
await page.goto(server.url);
await page.waitForSelector("html[data-app-started]");
await page.waitForSelector("#draft-text");

// From a file on disk: handing Chromium a 20 MB buffer would itself cost the page a long task.
const file = jsonl(DOCS);
const { dir, remove } = await tempDir();
const path = join(dir, "corpus.jsonl");
writeFileSync(path, file);
const t0 = Date.now();
await page.getByLabel("Import JSON").setInputFiles(path);
await page.getByRole("alert", { name: "Import" }).waitFor({ timeout: 600_000 });
const read = Date.now() - t0;
const longestRead = await page.evaluate(() => window.__longest);
await page.evaluate(() => (window.__longest = 0));
const t1 = Date.now();
await page.getByRole("button", { name: `Import ${DOCS} documents` }).click();
await page.waitForFunction((n) => (document.querySelector(".progress")?.textContent ?? "").includes(`0 of ${n} done`), DOCS, { timeout: 600_000 });
const stored = Date.now() - t1;
const longestImport = await page.evaluate(() => window.__longest);

// The list is on screen: its rows, and the progress line counting every document.
const listShown = (n) => document.querySelector(".doc-row") && (document.querySelector(".progress")?.textContent ?? "").includes(`of ${n} done`);
const lists = [];
const starts = [];
const afterStarts = [];
const opens = [];
const nexts = [];
const backs = [];
// When the second part of the page's wasm (scripts/split.sh) had loaded, as the list showed.
const splits = [];
let memory = 0;
for (let r = 0; r < RUNS; r++) {
  const start = Date.now();
  await page.reload();
  await page.waitForFunction(listShown, DOCS, { timeout: 120_000 });
  lists.push(Date.now() - start);
  const [appMain, listed, split] = await page.evaluate(() => [performance.getEntriesByName("app-main")[0]?.startTime ?? NaN, window.__listed ?? NaN, `${window.appSplitLoaded ?? "not yet"}${window.appSplitSlot === undefined ? "" : ` (slot ${window.appSplitSlot})`}`]);
  splits.push(split);
  // BENCH_MARKS=1 prints the page's own marks for each reload (where the list's time goes).
  if (process.env.BENCH_MARKS) {
    const marks = await page.evaluate(() => performance.getEntriesByType("mark").map((m) => `${m.name} ${m.startTime.toFixed(1)}`).join(", "));
    process.stderr.write(`reload ${r + 1}: ${marks}, listed ${listed.toFixed(1)}\n`);
  }
  starts.push(appMain);
  afterStarts.push(listed - appMain);
  memory = await page.evaluate(() => performance.memory.usedJSHeapSize + (window.appWasmMemory?.buffer.byteLength || 0));
  await page.locator("#doc-list").focus();
  await page.keyboard.press("Home");
  for (let i = 0; i < r; i++) await page.keyboard.press("ArrowDown");
  const o = Date.now();
  await page.keyboard.press("Enter");
  await page.waitForSelector('[aria-label="Article"]');
  opens.push(Date.now() - o);
  const title = await page.locator(".bar .doc-title").textContent();
  const n = Date.now();
  await page.keyboard.press("]");
  await page.waitForFunction((t) => document.querySelector(".bar .doc-title")?.textContent !== t, title);
  nexts.push(Date.now() - n);
  const b = Date.now();
  await page.keyboard.press("Alt+ArrowUp");
  await page.waitForFunction(listShown, DOCS, { timeout: 120_000 });
  backs.push(Date.now() - b);
}
// The floor of "open the list (page reload)": a static page with a screen of rows, reloaded and
// waited for the same way, on the same server.
const floorPage = await context.newPage();
const rows = Array.from({ length: 40 }, (_, i) => `<div class="doc-row">Report ${i}: ${SCRIPTS[i % SCRIPTS.length]}</div>`).join("");
await floorPage.route("**/list-floor.html", (route) => route.fulfill({ contentType: "text/html", body: `<!doctype html><meta charset="utf-8"><title>rows</title>${rows}` }));
await floorPage.goto(server.url + "list-floor.html");
const floors = [];
for (let r = 0; r < RUNS; r++) {
  const start = Date.now();
  await floorPage.reload();
  await floorPage.waitForFunction(() => document.querySelector(".doc-row"));
  floors.push(Date.now() - start);
}
const longest = await page.evaluate(() => window.__longest);
await browser.close();
await server.close();
await remove();

const mb = (file.length / 1e6).toFixed(1);
console.log(`\nCorpus benchmark: ${DOCS} documents (${mb} MB of JSONL), medians of ${RUNS} (min–max)\n`);
console.log("| step | time | goal |");
console.log("|---|---|---|");
console.log(`| import: read and summarised (worker) | ${read} ms | progress bar, page never frozen |`);
console.log(`| import: stored after confirming | ${stored} ms | |`);
console.log(`| longest main-thread task while the files are read | ${longestRead.toFixed(0)} ms | < 100 ms: ${longestRead < 100 ? "met" : "missed"} |`);
console.log(`| longest main-thread task while they are stored | ${longestImport.toFixed(0)} ms | < 100 ms: ${longestImport < 100 ? "met" : "missed"} |`);
console.log(`| open the list (page reload) | ${fmt(stats(lists))} | < 100 ms: see the four rows below |`);
console.log(`| of which the app's start (navigation to app-main) | ${fmt(stats(starts))} | fixed: wasm download, compile, instantiate |`);
console.log(`| of which the list after the start (app-main to rows and progress) | ${fmt(stats(afterStarts))} | < 100 ms: ${stats(afterStarts).median < 100 ? "met" : "missed"} |`);
console.log(`| a static page of rows, reloaded the same way (the floor of a reload here) | ${fmt(stats(floors))} | |`);
console.log(`| open the list from a document (Alt+↑, the app running) | ${fmt(stats(backs))} | < 100 ms: ${stats(backs).median < 100 ? "met" : "missed"} |`);
console.log(`| the second part of the page's wasm, when the list showed | ${splits.join(", ")} | "after start" or "not yet"; "on demand" means the list needed it |`);
console.log(`| open a document | ${fmt(stats(opens))} | < 100 ms: ${stats(opens).median < 100 ? "met" : "missed"} |`);
console.log(`| next document (]) | ${fmt(stats(nexts))} | < 100 ms: ${stats(nexts).median < 100 ? "met" : "missed"} |`);
console.log(`| longest main-thread task, whole run | ${longest.toFixed(0)} ms | |`);
console.log(`| JS heap + wasm memory, list open | ${(memory / 1048576).toFixed(1)} MiB | |`);

// For the combined table (bench/summary.mjs): the same figures as JSON.
if (args.json) {
  const fig = ({ median, min, max }) => ({ med: median, min, max });
  const figures = { docs: DOCS, mb, runs: RUNS, read, stored, longestRead, longestImport, list: fig(stats(lists)), listStart: fig(stats(starts)), listAfterStart: fig(stats(afterStarts)), listFloor: fig(stats(floors)), listBack: fig(stats(backs)), open: fig(stats(opens)), next: fig(stats(nexts)), longest, memory };
  mkdirSync(dirname(args.json), { recursive: true });
  writeFileSync(args.json, JSON.stringify(figures, null, 1));
}
