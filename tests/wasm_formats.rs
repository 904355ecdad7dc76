//! The importers on wasm32, where `usize` is 32 bits: an offset of 4,294,967,301 must be
//! reported as outside the text, not narrowed to 5 and placed on the wrong words. Native
//! 64-bit tests cannot show this (`tests/format_hardening.rs` has the same table there).
#![cfg(target_arch = "wasm32")]

use article_annotator::format::{import_as, Problem};
use wasm_bindgen_test::*;

#[path = "fixtures/hostile.rs"]
mod hostile;

wasm_bindgen_test_configure!(run_in_browser);

#[track_caller]
fn check_outside(start: &str, end: &str, want: (u64, u64)) {
    for (kind, name, files) in hostile::one_span(start, end) {
        let imported = import_as(kind, &files)
            .unwrap_or_else(|e| panic!("{kind:?} refused the whole file: {e}"));
        let spans: Vec<(usize, usize)> = imported
            .doc
            .spans()
            .iter()
            .map(|s| (s.start(), s.end()))
            .collect();
        assert_eq!(spans, [], "{kind:?} placed the span");
        assert_eq!(
            imported.problems,
            [Problem::OutsideText {
                annotation: name.to_string(),
                start: want.0,
                end: want.1,
                len: hostile::TEXT.chars().count(),
            }],
            "{kind:?}"
        );
    }
}

#[wasm_bindgen_test]
fn offsets_past_32_bits_are_not_narrowed() {
    assert_eq!(usize::BITS, 32, "this test is about 32-bit usize");
    check_outside("4294967301", "4294967306", (4_294_967_301, 4_294_967_306));
    check_outside("5", "4294967306", (5, 4_294_967_306));
    check_outside(
        "18446744073709551610",
        "18446744073709551615",
        (18_446_744_073_709_551_610, 18_446_744_073_709_551_615),
    );
}
