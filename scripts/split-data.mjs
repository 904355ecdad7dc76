// Moves the constant data that only the second part of the page's wasm uses into that part
// (scripts/split.sh, after wasm-split): wasm-split divides the functions, but every byte of
// the program's data stayed in the first part, downloaded before first paint.
//
//   node scripts/split-data.mjs MAP[:MAP...] LINKED.wasm PRIMARY.wat SECONDARY.wat
//
// MAP is the linker's map of the link that wrote LINKED.wasm (build.rs asks for it; of
// several, the one whose data section has the size of LINKED's): it names each piece of
// constant data (`.rodata.<symbol>`), with its address and size. A piece stays in the first
// part when the first part can reach it:
//  - its code names an address within it, up to BEFORE bytes before it or WINDOW after (`i32.const`, either
//    half of an `i64.const`, or a load's or store's `offset=`): a constant folded into an
//    address can point outside the piece it belongs to (`table[i - 1]` is `table - 4` plus
//    `4 * i`; an unrolled loop's end can pass the end). A link with `--emit-relocs` showed
//    LLVM's addresses at most 1 byte before a piece and 12 after it, among 67,000 relocations;
//  - or data that stays holds such an address (a 4-byte word; pointers are 4-aligned), followed
//    from every piece that stays, transitively.
// Writable data (`.data`, `.bss`) and strings the linker merged into one `.rodata` (build.rs
// asks it not to merge them, so each string is a piece of its own) stay whatever reaches
// them. Each piece that moves leaves zeros in the first part's data segments
// and becomes an active data segment of the second part at the same address, so it is in
// memory from the moment the second part is instantiated, which is before any of its
// functions runs (static/boot.js). Both files are rewritten in place; a summary goes to
// stdout. It fails, changing nothing, when the map does not describe the module.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { leb, sections as wasmSections } from "./wasm-read.mjs";

// 16 after a piece, 4 before it: beyond the 1 byte before and 12 after that LLVM's addresses
// were seen to reach, with room. It was 64 at first, which hid that the `i64.const` pairs were
// not read: at 16 without them, a build that filled the moved bytes of the first part with 0xA5
// instead of zeros (so that code reading them before the second part came would show it) drew
// the Find box's name as garbage and failed 3 end-to-end tests; with them it passed all of
// them. At 64, 419 bytes reached only through such pairs (core's Debug punctuation, Unicode's
// `cased` table) moved. It was 16 both ways until an address 12 bytes before serde_json's
// table of powers of ten, which points into the short piece before it, kept the table (2.5 KB)
// in the first part.
const WINDOW = 16;
const BEFORE = 4;
const [maps, linkedFile, primaryFile, secondaryFile] = process.argv.slice(2);
if (!secondaryFile) {
  console.error("usage: split-data.mjs MAP[:MAP...] LINKED.wasm PRIMARY.wat SECONDARY.wat");
  process.exit(2);
}
const fail = (why) => {
  console.error(`split-data: ${why}`);
  process.exit(1);
};
const mapFiles = maps.split(":").filter((file) => file && existsSync(file));

// The map's input sections of the data: `addr off size   file:(section)`.
const piecesOf = (mapFile, mapText) => {
  const sections = [];
  for (const line of mapText.split("\n")) {
    const m = /^\s*([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)\s+(\S.*:\((\.(?:rodata|data|bss|tdata)[^)]*)\))\s*$/.exec(line);
    if (!m) continue;
    const [start, size] = [parseInt(m[1], 16), parseInt(m[2], 16)];
    if (size === 0) continue;
    const name = m[4];
    // Only a named piece of constant data can move; `<internal>:(.rodata)` is merged strings.
    const movable = name.startsWith(".rodata.") && !m[3].startsWith("<internal>");
    sections.push({ start, end: start + size, name, movable });
  }
  sections.sort((a, b) => a.start - b.start);
  if (sections.length === 0) fail(`${mapFile} lists no data`);
  for (let i = 1; i < sections.length; i++) {
    if (sections[i].start < sections[i - 1].end) fail(`${mapFile}: data sections overlap at ${sections[i].start}`);
  }
  return sections;
};

