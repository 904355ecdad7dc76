//! Krippendorff's unitizing α (α_u, Krippendorff 1995), ported from DKPro Statistics'
//! `KrippendorffAlphaUnitizingAgreement` (dkpro-statistics-agreement, package
//! `org.dkpro.statistics.agreement.unitizing`): one continuum `[begin, begin + length)`, raters
//! who each mark units on it with a category, and per category an observed and an expected
//! disagreement. Knows nothing of documents or labels' names: categories are indices.
//!
//! The port keeps DKPro's walk over each rater's units and gaps step for step (including
//! where it stops), and its special cases: a category whose observed and expected disagreement
//! are equal scores 0; the overall α is 1 − D_o/D_e with D_o and D_e the means over the
//! categories, 1 when both are 0 (full agreement), and undefined without any unit (DKPro's
//! `NaN`). DKPro computes D_e in 34-digit decimals; here it is an exact integer ratio divided
//! once, which agrees to the last bit or two of an `f64`.
//!
//! DKPro requires that one rater's units of one category do not overlap; [`Study::new`] keeps,
//! of each such overlapping group, the earliest-starting unit (then the longest).

/// One unit: `length` positions from `begin`, marked by `rater` with `category`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Unit {
    pub begin: u64,
    pub length: u64,
    pub rater: usize,
    pub category: usize,
}

/// A unitizing study: the continuum, the raters, and their units.
#[derive(Clone, Debug)]
pub struct Study {
    begin: u64,
    length: u64,
    raters: usize,
    categories: usize,
    /// `units[rater][category]`: that rater's units of that category, by begin then length,
    /// none overlapping another (DKPro's `findNextUnit` order over its sorted unit set).
    units: Vec<Vec<Vec<Unit>>>,
}

impl Study {
    /// A study of `raters` raters on `[begin, begin + length)`. Units of a rater or category
    /// out of range, empty units and units past the continuum are left out, as are units that
    /// overlap an earlier-starting (or, at the same start, longer) unit of the same rater and
    /// category.
    pub fn new(begin: u64, length: u64, raters: usize, units: &[Unit]) -> Study {
        let categories = units.iter().map(|u| u.category + 1).max().unwrap_or(0);
        let mut by = vec![vec![Vec::new(); categories]; raters];
        let mut sorted: Vec<Unit> = units
            .iter()
            .copied()
            .filter(|u| {
                u.rater < raters
                    && u.length > 0
                    && u.begin >= begin
                    && u.begin + u.length <= begin + length
            })
            .collect();
        crate::model::order::sort_by_key(&mut sorted, |u| (u.begin, std::cmp::Reverse(u.length)));
        for u in sorted {
            if let Some(list) = by.get_mut(u.rater).and_then(|r| r.get_mut(u.category)) {
                let clear = list
                    .last()
                    .is_none_or(|last: &Unit| last.begin + last.length <= u.begin);
                if clear {
                    list.push(u);
                }
            }
        }
        Study {
            begin,
            length,
            raters,
            categories,
            units: by,
        }
    }

    fn of(&self, rater: usize, category: usize) -> &[Unit] {
        self.units
            .get(rater)
            .and_then(|r| r.get(category))
            .map_or(&[], Vec::as_slice)
    }

    /// True when some rater marked a unit of `category`.
    pub fn uses(&self, category: usize) -> bool {
        (0..self.raters).any(|r| !self.of(r, category).is_empty())
    }

    /// D_o of one category: the squared disagreement of every pair of raters, walked segment
    /// by segment (DKPro `calculateObservedCategoryDisagreement`).
    pub fn observed(&self, category: usize) -> f64 {
        let (b, l) = (i128::from(self.begin), i128::from(self.length));
        let mut sum: i128 = 0;
        for r1 in 0..self.raters {
            for r2 in r1 + 1..self.raters {
                let (u1, u2) = (self.of(r1, category), self.of(r2, category));
                let (mut next1, mut next2) = (0usize, 0usize);
                let mut s1 = Segment::gap(b, 0);
                let mut s2 = Segment::gap(b, 0);
                let mut pos = b;
                while pos < b + l && (next1 < u1.len() || next2 < u2.len()) {
                    if pos == s1.end() {
                        s1 = Segment::at(pos, u1, &mut next1, b + l);
                    }
                    if pos == s2.end() {
                        s2 = Segment::at(pos, u2, &mut next2, b + l);
                    }
                    sum += distance(s1, s2);
                    pos = s1.end().min(s2.end());
                }
            }
        }
        let r = self.raters as i128;
        let den = r * (r - 1) * l * l;
        if den == 0 {
            return 0.0;
        }
        (2 * sum) as f64 / den as f64
    }

