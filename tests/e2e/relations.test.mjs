// Relations as people make them, against the release build in headless Chromium: keyboard
// only (label a quote and its speaker, link them said_by, see it in the details panel, reload,
// delete the speaker, undo), a mouse drag from a span's link handle onto another span, and an
// axe-core audit with relations on screen.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { useBrowser, openApp, pasteArticle, dragOver, expectListed, fixture, ROOT, tabTo, labelByFind, focusSpan, expectRelations } from "./harness.mjs";

const ARTICLE = fixture("article.txt");
const QUOTE = "“France, stop supporting Armenian terrorism”";
const SPEAKER = "Shamil Mustafayev";
const env = useBrowser();

const focusedLabel = (page) => page.locator("mark.f").first().getAttribute("data-label");

/** The relations listed in the details panel. */
test("keyboard only: link a quote to its speaker, reload, delete the speaker, undo", async () => {
  const { page, context, errors } = await openApp(env.browser, env.server.url);
  await pasteArticle(page, ARTICLE);
  await page.locator('[aria-label="Article"]').focus();
  await labelByFind(page, SPEAKER, 0);
  await labelByFind(page, QUOTE, 2);
  await expectListed(page, [`Entity:${SPEAKER}`, `Quote:${QUOTE}`]);

  // The quote (second span), L, "s" for said_by: the speaker is the nearest target.
  await focusSpan(page, 2);
  assert.equal(await focusedLabel(page), "Quote");
  await page.keyboard.press("l");
  await page.locator(".notices .status", { hasText: "choose the relation type" }).waitFor();
  await page.keyboard.press("s");
  await page.locator(".notices .status", { hasText: `said_by Entity “${SPEAKER}”, 1 of 1.` }).waitFor();
  await page.locator(".arcs rect.cand").waitFor();
  await page.keyboard.press("Enter");
  await page.locator(".notices .status", { hasText: "Linked: Quote" }).waitFor();
  await page.keyboard.press("Enter");
  await expectRelations(page, [`said_by → Entity “${SPEAKER}”`]);
  assert.equal(await page.locator(".arcs path.arc").count(), 1, "one arc drawn");

  await page.reload();
  await page.waitForSelector('[aria-label="Article"]');
  await expectListed(page, [`Entity:${SPEAKER}`, `Quote:${QUOTE}`]);
  await focusSpan(page, 1);
  await page.keyboard.press("Enter");
  await expectRelations(page, [`← Quote “${QUOTE}” said_by`]);

  // Deleting the speaker takes the relation; one undo brings both back.
  await page.keyboard.press("Delete");
  await expectListed(page, [`Quote:${QUOTE}`]);
  await focusSpan(page, 1);
  await page.keyboard.press("Enter");
  await expectRelations(page, []);
  await page.locator(".relations", { hasText: "Relations (0)" }).waitFor();
  await page.keyboard.press("Control+z");
  await expectListed(page, [`Entity:${SPEAKER}`, `Quote:${QUOTE}`]);
  await focusSpan(page, 2);
  await page.keyboard.press("Enter");
  await expectRelations(page, [`said_by → Entity “${SPEAKER}”`]);

  // Unlink from the keyboard: Tab to the relation, Delete.
  await tabTo(page, `said_by → Entity “${SPEAKER}”`);
  await page.keyboard.press("Delete");
  await page.locator(".relations", { hasText: "Relations (0)" }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("dragging a span's link handle onto another span links them; axe stays clean", async () => {
  // axe is injected as a script, which the app's CSP would refuse; only this test bypasses it.
  const context = await env.browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.server.url });
  const page = await context.newPage();
  await page.goto(env.server.url);
  await page.waitForSelector("html[data-app-started]");
  await pasteArticle(page, ARTICLE);
  await dragOver(page, SPEAKER);
  await page.keyboard.press("1");
  await dragOver(page, QUOTE);
  await page.keyboard.press("3");
  await expectListed(page, [`Entity:${SPEAKER}`, `Quote:${QUOTE}`]);

  await page.locator("mark.hl", { hasText: "stop supporting" }).first().click();
  const handle = page.locator(".arcs .link-handle");
  await handle.waitFor();
  // The handle follows the article as it scrolls, down and back (the layer listens to the
  // scroll only while it shows something: here the focused span's handle).
  // How far the handle sits below the focused span's last mark, measured in the page.
  const still = await page.evaluate(() => {
    window.handleGap = () => {
      const h = document.querySelector(".arcs .link-handle").getBoundingClientRect();
      const m = [...document.querySelectorAll("mark.f")].pop().getBoundingClientRect();
      return h.y - m.y;
    };
    return window.handleGap();
  });
  for (const by of [80, -80]) {
    const moved = await page.locator('[aria-label="Article"]').evaluate((a, by) => {
      const top = a.scrollTop;
      a.scrollTop += by;
      return a.scrollTop - top;
    }, by);
    assert.equal(moved, by, "the article scrolled");
    await page.waitForFunction((still) => Math.abs(window.handleGap() - still) < 1, still, { timeout: 5000 });
  }
  const from = await handle.boundingBox();
  const to = await page.locator("mark.hl", { hasText: SPEAKER }).first().boundingBox();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 6 });
  await page.mouse.up();
  await page.locator(".notices .status", { hasText: "Linked: Quote" }).waitFor();
  await page.keyboard.press("Enter");
  await expectRelations(page, [`said_by → Entity “${SPEAKER}”`]);

  // Focusing the relation outlines both ends.
  await page.locator(".relations .relation").focus();
  await page.waitForFunction(() => document.querySelectorAll(".arcs rect.end").length === 2);

  await page.addScriptTag({ path: join(ROOT, "node_modules", "axe-core", "axe.min.js") });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`), []);

  // Unlink with the mouse.
  await page.getByRole("button", { name: `Unlink: Quote “${QUOTE}” said_by Entity “${SPEAKER}”` }).click();
  await page.locator(".relations", { hasText: "Relations (0)" }).waitFor();
  await context.close();
});

test("relation types in the Labels panel: add a pair, rename a used type, delete it after a count", async () => {
  const { page, context, errors } = await openApp(env.browser, env.server.url);
  await pasteArticle(page, ARTICLE);
  await dragOver(page, SPEAKER);
  await page.keyboard.press("1");
  await dragOver(page, QUOTE);
  await page.keyboard.press("3");
  await expectListed(page, [`Entity:${SPEAKER}`, `Quote:${QUOTE}`]);
  await page.locator("mark.hl", { hasText: "stop supporting" }).first().click();
  await page.keyboard.press("l");
  await page.keyboard.press("1");
  await page.keyboard.press("Enter");
  await page.locator(".notices .status", { hasText: "Linked: Quote" }).waitFor();

  await page.getByRole("button", { name: "Labels…" }).click();
  const panel = page.getByRole("dialog", { name: "Labels" });
  await panel.waitFor();
  // A pair: Claim → Quote for related_to (which linked any two spans until now).
  await panel.getByLabel("related_to: from label").selectOption("Claim");
  await panel.getByLabel("related_to: to label").selectOption("Quote");
  await panel.getByRole("button", { name: "Add pair to related_to" }).click();
  await panel.getByText("“related_to” now links Claim to Quote.").waitFor();
  await panel.getByRole("button", { name: "Remove Claim → Quote from related_to" }).waitFor();

  // Rename the used type: the document's relation follows.
  await panel.getByLabel("New name for said_by").fill("spoken_by 🗣");
  await panel.getByRole("button", { name: "Rename said_by" }).click();
  await panel.getByText("Renamed the relation type “said_by” to “spoken_by 🗣”; its relations followed.").waitFor();

  // Delete it: counted, asked, removed.
  await panel.getByRole("button", { name: "Delete spoken_by 🗣" }).click();
  const ask = panel.getByRole("alertdialog", { name: "Delete the relation type?" });
  await ask.getByText("That removes its 1 relation in 1 document").waitFor();
  await ask.getByRole("button", { name: "Delete “spoken_by 🗣” and its relations" }).click();
  await panel.getByText("Deleted the relation type “spoken_by 🗣” and its 1 relation in 1 document.").waitFor();
  await page.keyboard.press("Escape");
  await panel.waitFor({ state: "detached" });
  await page.locator("mark.hl", { hasText: "stop supporting" }).first().click();
  await page.keyboard.press("Enter");
  await page.locator(".relations", { hasText: "Relations (0)" }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
