// scripts/split-data.mjs on a made-up link: which pieces of constant data stay in the first part
// of the page's wasm (named by its code, near such an address, or pointed to by data that
// stays), which move to the second part, and that a map of another link changes nothing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { ROOT } from "./harness.mjs";

const SCRIPT = join(ROOT, "scripts", "split-data.mjs");
const BASE = 0x100000;

/** Little-endian bytes of a 32-bit number. */
const word = (n) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24];
const fill = (n, byte) => new Array(n).fill(byte);
const escape = (bytes) => bytes.map((b) => "\\" + b.toString(16).padStart(2, "0")).join("");
const leb = (n) => {
  const out = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
};

// The pieces, as a link map names them: [name, address, bytes].
const pieces = {
  named: [".rodata..Lanon.t.0", BASE, [...word(BASE + 0x300), ...fill(12, 0x41)]], // its first word points at `pointed`
  pointed: [".rodata..Lanon.t.1", BASE + 0x300, fill(16, 0x42)], // far from any address the code names
  unreached: [".rodata..Lanon.t.2", BASE + 0x100, fill(32, 0x43)],
  pastEnd: [".rodata..Lanon.t.3", BASE + 0x200, fill(16, 0x44)], // the code names its end + 12
  beyond: [".rodata..Lanon.t.6", BASE + 0x248, fill(16, 0x49)], // 44 bytes past that address
  runA: [".rodata..Lanon.t.4", BASE + 0x400, fill(16, 0x45)],
  runB: [".rodata..Lanon.t.5", BASE + 0x410, fill(16, 0x46)],
  merged: [".rodata", BASE + 0x500, fill(16, 0x47)], // the linker's merged strings
  writable: [".data.counter", BASE + 0x600, fill(8, 0x48)],
  // Named only as the low half of a 64-bit constant, as LLVM writes a string's (pointer,
  // length) pair.
  pair: [".rodata..Lanon.t.7", BASE + 0x700, fill(16, 0x4a)],
  // Across char::MAX (0x10ffff) and the value after it, which code handling an Option<char>
  // names as its None: as an i32.const they reach only a piece's edges.
  acrossChar: [".rodata..Lanon.t.8", 0x10ff00, fill(0x200, 0x4b)],
  // The code names an address 4 bytes before it, in no piece (`table[i - 1]` folded).
  justAfter: [".rodata..Lanon.t.9", BASE + 0x6c4, fill(16, 0x4c)],
  // A short piece the code names, and 8 bytes after that address a table nothing reaches (as
  // serde_json's "alse" and its table of powers of ten once lay).
  ident: [".rodata..Lanon.t.10", BASE + 0x680, fill(8, 0x4d)],
  table: [".rodata..Lanon.t.11", BASE + 0x688, fill(16, 0x4e)],
};
const dataEnd = 0x110100;

/** A signed LEB128, as `i32.const` takes its operand. */
const sleb = (n) => {
  const out = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) return [...out, b];
    out.push(b | 0x80);
  }
};

