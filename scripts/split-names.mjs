// Names of functions for the page's wasm split (scripts/split.sh): which functions of a build
// stay in the part loaded before first paint.
//
//   node scripts/split-names.mjs keep MODULE.wasm scripts/split-keep.txt > keep.txt
//     The functions of MODULE (by the names in its name section) to keep: every exported
//     function, every function the list names, and every function whose path (its name
//     without the hash rustc appends) is the only one of its kind both in the list and in
//     MODULE, so a changed signature does not move it.
//   node scripts/split-names.mjs list PRIMARY.wasm > scripts/split-keep.txt
//     The functions of a split's primary module, sorted: the list that
//     scripts/split-profile.sh writes from a recorded visit.
//   node scripts/split-names.mjs carry LAST_FIRST.wasm LAST_WHOLE.wasm FIRST.wasm WHOLE.wasm \
//       scripts/split-keep.txt > keep.txt
//     The list recorded again after a new dependency (which changes every hash of the crate's
//     own functions), with what the last build's first part kept that the new visit did not
//     run carried over ([`carried`]). The LAST modules come from the code before the
//     dependency, the others from the code after it, its first part split by the list
//     recorded again. The FIRST modules are first parts with their names (`SPLIT_NAMED=FILE
//     trunk build --release`), the WHOLE ones the page's wasm of the same code unsplit
//     (`SPLIT=0 KEEP_NAMES=1 trunk build --release`).
//
// rustc's hash (`::h0123456789abcdef`) depends on the item's path, signature and generic
// arguments and the crate's version and build settings, not on the function's body, so a list
// recorded once keeps fitting later builds. The hash is what tells apart the copies of a generic
// function (each component's `CompStateInner<COMP>::view`), so the list keeps it. A function the
// list does not name goes to the part loaded after the first screen, which only costs time if
// a visit needs it early.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

/**
 * The exported function indices, the names of the functions a wasm binary defines and the
 * sizes of their bodies, by index.
 */
export function functionNames(bytes) {
  let at = 8;
  const u32 = () => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[at++];
      result += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return result;
      shift += 7;
    }
  };
  const string = () => {
    const len = u32();
    const s = new TextDecoder().decode(bytes.subarray(at, at + len));
    at += len;
    return s;
  };
  const exported = new Set();
  const names = new Map();
  const sizes = new Map();
  let imported = 0;
  while (at < bytes.length) {
    const id = bytes[at++];
    const size = u32();
    const end = at + size;
    if (id === 2) {
      const count = u32();
      for (let i = 0; i < count; i++) {
        string();
        string();
        const kind = bytes[at++];
        if (kind === 0) {
          u32();
          imported++;
        } else if (kind === 1) {
          at++;
          const flags = u32();
          u32();
          if (flags & 1) u32();
        } else if (kind === 2) {
          const flags = u32();
          u32();
          if (flags & 1) u32();
        } else if (kind === 3) {
          at += 2;
        } else {
          throw new Error(`import kind ${kind} is not read here`);
        }
      }
    } else if (id === 7) {
      const count = u32();
      for (let i = 0; i < count; i++) {
        string();
        const kind = bytes[at++];
        const index = u32();
        if (kind === 0) exported.add(index);
      }
    } else if (id === 10) {
      const count = u32();
      for (let i = 0; i < count; i++) {
        const body = u32();
        sizes.set(imported + i, body);
        at += body;
      }
    } else if (id === 0 && string() === "name") {
      while (at < end) {
        const sub = bytes[at++];
        const subSize = u32();
        const subEnd = at + subSize;
        if (sub === 1) {
          const count = u32();
          for (let i = 0; i < count; i++) {
            const index = u32();
            const name = string();
            if (index >= imported) names.set(index, name);
          }
        }
        at = subEnd;
      }
    }
    at = end;
  }
  return { exported, names, sizes };
}

/**
 * A name as wasm-split 108 knows it: it reads each character that may not appear in a name of
 * the text format as `\\` and two hex digits (and writes the name section back unescaped).
 */
