//! Splits: sizes, every document in exactly one part, determinism, independence from input
//! order, stratification. The pinned splits come from a separate Python implementation of the
//! module docs' steps (the same one `tests/compat/test_split.py` uses).

use super::*;

const IDS: [&str; 10] = [
    "doc-é", "doc-a", "習", "doc-b", "😀", "doc-z", "Zeta", "alpha", "ä", "doc-10",
];

fn docs<'a>(ids: &[&'a str], labels: &[&[&'a str]]) -> Vec<SplitDoc<'a>> {
    ids.iter()
        .enumerate()
        .map(|(i, id)| SplitDoc {
            id,
            labels: labels
                .get(i)
                .map_or_else(BTreeSet::new, |l| l.iter().copied().collect()),
        })
        .collect()
}

fn spec(p: [u64; 3], seed: u64, stratify: bool) -> SplitSpec {
    SplitSpec {
        proportions: Proportions(p),
        seed,
        stratify,
    }
}

/// Parts as letters: t(rain), d(ev), x (test).
fn letters(parts: &[Part]) -> String {
    parts
        .iter()
        .map(|p| match p {
            Part::Train => 't',
            Part::Dev => 'd',
            Part::Test => 'x',
        })
        .collect()
}

#[test]
fn splitmix64_matches_the_reference_outputs() {
    let mut r = SplitMix64::new(0);
    let got = [r.next_u64(), r.next_u64(), r.next_u64()];
    assert_eq!(
        got,
        [0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4, 0x06c45d188009454f]
    );
}

#[track_caller]
fn check_sizes(n: usize, p: [u64; 3], want: [usize; 3]) {
    assert_eq!(sizes(n, Proportions(p)), want, "{n} documents at {p:?}");
}

#[test]
fn sizes_by_largest_remainder() {
    check_sizes(10, [80, 10, 10], [8, 1, 1]);
    check_sizes(7, [80, 10, 10], [5, 1, 1]);
    check_sizes(3, [80, 10, 10], [3, 0, 0]);
    check_sizes(1, [80, 10, 10], [1, 0, 0]);
    check_sizes(0, [80, 10, 10], [0, 0, 0]);
    check_sizes(10, [1, 1, 1], [4, 3, 3]);
    check_sizes(5, [50, 50, 0], [3, 2, 0]);
    check_sizes(5, [0, 0, 7], [0, 0, 5]);
    check_sizes(10_000, [80, 10, 10], [8000, 1000, 1000]);
    check_sizes(10_001, [70, 15, 15], [7001, 1500, 1500]);
    // The largest corpus and weights: no overflow, and every document placed.
    let huge = sizes(usize::MAX, Proportions([MAX_WEIGHT, MAX_WEIGHT, 1]));
    assert_eq!(
        huge.iter().map(|&x| x as u128).sum::<u128>(),
        usize::MAX as u128
    );
}

#[track_caller]
fn check_parse(s: &str, want: Result<[u64; 3], &str>) {
    let got = s
        .parse::<Proportions>()
        .map(|p| p.0)
        .map_err(|e| e.to_string());
    assert_eq!(got, want.map_err(str::to_string), "{s:?}");
}

#[test]
fn proportions_read_as_people_write_them() {
    check_parse("80/10/10", Ok([80, 10, 10]));
    check_parse(" 70 / 20 / 10 ", Ok([70, 20, 10]));
    check_parse("1/0/0", Ok([1, 0, 0]));
    check_parse(
        "90/10",
        Err("“90/10” is not three proportions for train, dev and test, like 80/10/10"),
    );
    check_parse(
        "0.8/0.1/0.1",
        Err("“0.8” is not a whole number from 0 to 1000000; write proportions like 80/10/10"),
    );
    check_parse(
        "80/-10/10",
        Err("“-10” is not a whole number from 0 to 1000000; write proportions like 80/10/10"),
    );
    check_parse(
        "1/1/1000001",
        Err("“1000001” is not a whole number from 0 to 1000000; write proportions like 80/10/10"),
    );
    check_parse(
        "0/0/0",
        Err("at least one of train, dev and test needs a share"),
    );
    assert_eq!(Proportions::default().to_string(), "80/10/10");
}

#[track_caller]
fn check_pinned(p: [u64; 3], seed: u64, want: &str) {
    let d = docs(&IDS, &[]);
    assert_eq!(
        letters(&split(&d, &spec(p, seed, false))),
        want,
        "{p:?} seed {seed}"
    );
}

#[test]
fn pinned_splits_from_the_python_reference() {
    check_pinned([80, 10, 10], 7, "txttttdttt");
    check_pinned([50, 25, 25], 42, "ttttdtdxxd");
    check_pinned([1, 1, 1], 0, "dxxtttxddt");
}

#[test]
fn every_document_in_exactly_one_part_at_the_planned_sizes() {
    for n in 0..=40 {
        let ids: Vec<String> = (0..n).map(|i| format!("d{i}-ж")).collect();
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let d = docs(&refs, &[]);
        for p in [[80, 10, 10], [1, 1, 1], [0, 1, 0], [60, 0, 40]] {
            for stratify in [false, true] {
                let parts = split(&d, &spec(p, 3, stratify));
                assert_eq!(parts.len(), n);
                let mut count = [0usize; 3];
                for part in &parts {
                    count[part.index()] += 1;
                }
                assert_eq!(count, sizes(n, Proportions(p)), "{n} at {p:?}");
            }
        }
    }
}

#[test]
fn the_same_seed_gives_the_same_split_whatever_the_input_order() {
    let labels: Vec<&[&str]> = vec![&["Entity"], &["Quote", "Entity"], &[], &["Claim"]];
    let d = docs(&IDS, &labels);
    for stratify in [false, true] {
        let s = spec([60, 20, 20], 11, stratify);
        let by_id = |d: &[SplitDoc]| -> BTreeMap<String, Part> {
            d.iter()
                .zip(split(d, &s))
                .map(|(doc, p)| (doc.id.to_string(), p))
                .collect()
        };
        let first = by_id(&d);
        assert_eq!(by_id(&d), first, "deterministic");
        let mut reversed = d.clone();
        reversed.reverse();
        assert_eq!(by_id(&reversed), first, "reversed input");
        let mut rotated = d.clone();
        rotated.rotate_left(3);
        assert_eq!(by_id(&rotated), first, "rotated input");
    }
    let a = letters(&split(&d, &spec([50, 25, 25], 1, false)));
    let b = letters(&split(&d, &spec([50, 25, 25], 2, false)));
    assert_ne!(a, b, "another seed, another split");
}

/// 60 documents: every one has Entity; 3 have Quote, 2 have Rare, 1 has Once.
fn stratified_corpus() -> (Vec<String>, Vec<Vec<&'static str>>) {
    let ids: Vec<String> = (0..60).map(|i| format!("статья-{i:02}")).collect();
    let labels = (0..60)
        .map(|i| {
            let mut l = vec!["Entity"];
            if [5, 17, 41].contains(&i) {
                l.push("Quote");
            }
            if [8, 50].contains(&i) {
                l.push("Rare");
            }
            if i == 33 {
                l.push("Once");
            }
            l
        })
        .collect();
    (ids, labels)
}

/// The parts that hold a document with `label`.
fn parts_with(d: &[SplitDoc], parts: &[Part], label: &str) -> Vec<Part> {
    let mut out: Vec<Part> = d
        .iter()
        .zip(parts)
        .filter(|(doc, _)| doc.labels.contains(label))
        .map(|(_, p)| *p)
        .collect();
    out.sort();
    out.dedup();
    out
}

#[test]
fn stratification_puts_each_label_in_each_part_where_possible() {
    let (ids, labels) = stratified_corpus();
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let label_refs: Vec<&[&str]> = labels.iter().map(Vec::as_slice).collect();
    let d = docs(&refs, &label_refs);
    let mut unstratified_missed = false;
    for seed in 0..100 {
        let parts = split(&d, &spec([80, 10, 10], seed, true));
        assert_eq!(parts_with(&d, &parts, "Quote"), Part::ALL, "seed {seed}");
        assert_eq!(
            parts_with(&d, &parts, "Rare"),
            [Part::Train, Part::Dev],
            "seed {seed}"
        );
        assert_eq!(parts_with(&d, &parts, "Once"), [Part::Train], "seed {seed}");
        assert_eq!(parts_with(&d, &parts, "Entity"), Part::ALL, "seed {seed}");
        let plain = split(&d, &spec([80, 10, 10], seed, false));
        unstratified_missed |= parts_with(&d, &plain, "Quote").len() < 3;
    }
    assert!(
        unstratified_missed,
        "without stratification, some seed leaves a part without Quote"
    );
}

#[test]
fn stratification_respects_sizes_when_rooms_run_out() {
    // Two documents in dev and test together, four labels each in two documents.
    let ids = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
    let labels: Vec<&[&str]> = vec![
        &["A"],
        &["A"],
        &["B"],
        &["B"],
        &["C"],
        &["C"],
        &["D"],
        &["D"],
    ];
    let d = docs(&ids, &labels);
    let parts = split(&d, &spec([80, 10, 10], 5, true));
    let mut count = [0usize; 3];
    for p in &parts {
        count[p.index()] += 1;
    }
    assert_eq!(count, [8, 1, 1]);
}
