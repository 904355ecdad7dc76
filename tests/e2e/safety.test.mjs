// Nothing is lost, as a person would test it against the release build: two tabs labelling
// the same article, a reload right after typing, a stored document that cannot be read, a file
// over the import limit, and "New article" over work that has spans.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useBrowser, openApp, pasteArticle, dragOver, expectListed, importFile, fixture } from "./harness.mjs";

const ARTICLE = fixture("article.txt");
const env = useBrowser();

/** A second tab of the same browser profile (shared storage), with the app started. */
async function secondTab(context, url) {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector("html[data-app-started]");
  return page;
}

const stored = (page) =>
  page.evaluate(() => JSON.parse(localStorage.getItem("article-annotator/document") || "null"));

const storedLabels = async (page) =>
  ((await stored(page))?.documents[0].annotations ?? []).map((a) => `${a.label}:${a.text}`);

test("two tabs label the same article: each sees the other's spans and nothing is lost", async () => {
  const { page: one, context } = await openApp(env.browser, env.server.url);
  await pasteArticle(one, ARTICLE);
  const two = await secondTab(context, env.server.url);
  await two.waitForSelector('[aria-label="Article"]');

  await dragOver(one, "Elsever Mammadov");
  await one.keyboard.press("1");
  // The other tab hears of the save and shows it.
  await expectListed(two, ["Entity:Elsever Mammadov"]);
  await two.getByRole("status").filter({ hasText: "changed in another tab" }).waitFor();

  await dragOver(two, "Ilhan Askin");
  await two.keyboard.press("1");
  await expectListed(one, ["Entity:Elsever Mammadov", "Entity:Ilhan Askin"]);

  await dragOver(one, "“Karabakh is Azerbaijan”");
  await one.keyboard.press("3");
  const all = ["Entity:Elsever Mammadov", "Entity:Ilhan Askin", "Quote:“Karabakh is Azerbaijan”"];
  await expectListed(two, all);

  for (const page of [one, two]) {
    await page.reload();
    await page.waitForSelector("html[data-app-started]");
    await expectListed(page, all);
  }
  assert.deepEqual(await storedLabels(one), all);
  await context.close();
});

test("a tab that fell behind another does not write over it, and the user chooses", async () => {
  const { page: one, context } = await openApp(env.browser, env.server.url);
  await pasteArticle(one, ARTICLE);
  await dragOver(one, "Elsever Mammadov");
  await one.keyboard.press("1");
  await expectListed(one, ["Entity:Elsever Mammadov"]);
  await one.waitForFunction(() => localStorage.getItem("article-annotator/revision") !== null);
  // Another tab's save that this tab has not heard of yet: a tab never gets `storage` events
  // for its own writes, so writing here stands for a save racing this tab's next change.
  const theirs = await one.evaluate(() => {
    const doc = JSON.parse(localStorage.getItem("article-annotator/document"));
    const text = doc.documents[0].text;
    const start = [...text.slice(0, text.indexOf("Ilhan Askin"))].length;
    doc.documents[0].annotations.push({ id: "t1", label: "Claim", start, end: start + 11, text: "Ilhan Askin" });
    localStorage.setItem("article-annotator/document", JSON.stringify(doc));
    localStorage.setItem("article-annotator/revision", String(Number(localStorage.getItem("article-annotator/revision")) + 1));
    return JSON.stringify(doc);
  });

  await dragOver(one, "“Karabakh is Azerbaijan”");
  await one.keyboard.press("3");
  const dialog = one.getByRole("alertdialog", { name: "Changed in another tab" });
  await dialog.waitFor();
  assert.equal(JSON.stringify(await stored(one)), theirs, "this tab's change did not overwrite the other one");

  // Keep this tab's version as a copy, then take the other one.
  const [download] = await Promise.all([
    one.waitForEvent("download"),
    dialog.getByRole("button", { name: "Export this tab's version" }).click(),
  ]);
  assert.match(download.suggestedFilename(), /\.annotations\.json$/);
  await dialog.getByRole("button", { name: "Load the other version" }).click();
  await expectListed(one, ["Entity:Elsever Mammadov", "Claim:Ilhan Askin"]);
  await one.reload();
  await one.waitForSelector("html[data-app-started]");
  await expectListed(one, ["Entity:Elsever Mammadov", "Claim:Ilhan Askin"]);
  await context.close();
});

test("the paste box and its title survive a reload right after typing", async () => {
  const { page, context } = await openApp(env.browser, env.server.url);
  await page.getByLabel("Title (optional)").fill("Митинг в Гааге 😀");
  await page.getByLabel("Article text").fill("Первая строка\nвторая");
  // No pause: the page is hidden and closed at once, which must flush pending saves.
  await page.reload();
  await page.waitForSelector("html[data-app-started]");
  assert.equal(await page.getByLabel("Title (optional)").inputValue(), "Митинг в Гааге 😀");
  assert.equal(await page.getByLabel("Article text").inputValue(), "Первая строка\nвторая");
  await context.close();
});

test("stored work that cannot be read is kept aside, never overwritten", async () => {
  const broken = '{"format": "article-annotator", "version": 1, "documents": [{"text": "cut off';
  const init = (value) => {
    if (!sessionStorage.getItem("seeded")) {
      sessionStorage.setItem("seeded", "1");
      localStorage.setItem("article-annotator/document", value);
    }
  };
  const { page, context } = await openApp(env.browser, env.server.url, { init: [init, broken] });
  await page.getByRole("alert").filter({ hasText: "Your saved work could not be read" }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem("article-annotator/recovered")), broken);
  // Working on goes on in a fresh article; the copy aside stays as it was.
  await pasteArticle(page, ARTICLE);
  await dragOver(page, "Elsever Mammadov");
  await page.keyboard.press("1");
  await expectListed(page, ["Entity:Elsever Mammadov"]);
  await page.waitForFunction(() => localStorage.getItem("article-annotator/document")?.includes("Elsever"));
  assert.equal(await page.evaluate(() => localStorage.getItem("article-annotator/recovered")), broken);
  await context.close();
});

test("a file over the import limit is refused before it is read, and nothing changes", async () => {
  const { page, context } = await openApp(env.browser, env.server.url);
  await pasteArticle(page, ARTICLE);
  await dragOver(page, "Elsever Mammadov");
  await page.keyboard.press("1");
  await importFile(page, "huge.json", "[" + " ".repeat(12_500_000) + "]");
  const alert = page.getByRole("alert").filter({ hasText: "huge.json could not be imported" });
  await alert.waitFor();
  assert.match(await alert.textContent(), /the file is 12\.5 MB; files up to 12\.0 MB can be imported/);
  await alert.getByRole("button", { name: "OK" }).click();
  await expectListed(page, ["Entity:Elsever Mammadov"]);
  await context.close();
});

test("New article over spans asks first and offers to export", async () => {
  const { page, context } = await openApp(env.browser, env.server.url);
  await pasteArticle(page, ARTICLE);
  await dragOver(page, "Elsever Mammadov");
  await page.keyboard.press("1");
  await page.getByRole("button", { name: "New article" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Discard the article?" });
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /This article has 1 annotation\./);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    dialog.getByRole("button", { name: "Export JSON first" }).click(),
  ]);
  assert.match(download.suggestedFilename(), /\.annotations\.json$/);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expectListed(page, ["Entity:Elsever Mammadov"]);

  await page.getByRole("button", { name: "New article" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Discard it" }).click();
  await page.getByLabel("Article text").waitFor();
  await context.close();
});