// The map that describes the linked module: their data sections have the same size. Each
// build of the crate with features of its own links into a module of its own and writes its
// map in its own build directory (build.rs); a build that finds its module already linked
// (features switched back) does not link again, so the map of that module is the one its
// link left in that directory, not the newest. Two maps that both fit must divide the data
// alike.
const linkedBytes = readFileSync(linkedFile);
const dataSection = [...wasmSections(linkedBytes)].find((s) => s.id === 11);
const linkedData = dataSection ? dataSection.end - dataSection.header : null;
// The map counts a section with its header (its id and size).
const dataSize = (text) => /^\s*-\s+[0-9a-f]+\s+([0-9a-f]+) DATA$/m.exec(text)?.[1];
const fitting = mapFiles.map((file) => [file, readFileSync(file, "utf8")]).filter(([, text]) => parseInt(dataSize(text), 16) === linkedData);
if (fitting.length === 0) {
  const sizes = mapFiles.map((file) => `${file}: ${dataSize(readFileSync(file, "utf8"))}`).join(", ");
  fail(`no map describes ${linkedFile} (data ${linkedData?.toString(16)} against ${sizes}): clean the page's build (cargo clean --release --target wasm32-unknown-unknown -p article-annotator) and build again`);
}
const [mapFile] = fitting[0];
const sections = piecesOf(mapFile, fitting[0][1]);
const same = (a, b) => a.length === b.length && a.every((p, i) => p.start === b[i].start && p.end === b[i].end && p.name === b[i].name && p.movable === b[i].movable);
for (const [other, text] of fitting.slice(1)) {
  if (!same(sections, piecesOf(other, text))) fail(`${mapFile} and ${other} both fit ${linkedFile} but divide its data differently: clean the page's build (cargo clean --release --target wasm32-unknown-unknown -p article-annotator) and build again`);
}
const LOW = sections[0].start;
const HIGH = sections[sections.length - 1].end;

// WAT string escapes, both ways.
const unescape = (s) => {
  const out = [];
  for (let i = 0; i < s.length; ) {
    const c = s[i];
    if (c !== "\\") {
      const cp = s.codePointAt(i);
      const ch = String.fromCodePoint(cp);
      out.push(...Buffer.from(ch, "utf8"));
      i += ch.length;
      continue;
    }
    const n = s[i + 1];
    const simple = { t: 9, n: 10, r: 13, '"': 34, "'": 39, "\\": 92 }[n];
    if (simple !== undefined) {
      out.push(simple);
      i += 2;
    } else {
      out.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 3;
    }
  }
  return Uint8Array.from(out);
};
const escape = (bytes) => {
  let s = "";
  for (const b of bytes) {
    s += b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c ? String.fromCharCode(b) : "\\" + b.toString(16).padStart(2, "0");
  }
  return s;
};

const DATA = /^(\s*)\(data (\$\S+ )?\(i32\.const (\d+)\) "(.*)"\)\s*$/;
const primary = readFileSync(primaryFile, "utf8").split("\n");
if (primary.some((l) => /\b(memory\.init|data\.drop)\b/.test(l))) fail("the first part uses passive data segments");
// The first part's data, by segment.
const segments = [];
primary.forEach((line, index) => {
  const m = DATA.exec(line);
  if (m) segments.push({ index, indent: m[1], start: Number(m[3]), bytes: unescape(m[4]) });
});
if (segments.length === 0) fail(`${primaryFile} has no data segments`);
const memory = new Uint8Array(HIGH);
for (const s of segments) {
  if (s.start + s.bytes.length > HIGH || s.start < LOW) fail(`a data segment at ${s.start} lies outside the map's data`);
  memory.set(s.bytes, s.start);
}

