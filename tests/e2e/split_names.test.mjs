// The rules that pick the functions of the page's wasm loaded before first paint
// (scripts/split-names.mjs), without a browser.
import { test } from "node:test";
import assert from "node:assert/strict";
import { keepNames, escaped, withoutHash, collectionsCalled, carried, family, functionNames } from "../../scripts/split-names.mjs";

test("names are escaped as wasm-split 108 reads them", () => {
  const cases = [
    ["article_annotator::model::span::Span::new::h0123456789abcdef", "article_annotator::model::span::Span::new::h0123456789abcdef"],
    ["<&T as core::fmt::Display>::fmt::h0c6eaed4f768b433", "<&T\\20as\\20core::fmt::Display>::fmt::h0c6eaed4f768b433"],
    ["<(A,B)>::f", "<\\28A\\2cB\\29>::f"],
    ["closure {{closure}}", "closure\\20\\7b\\7bclosure\\7d\\7d"],
  ];
  for (const [name, want] of cases) assert.equal(escaped(name), want, name);
});

test("the hash rustc appends is what a name loses, and only that", () => {
  assert.equal(withoutHash("a::b::h0123456789abcdef"), "a::b");
  assert.equal(withoutHash("a::b::h0123"), "a::b::h0123");
  assert.equal(withoutHash("a::h0123456789abcdef::c"), "a::h0123456789abcdef::c");
});

test("kept: exports, listed names, a lone function whose hash changed, and the unnamed", () => {
  // Enough listed names that are still in the build for the list to count as fitting it.
  const filler = Array.from({ length: 10 }, (_, i) => `app::f${i}::h000000000000010${i}`);
  const names = new Map([
    [10, "main"],
    [11, "app::start::h0000000000000001"],
    [12, "app::moved::h00000000000000ff"],
    [13, "yew::view<A>::h000000000000000a"],
    [14, "yew::view<B>::h000000000000000b"],
    [15, "app::rare::h0000000000000003"],
    [16, "yew::view<A>::h000000000000000c"],
    [17, "yew::view<A>::h000000000000000d"],
    // wasm-bindgen's start-up, which has no name: Binaryen names it by its index.
    [18, "4484"],
    ...filler.map((name, i) => [20 + i, name]),
  ]);
  const listed = [
    "app::start::h0000000000000001",
    "app::moved::h0000000000000002",
    "yew::view<A>::h000000000000000a",
    "yew::view<B>::h0000000000000099",
    "gone::h0000000000000004",
    ...filler,
  ];
  const keep = keepNames(names, new Set([10]), listed);
  // yew::view<B> has one copy listed and one in the module: kept though its hash changed.
  // yew::view<A> has three copies in the module: only the listed one is kept.
  assert.deepEqual(keep, [
    "main",
    "app::start::h0000000000000001",
    "app::moved::h00000000000000ff",
    "yew::view<A>::h000000000000000a",
    "yew::view<B>::h000000000000000b",
    "4484",
    ...filler,
  ]);
});

test("a list that no longer fits the build is refused", () => {
  const names = new Map([[1, "a::h0000000000000001"], [2, "b::h0000000000000002"]]);
  assert.throws(() => keepNames(names, new Set(), ["a::h0000000000000001", "x::h1", "y::h2"]), /record the visit again/);
  assert.doesNotThrow(() => keepNames(names, new Set(), ["a::h0000000000000001", "b::h0000000000000002"]));
});

