// The label schema editor as a person uses it: the Labels panel from the document's toolbar,
// adding a label, renaming a used one (its annotations follow, after a reload too),
// reordering by keyboard (keys follow), deleting a used label after being told what uses it
// and undoing that, and a guideline that shows on the label's button and in the help.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useBrowser, openApp, pasteArticle, dragOver, expectListed, nativeFile, importFile } from "./harness.mjs";

const env = useBrowser();

const TEXT = "Angela Merkel sagte: „Wir schaffen das“. 習近平 said هذا 👩🏽‍💻 later.";

/** The toolbar's label buttons as `name:key`, in order. */
const buttons = (page) =>
  page.locator(".labels .label-btn").evaluateAll((bs) => bs.map((b) => `${b.firstChild.textContent.trim()}:${b.getAttribute("aria-keyshortcuts") ?? "-"}`));

async function expectButtons(page, want) {
  const expected = JSON.stringify(want);
  await page
    .waitForFunction(
      (e) => JSON.stringify([...document.querySelectorAll(".labels .label-btn")].map((b) => `${b.firstChild.textContent.trim()}:${b.getAttribute("aria-keyshortcuts") ?? "-"}`)) === e,
      expected,
      { timeout: 10000 },
    )
    .catch(async () => {
      throw new Error(`label buttons: expected ${expected}, got ${JSON.stringify(await buttons(page))}`);
    });
}

const panel = (page) => page.getByRole("dialog", { name: "Labels" });

async function openPanel(page) {
  await page.getByRole("button", { name: "Labels…" }).click();
  await panel(page).waitFor();
}

async function closePanel(page) {
  await page.keyboard.press("Escape");
  await panel(page).waitFor({ state: "detached" });
}

/** Waits until the panel's status line says something matching `re`. */
async function panelSays(page, re) {
  await page.locator(".labels-status").filter({ hasText: re }).waitFor({ timeout: 15000 });
}

