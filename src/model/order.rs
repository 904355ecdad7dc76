//! The one stable sort the app's code calls: `sort_by` and `sort_by_key` with the standard
//! library's meaning (stable, same result), compiled once for the whole program.
//!
//! Why: `slice::sort_by` is generic over the element and the closure, so every call site
//! gets its own copy of the standard library's stable sort (driftsort, about 4 KB of wasm
//! each); thirty-three copies were 149 KB of the page's wasm, 7 % of it. Here the sort runs
//! once, over indices with a comparator behind `dyn`, and the slice is then put in that order
//! by swaps; only that last step, a few dozen bytes, is generic. The cost is an allocation of
//! one index per element and an indirect call per comparison, nothing next to what the callers
//! do with the sorted values.

use std::cmp::Ordering;

/// Sorts `items` by `cmp`, keeping the order of equal items (as `slice::sort_by`).
pub fn sort_by<T>(items: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let order = {
        let items = &*items;
        // Indices come from `0..items.len()`, so `get` always finds them.
        permutation(
            items.len(),
            &mut |a, b| match (items.get(a), items.get(b)) {
                (Some(x), Some(y)) => cmp(x, y),
                _ => a.cmp(&b),
            },
        )
    };
    arrange(items, order);
}

/// Sorts `items` by the key `key` gives, keeping the order of equal keys (as
/// `slice::sort_by_key`).
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The indices `0..len` in the order `cmp` puts them, stable. The only copy of the sort: a
/// merge sort of runs of width 1, 2, 4…, which runs the same code for two items as for ten
/// thousand. (The standard library's sort takes other code past 20 items and again on long
/// runs, and the page loads the code a recorded visit ran before the rest: a sort of more
/// items than the visit's would have loaded the rest at once, synchronously. It is also
/// larger.) Input already in order, the common case after an edit, costs one pass.
#[inline(never)]
fn permutation(len: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    if (1..len).all(|i| cmp(i - 1, i) != Ordering::Greater) {
        return order;
    }
    let mut merged = vec![0; len];
    let mut width = 1;
    while width < len {
        for (out, pair) in merged.chunks_mut(2 * width).zip(order.chunks(2 * width)) {
            let (left, right) = pair.split_at(width.min(pair.len()));
            merge(left, right, out, cmp);
        }
        std::mem::swap(&mut order, &mut merged);
        width = width.saturating_mul(2);
    }
    order
}

/// Merges two runs in order into `out` (as long as both); on a tie the left run's item first.
fn merge(
    left: &[usize],
    right: &[usize],
    out: &mut [usize],
    cmp: &mut dyn FnMut(usize, usize) -> Ordering,
) {
    let (mut l, mut r) = (left.iter().peekable(), right.iter().peekable());
    for slot in out {
        let from_right = match (l.peek(), r.peek()) {
            (Some(&&a), Some(&&b)) => cmp(b, a) == Ordering::Less,
            (None, _) => true,
            (_, None) => false,
        };
        let next = if from_right { r.next() } else { l.next() };
        if let Some(&i) = next {
            *slot = i;
        }
    }
}

/// Moves `items[order[i]]` to `i` for every `i`, following each cycle of the permutation once
/// (each position is settled by one swap; `order` marks it settled by pointing at itself).
fn arrange<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut at = start;
        while let Some(&from) = order.get(at) {
            if from == at {
                break;
            }
            if let Some(slot) = order.get_mut(at) {
                *slot = at;
            }
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sorts `items` both ways and compares with the standard library's stable sort.
    #[track_caller]
    fn check(items: &[(&str, u32)]) {
        let mut ours = items.to_vec();
        let mut std = items.to_vec();
        sort_by_key(&mut ours, |&(_, k)| k);
        std.sort_by_key(|&(_, k)| k);
        assert_eq!(ours, std, "by key");
        let mut ours = items.to_vec();
        let mut std = items.to_vec();
        sort_by(&mut ours, |a, b| b.0.cmp(a.0));
        std.sort_by(|a, b| b.0.cmp(a.0));
        assert_eq!(ours, std, "by text, descending");
    }

    #[test]
    fn sorts_like_the_standard_library() {
        check(&[]);
        check(&[("é", 1)]);
        check(&[("b", 2), ("a", 1)]);
        check(&[("a", 1), ("b", 1), ("c", 1)]);
        check(&[("c", 3), ("a", 1), ("b", 2)]);
        check(&[
            ("👩🏽‍💻", 2),
            ("日本", 1),
            ("שלום", 2),
            ("café", 1),
            ("a\r\nb", 0),
        ]);
        check(&[("d", 4), ("c", 3), ("b", 2), ("a", 1), ("e", 0)]);
        check(&[("x", 2), ("y", 1), ("x", 1), ("y", 2), ("z", 0), ("x", 0)]);
    }

    #[test]
    fn sorts_long_inputs_with_many_ties_like_the_standard_library() {
        // A fixed pseudo-random sequence: 3,000 items, 50 keys, three texts.
        let mut x: u64 = 12345;
        let mut next = || {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            x >> 33
        };
        let items: Vec<(&str, u32)> = (0..3000)
            .map(|_| {
                let text = ["a", "b", "c"][usize::try_from(next() % 3).unwrap()];
                (text, u32::try_from(next() % 50).unwrap())
            })
            .collect();
        check(&items);
        let mut sorted = items.clone();
        sorted.sort_by_key(|&(_, k)| k);
        check(&sorted);
    }

    #[test]
    fn sorts_every_permutation_of_long_cycles() {
        // Rotations give one long cycle each; reversals give many two-cycles. Lengths past
        // powers of two leave a last run shorter than the others.
        for n in 0..70u32 {
            for shift in 0..n.max(1) {
                let items: Vec<(&str, u32)> =
                    (0..n).map(|i| ("k", (i + shift) % n.max(1))).collect();
                check(&items);
                let reversed: Vec<(&str, u32)> = (0..n).rev().map(|i| ("r", i / 3)).collect();
                check(&reversed);
            }
        }
    }
}
