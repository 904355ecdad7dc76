// The placeholders of the page's first wasm part are made in the browser, not imported
// (scripts/split.sh, static/boot.js):
//
//   node scripts/split-placeholders.mjs take PRIMARY.wat DESCRIPTION   # after wasm-split
//   node scripts/split-placeholders.mjs add MODULE.wasm DESCRIPTION    # once MODULE is final
//
// wasm-split puts a placeholder in each table slot of a function of the second part: an import
// `p.<slot>` that loads the second part and calls the slot again. The first part imported
// some 1,150 of them, each an entry of its import section (2.8 KB gzipped of first paint). Now
// those slots hold one function that traps until start-up fills them, and a custom section
// `p` describes them: per slot, which signature its placeholder has. static/boot.js reads it
// and builds the placeholders as a small module of its own before the app starts.
//
// `take` removes the imports from PRIMARY.wat, points their slots at `$split_waiting` (added)
// and writes the description; `add` appends it to MODULE.wasm as the custom section `p`:
//
//   description = count:u8, count × functype (as in a type section: 0x60, params, results),
//                 then one byte per table slot from 0 up to the last placeholder's:
//                 0 for none, k for the k-th functype (from 1)
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const VALUE_TYPES = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c, externref: 0x6f, anyref: 0x6f, funcref: 0x70 };

/** An unsigned LEB128. */
export const uleb = (n) => {
  const out = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
};

/** The functype bytes of a signature as binaryen writes it: ` (param i32 i32) (result i32)`. */
export function functype(sig) {
  const params = [];
  const results = [];
  for (const [, kind, types] of sig.matchAll(/\((param|result)((?: [a-z0-9]+)*)\)/g)) {
    for (const t of types.trim().split(/ +/).filter(Boolean)) {
      const code = VALUE_TYPES[t];
      if (code === undefined) throw new Error(`a placeholder's signature has a type this cannot write: ${t}`);
      (kind === "param" ? params : results).push(code);
    }
  }
  if (sig.replace(/\((param|result)((?: [a-z0-9]+)*)\)/g, "").trim() !== "") {
    throw new Error(`a placeholder's signature this cannot read: ${sig}`);
  }
  // static/boot.js reads each count as one byte.
  if (params.length > 127 || results.length > 127) throw new Error(`a placeholder's signature is too long: ${sig}`);
  return [0x60, params.length, ...params, results.length, ...results];
}

/**
 * Takes the placeholder imports (`(import "p" "<slot>" (func …))`) out of `text`: their table
 * entries point at `$split_waiting` instead. Returns the new text and the description. Throws
 * when a placeholder is named anywhere but an element segment, or its import is not in the
 * expected shape.
 */
export function takePlaceholders(text) {
  const IMPORT = /^ \(import "p" "(\d+)" \(func (\$[^\s)]+)((?: \([^()]*\))*)\)\)\n/gm;
  const slots = new Map(); // local name -> [slot, functype]
  for (const [, slot, local, sig] of text.matchAll(IMPORT)) slots.set(local, [Number(slot), functype(sig)]);
  const stray = /^ \(import "p" /m.exec(text.replace(IMPORT, ""));
  if (stray) throw new Error(`a placeholder import this cannot read: ${text.slice(stray.index, text.indexOf("\n", stray.index))}`);
  if (slots.size === 0) return { text, description: null };

  const lines = text.replace(IMPORT, "").split("\n");
  for (let i = 0; i < lines.length; i++) {
    const isElem = lines[i].startsWith(" (elem ");
    lines[i] = lines[i].replace(/\$fimport\$\d+(?=[\s)])/g, (local) => {
      if (!slots.has(local)) return local;
      if (!isElem) throw new Error(`the placeholder ${local} is named outside the table: ${lines[i].trim().slice(0, 80)}`);
      return "$split_waiting";
    });
  }
  // The module's closing parenthesis is its last line.
  while (lines.length && lines[lines.length - 1] === "") lines.pop();
  if (lines[lines.length - 1] !== ")") throw new Error("not a module in binaryen's text format");
  lines.splice(lines.length - 1, 0, " (func $split_waiting", "  (unreachable)", " )");

  const types = [];
  const keys = [];
  let last = 0;
  for (const [slot, type] of slots.values()) {
    const key = type.join(",");
    if (!keys.includes(key)) {
      keys.push(key);
      types.push(type);
    }
    last = Math.max(last, slot);
  }
  if (types.length > 255) throw new Error(`${types.length} signatures of placeholders: more than a byte tells apart`);
  // static/boot.js writes each slot in two bytes, as a signed LEB128.
  if (last >= 8192) throw new Error(`a placeholder in slot ${last}: static/boot.js writes slots below 8,192`);
  const bySlot = new Uint8Array(last + 1);
  for (const [slot, type] of slots.values()) bySlot[slot] = keys.indexOf(type.join(",")) + 1;
  const description = Uint8Array.from([types.length, ...types.flat(), ...bySlot]);
  return { text: lines.join("\n") + "\n", description, count: slots.size };
}

/** `module` (wasm bytes) with the custom section `p` holding `description` at its end. */
export function addDescription(module, description) {
  const body = [...uleb(1), "p".charCodeAt(0), ...description];
  return Buffer.concat([Buffer.from(module), Buffer.from([0, ...uleb(body.length), ...body])]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [mode, file, descriptionFile] = process.argv.slice(2);
  if (mode === "take") {
    const { text, description, count } = takePlaceholders(readFileSync(file, "utf8"));
    if (!description) throw new Error(`${file} imports no placeholders`);
    writeFileSync(file, text);
    writeFileSync(descriptionFile, description);
    console.log(`${count} placeholders, made at start-up (${description.length} bytes of description)`);
  } else if (mode === "add") {
    writeFileSync(file, addDescription(readFileSync(file), readFileSync(descriptionFile)));
  } else {
    console.error("usage: split-placeholders.mjs take PRIMARY.wat DESCRIPTION | add MODULE.wasm DESCRIPTION");
    process.exit(2);
  }
}
