// The benchmark's combined table and goal lines (bench/report.mjs), on made-up figures: which
// goals are met, missed or not measured, how a peer's timeout compares, how a figure prints.
// No browser and no clock: the benchmark itself is scripts/bench.sh, never a test.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cell, versusBest, goals, goalLine, table, median, paired, comparison, renderPhases } from "../../bench/report.mjs";

const f = (med, min = med, max = med) => ({ med, min, max });

/** One case of bench/browser.mjs's JSON with our figures overridden by `app`. */
const row = (key, name, app = {}) => ({
  key,
  name,
  app: { render: f(20), first: f(2), next: f(1.5), load: f(200), memory: f(5 * 1048576), addTask: f(8, 6, 12), scrollTask: f(10, 9, 14), ...app },
  marks: { render: f(12), first: f(0.4), next: f(0.3), load: f(150), memory: f(1048576), scrollTask: f(5, 4, 7) },
});
const peers = (render200k) => ({
  timeout: 20,
  peers: [
    { id: "recogito", name: "Recogito 4.1.1", short: "Recogito", add: "API" },
    { id: "blend", name: "rta-blend 1.2.0", short: "rta-blend", add: "UI" },
  ],
  bytes: { recogito: 22_300, blend: 52_600 },
  rows: [
    { key: "2k", recogito: { render: f(70) }, blend: { render: f(23) } },
    { key: "200k", recogito: { render: render200k }, blend: { render: { over: 20 } } },
  ],
});
const corpus = { docs: 10000, mb: "20.1", runs: 5, read: 900, stored: 4000, longestRead: 40, longestImport: 60, list: f(90), open: f(30), next: f(20), longest: 60, memory: 8 * 1048576 };

test("a figure prints as median (min–max), a timeout as its bound, a missing one as a dash", () => {
  const check = (figure, want) => assert.equal(cell(figure), want, JSON.stringify(figure));
  check(f(12.34, 10, 150.2), "12.3 (10.0–150)");
  check(f(250), "250");
  check({ over: 20 }, ">20 s");
  check(undefined, "—");
  check({ med: NaN, min: Infinity, max: -Infinity }, "—");
});

test("the median takes the middle of the finite values", () => {
  assert.equal(median([5, 1, NaN, 3]), 3);
  assert.ok(Number.isNaN(median([])));
});

test("our figure against the fastest peer, a timed-out peer counting as its timeout", () => {
  const check = (us, figures, want) => assert.equal(versusBest(us, figures).text, want);
  check(f(10), [{ name: "A", figure: f(70) }, { name: "B", figure: f(23) }], "2.3× faster (B)");
  check(f(46), [{ name: "A", figure: f(70) }, { name: "B", figure: f(23) }], "2.0× slower (B)");
  check(f(100), [{ name: "A", figure: { over: 20 } }], ">200.0× faster (A)");
  check(f(100), [{ name: "A", figure: undefined }], "—");
});

test("each goal is met, missed, or not measured when its benchmark did not run", () => {
  const check = (input, want) => assert.deepEqual(goals(input).map((g) => g.ok), want);
  const fast = { app: { bytes: { gz: 200_000 }, rows: [row("2k", "2 KB / 10"), row("200k", "200 KB / 1000")] }, peers: peers(f(600)), corpus };
  check(fast, [true, true, true, true, true, true, true, true, true]);
  // Render 3× the floor at 2 KB; 4× (not 5×) faster than Recogito at 200 KB; a 20 ms task after an edit; 12 MiB.
  const slow = {
    ...fast,
    app: { bytes: { gz: 280_000 }, rows: [row("2k", "2 KB / 10", { render: f(36) }), row("200k", "200 KB / 1000", { render: f(150), addTask: f(8, 6, 20), first: f(9), memory: f(12 * 1048576) })] },
    corpus: { ...corpus, list: f(120), longestRead: 130 },
  };
  check(slow, [false, false, false, false, false, false, false, false, false]);
  check({}, [null, null, null, null, null, null, null, null, null]);
});