test("add, rename, reorder, delete and undo, guidelines", async () => {
  const { page, context, errors } = await openApp(env.browser, env.server.url);
  await pasteArticle(page, TEXT, "Schema 😀");
  await dragOver(page, "Angela Merkel");
  await page.keyboard.press("1");
  await dragOver(page, "Wir schaffen das");
  await page.keyboard.press("2");
  await dragOver(page, "習近平");
  await page.keyboard.press("1");
  await expectListed(page, ["Entity:Angela Merkel", "Claim:Wir schaffen das", "Entity:習近平"]);

  // Add a label: it takes the next key.
  await openPanel(page);
  await page.getByLabel("New label name").fill("Quelle 👩🏽‍💻");
  await page.keyboard.press("Enter");
  await panelSays(page, /Added the label “Quelle 👩🏽‍💻” \(key 4\)/);
  assert.equal(await page.getByLabel("Name of label 4").inputValue(), "Quelle 👩🏽‍💻");

  // Rename a used label: its annotations follow.
  await page.getByLabel("Name of label 1").fill("Person");
  await page.keyboard.press("Tab");
  await panelSays(page, /Renamed “Entity” to “Person”; its 2 annotations followed/);
  await closePanel(page);
  await expectButtons(page, ["Person:1", "Claim:2", "Quote:3", "Quelle 👩🏽‍💻:4"]);
  await expectListed(page, ["Person:Angela Merkel", "Claim:Wir schaffen das", "Person:習近平"]);

  // After a reload the schema and the annotations are as renamed.
  await page.reload();
  await page.waitForSelector("html[data-app-started]");
  await expectButtons(page, ["Person:1", "Claim:2", "Quote:3", "Quelle 👩🏽‍💻:4"]);
  await expectListed(page, ["Person:Angela Merkel", "Claim:Wir schaffen das", "Person:習近平"]);

  // Reorder by keyboard: Claim up to the top takes key 1.
  await openPanel(page);
  await panel(page).getByRole("button", { name: "Move label Claim up" }).focus();
  await page.keyboard.press("Enter");
  await panelSays(page, /“Claim” is now label 1, key 1/);
  await closePanel(page);
  await expectButtons(page, ["Claim:1", "Person:2", "Quote:3", "Quelle 👩🏽‍💻:4"]);
  await expectListed(page, ["Person:Angela Merkel", "Claim:Wir schaffen das", "Person:習近平"]);
  await dragOver(page, "later");
  await page.keyboard.press("1");
  await expectListed(page, ["Person:Angela Merkel", "Claim:Wir schaffen das", "Person:習近平", "Claim:later"]);

  // Delete a used label: the panel says what uses it and asks; undo puts it all back.
  await openPanel(page);
  await panel(page).getByRole("button", { name: "Delete label Person" }).click();
  const ask = page.getByRole("alertdialog", { name: "Delete the label?" });
  await ask.waitFor();
  assert.match(await ask.textContent(), /2 annotations in 1 document use it/);
  await ask.getByRole("button", { name: "Delete “Person” and its annotations" }).click();
  await panelSays(page, /Deleted the label “Person” and its 2 annotations in 1 document/);
  await closePanel(page);
  await expectButtons(page, ["Claim:1", "Quote:2", "Quelle 👩🏽‍💻:3"]);
  await expectListed(page, ["Claim:Wir schaffen das", "Claim:later"]);
  await openPanel(page);
  await page.getByRole("button", { name: /Undo delete label “Person”/ }).click();
  await panelSays(page, /Put back the label “Person” and its 2 annotations in 1 document/);
  await closePanel(page);
  await expectButtons(page, ["Claim:1", "Person:2", "Quote:3", "Quelle 👩🏽‍💻:4"]);
  await expectListed(page, ["Person:Angela Merkel", "Claim:Wir schaffen das", "Person:習近平", "Claim:later"]);

  // A guideline: on the label's button (hover) and in the help.
  await openPanel(page);
  const guideline = "A statement that can be checked „so“ 😀";
  await page.getByLabel("Guideline for Claim").fill(guideline);
  await page.keyboard.press("Tab");
  await panelSays(page, /Saved the guideline of “Claim”/);
  // A faint colour is said to be too faint.
  await page.getByLabel("Colour of Quote").selectOption("#f0e442");
  await panelSays(page, /only 1\.32:1, below the 3:1/);
  assert.match(await page.locator(".label-row", { has: page.getByLabel("Colour of Quote") }).locator(".contrast").textContent(), /Too low on the light theme/);
  await closePanel(page);
  await page.waitForFunction((g) => document.querySelector(".labels .label-btn")?.getAttribute("title") === g, guideline);
  await page.getByRole("button", { name: "Shortcuts" }).click();
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await help.waitFor();
  assert.match(await help.textContent(), /Claim\s*A statement that can be checked „so“ 😀/);
  await page.keyboard.press("Escape");

  // Everything as stored: back on the home screen after a reload, the panel lists it.
  await page.reload();
  await page.waitForSelector("html[data-app-started]");
  await expectButtons(page, ["Claim:1", "Person:2", "Quote:3", "Quelle 👩🏽‍💻:4"]);
  await expectListed(page, ["Person:Angela Merkel", "Claim:Wir schaffen das", "Person:習近平", "Claim:later"]);
  await page.keyboard.press("Alt+ArrowUp");
  await openPanel(page);
  assert.equal(await page.getByLabel("Guideline for Claim").inputValue(), guideline);
  assert.match(await page.locator(".label-row", { has: page.getByLabel("Guideline for Person") }).locator(".label-usage").textContent(), /2 annotations in 1 document/);
  await closePanel(page);

  assert.deepEqual(errors, []);
  await context.close();
});

