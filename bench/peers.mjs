// Peer benchmark: the two fastest peers of issue 13, @recogito/text-annotator and
// react-text-annotate-blend (pinned in package.json, installed by scripts/setup.sh), bundled by
// esbuild from bench/peers/ into target/bench/peers/ and fed the documents of bench/docs.mjs, in
// headless Chromium with the window and container of the <mark> floor page of bench/browser.mjs.
// Prints medians (min–max) over --runs runs, a fresh browser context each.
//
//   node bench/peers.mjs [--runs 5] [--adds 11] [--cases 2k,200k] [--timeout 20] [--json FILE]
//
// - render: from handing the peer the text and spans to the first paint after its first
//   highlight is in the DOM (bench/peers/page.js); load: navigation start to that paint.
// - add: first, and the median of the later ones, from the add's start to the new highlight in
//   the DOM; Recogito through its API (addAnnotation), rta-blend through its UI (selection +
//   mouseup). A second after the page showed, 300 ms between adds, as for the app.
// - memory: JS heap (precise) after the first paint.
// A page that does not paint within --timeout seconds (or an add that takes longer) is closed
// and its figure printed as ">N s"; that peer is not run again on that case.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { gzipSize } from "../scripts/gzip-size.mjs";
import { dirname, join } from "node:path";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { serve, ROOT } from "../tests/e2e/harness.mjs";
import { pickCases, makeText, makeSpans, utf16Spans, caseName } from "./docs.mjs";
import { median, stats, cell } from "./report.mjs";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith("--") ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const RUNS = Number(args.runs || 5);
const ADDS = Number(args.adds || 11);
const TIMEOUT = Number(args.timeout || 20);
const CASES = pickCases(args.cases);
const OUT = join(ROOT, "target", "bench", "peers");

const version = (pkg) => JSON.parse(readFileSync(join(ROOT, "node_modules", pkg, "package.json"), "utf8")).version;
const PEERS = [
  { id: "recogito", pkg: "@recogito/text-annotator", short: "Recogito", add: "API (addAnnotation)" },
  { id: "blend", pkg: "react-text-annotate-blend", short: "rta-blend", add: "UI (selection + mouseup)" },
].map((p) => ({ ...p, name: `${p.short} ${version(p.pkg)}` }));

/** Bundles each peer's page script (minified, as a site would ship it); returns gzipped bytes. */
async function bundle() {
  await build({
    entryPoints: Object.fromEntries(PEERS.map((p) => [p.id, join(ROOT, "bench", "peers", `${p.id}.js`)])),
    outdir: OUT,
    bundle: true,
    minify: true,
    format: "iife",
    target: "chrome120",
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "warning",
  });
  const gz = (f) => {
    try {
      return gzipSize(readFileSync(join(OUT, f)));
    } catch {
      return 0;
    }
  };
  return Object.fromEntries(PEERS.map((p) => [p.id, gz(`${p.id}.js`) + gz(`${p.id}.css`)]));
}

/** The peer's page: the floor's container, then the document inlined, then the bundle. */
const pageHtml = (id, data) =>
  `<!doctype html><meta charset="utf-8"><link rel="stylesheet" href="${id}.css">` +
  `<style>#a{white-space:pre-wrap;font:1.08rem/2.3 Georgia,serif;height:860px;overflow:auto;max-width:46rem}</style>` +
  `<div id="a"></div><script>window.BENCH = ${JSON.stringify(data).replace(/</g, "\\u003c")};</script><script src="${id}.js"></script>`;

const overAfter = (s) => new Promise((done) => setTimeout(() => done("timeout"), s * 1000));

/** One run of one peer on one document; figures in ms (memory in bytes), or "timeout" ones. */
async function measurePeer(browser, url, peer, data) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.route(`**/${peer.id}.html`, (route) => route.fulfill({ contentType: "text/html", body: pageHtml(peer.id, data) }));
    await page.goto(`${url}${peer.id}.html`, { waitUntil: "commit" });
    const shown = await Promise.race([page.waitForFunction(() => window.painted, null, { polling: 100, timeout: 0 }).then(() => "ok"), overAfter(TIMEOUT)]);
    if (shown === "timeout") return { timeout: "render" };
    if (errors.length) throw new Error(`${peer.name}: ${errors.join("; ")}`);
    const { load, render, memory } = await page.evaluate(() => ({ load: window.painted, render: window.render, memory: performance.memory.usedJSHeapSize }));
    await page.waitForTimeout(1000);
    const dom = [];
    for (let i = 0; i < ADDS; i++) {
      const t = await Promise.race([page.evaluate((i) => window.benchAdd(i), i), overAfter(TIMEOUT)]);
      if (t === "timeout") return { load, render, memory, timeout: dom.length ? "next" : "first", first: dom[0] };
      if (t === null) break;
      dom.push(t);
      await page.waitForTimeout(300);
    }
    if (errors.length) throw new Error(`${peer.name}: ${errors.join("; ")}`);
    if (dom.length < 2) throw new Error(`${peer.name}: only ${dom.length} words in view to add spans on`);
    return { load, render, memory, first: dom[0], next: median(dom.slice(1)) };
  } finally {
    await context.close();
  }
}

/** Med/min/max over runs per figure; a figure any run timed out on is `{ over: TIMEOUT }`. */
function summarise(runs) {
  const out = {};
  const stopped = runs.find((r) => r.timeout)?.timeout;
  for (const k of ["render", "load", "memory", "first", "next"]) {
    const timedOut =
      (stopped === "render" && k !== "memory") || (stopped === "first" && (k === "first" || k === "next")) || (stopped === "next" && k === "next");
    if (timedOut) out[k] = stopped === "render" && (k === "first" || k === "next") ? undefined : { over: TIMEOUT };
    else out[k] = stats(runs, k);
  }
  return out;
}

mkdirSync(OUT, { recursive: true });
const bytes = await bundle();
const server = await serve(OUT);
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
    const data = { text, spans: utf16Spans(text, spans) };
    const row = { key: c.key, name: caseName(text, spans) };
    for (const peer of PEERS) {
      const runs = [];
      for (let r = 0; r < RUNS; r++) {
        const run = await measurePeer(browser, server.url, peer, data);
        runs.push(run);
        // A peer that timed out once would again: its figure is the timeout.
        if (run.timeout) break;
      }
      row[peer.id] = summarise(runs);
      process.stderr.write(`done ${c.key} ${peer.short}: render ${cell(row[peer.id].render)}\n`);
    }
    rows.push(row);
  }
} finally {
  await browser.close();
  await server.close();
}

const out = { runs: RUNS, adds: ADDS, timeout: TIMEOUT, peers: PEERS.map(({ id, name, short, add }) => ({ id, name, short, add })), bytes, rows };
if (args.json) {
  mkdirSync(dirname(args.json), { recursive: true });
  writeFileSync(args.json, JSON.stringify(out, null, 1));
} else {
  console.log(JSON.stringify(out, null, 1));
}
