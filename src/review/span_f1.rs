//! Span agreement of a pair of annotators (X, Y): how many spans match, exactly or by overlap,
//! one to one. F1 = 2·TP / (|X| + |Y|), pooled by adding the counts of several documents or
//! labels before dividing; undefined (`None`) when both sides are empty.
//!
//! - *Exact*: same start, end and label.
//! - *Overlap*: same label and at least one shared code point, each span matched at most once,
//!   greedily by the largest overlap; ties go to the earlier start in X, then in Y (the issue's
//!   rule), then the earlier end in X, then in Y, then file order, so the result never depends
//!   on how the input was ordered.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use super::layer::LayerSpan;

/// Match counts of a pair of span lists, added over documents or labels.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Spans of X with an exact partner in Y.
    pub exact: usize,
    /// Pairs matched by overlap.
    pub overlap: usize,
    /// |X| and |Y|.
    pub x: usize,
    pub y: usize,
}

impl Counts {
    /// The counts of `x` against `y`.
    pub fn of(x: &[LayerSpan], y: &[LayerSpan]) -> Counts {
        Counts {
            exact: exact_matches(x, y),
            overlap: overlap_matches(x, y),
            x: x.len(),
            y: y.len(),
        }
    }

    pub fn add(&mut self, other: Counts) {
        self.exact += other.exact;
        self.overlap += other.overlap;
        self.x += other.x;
        self.y += other.y;
    }

    pub fn exact_f1(&self) -> Option<f64> {
        f1(self.exact, self.x, self.y)
    }

    pub fn overlap_f1(&self) -> Option<f64> {
        f1(self.overlap, self.x, self.y)
    }
}

/// 2·TP / (|X| + |Y|); `None` when both are empty.
pub fn f1(tp: usize, x: usize, y: usize) -> Option<f64> {
    let total = x + y;
    (total > 0).then(|| (2 * tp) as f64 / total as f64)
}

/// Spans with an identical partner (start, end, label; attribute values are not compared),
/// each partner used once.
pub fn exact_matches(x: &[LayerSpan], y: &[LayerSpan]) -> usize {
    let key = |s: &'_ LayerSpan| (s.start, s.end, s.label.clone());
    let mut left: BTreeMap<(usize, usize, String), usize> = BTreeMap::new();
    for s in x {
        *left.entry(key(s)).or_default() += 1;
    }
    y.iter()
        .filter(|s| match left.get_mut(&key(s)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        })
        .count()
}

/// Pairs matched one to one by overlap (see the module doc for the order).
pub fn overlap_matches(x: &[LayerSpan], y: &[LayerSpan]) -> usize {
    overlap_pairs(x, y).len()
}

