//! The spans of a document, kept in text order with an interval index, so that "which spans
//! touch this region" costs O(log n + k) however many spans the document has.
//!
//! The index is an implicit augmented binary tree over the sorted array (the layout of
//! lh3's cgranges): node `i` at level `k` stores the largest `end` in its subtree. Inserting or
//! removing moves the array (O(n) memmove) and rebuilds the augmentation in O(n); with tens of
//! thousands of spans both are microseconds, and queries, which happen far more often, stay
//! logarithmic.

use super::label::LabelId;
use super::span::{CharRange, Span, SpanId};

/// Text order: by start, then the longer span first (the outer one of a nest), then label, then id.
fn order_key(s: &Span) -> (usize, std::cmp::Reverse<usize>, LabelId, &SpanId) {
    (s.start(), std::cmp::Reverse(s.end()), s.label(), s.id())
}

/// A set of spans in text order with an overlap index.
///
/// Invariant: `items` is sorted by [`order_key`]; ids are unique; `max_end[i]` is the largest
/// `end` in the implicit subtree rooted at `i`.
#[derive(Debug, Default)]
pub struct SpanSet {
    items: Vec<Span>,
    max_end: Vec<usize>,
    levels: u32,
}

/// Room a copy keeps for spans to come.
const CLONE_ROOM: usize = 16;

/// A copy with room for a few more spans: the editor copies the set on the edit that then
/// inserts into it (copy on write), and a copy exactly as long as the set had to be moved
/// again, whole, by that insertion (at 10,000 spans the move cost as much as the copy).
impl Clone for SpanSet {
    fn clone(&self) -> Self {
        let mut items = Vec::with_capacity(self.items.len() + CLONE_ROOM);
        items.extend_from_slice(&self.items);
        let mut max_end = Vec::with_capacity(self.max_end.len() + CLONE_ROOM);
        max_end.extend_from_slice(&self.max_end);
        SpanSet {
            items,
            max_end,
            levels: self.levels,
        }
    }
}

impl PartialEq for SpanSet {
    fn eq(&self, other: &Self) -> bool {
        self.items == other.items
    }
}

impl Eq for SpanSet {}

impl SpanSet {
    pub fn new() -> SpanSet {
        SpanSet::default()
    }

    /// Builds a set from spans in any order. Later duplicates of an id are dropped;
    /// callers that care (import) check ids first.
    pub fn from_spans(mut spans: Vec<Span>) -> SpanSet {
        crate::model::order::sort_by(&mut spans, |a, b| order_key(a).cmp(&order_key(b)));
        let mut seen = std::collections::HashSet::new();
        spans.retain(|s| seen.insert(s.id().clone()));
        let mut set = SpanSet {
            items: spans,
            max_end: Vec::new(),
            levels: 0,
        };
        set.reindex();
        set
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// All spans in text order.
    pub fn iter(&self) -> std::slice::Iter<'_, Span> {
        self.items.iter()
    }

    pub fn as_slice(&self) -> &[Span] {
        &self.items
    }

    /// Position of a span in text order.
    pub fn position(&self, id: &SpanId) -> Option<usize> {
        self.items.iter().position(|s| s.id() == id)
    }

    pub fn get(&self, id: &SpanId) -> Option<&Span> {
        self.position(id).map(|i| &self.items[i])
    }

    pub fn contains_id(&self, id: &SpanId) -> bool {
        self.position(id).is_some()
    }

    /// A span with this label on exactly this range, if there is one.
    pub fn find_same(&self, label: LabelId, range: CharRange) -> Option<&Span> {
        let from = self.items.partition_point(|s| s.start() < range.start());
        self.items[from..]
            .iter()
            .take_while(|s| s.start() == range.start())
            .find(|s| s.end() == range.end() && s.label() == label)
    }

    /// Adds a span. Returns `false` (and changes nothing) if its id is taken.
    pub fn insert(&mut self, span: Span) -> bool {
        if self.contains_id(span.id()) {
            return false;
        }
        let at = self
            .items
            .partition_point(|s| order_key(s) < order_key(&span));
        self.items.insert(at, span);
        self.reindex();
        true
    }

