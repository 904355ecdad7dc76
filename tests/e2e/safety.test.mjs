// Nothing is lost, as a person would test it against the release build: two tabs labelling
// the same document, a write that lost the race to another tab, a reload right after typing,
// a reload during the start-up, work an older version kept in localStorage (readable or not),
// a corpus stored before the list index, and a file over the limit.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useBrowser, openApp, pasteArticle, dragOver, expectListed, importFile, fixture, nativeFile } from "./harness.mjs";

const ARTICLE = fixture("article.txt");
const env = useBrowser();

/** A second tab of the same browser profile (shared storage), with the app started. */
async function secondTab(context, url) {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector("html[data-app-started]");
  return page;
}

/** Every stored span of every document, as `label:text`, read from IndexedDB in the page. */
const storedSpans = (page) =>
  page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("article-annotator");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(["texts", "spans"]);
          const texts = {};
          tx.objectStore("texts").openCursor().onsuccess = (e) => {
            const c = e.target.result;
            if (c) {
              texts[c.key] = [...c.value];
              c.continue();
            }
          };
          const spans = [];
          tx.objectStore("spans").getAll().onsuccess = (e) => spans.push(...e.target.result.map((j) => JSON.parse(j)));
          const keys = [];
          tx.objectStore("spans").getAllKeys().onsuccess = (e) => keys.push(...e.target.result);
          tx.oncomplete = () =>
            resolve(spans.map((s, i) => `${s.label}:${texts[keys[i][0]].slice(s.start, s.end).join("")}`).sort());
        };
      }),
  );

test("two tabs label the same document: each sees the other's spans and nothing is lost", async () => {
  const { page: one, context } = await openApp(env.browser, env.server.url);
  await pasteArticle(one, ARTICLE);
  // The second tab opens the document the first has open.
  const two = await secondTab(context, env.server.url);
  await two.waitForSelector('[aria-label="Article"]');

  await dragOver(one, "Elsever Mammadov");
  await one.keyboard.press("1");
  // The other tab hears of the save and shows it.
  await expectListed(two, ["Entity:Elsever Mammadov"]);

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
  assert.deepEqual(await storedSpans(one), [...all].sort());
  await context.close();
});

test("a tab that lost the race to another does not write over it, and the user chooses", async () => {
  const { page, context } = await openApp(env.browser, env.server.url);
  await pasteArticle(page, ARTICLE);
  await dragOver(page, "Elsever Mammadov");
  await page.keyboard.press("1");
  await page.waitForFunction(async () => (await new Promise((ok) => {
    const r = indexedDB.open("article-annotator");
    r.onsuccess = () => { const g = r.result.transaction("spans").objectStore("spans").count(); g.onsuccess = () => ok(g.result); };
  })) === 1);
  // Another tab's write that this tab has not heard of: the stored revision moves on.
  await page.evaluate(
    () =>
      new Promise((ok) => {
        const r = indexedDB.open("article-annotator");
        r.onsuccess = () => {
          const store = r.result.transaction("docs", "readwrite").objectStore("docs");
          store.getAllKeys().onsuccess = (e) => {
            const key = e.target.result[0];
            store.get(key).onsuccess = (g) => {
              const rec = JSON.parse(g.target.result);
              rec.revision += 1;
              store.put(JSON.stringify(rec), key).onsuccess = () => ok();
            };
          };
        };
      }),
  );

  await dragOver(page, "“Karabakh is Azerbaijan”");
  await page.keyboard.press("3");
  const dialog = page.getByRole("alertdialog", { name: "Changed in another tab" });
  await dialog.waitFor();
  assert.deepEqual(await storedSpans(page), ["Entity:Elsever Mammadov"], "this tab's change did not overwrite the other one");

  // Keep this tab's version as a copy, then take the stored one.
  const [download] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("button", { name: "Export this tab's version" }).click()]);
  assert.match(download.suggestedFilename(), /\.annotations\.json$/);
  await dialog.getByRole("button", { name: "Open the other version" }).click();
  await expectListed(page, ["Entity:Elsever Mammadov"]);
  // Work goes on from there and is saved again.
  await dragOver(page, "Ilhan Askin");
  await page.keyboard.press("1");
  await page.reload();
  await page.waitForSelector("html[data-app-started]");
  await expectListed(page, ["Entity:Elsever Mammadov", "Entity:Ilhan Askin"]);
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

