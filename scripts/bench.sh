#!/usr/bin/env bash
# Benchmarks (numbers, not pass/fail): the browser table (release build in headless Chromium,
# next to a plain <mark> page), the two fastest peers (Recogito and react-text-annotate-blend
# from npm, bundled by esbuild) on the same documents, the corpus table, then issue 13's table
# of all of them with a met/missed line per goal, and the model's criterion benchmarks.
# Arguments go to the browser, peer and corpus benchmarks, e.g.
# `scripts/bench.sh --runs 3 --cases 200k` (peers also take `--timeout SECONDS`, default 20).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
. scripts/env.sh
export TMPDIR="$PWD/.test-tmp"
mkdir -p "$TMPDIR"
trunk build --release
out=target/bench
rm -f "$out/app.json" "$out/peers.json" "$out/corpus.json"
node bench/browser.mjs --json "$out/app.json" "$@"
# The peers, fed the same documents; esbuild bundles their pages into target/bench/peers/.
node bench/peers.mjs --json "$out/peers.json" "$@"
# The corpus table: importing 10,000 documents, opening the list, a document, the next one.
node bench/corpus.mjs --json "$out/corpus.json" "$@"
node bench/summary.mjs "$out"
cargo bench --bench model
