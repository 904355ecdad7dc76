//! `annotate agree` as a pipeline runs it: the built binary on native files written to a temp
//! folder, its JSON on stdout, its messages on stderr and its exit codes.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::{json, Value};

const MERKEL: &str = "Merkel said: \"We will manage.\" Critics at the CDU disagreed.";
const A: &[(usize, usize, &str)] = &[
    (0, 6, "PER"),
    (13, 30, "QUOTE"),
    (31, 38, "PER"),
    (46, 49, "ORG"),
];
const B: &[(usize, usize, &str)] = &[(0, 6, "PER"), (14, 28, "QUOTE"), (31, 38, "ORG")];
const C: &[(usize, usize, &str)] = &[(0, 6, "PER"), (13, 30, "QUOTE"), (31, 38, "PER")];

/// `(id, text, spans)` of one document, spans as `(start, end, label)` in code points.
type Doc<'a> = (&'a str, &'a str, &'a [(usize, usize, &'a str)]);

/// A folder of fixture files, removed when the test ends.
struct Dir(PathBuf);

impl Dir {
    fn new(test: &str) -> Dir {
        let dir =
            std::env::temp_dir().join(format!("annotate-agree-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Dir(dir)
    }

    fn write(&self, name: &str, content: &str) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, content).unwrap();
        path.to_string_lossy().into_owned()
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A native file: `docs` are `(id, text, spans)`, offsets in code points, or in UTF-16 units
/// when `utf16` (converted here from the code point spans).
fn native(annotator: Option<&str>, utf16: bool, docs: &[Doc]) -> String {
    let to_unit = |text: &str, cp: usize| -> usize {
        if utf16 {
            text.chars().take(cp).map(char::len_utf16).sum()
        } else {
            cp
        }
    };
    let documents: Vec<Value> = docs
        .iter()
        .map(|&(id, text, spans)| {
            let anns: Vec<Value> = spans
                .iter()
                .enumerate()
                .map(|(i, &(s, e, l))| {
                    let covered: String = text.chars().skip(s).take(e - s).collect();
                    json!({"id": format!("a{i}"), "label": l, "start": to_unit(text, s),
                           "end": to_unit(text, e), "text": covered})
                })
                .collect();
            json!({"id": id, "title": id, "text": text, "annotations": anns})
        })
        .collect();
    let labels: Vec<Value> = ["PER", "QUOTE", "ORG", "LOC"]
        .iter()
        .enumerate()
        .map(|(i, n)| json!({"name": n, "hotkey": (i + 1).to_string(), "color": "#1d4ed8"}))
        .collect();
    let mut file = json!({"format": "article-annotator", "version": 1,
        "offset_unit": if utf16 { "utf16" } else { "codepoint" },
        "labels": labels, "documents": documents});
    if let Some(a) = annotator {
        file["annotator"] = json!(a);
    }
    file.to_string()
}

fn annotate(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_annotate"))
        .args(args)
        .output()
        .expect("the annotate binary runs")
}

/// Runs `annotate agree FILES…`, expects success, and returns the report.
#[track_caller]
fn agree(files: &[&str]) -> Value {
    let mut args = vec!["agree"];
    args.extend_from_slice(files);
    let out = annotate(&args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "stderr: {stderr}");
    serde_json::from_slice(&out.stdout).expect("stdout is one JSON report")
}

#[track_caller]
fn close(v: &Value, want: f64) {
    let got = v.as_f64().unwrap_or_else(|| panic!("{v} is not a number"));
    assert!((got - want).abs() < 1e-12, "got {got}, want {want}");
}

#[test]
fn worked_example_from_files() {
    let dir = Dir::new("worked");
    let a = dir.write(
        "A.annotations.json",
        &native(None, false, &[("m", MERKEL, A)]),
    );
    let b = dir.write(
        "second.json",
        &native(Some("B"), false, &[("m", MERKEL, B)]),
    );
    let c = dir.write("C.json", &native(None, false, &[("m", MERKEL, C)]));
    let r = agree(&[&a, &b]);
    assert_eq!(r["annotators"], json!(["A", "B"]));
    assert_eq!(
        (r["documents"].clone(), r["tokens"].clone()),
        (json!(1), json!(15))
    );
    assert_eq!(r["skipped"], json!([]));
    close(&r["span"]["exact_f1"], 2.0 / 7.0);
    close(&r["span"]["overlap_f1"], 4.0 / 7.0);
    close(&r["token"]["cohen_kappa"], 23.0 / 48.0);
    close(&r["token"]["fleiss_kappa"], 5.0 / 11.0);
    close(&r["token"]["krippendorff_alpha"], 26.0 / 55.0);
    let alpha_u = r["alpha_u"]["overall"].as_f64().unwrap();
    assert!((alpha_u - 0.6466).abs() < 5e-5, "{alpha_u}");
    let r = agree(&[&a, &b, &c]);
    assert_eq!(r["annotators"], json!(["A", "B", "C"]));
    assert_eq!(r["token"]["cohen_kappa"], Value::Null);
    close(&r["token"]["fleiss_kappa"], 44.0 / 69.0);
    close(&r["token"]["krippendorff_alpha"], 401.0 / 621.0);
    let alpha_u = r["alpha_u"]["overall"].as_f64().unwrap();
    assert!((alpha_u - 0.7740).abs() < 5e-5, "{alpha_u}");
    assert_eq!(r["span"]["pairs"].as_array().map(Vec::len), Some(3));
}

#[test]
fn csv_on_request() {
    let dir = Dir::new("csv");
    let a = dir.write("A.json", &native(None, false, &[("m", MERKEL, A)]));
    let b = dir.write("B.json", &native(None, false, &[("m", MERKEL, B)]));
    let out = annotate(&["agree", "--csv", &a, &b]);
    assert_eq!(out.status.code(), Some(0));
    let csv = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows[0], "measure,label,annotator_a,annotator_b,value");
    assert_eq!(rows[6], format!("exact_f1,,A,B,{}", 2.0 / 7.0));
    assert!(csv.contains(&format!("cohen_kappa,,,,{}\r\n", 23.0 / 48.0)));
}

#[test]
fn utf16_and_code_point_files_give_the_same_report() {
    let dir = Dir::new("units");
    let text = "Die Ärztin 👩🏽‍⚕️ trifft 習近平 in مدريد.\r\nDanach: „Gut.“";
    // Ärztin, the emoji sequence (surrogate pairs in UTF-16), 習近平, مدريد / in مدريد.
    let x: &[(usize, usize, &str)] = &[
        (4, 10, "PER"),
        (11, 16, "PER"),
        (24, 27, "PER"),
        (31, 36, "LOC"),
    ];
    let y: &[(usize, usize, &str)] = &[
        (4, 10, "PER"),
        (11, 16, "PER"),
        (24, 27, "ORG"),
        (28, 36, "LOC"),
    ];
    let cp = [
        dir.write("x.json", &native(None, false, &[("d", text, x)])),
        dir.write("y.json", &native(None, false, &[("d", text, y)])),
    ];
    let u16 = [
        dir.write("x16.json", &native(Some("x"), true, &[("d", text, x)])),
        dir.write("y16.json", &native(Some("y"), true, &[("d", text, y)])),
    ];
    let (r1, r2) = (agree(&[&cp[0], &cp[1]]), agree(&[&u16[0], &u16[1]]));
    assert_eq!(r1, r2);
    close(&r1["span"]["exact_f1"], 4.0 / 8.0);
    close(&r1["span"]["overlap_f1"], 6.0 / 8.0);
}

#[test]
fn documents_in_only_some_files_are_skipped() {
    let dir = Dir::new("skipped");
    let one = dir.write(
        "ann1.json",
        &native(
            None,
            false,
            &[("m", MERKEL, A), ("only-1", "Nur hier.", &[])],
        ),
    );
    // Same text under another id: matched by the text's hash.
    let two = dir.write(
        "ann2.json",
        &native(
            None,
            false,
            &[("other", MERKEL, B), ("only-2", "שלום", &[])],
        ),
    );
    let r = agree(&[&one, &two]);
    assert_eq!(r["documents"], 1);
    assert_eq!(r["skipped"], json!(["only-1", "only-2"]));
    close(&r["span"]["exact_f1"], 2.0 / 7.0);
}

#[test]
fn annotations_an_import_leaves_out_are_warnings() {
    let dir = Dir::new("warnings");
    let good = dir.write("good.json", &native(None, false, &[("m", MERKEL, A)]));
    let mut bad: Value = serde_json::from_str(&native(None, false, &[("m", MERKEL, B)])).unwrap();
    bad["documents"][0]["annotations"][0]["end"] = json!(600);
    let bad = dir.write("bad.json", &bad.to_string());
    let out = annotate(&["agree", &good, &bad]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning") && stderr.contains("bad.json"),
        "{stderr}"
    );
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    // B without its PER span: 0 exact matches of 4 + 2.
    close(&r["span"]["exact_f1"], 0.0);
}

#[test]
fn a_span_cutting_a_character_cluster_is_counted_without_a_warning() {
    let dir = Dir::new("clusters");
    // "é" as e + combining accent: a span ending between the two cuts the cluster.
    let text = "Cafe\u{301} 👩🏽‍💻 Merkel";
    let a = dir.write(
        "a.json",
        &native(None, false, &[("c", text, &[(0, 4, "PER")])]),
    );
    let b = dir.write(
        "b.json",
        &native(None, false, &[("c", text, &[(0, 4, "PER")])]),
    );
    let out = annotate(&["agree", &a, &b]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    close(&r["span"]["exact_f1"], 1.0);
}

#[test]
fn bad_input_is_a_message_naming_the_file_and_exit_code_2() {
    let dir = Dir::new("bad");
    let good = dir.write("good.json", &native(None, false, &[("m", MERKEL, A)]));
    let not_json = dir.write("notes.json", "this is not { json");
    let other = dir.write("other.json", r#"{"format": "label-studio"}"#);
    let empty = dir.write("empty.json", &native(None, false, &[]));
    let missing = dir.0.join("missing.json").to_string_lossy().into_owned();
    let folder = dir.0.to_string_lossy().into_owned();
    #[track_caller]
    fn check(args: &[&str], said: &[&str]) {
        let out = annotate(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?} printed on stdout");
        for s in said {
            assert!(stderr.contains(s), "{args:?}: {stderr:?} should say {s:?}");
        }
    }
    check(&["agree"], &["at least two files", "got 0"]);
    check(&["agree", &good], &["at least two files", "got 1"]);
    check(
        &["agree", &good, &missing],
        &["missing.json", "no such file"],
    );
    check(
        &["agree", &not_json, &good],
        &["notes.json", "not valid JSON"],
    );
    check(&["agree", &good, &other], &["other.json", "label-studio"]);
    check(&["agree", &good, &empty], &["empty.json", "no document"]);
    check(&["agree", &good, &folder], &[&folder]);
    check(&["agree", &good, &good, &missing], &["missing.json"]);
    check(&["nonsense"], &[]);
}
