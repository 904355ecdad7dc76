// A typical visit, recorded (scripts/split-profile.sh): drives an instrumented build in headless
// Chromium and writes, for each page load, which functions of the page's wasm ran.
//
//   node scripts/split-profile.mjs DIST OUT_DIR
//
// The visit, in page loads, each recorded apart:
//  1. a first start with nothing stored; a short text with accents and emoji pasted and two
//     selections that split a grapheme cluster labelled; three articles pasted; spans labelled with the mouse and
//     with the keyboard, the page left (pagehide) while one is being saved, undone and redone,
//     one deleted; the document list; the next document;
//  2. (not recorded) 10,000 documents imported from JSON Lines, so the next loads see a corpus;
//  3. a reload onto the list of 10,003 documents; moving down it; a document opened, a span
//     labelled, done and on to the next; back to the list, and into a document again, where a
//     span is labelled too;
//  4. a reload, which reopens that document with its stored spans and undo steps; a span
//     labelled with a label used there; back to the list.
// Everything else (imports, exports, the schema, settings, relations, attributes, find) loads
// after start-up (scripts/split.sh).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { serve, launch, openApp, pasteArticle, dragOver, expectListed, fixture, selectUtf16 } from "../tests/e2e/harness.mjs";

const [dist, out] = process.argv.slice(2);
const ARTICLE = fixture("article.txt");
let loads = 0;

/** Writes this page load's record (`__write_profile`, added by wasm-split --instrument). */
async function record(page) {
  const bytes = await page.evaluate(() => {
    const wasm = window.appWasm;
    const size = wasm.__write_profile(0, 0);
    // Pages of memory the app's allocator never hands out: it grows memory only for itself.
    const base = wasm.memory.grow(Math.ceil(size / 65536)) * 65536;
    const written = wasm.__write_profile(base, size);
    return Array.from(new Uint8Array(wasm.memory.buffer, base, written));
  });
  writeFileSync(join(out, `load-${loads++}.prof`), Buffer.from(bytes));
}

