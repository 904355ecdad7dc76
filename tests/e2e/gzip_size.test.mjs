// The size check (scripts/size.sh) on made-up builds, and how shipped bytes are counted
// (scripts/gzip-size.mjs), which the check and the benchmark (bench/report.mjs) share: the
// same gzipped figure, judged against the same budget. No build and no browser.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync, execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSize, FIRST_PAINT_BUDGET } from "../../scripts/gzip-size.mjs";
import { goals } from "../../bench/report.mjs";
import { ROOT } from "./harness.mjs";

/** Bytes that barely compress (a fixed xorshift sequence). */
function noise(n) {
  const out = Buffer.alloc(n);
  let x = 2463534242;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const FIRST_PAINT = ["index.html", "boot.js", "style.css", "article-annotator.js", "article-annotator_bg.wasm"];
const OTHERS = ["article-annotator_split.wasm", "worker_loader.js", "worker.js", "worker_bg.wasm", "review.html", "review.css", "review-boot.js", "review.js", "review_bg.wasm"];

/** A made-up build: every file the check reads, `wasm` as the first part of the page's wasm. */
function fakeDist(wasm) {
  const dir = mkdtempSync(join(tmpdir(), "size-"));
  for (const f of [...FIRST_PAINT, ...OTHERS]) writeFileSync(join(dir, f), `/* ${f} */\n`.repeat(20));
  writeFileSync(join(dir, "article-annotator_bg.wasm"), wasm);
  return dir;
}

const size = (dir, ...args) => spawnSync("bash", [join(ROOT, "scripts", "size.sh"), ...args], { env: { ...process.env, SIZE_DIST: dir }, encoding: "utf8" });

test("the program prints each file's raw and gzipped bytes, as the function counts them", () => {
  const dir = mkdtempSync(join(tmpdir(), "gz-"));
  const a = join(dir, "a.wasm");
  const b = join(dir, "b.js");
  writeFileSync(a, "fn drop_in_place() {}\n".repeat(500));
  writeFileSync(b, noise(4000));
  const lines = execFileSync("node", [join(ROOT, "scripts", "gzip-size.mjs"), a, b], { encoding: "utf8" }).trim().split("\n");
  assert.deepEqual(lines, [`11000 ${gzipSize(readFileSync(a))} ${a}`, `4000 ${gzipSize(readFileSync(b))} ${b}`]);
  assert.ok(gzipSize(readFileSync(a)) < 200, "repeated text compresses");
  assert.ok(gzipSize(readFileSync(b)) > 3900, "noise does not");
});

test("a small build passes, and the check's total is the sum the benchmark counts", () => {
  const dir = fakeDist(noise(5000));
  const run = size(dir);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  const total = FIRST_PAINT.reduce((sum, f) => sum + gzipSize(readFileSync(join(dir, f))), 0);
  assert.match(run.stdout + run.stderr, new RegExp(`first paint: ${total} bytes gzipped, within the budget of ${FIRST_PAINT_BUDGET} \\(225 KB\\)`));
});

test("first paint past the ceiling fails the check, and is only reported with --report", () => {
  const ceiling = Number(readFileSync(join(ROOT, "scripts", "size-ceiling"), "utf8").trim());
  const dir = fakeDist(noise(Math.max(ceiling, FIRST_PAINT_BUDGET) + 10_000));
  const run = size(dir);
  assert.equal(run.status, 1, run.stdout + run.stderr);
  assert.match(run.stdout + run.stderr, /over the ceiling of \d+ \(scripts\/size-ceiling\): it grew/);
  assert.equal(size(dir, "--report").status, 0);
});

test("a wasm that names a directory of this machine fails the check", () => {
  const dir = fakeDist(Buffer.concat([noise(3000), Buffer.from(`${ROOT}/src/model/text.rs`), noise(100)]));
  const run = size(dir);
  assert.equal(run.status, 1, run.stdout + run.stderr);
  assert.match(run.stdout + run.stderr, /article-annotator_bg\.wasm holds the path .*: its bytes depend on the machine/);
});

test("the benchmark's first-paint goal uses the check's budget, 225 × 1024 bytes", () => {
  assert.equal(FIRST_PAINT_BUDGET, 230_400);
  const bytesGoal = (gz) => goals({ app: { bytes: { gz }, rows: [] } })[0];
  assert.equal(bytesGoal(FIRST_PAINT_BUDGET).ok, true);
  assert.equal(bytesGoal(FIRST_PAINT_BUDGET + 1).ok, false);
  assert.equal(bytesGoal(FIRST_PAINT_BUDGET + 1).detail, "230401 bytes (budget 230400)");
});
