// The combined benchmark table of issue 13 and its met/missed lines, from the figures the
// three benchmarks wrote (bench/browser.mjs: the app and the <mark> floor; bench/peers.mjs:
// Recogito and rta-blend; bench/corpus.mjs: the corpus steps). Pure: figures in, lines out; no
// browser, no clock, no files.
//
// A figure is `{ med, min, max }` in ms (bytes for memory), `{ over: seconds }` when a page
// did not finish within its timeout, or missing when the case was not run.

import { FIRST_PAINT_BUDGET } from "../scripts/gzip-size.mjs";

/** The median of the finite numbers in `xs` (the upper one of an even count), or NaN. */
export const median = (xs) => {
  const s = [...xs].filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};

/** Median, min and max of one field over runs (finite values only). */
export const stats = (runs, k) => {
  const xs = runs.map((r) => r[k]).filter((x) => Number.isFinite(x));
  return { med: median(xs), min: Math.min(...xs), max: Math.max(...xs) };
};

const has = (f) => f !== undefined && f !== null && (Number.isFinite(f.med) || Number.isFinite(f.over));

/** A figure's median for comparisons: a timeout counts as its lower bound. */
const value = (f) => (Number.isFinite(f?.med) ? f.med : Number.isFinite(f?.over) ? f.over * 1000 : NaN);

export const num = (ms) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
const mibs = (b) => (b / 1048576).toFixed(1);

/** "med (min–max)", ">20 s" for a timeout, "—" when not measured; `unit` formats numbers. */
export function cell(f, unit = num) {
  if (!has(f)) return "—";
  if (!Number.isFinite(f.med)) return `>${f.over} s`;
  return f.min === f.max ? unit(f.med) : `${unit(f.med)} (${unit(f.min)}–${unit(f.max)})`;
}

/**
 * How our median compares with the fastest peer's: "3.0× faster (rta-blend)",
 * "1.2× slower (Recogito)", ">5.0× faster (rta-blend)" when that peer timed out.
 */
export function versusBest(us, peers) {
  const best = peers.filter((p) => has(p.figure)).sort((a, b) => value(a.figure) - value(b.figure))[0];
  if (!best || !Number.isFinite(us?.med)) return { text: "—", speedup: NaN };
  const speedup = value(best.figure) / us.med;
  const bound = Number.isFinite(best.figure.med) ? "" : ">";
  const text = speedup >= 1 ? `${bound}${speedup.toFixed(1)}× faster (${best.name})` : `${(1 / speedup).toFixed(1)}× slower (${best.name})`;
  return { text, speedup, atLeast: bound === ">" };
}

const ratio = (us, floor) => (Number.isFinite(us?.med) && Number.isFinite(floor?.med) ? `${(us.med / floor.med).toFixed(1)}×` : "—");

/**
 * The table's lines (Markdown). `app` is bench/browser.mjs's JSON, `peers` bench/peers.mjs's,
 * `corpus` bench/corpus.mjs's; any may be missing. `us` names our column.
 */
export function table({ app, peers, corpus, us = "us" }) {
  // The cases the app ran, or the peers' when only they ran.
  const cases = app?.rows ?? peers?.rows?.map(({ key, name }) => ({ key, name })) ?? [];
  const peerList = peers?.peers ?? [];
  const peerRow = (key) => peers?.rows?.find((r) => r.key === key) ?? {};
  const lines = [];
  const row = (name, floor, peerCells, ours, vsFloor, vsBest) =>
    lines.push(`| ${name} | ${floor} | ${peerCells.join(" | ")} | **${ours}** | ${vsFloor} | ${vsBest} |`);
  lines.push(`| case (text / spans) | \`<mark>\` floor | ${peerList.map((p) => p.name).join(" | ")} | **${us}** | us ÷ floor | us ÷ best peer |`);
  lines.push(`|---|---|${peerList.map(() => "---|").join("")}---|---|---|`);
  const compared = (label, k, { unit = num, speed = true } = {}) => {
    for (const c of cases) {
      const p = peerRow(c.key);
      const figures = peerList.map((q) => ({ name: q.short, figure: p[q.id]?.[k] }));
      row(
        `${c.name}: ${label}`,
        cell(c.marks?.[k], unit),
        figures.map((f) => cell(f.figure, unit)),
        cell(c.app?.[k], unit),
        speed ? ratio(c.app?.[k], c.marks?.[k]) : "",
        speed ? versusBest(c.app?.[k], figures).text : "",
      );
    }
  };
  compared("render after doc ready", "render");
  compared("add a span, first", "first");
  compared("add a span, next (median of the later adds)", "next");
  compared("full page load", "load");
  compared("JS heap (us: + wasm memory), MiB", "memory", { unit: mibs, speed: false });
  const blank = peerList.map(() => "");
  for (const c of cases) {
    const a = c.app ?? {};
    // The floor's column: its longest task while scrolling the same marks (the browser's own
    // cost of bringing a screen of them into view).
    row(`${c.name}: longest task after an edit · while scrolling (floor: while scrolling)`, cell(c.marks?.scrollTask), blank, `${cell(a.addTask)} · ${cell(a.scrollTask)}`, "", "");
    // The same tasks by the main thread's own time in them (figure files from before it have none).
    if (has(a.addTaskCpu) || has(a.scrollTaskCpu)) {
      row(`${c.name}: most thread time in one task, after an edit · while scrolling (floor: while scrolling)`, cell(c.marks?.scrollTaskCpu), blank, `${cell(a.addTaskCpu)} · ${cell(a.scrollTaskCpu)}`, "", "");
    }
  }
  const kb = (b) => (Number.isFinite(b) ? (b / 1000).toFixed(1) : "—");
  if (app?.bytes || peers?.bytes) {
    row(
      "shipped bytes, gzip, KB",
      kb(peers?.bytes?.floor),
      peerList.map((p) => kb(peers?.bytes?.[p.id])),
      `${kb(app?.bytes?.gz)} (then ${kb(app?.bytes?.afterStart)} after start-up; worker ${kb(app?.bytes?.worker)} on demand)`,
      "",
      "",
    );
  }
  if (corpus) {
    const c = corpus;
    const only = (name, ours) => row(`corpus, ${c.docs} documents: ${name}`, "", blank, ours, "", "");
    only(`import ${c.mb} MB of JSONL, read and summarised (worker)`, `${num(c.read)}`);
    only("import, stored after confirming", `${num(c.stored)}`);
    only("import, longest main-thread task while read · while stored", `${num(c.longestRead)} · ${num(c.longestImport)}`);
    only("open the list (page reload to rows)", cell(c.list));
    if (c.listFloor) row(`corpus, ${c.docs} documents: open the list (page reload to rows; floor: a static page of rows)`, cell(c.listFloor), blank, cell(c.list), ratio(c.list, c.listFloor), "");
    if (c.listBack) only("open the list from a document (Alt+↑)", cell(c.listBack));
    only("open a document", cell(c.open));
    only("next document", cell(c.next));
    only("JS heap + wasm memory, list open, MiB", mibs(c.memory));
  }
  return lines;
}

