// Attributes and relations in review, end to end against the release build: two annotators'
// files of one article, with a quote's kind (an attribute) and who said each quote (a link),
// imported as layers; the reviewer resolves an attribute conflict and a relation conflict by
// keyboard only; gold is exported with the chosen value and links; the agreement panel shows
// relation F1 and attribute κ equal to `annotate agree` on the same files.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFile, readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { useBrowser, openApp, importFile, exportJson, schemaErrors, codePointRange, tempDir, ROOT } from "./harness.mjs";

const env = useBrowser();

const TEXT = 'Merkel said: "We will manage." Scholz replied: "Not like this 👩🏽‍💻." مريم agreed.\r\nEnde.';
const LABELS = [
  { name: "Entity", hotkey: "1", color: "#0072b2" },
  { name: "Quote", hotkey: "2", color: "#e69f00", attributes: [{ name: "kind", kind: "choice", values: ["direct", "indirect"] }] },
];

/** One annotator's file: the same spans, the first quote's `kind`, the second quote's speaker. */
function annotatorFile(name, kind, speaker) {
  const span = (id, label, phrase, attrs) => {
    const [start, end] = codePointRange(TEXT, phrase);
    return { id, label, start, end, text: phrase, ...(attrs ? { attrs } : {}) };
  };
  return {
    format: "article-annotator",
    version: 1,
    offset_unit: "codepoint",
    annotator: name,
    labels: LABELS,
    relations: [{ name: "said_by", pairs: [["Quote", "Entity"]] }],
    documents: [
      {
        id: "merkel",
        title: "Merkel 😀",
        text: TEXT,
        annotations: [
          span("e1", "Entity", "Merkel"),
          span("e2", "Entity", "Scholz"),
          span("q1", "Quote", '"We will manage."', { kind }),
          span("q2", "Quote", '"Not like this 👩🏽‍💻."'),
        ],
        relations: [
          { id: "r1", type: "said_by", from: "q1", to: "e1" },
          { id: "r2", type: "said_by", from: "q2", to: speaker },
        ],
      },
    ],
  };
}

const status = (page) => page.locator(".review-status").textContent();

async function waitStatus(page, want) {
  await page.waitForFunction((w) => document.querySelector(".review-status")?.textContent === w, want, { timeout: 5000 }).catch(async () => {
    throw new Error(`review status: expected "${want}", got "${await status(page)}"`);
  });
}

