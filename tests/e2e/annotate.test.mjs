// The annotate loop as a person uses it, against the release build in headless Chromium:
// paste, label with the mouse and keys, undo and redo, reload, export, import.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  useBrowser, nativeFile, openApp, pasteArticle, articleText, dragOver, expectListed, listed, exportJson, importFile,
  schemaErrors, codePointRange, fixture,
} from "./harness.mjs";

const ARTICLE = fixture("article.txt");
const UNICODE = fixture("unicode.txt");
const env = useBrowser();

test("paste, label three spans with the mouse, undo, redo, reload, export", async () => {
  const { page, errors, context } = await openApp(env.browser, env.server.url);
  await pasteArticle(page, ARTICLE);
  assert.equal(await articleText(page), ARTICLE, "the article's textContent is exactly the pasted text");

  await dragOver(page, "Elsever Mammadov");
  await page.keyboard.press("1");
  await dragOver(page, "“Karabakh is Azerbaijan”");
  await page.keyboard.press("3");
  // Inside the quote just made, dragged right to left.
  await dragOver(page, "Karabakh", { nth: 1, backwards: true });
  await page.keyboard.press("1");
  const three = ["Entity:Elsever Mammadov", "Quote:“Karabakh is Azerbaijan”", "Entity:Karabakh"];
  await expectListed(page, three);
  assert.equal(await articleText(page), ARTICLE, "highlights and badges add no text");

  await page.keyboard.press("Control+Z");
  await expectListed(page, three.slice(0, 2));
  await page.keyboard.press("Control+Shift+Z");
  await expectListed(page, three);
  await page.getByRole("button", { name: "Undo" }).click();
  await expectListed(page, three.slice(0, 2));
  await page.keyboard.press("Control+Y");
  await expectListed(page, three);

  await page.reload();
  await page.waitForSelector("html[data-app-started]");
  await expectListed(page, three);
  assert.equal(await articleText(page), ARTICLE);

  const { name, json } = await exportJson(page, { annotator: "Zoë 👩🏽‍💻" });
  assert.equal(name, "date-2020-12-06-by-vafa-ismayilova.annotations.json");
  assert.equal(json.annotator, "Zoë 👩🏽‍💻", "the first export asked for the name");
  assert.deepEqual(schemaErrors(json), []);
  assert.deepEqual(json.documents[0].annotations, [
    { id: "a1", label: "Entity", start: 388, end: 404, text: "Elsever Mammadov" },
    { id: "a2", label: "Quote", start: 898, end: 922, text: "“Karabakh is Azerbaijan”" },
    { id: "a3", label: "Entity", start: 899, end: 907, text: "Karabakh" },
  ]);
  assert.equal(json.documents[0].text, ARTICLE);
  assert.equal(json.offset_unit, "codepoint");
  assert.deepEqual(errors, []);
  await context.close();
});

