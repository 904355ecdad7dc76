// Keyboard-first and precise annotation, as people do it: the whole loop without a mouse,
// handle resizing, double-click and sticky labels with the mouse, find-and-label-all, and an
// axe-core accessibility audit of every screen.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  useBrowser, openApp, phraseEdges, pasteArticle, dragOver, expectListed, exportJson, codePointRange, fixture, ROOT,
} from "./harness.mjs";

const ARTICLE = fixture("article.txt");
const env = useBrowser();

const selected = (page) => page.evaluate(() => String(getSelection()));
// The caret: whether the selection is collapsed, and where its focus is in the article's text
// (UTF-16 units from the article's start, as `String.prototype.indexOf` counts).
const caret = (page) => page.evaluate(() => {
  const s = getSelection();
  const r = document.createRange();
  r.setStart(document.querySelector('[aria-label="Article"]'), 0);
  r.setEnd(s.focusNode, s.focusOffset);
  return { collapsed: s.isCollapsed, at: r.toString().length };
});
const endOf = (needle) => ARTICLE.indexOf(needle) + needle.length;
const focusIsArticle = (page) => page.evaluate(() => document.activeElement?.getAttribute("aria-label") === "Article");

test("the whole loop without a mouse", async () => {
  const { page, context, errors } = await openApp(env.browser, env.server.url);
  // Paste and start, by keyboard only.
  await page.getByLabel("Article text").focus();
  await page.evaluate((t) => navigator.clipboard.writeText(t), ARTICLE);
  await page.keyboard.press("Control+V");
  await page.getByRole("button", { name: "Start annotating" }).focus();
  await page.keyboard.press("Enter");
  await page.waitForSelector('[aria-label="Article"]');

  // Tab reaches the article.
  for (let i = 0; i < 40 && !(await focusIsArticle(page)); i++) await page.keyboard.press("Tab");
  assert.ok(await focusIsArticle(page), "Tab reaches the article");

  // Another span first: the end of the first line, two words back.
  await page.keyboard.press("End");
  await page.keyboard.press("Control+Shift+ArrowLeft");
  await page.keyboard.press("Control+Shift+ArrowLeft");
  assert.equal((await selected(page)).trim(), "Vafa Ismayilova");
  await page.keyboard.press("1");
  // The caret stays where the selection ended, whatever the new highlight did to the text
  // node it was in: the keyboard user goes on from there.
  await expectListed(page, ["Entity:Vafa Ismayilova"]);
  assert.deepEqual(await caret(page), { collapsed: true, at: endOf("Vafa Ismayilova") }, "the caret after the first label");

  // Two words with Ctrl+Shift+Right at the start of the first paragraph, labelled Claim.
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Home");
  await page.keyboard.press("Control+Shift+ArrowRight");
  await page.keyboard.press("Control+Shift+ArrowRight");
  assert.equal((await selected(page)).trim(), "Azerbaijani diaspora");
  await page.keyboard.press("2");
  await expectListed(page, ["Entity:Vafa Ismayilova", "Claim:Azerbaijani diaspora"]);
  assert.deepEqual(await caret(page), { collapsed: true, at: endOf("Azerbaijani diaspora") }, "the caret after the second label");

  // Tab steps to the new span; its end grows by one word; 1 makes it an Entity.
  await page.keyboard.press("Tab");
  assert.equal(await page.locator("mark.f").first().getAttribute("data-label"), "Claim", "the new span is focused");
  await page.keyboard.press("Control+Shift+ArrowRight");
  await expectListed(page, ["Entity:Vafa Ismayilova", "Claim:Azerbaijani diaspora organizations"]);
  await page.keyboard.press("1");
  await expectListed(page, ["Entity:Vafa Ismayilova", "Entity:Azerbaijani diaspora organizations"]);

  // Shift+Tab to the other span and delete it; undo both changes.
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Delete");
  await expectListed(page, ["Entity:Azerbaijani diaspora organizations"]);
  await page.keyboard.press("Control+z");
  await page.keyboard.press("Control+z");
  await expectListed(page, ["Entity:Vafa Ismayilova", "Claim:Azerbaijani diaspora organizations"]);
  assert.ok(await focusIsArticle(page), "the keyboard never left the article");

  // Export with the keyboard and check the exact offsets.
  await page.keyboard.press("Escape");
  const exportButton = page.getByRole("button", { name: "Export JSON" });
  await exportButton.focus();
  // The first export asks for the annotator name; the keyboard answers it too.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    (async () => {
      await page.keyboard.press("Enter");
      await page.getByRole("dialog", { name: "Your annotator name" }).waitFor();
      await page.keyboard.type("Kim 김");
      await page.keyboard.press("Enter");
    })(),
  ]);
  const json = JSON.parse(await (await import("node:fs/promises")).readFile(await download.path(), "utf8"));
  const want = (label, needle) => {
    const [start, end] = codePointRange(ARTICLE, needle);
    return { label, start, end, text: needle };
  };
  assert.deepEqual(
    json.documents[0].annotations.map(({ label, start, end, text }) => ({ label, start, end, text })),
    [want("Entity", "Vafa Ismayilova"), want("Claim", "Azerbaijani diaspora organizations")],
  );
  assert.equal(json.annotator, "Kim 김");
  assert.equal(await page.locator('[aria-label="Article"]').evaluate((el) => el.textContent), ARTICLE, "the text never changed");
  assert.deepEqual(errors, []);
  await context.close();
});