test("an attribute conflict and a relation conflict resolved by keyboard; the panel shows relation F1 and κ as annotate agree does", async () => {
  const annotate = join(ROOT, "target", "release", "annotate");
  assert.ok(existsSync(annotate), "scripts/test.sh builds target/release/annotate before the end-to-end tests");
  const tmp = await tempDir();
  // A: the first quote is direct, the second said by Scholz; B: indirect, said by Merkel.
  const files = { A: annotatorFile("A", "direct", "e2"), B: annotatorFile("B", "indirect", "e1") };
  const paths = {};
  for (const [who, json] of Object.entries(files)) {
    paths[who] = join(tmp.dir, `${who}.annotations.json`);
    await writeFile(paths[who], JSON.stringify(json));
  }

  const { page, context, errors } = await openApp(env.browser, env.server.url);
  await importFile(page, "A.annotations.json", JSON.stringify(files.A));
  await page.waitForFunction(() => document.querySelector(".doc-row .doc-layers")?.textContent === "1 layer");
  await importFile(page, "B.annotations.json", JSON.stringify(files.B));
  await page.waitForFunction(() => document.querySelector(".doc-row .doc-layers")?.textContent === "2 layers");

  // Keyboard only: R reviews the row, N goes to the next conflict, Alt+number accepts.
  await page.locator("#doc-list").focus();
  await page.keyboard.press("r");
  // The entities and the second quote agree; the first quote's kind and the second's speaker
  // do not.
  await waitStatus(page, "2 of 2 conflicts left.");
  await page.keyboard.press("n");
  await page.waitForFunction(() => document.querySelector("#conflict-title")?.textContent.includes("Conflict 1 of 2"));
  const panel = () => page.locator(".review-panel").textContent();
  assert.match(await panel(), /differ in attribute values\./);
  assert.match(await panel(), /\[kind: direct\].*\[kind: indirect\]/s);
  await page.keyboard.press("Alt+2"); // B's reading: indirect
  await waitStatus(page, "1 of 2 conflicts left.");
  await page.keyboard.press("n");
  await page.waitForFunction(() => document.querySelector("#conflict-title")?.textContent.includes("Conflict 2 of 2"));
  assert.match(await panel(), /differ in links\./);
  assert.match(await panel(), /links: said_by Quote “"Not like this 👩🏽‍💻\."” → Entity “Scholz”/);
  await page.keyboard.press("Alt+1"); // A's speaker: Scholz
  await waitStatus(page, "Reviewed: no conflict is left.");

  // Gold carries the chosen value and both links.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    (async () => {
      await page.getByRole("button", { name: "Export gold" }).click();
      const ask = page.getByRole("dialog", { name: "Your annotator name" });
      await ask.waitFor();
      await ask.getByRole("button", { name: "Export without a name" }).click();
    })(),
  ]);
  const gold = JSON.parse(await readFile(await download.path(), "utf8"));
  assert.deepEqual(schemaErrors(gold), []);
  const doc = gold.documents[0];
  const byId = Object.fromEntries(doc.annotations.map((a) => [a.id, a]));
  assert.deepEqual(
    doc.annotations.map((a) => [a.label, a.text, a.attrs ?? {}]),
    [
      ["Entity", "Merkel", {}],
      ["Quote", '"We will manage."', { kind: "indirect" }],
      ["Entity", "Scholz", {}],
      ["Quote", '"Not like this 👩🏽‍💻."', {}],
    ],
  );
  assert.deepEqual(
    doc.relations.map((r) => [r.type, byId[r.from].text, byId[r.to].text]).sort(),
    [
      ["said_by", '"Not like this 👩🏽‍💻."', "Scholz"],
      ["said_by", '"We will manage."', "Merkel"],
    ],
  );
  // The layers as the review saw them keep their values and links.
  assert.deepEqual(
    doc.layers.map((l) => [l.name, l.annotations.map((a) => a.attrs?.kind ?? null).filter(Boolean), l.relations.length]),
    [
      ["A", ["direct"], 2],
      ["B", ["indirect"], 2],
    ],
  );

  // The agreement panel: the same report as the command line, relation F1 and κ shown.
  await page.keyboard.press("Alt+ArrowUp");
  await page.getByRole("button", { name: "Agreement" }).click();
  await page.waitForFunction(() => /^Measured 1 document/.test(document.querySelector(".agreement .progress")?.textContent ?? ""), null, { timeout: 10000 });
  const cli = JSON.parse(execFileSync(annotate, ["agree", paths.A, paths.B], { encoding: "utf8" }));
  // One of two links each matches: F1 1/2. One kind pair, (direct, indirect): κ 0.
  assert.equal(cli.relations.f1, 0.5);
  assert.equal(cli.attributes.Quote.kind.cohen_kappa, 0);
  const { json: report } = await exportJson(page);
  assert.deepEqual(report, cli);
  const four = (x) => (x === null ? "—" : x.toFixed(4));
  assert.equal(await page.locator('[data-measure="relations.f1"]').textContent(), four(cli.relations.f1));
  assert.equal(await page.locator('table.relations tr[data-type="said_by"] td').textContent(), four(cli.relations.per_type.said_by.f1));
  const kappa = page.locator('table.attributes tr[data-attribute="Quote/kind"] td');
  assert.deepEqual(await kappa.allTextContents(), [four(cli.attributes.Quote.kind.cohen_kappa), "1"]);
  assert.deepEqual(errors, []);
  await context.close();
  await tmp.remove();
});
