// scripts/sort-functions.mjs on a made-up module: the functions take the order of their names
// (given by position, as from the named twin of the module), everything else stays where it
// was, and the module assembled from the result computes what it computed before.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { ROOT } from "./harness.mjs";
import { sortFunctions } from "../../scripts/sort-functions.mjs";

const WASM_AS = join(ROOT, "node_modules", ".bin", "wasm-as");

// Functions as the shipped first part has them (numbered, no names), calling each other
// directly and through the table; an export, a table and a data segment between them.
const MODULE = `(module
 (type $0 (func (result i32)))
 (table $0 2 2 funcref)
 (elem $0 (i32.const 0) $2 $0)
 (func $0 (result i32)
  (i32.add (call $1) (i32.const 100))
 )
 (func $1 (result i32)
  (i32.const 20)
 )
 (memory $0 1)
 (data $0 (i32.const 16) "abc")
 (func $2 (result i32)
  (i32.add
   (call_indirect $0 (type $0) (i32.const 1))
   (i32.const 3)
  )
 )
 (export "run" (func $2))
)
`;
// The names of the functions, by position: the third sorts first, the first last.
const NAMES = ["zeta::h1", "mu::h2", "alpha::h3"];

const run = async (wat, dir) => {
  writeFileSync(join(dir, "m.wat"), wat);
  execFileSync(WASM_AS, [join(dir, "m.wat"), "-o", join(dir, "m.wasm")]);
  const { instance } = await WebAssembly.instantiate(readFileSync(join(dir, "m.wasm")));
  return instance.exports.run();
};

test("functions take the order of their names and the module computes the same", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sort-functions-"));
  try {
    const sorted = sortFunctions(MODULE, NAMES);
    const heads = sorted.split("\n").filter((l) => l.startsWith(" ("));
    assert.deepEqual(
      heads.map((l) => l.split(" ").slice(1, 3).join(" ")),
      ["(type $0", "(table $0", "(elem $0", "(func $2", "(func $1", "(memory $0", "(data $0", "(func $0", "(export \"run\""],
      "the functions fill the functions' places, by name; the rest stays",
    );
    // Each function keeps its whole body.
    assert.match(sorted, /\(func \$2 \(result i32\)\n  \(i32\.add\n   \(call_indirect \$0 \(type \$0\) \(i32\.const 1\)\)\n   \(i32\.const 3\)\n  \)\n \)/);
    assert.equal(sorted.split("\n").length, MODULE.split("\n").length);
    // run = table[1] = $0 = $1 + 100 = 120, plus 3, before and after.
    assert.equal(await run(MODULE, dir), 123);
    assert.equal(await run(sorted, dir), 123);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a count of names other than the functions' changes nothing and says so", () => {
  assert.throws(() => sortFunctions(MODULE, NAMES.slice(1)), /3 functions, but 2 names/);
  assert.throws(() => sortFunctions(" (func $0)\n", NAMES), /not a module/);
});
