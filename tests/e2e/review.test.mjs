// The reviewer's work end to end, against the release build: two annotators' exports of the
// same three documents imported into one corpus (each as that annotator's layer), auto-merge on
// opening, every conflict resolved by keyboard only, gold edited with the article's keys, gold
// exported with provenance, and the agreement panel's numbers equal to `annotate agree` run on
// the same two files. Then a model's suggestions as a layer, worked through with A (accept),
// F (fix) and R (reject), and a document sent back to its annotator with a comment.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFile, readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { useBrowser, openApp, importFile, exportJson, schemaErrors, codePointRange, tempDir, ROOT } from "./harness.mjs";

const env = useBrowser();

const LABELS = [
  { name: "PER", hotkey: "1", color: "#1d4ed8" },
  { name: "QUOTE", hotkey: "2", color: "#b45309" },
  { name: "ORG", hotkey: "3", color: "#047857" },
];

// `[id, title, text, A's spans, B's spans]`; spans are `[label, phrase, nth]`.
const DOCS = [
  [
    "merkel",
    "Merkel",
    'Merkel said: "We will manage." Critics at the CDU disagreed.',
    [["PER", "Merkel"], ["QUOTE", '"We will manage."'], ["PER", "Critics"], ["ORG", "CDU"]],
    [["PER", "Merkel"], ["QUOTE", "We will manage"], ["ORG", "Critics"]],
  ],
  [
    "baku",
    "Митинг в Баку 😀",
    "Участники митинга в Баку 😀 требовали мира. Elsever Mammadov spoke.",
    [["PER", "Elsever Mammadov"], ["ORG", "Участники митинга"]],
    [["PER", "Elsever"], ["ORG", "Участники митинга"]],
  ],
  [
    "tokyo",
    "東京 · مريم",
    "会議は東京で開かれた。\r\nمريم قالت: «نعم». 👩🏽‍💻 agreed.",
    [["PER", "مريم"], ["QUOTE", "«نعم»"]],
    [["PER", "مريم"], ["QUOTE", "«نعم»"], ["ORG", "会議"]],
  ],
];

/** One annotator's native file of the three documents. */
function annotatorFile(name, which) {
  const documents = DOCS.map(([id, title, text, ...layers]) => ({
    id,
    title,
    text,
    annotations: layers[which].map(([label, phrase, nth], i) => {
      const [start, end] = codePointRange(text, phrase, nth);
      return { id: `${name}${i + 1}`, label, start, end, text: phrase };
    }),
  }));
  return { format: "article-annotator", version: 1, offset_unit: "codepoint", annotator: name, labels: LABELS, documents };
}

const status = (page) => page.locator(".review-status").textContent();

async function waitStatus(page, want) {
  await page.waitForFunction((w) => document.querySelector(".review-status")?.textContent === w, want, { timeout: 5000 }).catch(async () => {
    throw new Error(`review status: expected "${want}", got "${await status(page)}"`);
  });
}

/** The list's rows as `title status layers`. */
const rows = (page) =>
  page
    .locator(".doc-row")
    .evaluateAll((lis) => lis.map((li) => `${li.querySelector(".doc-title").textContent} ${li.querySelector(".status").textContent} ${li.querySelector(".doc-layers").textContent}`));

async function waitRows(page, want) {
  const expected = JSON.stringify(want);
  await page
    .waitForFunction(
      (e) =>
        JSON.stringify(
          [...document.querySelectorAll(".doc-row")].map(
            (li) => `${li.querySelector(".doc-title").textContent} ${li.querySelector(".status").textContent} ${li.querySelector(".doc-layers").textContent}`,
          ),
        ) === e,
      expected,
      { timeout: 5000 },
    )
    .catch(async () => {
      throw new Error(`rows: expected ${expected}, got ${JSON.stringify(await rows(page))}`);
    });
}

