//! The spans of a document, kept in text order in chunks that copies share, so that an edit
//! copies one chunk rather than every span, and "which spans touch this region" skips every
//! chunk that ends before the region or starts after it.
//!
//! Why chunks: the editor keeps earlier states of a document (undo) and copies on write, so
//! with one array every edit among 10,000 spans copied all 10,000 (with their reference
//! counts) and rebuilt an index over them: three quarters of an add's native time. Here a copy
//! shares every chunk (`Rc`); an edit copies the chunk it changes (at most `2 * CHUNK` spans),
//! updates that chunk's summary, and recounts the later chunks' places from their lengths
//! (`n / CHUNK` numbers, no span read). An overlap query looks at each chunk's summary (its
//! first start and largest end) and scans only the chunks that can hold a match, each a few
//! dozen spans.

use std::rc::Rc;

use super::document::generated_number;
use super::label::LabelId;
use super::span::{CharRange, Span, SpanId};

/// Text order: by start, then the longer span first (the outer one of a nest), then label, then id.
fn order_key(s: &Span) -> (usize, std::cmp::Reverse<usize>, LabelId, &SpanId) {
    (s.start(), std::cmp::Reverse(s.end()), s.label(), s.id())
}

/// Spans per chunk when a set is built whole; an insertion splits a chunk that passes twice
/// this, and a removal drops a chunk it empties.
const CHUNK: usize = 64;

/// A set of spans in text order with an overlap index.
///
/// Invariant: the chunks' spans, one chunk after another, are sorted by [`order_key`]; no
/// chunk is empty or longer than `2 * CHUNK`; ids are unique; `max_end[c]` is the largest
/// `end` in chunk `c` (kept up to date by each edit for the chunks it changes) and `before[c]`
/// the number of spans in the chunks before it; `len` is the
/// number of spans; no id has a generated number ([`generated_number`]) above
/// `numbered_below`.
#[derive(Clone, Debug, Default)]
pub struct SpanSet {
    chunks: Vec<Rc<Vec<Span>>>,
    max_end: Vec<usize>,
    before: Vec<usize>,
    len: usize,
    /// An upper bound on the generated numbers of the ids (raised by insertions, never
    /// lowered): a new generated id above it is known to be free without scanning every id,
    /// which each edit's fresh id and insertion would otherwise do twice.
    numbered_below: u64,
}

impl PartialEq for SpanSet {
    fn eq(&self, other: &Self) -> bool {
        if self.len != other.len {
            return false;
        }
        if self.before == other.before {
            // Same chunk boundaries (a copy and its edit): chunks they share are equal unread.
            return self
                .chunks
                .iter()
                .zip(&other.chunks)
                .all(|(a, b)| Rc::ptr_eq(a, b) || a == b);
        }
        self.iter().eq(other.iter())
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
        SpanSet::from_sorted(spans)
    }