test("the 5× goal is judged on the 200 KB cases a peer ran, and names the others", () => {
  const speed = (rows, peerFigure) => goals({ app: { rows }, peers: peers(peerFigure) }).find((g) => g.what.includes("5×"));
  const rel = row("200krel", "200 KB / 1000 / 500 relations", { render: f(500) });
  const met = speed([row("200k", "200 KB / 1000"), rel], f(600));
  assert.equal(met.ok, true);
  assert.equal(met.detail, "200 KB / 1000 30.0× faster (Recogito); 200 KB / 1000 / 500 relations no peer figure");
  assert.equal(speed([row("200k", "200 KB / 1000", { render: f(150) }), rel], f(600)).ok, false);
  assert.equal(speed([rel], f(600)).ok, null);
});

test("the corpus goal judges the list by the whole reload and names the part after the app's start", () => {
  const line = (c) => goals({ corpus: c }).find((g) => g.what.startsWith("corpus: open"));
  const slowStart = line({ ...corpus, list: f(206), listAfterStart: f(75) });
  assert.equal(slowStart.ok, false);
  assert.equal(slowStart.detail, "list 206 ms (75.0 ms after the app's start); open 30.0 ms; next 20.0 ms");
  assert.equal(line(corpus).detail, "list 90.0 ms; open 30.0 ms; next 20.0 ms", "an older figure file without the split");
  // With the reload's floor and the list opened from a document: still judged on the reload.
  const both = line({ ...corpus, list: f(225), listAfterStart: f(99), listFloor: f(69), listBack: f(32) });
  assert.equal(both.ok, false);
  assert.equal(both.detail, "list 225 ms (99.0 ms after the app's start; a static page reloads in 69.0 ms; 32.0 ms from a document); open 30.0 ms; next 20.0 ms");
  const lines = table({ corpus: { ...corpus, list: f(225), listFloor: f(69), listBack: f(32) } });
  assert.ok(lines.includes("| corpus, 10000 documents: open the list (page reload to rows; floor: a static page of rows) | 69.0 |  | **225** | 3.3× |  |"), lines.join("\n"));
  assert.ok(lines.includes("| corpus, 10000 documents: open the list from a document (Alt+↑) |  |  | **32.0** |  |  |"), lines.join("\n"));
});

test("the long-task goal is judged on wall time and names the most thread time a task took", () => {
  const line = (app) => goals({ app: { rows: [row("200k10k", "200 KB / 9998", app)] } }).find((g) => g.what.startsWith("no task over 16 ms"));
  // Wall time over 16 ms while the thread itself was busy under it: still missed.
  const busy = line({ scrollTask: f(18, 15, 26), scrollTaskCpu: f(11, 9.5, 12.5), addTaskCpu: f(5, 4, 7.25) });
  assert.equal(busy.ok, false);
  assert.equal(busy.detail, "200 KB / 9998 12.0 · 26.0 ms (thread time 7.3 · 12.5 ms)");
  assert.equal(line({}).detail, "200 KB / 9998 12.0 · 14.0 ms", "a figure file from before thread time");
  assert.equal(line({}).ok, true);
  const marks = { ...row("200k", "200 KB / 1000").marks, scrollTaskCpu: f(3) };
  const lines = table({ app: { rows: [{ ...row("200k", "200 KB / 1000", { addTaskCpu: f(4), scrollTaskCpu: f(9, 8, 11) }), marks }] } });
  assert.ok(lines.includes("| 200 KB / 1000: most thread time in one task, after an edit · while scrolling (floor: while scrolling) | 3.0 |  | **4.0 · 9.0 (8.0–11.0)** |  |  |"), lines.join("\n"));
  assert.ok(!table({ app: { rows: [row("200k", "200 KB / 1000")] } }).some((l) => l.includes("thread time")));
});

test("a goal line says met, missed or — first", () => {
  assert.equal(goalLine({ ok: true, what: "w", detail: "d" }), "met     w: d");
  assert.equal(goalLine({ ok: false, what: "w", detail: "d" }), "missed  w: d");
  assert.equal(goalLine({ ok: null, what: "w", detail: "d" }), "—       w: d");
});

