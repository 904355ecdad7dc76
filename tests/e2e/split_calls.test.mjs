// scripts/split-calls.mjs on two made-up parts, as wasm-split writes them: the second part's
// calls of the first part's functions go through new table slots instead of exports, the
// exports the module had before the split stay, and the two parts assembled from the result
// compute what they computed before.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { ROOT } from "./harness.mjs";
import { callsThroughTable, exportNames } from "../../scripts/split-calls.mjs";

const WASM_AS = join(ROOT, "node_modules", ".bin", "wasm-as");

// Before the split the module exported "run" and "twice" (the JS glue's names).
const WHOLE = ` (export "run" (func $0))\n (export "twice" (func $1))\n`;

// The first part: `twice`, `add` and `seven`, the shared table (slot 1 stands for the second
// part's `run`), and the exports wasm-split added for the second part ("a", "b", "c").
const PRIMARY = `(module
 (type $0 (func (param i32) (result i32)))
 (import "p" "1" (func $fimport$0 (param i32) (result i32)))
 (table $0 2 2 funcref)
 (elem $0 (table $0) (i32.const 1) func $fimport$0)
 (func $0 (param $0 i32) (result i32)
  (call_indirect $0 (type $0) (local.get $0) (i32.const 1))
 )
 (func $1 (param $0 i32) (result i32)
  (i32.mul (local.get $0) (i32.const 2))
 )
 (func $2 (param $0 i32) (param $1 i32) (result i32)
  (i32.add (local.get $0) (local.get $1))
 )
 (func $3 (result i32)
  (i32.const 7)
 )
 (export "table" (table $0))
 (export "run" (func $0))
 (export "twice" (func $1))
 (export "a" (func $2))
 (export "b" (func $3))
 (export "c" (func $1))
)
`;

// The second part: run(x) = add(twice(x), add(seven(), 1)): nested calls of three functions
// of the first part, one of them (twice) imported by a name the glue has as well.
const SECONDARY = `(module
 (import "primary" "table" (table $timport$0 2 2 funcref))
 (import "primary" "a" (func $fimport$0 (param i32 i32) (result i32)))
 (import "primary" "b" (func $fimport$1 (result i32)))
 (import "primary" "twice" (func $fimport$2 (param i32) (result i32)))
 (elem $0 (table $timport$0) (i32.const 1) func $0)
 (func $0 (param $0 i32) (result i32)
  (call $fimport$0
   (call $fimport$2
    (local.get $0)
   )
   (call $fimport$0
    (call $fimport$1)
    (i32.const 1)
   )
  )
 )
)
`;

/** Assembles both parts and runs the first part's `run(x)` once the second part is in. */
async function run(primary, secondary, x, dir) {
  const wasm = (name, wat) => {
    writeFileSync(join(dir, `${name}.wat`), wat);
    execFileSync(WASM_AS, [join(dir, `${name}.wat`), "-o", join(dir, `${name}.wasm`)]);
    return readFileSync(join(dir, `${name}.wasm`));
  };
  const { instance: first } = await WebAssembly.instantiate(wasm("primary", primary), {
    p: { 1: () => { throw new Error("the second part is not in"); } },
  });
  const imports = Object.fromEntries(
    WebAssembly.Module.imports(new WebAssembly.Module(wasm("secondary", secondary))).map((i) => [i.name, first.exports[i.name]]),
  );
  await WebAssembly.instantiate(readFileSync(join(dir, "secondary.wasm")), { primary: imports });
  return { result: first.exports.run(x), exports: Object.keys(first.exports), imports: Object.keys(imports) };
}

test("the second part calls the first part's functions through the table and computes the same", async () => {
  const dir = mkdtempSync(join(tmpdir(), "split-calls-"));
  try {
    const moved = callsThroughTable(exportNames(WHOLE), PRIMARY, SECONDARY);
    assert.equal(moved.moved, 2, "add and seven: twice keeps its export, the glue's");
    // The two functions take slots 2 and 3 of a longer table, in both parts.
    assert.match(moved.primary, /^ \(table \$0 4 4 funcref\)$/m);
    assert.match(moved.primary, /^ \(elem \$split_calls \(table \$0\) \(i32\.const 2\) func \$2 \$3\)$/m);
    assert.match(moved.secondary, /^ \(import "primary" "table" \(table \$timport\$0 4 4 funcref\)\)$/m);
    assert.doesNotMatch(moved.primary, /\(export "[ab]"/, "the exports for the second part are gone");
    assert.match(moved.primary, /\(export "c" \(func \$1\)\)/, "an export the second part does not import stays");
    assert.doesNotMatch(moved.secondary, /\$fimport\$[01]\b/);

    // run(5) = twice(5) + (seven() + 1) = 10 + 8 = 18, before and after.
    const before = await run(PRIMARY, SECONDARY, 5, dir);
    const after = await run(moved.primary, moved.secondary, 5, dir);
    assert.equal(before.result, 18);
    assert.equal(after.result, 18);
    assert.deepEqual(after.imports.sort(), ["table", "twice"]);
    assert.deepEqual(before.exports.length - after.exports.length, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("parts not in the shape wasm-split writes change nothing and say so", () => {
  const noTable = PRIMARY.replace(' (export "table" (table $0))\n', "");
  assert.throws(() => callsThroughTable(new Set(), noTable, SECONDARY), /exports no "table"/);
  const shorter = SECONDARY.replace("(table $timport$0 2 2 funcref)", "(table $timport$0 1 1 funcref)");
  assert.throws(() => callsThroughTable(new Set(), PRIMARY, shorter), /does not import the table at 2 slots/);
  const named = SECONDARY.replace(" (elem $0 (table $timport$0) (i32.const 1) func $0)", " (elem $0 (table $timport$0) (i32.const 1) func $0 $fimport$1)");
  assert.throws(() => callsThroughTable(new Set(), PRIMARY, named), /still names \$fimport\$1/);
});