export function escaped(name) {
  const idChar = /[0-9A-Za-z!#$%&'*+\-./:<=>?@\\^_`|~]/;
  if ([...name].every((c) => idChar.test(c))) return name;
  let out = "";
  for (const byte of new TextEncoder().encode(name)) {
    const c = String.fromCharCode(byte);
    out += byte < 0x80 && idChar.test(c) ? c : "\\" + byte.toString(16).padStart(2, "0");
  }
  return out;
}

/** A function Binaryen named by its index, having no name of its own. */
export const unnamed = (name) => /^\d+$/.test(name);

/** A function's name without the hash rustc appends to it. */
export const withoutHash = (name) => name.replace(/::h[0-9a-f]{16}$/, "");

/** How many times each string occurs. */
const counts = (strings) => {
  const map = new Map();
  for (const s of strings) map.set(s, (map.get(s) ?? 0) + 1);
  return map;
};

/**
 * The functions to keep, as wasm-split 108 names them: `names` maps a module's function indices
 * to names, `exported` holds the exported indices, `listed` the names recorded from a visit.
 * Functions without a name of their own are kept too: Binaryen names them by their index, which
 * any change to the code moves, and they are wasm-bindgen's start-up (the start function and
 * the wrapper that calls `main`), so a list that named them by number kept some other function
 * after a change and start-up loaded the second part at once. Throws when too few of the listed
 * names are in the module.
 */
export function keepNames(names, exported, listed) {
  const exact = new Set(listed);
  const listedPaths = counts(listed.map(withoutHash));
  const paths = counts([...names.values()].map(withoutHash));
  const keep = [];
  for (const [index, name] of names) {
    const path = withoutHash(name);
    const moved = listedPaths.get(path) === 1 && paths.get(path) === 1;
    if (exported.has(index) || exact.has(name) || moved || unnamed(name)) keep.push(escaped(name));
  }
  // A list recorded from other code (a new toolchain, new versions of the dependencies) no
  // longer names what runs: the split would still work, only slower to start.
  const present = new Set(names.values());
  const found = listed.filter((name) => present.has(name)).length;
  if (found < 0.8 * listed.length) {
    throw new Error(
      `only ${found} of the ${listed.length} listed functions are in this build: record the visit again with scripts/split-profile.sh` +
        " (a build with other cargo features, such as --features measures, changes every name: build it whole, SPLIT=0)",
    );
  }
  return keep;
}

/**
 * The standard collections' own code: a B-tree's (and the allocation of its nodes), a hash
 * table's, a vector's growth, and the allocator's (Talc). Which of its branches runs depends on
 * the data (how many entries, which hashes share bits, which free blocks the allocator holds,
 * how many components wait to render), not on what the user does, so a recorded visit cannot
 * tell which a visit needs. With them, Yew's scheduler dropping a task it never ran: a second
 * render of a component asked for before the first ran replaces it, which happens or not with
 * the timing (one start in nine of the corpus benchmark loaded the rest at once for it). (The
 * standard library's sorts are left out: their copies for every element type would add 6 KB
 * gzipped. The app's own code sorts through one merge sort, src/model/order.rs, which runs the
 * same code at any length.)
 */
const COLLECTIONS = /^<?(talc::|alloc::collections::btree::|hashbrown(\[[0-9a-f]+\])?::|std::collections::hash::|alloc::raw_vec::|alloc::vec::Vec<T,A>::(reserve|push|extend_desugared|insert)\b|alloc::boxed::Box<T,A>::new_uninit_in\b|core::ptr::drop_in_place<yew::html::component::lifecycle::[A-Za-z]+Runner>)/;

/**
 * Of a split's placeholders (wasm-split's map: `slot:name` per line, names as it escapes them),
 * the collections' functions ([`COLLECTIONS`]): the first part calls them, so they go with it,
 * whichever branches of theirs the recorded visit took.
 */
export function collectionsCalled(map) {
  const unescape = (n) => n.replace(/\\([0-9a-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
  return map
    .split("\n")
    .map((line) => line.slice(line.indexOf(":") + 1))
    .filter((name) => name && COLLECTIONS.test(unescape(name)));
}

/** A function's name without rustc's hashes (anywhere in it) and wasm-split's `.N` suffix. */
export const family = (name) => name.replace(/::h[0-9a-f]{16}/g, "").replace(/\.\d+$/, "");

/**
 * What the last build's first part kept that a new one's does not, named as in the new build.
 * `last` and `next` are `{ first, whole }`: the names of a first part's functions, and a map
 * from each function of the whole module to the size of its body. A list recorded again after
 * a new dependency names only what the new visit ran, while the last list was the union of
 * earlier visits (a document with relations, the corpus list); its names no longer fit, since
 * the dependency changed the hashes. So functions are matched by [`family`]: where the last
 * first part held more functions of a family than the new one, the new build's others of that
 * family are added, and where there are more of those than are missing (the copies of one
 * generic function), the ones whose size is nearest to what the last first part held beyond
 * the new one's (the sizes of copies differ; a copy's size moves by a few bytes of call
 * indices between builds).
 */
export function carried(last, next) {
  const tally = (names) => {
    const map = new Map();
    for (const name of names) map.set(family(name), (map.get(family(name)) ?? 0) + 1);
    return map;
  };
  const lastTally = tally(last.first);
  const nextTally = tally(next.first);
  const lastFirst = new Set(last.first);
  const nextFirst = new Set(next.first);
  const add = [];
  for (const [path, count] of lastTally) {
    const missing = count - (nextTally.get(path) ?? 0);
    if (missing <= 0) continue;
    const pool = [...next.whole].filter(([name]) => family(name) === path && !nextFirst.has(name));
    if (pool.length <= missing) {
      add.push(...pool.map(([name]) => name));
      continue;
    }
    const sizesOf = (whole, first) => [...whole].filter(([name]) => family(name) === path && first.has(name)).map(([, size]) => size);
    const wanted = sizesOf(last.whole, lastFirst);
    for (const size of sizesOf(next.whole, nextFirst)) {
      const i = wanted.findIndex((w) => Math.abs(w - size) <= 8);
      if (i >= 0) wanted.splice(i, 1);
    }
    for (const size of wanted.slice(0, missing)) {
      pool.sort((a, b) => Math.abs(a[1] - size) - Math.abs(b[1] - size));
      add.push(pool.shift()[0]);
    }
  }
  return add.sort();
}

// Run as a program (not imported, as scripts/sort-functions.mjs does).
const main = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
const [mode, file, listFile] = main ? process.argv.slice(2) : [];
if (mode === "keep") {
  const { exported, names } = functionNames(readFileSync(file));
  if (names.size === 0) throw new Error(`${file} has no function names`);
  const listed = readFileSync(listFile, "utf8").split("\n").filter(Boolean);
  process.stdout.write(keepNames(names, exported, listed).join("\n") + "\n");
} else if (mode === "list") {
  const { names } = functionNames(readFileSync(file));
  // Not the unnamed functions: `keepNames` keeps them all, and their numbers move.
  const list = [...new Set(names.values())].filter((name) => !unnamed(name)).sort();
  process.stdout.write(list.join("\n") + "\n");
} else if (mode === "carry") {
  const [lastFirst, lastWhole, first, whole, list] = process.argv.slice(3);
  const module = (f) => functionNames(readFileSync(f));
  const firstNames = (f) => [...module(f).names.values()];
  const sized = (f) => {
    const { names, sizes } = module(f);
    return new Map([...names].map(([index, name]) => [name, sizes.get(index)]));
  };
  const fresh = readFileSync(list, "utf8").split("\n").filter(Boolean);
  const add = carried({ first: firstNames(lastFirst), whole: sized(lastWhole) }, { first: firstNames(first), whole: sized(whole) });
  process.stderr.write(`carried over ${add.length} functions the new visit did not run\n`);
  process.stdout.write([...new Set([...fresh, ...add])].sort().join("\n") + "\n");
} else if (mode === "collections") {
  const called = collectionsCalled(readFileSync(file, "utf8"));
  process.stdout.write(called.map((n) => `${n}\n`).join(""));
} else if (mode !== undefined) {
  throw new Error(`unknown mode ${mode}: keep, list, carry or collections`);
}