    /// A set of spans already in text order with unique ids, cut into whole chunks.
    fn from_sorted(spans: Vec<Span>) -> SpanSet {
        let numbered_below = spans
            .iter()
            .filter_map(|s| generated_number(s.id().as_str()))
            .max()
            .unwrap_or(0);
        // The spans are moved into the chunks, not copied.
        let mut chunks = Vec::with_capacity(spans.len().div_ceil(CHUNK));
        let mut rest = spans.into_iter();
        loop {
            let chunk: Vec<Span> = rest.by_ref().take(CHUNK).collect();
            if chunk.is_empty() {
                break;
            }
            chunks.push(Rc::new(chunk));
        }
        let mut set = SpanSet {
            max_end: chunks.iter().map(|ch| largest_end(ch)).collect(),
            chunks,
            numbered_below,
            ..SpanSet::default()
        };
        set.recount(0);
        set
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// All spans in text order.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            chunks: self.chunks.iter(),
            front: [].iter(),
            back: [].iter(),
            left: self.len,
        }
    }

    /// The span at `index` in text order.
    pub fn at(&self, index: usize) -> Option<&Span> {
        let c = self
            .before
            .partition_point(|&b| b <= index)
            .checked_sub(1)?;
        self.chunks.get(c)?.get(index - self.before.get(c)?)
    }

    /// Where a span is: its chunk and its place in the chunk.
    fn locate(&self, id: &SpanId) -> Option<(usize, usize)> {
        if generated_number(id.as_str()).is_some_and(|n| n > self.numbered_below) {
            return None;
        }
        self.chunks
            .iter()
            .enumerate()
            .find_map(|(c, ch)| Some((c, ch.iter().position(|s| s.id() == id)?)))
    }

    /// Position of a span in text order.
    pub fn position(&self, id: &SpanId) -> Option<usize> {
        let (c, i) = self.locate(id)?;
        Some(self.before[c] + i)
    }

    pub fn get(&self, id: &SpanId) -> Option<&Span> {
        let (c, i) = self.locate(id)?;
        self.chunks[c].get(i)
    }

    pub fn contains_id(&self, id: &SpanId) -> bool {
        self.locate(id).is_some()
    }

    /// Keeps `numbered_below` at or above the generated number of `id`, which is joining.
    fn note_number(&mut self, id: &SpanId) {
        if let Some(n) = generated_number(id.as_str()) {
            self.numbered_below = self.numbered_below.max(n);
        }
    }

    /// A span with this label on exactly this range, if there is one.
    pub fn find_same(&self, label: LabelId, range: CharRange) -> Option<&Span> {
        // The first chunk whose last span starts at or after the range: spans that start
        // with it begin there (and may run on into the next chunks).
        let from = self
            .chunks
            .partition_point(|ch| ch.last().is_some_and(|s| s.start() < range.start()));
        for ch in self.chunks.get(from..)? {
            for s in ch.iter() {
                if s.start() > range.start() {
                    return None;
                }
                if s.start() == range.start() && s.end() == range.end() && s.label() == label {
                    return Some(s);
                }
            }
        }
        None
    }

    /// Adds a span. Returns `false` (and changes nothing) if its id is taken.
    pub fn insert(&mut self, span: Span) -> bool {
        if self.contains_id(span.id()) {
            return false;
        }
        self.note_number(span.id());
        if self.chunks.is_empty() {
            self.max_end.push(span.end());
            self.chunks.push(Rc::new(vec![span]));
            self.recount(0);
            return true;
        }
        // The first chunk whose last span comes after the new one (or the last chunk).
        let key = order_key(&span);
        let c = self
            .chunks
            .partition_point(|ch| ch.last().is_some_and(|s| order_key(s) < key))
            .min(self.chunks.len() - 1);
        let end = span.end();
        let chunk = Rc::make_mut(&mut self.chunks[c]);
        let at = chunk.partition_point(|s| order_key(s) < order_key(&span));
        chunk.insert(at, span);
        if chunk.len() > 2 * CHUNK {
            let tail = chunk.split_off(chunk.len() / 2);
            self.max_end[c] = largest_end(chunk);
            self.max_end.insert(c + 1, largest_end(&tail));
            self.chunks.insert(c + 1, Rc::new(tail));
        } else {
            self.max_end[c] = self.max_end[c].max(end);
        }
        self.recount(c);
        true
    }

    /// Adds many spans at once. Spans whose id is taken are skipped.
    pub fn insert_many(&mut self, spans: Vec<Span>) {
        if spans.len() <= 8 {
            // The usual case (one new span): binary insertion into one chunk each.
            for span in spans {
                self.insert(span);
            }
            return;
        }
        let mut ids: std::collections::HashSet<SpanId> =
            self.iter().map(|s| s.id().clone()).collect();
        let mut items: Vec<Span> = self.iter().cloned().collect();
        items.extend(spans.into_iter().filter(|s| ids.insert(s.id().clone())));
        crate::model::order::sort_by(&mut items, |a, b| order_key(a).cmp(&order_key(b)));
        let numbered_below = self.numbered_below;
        *self = SpanSet::from_sorted(items);
        self.numbered_below = self.numbered_below.max(numbered_below);
    }

    /// Removes a span by id and returns it.
    pub fn remove(&mut self, id: &SpanId) -> Option<Span> {
        let (c, i) = self.locate(id)?;
        let chunk = Rc::make_mut(&mut self.chunks[c]);
        let span = chunk.remove(i);
        if chunk.is_empty() {
            self.chunks.remove(c);
            self.max_end.remove(c);
        } else {
            self.max_end[c] = largest_end(chunk);
        }
        self.recount(c);
        Some(span)
    }

    /// Removes every span whose id is in `ids`; chunks that hold none of them stay shared.
    pub fn remove_many(&mut self, ids: &std::collections::HashSet<SpanId>) -> Vec<Span> {
        let mut removed = Vec::new();
        let mut first = None;
        for (c, ch) in self.chunks.iter_mut().enumerate() {
            if !ch.iter().any(|s| ids.contains(s.id())) {
                continue;
            }
            first.get_or_insert(c);
            let (gone, kept): (Vec<Span>, Vec<Span>) =
                ch.iter().cloned().partition(|s| ids.contains(s.id()));
            removed.extend(gone);
            self.max_end[c] = largest_end(&kept);
            *ch = Rc::new(kept);
        }
        if let Some(c) = first {
            let mut kept = self.chunks.iter().map(|ch| !ch.is_empty());
            self.max_end.retain(|_| kept.next().unwrap_or(false));
            self.chunks.retain(|ch| !ch.is_empty());
            self.recount(c);
        }
        removed
    }

    /// Replaces the span with the same id (new label or range). Returns the old one.
    pub fn replace(&mut self, span: Span) -> Option<Span> {
        let old = self.remove(span.id())?;
        self.insert(span);
        Some(old)
    }

    /// The spans that share a code point with `range`, in text order.
    pub fn overlapping(&self, range: CharRange) -> impl Iterator<Item = &Span> {
        let qs = range.start();
        // An empty range touches nothing: no span starts before 0.
        let qe = if range.is_empty() { 0 } else { range.end() };
        self.chunks
            .iter()
            .zip(&self.max_end)
            .take_while(move |(ch, _)| ch.first().is_some_and(|s| s.start() < qe))
            .filter(move |(_, &end)| end > qs)
            .flat_map(move |(ch, _)| {
                ch.iter()
                    .take_while(move |s| s.start() < qe)
                    .filter(move |s| qs < s.end())
            })
    }

    /// Rewrites the span counts of chunk `from` and after from the chunks' lengths (an edit
    /// at chunk `from` shifts every later chunk's place, but reads none of its spans).
    fn recount(&mut self, from: usize) {
        let from = from.min(self.chunks.len());
        self.before.truncate(from);
        let mut count = match from.checked_sub(1) {
            Some(p) => self.before[p] + self.chunks[p].len(),
            None => 0,
        };
        for ch in &self.chunks[from..] {
            self.before.push(count);
            count += ch.len();
        }
        self.len = count;
    }
}