test("two annotators' files become layers; the reviewer merges, resolves by keyboard, exports gold; the panel agrees with annotate agree", async () => {
  const annotate = join(ROOT, "target", "release", "annotate");
  assert.ok(existsSync(annotate), "scripts/test.sh builds target/release/annotate before the end-to-end tests");
  const tmp = await tempDir();
  const files = { A: annotatorFile("A", 0), B: annotatorFile("B", 1) };
  const paths = {};
  for (const [who, json] of Object.entries(files)) {
    paths[who] = join(tmp.dir, `${who}.annotations.json`);
    await writeFile(paths[who], JSON.stringify(json));
  }

  const { page, context, errors } = await openApp(env.browser, env.server.url);
  // The annotator's page never fetches the review page's app; R goes to review.html for it.
  const fetched = [];
  page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
  // A's file: three new documents, each with A's layer and no spans of its own.
  await importFile(page, "A.annotations.json", JSON.stringify(files.A));
  await waitRows(page, ["Merkel new 1 layer", "Митинг в Баку 😀 new 1 layer", "東京 · مريم new 1 layer"]);
  // B's file: the same documents, so B's layers of them.
  await importFile(page, "B.annotations.json", JSON.stringify(files.B));
  await waitRows(page, ["Merkel new 2 layers", "Митинг в Баку 😀 new 2 layers", "東京 · مريم new 2 layers"]);

  // Keyboard only from here until gold is exported: R reviews the row, N/P move between
  // conflicts, Alt+number accepts a layer's version, X rejects them all, ] the next document.
  await page.locator("#doc-list").focus();
  assert.equal(new URL(page.url()).pathname, "/");
  assert.deepEqual(fetched.filter((p) => p.startsWith("/review")), []);
  await page.keyboard.press("r");
  await waitStatus(page, "3 of 3 conflicts left.");
  assert.deepEqual([new URL(page.url()).pathname, new URL(page.url()).hash], ["/review.html", ""]);
  assert.ok(fetched.includes("/review_bg.wasm"), fetched.join(" "));
  assert.ok(!fetched.includes("/article-annotator_bg.wasm"), "the review page loads only its own app");
  // Auto-merge: both said PER Merkel, so it is gold already.
  assert.deepEqual(await page.locator("mark.hl.gold").evaluateAll((ms) => ms.map((m) => `${m.dataset.label}:${m.textContent}`)), ["PER:Merkel"]);
  // Its badge names its label (the mark's data-label, shown by style.css's badge rule).
  assert.deepEqual(await page.locator("mark.hl.gold.s").evaluateAll((ms) => ms.map((m) => getComputedStyle(m, "::before").content)), ['"PER"']);
  // Layer spans carry their layer's number and initials; the legend names them.
  assert.ok((await page.locator("mark.ly").evaluateAll((ms) => ms.map((m) => m.dataset.label))).includes("2·B ORG"));
  assert.match(await page.locator(".layers").textContent(), /1·A A \(annotator, 4 spans\).*2·B B \(annotator, 3 spans\)/);
  await page.keyboard.press("n");
  await page.waitForSelector("mark.cf.cur");
  assert.match(await page.locator("#conflict-title").textContent(), /Conflict 1 of 3/);
  await page.keyboard.press("Alt+1"); // A's quote, with its marks
  await waitStatus(page, "2 of 3 conflicts left.");
  await page.keyboard.press("Alt+2"); // B: Critics is an ORG
  await waitStatus(page, "1 of 3 conflicts left.");
  await page.keyboard.press("c"); // a comment on the last conflict
  await page.keyboard.type("CDU was not in the guidelines");
  await page.keyboard.press("Enter");
  await page.waitForSelector(".review-panel .comment");
  await page.keyboard.press("x"); // no ORG on CDU
  await waitStatus(page, "Reviewed: no conflict is left.");

  await page.keyboard.press("]");
  await page.waitForFunction(() => document.querySelector(".review-bar .doc-title")?.textContent === "Review: Митинг в Баку 😀");
  await waitStatus(page, "1 of 1 conflict left.");
  await page.keyboard.press("n");
  await page.keyboard.press("Alt+1"); // A's full name
  await waitStatus(page, "Reviewed: no conflict is left.");

  await page.keyboard.press("]");
  await page.waitForFunction(() => document.querySelector(".review-bar .doc-title")?.textContent === "Review: 東京 · مريم");
  await waitStatus(page, "1 of 1 conflict left.");
  await page.keyboard.press("n");
  await page.keyboard.press("Alt+2"); // B's ORG 会議
  await waitStatus(page, "Reviewed: no conflict is left.");
  // Gold is edited with the article's keys: J focuses a gold span, a label key relabels it,
  // Ctrl+Z takes it back.
  await page.locator('[aria-label="Article"]').focus();
  await page.keyboard.press("j");
  await page.waitForSelector("mark.hl.gold.f");
  const focusedLabel = () => page.locator("mark.hl.gold.f").first().getAttribute("data-label");
  assert.equal(await focusedLabel(), "ORG");
  // The corpus's labels keep keys 1-3; the layers' labels follow (PER 4, QUOTE 5, ORG 6).
  await page.keyboard.press("4");
  await page.waitForFunction(() => document.querySelector("mark.hl.gold.f")?.dataset.label === "PER");
  assert.match(await page.locator(".provenance").textContent(), /relabelled by the reviewer; proposed by B/);
  await page.keyboard.press("Control+z");
  await page.waitForFunction(() => document.querySelector("mark.hl.gold.f")?.dataset.label === "ORG");

  // Back to the first document: its gold, exported (the name is asked once, at the first
  // export).
  await page.keyboard.press("Escape");
  await page.keyboard.press("[");
  await page.waitForFunction(() => document.querySelector(".review-bar .doc-title")?.textContent === "Review: Митинг в Баку 😀");
  await page.keyboard.press("[");
  await page.waitForFunction(() => document.querySelector(".review-bar .doc-title")?.textContent === "Review: Merkel");
  await waitStatus(page, "Reviewed: no conflict is left.");
  await page.getByRole("button", { name: "Export gold" }).click();
  const ask = page.getByRole("dialog", { name: "Your annotator name" });
  await ask.waitFor();
  await ask.getByRole("textbox").fill("Rev Zoë");
  const [download] = await Promise.all([page.waitForEvent("download"), ask.getByRole("button", { name: "Save and export" }).click()]);
  assert.equal(download.suggestedFilename(), "merkel.gold.annotations.json");
  const gold = JSON.parse(await readFile(await download.path(), "utf8"));
  assert.deepEqual(schemaErrors(gold), []);
  assert.equal(gold.annotator, "Rev Zoë");
  const doc = gold.documents[0];
  assert.deepEqual(
    doc.annotations.map((a) => [a.label, a.text, a.provenance.merged, a.provenance.operation ?? null, a.provenance.layer ?? null, a.provenance.proposed_by]),
    [
      ["PER", "Merkel", "auto", null, null, ["A", "B"]],
      ["QUOTE", '"We will manage."', "reviewer", "accept", "A", ["A"]],
      ["ORG", "Critics", "reviewer", "accept", "B", ["B"]],
    ],
  );
  assert.deepEqual(doc.layers.map((l) => [l.name, l.kind, l.annotations.length]), [["A", "annotator", 4], ["B", "annotator", 3]]);
  assert.deepEqual(
    doc.review.conflicts.map((c) => [c.resolution, c.layer ?? null, c.comment ?? null]),
    [["accepted", "A", null], ["accepted", "B", null], ["rejected", null, "CDU was not in the guidelines"]],
  );

  // Every document is reviewed, and stays so after a reload.
  await page.keyboard.press("Alt+ArrowUp");
  const reviewed = ["Merkel reviewed 2 layers", "Митинг в Баку 😀 reviewed 2 layers", "東京 · مريم reviewed 2 layers"];
  await waitRows(page, reviewed);
  await page.reload();
  await page.waitForSelector("html[data-app-started]");
  await waitRows(page, reviewed);

  // The dataset export takes gold: every document's reviewed gold, the reviewer named.
  await page.getByRole("button", { name: "Export…" }).click();
  const dialog = page.getByRole("dialog", { name: "Export documents" });
  await dialog.getByLabel("Reviewed gold instead of each document's own spans").check();
  const [dataset] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("button", { name: "Export", exact: true }).click()]);
  const all = JSON.parse(await readFile(await dataset.path(), "utf8"));
  assert.deepEqual(schemaErrors(all), []);
  assert.equal(all.annotator, "Rev Zoë");
  assert.deepEqual(
    Object.fromEntries(all.documents.map((d) => [d.id, d.annotations.map((a) => `${a.label}:${a.text}`)])),
    {
      merkel: ["PER:Merkel", 'QUOTE:"We will manage."', "ORG:Critics"],
      baku: ["ORG:Участники митинга", "PER:Elsever Mammadov"],
      tokyo: ["ORG:会議", "PER:مريم", "QUOTE:«نعم»"],
    },
  );

  // The agreement panel on the whole corpus: the same report as the command line.
  await page.getByRole("button", { name: "Agreement" }).click();
  await page.waitForFunction(() => /^Measured 3 documents/.test(document.querySelector(".agreement .progress")?.textContent ?? ""), null, { timeout: 10000 });
  const cli = JSON.parse(execFileSync(annotate, ["agree", paths.A, paths.B], { encoding: "utf8" }));
  const { name, json: panel } = await exportJson(page);
  assert.equal(name, "agreement.json");
  assert.deepEqual(panel, cli);
  // The numbers shown are the command line's, to four places.
  const shown = await page.locator("[data-measure]").evaluateAll((tds) => Object.fromEntries(tds.map((td) => [td.dataset.measure, td.textContent])));
  const four = (x) => (x === null ? "—" : x.toFixed(4));
  assert.deepEqual(shown, {
    "span.exact_f1": four(cli.span.exact_f1),
    "span.overlap_f1": four(cli.span.overlap_f1),
    "token.cohen_kappa": four(cli.token.cohen_kappa),
    "token.fleiss_kappa": four(cli.token.fleiss_kappa),
    "token.krippendorff_alpha": four(cli.token.krippendorff_alpha),
    "alpha_u.overall": four(cli.alpha_u.overall),
    "relations.f1": four(cli.relations.f1),
  });
  assert.equal(await page.locator('td[data-pair="A|B"] .exact').first().textContent(), four(cli.span.pairs[0].exact_f1));
  assert.match(await page.locator("td[data-pair='A|B']").first().getAttribute("class"), /^heat-\d+$/);
  // The documents lowest first; a title opens its review.
  const order = await page.locator("table.documents tbody tr").evaluateAll((trs) => trs.map((tr) => tr.dataset.id));
  assert.equal(order[0], "merkel");
  await page.locator("table.documents").getByRole("button", { name: "Merkel" }).click();
  await page.waitForFunction(() => document.querySelector(".review-bar .doc-title")?.textContent === "Review: Merkel");
  assert.deepEqual(errors, []);
  await context.close();
  await tmp.remove();
});