function makeLink(dir, { mapDataSize, charAsOffset = false, otherBuild = false } = {}) {
  const map = ["    Addr      Off     Size Out     In      Symbol"];
  // The linked module: one data segment holding every piece at its address (a link of another
  // build: one byte of it differs).
  const image = fill(dataEnd - BASE, 0);
  for (const [, at, bytes] of Object.values(pieces)) image.splice(at - BASE, bytes.length, ...bytes);
  if (otherBuild) image[0x68b] ^= 1; // inside `table`
  const payload = [1, 0, 0x41, ...sleb(BASE), 0x0b, ...leb(image.length), ...image];
  const section = [11, ...leb(payload.length), ...payload];
  const size = mapDataSize ?? section.length;
  map.push(`       -   1abc11 ${size.toString(16).padStart(8)} DATA`);
  for (const [name, at, bytes] of Object.values(pieces)) {
    const file = name === ".rodata" ? "<internal>" : "/x/app.o";
    map.push(`  ${at.toString(16)}   1abc1c ${bytes.length.toString(16).padStart(8)}         ${file}:(${name})`);
    map.push(`  ${at.toString(16)}   1abc1c ${bytes.length.toString(16).padStart(8)}                 ${name}`);
  }
  writeFileSync(join(dir, "app.map"), map.join("\n") + "\n");
  writeFileSync(join(dir, "app.wasm"), Buffer.from([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...section]));
  // The first part: one segment per piece, one function naming two addresses.
  const segments = Object.values(pieces).map(([, at, bytes], i) => ` (data $${i} (i32.const ${at}) "${escape(bytes)}")`);
  const primary = [
    "(module",
    " (memory $0 18)",
    " (export \"memory\" (memory $0))",
    " (func $f (result i32)",
    `  (i64.store (i32.const 8) (i64.const ${(16n << 32n) | BigInt(BASE + 0x700)}))`,
    `  (i32.add (i32.const ${BASE}) (i32.load offset=${BASE + 0x200 + 16 + 12} (i32.const 0)))`,
    charAsOffset
      ? "  (drop (i32.load offset=1114112 (i32.const 0)))"
      : "  (drop (i32.eq (i32.const 1114112) (i32.const 1114111))) (drop (i32.const 1114113))",
    `  (drop (i32.const ${BASE + 0x6c0})) (drop (i32.const ${BASE + 0x680}))`,
    " )",
    ...segments,
    ")",
  ].join("\n");
  const secondary = ['(module', ' (import "primary" "memory" (memory $mimport$0 18))', " (func $g (result i32) (i32.const " + (BASE + 0x100) + "))", ")"].join("\n");
  writeFileSync(join(dir, "primary.wat"), primary);
  writeFileSync(join(dir, "secondary.wat"), secondary);
  return { primary, secondary };
}

/** split-data's arguments for the link made in `dir`, with `maps` (by default its own map). */
const args = (dir, maps = [join(dir, "app.map")]) => [SCRIPT, maps.join(":"), join(dir, "app.wasm"), join(dir, "primary.wat"), join(dir, "secondary.wat")];

/** `map` with the piece `table` one byte further on (another link's map). */
const tableMoved = (map) => {
  const lines = map.split("\n");
  const i = lines.findIndex((l) => /:\(\.rodata\.\.Lanon\.t\.11\)/.test(l));
  assert.ok(i > 0, "the made-up map has the piece `table`");
  lines[i] = lines[i].replace(/^(\s*)([0-9a-f]+)/, (_, sp, at) => sp + (parseInt(at, 16) + 1).toString(16));
  return lines.join("\n");
};

/** Runs `body` with a new folder, removed afterwards. */
const inFolder = (body) => {
  const dir = mkdtempSync(join(tmpdir(), "split-data-"));
  try {
    body(dir);
  } finally {
    rmSync(dir, { recursive: true });
  }
};

/** The two parts' WAT files as they are now. */
const wats = (dir) => [readFileSync(join(dir, "primary.wat"), "utf8"), readFileSync(join(dir, "secondary.wat"), "utf8")];

/** Runs split-data with `argv`: it fails saying `why` and leaves both WAT files as they were. */
const refuses = (dir, argv, why) => {
  const before = wats(dir);
  const run = spawnSync("node", argv, { encoding: "utf8" });
  assert.equal(run.status, 1);
  assert.match(run.stderr, why);
  assert.deepEqual(wats(dir), before);
};

/** The data segments of a WAT file as [address, bytes]. */
const segmentsOf = (wat) =>
  [...wat.matchAll(/\(data \$\S+ \(i32\.const (\d+)\) "(.*)"\)/g)].map(([, at, s]) => [
    Number(at),
    [...s.matchAll(/\\([0-9a-f]{2})|([^\\])/g)].map(([, hex, ch]) => (hex ? parseInt(hex, 16) : ch.charCodeAt(0))),
  ]);

/** The address ranges a WAT file's data covers, in address order, as `start-end` strings. */
const ranges = (wat) => segmentsOf(wat).sort((a, b) => a[0] - b[0]).map(([at, bytes]) => `${(at - BASE).toString(16)}-${(at - BASE + bytes.length).toString(16)}`);