// And the module split is the one that link wrote: its data is the linked module's, byte for
// byte. A link of another build left in target/ (a second checkout building into the same
// directory once did) would have this script move the wrong pieces.
const linked = new Uint8Array(HIGH);
{
  const sleb = (at) => {
    let value = 0;
    let shift = 0;
    let b;
    do {
      b = linkedBytes[at++];
      value |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    return [shift < 32 && b & 0x40 ? value | (-1 << shift) : value, at];
  };
  let [count, p] = leb(linkedBytes, dataSection.body);
  for (; count > 0; count--) {
    const flags = linkedBytes[p++];
    let len;
    if (flags === 1) {
      // Passive: not at an address.
      [len, p] = leb(linkedBytes, p);
      p += len;
      continue;
    }
    if (flags === 2) [, p] = leb(linkedBytes, p);
    if (flags > 2 || linkedBytes[p] !== 0x41) fail(`${linkedFile}: a data segment this cannot read`);
    let offset;
    [offset, p] = sleb(p + 1);
    if (linkedBytes[p++] !== 0x0b) fail(`${linkedFile}: a data segment this cannot read`);
    [len, p] = leb(linkedBytes, p);
    if (offset < LOW || offset + len > HIGH) fail(`${linkedFile}: a data segment at ${offset} lies outside the map's data`);
    linked.set(linkedBytes.subarray(p, p + len), offset);
    p += len;
  }
}
for (const s of segments) {
  const differs = s.bytes.findIndex((b, i) => linked[s.start + i] !== b);
  if (differs >= 0) {
    fail(`${primaryFile} is not what ${linkedFile} was linked into (their data differ at ${s.start + differs}): build again`);
  }
}

// The index of the last section starting at or before `address`.
const starts = sections.map((s) => s.start);
const at = (address) => {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= address) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
};
const keep = new Array(sections.length).fill(false);
const work = [];
// Marks every section that `address` may point into: those holding the bytes from
// `address - after` (an address past a piece's end) to `address + before` (an address before
// a piece's start), ends included (an end pointer).
const reach = (address, before, after) => {
  if (address + before < LOW || address - after > HIGH) return;
  // Sections are sorted and disjoint: from the last one starting at or before the low end
  // (and the one before it, which may end exactly there) up to the high end.
  for (let j = Math.max(at(address - after) - 1, 0); j < sections.length && sections[j].start <= address + before; j++) {
    if (sections[j].end >= address - after) mark(j);
  }
};
const mark = (j) => {
  if (!keep[j]) {
    keep[j] = true;
    work.push(j);
  }
};
sections.forEach((s, j) => s.movable || mark(j));
// The 32-bit values a constant in the code can hold as an address: an `i32.const`, a load's or
// store's `offset=`, or either half of an `i64.const` (LLVM writes a string's (pointer, length)
// pair into memory as one, the pointer in its low half).
const CONSTANT = /i32\.const (-?\d+)|offset=(\d+)|i64\.const (-?\d+)/g;
const valuesOf = ([, i32, offset, i64]) => {
  if (i64 === undefined) return [Number(i32 ?? offset) >>> 0];
  const v = BigInt.asUintN(64, BigInt(i64));
  return [Number(v & 0xffffffffn), Number(v >> 32n)];
};
// char::MAX and the few values past it, which code handling an `Option<char>` names as its
// `None` (0x110000; an Option around that one 0x110001, and so on) and which lie inside the
// data (it spans 0x100000 up): as an `i32.const` they reach a piece only at its edges, where a
// folded address lands, not inside it. Taken as any address, they once kept an 11.7 KB Unicode
// table in the first part because the link put it across 0x110000 (4.3 KB gzipped of first
// paint, gone again when a change moved it off).
const CHAR_BOUNDS = new Set([0x10ffff, 0x110000, 0x110001, 0x110002, 0x110003]);
const reachEdges = (v) => {
  for (let k = Math.max(at(v - WINDOW) - 1, 0); k < sections.length && sections[k].start <= v + WINDOW; k++) {
    const { start, end } = sections[k];
    if (Math.abs(start - v) <= WINDOW || Math.abs(end - v) <= WINDOW) mark(k);
  }
};
let constants = 0;
for (const line of primary) {
  if (DATA.test(line)) continue;
  for (const m of line.matchAll(CONSTANT)) {
    for (const v of valuesOf(m)) {
      if (v + WINDOW >= LOW && v - WINDOW <= HIGH) {
        constants++;
        if (m[1] !== undefined && CHAR_BOUNDS.has(v)) reachEdges(v);
        else reach(v, BEFORE, WINDOW);
      }
    }
  }
}
const view = new DataView(memory.buffer);
while (work.length) {
  const s = sections[work.pop()];
  for (let a = (s.start + 3) & ~3; a + 4 <= s.end; a += 4) reach(view.getUint32(a, true), 0, 0);
}

// Runs of moved sections, with the padding between two moved neighbours.
const runs = [];
sections.forEach((s, j) => {
  if (keep[j]) return;
  const last = runs[runs.length - 1];
  if (last && last.next === j) {
    last.end = s.end;
  } else {
    runs.push({ start: s.start, end: s.end });
  }
  runs[runs.length - 1].next = j + 1;
});
const moved = runs.reduce((n, r) => n + r.end - r.start, 0);

// The first part keeps its segments without the moved runs (zeros need no segment: memory
// starts zeroed); the second part gets the runs.
const byLine = new Map(segments.map((s) => [s.index, s]));
const out = [];
let n = 0;
for (const [i, line] of primary.entries()) {
  const seg = byLine.get(i);
  if (!seg) {
    out.push(line);
    continue;
  }
  const end = seg.start + seg.bytes.length;
  let from = seg.start;
  const cuts = runs.filter((r) => r.end > seg.start && r.start < end);
  for (const r of [...cuts, { start: end, end }]) {
    const to = Math.max(from, Math.min(r.start, end));
    if (to > from) out.push(`${seg.indent}(data $d${n++} (i32.const ${from}) "${escape(memory.subarray(from, to))}")`);
    from = Math.max(from, Math.min(r.end, end));
    // SPLIT_DATA_POISON=1 (a check, not for shipping): the moved bytes read 0xA5 in the first
    // part until the second part's own segments overwrite them, so code that reads them
    // before the second part came shows it (garbage on the page, failing end-to-end tests).
    const poisonTo = Math.min(r.end, end);
    if (process.env.SPLIT_DATA_POISON && poisonTo > to) {
      out.push(`${seg.indent}(data $p${n++} (i32.const ${to}) "${escape(new Uint8Array(poisonTo - to).fill(0xa5))}")`);
    }
  }
}
const secondary = readFileSync(secondaryFile, "utf8").replace(/\)\s*$/, "");
if (!/\(import "primary" "memory" \(memory /.test(secondary)) fail("the second part does not import the first part's memory");
const added = runs.map((r, i) => ` (data $moved${i} (i32.const ${r.start}) "${escape(memory.subarray(r.start, r.end))}")`);
writeFileSync(primaryFile, out.join("\n"));
writeFileSync(secondaryFile, `${secondary}\n${added.join("\n")}\n)\n`);
const total = segments.reduce((t, s) => t + s.bytes.length, 0);
console.log(`moved ${moved} of ${total} bytes of data to the second part (${runs.length} runs; ${constants} addresses in the first part's code)`);