/// The largest end among `spans` (0 for none): a chunk's summary, read only when the chunk
/// itself changes.
fn largest_end(spans: &[Span]) -> usize {
    spans.iter().map(Span::end).max().unwrap_or(0)
}

/// The spans of a [`SpanSet`] in text order, from either end.
#[derive(Clone, Debug)]
pub struct Iter<'a> {
    chunks: std::slice::Iter<'a, Rc<Vec<Span>>>,
    front: std::slice::Iter<'a, Span>,
    back: std::slice::Iter<'a, Span>,
    left: usize,
}

impl<'a> Iterator for Iter<'a> {
    type Item = &'a Span;

    fn next(&mut self) -> Option<&'a Span> {
        loop {
            if let Some(s) = self.front.next() {
                self.left -= 1;
                return Some(s);
            }
            match self.chunks.next() {
                Some(ch) => self.front = ch.iter(),
                None => {
                    let s = self.back.next()?;
                    self.left -= 1;
                    return Some(s);
                }
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(s) = self.back.next_back() {
                self.left -= 1;
                return Some(s);
            }
            match self.chunks.next_back() {
                Some(ch) => self.back = ch.iter(),
                None => {
                    let s = self.front.next_back()?;
                    self.left -= 1;
                    return Some(s);
                }
            }
        }
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a SpanSet {
    type Item = &'a Span;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
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
    fn ids_are_found_whether_or_not_they_are_generated_ones() {
        // Generated ids (`a` and a number, written any way), others, and one numbered past
        // what counting reaches; then insertions one at a time and in a batch, and removals.
        let mut set = SpanSet::from_spans(vec![
            span("a3", 0, 0, 2),
            span("a007", 1, 1, 4),
            span("x9", 0, 2, 5),
            span("a18446744073709551615", 2, 3, 6),
            span("ا٣", 1, 4, 7),
        ]);
        let has = |set: &SpanSet, id: &str| set.contains_id(&SpanId::new(id));
        for (id, want) in [
            ("a3", true),
            ("a007", true),
            ("a7", false),
            ("a4", false),
            ("x9", true),
            ("a9", false),
            ("a18446744073709551615", true),
            ("a18446744073709551614", false),
            ("ا٣", true),
            ("a", false),
        ] {
            assert_eq!(has(&set, id), want, "{id} before any edit");
        }
        assert!(set.insert(span("a50", 0, 8, 9)));
        assert!(!set.insert(span("a50", 1, 9, 10)), "a50 is taken");
        assert!(has(&set, "a50") && !has(&set, "a51") && !has(&set, "a49"));
        set.insert_many(vec![span("a60", 0, 1, 2)]);
        set.insert_many(
            (100..120)
                .map(|i| span(&format!("a{i}"), 0, i, i + 1))
                .collect(),
        );
        assert!(has(&set, "a60") && has(&set, "a100") && has(&set, "a119"));
        assert!(!has(&set, "a120") && !has(&set, "a99"));
        assert_eq!(
            set.remove(&SpanId::new("a119"))
                .map(|s| s.id().to_string())
                .as_deref(),
            Some("a119")
        );
        assert!(!has(&set, "a119") && has(&set, "a118"));
        // Re-added after its removal, it is found again.
        assert!(set.insert(span("a119", 2, 5, 6)));
        assert!(has(&set, "a119"));
        assert_eq!(
            set.get(&SpanId::new("a119")).map(|s| s.label()),
            Some(LabelId(2))
        );
        // A copy finds what the original finds.
        let copy = set.clone();
        assert!(has(&copy, "a119") && has(&copy, "a3") && !has(&copy, "a121"));
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

    /// The chunk summaries must agree with a linear scan on every query, for sets of every
    /// size (one chunk, several, a last chunk part full).
    #[test]
    fn overlap_query_matches_linear_scan() {
        let mut rand = rng(7);
        for n in [0usize, 1, 2, 3, 7, 63, 64, 65, 100, 128, 129, 257, 1000] {
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
                let slow: Vec<&Span> = set.iter().filter(|s| s.range().overlaps(q)).collect();
                assert_eq!(
                    set.overlapping(q).collect::<Vec<_>>(),
                    slow,
                    "n={n} query {q}"
                );
            }
        }
    }

    /// A small deterministic generator (no crate needed for a test's numbers).
    fn rng(mut seed: u64) -> impl FnMut(usize) -> usize {
        move |m: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            usize::try_from(seed >> 33).unwrap_or(0) % m.max(1)
        }
    }

    /// Everything a set answers, checked against a sorted vector that holds the same spans.
    #[track_caller]
    fn agrees(set: &SpanSet, model: &[Span], rand: &mut impl FnMut(usize) -> usize, step: &str) {
        let all: Vec<&Span> = set.iter().collect();
        assert_eq!(all, model.iter().collect::<Vec<_>>(), "{step}: text order");
        let back: Vec<&Span> = set.iter().rev().collect();
        assert_eq!(
            back,
            model.iter().rev().collect::<Vec<_>>(),
            "{step}: backwards"
        );
        assert_eq!(
            (set.len(), set.iter().len()),
            (model.len(), model.len()),
            "{step}"
        );
        assert_eq!(set.is_empty(), model.is_empty());
        // Both ends at once meet in the middle without losing or repeating a span.
        let mut it = set.iter();
        let (mut front, mut tail) = (Vec::new(), Vec::new());
        while let Some(s) = it.next() {
            front.push(s);
            if let Some(s) = it.next_back() {
                tail.push(s);
            }
        }
        front.extend(tail.into_iter().rev());
        assert_eq!(front, all, "{step}: from both ends");
        for (i, s) in model.iter().enumerate() {
            assert_eq!(set.at(i), Some(s), "{step}: at({i})");
            assert_eq!(
                set.position(s.id()),
                Some(i),
                "{step}: position of {}",
                s.id()
            );
            assert_eq!(set.get(s.id()), Some(s), "{step}");
            assert_eq!(
                set.find_same(s.label(), s.range()).map(Span::range),
                Some(s.range())
            );
        }
        assert_eq!(set.at(model.len()), None, "{step}: past the end");
        for id in ["a0", "a99999", "zz", "s-1"] {
            let id = SpanId::new(id);
            let want = model.iter().find(|s| s.id() == &id);
            assert_eq!(set.get(&id), want, "{step}: {id}");
        }
        for _ in 0..20 {
            let a = rand(400);
            let q = CharRange::new(a, a + rand(30)).unwrap();
            let slow: Vec<&Span> = model.iter().filter(|s| s.range().overlaps(q)).collect();
            assert_eq!(set.overlapping(q).collect::<Vec<_>>(), slow, "{step}: {q}");
        }
        // The representation: chunks neither empty nor past twice their size, summaries true.
        let mut count = 0;
        for (c, ch) in set.chunks.iter().enumerate() {
            assert!(!ch.is_empty() && ch.len() <= 2 * CHUNK, "{step}: chunk {c}");
            assert_eq!(set.before[c], count, "{step}: before[{c}]");
            assert_eq!(set.max_end[c], ch.iter().map(Span::end).max().unwrap_or(0));
            count += ch.len();
        }
    }

    /// Random edits of every kind, on sets that grow past several chunks and shrink again,
    /// against a sorted vector; a copy taken before each edit must not see it.
    #[test]
    fn edits_agree_with_a_sorted_vector_and_spare_copies() {
        let mut rand = rng(11);
        let mut set = SpanSet::new();
        let mut model: Vec<Span> = Vec::new();
        let mut next = 0usize;
        let mut most = 0;
        let mut fresh = |rand: &mut dyn FnMut(usize) -> usize| {
            next += 1;
            let s = rand(400);
            // Ids of every shape: generated ones, others, and some in other scripts.
            let id = match next % 3 {
                0 => format!("a{next}"),
                1 => format!("s{next}"),
                _ => format!("ب{next}"),
            };
            span(&id, u8::try_from(rand(3)).unwrap_or(0), s, s + 1 + rand(20))
        };
        let sort = |m: &mut Vec<Span>| m.sort_by(|a, b| order_key(a).cmp(&order_key(b)));
        for round in 0..900 {
            let before = set.clone();
            let kept = model.clone();
            let grow = round < 500 || (round / 50) % 2 == 0;
            let step = match rand(20) {
                0..=11 if grow => {
                    let s = fresh(&mut rand);
                    assert!(set.insert(s.clone()));
                    model.push(s);
                    "insert"
                }
                12 if grow => {
                    let batch: Vec<Span> = (0..1 + rand(20)).map(|_| fresh(&mut rand)).collect();
                    set.insert_many(batch.clone());
                    model.extend(batch);
                    "insert_many"
                }
                13 | 14 if !model.is_empty() => {
                    let old = model[rand(model.len())].clone();
                    let s = span(old.id().as_str(), 2, old.start() + 1, old.end() + 5);
                    assert_eq!(set.replace(s.clone()), Some(old.clone()));
                    model.retain(|m| m.id() != old.id());
                    model.push(s);
                    "replace"
                }
                15 if !model.is_empty() => {
                    let ids: std::collections::HashSet<SpanId> = (0..1 + rand(12))
                        .map(|_| model[rand(model.len())].id().clone())
                        .collect();
                    let mut gone = set.remove_many(&ids);
                    gone.sort_by(|a, b| a.id().cmp(b.id()));
                    let mut want: Vec<Span> = model
                        .iter()
                        .filter(|s| ids.contains(s.id()))
                        .cloned()
                        .collect();
                    want.sort_by(|a, b| a.id().cmp(b.id()));
                    assert_eq!(gone, want);
                    model.retain(|s| !ids.contains(s.id()));
                    "remove_many"
                }
                _ if !model.is_empty() => {
                    let id = model[rand(model.len())].id().clone();
                    assert_eq!(set.remove(&id).map(|s| s.id().clone()), Some(id.clone()));
                    assert!(set.remove(&id).is_none());
                    model.retain(|s| s.id() != &id);
                    "remove"
                }
                _ => continue,
            };
            sort(&mut model);
            agrees(&set, &model, &mut rand, &format!("round {round}, {step}"));
            most = most.max(set.chunks.len());
            assert_eq!(before.iter().cloned().collect::<Vec<_>>(), kept, "the copy");
            assert_eq!(before == set, kept == model, "round {round}: equality");
        }
        assert!(most > 3, "the rounds reached several chunks ({most})");
    }

    /// What chunks are for: a copy shares every chunk, and inserting into it copies one.
    #[test]
    fn an_edit_copies_one_chunk() {
        let spans: Vec<Span> = (0..10_000)
            .map(|i| span(&format!("a{i}"), 0, i * 3, i * 3 + 2))
            .collect();
        let set = SpanSet::from_spans(spans);
        let mut copy = set.clone();
        assert!(copy.insert(span("a10000", 1, 15_000, 15_001)));
        let copied = set
            .chunks
            .iter()
            .zip(&copy.chunks)
            .filter(|(a, b)| !Rc::ptr_eq(a, b))
            .count();
        assert_eq!(copied, 1);
        assert_eq!((set.len(), copy.len()), (10_000, 10_001));
        assert!(set != copy);
        // After a5000 [15000, 15002), the longer span at the same start.
        assert_eq!(copy.position(&SpanId::new("a10000")), Some(5_001));
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
