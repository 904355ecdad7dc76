//! Tidy checks on the source tree itself: every source file says what it owns in a `//!`
//! first line; the model stays free of browser crates; nothing inserts raw HTML.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable source dir") {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn sources(sub: &str) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(sub);
    if dir.exists() {
        rust_files(&dir, &mut files);
    }
    files
        .into_iter()
        .map(|p| (p.clone(), std::fs::read_to_string(&p).unwrap()))
        .collect()
}

#[test]
fn every_source_file_opens_with_a_module_doc() {
    let all: Vec<_> = sources("src")
        .into_iter()
        .chain(sources("tests"))
        .chain(sources("benches"))
        .collect();
    assert!(
        all.len() > 20,
        "the tidy check found too few files to be looking in the right place"
    );
    for (path, text) in all {
        assert!(
            text.starts_with("//!"),
            "{} must start with a //! line saying what it owns",
            path.display()
        );
    }
}

#[test]
fn the_model_knows_nothing_of_the_browser() {
    // `review` and `corpus` are pure siblings of the model and keep the same rule.
    let pure: Vec<_> = sources("src/model")
        .into_iter()
        .chain(sources("src/review"))
        .chain(sources("src/corpus"))
        .collect();
    for (path, text) in pure {
        for word in ["yew", "web_sys", "gloo", "wasm_bindgen", "js_sys"] {
            let hit = text.lines().any(|l| {
                l.split(|c: char| !c.is_alphanumeric() && c != '_')
                    .any(|w| w == word)
            });
            assert!(
                !hit,
                "{} mentions {word}; src/model, src/review and src/corpus must stay pure",
                path.display()
            );
        }
    }
}

#[test]
fn no_raw_html_insertion() {
    for (path, text) in sources("src") {
        for bad in [
            "set_inner_html",
            "inner_html(",
            "from_html_unchecked",
            "dangerously",
        ] {
            assert!(
                !text.contains(bad),
                "{} uses {bad}: pasted or imported text must never be parsed as HTML",
                path.display()
            );
        }
    }
}

#[test]
fn index_html_forbids_foreign_scripts() {
    let html =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("index.html")).unwrap();
    let csp = html
        .split("Content-Security-Policy")
        .nth(1)
        .expect("a CSP meta tag");
    assert!(csp.contains("default-src 'none'"));
    assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval';"));
    assert!(!csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"));
    assert!(
        !html.contains("<script>") && !html.contains("<script type=\"module\">"),
        "no inline scripts"
    );
}