test("a browser without Intl.Segmenter gets a sentence saying so, and the stored work stays", async () => {
  const { page, context } = await openApp(env.browser, env.server.url);
  await pasteArticle(page, ARTICLE, "Rally");
  await page.waitForSelector('[aria-label="Article"][data-drawn]');
  // As Firefox before 125: no Intl.Segmenter, so the app could split a character.
  await context.addInitScript(() => {
    delete Intl.Segmenter;
  });
  await page.reload();
  await page.waitForSelector("html[data-app-started]");
  assert.match(await page.locator("#app").textContent(), /This browser cannot run Article Annotator: it has no Intl\.Segmenter/);
  assert.equal(await page.locator('[aria-label="Article"], #draft-text, .crash').count(), 0);
  // Nothing was read, written or cleared: the document is stored as it was.
  const titles = await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("article-annotator");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction("docs").objectStore("docs").getAll();
          req.onsuccess = () => resolve(req.result.map((r) => JSON.parse(r).title));
        };
      }),
  );
  assert.deepEqual(titles, ["Rally"]);
  await context.close();
});

test("a reload while the app is starting still opens the document that was open", async () => {
  const { page, context } = await openApp(env.browser, env.server.url);
  await pasteArticle(page, ARTICLE, "Rally 😀");
  await page.waitForSelector('[aria-label="Article"][data-drawn]');
  await page.reload();
  // Again as soon as the store is open, before the app has opened the document from it.
  await page.waitForFunction(() => performance.getEntriesByName("store-open").length > 0, null, { polling: 1 });
  await page.reload();
  // The list may show first; the document must follow.
  await page.waitForSelector('[aria-label="Article"][data-drawn]', { timeout: 10000 });
  assert.match(await page.locator('[aria-label="Article"]').textContent(), /Elsever Mammadov/);
  await context.close();
});

test("the document an older version kept moves into the document list, once", async () => {
  const old = nativeFile(ARTICLE, [["Entity", "Elsever Mammadov", 0], ["Quote", "“Karabakh is Azerbaijan”", 0]], { id: "doc-old", title: "Rally" });
  const init = (value) => {
    if (!sessionStorage.getItem("seeded")) {
      sessionStorage.setItem("seeded", "1");
      localStorage.setItem("article-annotator/document", value);
      localStorage.setItem("article-annotator/revision", "4");
    }
  };
  const { page, context } = await openApp(env.browser, env.server.url, { init: [init, JSON.stringify(old)] });
  await page.getByRole("status").filter({ hasText: "moved into the new document list" }).waitFor();
  await page.getByRole("listbox", { name: "Documents" }).getByRole("button", { name: "Rally" }).click();
  await expectListed(page, ["Entity:Elsever Mammadov", "Quote:“Karabakh is Azerbaijan”"]);
  assert.equal(await page.evaluate(() => localStorage.getItem("article-annotator/document")), null, "the old keys are gone");
  await page.reload();
  await page.waitForSelector("html[data-app-started]");
  await page.getByRole("button", { name: "← Documents" }).click();
  assert.equal(await page.getByRole("listbox", { name: "Documents" }).getByRole("option").count(), 1, "moved once");
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
  const kept = () => page.evaluate(() => [localStorage.getItem("article-annotator/document"), localStorage.getItem("article-annotator/recovered")]);
  assert.deepEqual(await kept(), [broken, broken]);
  // Work goes on in a new document; the old copy stays as it was.
  await pasteArticle(page, ARTICLE);
  await dragOver(page, "Elsever Mammadov");
  await page.keyboard.press("1");
  await expectListed(page, ["Entity:Elsever Mammadov"]);
  await page.waitForFunction(async () => (await new Promise((ok) => {
    const r = indexedDB.open("article-annotator");
    r.onsuccess = () => { const g = r.result.transaction("spans").objectStore("spans").count(); g.onsuccess = () => ok(g.result); };
  })) === 1);
  assert.deepEqual(await kept(), [broken, broken]);
  await context.close();
});

test("a file over the import limit is refused before it is read, and nothing changes", async () => {
  const { page, context } = await openApp(env.browser, env.server.url);
  await pasteArticle(page, ARTICLE);
  await dragOver(page, "Elsever Mammadov");
  await page.keyboard.press("1");
  await importFile(page, "huge.json", "[" + " ".repeat(32_500_000) + "]");
  const alert = page.getByRole("alert").filter({ hasText: "huge.json could not be imported" });
  await alert.waitFor();
  assert.match(await alert.textContent(), /the file is 32\.5 MB; files up to 32\.0 MB can be imported/);
  await alert.getByRole("button", { name: "OK" }).click();
  await expectListed(page, ["Entity:Elsever Mammadov"]);
  await context.close();
});

