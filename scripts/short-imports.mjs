// Gives the JS functions the page's first wasm part imports short names, in the wasm and in the
// minified glue that provides them (scripts/split.sh, release builds). wasm-bindgen names each
// import after its method and a 16-digit hash (`__wbg_addEventListener_6a82629b3d430a48`): 304
// of them made 18 KB of the first part's import section and as much of the glue, hashes that
// gzip cannot shrink. Renamed `a`, `b`, … `$9`, they save about 9 KB gzipped of first paint.
//
//   node scripts/short-imports.mjs WASM GLUE MODULE
//
// MODULE is the import module the glue provides (`./article-annotator_bg.js`), which becomes `a`;
// imports from any other module keep their names. Only names change: every index in the module
// stays as it was. Each renamed import must be exactly one key of the glue, and MODULE one
// quoted string in it, else nothing is written and the build fails.
import { readFileSync, writeFileSync } from "node:fs";
import { leb, sections } from "./wasm-read.mjs";

const [wasmPath, gluePath, moduleName] = process.argv.slice(2);
if (!moduleName) {
  console.error("usage: node scripts/short-imports.mjs WASM GLUE MODULE");
  process.exit(2);
}
const fail = (message) => {
  console.error(`short-imports: ${message}`);
  process.exit(1);
};

const uleb = (n) => {
  const out = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return Buffer.from(out);
};

const name = (s) => Buffer.concat([uleb(Buffer.byteLength(s)), Buffer.from(s)]);

/** The `i`-th short identifier: a … Z, _, $, then two characters. */
// The module the glue provides is imported as `a` (its name, 25 bytes, stood before each of
// the 315 imports: 0.25 KB gzipped).
const SHORT_MODULE = "a";
const FIRST = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$";
const NEXT = FIRST + "0123456789";
function shortName(i) {
  if (i < FIRST.length) return FIRST[i];
  i -= FIRST.length;
  if (i < FIRST.length * NEXT.length) return FIRST[Math.floor(i / NEXT.length)] + NEXT[i % NEXT.length];
  fail("more imports than two-character names");
}

/** The end of an import's description (after its kind byte at `at`). */
function skipDescription(bytes, kind, at) {
  const limits = (p) => {
    const flags = bytes[p++];
    [, p] = leb(bytes, p);
    if (flags & 1) [, p] = leb(bytes, p);
    return p;
  };
  switch (kind) {
    case 0: // a function: its type index
      return leb(bytes, at)[1];
    case 1: // a table: a plain reference type, then limits
      if (bytes[at] !== 0x70 && bytes[at] !== 0x6f) fail(`a table of reference type 0x${bytes[at].toString(16)}`);
      return limits(at + 1);
    case 2: // a memory
      return limits(at);
    case 3: // a global: a plain value type and mutability
      if (bytes[at] < 0x6f) fail(`a global of type 0x${bytes[at].toString(16)}`);
      return at + 2;
    default:
      fail(`an import of kind ${kind}`);
  }
}

const wasm = readFileSync(wasmPath);
if (wasm.readUInt32LE(0) !== 0x6d736100) fail(`${wasmPath} is not a wasm module`);
const renamed = new Map();
const parts = [wasm.subarray(0, 8)];
for (const { id, header, body, end } of sections(wasm)) {
  if (id !== 2) {
    parts.push(wasm.subarray(header, end));
    continue;
  }
  let [count, p] = leb(wasm, body);
  const entries = [uleb(count)];
  for (let i = 0; i < count; i++) {
    let len;
    [len, p] = leb(wasm, p);
    const module = wasm.toString("utf8", p, p + len);
    p += len;
    [len, p] = leb(wasm, p);
    const field = wasm.toString("utf8", p, p + len);
    p += len;
    const kind = wasm[p];
    const next = skipDescription(wasm, kind, p + 1);
    let newField = field;
    if (module === moduleName) {
      if (renamed.has(field)) fail(`${field} is imported twice`);
      newField = shortName(renamed.size);
      renamed.set(field, newField);
    }
    entries.push(name(module === moduleName ? SHORT_MODULE : module), name(newField), wasm.subarray(p, next));
    p = next;
  }
  if (p !== end) fail("the import section did not end where its size says");
  const section = Buffer.concat(entries);
  parts.push(Buffer.from([2]), uleb(section.length), section);
}
if (!renamed.size) fail(`no imports from ${moduleName}`);

// The glue: each name is a key of the imports object; a name after a dot would be something
// else (an export read from the instance), so only whole names not after a dot are replaced.
// Every key of the imports object is such a name, so a short one cannot meet an old key there.
let glue = readFileSync(gluePath, "utf8");
for (const [long, short] of renamed) {
  const escaped = long.replace(/\$/g, "\\$");
  const pattern = new RegExp(`(?<![\\w$.])${escaped}(?![\\w$])`, "g");
  const found = glue.match(pattern)?.length ?? 0;
  if (found !== 1) fail(`${long} appears ${found} times in ${gluePath}, not once as a key`);
  glue = glue.replace(pattern, short);
}
// The module's name too: the glue's one key for it, a quoted string.
const quoted = new RegExp(`(["'])${moduleName.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}\\1`, "g");
const keys = glue.match(quoted)?.length ?? 0;
if (keys !== 1) fail(`${moduleName} appears ${keys} times in ${gluePath} as a string, not once as the key`);
glue = glue.replace(quoted, JSON.stringify(SHORT_MODULE));
writeFileSync(wasmPath, Buffer.concat(parts));
writeFileSync(gluePath, glue);
console.log(`short-imports: ${renamed.size} imports renamed`);