test("on a long article the blocks drawing highlights are laid out at once, the others left for the browser to skip", async () => {
  const { page, errors, context } = await openApp(env.browser, env.server.url);
  const long = (ARTICLE + "\n").repeat(40);
  await pasteArticle(page, long);
  await dragOver(page, "Elsever Mammadov");
  await page.keyboard.press("1");
  await expectListed(page, ["Entity:Elsever Mammadov"]);
  const blocks = await page.evaluate(() =>
    [...document.querySelectorAll('[aria-label="Article"] > div')].map((b) => ({
      marks: b.querySelectorAll("mark").length,
      visibility: getComputedStyle(b).contentVisibility,
    })),
  );
  assert.ok(blocks.length > 20, `a long article is many blocks (${blocks.length})`);
  const drawn = blocks.filter((b) => b.marks > 0);
  assert.equal(drawn.length, 1, "one block holds the new highlight");
  // The first screens are laid out in the frame that draws them, not left to
  // `content-visibility: auto` to find on screen a frame later.
  assert.equal(drawn[0].visibility, "visible");
  assert.equal(blocks[blocks.length - 1].marks, 0);
  assert.equal(blocks[blocks.length - 1].visibility, "auto", "a block far away is skipped until seen");

  // A block drawn by a slice once scrolled to keeps `auto`: every "UN Security Council" is
  // labelled through Find, and the article scrolled to its end a screen per frame.
  await page.keyboard.press("/");
  // Stepping and labelling hits show once there is something to find.
  const findbar = page.getByRole("search", { name: "Find in the article" });
  assert.equal(await findbar.getByRole("button").count(), 0);
  assert.equal(await findbar.getByLabel("Label for hits").count(), 0);
  await page.keyboard.type("UN Security Council");
  await page.locator("#find-count").filter({ hasText: "1 of 80 hits" }).waitFor();
  assert.deepEqual(
    await findbar.getByRole("button").evaluateAll((bs) => bs.map((b) => b.getAttribute("aria-label") ?? b.textContent)),
    ["Previous hit", "Next hit", "Label current", "Label all 80"],
  );
  await page.getByLabel("Label for hits").selectOption({ label: "Claim" });
  await page.getByRole("button", { name: "Label all 80" }).click();
  await page.getByRole("heading", { name: "Annotations (81)" }).waitFor();
  // What leaves the blocks while scrolling: a block left far behind stops drawing its
  // highlights by taking out the one element that holds them, not each mark and text run.
  await page.evaluate(() => {
    const a = document.querySelector('[aria-label="Article"]');
    window.leftBlocks = [];
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.target.parentElement !== a) continue;
        for (const n of r.removedNodes) window.leftBlocks.push(n.nodeType === 1 ? `${n.nodeName.toLowerCase()}.${n.className}` : n.nodeName);
      }
    }).observe(a, { childList: true, subtree: true });
  });
  await page.evaluate(async () => {
    const a = document.querySelector('[aria-label="Article"]');
    const frame = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
    for (let before = -1; a.scrollTop !== before; await frame()) {
      before = a.scrollTop;
      a.scrollTop += a.clientHeight;
    }
  });
  const last = await page.waitForFunction(() => {
    const b = document.querySelector('[aria-label="Article"]').lastElementChild;
    const marks = b.querySelectorAll("mark");
    return marks.length > 0 && { text: marks[marks.length - 1].textContent, visibility: getComputedStyle(b).contentVisibility };
  });
  assert.deepEqual(await last.jsonValue(), { text: "UN Security Council", visibility: "auto" });
  const left = await page.waitForFunction(() => window.leftBlocks.some((n) => n === "span.hls" || n.startsWith("mark.")) && window.leftBlocks);
  assert.deepEqual([...new Set(await left.jsonValue())].filter((n) => n !== "#text").sort(), ["span.hls"]);
  assert.equal(await articleText(page), long);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a word longer than a line wraps inside the article: nothing to scroll sideways", async () => {
  const { page, errors, context } = await openApp(env.browser, env.server.url);
  // A pasted URL or token with no space in it, 3,000 characters, between two short lines.
  const text = "Before.\n" + "x".repeat(3000) + "\nAfter.";
  await pasteArticle(page, text);
  const sizes = await page.evaluate(() => {
    const a = document.querySelector('[aria-label="Article"]');
    const line = parseFloat(getComputedStyle(a).lineHeight);
    return { scroll: a.scrollWidth, client: a.clientWidth, lines: a.scrollHeight / line };
  });
  assert.ok(sizes.scroll <= sizes.client, `the article does not scroll sideways (${sizes.scroll} > ${sizes.client})`);
  assert.ok(sizes.lines > 10, `the long word wraps onto many lines (${sizes.lines.toFixed(1)})`);
  assert.equal(await articleText(page), text);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the same label on the same range twice is refused with a message", async () => {
  const { page, context } = await openApp(env.browser, env.server.url);
  await pasteArticle(page, ARTICLE);
  await dragOver(page, "Ilhan Askin");
  await page.getByRole("button", { name: "Entity" }).click();
  await dragOver(page, "Ilhan Askin");
  await page.keyboard.press("1");
  await page.getByRole("alert").filter({ hasText: "“Ilhan Askin” is already labelled Entity" }).waitFor();
  assert.deepEqual(await listed(page), ["Entity:Ilhan Askin"]);
  await context.close();
});

test("relabel and delete from the list; a selection across paragraphs", async () => {
  const { page, context } = await openApp(env.browser, env.server.url);
  await pasteArticle(page, ARTICLE);
  await dragOver(page, "Azertag has reported.\n\nThe rally");
  await page.keyboard.press("2");
  await expectListed(page, ["Claim:Azertag has reported.\n\nThe rally"]);
  const item = page.getByRole("listitem").first();
  await item.getByRole("combobox").selectOption({ label: "Quote" });
  await expectListed(page, ["Quote:Azertag has reported.\n\nThe rally"]);
  await item.getByRole("button", { name: "Delete" }).click();
  await expectListed(page, []);
  await page.keyboard.press("Control+Z");
  await expectListed(page, ["Quote:Azertag has reported.\n\nThe rally"]);
  await context.close();
});

