// The rules that pick the functions of the page's wasm loaded before first paint
// (scripts/split-names.mjs), without a browser.
import { test } from "node:test";
import assert from "node:assert/strict";
import { keepNames, escaped, withoutHash } from "../../scripts/split-names.mjs";

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
