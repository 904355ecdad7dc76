#!/usr/bin/env bash
# Splits the page's wasm in two (release builds; Trunk's post-build hook through
# scripts/minify.sh), so that first paint downloads only the functions a typical visit runs:
#
#   article-annotator_bg.wasm     the primary part: every function scripts/split-keep.txt names
#                                 (recorded from a visit by scripts/split-profile.sh) and
#                                 every export; its other functions are placeholders (made at
#                                 start-up from a description: scripts/split-placeholders.mjs),
#                                 those the second part calls sit in table slots instead of
#                                 exports (scripts/split-calls.mjs), and the JS functions it
#                                 imports have short names (scripts/short-imports.mjs)
#   article-annotator_split.wasm  the rest, which static/boot.js fetches and compiles once
#                                 the first screen is drawn; a placeholder called before then
#                                 loads it at once (static/boot.js, `loadSecondary`)
#
#   scripts/split.sh DIR              split DIR/article-annotator_bg.wasm in place
#   scripts/split.sh DIR --instrument instead, make it record which functions run
#                                     (scripts/split-profile.sh), keeping the whole module
#                                     as DIR/article-annotator_whole.wasm
#
# Binaryen's wasm-split comes from Debian's binaryen 108 (scripts/setup.sh puts it in
# tools/binaryen); wasm-opt, wasm-dis and wasm-as are npm's binaryen 132. Version 108 cannot
# read two things the newer tools write, and this script works around both:
#  - `table.fill` (wasm-bindgen's externref shims fill one slot): rewritten as `table.set`;
#  - with two tables, it writes the export of the externref table `__wbindgen_externrefs` as
#    the function table: the export is pointed back at the externref table.
set -euo pipefail
cd "$(dirname "$0")/.."
SAY_AS=split
. scripts/env.sh
. scripts/lib.sh

dir=$1
mode=${2:-split}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
page="$dir/article-annotator_bg.wasm"

# The optimised module, with its function names.
wasm-opt -O1 -g "${BINARYEN_FEATURES[@]}" "$page" -o "$work/opt.wasm"
# SPLIT=0 builds the page's wasm whole, as before the split, to compare the two.
# With KEEP_NAMES=1 as well, it keeps the function names, for reading CPU profiles
# (BENCH_PROFILE in bench/browser.mjs).
if [ "${SPLIT:-1}" = 0 ] && [ "$mode" != --instrument ]; then
  if [ "${KEEP_NAMES:-}" = 1 ]; then
    cp "$work/opt.wasm" "$page"
  else
    wasm-opt --strip-debug --strip-producers "${BINARYEN_FEATURES[@]}" "$work/opt.wasm" -o "$page"
  fi
  say "not split (SPLIT=0)"
  exit 0
fi

# The same in a form version 108 can read.
wasm-dis "$work/opt.wasm" -o "$work/opt.wat"
perl -0pi -e 's/\(table\.fill (\$\S+)\n(\s*)\(local\.get (\$\d+)\)\n\s*\(ref\.null noextern\)\n\s*\(i32\.const 1\)\n(\s*)\)/(table.set $1\n$2(local.get $3)\n$2(ref.null noextern)\n$4)/g' "$work/opt.wat"
if grep -q 'table\.fill' "$work/opt.wat"; then
  say "a table.fill other than wasm-bindgen's one-slot fill: wasm-split 108 cannot read it"
  exit 1
fi
wasm-as -g "${BINARYEN_FEATURES[@]}" "$work/opt.wat" -o "$work/whole.wasm"

# fix_tables IN OUT: points the export `__wbindgen_externrefs` at the externref table and
# drops the names. IN is a module, or its text (`.wat`) when that is at hand already.
fix_tables() {
  case "$1" in
    *.wat) cp "$1" "$work/fix.wat" ;;
    *) wasm-dis "$1" -o "$work/fix.wat" ;;
  esac
  local externrefs
  externrefs=$(grep -oE '^ \(table \$[^ ]+ [0-9]+( [0-9]+)? externref\)' "$work/fix.wat" | awk '{print $2}')
  if [ "$(printf '%s\n' "$externrefs" | grep -c .)" != 1 ]; then
    say "expected one externref table in $1"
    exit 1
  fi
  sed -i -E "s/^ \(export \"__wbindgen_externrefs\" \(table [^)]+\)\)$/ (export \"__wbindgen_externrefs\" (table $externrefs))/" "$work/fix.wat"
  grep -q "^ (export \"__wbindgen_externrefs\" (table $externrefs))$" "$work/fix.wat"
  wasm-as "${BINARYEN_FEATURES[@]}" "$work/fix.wat" -o "$work/fixed.wasm"
  wasm-opt --strip-debug --strip-producers "${BINARYEN_FEATURES[@]}" "$work/fixed.wasm" -o "$2"
}