test("every label shows its own colour and line style, past the 33rd too, light and dark", async () => {
  const { page, context, errors } = await openApp(env.browser, env.server.url);
  // A file using forty labels of its own, which join the corpus's three; three have colours
  // of their own, the rest the palette's.
  const keys = [..."123456789", ..."beghimoqsuvwxyz"];
  const palette = ["#1d4ed8", "#047857", "#b45309", "#7e22ce", "#be123c", "#0e7490", "#4d7c0f", "#a21caf", "#475569"];
  const own = { 0: "#abcdef", 35: "#123456", 39: "#fedcba" };
  const text = `${TEXT} ${Array.from({ length: 40 }, (_, i) => `w${i}`).join(" ")}`;
  // The first label's span around one of the 36th's; each other label on a word of its own.
  const spans = [["L0", "Angela Merkel sagte", 0], ["L35", "Merkel", 0], ...Array.from({ length: 40 }, (_, i) => [`L${i}`, `w${i}`, 0])];
  const file = nativeFile(text, spans, { id: "forty", title: "Forty labels" });
  file.labels = Array.from({ length: 40 }, (_, i) => ({ name: `L${i}`, hotkey: keys[i] ?? "", color: own[i] ?? palette[i % 9] }));
  file.documents[0].annotations.sort((a, b) => a.start - b.start || b.end - a.end);
  await importFile(page, "forty.annotations.json", JSON.stringify(file));
  await page.getByRole("button", { name: /^Import the \d+ valid annotations$/ }).click();
  await page.waitForSelector(".doc-row");
  await page.locator("#doc-list").focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction((t) => document.querySelector('[aria-label="Article"]')?.textContent === t, text);

  // Each label's position (its button's), and the computed look of its first mark (a span cut
  // by another is several marks; the first has the badge) and of its toolbar button.
  const looks = () =>
    page.evaluate(() => {
      const out = {};
      const names = [...document.querySelectorAll(".labels .label-btn")].map((b) => b.firstChild.textContent.trim());
      for (const m of document.querySelectorAll('[aria-label="Article"] mark.hl')) {
        if (out[m.dataset.label]) continue;
        const s = getComputedStyle(m);
        const badge = getComputedStyle(m, "::before");
        out[m.dataset.label] = {
          position: names.indexOf(m.dataset.label),
          background: s.backgroundColor,
          line: `${s.borderBottomStyle} ${s.borderBottomWidth} ${s.borderBottomColor}`,
          lift: s.paddingBottom,
          badge: badge.content === "none" ? null : badge.borderTopColor,
          name: badge.content,
        };
      }
      document.querySelectorAll(".labels .label-btn").forEach((b, i) => {
        if (out[names[i]]) out[names[i]].button = getComputedStyle(b).borderLeftColor;
      });
      return out;
    });
  const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(", ");
  // A tint as `rgba(r, g, b, a)` with the alpha to two places, however the browser prints it
  // (`rgba(…, 0.161)`, or `color(srgb 0.67 0.8 0.94 / 0.16)` for a mixed colour).
  const tint = (c) => {
    const srgb = /^color\(srgb ([\d.]+) ([\d.]+) ([\d.]+) \/ ([\d.]+)\)$/.exec(c);
    const [r, g, b, a] = srgb ? [...srgb.slice(1, 4).map((v) => Math.round(v * 255)), srgb[4]] : /^rgba\((\d+), (\d+), (\d+), ([\d.]+)\)$/.exec(c)?.slice(1) ?? [c];
    return a === undefined ? c : `rgba(${r}, ${g}, ${b}, ${Number(a).toFixed(2)})`;
  };
  const lines = ["solid", "dashed", "double", "dotted"];
  const light = await looks();
  assert.equal(Object.keys(light).length, 40, "every label has marks");
  for (let i = 0; i < 40; i++) {
    const look = light[`L${i}`];
    const c = rgb(own[i] ?? palette[i % 9]);
    assert.ok(look.position >= 3, `L${i} joined the corpus after its three labels`);
    assert.deepEqual(
      { ...look, background: tint(look.background) },
      {
        position: look.position,
        background: `rgba(${c}, 0.16)`,
        line: `${lines[look.position % 4]} 3px rgb(${c})`,
        // The outer of two nested spans has its line lifted below the inner one's.
        lift: i === 0 ? "4px" : "0px",
        badge: `rgb(${c})`,
        // The badge's text: the label's name.
        name: `"L${i}"`,
        button: `rgb(${c})`,
      },
      `L${i}`,
    );
  }
  assert.ok(light.L35.position >= 33 && light.L39.position >= 33, "labels past the 33rd are among them");

  // A dark colour scheme tints more strongly; lines keep the label's colour.
  await page.emulateMedia({ colorScheme: "dark" });
  const dark = await looks();
  for (const i of [0, 1, 35, 39]) {
    assert.equal(tint(dark[`L${i}`].background), `rgba(${rgb(own[i] ?? palette[i % 9])}, 0.30)`, `L${i} dark`);
    assert.equal(dark[`L${i}`].line, light[`L${i}`].line);
  }
  assert.deepEqual(errors, []);
  await context.close();
});
