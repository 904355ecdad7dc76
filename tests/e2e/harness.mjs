// Shared helpers for the end-to-end tests: a static server for dist/ on 127.0.0.1, Debian's
// headless Chromium driven by playwright-core, and the gestures a person makes (paste, drag
// the mouse over a phrase, press keys, download, upload).
import { createServer } from "node:http";
import { readFile, mkdtemp, rm } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { join, extname, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { tmpdir } from "node:os";
import { before, after } from "node:test";
import { chromium } from "playwright-core";
import Ajv2020 from "ajv/dist/2020.js";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const DIST = process.env.DIST_DIR || join(ROOT, "dist");
export const fixture = (name) => readFileSync(join(ROOT, "tests", "fixtures", name), "utf8");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".json": "application/json",
};

/** Serves `dir` on a free port of 127.0.0.1. */
export async function serve(dir = DIST) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const file = join(dir, path.endsWith("/") ? path + "index.html" : path);
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream", "cache-control": "no-store" });
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(ok)) };
}

/**
 * Starts the static server and the browser before a test file's tests and stops them after;
 * the returned object's `server` and `browser` are set once the tests run.
 */
export function useBrowser() {
  const env = {};
  before(async () => {
    env.server = await serve();
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/** The standard labels, as the native format writes them. */
export const STANDARD_LABELS = [
  { name: "Entity", hotkey: "1", color: "#1d4ed8" },
  { name: "Claim", hotkey: "2", color: "#047857" },
  { name: "Quote", hotkey: "3", color: "#b45309" },
];

/**
 * A native file of one document, built here independently of the app. `spans` are
 * `{label, start, end}` in code points, or `[label, needle, nth]` phrases to find.
 */
export function nativeFile(text, spans, { id = "doc", title = "Untitled" } = {}) {
  const chars = [...text];
  const annotations = spans.map((s, i) => {
    if (Array.isArray(s)) {
      const [label, needle, nth] = s;
      const [start, end] = codePointRange(text, needle, nth);
      return { id: `u${i + 1}`, label, start, end, text: needle };
    }
    return { id: `b${i}`, ...s, text: chars.slice(s.start, s.end).join("") };
  });
  return { format: "article-annotator", version: 1, offset_unit: "codepoint", labels: STANDARD_LABELS, documents: [{ id, title, text, annotations }] };
}

/** Headless Debian Chromium; never a browser that a test tool downloads. */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * A fresh page (fresh storage) with the app loaded and started. `init` runs before the page's
 * own scripts on every load: a function, or `[function, argument]`.
 */
export async function openApp(browser, url, { init } = {}) {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: url });
  if (Array.isArray(init)) await context.addInitScript(init[0], init[1]);
  else if (init) await context.addInitScript(init);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.goto(url);
  await page.waitForSelector("html[data-app-started]");
  return { context, page, errors };
}

/**
 * Pastes `text` into the "Article text" box with Ctrl+V, as a person would: the box shows on
 * the home screen while the corpus is empty, else after "New document".
 */
export async function pasteArticle(page, text, title) {
  await page.waitForSelector("#draft-text, .doc-list, [aria-label='Article']");
  if (!(await page.locator("#draft-text").isVisible())) {
    await page.getByRole("button", { name: "New document" }).first().click();
    await page.waitForSelector("#draft-text");
  }
  if (title !== undefined) await page.getByLabel("Title (optional)").fill(title);
  const box = page.getByLabel("Article text");
  await box.focus();
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press("Control+V");
  await page.getByRole("button", { name: "Start annotating" }).click();
  await page.waitForSelector('[aria-label="Article"]');
}

/** The article element's textContent. */
export const articleText = (page) => page.locator('[aria-label="Article"]').evaluate((el) => el.textContent);

/**
 * Where the first and the last character of the `nth` occurrence of `needle` in the article
 * are drawn: `{start, end}`, points just inside the first glyph's left edge and the last
 * glyph's right edge, in client coordinates.
 */
export async function phraseEdges(page, needle, nth = 0) {
  return page.evaluate(
    ({ needle, nth }) => {
      const article = document.querySelector('[aria-label="Article"]');
      const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
      const nodes = [];
      let all = "";
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push({ n, at: all.length });
        all += n.data;
      }
      let idx = -1;
      for (let i = 0; i <= nth; i++) idx = all.indexOf(needle, idx + 1);
      if (idx < 0) throw new Error(`"${needle}" #${nth} not in the article`);
      const locate = (pos) => {
        const hit = nodes.filter((x) => x.at <= pos).pop();
        return { node: hit.n, offset: pos - hit.at };
      };
      // The client rectangles of the UTF-16 units [from, to) of the article text.
      const rectsOf = (from, to) => {
        const a = locate(from);
        const b = locate(to - 1);
        const r = document.createRange();
        r.setStart(a.node, a.offset);
        r.setEnd(b.node, b.offset + 1);
        return [...r.getClientRects()].filter((q) => q.width > 0);
      };
      const first = rectsOf(idx, idx + 1)[0];
      const lowSurrogate = (c) => c >= 0xdc00 && c <= 0xdfff;
      const lastUnit = needle.length - 1 - (lowSurrogate(needle.charCodeAt(needle.length - 1)) ? 1 : 0);
      const lastRects = rectsOf(idx + lastUnit, idx + needle.length);
      const last = lastRects[lastRects.length - 1];
      return {
        start: { x: first.left + 1, y: first.top + first.height / 2 },
        end: { x: last.right - 1, y: last.top + last.height / 2 },
      };
    },
    { needle, nth },
  );
}

