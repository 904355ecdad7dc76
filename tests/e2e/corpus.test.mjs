// The document list as a person works through a corpus, keyboard first: several documents,
// moving through the list, opening, the next and previous document, "done, next", back to the
// list, searching titles and texts, the bin and its undo, deleting for good after asking.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useBrowser, openApp, pasteArticle, dragOver, expectListed } from "./harness.mjs";

const env = useBrowser();

const DOCS = [
  ["Rally in The Hague", "Azerbaijani diaspora organizations staged a rally in The Hague."],
  ["Митинг в Баку", "Участники митинга в Баку требовали мира. Elsever Mammadov spoke."],
  ["東京の会議 😀", "会議は東京で開かれた。 Critics disagreed about the summit."],
];

/** The rows of the document list: `title status`. */
const rows = (page) =>
  page.locator(".doc-row").evaluateAll((lis) => lis.map((li) => `${li.querySelector(".doc-title").textContent} ${li.querySelector(".status").textContent}`));

async function waitRows(page, want) {
  const expected = JSON.stringify(want);
  await page.waitForFunction(
    (e) => JSON.stringify([...document.querySelectorAll(".doc-row")].map((li) => `${li.querySelector(".doc-title").textContent} ${li.querySelector(".status").textContent}`)) === e,
    expected,
    { timeout: 5000 },
  ).catch(async () => {
    throw new Error(`rows: expected ${expected}, got ${JSON.stringify(await rows(page))}`);
  });
}

const title = (page) => page.locator(".bar .doc-title").textContent();

test("working through a corpus by keyboard", async () => {
  const { page, context, errors } = await openApp(env.browser, env.server.url);
  for (const [t, text] of DOCS) await pasteArticle(page, text, t);
  // The last one pasted is open: label in it, then back to the list.
  await dragOver(page, "Critics");
  await page.keyboard.press("2");
  await expectListed(page, ["Claim:Critics"]);
  await page.keyboard.press("Alt+ArrowUp");
  await waitRows(page, ["Rally in The Hague new", "Митинг в Баку new", "東京の会議 😀 in progress"]);

  // Down to the second row and open it.
  await page.locator("#doc-list").focus();
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector(".bar .doc-title")?.textContent === "Митинг в Баку");
  await dragOver(page, "Elsever Mammadov");
  await page.keyboard.press("1");
  // Done, and on to the next one.
  await page.keyboard.press("Control+Enter");
  await page.waitForFunction(() => document.querySelector(".bar .doc-title")?.textContent === "東京の会議 😀");
  await expectListed(page, ["Claim:Critics"]);
  await page.keyboard.press("[");
  await page.waitForFunction(() => document.querySelector(".bar .doc-title")?.textContent === "Митинг в Баку");
  assert.equal(await page.getByRole("combobox", { name: "Status" }).inputValue(), "done");
  await page.keyboard.press("Alt+ArrowUp");
  await waitRows(page, ["Rally in The Hague new", "Митинг в Баку done", "東京の会議 😀 in progress"]);
  assert.match(await page.locator(".progress").textContent(), /1 of 3 done · spans: Claim 1 · Entity 1/);

  // Search titles, then texts.
  await page.keyboard.press("/");
  await page.keyboard.type("баку");
  await waitRows(page, ["Митинг в Баку done"]);
  await page.getByLabel("Search documents").fill("summit");
  await waitRows(page, []);
  await page.getByLabel("Search the texts too (Enter)").check();
  await waitRows(page, ["東京の会議 😀 in progress"]);
  await page.getByLabel("Search documents").fill("");
  await waitRows(page, ["Rally in The Hague new", "Митинг в Баку done", "東京の会議 😀 in progress"]);

  // To the bin with Delete, back with Ctrl+Z; then for good, after a question.
  await page.locator("#doc-list").focus();
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Delete");
  await waitRows(page, ["Митинг в Баку done", "東京の会議 😀 in progress"]);
  await page.keyboard.press("Control+z");
  await waitRows(page, ["Rally in The Hague new", "Митинг в Баку done", "東京の会議 😀 in progress"]);
  await page.keyboard.press("Delete");
  await waitRows(page, ["Митинг в Баку done", "東京の会議 😀 in progress"]);
  await page.getByRole("button", { name: "Bin (1)" }).click();
  await waitRows(page, ["Rally in The Hague new"]);
  // What can be done with selected documents shows once some are.
  const bar = page.getByRole("toolbar", { name: "Selected documents" });
  await bar.getByText("0 selected").waitFor();
  const buttons = () => bar.getByRole("button").allInnerTexts().then((b) => b.join("|"));
  assert.equal(await buttons(), "Select all shown|Undo move to bin");
  await page.getByRole("checkbox", { name: "Select “Rally in The Hague”" }).check();
  await bar.getByText("1 selected").waitFor();
  assert.equal(await buttons(), "Select all shown|Select none|Restore|Delete for good|Undo move to bin");
  await page.getByRole("button", { name: "Delete for good" }).click();
  const ask = page.getByRole("alertdialog", { name: "Delete for good?" });
  await ask.waitFor();
  await ask.getByRole("button", { name: "Delete for good" }).click();
  await waitRows(page, []);
  await page.reload();
  await page.waitForSelector(".doc-row");
  await waitRows(page, ["Митинг в Баку done", "東京の会議 😀 in progress"]);
  assert.deepEqual(errors, []);
  await context.close();
});