test("a corpus stored before the list index opens with every document listed, the index then follows each change, and an index of the older form is built again", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  // Same origin, without the app: the store as version 3 left it (no `list`, no mark).
  await page.goto(`${env.server.url}style.css`);
  await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("article-annotator", 3);
        open.onupgradeneeded = () => {
          for (const s of ["docs", "texts", "spans", "history", "meta", "layers", "reviews", "links"]) open.result.createObjectStore(s);
        };
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(["docs", "texts"], "readwrite");
          const docs = [
            ["old-1", "Митинг в Гааге 😀", "done", "Zoë 👩🏽‍💻 in مريم's 東京"],
            ["old-2", "Ελλάδα", "new", "Αθήνα\r\nδύο"],
          ];
          for (const [id, title, status, text] of docs) {
            const record = { id, title, revision: 2, status, chars: [...text].length, labels: {}, created: 1, updated: 1, hash: "0".repeat(64), cursor: 0 };
            tx.objectStore("docs").put(JSON.stringify(record), id);
            tx.objectStore("texts").put(text, id);
          }
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  await page.goto(env.server.url);
  await page.waitForSelector("html[data-app-started]");
  const list = page.getByRole("listbox", { name: "Documents" });
  const progress = page.locator(".progress");
  await list.getByRole("button", { name: "Ελλάδα" }).waitFor();
  await progress.filter({ hasText: "1 of 2 done" }).waitFor();
  // A change of one document's status reaches the list after a reload (read from the index).
  await list.getByRole("button", { name: "Ελλάδα" }).click();
  await page.waitForSelector('[aria-label="Article"]');
  await page.keyboard.press("Alt+ArrowUp");
  await list.getByRole("checkbox", { name: "Select “Ελλάδα”" }).check();
  await page.getByLabel("Mark selected as").selectOption("done");
  await progress.filter({ hasText: "2 of 2 done" }).waitFor();
  await page.reload();
  await page.waitForSelector("html[data-app-started]");
  await progress.filter({ hasText: "2 of 2 done" }).waitFor();
  assert.equal(await list.getByRole("option").count(), 2);
  assert.deepEqual(await page.evaluate(readIndex), { version: 4, strings: true, statuses: ["old-1:done", "old-2:done"] });

  // An index in the form an older version wrote (each chunk an object from id to record) is
  // built again at the next start: nothing goes missing from the list, and the chunks are
  // strings once more.
  await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("article-annotator");
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(["list"], "readwrite");
          const list = tx.objectStore("list");
          const all = list.getAll();
          const keys = list.getAllKeys();
          // Requests finish in order: when the keys have come, so have the values.
          keys.onsuccess = () => {
            all.result.forEach((chunk, i) => {
              const object = {};
              for (const line of chunk.split("\n").filter(Boolean)) object[JSON.parse(line).id] = line;
              list.put(object, keys.result[i]);
            });
          };
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  assert.deepEqual(await page.evaluate(readIndex), { version: 4, strings: false, statuses: ["old-1:done", "old-2:done"] });
  await page.reload();
  await page.waitForSelector("html[data-app-started]");
  await progress.filter({ hasText: "2 of 2 done" }).waitFor();
  assert.equal(await list.getByRole("option").count(), 2);
  assert.deepEqual(await page.evaluate(readIndex), { version: 4, strings: true, statuses: ["old-1:done", "old-2:done"] });
  await context.close();
});

/** In the page: the store's version, whether every chunk of its list index is a string, and the records' statuses. */
function readIndex() {
  return new Promise((resolve) => {
    const open = indexedDB.open("article-annotator");
    open.onsuccess = () => {
      const db = open.result;
      const all = db.transaction("list").objectStore("list").getAll();
      all.onsuccess = () => {
        const strings = all.result.every((chunk) => typeof chunk === "string");
        const lines = all.result.flatMap((chunk) => (typeof chunk === "string" ? chunk.split("\n").filter(Boolean) : Object.values(chunk)));
        resolve({ version: db.version, strings, statuses: lines.map((r) => JSON.parse(r)).map((r) => `${r.id}:${r.status}`).sort() });
        db.close();
      };
    };
  });
}