    /// Adds many spans at once, reindexing once. Spans whose id is taken are skipped.
    pub fn insert_many(&mut self, spans: Vec<Span>) {
        if spans.len() <= 8 {
            // The usual case (one new span): binary insertion, no hashing of every id.
            for span in spans {
                if !self.contains_id(span.id()) {
                    let at = self
                        .items
                        .partition_point(|s| order_key(s) < order_key(&span));
                    self.items.insert(at, span);
                }
            }
        } else {
            let mut ids: std::collections::HashSet<SpanId> =
                self.items.iter().map(|s| s.id().clone()).collect();
            self.items
                .extend(spans.into_iter().filter(|s| ids.insert(s.id().clone())));
            crate::model::order::sort_by(&mut self.items, |a, b| order_key(a).cmp(&order_key(b)));
        }
        self.reindex();
    }

    /// Removes a span by id and returns it.
    pub fn remove(&mut self, id: &SpanId) -> Option<Span> {
        let at = self.position(id)?;
        let span = self.items.remove(at);
        self.reindex();
        Some(span)
    }

    /// Removes every span whose id is in `ids`, reindexing once.
    pub fn remove_many(&mut self, ids: &std::collections::HashSet<SpanId>) -> Vec<Span> {
        let mut removed = Vec::new();
        let mut kept = Vec::with_capacity(self.items.len());
        for s in self.items.drain(..) {
            if ids.contains(s.id()) {
                removed.push(s)
            } else {
                kept.push(s)
            }
        }
        self.items = kept;
        self.reindex();
        removed
    }

    /// Replaces the span with the same id (new label or range). Returns the old one.
    pub fn replace(&mut self, span: Span) -> Option<Span> {
        let old = self.remove(span.id())?;
        self.insert(span);
        Some(old)
    }

    /// Indices (in text order) of the spans that share a code point with `range`, ascending.
    pub fn overlapping_indices(&self, range: CharRange) -> Vec<usize> {
        let mut out = Vec::new();
        if self.items.is_empty() || range.is_empty() {
            return out;
        }
        let (qs, qe) = (range.start(), range.end());
        let n = self.items.len();
        let a = &self.items;
        // Each entry: (node, level, whether its left subtree has been visited).
        let mut stack: Vec<(usize, u32, bool)> =
            vec![((1usize << self.levels) - 1, self.levels, false)];
        while let Some((x, k, left_done)) = stack.pop() {
            if k <= 3 {
                // Small subtree: scan it in order.
                let i0 = (x >> k) << k;
                let i1 = (i0 + (1usize << (k + 1)) - 1).min(n);
                for (i, s) in a.iter().enumerate().take(i1).skip(i0) {
                    if s.start() >= qe {
                        break;
                    }
                    if qs < s.end() {
                        out.push(i);
                    }
                }
            } else if !left_done {
                let y = x - (1usize << (k - 1));
                stack.push((x, k, true));
                if y >= n || self.max_end[y] > qs {
                    stack.push((y, k - 1, false));
                }
            } else if x < n && a[x].start() < qe {
                if qs < a[x].end() {
                    out.push(x);
                }
                stack.push((x + (1usize << (k - 1)), k - 1, false));
            }
        }
        out
    }

    /// The spans that share a code point with `range`, in text order.
    pub fn overlapping(&self, range: CharRange) -> impl Iterator<Item = &Span> {
        self.overlapping_indices(range)
            .into_iter()
            .map(move |i| &self.items[i])
    }

