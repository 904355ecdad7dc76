//! `model::grapheme` with the native engine against `unicode-segmentation` run over the whole
//! text: the windows between anchors give the whole text's clusters, on the hard texts and on
//! every text of three or four of their clusters (the browser's engine is held to the same
//! texts in `tests/graphemes.rs`).

use article_annotator::model::grapheme::is_grapheme_boundary;
use unicode_segmentation::UnicodeSegmentation;

#[path = "fixtures/clusters.rs"]
mod clusters;
use clusters::HARD;

/// The boundaries of `s` segmented whole by `unicode-segmentation`.
fn whole(s: &str) -> Vec<usize> {
    let mut b: Vec<usize> = s.grapheme_indices(true).map(|(i, _)| i).collect();
    b.push(s.len());
    b
}

/// The boundaries of `s` as the model finds them, one position at a time.
fn here(s: &str) -> Vec<usize> {
    (0..=s.len())
        .filter(|&b| is_grapheme_boundary(s, b))
        .collect()
}

#[test]
fn boundaries_match_whole_text_segmentation() {
    for s in HARD {
        assert_eq!(here(s), whole(s), "{s:?}");
    }
}

#[test]
fn windows_agree_with_the_whole_text() {
    // Every text made of three or four pieces of the hard texts' alphabet, so each piece
    // meets each other on both sides.
    let pieces: Vec<String> = HARD
        .iter()
        .flat_map(|s| s.graphemes(true))
        .chain([
            "\u{301}", "\u{200D}", "\u{94D}", "\u{1161}", "\u{11A8}", "\u{600}",
        ])
        .map(str::to_owned)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut checked = 0;
    for (i, a) in pieces.iter().enumerate() {
        for (j, b) in pieces.iter().enumerate() {
            let c = &pieces[(i * 7 + j * 3) % pieces.len()];
            let s = format!("{a}{b}{c}{a}");
            assert_eq!(here(&s), whole(&s), "{s:?}");
            checked += 1;
        }
    }
    assert!(checked > 10_000, "only {checked} texts");
}