/// The pairs `(i, j)` (span `x[i]` with span `y[j]`) matched one to one by overlap, in the
/// order they were matched. Relation and attribute agreement read their spans through them.
pub fn overlap_pairs(x: &[LayerSpan], y: &[LayerSpan]) -> Vec<(usize, usize)> {
    // Only spans of Y that start within (x.start − longest Y, x.end) can overlap x: with Y
    // sorted by start, two binary searches find them, instead of trying every pair.
    let mut by_start: Vec<usize> = (0..y.len()).collect();
    crate::model::order::sort_by_key(&mut by_start, |&j| y.get(j).map_or(0, |b| b.start));
    let starts: Vec<usize> = by_start
        .iter()
        .filter_map(|&j| y.get(j))
        .map(|b| b.start)
        .collect();
    let longest = y.iter().map(LayerSpan::len).max().unwrap_or(0);
    let mut candidates = Vec::new();
    for (i, a) in x.iter().enumerate() {
        let from = starts.partition_point(|&s| s + longest <= a.start);
        let to = starts.partition_point(|&s| s < a.end);
        for &j in by_start.get(from..to.max(from)).unwrap_or_default() {
            let Some(b) = y.get(j) else { continue };
            let shared = a.overlap(b);
            if shared > 0 && a.label == b.label {
                candidates.push((Reverse(shared), a.start, b.start, a.end, b.end, i, j));
            }
        }
    }
    crate::model::order::sort_by(&mut candidates, Ord::cmp);
    let (mut used_x, mut used_y) = (vec![false; x.len()], vec![false; y.len()]);
    let mut matched = Vec::new();
    for &(.., i, j) in &candidates {
        if let (Some(ux), Some(uy)) = (used_x.get(i), used_y.get(j)) {
            if !ux && !uy {
                used_x[i] = true;
                used_y[j] = true;
                matched.push((i, j));
            }
        }
    }
    matched
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(list: &[(usize, usize, &str)]) -> Vec<LayerSpan> {
        list.iter()
            .map(|&(s, e, l)| LayerSpan::new(s, e, l))
            .collect()
    }

    #[track_caller]
    fn check(x: &[(usize, usize, &str)], y: &[(usize, usize, &str)], exact: usize, overlap: usize) {
        let (x, y) = (spans(x), spans(y));
        let c = Counts::of(&x, &y);
        assert_eq!((c.exact, c.overlap), (exact, overlap), "{x:?} vs {y:?}");
        // Symmetric, and independent of input order.
        let c2 = Counts::of(&y, &x);
        assert_eq!((c2.exact, c2.overlap), (exact, overlap), "{y:?} vs {x:?}");
        let (mut xr, mut yr) = (x.clone(), y.clone());
        xr.reverse();
        yr.reverse();
        let c3 = Counts::of(&xr, &yr);
        assert_eq!((c3.exact, c3.overlap), (exact, overlap), "reversed");
    }

    #[test]
    fn matches_exact_and_by_overlap() {
        check(&[], &[], 0, 0);
        check(&[(0, 6, "PER")], &[], 0, 0);
        check(&[(0, 6, "PER")], &[(0, 6, "PER")], 1, 1);
        check(&[(0, 6, "PER")], &[(0, 6, "ORG")], 0, 0);
        check(&[(13, 30, "QUOTE")], &[(14, 28, "QUOTE")], 0, 1);
        // Touching is not overlapping.
        check(&[(0, 6, "PER")], &[(6, 9, "PER")], 0, 0);
        check(&[(0, 6, "PER")], &[(5, 9, "PER")], 0, 1);
        // One to one: one long span against two short ones matches once.
        check(&[(0, 10, "A")], &[(0, 3, "A"), (5, 9, "A")], 0, 1);
        // Greedy by largest overlap: (0,10)~(1,10) first, so (9,20) is left for (12,20).
        check(
            &[(0, 10, "A"), (12, 20, "A")],
            &[(1, 10, "A"), (9, 20, "A")],
            0,
            2,
        );
        // Nested spans of one label on one side.
        check(
            &[(0, 10, "A"), (2, 4, "A")],
            &[(0, 10, "A"), (2, 4, "A")],
            2,
            2,
        );
        check(&[(0, 10, "A"), (2, 4, "A")], &[(2, 4, "A")], 1, 1);
    }

    /// Every pair tried: what the windowed search in `overlap_matches` must equal.
    fn overlap_matches_all_pairs(x: &[LayerSpan], y: &[LayerSpan]) -> usize {
        let mut candidates = Vec::new();
        for (i, a) in x.iter().enumerate() {
            for (j, b) in y.iter().enumerate() {
                if a.overlap(b) > 0 && a.label == b.label {
                    candidates.push((Reverse(a.overlap(b)), a.start, b.start, a.end, b.end, i, j));
                }
            }
        }
        candidates.sort_unstable();
        let (mut ux, mut uy) = (vec![false; x.len()], vec![false; y.len()]);
        let mut n = 0;
        for &(.., i, j) in &candidates {
            if !ux[i] && !uy[j] {
                (ux[i], uy[j], n) = (true, true, n + 1);
            }
        }
        n
    }

    #[test]
    fn the_windowed_search_finds_every_overlapping_pair() {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |m: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % m) as usize
        };
        for _ in 0..500 {
            let mut side = || -> Vec<LayerSpan> {
                (0..next(12))
                    .map(|_| {
                        let start = next(60);
                        let long = next(4) == 0;
                        let end = start + 1 + next(if long { 40 } else { 6 });
                        LayerSpan::new(start, end, ["A", "B"][next(2)])
                    })
                    .collect()
            };
            let (x, y) = (side(), side());
            assert_eq!(
                overlap_matches(&x, &y),
                overlap_matches_all_pairs(&x, &y),
                "{x:?} {y:?}"
            );
        }
    }

    #[test]
    fn f1_is_null_only_when_both_sides_are_empty() {
        assert_eq!(f1(0, 0, 0), None);
        assert_eq!(f1(0, 1, 0), Some(0.0));
        assert_eq!(f1(1, 4, 3), Some(2.0 / 7.0));
        assert_eq!(f1(3, 3, 3), Some(1.0));
    }

    #[test]
    fn greedy_ties_prefer_the_earlier_start_in_x_then_in_y() {
        // X (0,4) and X (4,8) both overlap Y (2,6) by 2: the earlier X start takes it.
        let x = spans(&[(0, 4, "A"), (4, 8, "A")]);
        let y = spans(&[(2, 6, "A"), (6, 7, "A")]);
        // (4,8)~(6,7) overlaps 1 and is then still free: 2 matches.
        assert_eq!(overlap_matches(&x, &y), 2);
    }
}