/**
 * Drags the mouse over the `nth` occurrence of `needle` in the article, from its first
 * character to its last (or backwards). Positions come from the rendered glyphs.
 */
export async function dragOver(page, needle, { nth = 0, backwards = false, keepsSelection = true } = {}) {
  const pts = await phraseEdges(page, needle, nth);
  const [from, to] = backwards ? [pts.end, pts.start] : [pts.start, pts.end];
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
  // With a label armed, the app labels the selection on release and clears it.
  if (!keepsSelection) return;
  // Selection.toString() renders block breaks its own way; compare the words only.
  const words = (s) => s.replace(/\s+/g, " ").trim();
  const selected = await page.evaluate(() => String(getSelection()));
  if (words(selected) !== words(needle)) throw new Error(`dragging over "${needle}" selected "${selected}"`);
}

/**
 * Selects the article's text from UTF-16 offset `from` to `to` (of its `textContent`), set in
 * the page rather than dragged: it may split a grapheme cluster, which a drag never does.
 */
export function selectUtf16(page, from, to) {
  return page.evaluate(
    ([from, to]) => {
      const article = document.querySelector('[aria-label="Article"]');
      // The text node and offset holding UTF-16 offset `at` of the article's text.
      const point = (at) => {
        const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (at <= node.length) return [node, at];
          at -= node.length;
        }
        throw new Error(`offset ${at} is past the article's text`);
      };
      const range = document.createRange();
      range.setStart(...point(from));
      range.setEnd(...point(to));
      getSelection().removeAllRanges();
      getSelection().addRange(range);
    },
    [from, to],
  );
}

/**
 * The "Annotations" list as `label:text` strings, in order; runs in the page. Given
 * `expected` (a JSON string) it answers whether the list equals it, for waitForFunction.
 */
function listedInPage(expected) {
  const list = document.querySelector('[role="list"][aria-label="Annotations"]');
  const got = list
    ? [...list.querySelectorAll("li")].map((li) => `${li.querySelector(".tag").textContent}:${li.querySelector(".covered").textContent}`)
    : [];
  return expected === undefined ? got : JSON.stringify(got) === expected;
}

export const listed = (page) => page.evaluate(listedInPage);

/** Waits until the list shows exactly `want` (a condition, not a sleep). */
export async function expectListed(page, want) {
  const expected = JSON.stringify(want);
  try {
    await page.waitForFunction(listedInPage, expected, { timeout: 5000 });
  } catch {
    throw new Error(`annotations list: expected ${expected}, got ${JSON.stringify(await listed(page))}`);
  }
}

/**
 * Clicks "Export JSON" and returns the downloaded file's name and parsed content. The first
 * export in a browser without an annotator name asks for one: the answer is `annotator`, or
 * "Export without a name".
 */