test("import an astral-character file as a new document, export it back unchanged, label after an emoji", async () => {
  const { page, context, errors } = await openApp(env.browser, env.server.url);
  await pasteArticle(page, ARTICLE);
  await dragOver(page, "Elsever Mammadov");
  await page.keyboard.press("1");

  const file = nativeFile(UNICODE, [
    ["Entity", "👨‍👩‍👧", 0],
    ["Quote", "“Cafe\u0301 prices are fair.”", 0],
    ["Claim", "Cafe\u0301 prices are fair", 0],
    ["Entity", "習近平", 0],
    ["Entity", "أردوغان", 0],
    ["Entity", "𝔐𝔞𝔱𝔥", 0],
  ], { id: "doc-unicode", title: "Família" });
  // Sorted as the app sorts: by start, the longer first.
  file.documents[0].annotations.sort((a, b) => a.start - b.start || b.end - a.end);
  const content = JSON.stringify(file, null, 2);
  await importFile(page, "unicode.annotations.json", content);
  // A clean file joins the corpus as a new document and opens; the first one stays.
  await page.waitForFunction((t) => document.querySelector('[aria-label="Article"]')?.textContent === t, UNICODE);

  const back = await exportJson(page);
  assert.deepEqual(back.json, file, "exported back unchanged");
  assert.equal(back.raw, content, "byte for byte");

  // "visits" comes after the ZWJ family emoji: 5 code points but 8 UTF-16 units.
  await dragOver(page, "visits");
  await page.keyboard.press("2");
  const after = await exportJson(page);
  const added = after.json.documents[0].annotations.find((a) => a.text === "visits");
  assert.ok(added, "the new span is exported");
  const [start, end] = codePointRange(UNICODE, "visits");
  assert.deepEqual([added.start, added.end, added.label], [start, end, "Claim"]);
  assert.equal([...UNICODE].slice(added.start, added.end).join(""), "visits");
  assert.deepEqual(schemaErrors(after.json), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a file with problems changes nothing until the user decides", async () => {
  const { page, context } = await openApp(env.browser, env.server.url);
  await pasteArticle(page, ARTICLE);
  await dragOver(page, "Elsever Mammadov");
  await page.keyboard.press("1");

  await importFile(page, "broken.json", "{ this is not json");
  const failed = page.getByRole("alert").filter({ hasText: "broken.json could not be imported" });
  await failed.waitFor();
  assert.match(await failed.textContent(), /not valid JSON/);
  await failed.getByRole("button", { name: "OK" }).click();
  await expectListed(page, ["Entity:Elsever Mammadov"]);

  const bad = nativeFile("😀 Obama visited Paris.", [["Entity", "Obama", 0], ["Entity", "Paris", 0]]);
  bad.documents[0].annotations.push(
    { id: "far", label: "Entity", start: 10, end: 99, text: "x" },
    { id: "backwards", label: "Entity", start: 9, end: 3, text: "" },
    { id: "utf16", label: "Entity", start: 3, end: 8, text: "Obama" },
    { id: "person", label: "Person", start: 2, end: 7, text: "Obama" },
  );
  await importFile(page, "bad.json", JSON.stringify(bad));
  const alert = page.getByRole("alert").filter({ hasText: "bad.json has 4 problems" });
  await alert.waitFor();
  const text = await alert.textContent();
  for (const want of [
    "annotation “far”: offsets 10–99 reach past the end of the text, which has 22 characters",
    "annotation “backwards”: its start (9) comes after its end (3)",
    "annotation “utf16”: the file says it covers “Obama” but the text at its offsets is “bama ”",
    "annotation “person”: the label “Person” is not in the file's label list",
  ]) {
    assert.ok(text.includes(want), `missing: ${want}`);
  }
  await expectListed(page, ["Entity:Elsever Mammadov"]);
  await alert.getByRole("button", { name: "Cancel" }).click();
  await expectListed(page, ["Entity:Elsever Mammadov"]);

  await importFile(page, "bad.json", JSON.stringify(bad));
  await page.getByRole("button", { name: "Import the 2 valid annotations" }).click();
  await expectListed(page, ["Entity:Obama", "Entity:Paris"]);
  await context.close();
});

test("when storage fails the user is warned, keeps working and can export", async () => {
  const init = () => {
    Storage.prototype.setItem = function () {
      throw new DOMException("quota", "QuotaExceededError");
    };
  };
  const { page, context } = await openApp(env.browser, env.server.url, { init });
  await pasteArticle(page, ARTICLE);
  await page.getByRole("alert").filter({ hasText: "Your work is not being saved in this browser" }).waitFor();
  await dragOver(page, "Elsever Mammadov");
  await page.keyboard.press("1");
  await expectListed(page, ["Entity:Elsever Mammadov"]);
  const { json } = await exportJson(page);
  assert.equal(json.documents[0].annotations.length, 1);
  await context.close();
});