test("the collections' and the allocator's functions among a split's placeholders go with the first part", () => {
  // As wasm-split writes its map: `slot:name`, with the characters a text-format name may not
  // hold as `\` and two hex digits.
  const map = [
    "12:hashbrown::raw::RawTable<T\\2cA>::reserve_rehash::h0123456789abcdef",
    "13:<hashbrown\\5b5e619d7d1129c59f\\5d::raw::RawTableInner>::find_or_find_insert_index_inner",
    "14:alloc::collections::btree::node::NodeRef<alloc::collections::btree::node::marker::Dying\\2cK\\2cV\\2calloc::collections::btree::node::marker::LeafOrInternal>::deallocate_and_ascend::h0c08a5a72f9e82c4",
    "15:<alloc::collections::btree::map::BTreeMap<K\\2cV\\2cA>\\20as\\20core::ops::drop::Drop>::drop::hf88c3c08cf556c5d",
    "16:std::collections::hash::set::HashSet<T\\2cS\\2cA>::insert::h5a8d4a37df6d8829",
    "17:alloc::raw_vec::RawVecInner<A>::reserve::do_reserve_and_handle::h50b0cbd50f173459",
    "18:alloc::vec::Vec<T\\2cA>::reserve::hb0121578166b386e",
    "24:alloc::boxed::Box<T\\2cA>::new_uninit_in::habf540926902b022",
    "25:core::ptr::drop_in_place<yew::html::component::lifecycle::RenderRunner>::h045d3eb47a3bf434",
    "27:talc::base::Talc<S\\2cB>::full_search_bin::hdffe7d766cc0a8f7",
    // Not the collections' own: the app's code, a sort, a drop, a vector's other methods, a
    // component's creation (dropped after it ran, every time).
    "19:article_annotator::format::store::SpanRecord::to_span::h6600c1a3e223dd23",
    "20:core::slice::sort::stable::quicksort::quicksort::h0123456789abcdef",
    "21:core::ptr::drop_in_place<alloc::vec::Vec<alloc::string::String>>::h0123456789abcdef",
    "22:alloc::vec::Vec<T\\2cA>::reserved_len::h0123456789abcdef",
    "23:<article_annotator::view::app::App\\20as\\20yew::functional::FunctionProvider>::run::h0123456789abcdef",
    "26:core::ptr::drop_in_place<yew::html::component::lifecycle::CreateRunner<article_annotator::view::block::Block>>::h547538f3635ab5f4",
    "",
  ].join("\n");
  const names = map.split("\n").filter(Boolean).map((l) => l.slice(l.indexOf(":") + 1));
  assert.deepEqual(collectionsCalled(map), names.slice(0, 10));
});

test("a module's function names, exports and body sizes are read from its bytes", () => {
  // One imported function, two defined ones (bodies of 2 and 4 bytes), the second exported.
  const bytes = Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type: () -> ()
    0x02, 0x07, 0x01, 0x01, 0x6d, 0x01, 0x66, 0x00, 0x00, // import "m" "f"
    0x03, 0x03, 0x02, 0x00, 0x00, // two functions
    0x07, 0x05, 0x01, 0x01, 0x65, 0x00, 0x02, // export "e": function 2
    0x0a, 0x09, 0x02, 0x02, 0x00, 0x0b, 0x04, 0x00, 0x01, 0x01, 0x0b, // bodies
    0x00, 0x12, 0x04, 0x6e, 0x61, 0x6d, 0x65, 0x01, 0x0b, 0x02, // "name": function names
    0x01, 0x03, 0x6f, 0x6e, 0x65, 0x02, 0x03, 0x74, 0x77, 0x6f,
  ]);
  assert.doesNotThrow(() => new WebAssembly.Module(bytes));
  const { exported, names, sizes } = functionNames(bytes);
  assert.deepEqual([...exported], [2]);
  assert.deepEqual([...names], [[1, "one"], [2, "two"]]);
  assert.deepEqual([...sizes], [[1, 2], [2, 4]]);
});

test("after a new dependency, what the last first part kept is carried over by family and size", () => {
  assert.equal(family("<a::B as c::D>::f::h0123456789abcdef"), "<a::B as c::D>::f");
  assert.equal(family("x::__wbg_g_12ab::h0123456789abcdef externref shim"), "x::__wbg_g_12ab externref shim");
  assert.equal(family("core::str::write_str.1015"), "core::str::write_str");
  const last = {
    first: ["app::lone::h1111111111111111", "yew::view<C>::haaaaaaaaaaaaaaaa", "yew::view<C>::hbbbbbbbbbbbbbbbb", "dlmalloc::malloc", "std::same"],
    whole: new Map([
      ["app::lone::h1111111111111111", 100],
      ["yew::view<C>::haaaaaaaaaaaaaaaa", 40],
      ["yew::view<C>::hbbbbbbbbbbbbbbbb", 20],
      ["yew::view<C>::hcccccccccccccccc", 60],
      ["dlmalloc::malloc", 500],
      ["std::same", 10],
    ]),
  };
  // The new visit ran the 20-byte copy of the generic and `std::same`, not the lone function
  // nor the 40-byte copy; the allocator is gone.
  const next = {
    first: ["yew::view<C>::h2222222222222222", "std::same"],
    whole: new Map([
      ["app::lone::h9999999999999999", 100],
      ["yew::view<C>::h2222222222222222", 21],
      // Listed before the 41-byte copy, so only its size tells it is not the one.
      ["yew::view<C>::h4444444444444444", 61],
      ["yew::view<C>::h3333333333333333", 41],
      ["std::same", 10],
      ["talc::allocate", 50],
    ]),
  };
  assert.deepEqual(carried(last, next), ["app::lone::h9999999999999999", "yew::view<C>::h3333333333333333"]);
  // Nothing to carry when the new first part holds as much of every family.
  assert.deepEqual(carried(last, { first: [...next.first, "app::lone::h9999999999999999", "yew::view<C>::h4444444444444444"], whole: next.whole }), []);
});
