// scripts/split-placeholders.mjs and static/boot.js's `makePlaceholders` on a made-up first part:
// its placeholder imports become a description in a custom section, its slots trap until
// start-up fills them, and the placeholders made from the description load the second part once
// and call the slot again, now the second part's function, with the caller's arguments.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { ROOT } from "./harness.mjs";
import { takePlaceholders, addDescription, functype } from "../../scripts/split-placeholders.mjs";

const WASM_AS = join(ROOT, "node_modules", ".bin", "wasm-as");

// Slot 1: a function of the second part taking an i32 and giving one; slot 2: one taking an
// i64 and an i32, giving nothing; slot 0 a function of the first part. `run(x)` calls slot 1,
// `poke(x, y)` slot 2.
const PRIMARY = `(module
 (type $0 (func (param i32) (result i32)))
 (type $1 (func (param i64 i32)))
 (import "p" "1" (func $fimport$0 (param i32) (result i32)))
 (import "p" "2" (func $fimport$1 (param i64 i32)))
 (import "p" "200" (func $fimport$2 (param i32) (result i32)))
 (table $0 201 201 funcref)
 (elem $0 (table $0) (i32.const 0) func $0 $fimport$0 $fimport$1)
 (elem $1 (table $0) (i32.const 200) func $fimport$2)
 (func $0 (param $0 i32) (result i32)
  (call_indirect $0 (type $0) (local.get $0) (i32.const 1))
 )
 (func $1 (param $0 i64) (param $1 i32)
  (call_indirect $0 (type $1) (local.get $0) (local.get $1) (i32.const 2))
 )
 (func $2 (param $0 i32) (result i32)
  (call_indirect $0 (type $0) (local.get $0) (i32.const 200))
 )
 (export "table" (table $0))
 (export "run" (func $0))
 (export "poke" (func $1))
 (export "far" (func $2))
)
`;

// The second part: its functions take slots 1 and 2 when it is instantiated.
const SECONDARY = `(module
 (import "primary" "table" (table $t 201 201 funcref))
 (global $poked (export "poked") (mut i64) (i64.const 0))
 (elem (table $t) (i32.const 1) func $triple $poke)
 (elem (table $t) (i32.const 200) func $triple)
 (func $triple (param $0 i32) (result i32)
  (i32.mul (local.get $0) (i32.const 3))
 )
 (func $poke (param $0 i64) (param $1 i32)
  (global.set $poked (i64.add (local.get $0) (i64.extend_i32_u (local.get $1))))
 )
)
`;

const assemble = (dir, name, wat) => {
  writeFileSync(join(dir, `${name}.wat`), wat);
  execFileSync(WASM_AS, [join(dir, `${name}.wat`), "-o", join(dir, `${name}.wasm`)]);
  return readFileSync(join(dir, `${name}.wasm`));
};

/** static/boot.js's `makePlaceholders`, with the loader and `instantiate` given. */
function bootMakePlaceholders(loadSecondary) {
  const boot = readFileSync(join(ROOT, "static", "boot.js"), "utf8");
  const start = boot.indexOf("const makePlaceholders = ");
  const end = boot.indexOf("\n};\n", start);
  assert.ok(start >= 0 && end > start, "static/boot.js defines makePlaceholders");
  const source = boot.slice(start, end + 3);
  return new Function("instantiate", "loadSecondary", `${source}\nreturn makePlaceholders;`)(
    WebAssembly.instantiate,
    loadSecondary,
  );
}

test("the placeholders made from the description load the second part once and call the slot again", async () => {
  const dir = mkdtempSync(join(tmpdir(), "split-placeholders-"));
  try {
    const { text, description, count } = takePlaceholders(PRIMARY);
    assert.equal(count, 3);
    assert.doesNotMatch(text, /\(import "p"/, "no placeholder is imported");
    assert.match(text, /\(elem \$0 \(table \$0\) \(i32\.const 0\) func \$0 \$split_waiting \$split_waiting\)/);
    // Two signatures; slot 0 has none, slot 1 the first, slot 2 the second, slot 200 the first.
    const bySlot = [0, 1, 2, ...new Array(197).fill(0), 1];
    assert.deepEqual([...description], [2, 0x60, 1, 0x7f, 1, 0x7f, 0x60, 2, 0x7e, 0x7f, 0, ...bySlot]);

    const module = new WebAssembly.Module(addDescription(assemble(dir, "primary", text), description));
    assert.deepEqual([...new Uint8Array(WebAssembly.Module.customSections(module, "p")[0])], [...description]);
    const secondModule = new WebAssembly.Module(assemble(dir, "secondary", SECONDARY));

    // A first part started as boot.js starts it, the loads of the second part it asks for, and
    // the second part's exports once loaded.
    const start = async () => {
      const primary = new WebAssembly.Instance(module, {}).exports;
      assert.throws(() => primary.run(5), WebAssembly.RuntimeError, "a slot traps until start-up fills it");
      const started = { primary, loads: [], second: null };
      const made = await bootMakePlaceholders((slot) => {
        started.loads.push(slot);
        started.second = new WebAssembly.Instance(secondModule, { primary: { table: primary.table } }).exports;
      })(module, primary.table);
      assert.equal(made, true);
      assert.deepEqual(started.loads, [], "nothing loads before a placeholder is called");
      return started;
    };

    // Whichever placeholder is called first loads the second part, once, and calls on.
    const a = await start();
    assert.equal(a.primary.run(5), 15, "slot 1's placeholder loaded the second part and called its function");
    assert.deepEqual(a.loads, [1]);
    assert.equal(a.primary.run(7), 21);
    a.primary.poke(40n, 2);
    assert.equal(a.second.poked.value, 42n);
    assert.equal(a.primary.far(4), 12);
    assert.deepEqual(a.loads, [1], "loaded once: the second part's functions took the slots");

    const b = await start();
    b.primary.poke(40n, 2);
    assert.deepEqual(b.loads, [2]);
    assert.equal(b.second.poked.value, 42n, "an i64 and an i32 reach the second part's function through its placeholder");

    const c = await start();
    assert.equal(c.primary.far(4), 12, "a slot past 127 (two bytes as i32.const reads it)");
    assert.deepEqual(c.loads, [200]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a module without the description makes no placeholders", async () => {
  const dir = mkdtempSync(join(tmpdir(), "split-placeholders-"));
  try {
    const module = new WebAssembly.Module(assemble(dir, "plain", "(module)"));
    assert.equal(await bootMakePlaceholders(() => assert.fail("no load"))(module, null), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("placeholders this cannot describe change nothing and say so", () => {
  assert.throws(() => takePlaceholders(PRIMARY.replace("(func $0 (param $0 i32) (result i32)\n", "(func $0 (param $0 i32) (result i32)\n  (drop (call $fimport$0 (i32.const 1)))\n")), /\$fimport\$0 is named outside the table/);
  assert.throws(() => functype(" (param v128)"), /a type this cannot write: v128/);
  assert.deepEqual(takePlaceholders("(module)\n"), { text: "(module)\n", description: null });
});
