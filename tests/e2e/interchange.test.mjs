// Interchange through the UI: the Export menu names what each format loses, a multi-file
// format downloads as one zip, and an import with UTF-16 offsets is detected and repaired.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { useBrowser, openApp, pasteArticle, dragOver, expectListed, importFile, fixture } from "./harness.mjs";

const ARTICLE = fixture("article.txt");
const env = useBrowser();

async function exportAs(page, name) {
  await page.locator("summary", { hasText: "Export as…" }).click();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("list", { name: "Export formats" }).getByRole("button", { name }).click(),
  ]);
  return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

test("the Export menu says what a lossy format leaves out, and brat comes zipped", async () => {
  const { page, context } = await openApp(env.browser, env.server.url);
  await pasteArticle(page, ARTICLE, "Rally in The Hague");
  await dragOver(page, "“Karabakh is Azerbaijan”");
  await page.keyboard.press("3");
  await dragOver(page, "Karabakh", { nth: 1 });
  await page.keyboard.press("1");
  await expectListed(page, ["Quote:“Karabakh is Azerbaijan”", "Entity:Karabakh"]);

  const conll = await exportAs(page, "CoNLL / IOB2");
  assert.equal(conll.name, "rally-in-the-hague.iob2.conll");
  const lines = conll.bytes.toString("utf8").split("\n");
  // UAX #29 makes the opening quotation mark a token of its own: the quote is five tokens.
  const at = lines.indexOf("“ B-Quote");
  assert.ok(at > 0, "the quote (the longer span) is kept");
  assert.deepEqual(lines.slice(at, at + 5), ["“ B-Quote", "Karabakh I-Quote", "is I-Quote", "Azerbaijan I-Quote", "” I-Quote"]);
  assert.equal(lines.filter((l) => l.endsWith("-Entity")).length, 0, "the nested entity is not");
  const status = page.getByRole("status");
  await status.filter({ hasText: "Not carried by CoNLL / IOB2" }).waitFor();
  assert.match(await status.textContent(), /Entity “Karabakh”/, "the dropped span is named");

  const brat = await exportAs(page, "brat standoff");
  assert.equal(brat.name, "rally-in-the-hague.brat.zip");
  assert.equal(brat.bytes.subarray(0, 4).toString("latin1"), "PK\u0003\u0004", "a zip file");
  assert.ok(brat.bytes.includes(Buffer.from("rally-in-the-hague.ann")), "the .ann is inside");

  const native16 = await exportAs(page, "Article Annotator JSON, UTF-16 offsets");
  const json = JSON.parse(native16.bytes.toString("utf8"));
  assert.equal(json.offset_unit, "utf16");
  await context.close();
});

test("a doccano file with UTF-16 offsets is detected and repaired on request", async () => {
  const { page, context } = await openApp(env.browser, env.server.url);
  await pasteArticle(page, ARTICLE);
  const text = "👨‍👩‍👧 Obama visited Paris with 👍🏽 Macron.";
  // doccano's browser UI counts UTF-16 code units.
  const u16 = (needle) => {
    const i = text.indexOf(needle);
    return [i, i + needle.length];
  };
  const line = JSON.stringify({
    id: 7,
    text,
    label: [[...u16("Obama"), "PERSON"], [...u16("Paris"), "LOC"], [...u16("Macron"), "PERSON"]],
  });
  await importFile(page, "export.jsonl", line + "\n");
  const dialog = page.getByRole("alert").filter({ hasText: "UTF-16" });
  await dialog.waitFor();
  await dialog.getByRole("button", { name: /Convert the offsets/ }).click();
  await page.getByRole("button", { name: "Import the 3 valid annotations" }).click();
  await expectListed(page, ["PERSON:Obama", "LOC:Paris", "PERSON:Macron"]);
  await context.close();
});

test("the Import format choice reads a file detection cannot place", async () => {
  const { page, context } = await openApp(env.browser, env.server.url);
  await pasteArticle(page, ARTICLE);
  // CoNLL with most tokens untagged: too few tagged lines for detection, and no extension
  // that names a format.
  const conll = "Rally B-Entity\nin\nThe\nHague\n";
  await importFile(page, "wire.dat", conll);
  const refused = page.getByRole("alert").filter({ hasText: "could not be recognised" });
  await refused.waitFor();
  await refused.getByRole("button", { name: /^(OK|Cancel)$/ }).first().click();
  await refused.waitFor({ state: "detached" });

  await page.getByRole("combobox", { name: "Import format" }).selectOption({ label: "CoNLL / IOB2" });
  await importFile(page, "wire.dat", conll);
  const dialog = page.getByRole("alert").filter({ hasText: "wire.dat has 3 problems" });
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /the token “in” has no tag; read as O/);
  await dialog.getByRole("button", { name: "Import the 1 valid annotation" }).click();
  await expectListed(page, ["Entity:Rally"]);
  assert.equal(await page.locator('[aria-label="Article"]').textContent(), "Rally in The Hague");
  // The choice stays for the next import.
  assert.equal(await page.getByRole("combobox", { name: "Import format" }).inputValue(), await page.getByRole("combobox", { name: "Import format" }).locator("option", { hasText: "CoNLL / IOB2" }).getAttribute("value"));
  await context.close();
});