/** One goal: met (true), missed (false) or not measured (null), with the figures behind it. */
const goal = (ok, what, detail) => ({ ok, what, detail });

/** Each goal of issue 13 judged on the medians (the longest-task goals on the maxima). */
export function goals({ app, peers, corpus }) {
  const cases = app?.rows ?? [];
  const big = cases.filter((c) => c.key.startsWith("200k"));
  const all = (xs, f) => (xs.length ? xs.every(f) : null);
  const each = (xs, f) => xs.map((c) => `${c.name} ${f(c)}`).join("; ") || "not measured";
  const out = [];
  const gz = app?.bytes?.gz;
  out.push(goal(Number.isFinite(gz) ? gz <= FIRST_PAINT_BUDGET : null, "first-paint bytes under 225 KB gzipped", Number.isFinite(gz) ? `${gz} bytes (budget ${FIRST_PAINT_BUDGET})` : "not measured"));
  out.push(goal(all(cases, (c) => c.app.render.med <= 2 * c.marks.render.med), "render within 2× the <mark> floor on every case", each(cases, (c) => ratio(c.app.render, c.marks.render))));
  const vs = (c) => {
    const p = peers?.rows?.find((r) => r.key === c.key) ?? {};
    return versusBest(c.app.render, (peers?.peers ?? []).map((q) => ({ name: q.short, figure: p[q.id]?.render })));
  };
  // Judged on the 200 KB cases a peer ran: issue 13's, not the relations case of issue 12,
  // which no peer draws (its line says so).
  const raced = big.filter((c) => Number.isFinite(vs(c).speedup));
  out.push(goal(peers && raced.length ? raced.every((c) => vs(c).speedup >= 5) : null, "render at least 5× faster than the best peer on the 200 KB cases", peers ? each(big, (c) => (raced.includes(c) ? vs(c).text : "no peer figure")) : "peers not measured"));
  out.push(goal(all(cases, (c) => c.app.first.med < 3 && c.app.next.med < 3), "add a span under 3 ms on every case (first and next)", each(cases, (c) => `${num(c.app.first.med)} / ${num(c.app.next.med)} ms`)));
  // Judged on the tasks' wall time. The most thread time one task took is named beside it: on
  // a busy machine a task's wall time also counts the time other threads and processes ran.
  const thread = (c) => (Number.isFinite(c.app.addTaskCpu?.max) && Number.isFinite(c.app.scrollTaskCpu?.max) ? ` (thread time ${num(c.app.addTaskCpu.max)} · ${num(c.app.scrollTaskCpu.max)} ms)` : "");
  out.push(goal(all(cases, (c) => c.app.addTask.max <= 16 && c.app.scrollTask.max <= 16), "no task over 16 ms after an edit or while scrolling", each(cases, (c) => `${num(c.app.addTask.max)} · ${num(c.app.scrollTask.max)} ms${thread(c)}`)));
  out.push(goal(all(cases, (c) => c.app.first.med <= c.app.next.med + 1), "the first add as fast as the next (within 1 ms)", each(cases, (c) => `${num(c.app.first.med)} vs ${num(c.app.next.med)} ms`)));
  const steps = corpus ? [["list", corpus.list], ["open", corpus.open], ["next", corpus.next]] : [];
  // The list's figure is a page reload to its rows, the app's start included (the wasm's
  // download and compile: a fixed cost only fewer bytes lower); the part after the start is
  // named beside it, as the corpus table gives both.
  // Beside it, when measured: a static page's reload to its rows (the floor of a reload on
  // this machine) and the list opened from a document, the app running.
  const besides = corpus
    ? [
        corpus.listAfterStart && `${num(corpus.listAfterStart.med)} ms after the app's start`,
        corpus.listFloor && `a static page reloads in ${num(corpus.listFloor.med)} ms`,
        corpus.listBack && `${num(corpus.listBack.med)} ms from a document`,
      ].filter(Boolean)
    : [];
  const after = besides.length ? ` (${besides.join("; ")})` : "";
  out.push(goal(corpus ? steps.every(([, f]) => f.med < 100) : null, "corpus: open the list, a document, the next, each under 100 ms", corpus ? steps.map(([n, f]) => `${n} ${num(f.med)} ms${n === "list" ? after : ""}`).join("; ") : "not measured"));
  out.push(goal(corpus ? corpus.longestRead < 100 && corpus.longestImport < 100 : null, `corpus: import ${corpus?.docs ?? ""} documents with no main-thread task over 100 ms`.replace("  ", " "), corpus ? `longest ${num(corpus.longestRead)} ms reading, ${num(corpus.longestImport)} ms storing` : "not measured"));
  const mid = cases.find((c) => c.key === "200k");
  out.push(goal(mid ? mid.app.memory.med < 10 * 1048576 : null, "JS heap + wasm memory under 10 MiB at 200 KB / 1,000 spans", mid ? `${mibs(mid.app.memory.med)} MiB` : "not measured"));
  return out;
}

