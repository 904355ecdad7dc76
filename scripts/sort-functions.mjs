// Puts the functions of a module's text (binaryen's `.wat`) in the order of their names, in
// place (scripts/split.sh, on the first part of the page's wasm):
//
//   node scripts/sort-functions.mjs MODULE.wat NAMED.wasm
//
// The names come from NAMED.wasm, the same module with a name section (wasm-split -g; the first
// part as shipped has none, and -g would also give its exports those long names): its n-th
// function is MODULE's n-th.
//
// rustc names the copies of one generic function alike (`drop_in_place<…>`, each component's
// `CompStateInner<COMP>::view`, `RawTable<T>::reserve_rehash`), and their bodies are alike
// too: side by side, gzip's 32 KB window finds each copy's repeats in the one before. The
// linker orders functions otherwise. Only the order changes: the text refers to functions by
// name, so every call, table entry and export still reaches the same function.
import { readFileSync, writeFileSync } from "node:fs";
import { functionNames } from "./split-names.mjs";

/**
 * `text` with its function definitions sorted by `names` (the n-th function's name is
 * `names[n]`; code unit order, equal names keep their order). Every other top-level item stays
 * where it is, and the functions fill the places the functions had. Throws on text that is not
 * one module of top-level items, one per line start, and when the count of names differs.
 */
export function sortFunctions(text, names) {
  const lines = text.replace(/\s+$/, "").split("\n");
  if (!lines[0].startsWith("(module") || lines[lines.length - 1] !== ")") {
    throw new Error(`not a module in binaryen's text format: begins ${JSON.stringify(lines[0].slice(0, 40))}, ends ${JSON.stringify(lines[lines.length - 1].slice(0, 40))}`);
  }
  // Top-level items: each begins on a line that opens a form at one space of indent.
  const items = [];
  for (const line of lines.slice(1, -1)) {
    if (line.startsWith(" (")) items.push([line]);
    else if (items.length === 0) throw new Error(`text before the module's first item: ${line}`);
    else items[items.length - 1].push(line);
  }
  const isFunction = (item) => item[0].startsWith(" (func ");
  const functions = items.filter(isFunction);
  if (functions.length !== names.length) {
    throw new Error(`${functions.length} functions, but ${names.length} names`);
  }
  const sorted = functions
    .map((item, i) => ({ item, name: names[i], i }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.i - b.i))
    .map((f) => f.item);
  let next = 0;
  const out = items.map((item) => (isFunction(item) ? sorted[next++] : item));
  return [lines[0], ...out.flat(), lines[lines.length - 1]].join("\n") + "\n";
}

const [file, named] = process.argv.slice(2);
if (file) {
  // The defined functions' names in index order (imported functions have none here).
  const { names } = functionNames(readFileSync(named));
  const ordered = [...names].sort(([a], [b]) => a - b).map(([, name]) => name);
  writeFileSync(file, sortFunctions(readFileSync(file, "utf8"), ordered));
}
