#!/usr/bin/env bash
# Benchmarks (numbers, not pass/fail): the browser table (release build in headless Chromium,
# next to a plain <mark> page), the corpus table, and the model's criterion benchmarks. Arguments go to the
# browser benchmark, e.g. `scripts/bench.sh --runs 3 --cases 200k`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
. scripts/env.sh
export TMPDIR="$PWD/.test-tmp"
mkdir -p "$TMPDIR"
trunk build --release
node bench/browser.mjs "$@"
# The corpus table: importing 10,000 documents, opening the list, a document, the next one.
node bench/corpus.mjs
cargo bench --bench model