test("typing in the article changes nothing", async () => {
  const { page, context } = await openApp(env.browser, env.server.url);
  await pasteArticle(page, ARTICLE);
  await page.locator('[aria-label="Article"]').focus();
  await page.keyboard.type("xyz");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Control+X");
  assert.equal(await page.locator('[aria-label="Article"]').evaluate((el) => el.textContent), ARTICLE);
  await context.close();
});

test("mouse: resize by handle, double-click a word, sticky label", async () => {
  const { page, context } = await openApp(env.browser, env.server.url);
  await pasteArticle(page, ARTICLE);

  await dragOver(page, "Elsever");
  await page.keyboard.press("1");
  await expectListed(page, ["Entity:Elsever"]);
  await page.locator("mark.hl", { hasText: "Elsever" }).click();
  // The handle is an empty element (no text); its grip is drawn by CSS beside it.
  const handle = page.locator(".handle.he");
  await handle.waitFor({ state: "attached" });
  const box = await handle.boundingBox();
  const target = (await phraseEdges(page, "Mammadov")).end;
  await page.mouse.move(box.x + 5, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x, target.y, { steps: 6 });
  await page.mouse.up();
  await expectListed(page, ["Entity:Elsever Mammadov"]);
  await page.keyboard.press("Control+z");
  await expectListed(page, ["Entity:Elsever"]);
  await page.keyboard.press("Control+y");
  await expectListed(page, ["Entity:Elsever Mammadov"]);

  // Double-click selects a word.
  const ilhan = (await phraseEdges(page, "Ilhan")).start;
  await page.mouse.dblclick(ilhan.x + 8, ilhan.y);
  assert.equal((await selected(page)).trim(), "Ilhan");

  // A label key with nothing selected arms it; three selections in a row get it.
  await page.keyboard.press("Escape");
  await page.evaluate(() => getSelection().removeAllRanges());
  await page.keyboard.press("3");
  const quote = page.getByRole("button", { name: "Quote", exact: true });
  assert.equal(await quote.getAttribute("aria-pressed"), "true");
  for (const name of ["Maisa Aghamirzayeva", "Lamiya Babayeva", "Shamil Mustafayev"]) {
    await dragOver(page, name, { keepsSelection: false });
  }
  await expectListed(page, [
    "Entity:Elsever Mammadov",
    "Quote:Maisa Aghamirzayeva",
    "Quote:Lamiya Babayeva",
    "Quote:Shamil Mustafayev",
  ]);
  await page.keyboard.press("Escape");
  assert.equal(await quote.getAttribute("aria-pressed"), "false", "Escape disarms");
  await context.close();
});

test("find Azerbaijan, whole word, and label every hit in one undoable step", async () => {
  const { page, context } = await openApp(env.browser, env.server.url);
  await pasteArticle(page, ARTICLE);
  // Counted here independently: "Azerbaijan" not inside a longer word (letters, digits, _).
  const expected = [...ARTICLE.matchAll(/(?<![\p{L}\p{N}_])Azerbaijan(?![\p{L}\p{N}_])/gu)].length;
  assert.ok(expected > 3);

  await page.keyboard.press("/");
  await page.keyboard.type("Azerbaijan");
  await page.getByLabel("Whole word").check();
  await page.locator("#find-count").filter({ hasText: `1 of ${expected} hits` }).waitFor();
  assert.equal(await page.locator(".hit").count() > 0, true, "hits are highlighted");
  await page.getByRole("searchbox", { name: "Find" }).press("Enter");
  await page.locator("#find-count").filter({ hasText: `2 of ${expected} hits` }).waitFor();
  await page.getByRole("searchbox", { name: "Find" }).press("Shift+Enter");
  await page.locator("#find-count").filter({ hasText: `1 of ${expected} hits` }).waitFor();

  await page.getByLabel("Label for hits").selectOption({ label: "Entity" });
  assert.match(await page.locator("#find-preview").textContent(), new RegExp(`creates ${expected} Entity spans`));
  await page.getByRole("button", { name: `Label all ${expected}` }).click();
  await page.getByRole("heading", { name: `Annotations (${expected})` }).waitFor();
  const { json } = await exportJson(page);
  const anns = json.documents[0].annotations;
  assert.equal(anns.length, expected);
  assert.ok(anns.every((a) => a.label === "Entity" && a.text === "Azerbaijan"));

  await page.getByRole("button", { name: "Undo" }).click();
  await page.getByRole("heading", { name: "Annotations (0)" }).waitFor();
  await context.close();
});

