//! Train/dev/test splits by document, deterministic for a seed: the same seed and the same
//! documents give the same split in the app, on the command line, and in any tool that follows
//! these steps (`tests/compat/test_split.py` does, in Python).
//!
//! 1. **Order.** Documents are sorted by id, comparing UTF-8 bytes (the same order as
//!    comparing code points, Python's `sorted(ids)`), so the input order does not matter.
//!    Ids are unique in a corpus; equal ids keep their input order.
//! 2. **Shuffle.** A Fisher–Yates shuffle driven by SplitMix64 seeded with the seed (a `u64`):
//!    ```text
//!    next(): state = state + 0x9E3779B97F4A7C15 (mod 2^64); z = state
//!            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9 (mod 2^64)
//!            z = (z ^ (z >> 27)) * 0x94D049BB133111EB (mod 2^64)
//!            return z ^ (z >> 31)
//!    for i from n-1 down to 1: j = (next() * (i + 1)) >> 64   (a 128-bit product)
//!                              swap order[i] and order[j]
//!    ```
//! 3. **Sizes.** Largest remainder: with weights `w` (train, dev, test) summing to `W` and `n`
//!    documents, each part first gets `floor(n * w / W)`; the documents left over go one each
//!    to the parts with the largest remainders `n * w mod W`, ties to train, then dev, then
//!    test. So at 80/10/10, 10 documents give 8/1/1, 7 give 5/1/1 and 3 give 3/0/0; a part
//!    of weight 0 is always empty.
//! 4. **Assign**, without stratification: the first `train` documents of the shuffled order
//!    are train, the next `dev` are dev, the rest test.
//! 5. **Assign**, stratified (each part gets each label where possible): a document's labels
//!    are the labels of its spans. Labels are taken rarest first (fewest documents; ties by
//!    name, by UTF-8 bytes). For each label, for each part in the order train, dev, test that
//!    has room left and holds no document with the label yet, the first unassigned document
//!    in the shuffled order that has the label joins the part. Then the unassigned documents,
//!    in the shuffled order, fill train, then dev, then test up to their sizes. The sizes are
//!    those of step 3 either way.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// One part of a split.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    Train,
    Dev,
    Test,
}

impl Part {
    pub const ALL: [Part; 3] = [Part::Train, Part::Dev, Part::Test];

    /// `train`, `dev`, `test`: the names of the files.
    pub fn name(self) -> &'static str {
        match self {
            Part::Train => "train",
            Part::Dev => "dev",
            Part::Test => "test",
        }
    }

    fn index(self) -> usize {
        match self {
            Part::Train => 0,
            Part::Dev => 1,
            Part::Test => 2,
        }
    }
}

/// The weights of train, dev and test, as the user gave them (`80/10/10`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Proportions(pub [u64; 3]);

impl Default for Proportions {
    fn default() -> Self {
        Proportions([80, 10, 10])
    }
}

/// The largest weight accepted: keeps `n * weight` far from overflow for any corpus.
pub const MAX_WEIGHT: u64 = 1_000_000;

/// Why proportions could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SplitError {
    /// Not three parts separated by `/`.
    NotThree(String),
    /// A part is not a whole number from 0 to [`MAX_WEIGHT`].
    NotAWeight(String),
    /// Every weight is 0.
    AllZero,
}

impl fmt::Display for SplitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SplitError::NotThree(s) => write!(
                f,
                "“{s}” is not three proportions for train, dev and test, like 80/10/10"
            ),
            SplitError::NotAWeight(s) => write!(
                f,
                "“{s}” is not a whole number from 0 to {MAX_WEIGHT}; write proportions like 80/10/10"
            ),
            SplitError::AllZero => write!(f, "at least one of train, dev and test needs a share"),
        }
    }
}

impl std::error::Error for SplitError {}

impl std::str::FromStr for Proportions {
    type Err = SplitError;

    fn from_str(s: &str) -> Result<Proportions, SplitError> {
        let parts: Vec<&str> = s.trim().split('/').map(str::trim).collect();
        let [a, b, c] = parts[..] else {
            return Err(SplitError::NotThree(s.to_string()));
        };
        let weight = |p: &str| {
            p.parse::<u64>()
                .ok()
                .filter(|w| *w <= MAX_WEIGHT)
                .ok_or_else(|| SplitError::NotAWeight(p.to_string()))
        };
        let w = [weight(a)?, weight(b)?, weight(c)?];
        if w.iter().all(|&x| x == 0) {
            return Err(SplitError::AllZero);
        }
        Ok(Proportions(w))
    }
}

