// A dataset builder's day: 200 documents of mixed formats (JSONL with one bad line, a table
// whose text column is chosen, plain texts, native files, a duplicate) imported at once from
// the home screen, three of them annotated, a reload, the label statistics, and an export
// with a train/dev/test split that equals, byte for byte, what `annotate convert --split`
// writes from the same documents and seed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { useBrowser, openApp, nativeFile, dragOver, pasteArticle, ROOT, tempDir } from "./harness.mjs";

const env = useBrowser();

const SCRIPTS = ["Ελληνικά", "Русский", "日本語", "עברית", "العربية", "English", "Türkçe 👩🏽‍💻"];
const text = (i) => `Dokument ${i}: ${SCRIPTS[i % SCRIPTS.length]} report number ${i} from the wire.`;

/** The 201 documents' files (one a duplicate) and one bad JSONL line. */
function files() {
  const out = [];
  const lines = [];
  for (let i = 0; i < 100; i++) {
    if (i === 50) lines.push("{ this line is not json");
    const spans = i % 10 === 0 ? [{ start: 0, end: 8, label: "Entity" }] : [];
    lines.push(JSON.stringify({ text: text(i), meta: { source: "wire", url: `https://example.org/${i}` }, spans }));
  }
  out.push({ name: "wire.jsonl", mimeType: "application/jsonl", buffer: Buffer.from(lines.join("\n") + "\n") });
  const rows = ["id,body,source"];
  for (let i = 100; i < 150; i++) rows.push(`row-${i},"${text(i).replace(/"/g, '""')}",table`);
  out.push({ name: "table.csv", mimeType: "text/csv", buffer: Buffer.from(rows.join("\r\n") + "\r\n") });
  for (let i = 150; i < 190; i++) {
    out.push({ name: `plain-${i}.txt`, mimeType: "text/plain", buffer: Buffer.from(text(i)) });
  }
  for (let i = 190; i < 200; i++) {
    const f = nativeFile(text(i), [["Claim", "report", 0]], { id: `native-${i}`, title: `Native ${i}` });
    out.push({ name: `native-${i}.json`, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(f)) });
  }
  // The same text as the first JSONL line: flagged, left out.
  out.push({ name: "again.txt", mimeType: "text/plain", buffer: Buffer.from(text(0)) });
  return out;
}

/** Clicks `button` and collects `n` downloads: `{name: bytes}`. */
async function downloads(page, n, click) {
  const got = {};
  const all = new Promise((resolve) => {
    page.on("download", async (d) => {
      got[d.suggestedFilename()] = await readFile(await d.path());
      if (Object.keys(got).length === n) resolve();
    });
  });
  await click();
  await all;
  page.removeAllListeners("download");
  return got;
}