test("data the first part reaches stays; the rest moves to the second part at the same addresses", () =>
  inFolder((dir) => {
    makeLink(dir);
    const said = execFileSync("node", args(dir), { encoding: "utf8" });
    assert.match(said, /^moved 608 of 720 bytes of data to the second part \(5 runs; /);
    const primary = readFileSync(join(dir, "primary.wat"), "utf8");
    const secondary = readFileSync(join(dir, "secondary.wat"), "utf8");
    // Named by the code, pointed to by kept data, 12 bytes past the end of one, named by half
    // of a 64-bit constant, the merged strings and the writable data stay; the unreached piece,
    // the one 44 bytes past a named address and the two neighbours move. A piece 4 bytes after
    // a named address stays; one 8 bytes after it moves (the short piece named there stays).
    assert.deepEqual(ranges(primary), ["0-10", "200-210", "300-310", "500-510", "600-608", "680-688", "6c4-6d4", "700-710"]);
    // The piece across char::MAX moves: the code names those values only as constants.
    assert.deepEqual(ranges(secondary), ["100-120", "248-258", "400-420", "688-698", "ff00-10100"]);
    // Byte for byte: the two neighbours in one run, in order.
    const moved = new Map(segmentsOf(secondary));
    assert.deepEqual(moved.get(BASE + 0x100), pieces.unreached[2]);
    assert.deepEqual(moved.get(BASE + 0x400), [...pieces.runA[2], ...pieces.runB[2]]);
    // Everything else in the files is as it was.
    assert.match(primary, /\(i32\.load offset=1049116/);
    assert.match(secondary, /^\(module\n \(import "primary" "memory"/);
    assert.match(secondary, /\(func \$g/);
  }));

test("a load from the address after char::MAX keeps the piece holding it", () =>
  inFolder((dir) => {
    makeLink(dir, { charAsOffset: true });
    execFileSync("node", args(dir), { encoding: "utf8" });
    const primary = readFileSync(join(dir, "primary.wat"), "utf8");
    assert.ok(ranges(primary).includes("ff00-10100"), ranges(primary).join(" "));
    assert.ok(!ranges(readFileSync(join(dir, "secondary.wat"), "utf8")).includes("ff00-10100"));
  }));

test("a linked module other than the one split changes nothing and says to build again", () =>
  inFolder((dir) => {
    makeLink(dir, { otherBuild: true });
    refuses(dir, args(dir), new RegExp(`is not what .* was linked into \\(their data differ at ${BASE + 0x68b}\\): build again`));
  }));

test("of several maps, the one that describes the linked module is read", () =>
  inFolder((dir) => {
    makeLink(dir);
    const right = readFileSync(join(dir, "app.map"), "utf8");
    const alone = spawnSync("node", args(dir), { encoding: "utf8" });
    assert.equal(alone.status, 0, alone.stderr);
    const expected = wats(dir);
    // A build with other features linked last: its map is newer but of another module (its
    // data another size, `table` a byte further), and listed first; a build directory without
    // a map is listed too.
    makeLink(dir, { mapDataSize: 0x999 });
    writeFileSync(join(dir, "other.map"), tableMoved(readFileSync(join(dir, "app.map"), "utf8")));
    writeFileSync(join(dir, "app.map"), right);
    const run = spawnSync("node", args(dir, [join(dir, "other.map"), join(dir, "none", "app.map"), join(dir, "app.map")]), { encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(wats(dir), expected);
    // Neither map describes it: nothing changes and the message names both.
    makeLink(dir, { mapDataSize: 0x998 });
    refuses(dir, args(dir, [join(dir, "other.map"), join(dir, "app.map")]), /no map describes .*other\.map: 999, .*app\.map: 998\).*build again/);
  }));

test("two maps that both fit the linked module but divide it differently change nothing", () =>
  inFolder((dir) => {
    makeLink(dir);
    // The same size, one piece moved by a byte: another link's map of the same size.
    writeFileSync(join(dir, "shifted.map"), tableMoved(readFileSync(join(dir, "app.map"), "utf8")));
    refuses(dir, args(dir, [join(dir, "app.map"), join(dir, "shifted.map")]), /both fit .* but divide its data differently: clean the page's build/);
  }));

test("a map of another link changes nothing and says to build again", () =>
  inFolder((dir) => {
    makeLink(dir, { mapDataSize: 0x999 });
    refuses(dir, args(dir), /no map describes .*build again/);
  }));
