// Prints issue 13's table from the figures the benchmarks of one scripts/bench.sh run wrote
// (app.json from bench/browser.mjs, peers.json from bench/peers.mjs, corpus.json from
// bench/corpus.mjs, in the folder given), then one met/missed line per goal.
//
//   node bench/summary.mjs target/bench
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { table, goals, goalLine } from "./report.mjs";

const dir = process.argv[2] || "target/bench";
const read = (name) => (existsSync(join(dir, name)) ? JSON.parse(readFileSync(join(dir, name), "utf8")) : undefined);
const app = read("app.json");
const peers = read("peers.json");
const corpus = read("corpus.json");

let commit = "";
try {
  commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  if (execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { encoding: "utf8" }).trim()) commit += "+";
} catch {
  // Not a git checkout: the column is just "us".
}

const runs = [app && `app and floor ${app.runs}`, peers && `peers ${peers.runs}`, corpus && `corpus steps ${corpus.runs} (import 1)`].filter(Boolean).join(", ");
console.log(`\nIssue 13: us, the plain <mark> floor and the peers, headless Chromium, ${new Date().toISOString().slice(0, 10)}; ms, median (min–max) of runs: ${runs}\n`);
for (const line of table({ app, peers, corpus, us: commit ? `us (${commit})` : "us" })) console.log(line);
console.log();
console.log("Adding a span: us through the UI (a word selected, the label key pressed), the floor by wrapping the selection in a <mark>,");
console.log(`${(peers?.peers ?? []).map((p) => `${p.short} through its ${p.add}`).join(", ")}; to the highlight in the DOM.`);
console.log("Us and Recogito draw highlights near the viewport only; rta-blend and the floor draw every span.");
if (peers) console.log(`Peer bytes: each harness bundle minified by esbuild with its dependencies (React for rta-blend), JS + CSS; ">${peers.timeout} s": did not finish within the timeout.`);
console.log();
for (const g of goals({ app, peers, corpus })) console.log(goalLine(g));
