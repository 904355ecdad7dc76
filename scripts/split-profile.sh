#!/usr/bin/env bash
# Records a typical visit to write scripts/split-keep.txt, the functions of the page's wasm that
# load before first paint (scripts/split.sh). Run it when the list has aged: a function it does
# not name loads after start-up, which costs a visit that needs it early a synchronous load.
#
#   scripts/split-profile.sh
#
# Builds the page instrumented (SPLIT_INSTRUMENT=1), drives the visit of
# scripts/split-profile.mjs in headless Chromium, splits the whole module by what ran and lists
# the functions of the first part (with rustc's hashes: scripts/split-names.mjs says why).
set -euo pipefail
cd "$(dirname "$0")/.."
SAY_AS=split-profile
. scripts/env.sh
. scripts/lib.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/profiles"
SPLIT_INSTRUMENT=1 trunk build --release --dist "$work/dist" >"$work/build.log" 2>&1 ||
  { tail -30 "$work/build.log"; exit 1; }
node scripts/split-profile.mjs "$work/dist" "$work/profiles"
wasm_split --merge-profiles "$work"/profiles/*.prof -o "$work/visit.prof"
wasm_split --profile "$work/visit.prof" -g "$work/dist/article-annotator_whole.wasm" \
  -o1 "$work/primary.wasm" -o2 "$work/secondary.wasm" >/dev/null
node scripts/split-names.mjs list "$work/primary.wasm" >scripts/split-keep.txt
say "scripts/split-keep.txt: $(wc -l <scripts/split-keep.txt) functions run in the visit"