    /// D_e of one category: the disagreement expected over all unitizations with the same
    /// units and gaps (DKPro `calculateExpectedCategoryDisagreement`).
    pub fn expected(&self, category: usize) -> f64 {
        let (b, l) = (i128::from(self.begin), i128::from(self.length));
        let r = self.raters as i128;
        let all: Vec<i128> = (0..self.raters)
            .flat_map(|rater| self.of(rater, category))
            .map(|u| i128::from(u.length))
            .collect();
        let n_c = all.len() as i128;
        let squared_lengths: i128 = all.iter().map(|len| len * (len - 1)).sum();
        // Every gap between (and around) each rater's units, longest first.
        let mut gaps: Vec<i128> = Vec::new();
        for rater in 0..self.raters {
            let mut pos = b;
            for u in self.of(rater, category) {
                let start = i128::from(u.begin);
                if start > pos {
                    gaps.push(start - pos);
                }
                pos = start + i128::from(u.length);
            }
            if b + l > pos {
                gaps.push(b + l - pos);
            }
        }
        crate::model::order::sort_by(&mut gaps, |x, y| y.cmp(x));
        // DKPro adds g − l + 1 over the gaps g ≥ l for each unit; with the gaps sorted and
        // their running sums that is one binary search per unit.
        let mut prefix = Vec::with_capacity(gaps.len() + 1);
        prefix.push(0i128);
        for g in &gaps {
            prefix.push(prefix.last().copied().unwrap_or(0) + g);
        }
        let mut total: i128 = 0;
        for &len in &all {
            // (N_c − 1)(2l³ − 3l² + l)/3: l(l−1)(2l−1) is a multiple of 6, so this is exact.
            let sum1 = (n_c - 1) * (2 * len * len * len - 3 * len * len + len) / 3;
            let count = gaps.partition_point(|&g| g >= len);
            let fitting = prefix.get(count).copied().unwrap_or(0) - count as i128 * (len - 1);
            total += sum1 + fitting * len * len;
        }
        // D_e = total · (2/L) / (R·L·(R·L − 1) − Σ l(l − 1)).
        let den = l * (r * l * (r * l - 1) - squared_lengths);
        if den == 0 {
            return 0.0;
        }
        (2 * total) as f64 / den as f64
    }

    /// α_u of one category; 0 where D_o equals D_e (DKPro `calculateCategoryAgreement`).
    pub fn category_agreement(&self, category: usize) -> f64 {
        let (d_o, d_e) = (self.observed(category), self.expected(category));
        if d_o == d_e {
            0.0
        } else {
            1.0 - d_o / d_e
        }
    }

    /// α_u over every category that has a unit: 1 − D_o/D_e, D_o and D_e being the means over
    /// those categories (DKPro `calculateAgreement`); `None` when no rater marked anything.
    pub fn agreement(&self) -> Option<f64> {
        let used: Vec<usize> = (0..self.categories).filter(|&c| self.uses(c)).collect();
        if used.is_empty() {
            return None;
        }
        let k = used.len() as f64;
        let d_o = used.iter().map(|&c| self.observed(c)).sum::<f64>() / k;
        let d_e = used.iter().map(|&c| self.expected(c)).sum::<f64>() / k;
        Some(if d_o == d_e {
            // Both 0 is full agreement; every unit here has a length, so the study carries
            // information (DKPro issue #35).
            if d_o == 0.0 {
                1.0
            } else {
                0.0
            }
        } else {
            1.0 - d_o / d_e
        })
    }
}

/// Where one rater's walk stands: a unit of the category, or a gap up to the next unit.
#[derive(Clone, Copy, Debug)]
struct Segment {
    begin: i128,
    length: i128,
    marked: bool,
}

impl Segment {
    fn gap(begin: i128, length: i128) -> Segment {
        Segment {
            begin,
            length,
            marked: false,
        }
    }

    fn end(self) -> i128 {
        self.begin + self.length
    }

    /// The segment starting at `pos`: the next unit if it starts here, else the gap up to it
    /// (or to `end` of the continuum).
    fn at(pos: i128, units: &[Unit], next: &mut usize, end: i128) -> Segment {
        match units.get(*next) {
            Some(u) if i128::from(u.begin) == pos => {
                *next += 1;
                Segment {
                    begin: pos,
                    length: i128::from(u.length),
                    marked: true,
                }
            }
            Some(u) => Segment::gap(pos, i128::from(u.begin) - pos),
            None => Segment::gap(pos, end - pos),
        }
    }
}

/// DKPro `measureDistance`: the squared disagreement of two segments.
fn distance(s1: Segment, s2: Segment) -> i128 {
    let begin_diff = s1.begin - s2.begin;
    let length_diff = s1.length - s2.length;
    if s1.marked && s2.marked && -s1.length < begin_diff && begin_diff < s2.length {
        begin_diff * begin_diff + (begin_diff + length_diff) * (begin_diff + length_diff)
    } else if s1.marked && !s2.marked && -length_diff >= begin_diff && begin_diff >= 0 {
        s1.length * s1.length
    } else if !s1.marked && s2.marked && -length_diff <= begin_diff && begin_diff <= 0 {
        s2.length * s2.length
    } else {
        0
    }
}

#[cfg(test)]
mod tests;