test("a model's suggestions are a layer worked through with A, F and R; a document sent back carries the comment to its annotator", async () => {
  const text = "Zoë Ündal met 李雷 in Köln 👩🏽‍💻 on Monday.\r\nשלום.";
  const labels = [
    { name: "PER", hotkey: "1", color: "#1d4ed8" },
    { name: "LOC", hotkey: "2", color: "#b45309" },
    { name: "ORG", hotkey: "3", color: "#047857" },
  ];
  const span = (label, phrase, i) => {
    const [start, end] = codePointRange(text, phrase);
    return { id: `a${i}`, label, start, end, text: phrase };
  };
  const ada = {
    format: "article-annotator",
    version: 1,
    offset_unit: "codepoint",
    annotator: "Ada",
    labels,
    documents: [{ id: "koeln", title: "Köln 😀", text, annotations: [span("PER", "Zoë Ündal", 1), span("PER", "李雷", 2)] }],
  };
  // A model's output in the spaCy/Prodigy span JSONL shape (code point offsets).
  const model = [
    ["PER", "Zoë Ündal"],
    ["PER", "李雷 in"],
    ["LOC", "Köln"],
    ["ORG", "Monday"],
  ].map(([label, phrase]) => {
    const [start, end] = codePointRange(text, phrase);
    return { start, end, label, text: phrase };
  });
  const jsonl = JSON.stringify({ text, spans: model }) + "\n";

  const { page, context, errors } = await openApp(env.browser, env.server.url);
  await importFile(page, "Ada.annotations.json", JSON.stringify(ada));
  await waitRows(page, ["Köln 😀 new 1 layer"]);
  await page.getByLabel("Import as suggestions").check();
  await importFile(page, "ner-model.jsonl", jsonl);
  await waitRows(page, ["Köln 😀 new 2 layers"]);

  await page.locator("#doc-list").focus();
  await page.keyboard.press("r");
  // Ada is the only annotator, so her spans are gold; the model's differences are conflicts.
  await waitStatus(page, "3 of 3 conflicts left.");
  // The keys are in the one table `?` shows.
  await page.keyboard.press("Shift+?");
  const help = page.locator("section.help");
  await help.waitFor();
  for (const row of [/A\s*Review: accept the proposal/, /F\s*Review: fix/, /R, X\s*Review: reject every version/]) assert.match(await help.textContent(), row);
  await page.keyboard.press("Escape");
  await help.waitFor({ state: "detached" });
  assert.match(await page.locator(".layers").textContent(), /1·A Ada \(annotator, 2 spans\).*2·N ner-model\.jsonl \(suggestions, 4 spans\)/);
  const goldSpans = () => page.locator("mark.hl.gold").evaluateAll((ms) => ms.map((m) => `${m.dataset.label}:${m.textContent}`));
  // N to the first conflict; F takes the model's "李雷 in" and focuses it; three
  // Shift+ArrowLeft pull its end back to "李雷".
  await page.keyboard.press("n");
  await page.waitForSelector("mark.cf.cur");
  await page.keyboard.press("f");
  await waitStatus(page, "2 of 3 conflicts left.");
  const focusedGold = () => page.evaluate(() => [...document.querySelectorAll("mark.hl.gold.f")].map((m) => m.textContent).join(""));
  await page.waitForFunction(() => [...document.querySelectorAll("mark.hl.gold.f")].map((m) => m.textContent).join("") === "李雷 in", null, { timeout: 5000 }).catch(async () => {
    throw new Error(`focused gold: ${await focusedGold()}; gold ${JSON.stringify(await goldSpans())}; ${await page.locator(".notice, [role=status]").allTextContents()}`);
  });
  for (let i = 0; i < 3; i++) await page.keyboard.press("Shift+ArrowLeft");
  await page.waitForFunction(() => [...document.querySelectorAll("mark.hl.gold.f")].map((m) => m.textContent).join("") === "李雷");
  // N to Köln; A accepts the model's LOC and moves on to Monday; R rejects the ORG.
  await page.keyboard.press("n");
  await page.waitForFunction(() => document.querySelector("#conflict-title")?.textContent.includes("Conflict 2 of 3"));
  await page.keyboard.press("a");
  await waitStatus(page, "1 of 3 conflicts left.");
  await page.keyboard.press("r");
  await waitStatus(page, "Reviewed: no conflict is left.");
  assert.deepEqual(await goldSpans(), ["PER:Zoë Ündal", "PER:李雷", "LOC:Köln"]);

  // Sent back to Ada with a comment: the status says so, and her export carries it.
  await page.getByLabel("What needs work").fill("Köln is a place: mark places too 🙏");
  await page.getByRole("button", { name: "Send back" }).click();
  await page.waitForFunction(() => /^Sent back \(needs work\)/.test(document.querySelector(".review-status")?.textContent ?? ""));
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export for Ada" }).click()]);
  const forAda = JSON.parse(await readFile(await download.path(), "utf8"));
  assert.deepEqual(schemaErrors(forAda), []);
  assert.equal(forAda.annotator, "Ada");
  assert.deepEqual(forAda.documents[0].needs_work, [{ annotator: "Ada", comment: "Köln is a place: mark places too 🙏" }]);
  assert.deepEqual(
    forAda.documents[0].annotations.map((a) => [a.label, a.text]),
    [
      ["PER", "Zoë Ündal"],
      ["PER", "李雷"],
    ],
  );

  // The list says so, and the review reopens as it was left.
  await page.keyboard.press("Alt+ArrowUp");
  await waitRows(page, ["Köln 😀 needs work 2 layers"]);
  await page.locator("#doc-list").focus();
  await page.keyboard.press("r");
  await page.waitForFunction(() => /^Sent back \(needs work\)/.test(document.querySelector(".review-status")?.textContent ?? ""));

  // Gold's provenance: the model's LOC accepted, its PER fixed by the reviewer.
  await page.getByRole("button", { name: "Withdraw" }).click();
  await waitStatus(page, "Reviewed: no conflict is left.");
  const [goldDownload] = await Promise.all([
    page.waitForEvent("download"),
    (async () => {
      await page.getByRole("button", { name: "Export gold" }).click();
      const ask = page.getByRole("dialog", { name: "Your annotator name" });
      await ask.waitFor();
      await ask.getByRole("button", { name: "Export without a name" }).click();
    })(),
  ]);
  const gold = JSON.parse(await readFile(await goldDownload.path(), "utf8"));
  assert.deepEqual(schemaErrors(gold), []);
  assert.deepEqual(
    gold.documents[0].annotations.map((a) => [a.label, a.text, a.provenance.merged, a.provenance.operation ?? null, a.provenance.proposed_by]),
    [
      ["PER", "Zoë Ündal", "auto", null, ["Ada", "ner-model.jsonl"]],
      ["PER", "李雷", "reviewer", "resize", ["ner-model.jsonl"]],
      ["LOC", "Köln", "reviewer", "accept", ["ner-model.jsonl"]],
    ],
  );
  await page.keyboard.press("Alt+ArrowUp");
  await waitRows(page, ["Köln 😀 reviewed 2 layers"]);
  assert.deepEqual(errors, []);
  await context.close();
});