test("the table has a row per case and figure, the peers' columns, and the corpus rows", () => {
  const lines = table({ app: { bytes: { gz: 280_000, afterStart: 150_000, worker: 300_000 }, rows: [row("200k", "200 KB / 1000")] }, peers: peers({ over: 20 }), corpus, us: "us (abc)" });
  assert.equal(lines[0], "| case (text / spans) | `<mark>` floor | Recogito 4.1.1 | rta-blend 1.2.0 | **us (abc)** | us ÷ floor | us ÷ best peer |");
  assert.equal(lines[2], "| 200 KB / 1000: render after doc ready | 12.0 | >20 s | >20 s | **20.0** | 1.7× | >1000.0× faster (Recogito) |");
  assert.ok(lines.includes("| shipped bytes, gzip, KB | — | 22.3 | 52.6 | **280.0 (then 150.0 after start-up; worker 300.0 on demand)** |  |  |"), lines.join("\n"));
  assert.ok(lines.includes("| corpus, 10000 documents: open the list (page reload to rows) |  |  |  | **90.0** |  |  |"), lines.join("\n"));
  assert.ok(lines.includes("| 200 KB / 1000: longest task after an edit · while scrolling (floor: while scrolling) | 5.0 (4.0–7.0) |  |  | **8.0 (6.0–12.0) · 10.0 (9.0–14.0)** |  |  |"), lines.join("\n"));
  assert.equal(lines.filter((l) => l.startsWith("| 200 KB / 1000:")).length, 6);
});

test("two builds measured side by side compare run by run, not median against median", () => {
  // The other build is lower in every run by 1 ms, though the machine drifted by 10 ms
  // between runs: its median is 1 ms lower and so is the difference.
  const base = [{ t: 20 }, { t: 30 }, { t: 40 }];
  const other = [{ t: 19 }, { t: 29 }, { t: 39 }];
  assert.deepEqual(paired(base, other, "t"), { base: 30, other: 29, diff: -1, lower: 3, runs: 3 });
  // Medians alone would call these builds equal (30 and 30); the runs say the other is slower
  // in two runs of three, by 5 ms, and faster by 10 in the third.
  const swapped = [{ t: 25 }, { t: 35 }, { t: 30 }];
  assert.deepEqual(paired(base, swapped, "t"), { base: 30, other: 30, diff: 5, lower: 1, runs: 3 });
  // A run where either build lacks the figure is left out of both.
  assert.deepEqual(paired([{ t: 1 }, { t: NaN }, {}], [{ t: 3 }, { t: 2 }, { t: 2 }], "t"), { base: 1, other: 3, diff: 2, lower: 0, runs: 1 });
});

test("the comparison table signs the difference and says when a figure was not measured", () => {
  const base = [{ t: 20, n: 4 }, { t: 22, n: 6 }];
  const other = [{ t: 18.5, n: 4 }, { t: 21, n: 6 }];
  assert.deepEqual(comparison(base, other, [["t", "longest task"], ["n", "tasks"], ["x", "missing"]]), [
    "| longest task | 22.0 | 21.0 | −1.0 | 2 of 2 |",
    "| tasks | 6.0 | 6.0 | ±0.0 | 0 of 2 |",
    "| missing | — | — | — | not measured |",
  ]);
});

test("the rendering phases of a trace add up the main thread's style, layout and paint once each", () => {
  const main = new Set(["1:1"]);
  const x = (name, ts, dur, extra = {}) => ({ ph: "X", pid: 1, tid: 1, name, ts, dur, ...extra });
  const events = [
    x("UpdateLayoutTree", 0, 2000),
    x("Layout", 2000, 3000, { tdur: 2500 }),
    // Paint nests: the inner event is part of the outer one.
    x("Paint", 6000, 4000),
    x("Paint", 7000, 1000),
    x("PrePaint", 5000, 1000),
    x("Layerize", 10000, 500),
    x("Commit", 10500, 1500),
    // Not rendering, another thread, or not a complete event: left out.
    x("FunctionCall", 0, 9000),
    { ...x("Layout", 0, 7000), tid: 2 },
    { ...x("Paint", 20000, 7000), ph: "B" },
  ];
  assert.deepEqual(renderPhases(events, main), { style: 2, layout: 2.5, paint: 7 });
  assert.deepEqual(renderPhases([], main), { style: 0, layout: 0, paint: 0 });
});
