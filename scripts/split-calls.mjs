// The second part of the page's wasm reaches the first part's functions through the function
// table the two share, not through exports (scripts/split.sh, on both parts' text):
//
//   node scripts/split-calls.mjs WHOLE.wat PRIMARY.wat SECONDARY.wat
//
// wasm-split exports every function of the first part that the second part calls, about a
// thousand, each an export entry (a name, a kind and an index): 5 KB gzipped of first paint
// that no first screen uses. A table entry is an index alone (1.8 KB gzipped for the same
// functions), so those functions go into new slots at the end of the first part's table and
// each call to one in the second part becomes a `call_indirect` through its slot (three bytes
// more per call, in the part fetched after start-up). The exports the module had before the
// split (WHOLE.wat: the JS glue's) stay as they are.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The names the module of `text` exports (its top-level `(export "…" …)` lines). */
export function exportNames(text) {
  return new Set([...text.matchAll(/^ \(export "([^"]+)" /gm)].map((m) => m[1]));
}

/**
 * Index just past the form that opens at `at` (a `(`), by counting parentheses: the code of a
 * function holds no strings, so every parenthesis in it opens or closes a form.
 */
export function formEnd(text, at) {
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const c = text[i];
    if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i + 1;
  }
  throw new Error(`a form at ${at} does not close`);
}

/**
 * Moves the second part's calls of the first part's functions onto table slots. `original` is
 * the set of export names before the split; returns the two texts and how many functions moved.
 * Throws when the texts are not in the shape binaryen's `wasm-dis` writes them.
 */
export function callsThroughTable(original, primary, secondary) {
  // The first part's shared function table: the one it exports as "table".
  const tableName = primary.match(/^ \(export "table" \(table (\$\S+)\)\)$/m)?.[1];
  if (!tableName) throw new Error('the first part exports no "table"');
  const tableRe = new RegExp(`^ \\(table \\${tableName} (\\d+) (\\d+) funcref\\)$`, "m");
  const table = primary.match(tableRe);
  if (!table || table[1] !== table[2]) throw new Error(`no fixed-size funcref table ${tableName}`);
  const base = Number(table[1]);
  const exported = new Map(
    [...primary.matchAll(/^ \(export "([^"]+)" \(func (\$\S+)\)\)$/gm)].map((m) => [m[1], m[2]]),
  );
  // The second part's imports of those functions: name in the first part, signature.
  const moved = new Map(); // import's name in the second part -> { slot, sig, target }
  const targets = [];
  for (const m of secondary.matchAll(/^ \(import "primary" "([^"]+)" \(func (\$[^\s)]+)((?: \([^()]*\))*)\)\)$/gm)) {
    const [, name, local, sig] = m;
    const target = exported.get(name);
    if (target === undefined || original.has(name)) continue;
    moved.set(local, { name, slot: base + targets.length, sig: sig.trim(), target });
    targets.push(target);
  }
  if (targets.length === 0) return { primary, secondary, moved: 0 };
  const size = base + targets.length;

  // The first part: no such exports; the table longer by their slots, which one more element
  // segment fills.
  const names = new Set([...moved.values()].map((m) => m.name));
  let p = primary.replace(/^ \(export "([^"]+)" \(func \$\S+\)\)\n/gm, (line, name) => (names.has(name) ? "" : line));
  p = p.replace(tableRe, ` (table ${tableName} ${size} ${size} funcref)`);
  const lastElem = [...p.matchAll(/^ \(elem .*\n/gm)].pop();
  const elem = ` (elem $split_calls (table ${tableName}) (i32.const ${base}) func ${targets.join(" ")})\n`;
  if (lastElem) {
    const at = lastElem.index + lastElem[0].length;
    p = p.slice(0, at) + elem + p.slice(at);
  } else {
    p = p.replace(tableRe, (line) => `${line}\n${elem.trimEnd()}`);
  }

  // The second part: its import of the table as long; each call of a moved function through
  // its slot.
  const importRe = /^ \(import "primary" "table" \(table (\$\S+) (\d+) (\d+) funcref\)\)$/m;
  const imported = secondary.match(importRe);
  if (!imported || Number(imported[2]) !== base || Number(imported[3]) !== base) {
    throw new Error(`the second part does not import the table at ${base} slots`);
  }
  const s0 = secondary.replace(importRe, ` (import "primary" "table" (table ${imported[1]} ${size} ${size} funcref))`);
  const s1 = s0.replace(/^ \(import "primary" "[^"]+" \(func (\$[^\s)]+)[^\n]*\n/gm, (line, local) => (moved.has(local) ? "" : line));
  // Edits by position in the text: a call's head replaced, its slot added before it closes
  // (calls nest, so every call is found, including those among another's operands).
  const edits = [];
  for (const m of s1.matchAll(/\(call (\$\S+?)(?=[\s)])/g)) {
    const call = moved.get(m[1]);
    if (!call) continue;
    const sig = call.sig ? ` ${call.sig}` : "";
    edits.push([m.index, m[0].length, `(call_indirect ${imported[1]}${sig}`]);
    edits.push([formEnd(s1, m.index) - 1, 0, ` (i32.const ${call.slot})`]);
  }
  edits.sort((a, b) => a[0] - b[0]);
  const out = [];
  let from = 0;
  for (const [at, drop, text] of edits) {
    out.push(s1.slice(from, at), text);
    from = at + drop;
  }
  out.push(s1.slice(from));
  const s = out.join("");
  // Nothing else may name a moved import (a `ref.func`, an export, a tail call).
  for (const m of s.matchAll(/\$fimport\$\d+(?=[\s)])/g)) {
    if (moved.has(m[0])) throw new Error(`the second part still names ${m[0]}: ${s.slice(m.index - 40, m.index + 40)}`);
  }
  return { primary: p, secondary: s, moved: targets.length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [whole, primaryFile, secondaryFile] = process.argv.slice(2);
  const result = callsThroughTable(
    exportNames(readFileSync(whole, "utf8")),
    readFileSync(primaryFile, "utf8"),
    readFileSync(secondaryFile, "utf8"),
  );
  writeFileSync(primaryFile, result.primary);
  writeFileSync(secondaryFile, result.secondary);
  console.log(`${result.moved} functions of the first part called through the table`);
}