const server = await serve(dist);
const browser = await launch();
try {
  const { page, errors } = await openApp(browser, server.url);
  // Accents and emoji: a selection that splits a grapheme cluster is widened to whole ones.
  const accents = "Cafe\u0301 owners cheered 👍🏽 in Baku.";
  await pasteArticle(page, accents, "Accents");
  await selectUtf16(page, 0, 4);
  await page.keyboard.press("1");
  await selectUtf16(page, accents.indexOf("👍") + 3, accents.indexOf(" in"));
  await page.keyboard.press("2");
  await expectListed(page, ["Entity:Cafe\u0301", "Claim:👍🏽"]);
  await pasteArticle(page, ARTICLE.slice(0, 2000), "First");
  await pasteArticle(page, ARTICLE.slice(2000), "Second");
  await pasteArticle(page, ARTICLE, "Third");
  await dragOver(page, "Elsever Mammadov");
  await page.keyboard.press("1");
  // Leaving the page (hidden or closed) while the label's save is under way: the paste box and
  // the change are kept at once (a journal), which a page being closed must do on the first
  // part alone (it cannot load the second then).
  await page.evaluate(async () => {
    for (let i = 0; i < 50; i++) {
      window.dispatchEvent(new Event("pagehide"));
      if (Object.keys(localStorage).some((k) => k.startsWith("article-annotator/journal/"))) return;
      await new Promise((next) => setTimeout(next, 0));
    }
  });
  await dragOver(page, "“Karabakh is Azerbaijan”");
  await page.keyboard.press("3");
  await dragOver(page, "Karabakh", { nth: 1, backwards: true });
  await page.keyboard.press("1");
  await expectListed(page, ["Entity:Elsever Mammadov", "Quote:“Karabakh is Azerbaijan”", "Entity:Karabakh"]);
  await page.keyboard.press("Control+Z");
  await page.keyboard.press("Control+Shift+Z");
  await page.keyboard.press("Delete");
  await page.keyboard.press("Control+Z");
  await page.keyboard.press("Alt+ArrowUp");
  await page.waitForSelector(".doc-row");
  await page.locator("#doc-list").focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await page.waitForSelector('[aria-label="Article"]');
  await page.keyboard.press("Control+Enter");
  await page.waitForSelector('[aria-label="Article"]');
  await record(page);

  // As many as the corpus goal of issue 13: sorting past 4,096 rows takes code that fewer do not.
  const docs = 10000;
  // Like a corpus a dataset builder brings: metadata, and spans in some of the documents.
  const lines = Array.from({ length: docs }, (_, i) => {
    const text = `Report ${i}. The committee met on Tuesday; Azerbaijan and the Hague were named. `.repeat(8);
    const spans = i % 3 === 0 ? [{ start: 0, end: 6, label: "Entity" }, { start: 30, end: 39, label: "Claim" }] : [];
    return JSON.stringify({ text, meta: { source: "visit", n: String(i) }, spans });
  });
  const corpus = join(out, "corpus.jsonl");
  writeFileSync(corpus, lines.join("\n") + "\n");
  await page.keyboard.press("Alt+ArrowUp");
  await page.getByLabel("Import JSON").setInputFiles(corpus);
  await page.getByRole("button", { name: `Import ${docs} documents` }).click({ timeout: 120_000 });
  await page.waitForFunction((n) => (document.querySelector(".progress")?.textContent ?? "").includes(`of ${n} done`), docs + 4, { timeout: 120_000 });

  await page.reload();
  await page.waitForSelector("html[data-app-started]");
  await page.waitForFunction((n) => (document.querySelector(".progress")?.textContent ?? "").includes(`of ${n} done`), docs + 4);
  await page.locator("#doc-list").focus();
  await page.keyboard.press("Home");
  for (let i = 0; i < 3; i++) await page.keyboard.press("PageDown");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await page.waitForSelector('[aria-label="Article"]');
  await dragOver(page, "Azerbaijan");
  await page.keyboard.press("1");
  await page.keyboard.press("Control+Enter");
  await page.waitForSelector('[aria-label="Article"]');
  await page.keyboard.press("Alt+ArrowUp");
  await page.waitForSelector(".doc-row");
  await page.locator("#doc-list").focus();
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.waitForSelector('[aria-label="Article"]');
  // Spans in it, saved, so that the reload below reopens a document with stored spans and
  // steps (a person coming back to their work), which reads records no other step reads.
  // More spans and steps than a vector's first allocation holds (four), as most labelled
  // documents have: reading them back grows vectors, code a document with fewer never runs.
  for (const [word, key] of [["Minsk", "3"], ["OSCE", "1"], ["Russia", "1"], ["France", "1"], ["Group", "2"], ["United States", "1"]]) {
    await dragOver(page, word);
    await page.keyboard.press(key);
    await page.waitForFunction((w) => (document.querySelector('[aria-label="Annotations"]')?.textContent ?? "").includes(w), word);
  }
  await page.waitForFunction(() => !Object.keys(localStorage).some((k) => k.startsWith("article-annotator/journal/")));
  await record(page);

  await page.reload();
  await page.waitForSelector("html[data-app-started]");
  await page.waitForSelector('[aria-label="Article"]');
  await dragOver(page, "Azerbaijan");
  // A label the document uses already, as most spans a person adds have.
  await page.keyboard.press("3");
  await page.waitForFunction(() => (document.querySelector('[aria-label="Annotations"]')?.textContent ?? "").includes("Azerbaijan"));
  await page.keyboard.press("Alt+ArrowUp");
  await page.waitForSelector(".doc-row");
  await record(page);
  if (errors.length) throw new Error(`the visit had errors: ${errors.join("; ")}`);
} finally {
  await browser.close();
  await server.close();
}
