//! Chance-corrected agreement on coded items (here: each annotator's tag on each token): Cohen's
//! κ for two raters, Fleiss' κ and Krippendorff's α (nominal) for any number. Every rater codes
//! every item; codes are small integers. Knows nothing of tokens or spans.
//!
//! Each measure is computed from integer counts and divided once at the end, so the results
//! are exact up to the final rounding. Each is `None` where its formula divides by zero (one
//! code for everything: the chance agreement is already 1), as scikit-learn, statsmodels and
//! the `krippendorff` package give `nan` or an error there.

/// Codes per rater: `codes[r][i]` is rater `r`'s code for item `i`.
pub type Codes = [Vec<usize>];

/// Items coded (by the first rater; every rater codes the same items).
fn items(codes: &Codes) -> usize {
    codes.first().map_or(0, Vec::len)
}

/// `n[i][k]`: how many raters gave item `i` code `k`, flattened as `i * categories + k`.
fn per_item(codes: &Codes, categories: usize) -> Vec<u64> {
    let mut n = vec![0u64; items(codes) * categories];
    for rater in codes {
        for (i, &k) in rater.iter().enumerate() {
            if let Some(cell) = n.get_mut(i * categories + k) {
                *cell += 1;
            }
        }
    }
    n
}

fn categories(codes: &Codes) -> usize {
    codes.iter().flatten().max().map_or(0, |m| m + 1)
}

fn ratio(num: i128, den: i128) -> Option<f64> {
    (den != 0).then(|| num as f64 / den as f64)
}

/// Cohen's κ of two raters: (p_o − p_e) / (1 − p_e), with p_e from each rater's own code
/// frequencies (scikit-learn's `cohen_kappa_score`).
pub fn cohen_kappa(a: &[usize], b: &[usize]) -> Option<f64> {
    let n = a.len().min(b.len());
    let cats = a.iter().chain(b).max().map_or(0, |m| m + 1);
    let (mut fa, mut fb) = (vec![0i128; cats], vec![0i128; cats]);
    let mut agree = 0i128;
    for (&x, &y) in a.iter().zip(b) {
        fa[x] += 1;
        fb[y] += 1;
        agree += i128::from(x == y);
    }
    let n = n as i128;
    let chance: i128 = fa.iter().zip(&fb).map(|(x, y)| x * y).sum();
    // κ = (agree/n − chance/n²) / (1 − chance/n²), multiplied through by n².
    ratio(n * agree - chance, n * n - chance)
}

/// Fleiss' κ of any number of raters (statsmodels' `fleiss_kappa` on `aggregate_raters`).
pub fn fleiss_kappa(codes: &Codes) -> Option<f64> {
    let m = codes.len() as i128;
    let cats = categories(codes);
    let n_items = items(codes) as i128;
    let n = per_item(codes, cats);
    // S = Σ_i Σ_k n_ik², T_k = Σ_i n_ik.
    let s: i128 = n.iter().map(|&x| i128::from(x) * i128::from(x)).sum();
    let mut t = vec![0i128; cats];
    for (idx, &x) in n.iter().enumerate() {
        t[idx % cats.max(1)] += i128::from(x);
    }
    let t2: i128 = t.iter().map(|x| x * x).sum();
    let nm = n_items * m;
    // P̄ = (S − Nm) / (Nm(m−1)), P_e = ΣT² / (Nm)², κ = (P̄ − P_e) / (1 − P_e); multiplied
    // through by (Nm)²(m−1).
    ratio((s - nm) * nm - (m - 1) * t2, (m - 1) * (nm * nm - t2))
}

/// Krippendorff's α with the nominal distance, every rater coding every item (the
/// `krippendorff` package with `level_of_measurement="nominal"`).
pub fn krippendorff_alpha_nominal(codes: &Codes) -> Option<f64> {
    let m = codes.len() as i128;
    let cats = categories(codes);
    let n_items = items(codes) as i128;
    let n = per_item(codes, cats);
    let s: i128 = n.iter().map(|&x| i128::from(x) * i128::from(x)).sum();
    let mut t = vec![0i128; cats];
    for (idx, &x) in n.iter().enumerate() {
        t[idx % cats.max(1)] += i128::from(x);
    }
    let t2: i128 = t.iter().map(|x| x * x).sum();
    // Pairable values n = Nm. Observed disagreement Σ_{c≠k} o_ck = (Nm² − S)/(m − 1);
    // expected Σ_{c≠k} n_c n_k = n² − ΣT². α = 1 − (n − 1)·Σo / Σ n_c n_k.
    let total = n_items * m;
    let den = (m - 1) * (total * total - t2);
    ratio(den - (total - 1) * (n_items * m * m - s), den)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Codes from strings, one character per item: each distinct character is a code.
    fn codes(raters: &[&str]) -> Vec<Vec<usize>> {
        let mut alphabet: Vec<char> = raters.iter().flat_map(|r| r.chars()).collect();
        alphabet.sort_unstable();
        alphabet.dedup();
        raters
            .iter()
            .map(|r| {
                r.chars()
                    .map(|c| alphabet.iter().position(|&a| a == c).unwrap_or(0))
                    .collect()
            })
            .collect()
    }

    #[track_caller]
    fn check(raters: &[&str], cohen: Option<f64>, fleiss: Option<f64>, alpha: Option<f64>) {
        let c = codes(raters);
        let close = |got: Option<f64>, want: Option<f64>, what: &str| match (got, want) {
            (Some(g), Some(w)) => assert!((g - w).abs() < 1e-12, "{what}: {g} != {w}"),
            _ => assert_eq!(got, want, "{what}"),
        };
        if c.len() == 2 {
            close(cohen_kappa(&c[0], &c[1]), cohen, "cohen");
        }
        close(fleiss_kappa(&c), fleiss, "fleiss");
        close(krippendorff_alpha_nominal(&c), alpha, "alpha");
    }

    #[test]
    fn worked_example_tags() {
        // The example, one character per token (Merkel said : " We will manage . "
        // Critics at the CDU disagreed .): P = PER, Q = QUOTE, G = ORG, o = O.
        let (a, b, c) = ("PooQQQQQQPooGoo", "PoooQQQooGooooo", "PooQQQQQQPooooo");
        check(
            &[a, b],
            Some(23.0 / 48.0),
            Some(5.0 / 11.0),
            Some(26.0 / 55.0),
        );
        check(&[a, b, c], None, Some(44.0 / 69.0), Some(401.0 / 621.0));
    }

    #[test]
    fn textbook_cases() {
        // Perfect agreement on two codes.
        check(&["abab", "abab"], Some(1.0), Some(1.0), Some(1.0));
        // One code for everything: chance agreement is 1, every measure undefined.
        check(&["aaaa", "aaaa"], None, None, None);
        check(&[], None, None, None);
        // Systematic disagreement.
        check(&["ab", "ba"], Some(-1.0), Some(-1.0), Some(-0.5));
        // Two codes, three raters, one dissenter per item.
        check(&["aab", "aba", "baa"], None, Some(-0.5), Some(-1.0 / 3.0));
    }
}