test("200 documents in, three annotated, statistics, a split out that equals the command line's", async () => {
  const { page, context, errors } = await openApp(env.browser, env.server.url);
  await page.waitForSelector("#draft-text");
  // The folder picker picks folders.
  assert.equal(await page.getByLabel("Import folder").evaluate((i) => i.webkitdirectory && i.multiple), true);
  await page.getByLabel("Import JSON").setInputFiles(files());

  // The dialog: the bad line by file and line, the duplicate, the table's column to choose.
  const dialog = page.getByRole("alert", { name: "Import" });
  await dialog.waitFor();
  const report = await dialog.textContent();
  assert.match(report, /wire\.jsonl, line 51: /, "the bad line, by file and line");
  assert.match(report, /again\.txt.*the same text as .* earlier in these files|the same text as/);
  await dialog.getByRole("combobox", { name: "Text column" }).selectOption("body");
  await page.getByRole("button", { name: "Import 200 documents" }).click();
  await page.waitForFunction(() => /0 of 200 done/.test(document.querySelector(".progress")?.textContent ?? ""), null, { timeout: 30000 });
  assert.match(await page.locator(".progress").textContent(), /spans: Claim 10 · Entity 10/);

  // Annotate three documents (from the first row on), marking each done and moving on.
  await page.locator("#doc-list").focus();
  await page.keyboard.press("Home");
  await page.keyboard.press("Enter");
  let before = "";
  for (let i = 0; i < 3; i++) {
    // The next document's title, and its text in the article (titles come from the texts).
    await page.waitForFunction((b) => {
      const t = document.querySelector(".bar .doc-title")?.textContent;
      const a = document.querySelector('[aria-label="Article"]')?.textContent;
      return t && t !== b && a && a.startsWith(t.replace(/…$/, ""));
    }, before);
    before = await page.locator(".bar .doc-title").textContent();
    await dragOver(page, "wire");
    await page.keyboard.press("3");
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[role="list"][aria-label="Annotations"] li')].some((li) => li.textContent.includes("Quote") && li.querySelector(".covered")?.textContent === "wire"),
    );
    await page.keyboard.press("Control+Enter");
  }
  await page.keyboard.press("Alt+ArrowUp");
  await page.waitForFunction(() => /3 of 200 done/.test(document.querySelector(".progress")?.textContent ?? ""), null, { timeout: 10000 }).catch(async (e) => {
    throw new Error(`progress: ${await page.locator(".progress").textContent()}; rows: ${await page.locator(".doc-row .status").allTextContents()}`);
  });
  await page.reload();
  await page.waitForSelector("html[data-app-started]");
  if (await page.locator('[aria-label="Article"]').count()) await page.keyboard.press("Alt+ArrowUp");
  await page.waitForFunction(() => /3 of 200 done · spans: Claim 10 · Entity 10 · Quote 3/.test(document.querySelector(".progress")?.textContent ?? ""));

  // The whole corpus as native JSON (one file).
  await page.getByRole("button", { name: "Export…" }).click();
  let exp = page.getByRole("dialog", { name: "Export documents" });
  await exp.getByRole("textbox", { name: "Dataset name" }).fill("wire corpus");
  await exp.getByRole("textbox", { name: "Dataset name" }).press("Tab");
  const whole = await downloads(page, 1, () => exp.getByRole("button", { name: "Export", exact: true }).click());
  assert.deepEqual(Object.keys(whole), ["wire-corpus.annotations.json"]);
  const docs = JSON.parse(whole["wire-corpus.annotations.json"].toString("utf8")).documents;
  assert.equal(docs.length, 200);
  const without = docs.filter((d) => d.annotations.length === 0).length;

  // The statistics panel: the numbers the export shows, beside bars.
  await page.getByRole("button", { name: "Statistics" }).click();
  const stats = page.getByRole("region", { name: "Label statistics" });
  await stats.getByRole("table").waitFor();
  const row = async (label) => (await stats.getByRole("row", { name: new RegExp(`^${label}`) }).textContent()).replace(/\s+/g, " ");
  assert.match(await row("Entity"), /Entity\s*10\s*10\s*8\.00 characters/);
  assert.match(await row("Quote"), /Quote\s*3\s*3\s*4\.00 characters/);
  assert.match(await row("Claim"), /Claim\s*10\s*10\s*6\.00 characters/);
  assert.equal(await stats.locator("svg.stat-bar").count(), 6, "two bars per label");
  assert.match(await stats.textContent(), /200 documents, 23 spans, 0\.11 spans per document/);
  assert.ok((await stats.textContent()).includes(`${without} documents without any span`));

  // JSONL split 80/10/10 with seed 7.
  await page.getByRole("button", { name: "Export…" }).click();
  exp = page.getByRole("dialog", { name: "Export documents" });
  await exp.getByRole("combobox", { name: "Export format" }).selectOption({ label: "JSONL (spaCy, Prodigy, Hugging Face)" });
  await exp.getByRole("checkbox", { name: "Split into train, dev and test" }).check();
  await exp.getByRole("spinbutton", { name: "Seed" }).fill("7");
  await exp.getByRole("spinbutton", { name: "Seed" }).press("Tab");
  const split = await downloads(page, 3, () => exp.getByRole("button", { name: "Export", exact: true }).click());
  assert.deepEqual(Object.keys(split).sort(), ["dev.jsonl", "test.jsonl", "train.jsonl"]);
  const lines = (b) => b.toString("utf8").split("\n").filter(Boolean);
  const counts = ["train.jsonl", "dev.jsonl", "test.jsonl"].map((n) => lines(split[n]).length);
  assert.deepEqual(counts, [160, 20, 20]);
  const texts = new Set(Object.values(split).flatMap((b) => lines(b).map((l) => JSON.parse(l).text)));
  assert.equal(texts.size, 200, "every document in exactly one part");

  // The command line, given the app's native export and the same seed, writes the same bytes.
  const { dir, remove } = await tempDir();
  const input = join(dir, "corpus.json");
  await writeFile(input, whole["wire-corpus.annotations.json"]);
  const out = join(dir, "out");
  execFileSync("cargo", ["run", "--quiet", "--bin", "annotate", "--", "convert", "--to", "jsonl", "--split", "80/10/10", "--seed", "7", "-o", out, input], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  for (const name of (await readdir(out)).sort()) {
    assert.ok(split[name], `the app wrote ${name} too`);
    assert.ok((await readFile(join(out, name))).equals(split[name]), `${name} byte for byte`);
  }
  await remove();
  assert.deepEqual(errors, []);
  await context.close();
});

test("a file with the text of a pasted document is flagged as in the corpus", async () => {
  // The page hashes what is pasted with the browser's SHA-256, the worker what is imported with
  // the sha2 crate's: the same text must give the same hash.
  const { page, context, errors } = await openApp(env.browser, env.server.url);
  const same = "Żółć 👩🏽‍💻 — مرحبا بالعالم, 東京 e\u0301.\nSecond line.";
  await pasteArticle(page, same, "Pasted");
  await page.keyboard.press("Alt+ArrowUp");
  await page.waitForSelector(".doc-row");
  await page.getByLabel("Import JSON").setInputFiles([
    { name: "again.txt", mimeType: "text/plain", buffer: Buffer.from(same) },
    { name: "other.txt", mimeType: "text/plain", buffer: Buffer.from(same + " ") },
  ]);
  const dialog = page.getByRole("alert", { name: "Import" });
  await dialog.waitFor();
  const report = await dialog.textContent();
  assert.match(report, /\(again\.txt\): the same text as “Pasted” in the corpus/);
  assert.doesNotMatch(report, /\(other\.txt\): the same text/);
  assert.deepEqual(errors, []);
  await context.close();
});
