//! α_u against DKPro Statistics' own published values (its tests `UnitizingAgreementTest`,
//! `Krippendorff1995Test`, `Krippendorff2004Test`), with DKPro's tolerances.

use super::*;

/// A study from `(begin, length, rater, category)` tuples.
fn study(begin: u64, length: u64, raters: usize, units: &[(u64, u64, usize, usize)]) -> Study {
    let units: Vec<Unit> = units
        .iter()
        .map(|&(begin, length, rater, category)| Unit {
            begin,
            length,
            rater,
            category,
        })
        .collect();
    Study::new(begin, length, raters, &units)
}

#[track_caller]
fn close(got: f64, want: f64, tolerance: f64, what: &str) {
    assert!(
        (got - want).abs() <= tolerance,
        "{what}: got {got}, want {want} ± {tolerance}"
    );
}

#[test]
fn dkpro_unitizing_agreement_test() {
    // r0: -11111111-   r1: --1-1-1---
    let s = study(
        0,
        10,
        2,
        &[(1, 8, 0, 0), (2, 1, 1, 0), (4, 1, 1, 0), (6, 1, 1, 0)],
    );
    close(s.observed(0), 0.9100, 1e-4, "D_o");
    close(s.expected(0), 0.5351, 1e-4, "D_e");
    close(s.category_agreement(0), -0.7003, 1e-4, "α_u A");
    close(s.agreement().unwrap(), -0.7003, 1e-4, "α_u");
}

#[test]
fn dkpro_single_unit_and_empty_study() {
    let s = study(0, 20, 3, &[(0, 1, 0, 0)]);
    assert_eq!(s.agreement(), Some(0.0));
    assert_eq!(study(0, 20, 3, &[]).agreement(), None);
    // Full agreement on positive-length units is 1 through the regular formula.
    let s = study(0, 15, 2, &[(2, 5, 0, 0), (2, 5, 1, 0)]);
    assert_eq!(s.observed(0), 0.0);
    assert!(s.expected(0) > 0.0);
    assert_eq!(s.agreement(), Some(1.0));
}

#[test]
fn dkpro_distance_metric() {
    let seg = |begin: i128, length: i128, marked: bool| Segment {
        begin,
        length,
        marked,
    };
    #[track_caller]
    fn check(a: Segment, b: Segment, want: i128) {
        assert_eq!(distance(a, b), want, "{a:?} {b:?}");
    }
    check(seg(0, 1, false), seg(0, 2, false), 0);
    check(seg(1, 8, true), seg(0, 2, false), 0);
    check(seg(1, 8, true), seg(2, 1, true), 37);
    check(seg(1, 8, true), seg(3, 1, false), 0);
    check(seg(1, 8, true), seg(4, 1, true), 25);
    check(seg(1, 8, true), seg(5, 1, false), 0);
    check(seg(1, 8, true), seg(6, 1, true), 29);
    check(seg(1, 8, true), seg(7, 4, false), 0);
    check(seg(9, 2, false), seg(7, 4, false), 0);
    // Krippendorff (2004).
    assert_eq!(
        distance(seg(2, 3, false), seg(2, 2, true)) + distance(seg(5, 6, true), seg(4, 7, false)),
        40
    );
    assert_eq!(
        distance(seg(3, 2, false), seg(3, 2, true)) + distance(seg(5, 6, true), seg(5, 6, false)),
        40
    );
    check(seg(5, 6, true), seg(4, 2, true), 26);
    check(seg(5, 6, true), seg(5, 2, true), 16);
    check(seg(5, 6, true), seg(6, 2, true), 10);
    check(seg(5, 6, true), seg(7, 2, true), 8);
    check(seg(5, 6, true), seg(6, 4, true), 2);
    check(seg(5, 6, true), seg(5, 6, true), 0);
    check(seg(225, 70, true), seg(220, 80, true), 50);
    check(seg(370, 30, true), seg(355, 20, true), 850);
    check(seg(400, 50, false), seg(400, 20, true), 400);
}

const C: usize = 0;
const K: usize = 1;

#[test]
fn dkpro_krippendorff_2004() {
    // Krippendorff (2004: p. 254), continuum [150, 450).
    let s = study(
        150,
        300,
        2,
        &[
            (225, 70, 0, C),
            (370, 30, 0, C),
            (220, 80, 1, C),
            (355, 20, 1, C),
            (400, 20, 1, C),
            (180, 60, 0, K),
            (300, 50, 0, K),
            (180, 60, 1, K),
            (300, 50, 1, K),
        ],
    );
    close(s.agreement().unwrap(), 0.8591, 0.0005, "α_u");
    close(s.observed(C), 0.0144, 1e-4, "D_o c");
    close(s.expected(C), 0.0532, 1e-4, "D_e c");
    close(s.category_agreement(C), 0.7286, 1e-4, "α_u c");
    close(s.observed(K), 0.0, 1e-4, "D_o k");
    close(s.expected(K), 0.0490, 1e-4, "D_e k");
    close(s.category_agreement(K), 1.0, 1e-4, "α_u k");
}