test("axe-core finds no serious or critical violation on any screen", async () => {
  // axe is injected as a script, which the app's CSP would refuse; only this test bypasses it.
  const context = await env.browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.server.url });
  const page = await context.newPage();
  await page.goto(env.server.url);
  await page.waitForSelector("html[data-app-started]");
  const audit = async (where) => {
    await page.addScriptTag({ path: join(ROOT, "node_modules", "axe-core", "axe.min.js") });
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
    const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    assert.deepEqual(
      bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
      [],
      `violations on ${where}`,
    );
  };
  await audit("the empty page");

  await pasteArticle(page, ARTICLE);
  await dragOver(page, "“Karabakh is Azerbaijan”");
  await page.keyboard.press("3");
  await dragOver(page, "Karabakh is Azerbaijan");
  await page.keyboard.press("2");
  await dragOver(page, "Karabakh", { nth: 1 });
  await page.keyboard.press("1");
  await page.locator("mark.hl", { hasText: "Karabakh" }).first().click();
  await page.keyboard.press("Enter");
  await audit("the annotating view with nested spans and span details");

  await page.getByRole("searchbox", { name: "Find" }).fill("Azerbaijan");
  await page.locator("#find-count").filter({ hasText: "hits" }).waitFor();
  await audit("the find box with hits");

  await page.getByRole("button", { name: "Shortcuts" }).click();
  await page.getByRole("dialog", { name: "Keyboard shortcuts" }).waitFor();
  await audit("the help overlay");
  await page.keyboard.press("Escape");
  await page.getByRole("dialog").waitFor({ state: "detached" });

  await page.getByRole("button", { name: "Labels…" }).click();
  await page.getByRole("dialog", { name: "Labels" }).waitFor();
  await audit("the labels panel");
  await page.keyboard.press("Escape");
  await page.getByRole("dialog").waitFor({ state: "detached" });

  await page.emulateMedia({ colorScheme: "dark" });
  await audit("the dark theme");
  await context.close();
});

test("the shortcut help and the Labels panel take the keyboard when they open; the help gives it back to the article", async () => {
  const { page, context, errors } = await openApp(env.browser, env.server.url);
  await pasteArticle(page, ARTICLE.slice(0, 600), "Focus");
  await page.locator('[aria-label="Article"]').focus();
  const active = () => page.evaluate(() => ({ id: document.activeElement?.id, text: document.activeElement?.textContent }));

  await page.keyboard.press("?");
  await page.getByRole("dialog", { name: "Keyboard shortcuts" }).waitFor();
  assert.deepEqual(await active(page), { id: "help-close", text: "Close" }, "the help's Close button has the keyboard");
  await page.keyboard.press("Escape");
  await page.getByRole("dialog").waitFor({ state: "detached" });
  assert.ok(await focusIsArticle(page), "the article has the keyboard again after the help");
  // Twice: the dialog is drawn afresh each time it opens.
  await page.keyboard.press("?");
  await page.getByRole("dialog", { name: "Keyboard shortcuts" }).waitFor();
  assert.equal((await active(page)).id, "help-close");
  await page.keyboard.press("Enter");
  await page.getByRole("dialog").waitFor({ state: "detached" });
  assert.ok(await focusIsArticle(page), "Close gives the keyboard back to the article");

  await page.getByRole("button", { name: "Labels…" }).click();
  const labels = page.getByRole("dialog", { name: "Labels" });
  await labels.waitFor();
  assert.equal((await active(page)).id, "labels-title", "the Labels panel's heading has the keyboard");
  // Adding a label reads the form's text box and empties it.
  await labels.getByLabel("New label name").fill("Source");
  await page.keyboard.press("Enter");
  await labels.getByRole("textbox", { name: "Name of label 4" }).waitFor();
  assert.equal(await labels.getByRole("textbox", { name: "Name of label 4" }).inputValue(), "Source");
  assert.equal(await labels.getByLabel("New label name").inputValue(), "");
  await page.keyboard.press("Escape");
  await page.getByRole("dialog").waitFor({ state: "detached" });

  // The home screen's Settings: saving the form sets the name and closes it; it shows the name
  // when opened again.
  await page.keyboard.press("Alt+ArrowUp");
  const settings = page.getByRole("button", { name: "Settings" });
  await settings.click();
  await page.getByRole("form", { name: "Settings" }).waitFor();
  assert.equal(await settings.getAttribute("aria-expanded"), "true");
  await page.getByLabel("Your annotator name (exports name it)").fill("Ana Ñ");
  await page.keyboard.press("Enter");
  await page.getByRole("form", { name: "Settings" }).waitFor({ state: "detached" });
  assert.equal(await settings.getAttribute("aria-expanded"), "false");
  await settings.click();
  assert.equal(await page.getByLabel("Your annotator name (exports name it)").inputValue(), "Ana Ñ");
  assert.deepEqual(errors, []);
  await context.close();
});
