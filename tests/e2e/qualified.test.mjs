// Issue 12's whole loop, keyboard only on the fixture article: label a quote and its speaker,
// link them said_by, mark a claim check-worthy, write a note on the speaker; export in every
// format (the export report names what a format cannot carry), then import each export into a
// fresh browser and find the spans, the value, the note and the link again wherever the
// format carries them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { useBrowser, openApp, pasteArticle, expectListed, fixture, tabTo, labelByFind, focusSpan, expectRelations, expectBadge } from "./harness.mjs";

const ARTICLE = fixture("article.txt");
const CLAIM = "called on France and Belgium to uphold justice";
const SPEAKER = "Shamil Mustafayev";
const QUOTE = "“France, stop supporting Armenian terrorism”";
const NOTE = "Diaspora activist: check his role «BAC» 🧐";
const SPANS = [`Claim:${CLAIM}`, `Entity:${SPEAKER}`, `Quote:${QUOTE}`];
const env = useBrowser();

async function exportAs(page, name) {
  await page.locator("summary", { hasText: "Export as…" }).click();
  const downloaded = page.waitForEvent("download");
  const menu = page.getByRole("list", { name: "Export formats" });
  await menu.locator(".menu-item").filter({ has: page.locator(".menu-name").getByText(name, { exact: true }) }).click();
  // The first export in a browser asks for the annotator's name once.
  const ask = page.getByRole("dialog", { name: "Your annotator name" });
  const first = await Promise.race([downloaded.then(() => "download"), ask.waitFor({ timeout: 5000 }).then(() => "ask", () => "none")]);
  if (first === "ask") await ask.getByRole("button", { name: "Export without a name" }).click();
  const download = await downloaded;
  const status = await page.getByRole("status").filter({ hasText: "Exported" }).last().textContent();
  return { file: download.suggestedFilename(), bytes: await readFile(await download.path()), status };
}

// What each format carries (issue 12's table) and what its export report must name.
const FORMATS = [
  { name: "Article Annotator JSON", attrs: true, notes: true, links: true },
  { name: "JSONL (spaCy, Prodigy, Hugging Face)", attrs: true, notes: true, links: true },
  { name: "Label Studio JSON", attrs: true, notes: true, links: true },
  { name: "brat standoff", attrs: true, notes: true, links: true },
  { name: "W3C Web Annotation (JSON-LD)", attrs: true, notes: true, links: true },
  { name: "doccano JSONL", attrs: false, notes: false, links: true },
  { name: "CoNLL / IOB2", attrs: false, notes: false, links: false },
];

test("keyboard only: a quote, its speaker, the link, a check-worthy claim and a note survive every format that can carry them", async () => {
  const { page, context, errors } = await openApp(env.browser, env.server.url);
  await pasteArticle(page, ARTICLE, "Rally in The Hague");

  // Claim → check-worthy (yes, no, unsure), from the Labels panel by keyboard.
  await page.getByRole("button", { name: "Labels…" }).focus();
  await page.keyboard.press("Enter");
  const panel = page.getByRole("dialog", { name: "Labels" });
  await panel.waitFor();
  await page.getByRole("textbox", { name: "New attribute of Claim", exact: true }).focus();
  await page.keyboard.type("check-worthy");
  await page.keyboard.press("Tab");
  await page.keyboard.press("o");
  await page.keyboard.press("Tab");
  await page.keyboard.type("yes, no, unsure");
  await page.keyboard.press("Enter");
  await page.locator(".labels-status").filter({ hasText: "Claim now has the attribute “check-worthy”" }).waitFor();
  await page.keyboard.press("Escape");
  await panel.waitFor({ state: "detached" });

  await tabTo(page, "Article");
  await labelByFind(page, CLAIM, 1);
  await labelByFind(page, SPEAKER, 0);
  await labelByFind(page, QUOTE, 2);
  await expectListed(page, SPANS);

  // The quote (third span): L, s for said_by, the speaker is the nearest target, Enter.
  await focusSpan(page, 3);
  await page.keyboard.press("l");
  await page.keyboard.press("s");
  await page.locator(".notices .status", { hasText: `said_by Entity “${SPEAKER}”` }).waitFor();
  await page.keyboard.press("Enter");
  await page.locator(".notices .status", { hasText: "Linked: Quote" }).waitFor();

  // The claim (first span): T, "ye", Enter.
  await focusSpan(page, 1);
  await page.keyboard.press("t");
  await page.getByRole("dialog", { name: /Attributes of Claim/ }).waitFor();
  await page.keyboard.type("ye");
  await page.keyboard.press("Enter");
  await expectBadge(page, CLAIM, "yes");

  // The speaker (second span): Shift+N, the note, Ctrl+Enter.
  await focusSpan(page, 2);
  await page.keyboard.press("Shift+N");
  await page.getByRole("dialog", { name: /Note/ }).waitFor();
  await page.keyboard.type(NOTE);
  await page.keyboard.press("Control+Enter");
  await expectBadge(page, SPEAKER, "✎");

  const files = [];
  for (const f of FORMATS) {
      const out = await exportAs(page, f.name);
    const lost = [
      [f.attrs, /1 attribute value left out/],
      [f.notes, /1 note left out/],
      [f.links, /1 relation left out/],
    ];
    for (const [carried, says] of lost) {
      if (carried) assert.doesNotMatch(out.status, says, `${f.name}: ${out.status}`);
      else assert.match(out.status, says, `${f.name} says what it leaves out: ${out.status}`);
    }
    files.push({ ...f, ...out });
  }
  assert.deepEqual(errors, []);
  await context.close();

  // Each export into a fresh browser: everything its format carries is there again.
  for (const f of files.filter((f) => f.name !== "CoNLL / IOB2")) {
    const fresh = await openApp(env.browser, env.server.url);
    const p = fresh.page;
    await pasteArticle(p, "A scratch article.", "Scratch");
    await p.getByLabel("Import JSON").setInputFiles({ name: f.file, mimeType: "application/octet-stream", buffer: f.bytes });
    // The import report, when one is shown, is accepted as is.
    const report = p.getByRole("button", { name: /^Import the \d+ valid annotations?$|^Open it$|^Import$/ });
    await Promise.race([report.first().waitFor({ timeout: 8000 }).then(() => report.first().click()), p.waitForFunction(() => document.querySelectorAll("mark.hl").length > 0, null, { timeout: 8000 })]).catch(() => {});
    await expectListed(p, SPANS);
    if (f.attrs) await expectBadge(p, CLAIM, "yes");
    if (f.notes) await expectBadge(p, SPEAKER, "✎");
    if (f.links) {
      await focusSpan(p, 3);
      await p.keyboard.press("Enter");
      await expectRelations(p, [`said_by → Entity “${SPEAKER}”`]);
    }
    assert.deepEqual(fresh.errors, [], f.name);
    await fresh.context.close();
  }
});
