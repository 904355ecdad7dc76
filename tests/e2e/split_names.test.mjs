// The rules that pick the functions of the page's wasm loaded before first paint
// (scripts/split-names.mjs), without a browser.
import { test } from "node:test";
import assert from "node:assert/strict";
import { keepNames, escaped, withoutHash, collectionsCalled } from "../../scripts/split-names.mjs";

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

test("kept: exports, listed names, and a lone function whose hash changed", () => {
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