    /// Rebuilds the augmentation (cgranges `cr_index_prepare`), O(n).
    fn reindex(&mut self) {
        let n = self.items.len();
        self.max_end.clear();
        self.max_end.extend(self.items.iter().map(Span::end));
        if n == 0 {
            self.levels = 0;
            return;
        }
        let mut last_i = 0usize;
        let mut last = 0usize;
        let mut i = 0;
        while i < n {
            last_i = i;
            last = self.items[i].end();
            i += 2;
        }
        let mut k = 1u32;
        while (1usize << k) <= n {
            let x = 1usize << (k - 1);
            let i0 = (x << 1) - 1;
            let step = x << 2;
            let mut i = i0;
            while i < n {
                let el = self.max_end[i - x];
                let er = if i + x < n { self.max_end[i + x] } else { last };
                self.max_end[i] = self.items[i].end().max(el).max(er);
                i += step;
            }
            last_i = if (last_i >> k) & 1 == 1 {
                last_i - x
            } else {
                last_i + x
            };
            if last_i < n && self.max_end[last_i] > last {
                last = self.max_end[last_i];
            }
            k += 1;
        }
        self.levels = k - 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(id: &str, label: u8, start: usize, end: usize) -> Span {
        Span::new(
            SpanId::new(id),
            LabelId(label),
            CharRange::new(start, end).unwrap(),
        )
        .unwrap()
    }

    fn ids<'a>(it: impl Iterator<Item = &'a Span>) -> Vec<String> {
        it.map(|s| s.id().to_string()).collect()
    }

    #[test]
    fn text_order_puts_outer_spans_first() {
        let set = SpanSet::from_spans(vec![
            span("b", 0, 5, 7),
            span("q", 2, 3, 20),
            span("c", 1, 5, 15),
            span("a", 0, 0, 2),
        ]);
        assert_eq!(ids(set.iter()), ["a", "q", "c", "b"]);
    }

    #[test]
    fn insert_remove_replace() {
        let mut set = SpanSet::new();
        assert!(set.insert(span("a", 0, 4, 8)));
        assert!(!set.insert(span("a", 1, 0, 1)), "ids are unique");
        assert!(set.insert(span("b", 0, 0, 2)));
        assert_eq!(ids(set.iter()), ["b", "a"]);
        assert_eq!(
            set.find_same(LabelId(0), CharRange::new(4, 8).unwrap())
                .map(|s| s.id().as_str()),
            Some("a")
        );
        assert!(set
            .find_same(LabelId(1), CharRange::new(4, 8).unwrap())
            .is_none());
        let old = set.replace(span("a", 0, 0, 1)).unwrap();
        assert_eq!(old.range(), CharRange::new(4, 8).unwrap());
        assert_eq!(
            ids(set.iter()),
            ["b", "a"],
            "b [0,2) before a [0,1): longer first"
        );
        assert!(set.remove(&SpanId::new("b")).is_some());
        assert!(set.remove(&SpanId::new("b")).is_none());
        assert_eq!(set.len(), 1);
    }

    /// The index must agree with a linear scan on every query, for sets of every size
    /// (the tree's shape changes at each power of two).
    #[test]
    fn overlap_query_matches_linear_scan() {
        let mut seed = 7u64;
        let mut rand = move |m: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) as usize) % m
        };
        for n in [0usize, 1, 2, 3, 7, 8, 9, 15, 16, 17, 33, 100, 257, 1000] {
            let spans: Vec<Span> = (0..n)
                .map(|i| {
                    let s = rand(500);
                    let len = 1 + rand(if i % 10 == 0 { 200 } else { 12 });
                    span(&format!("s{i}"), (i % 3) as u8, s, s + len)
                })
                .collect();
            let set = SpanSet::from_spans(spans);
            for _ in 0..200 {
                let a = rand(720);
                let b = a + rand(40);
                let q = CharRange::new(a, b).unwrap();
                let fast = set.overlapping_indices(q);
                let slow: Vec<usize> = set
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.range().overlaps(q))
                    .map(|(i, _)| i)
                    .collect();
                assert_eq!(fast, slow, "n={n} query {q}");
            }
        }
    }

    #[test]
    fn bulk_insert_and_remove() {
        let mut set = SpanSet::from_spans(vec![span("a", 0, 0, 3)]);
        set.insert_many(vec![
            span("b", 0, 5, 6),
            span("a", 1, 9, 10),
            span("c", 2, 1, 2),
        ]);
        assert_eq!(
            ids(set.iter()),
            ["a", "c", "b"],
            "the second `a` is skipped"
        );
        let gone = set.remove_many(&[SpanId::new("a"), SpanId::new("b")].into_iter().collect());
        assert_eq!(gone.len(), 2);
        assert_eq!(ids(set.iter()), ["c"]);
        assert_eq!(ids(set.overlapping(CharRange::new(0, 100).unwrap())), ["c"]);
    }
}
