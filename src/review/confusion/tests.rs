//! The token confusion table on the worked example and on multi-script text.

use super::*;
use crate::review::{LayerDoc, LayerSpan};

const MERKEL: &str = "Merkel said: \"We will manage.\" Critics at the CDU disagreed.";
const WORLD: &str = "Zoë 👩🏽‍💻 met 李雷 in مريم's café.\r\nשלום עולם, Ελένη!";

type Spans<'a> = &'a [(usize, usize, &'a str)];

fn layer(name: &str, docs: &[(&str, Spans)]) -> Layer {
    Layer {
        annotator: name.into(),
        documents: docs
            .iter()
            .map(|&(text, spans)| LayerDoc {
                id: text.chars().take(5).collect(),
                text: text.into(),
                spans: spans
                    .iter()
                    .map(|&(a, b, l)| LayerSpan::new(a, b, l))
                    .collect(),
                relations: Vec::new(),
            })
            .collect(),
    }
}

#[track_caller]
fn check(t: &Confusion, a: Option<&str>, b: Option<&str>, want: usize) {
    assert_eq!(t.get(a, b), want, "{a:?} vs {b:?}");
}

#[test]
fn worked_example_table() {
    let a = layer(
        "A",
        &[(
            MERKEL,
            &[
                (0, 6, "PER"),
                (13, 30, "QUOTE"),
                (31, 38, "PER"),
                (46, 49, "ORG"),
            ],
        )],
    );
    let b = layer(
        "B",
        &[(MERKEL, &[(0, 6, "PER"), (14, 28, "QUOTE"), (31, 38, "ORG")])],
    );
    let t = confusion(&[a, b], 0, 1).unwrap();
    let tags: Vec<Option<&str>> = t.tags.iter().map(|x| x.as_deref()).collect();
    assert_eq!(tags, [None, Some("ORG"), Some("PER"), Some("QUOTE")]);
    // 15 tokens: Merkel said : " We will manage . " Critics at the CDU disagreed .
    check(&t, Some("PER"), Some("PER"), 1);
    check(&t, Some("PER"), Some("ORG"), 1);
    check(&t, Some("ORG"), None, 1);
    check(&t, Some("QUOTE"), Some("QUOTE"), 3);
    check(&t, Some("QUOTE"), None, 3);
    check(&t, None, None, 6);
    check(&t, Some("nobody"), None, 0);
    assert_eq!(t.counts.iter().flatten().sum::<usize>(), 15);
    assert_eq!(
        t.disagreements(),
        [
            (Some("QUOTE"), None, 3),
            (Some("ORG"), None, 1),
            (Some("PER"), Some("ORG"), 1)
        ]
    );
    let flipped = confusion(&[layer("A", &[]), layer("B", &[])], 1, 0);
    assert!(flipped.is_some_and(|f| f.counts.iter().flatten().sum::<usize>() == 0));
    assert!(confusion(&[layer("A", &[])], 0, 1).is_none());
}

#[test]
fn multi_script_tokens_and_an_o_label() {
    // Every token counts once (the emoji's code points are tokens of their own, as
    // `\w+|[^\w\s]` makes them), and the label called "O" is not the absence of a label.
    let a = layer(
        "A",
        &[(WORLD, &[(13, 15, "PER"), (19, 23, "PER"), (33, 42, "O")])],
    );
    let b = layer(
        "B",
        &[(WORLD, &[(13, 15, "ORG"), (19, 23, "PER"), (33, 37, "LOC")])],
    );
    let t = confusion(&[a, b], 0, 1).unwrap();
    check(&t, Some("PER"), Some("ORG"), 1);
    check(&t, Some("PER"), Some("PER"), 1);
    check(&t, Some("O"), Some("LOC"), 1);
    check(&t, Some("O"), None, 1);
    let total: usize = t.counts.iter().flatten().sum();
    assert_eq!(total, tokens(WORLD).len());
    check(&t, None, None, total - 4);
}