/// Krippendorff's (1995: p. 57) example, stretched like DKPro's `createExample(stretch)`.
fn krippendorff_1995(stretch: f64) -> Study {
    let at = |x: f64| (x * stretch) as u64;
    #[rustfmt::skip]
    let units: &[(f64, f64, usize, usize)] = &[
        (2., 8., 0, 0), (14., 6., 0, 0), (4., 4., 1, 0), (15., 2., 1, 0),
        (0., 18., 0, 1), (0., 2., 1, 1), (2., 1., 1, 1), (3., 1., 1, 1), (4., 1., 1, 1),
        (5., 1., 1, 1), (6., 3., 1, 1), (9., 1., 1, 1),
        (2., 6., 0, 2), (10., 2., 0, 2), (14., 4., 0, 2), (20., 2., 0, 2), (0., 2., 1, 2),
        (4., 4., 1, 2), (10., 4., 1, 2), (16., 2., 1, 2), (20., 2., 1, 2),
        (0., 2., 0, 3), (2., 8., 0, 3), (10., 4., 0, 3), (14., 6., 0, 3), (20., 4., 0, 3),
        (0., 4., 1, 3), (4., 4., 1, 3), (8., 7., 1, 3), (15., 2., 1, 3), (17., 7., 1, 3),
    ];
    let units: Vec<(u64, u64, usize, usize)> = units
        .iter()
        .map(|&(b, l, r, c)| (at(b), at(l), r, c))
        .collect();
    study(at(0.), at(24.), 2, &units)
}

#[test]
fn dkpro_krippendorff_1995() {
    let s = krippendorff_1995(1.0);
    for (c, want) in [(0, 0.03125), (1, 2.26736), (2, 0.02777), (3, 0.38715)] {
        close(s.observed(c), want, 1e-5, &format!("D_o {c}"));
    }
    let s = krippendorff_1995(1_200_000.0 / 24.0);
    for (c, want) in [(0, 0.06990), (1, 1.17731), (2, 0.08642), (3, 0.41445)] {
        close(s.expected(c), want, 0.005, &format!("D_e {c}"));
    }
    for (c, want) in [(0, 0.553), (1, -0.926), (2, 0.679), (3, 0.066)] {
        close(s.category_agreement(c), want, 0.02, &format!("α_u {c}"));
    }
}

#[test]
fn dkpro_krippendorff_1995_varying_lengths() {
    let s = krippendorff_1995(12.0 / 24.0);
    close(s.observed(2), 0.02777, 1e-5, "D_o");
    close(s.expected(2), 0.05494, 1e-5, "D_e");
    close(s.category_agreement(2), 0.494, 0.02, "α_u");
    for (stretch, d_e, alpha) in [
        (120.0, 0.08234, 0.663),
        (1200.0, 0.08600, 0.677),
        (12000.0, 0.08638, 0.678),
        (120000.0, 0.08642, 0.679),
    ] {
        let s = krippendorff_1995(stretch / 24.0);
        close(s.observed(2), 0.02777, 1e-5, "D_o");
        close(s.expected(2), d_e, 0.005, "D_e");
        close(s.category_agreement(2), alpha, 0.02, "α_u");
    }
}

#[test]
fn overlapping_units_of_one_rater_keep_the_earliest_then_the_longest() {
    #[track_caller]
    fn check(units: &[(u64, u64)], kept: &[(u64, u64)]) {
        let list: Vec<(u64, u64, usize, usize)> =
            units.iter().map(|&(b, l)| (b, l, 0, 0)).collect();
        let s = study(0, 100, 2, &list);
        let got: Vec<(u64, u64)> = s.of(0, 0).iter().map(|u| (u.begin, u.length)).collect();
        assert_eq!(got, kept, "{units:?}");
    }
    check(&[(0, 10), (2, 3)], &[(0, 10)]);
    check(&[(2, 3), (0, 10)], &[(0, 10)]);
    check(&[(0, 3), (0, 10)], &[(0, 10)]);
    check(&[(0, 5), (3, 10), (5, 2)], &[(0, 5), (5, 2)]);
    check(&[(0, 5), (5, 5)], &[(0, 5), (5, 5)]);
    check(&[(4, 0), (99, 5)], &[]);
}
