//! Segmentation of one block of text into render pieces: maximal runs covered by the same
//! set of spans, each with its covering spans ordered outermost first, so the view can nest
//! one highlight element per span and the shorter span draws on top.
//!
//! Each span also gets a `level` within the block: 0 for a span with no shorter span
//! overlapping it, otherwise one more than the highest level among the shorter spans it
//! overlaps. The view offsets each span's underline by its level, so nested and overlapping
//! spans stay distinguishable even where their tints mix.

use super::span::{CharRange, Span};

/// A run of text covered by the same spans.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// Code point range in the whole text.
    pub range: CharRange,
    /// Indices into the block's span slice, outermost (longest) first.
    pub stack: Vec<usize>,
}

/// The pieces of `block` and the level of each span of `spans` (indexed like `spans`).
/// `spans` are the spans overlapping the block, in text order; parts outside it are ignored.
pub fn segment(block: CharRange, spans: &[Span]) -> (Vec<Piece>, Vec<u8>) {
    let mut cuts: Vec<usize> = Vec::with_capacity(spans.len() * 2 + 2);
    cuts.push(block.start());
    cuts.push(block.end());
    for s in spans {
        for p in [s.start(), s.end()] {
            if p > block.start() && p < block.end() {
                cuts.push(p);
            }
        }
    }
    crate::model::order::sort_by(&mut cuts, Ord::cmp);
    cuts.dedup();

    // Outer spans first: longer first, then text order, which is stable for equal lengths.
    let mut by_nesting: Vec<usize> = (0..spans.len()).collect();
    crate::model::order::sort_by_key(&mut by_nesting, |&i| {
        (std::cmp::Reverse(spans[i].range().len()), i)
    });

    let mut pieces = Vec::with_capacity(cuts.len().saturating_sub(1));
    for w in cuts.windows(2) {
        let range = CharRange::between(w[0], w[1]);
        if range.is_empty() {
            continue;
        }
        let stack: Vec<usize> = by_nesting
            .iter()
            .copied()
            .filter(|&i| spans[i].range().contains_range(range))
            .collect();
        pieces.push(Piece { range, stack });
    }
    (pieces, levels(spans, &by_nesting))
}

/// Cuts `range` where the (sorted, non-overlapping) `marks` begin and end: each run comes with
/// the index of the mark covering it, if any. Used to draw find hits inside a piece.
pub fn split_by(range: CharRange, marks: &[CharRange]) -> Vec<(CharRange, Option<usize>)> {
    let mut out = Vec::new();
    let mut at = range.start();
    let first = marks.partition_point(|m| m.end() <= range.start());
    for (i, m) in marks.iter().enumerate().skip(first) {
        if m.start() >= range.end() {
            break;
        }
        let (s, e) = (m.start().max(range.start()), m.end().min(range.end()));
        if s > at {
            out.push((CharRange::between(at, s), None));
        }
        if e > s {
            out.push((CharRange::between(s, e), Some(i)));
        }
        at = e;
    }
    if at < range.end() {
        out.push((CharRange::between(at, range.end()), None));
    }
    out
}

fn levels(spans: &[Span], by_nesting: &[usize]) -> Vec<u8> {
    let mut level = vec![0u8; spans.len()];
    // Innermost first, so every shorter span has its level before a longer one needs it.
    for (pos, &i) in by_nesting.iter().enumerate().rev() {
        let shorter = &by_nesting[pos + 1..];
        level[i] = shorter
            .iter()
            .filter(|&&j| spans[j].range().overlaps(spans[i].range()))
            .map(|&j| level[j].saturating_add(1))
            .max()
            .unwrap_or(0);
    }
    level
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::label::LabelId;
    use crate::model::span::SpanId;

    fn span(id: &str, start: usize, end: usize) -> Span {
        Span::new(
            SpanId::new(id),
            LabelId(0),
            CharRange::new(start, end).unwrap(),
        )
        .unwrap()
    }

    /// `want`: one `(start, end, ids outermost first)` per piece.
    #[track_caller]
    fn check(block: (usize, usize), spans: &[Span], want: &[(usize, usize, &[&str])]) {
        let (pieces, _) = segment(CharRange::new(block.0, block.1).unwrap(), spans);
        let got: Vec<(usize, usize, Vec<&str>)> = pieces
            .iter()
            .map(|p| {
                (
                    p.range.start(),
                    p.range.end(),
                    p.stack.iter().map(|&i| spans[i].id().as_str()).collect(),
                )
            })
            .collect();
        let want: Vec<(usize, usize, Vec<&str>)> = want
            .iter()
            .map(|(s, e, ids)| (*s, *e, ids.to_vec()))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn no_spans_one_piece() {
        check((0, 10), &[], &[(0, 10, &[])]);
    }

    #[test]
    fn nested_quote_with_entity() {
        // "Karabakh is Azerbaijan": the quote [0,22) holds the entity [0,8).
        check(
            (0, 30),
            &[span("q", 0, 22), span("e", 0, 8)],
            &[(0, 8, &["q", "e"]), (8, 22, &["q"]), (22, 30, &[])],
        );
    }

    #[test]
    fn overlapping_not_nested() {
        check(
            (0, 10),
            &[span("a", 1, 6), span("b", 4, 9)],
            &[
                (0, 1, &[]),
                (1, 4, &["a"]),
                (4, 6, &["a", "b"]),
                (6, 9, &["b"]),
                (9, 10, &[]),
            ],
        );
    }

    #[test]
    fn spans_crossing_the_block_edges_are_clipped() {
        check(
            (10, 20),
            &[span("long", 0, 15), span("tail", 18, 40)],
            &[(10, 15, &["long"]), (15, 18, &[]), (18, 20, &["tail"])],
        );
    }

    #[test]
    fn same_range_twice_stacks_in_text_order() {
        check(
            (0, 5),
            &[span("x", 0, 5), span("y", 0, 5)],
            &[(0, 5, &["x", "y"])],
        );
    }

    #[test]
    fn split_by_marks() {
        let r = |a, b| CharRange::new(a, b).unwrap();
        let marks = [r(2, 4), r(6, 9), r(12, 14)];
        assert_eq!(
            split_by(r(0, 10), &marks),
            [
                (r(0, 2), None),
                (r(2, 4), Some(0)),
                (r(4, 6), None),
                (r(6, 9), Some(1)),
                (r(9, 10), None)
            ]
        );
        assert_eq!(
            split_by(r(7, 13), &marks),
            [(r(7, 9), Some(1)), (r(9, 12), None), (r(12, 13), Some(2))]
        );
        assert_eq!(split_by(r(20, 25), &marks), [(r(20, 25), None)]);
        assert_eq!(split_by(r(0, 3), &[]), [(r(0, 3), None)]);
    }

    #[test]
    fn levels_grow_outwards() {
        let spans = [
            span("quote", 0, 30),
            span("claim", 2, 20),
            span("entity", 4, 8),
            span("other", 25, 28),
        ];
        let (_, levels) = segment(CharRange::new(0, 30).unwrap(), &spans);
        assert_eq!(levels, [2, 1, 0, 0]);
    }
}