export async function exportJson(page, { annotator } = {}) {
  const downloaded = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export JSON" }).click();
  const ask = page.getByRole("dialog", { name: "Your annotator name" });
  const first = await Promise.race([downloaded.then(() => "download"), ask.waitFor({ timeout: 5000 }).then(() => "ask", () => "none")]);
  if (first === "ask") {
    if (annotator) {
      await ask.getByRole("textbox").fill(annotator);
      await ask.getByRole("button", { name: "Save and export" }).click();
    } else {
      await ask.getByRole("button", { name: "Export without a name" }).click();
    }
  }
  const download = await downloaded;
  const path = await download.path();
  const raw = await readFile(path, "utf8");
  return { name: download.suggestedFilename(), raw, json: JSON.parse(raw) };
}

/** Loads a file through the "Import JSON" input. */
export async function importFile(page, name, content) {
  await page.getByLabel("Import JSON").setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(content, "utf8") });
}

let validator;
/** Validates an export against the committed JSON Schema; returns the errors. */
export function schemaErrors(json) {
  if (!validator) {
    const schema = JSON.parse(readFileSync(join(ROOT, "schema", "article-annotator.v1.schema.json"), "utf8"));
    validator = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
  }
  return validator(json) ? [] : validator.errors;
}

/** Code point offsets of the `nth` occurrence of `needle` in `text` (what Python would say). */
export function codePointRange(text, needle, nth = 0) {
  let idx = -1;
  for (let i = 0; i <= nth; i++) idx = text.indexOf(needle, idx + 1);
  if (idx < 0) throw new Error(`"${needle}" not in text`);
  const start = [...text.slice(0, idx)].length;
  return [start, start + [...needle].length];
}

/** A temporary folder removed by the returned function. */
export async function tempDir() {
  const dir = await mkdtemp(join(process.env.TMPDIR || tmpdir(), "aa-e2e-"));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

// Keyboard helpers for spans, their values and links (relations, attributes, the whole loop).

const activeName = (page) =>
  page.evaluate(() => document.activeElement?.getAttribute("aria-label") || document.activeElement?.textContent);

/** Presses Tab until the element with this accessible label (or text) has the keyboard. */
export async function tabTo(page, name) {
  for (let i = 0; i < 80; i++) {
    if ((await activeName(page)) === name) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${name}`);
}

/** Labels the one hit of `needle` with the label `steps` down the Find bar's list. */
export async function labelByFind(page, needle, steps) {
  await page.keyboard.press("/");
  await page.keyboard.press("Control+a");
  await page.keyboard.type(needle);
  await page.locator("#find-count").filter({ hasText: "1 of 1 hit" }).waitFor();
  await tabTo(page, "Label for hits");
  // The list keeps the last choice: back to the first label, then down.
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowUp");
  for (let i = 0; i < steps; i++) await page.keyboard.press("ArrowDown");
  await tabTo(page, "Label current");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Escape");
}

/** Puts the keyboard in the article at its start and focuses the `n`th span (1-based) with Tab and J. */
export async function focusSpan(page, n) {
  await page.keyboard.press("Escape");
  await tabTo(page, "Article");
  await page.keyboard.press("Control+Home");
  await page.keyboard.press("Tab");
  for (let i = 1; i < n; i++) await page.keyboard.press("j");
}

/** Waits until the relations the details panel lists are `want`. */
export async function expectRelations(page, want) {
  const shown = () => [...document.querySelectorAll(".relations .relation")].map((b) => b.textContent);
  await page
    .waitForFunction((w) => JSON.stringify([...document.querySelectorAll(".relations .relation")].map((b) => b.textContent)) === w, JSON.stringify(want), { timeout: 5000 })
    .catch(async () => {
      throw new Error(`relations: expected ${JSON.stringify(want)}, got ${JSON.stringify(await page.evaluate(shown))}`);
    });
}

/** Waits until a span drawn over `text` carries the badge `want`. */
export async function expectBadge(page, text, want) {
  await page
    .waitForFunction(
      ({ text, want }) =>
        [...document.querySelectorAll("mark.hl.e")].some((m) => m.textContent.trim() === text && m.getAttribute("data-q") === want),
      { text, want },
      { timeout: 10000 },
    )
    .catch(async () => {
      const got = await page.evaluate(() => [...document.querySelectorAll("mark.hl.e")].map((m) => `${m.textContent}=${m.getAttribute("data-q")}`));
      throw new Error(`badge of “${text}”: expected ${want}, got ${JSON.stringify(got)}`);
    });
}