impl fmt::Display for Proportions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [a, b, c] = self.0;
        write!(f, "{a}/{b}/{c}")
    }
}

/// How to split: proportions, seed, stratification.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SplitSpec {
    pub proportions: Proportions,
    pub seed: u64,
    pub stratify: bool,
}

/// SplitMix64 (Steele, Lea and Flood, 2014), as in the module docs.
#[derive(Clone, Debug)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (`bound` > 0): the high 64 bits of `next() * bound`.
    fn below(&mut self, bound: usize) -> usize {
        let product = u128::from(self.next_u64()) * bound as u128;
        // The high half of a product with a factor below `bound` is below `bound`.
        usize::try_from(product >> 64).unwrap_or(0)
    }
}

/// The sizes of train, dev and test for `n` documents (step 3 of the module docs).
pub fn sizes(n: usize, proportions: Proportions) -> [usize; 3] {
    let w = proportions.0.map(u128::from);
    let total: u128 = w.iter().sum();
    if total == 0 {
        return [0; 3];
    }
    let n128 = n as u128;
    let mut out = [0usize; 3];
    let mut remainders = [(0u128, 0usize); 3];
    for k in 0..3 {
        out[k] = usize::try_from(n128 * w[k] / total).unwrap_or(0);
        remainders[k] = (n128 * w[k] % total, k);
    }
    let left = n - out.iter().sum::<usize>();
    // Largest remainder first; a stable sort keeps train before dev before test on ties.
    crate::model::order::sort_by_key(&mut remainders, |&(r, _)| Reverse(r));
    for &(_, k) in remainders.iter().take(left) {
        out[k] += 1;
    }
    out
}

/// One document as the split sees it: its id and the labels of its spans.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SplitDoc<'a> {
    pub id: &'a str,
    pub labels: BTreeSet<&'a str>,
}

/// The part of each document of `docs`, in the order given.
pub fn split(docs: &[SplitDoc], spec: &SplitSpec) -> Vec<Part> {
    let n = docs.len();
    let mut order: Vec<usize> = (0..n).collect();
    // A stable sort: equal ids keep their input order.
    crate::model::order::sort_by(&mut order, |&a, &b| {
        docs[a].id.as_bytes().cmp(docs[b].id.as_bytes())
    });
    let mut rng = SplitMix64::new(spec.seed);
    for i in (1..n).rev() {
        let j = rng.below(i + 1);
        order.swap(i, j);
    }
    let size = sizes(n, spec.proportions);
    let mut part: Vec<Option<Part>> = vec![None; n];
    if spec.stratify {
        stratify(docs, &order, size, &mut part);
    }
    let mut filled = [0usize; 3];
    for p in part.iter().flatten() {
        filled[p.index()] += 1;
    }
    for &d in &order {
        if part[d].is_some() {
            continue;
        }
        if let Some(p) = Part::ALL
            .into_iter()
            .find(|p| filled[p.index()] < size[p.index()])
        {
            filled[p.index()] += 1;
            part[d] = Some(p);
        }
    }
    // The sizes add up to `n`, so every document has a part by now.
    part.into_iter().map(|p| p.unwrap_or(Part::Train)).collect()
}

/// Step 5 of the module docs, up to the filling: one document per label per part.
fn stratify(docs: &[SplitDoc], order: &[usize], size: [usize; 3], part: &mut [Option<Part>]) {
    let mut by_label: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for &d in order {
        for &l in &docs[d].labels {
            by_label.entry(l).or_default().push(d);
        }
    }
    let mut labels: Vec<(&str, &Vec<usize>)> = by_label.iter().map(|(l, v)| (*l, v)).collect();
    // Rarest first; the map iterates names in byte order and the sort is stable.
    crate::model::order::sort_by_key(&mut labels, |(_, holders)| holders.len());
    let mut filled = [0usize; 3];
    for (label, holders) in labels {
        for p in Part::ALL {
            let k = p.index();
            let has = holders.iter().any(|&d| part[d] == Some(p));
            if has || filled[k] >= size[k] {
                continue;
            }
            if let Some(&d) = holders.iter().find(|&&d| part[d].is_none()) {
                debug_assert!(docs[d].labels.contains(label));
                part[d] = Some(p);
                filled[k] += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests;