if [ "$mode" = --instrument ]; then
  wasm_split --instrument "$work/whole.wasm" -o "$work/instrumented.wasm"
  fix_tables "$work/instrumented.wasm" "$page"
  cp "$work/whole.wasm" "$dir/article-annotator_whole.wasm"
  say "instrumented $page"
  exit 0
fi

node scripts/split-names.mjs keep "$work/whole.wasm" scripts/split-keep.txt >"$work/keep.txt"
# The collections' code the first part calls (B-trees, hash tables, a vector's growth) stays with
# it, and what that calls of theirs in turn: which of its branches run depends on the data, not
# on the visit (scripts/split-names.mjs, `collections`), and one the recorded visit missed would
# load the second part synchronously during start-up (reopening a document with ten spans did).
for _ in 1 2 3 4 5 6 7 8; do
  wasm_split --keep-funcs "@$work/keep.txt" "$work/whole.wasm" --placeholdermap \
    --placeholder-namespace p -o1 "$work/primary.wasm" -o2 "$work/secondary.wasm" >/dev/null
  node scripts/split-names.mjs collections "$work/primary.wasm.placeholders" >"$work/more.txt"
  [ -s "$work/more.txt" ] || break
  cat "$work/more.txt" >>"$work/keep.txt"
done
if [ -s "$work/more.txt" ]; then
  say "the collections' code the first part calls did not close in eight rounds"
  exit 1
fi
# SPLIT_MAP=FILE keeps which function each placeholder stands for (by its slot in the table,
# the number static/boot.js shows as `window.appSplitSlot` after a load on demand).
if [ -n "${SPLIT_MAP:-}" ]; then cp "$work/primary.wasm.placeholders" "$SPLIT_MAP"; fi
# The same split with the function names (-g, which also names the first part's exports after
# them: not for shipping), for sort-functions.mjs below and, with SPLIT_NAMED=FILE, `twiggy top`.
wasm_split -g --keep-funcs "@$work/keep.txt" "$work/whole.wasm" --placeholder-namespace p \
  -o1 "$work/named.wasm" -o2 "$work/named-secondary.wasm" >/dev/null
if [ -n "${SPLIT_NAMED:-}" ]; then cp "$work/named.wasm" "$SPLIT_NAMED"; fi
# The constant data that only the second part uses goes with it (scripts/split-data.mjs), read
# from the linker's map of this link (build.rs writes one in the build directory of each set of
# features; split-data.mjs takes the one that describes the linked module).
release="${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release"
linked="$release/article-annotator.wasm"
maps=$(printf '%s:' "$release"/build/article-annotator-*/out/article-annotator.map)
wasm-dis "$work/primary.wasm" -o "$work/primary.wat"
wasm-dis "$work/secondary.wasm" -o "$work/secondary.wat"
node scripts/split-data.mjs "$maps" "$linked" "$work/primary.wat" "$work/secondary.wat"
# The second part calls the first part's functions through their table, which the first part
# fills, instead of through a thousand exports (scripts/split-calls.mjs).
node scripts/split-calls.mjs "$work/opt.wat" "$work/primary.wat" "$work/secondary.wat" >/dev/null
wasm-as "${BINARYEN_FEATURES[@]}" "$work/secondary.wat" -o "$work/secondary.wasm"
# The first part's functions in the order of their names: copies of one generic function side
# by side gzip smaller (scripts/sort-functions.mjs; 1.9 KB of 291 KB. The second part, fetched
# after first paint, gains 20 bytes: not done).
node scripts/sort-functions.mjs "$work/primary.wat" "$work/named.wasm"
# Its placeholders for the second part's functions are made at start-up (static/boot.js) from a
# description, not imported one by one (scripts/split-placeholders.mjs).
node scripts/split-placeholders.mjs take "$work/primary.wat" "$work/placeholders.bin" >/dev/null
fix_tables "$work/primary.wat" "$page"
# The JS functions the first part imports get short names, there and in the glue (the second
# part calls them through the first part's exports, so it is not touched).
node scripts/short-imports.mjs "$page" "$dir/article-annotator.js" ./article-annotator_bg.js >/dev/null
# Optimised once more as a module of its own, now that it holds only its functions (0.4 KB
# gzipped less; -O1, -Os, -Oz and Binaryen's passes one by one gave less or grew it). Its calls
# into the second part go through the table the second part fills in, which the module
# exports, so no pass turns them into calls of what the slots hold until start-up fills them
# (`$split_waiting`, which traps).
wasm-opt -O2 "${BINARYEN_FEATURES[@]}" "$page" -o "$page"
node scripts/split-placeholders.mjs add "$page" "$work/placeholders.bin"
wasm-opt --strip-debug --strip-producers "${BINARYEN_FEATURES[@]}" "$work/secondary.wasm" \
  -o "$dir/article-annotator_split.wasm"
say "kept $(wc -l <"$work/keep.txt") functions before first paint: $(wc -c <"$page") bytes, the rest $(wc -c <"$dir/article-annotator_split.wasm")"
