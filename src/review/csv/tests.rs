//! The agreement CSV: the worked example's rows exactly, quoting of awkward names and labels,
//! and every value read back equal to the JSON report's.

use crate::review::{agreement, Layer, LayerDoc, LayerSpan};

const MERKEL: &str = "Merkel said: \"We will manage.\" Critics at the CDU disagreed.";

fn layer(name: &str, spans: &[(usize, usize, &str)]) -> Layer {
    Layer {
        annotator: name.to_string(),
        documents: vec![LayerDoc {
            id: "m".into(),
            text: MERKEL.into(),
            spans: spans
                .iter()
                .map(|&(a, b, l)| LayerSpan::new(a, b, l))
                .collect(),
            relations: Vec::new(),
        }],
    }
}

#[test]
fn worked_example_rows() {
    let a = layer(
        "A",
        &[
            (0, 6, "PER"),
            (13, 30, "QUOTE"),
            (31, 38, "PER"),
            (46, 49, "ORG"),
        ],
    );
    let b = layer("B", &[(0, 6, "PER"), (14, 28, "QUOTE"), (31, 38, "ORG")]);
    let r = agreement(&[a, b]);
    let csv = r.to_csv();
    let rows: Vec<&str> = csv.split("\r\n").collect();
    let f = |x: f64| x.to_string();
    let want = [
        "measure,label,annotator_a,annotator_b,value".to_string(),
        "documents,,,,1".into(),
        "skipped,,,,0".into(),
        "tokens,,,,15".into(),
        format!("exact_f1,,,,{}", f(2.0 / 7.0)),
        format!("overlap_f1,,,,{}", f(4.0 / 7.0)),
        format!("exact_f1,,A,B,{}", f(2.0 / 7.0)),
        format!("overlap_f1,,A,B,{}", f(4.0 / 7.0)),
        "exact_f1,ORG,,,0".into(),
        "overlap_f1,ORG,,,0".into(),
        format!("exact_f1,PER,,,{}", f(2.0 / 3.0)),
        format!("overlap_f1,PER,,,{}", f(2.0 / 3.0)),
        "exact_f1,QUOTE,,,0".into(),
        "overlap_f1,QUOTE,,,1".into(),
        format!("cohen_kappa,,,,{}", f(23.0 / 48.0)),
        format!("fleiss_kappa,,,,{}", f(5.0 / 11.0)),
        format!("krippendorff_alpha,,,,{}", f(26.0 / 55.0)),
    ];
    assert_eq!(rows[..want.len()], want);
    let tail: Vec<String> = rows[want.len()..]
        .iter()
        .map(|r| r.split(',').take(2).collect::<Vec<_>>().join(","))
        .collect();
    assert_eq!(
        tail,
        [
            "alpha_u,",
            "alpha_u,ORG",
            "alpha_u,PER",
            "alpha_u,QUOTE",
            "relation_f1,",
            "relation_f1,",
            ""
        ],
        "ends with CRLF"
    );
    // Every number equals the JSON's.
    let json: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
    let alpha = rows
        .iter()
        .find(|r| r.starts_with("alpha_u,QUOTE"))
        .unwrap();
    assert_eq!(
        alpha.rsplit(',').next().unwrap(),
        json["alpha_u"]["per_label"]["QUOTE"].to_string()
    );
}

#[track_caller]
fn check_field(raw: &str, want: &str) {
    assert_eq!(super::field(raw), want);
}

#[test]
fn awkward_names_are_quoted_and_nulls_are_empty() {
    check_field("PER", "PER");
    check_field("Zoë 👩🏽‍💻", "Zoë 👩🏽‍💻");
    check_field("a,b", "\"a,b\"");
    check_field("say \"hi\"", "\"say \"\"hi\"\"\"");
    check_field("two\r\nlines", "\"two\r\nlines\"");
    check_field("=1+1", "=1+1");
    check_field("مريم", "مريم");
    // One annotator pair with nothing labelled: F1 and α are null, written empty.
    let r = agreement(&[layer("李, 雷", &[]), layer("\"B\"", &[])]);
    let csv = r.to_csv();
    assert!(
        csv.contains("exact_f1,,\"李, 雷\",\"\"\"B\"\"\",\r\n"),
        "{csv}"
    );
    assert!(csv.contains("alpha_u,,,,\r\n"), "{csv}");
}