/** "met     what: detail", "missed  …" or "—       …" for a goal not measured in this run. */
export const goalLine = (g) => `${g.ok === null ? "—     " : g.ok ? "met   " : "missed"}  ${g.what}: ${g.detail}`;

/**
 * Two builds measured in the same runs (`bench/browser.mjs --compare DIR`, each run measuring
 * both, in alternating order): per figure, each build's median and the median of the per-run
 * differences (other − base), with how many runs the other build was lower. On a machine whose
 * speed drifts from one minute to the next by more than the change being judged, only figures
 * taken side by side compare: two batches run apart once put the same build 4 ms apart on the
 * longest scroll task.
 *
 * `base` and `other` are the runs' figures (one object per run, in run order); runs where
 * either lacks a finite figure are left out.
 */
export function paired(base, other, k) {
  const pairs = base.map((b, i) => [b?.[k], other[i]?.[k]]).filter(([b, o]) => Number.isFinite(b) && Number.isFinite(o));
  return {
    base: median(pairs.map(([b]) => b)),
    other: median(pairs.map(([, o]) => o)),
    diff: median(pairs.map(([b, o]) => o - b)),
    lower: pairs.filter(([b, o]) => o < b).length,
    runs: pairs.length,
  };
}

/** The comparison's table rows for `keys` (`[field, title]`): "| title | base | other | diff | lower in n of m runs |". */
export function comparison(base, other, keys) {
  const signed = (x) => (x > 0 ? "+" : x < 0 ? "−" : "±") + num(Math.abs(x));
  return keys.map(([k, title]) => {
    const p = paired(base, other, k);
    return p.runs
      ? `| ${title} | ${num(p.base)} | ${num(p.other)} | ${signed(p.diff)} | ${p.lower} of ${p.runs} |`
      : `| ${title} | — | — | — | not measured |`;
  });
}

/** The trace events of the browser's rendering steps, by the phase they count towards. */
const PHASES = { UpdateLayoutTree: "style", Layout: "layout", PrePaint: "paint", Paint: "paint", Layerize: "paint", Commit: "paint" };

/**
 * The main thread's rendering work in a Chromium trace, in ms of thread time (the event's
 * `tdur`; its wall time `dur` where the trace has no thread time): style (`UpdateLayoutTree`),
 * layout, and paint (pre-paint, paint, layerize and the commit to the compositor). An event
 * that lies inside one already counted for its phase is not counted again (`Paint` nests).
 * `threads` holds the main thread's `"pid:tid"`.
 *
 * The longest task, which the goal is judged on, moves with this machine's speed from one
 * minute to the next by more than most changes to the page; these totals say which part of the
 * browser's work a change moved.
 */
export function renderPhases(events, threads) {
  const total = { style: 0, layout: 0, paint: 0 };
  const end = { style: -Infinity, layout: -Infinity, paint: -Infinity };
  const steps = events
    .filter((e) => e.ph === "X" && Object.hasOwn(PHASES, e.name) && threads.has(`${e.pid}:${e.tid}`))
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  for (const e of steps) {
    const phase = PHASES[e.name];
    if (e.ts + e.dur <= end[phase]) continue;
    end[phase] = e.ts + e.dur;
    total[phase] += (Number.isFinite(e.tdur) ? e.tdur : e.dur) / 1000;
  }
  return total;
}
