//! Tidy checks on the source tree itself: every source file says what it owns in a `//!`
//! first line; the layers keep their direction (the model knows only itself; the model, the
//! formats, the corpus, the review and the worker's tasks know no browser crate and reach
//! neither `browser` nor `view`; the format modules import one another without a cycle);
//! nothing in `src/format` narrows a number with `as`; nothing inserts raw HTML; the app's
//! code sorts through `model::order` only.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
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
        .chain(sources("examples"))
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
    // `review` and `corpus` are pure siblings of the model and keep the same rule; the formats
    // and the worker's tasks are pure too (the app and the command line both call them).
    let pure: Vec<_> = PURE.iter().flat_map(|dir| sources(dir)).collect();
    for (path, text) in pure {
        for word in ["yew", "web_sys", "gloo", "wasm_bindgen", "js_sys"] {
            let hit = text.lines().any(|l| {
                l.split(|c: char| !c.is_alphanumeric() && c != '_')
                    .any(|w| w == word)
            });
            assert!(
                !hit,
                "{} mentions {word}; {PURE:?} must stay pure",
                path.display()
            );
        }
    }
}

/// The layers that run natively and know nothing of the page.
const PURE: [&str; 5] = [
    "src/model",
    "src/review",
    "src/corpus",
    "src/format",
    "src/tasks",
];

/// The lines of `text` that are code: no comments, and nothing from the first `#[cfg(test)]`
/// on (test modules sit at the end of a file here).
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .take_while(|(_, l)| l.trim() != "#[cfg(test)]")
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
        .map(|(i, l)| (i + 1, l))
}

#[test]
fn pure_layers_reach_neither_browser_nor_view() {
    for (path, text) in PURE.iter().flat_map(|dir| sources(dir)) {
        for (line, l) in code_lines(&text) {
            for bad in [
                "crate::browser",
                "crate::view",
                "super::browser",
                "super::view",
            ] {
                assert!(
                    !l.contains(bad),
                    "{}:{line} reaches {bad}; {PURE:?} must not know the page",
                    path.display()
                );
            }
        }
    }
    // The model is the bottom layer: it names no other module of the crate.
    for (path, text) in sources("src/model") {
        for (line, l) in code_lines(&text) {
            let others = l
                .match_indices("crate::")
                .any(|(at, _)| !l[at..].starts_with("crate::model"));
            assert!(
                !others,
                "{}:{line} reaches outside src/model: {l}",
                path.display()
            );
        }
    }
}

/// The `src/format` modules that `text` (the file at `path`) imports through `super::` or
/// `crate::format::`, by their top-level name, itself left out.
fn format_imports(path: &Path, text: &str) -> (String, BTreeSet<String>) {
    let format_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/format");
    let rel = path
        .strip_prefix(&format_dir)
        .expect("a file of src/format");
    let parts: Vec<String> = rel
        .with_extension("")
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let own = parts[0].clone();
    // In `format/x.rs` and `format/x/mod.rs`, `super` is `format`; deeper, it is `x`.
    let super_is_format = parts.len() == 1 || parts.get(1).is_some_and(|p| p == "mod");
    let mut found = BTreeSet::new();
    let mut prefixes = vec!["crate::format::"];
    if super_is_format {
        prefixes.push("super::");
    }
    let code: String = code_lines(text).map(|(_, l)| format!("{l}\n")).collect();
    for prefix in prefixes {
        for (at, _) in code.match_indices(prefix) {
            let rest = &code[at + prefix.len()..];
            // `super::{a::X, b}` names several modules: the names at the first level of braces.
            let names: Vec<&str> = match rest.strip_prefix('{') {
                Some(group) => {
                    let (mut depth, mut end) = (0usize, group.len());
                    for (i, c) in group.char_indices() {
                        match c {
                            '{' => depth += 1,
                            '}' if depth == 0 => {
                                end = i;
                                break;
                            }
                            '}' => depth -= 1,
                            _ => {}
                        }
                    }
                    let mut depth = 0usize;
                    let mut firsts = Vec::new();
                    let mut start = 0;
                    for (i, c) in group[..end].char_indices() {
                        match c {
                            '{' => depth += 1,
                            '}' => depth -= 1,
                            ',' if depth == 0 => {
                                firsts.push(group[start..i].trim());
                                start = i + 1;
                            }
                            _ => {}
                        }
                    }
                    firsts.push(group[start..end].trim());
                    firsts
                }
                None => vec![rest],
            };
            for name in names {
                let module: String = name
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
                    .collect();
                // `self`/`super` and items (`super::Foo`) are not sibling modules.
                if !module.is_empty()
                    && module != "self"
                    && module != "super"
                    && module != own
                    && name[module.len()..].starts_with("::")
                {
                    found.insert(module);
                }
            }
        }
    }
    (own, found)
}

#[test]
fn format_modules_import_each_other_without_a_cycle() {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, text) in sources("src/format") {
        let (own, imports) = format_imports(&path, &text);
        graph.entry(own).or_default().extend(imports);
    }
    assert!(
        graph.get("resolve").is_some_and(|i| i.contains("report")),
        "the import graph must see resolve use report: {graph:?}"
    );
    // Depth-first search; a module met again while still on the path closes a cycle.
    fn visit(
        m: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) {
        if done.contains(m) {
            return;
        }
        if let Some(at) = path.iter().position(|p| p == m) {
            panic!(
                "src/format modules import each other in a cycle: {} -> {m}",
                path[at..].join(" -> ")
            );
        }
        path.push(m.to_string());
        for next in graph.get(m).into_iter().flatten() {
            visit(next, graph, path, done);
        }
        path.pop();
        done.insert(m.to_string());
    }
    let mut done = BTreeSet::new();
    for m in graph.keys() {
        visit(m, &graph, &mut Vec::new(), &mut done);
    }
}

#[test]
fn src_format_narrows_no_number_with_as() {
    // Offsets and sizes come from files: `usize::try_from` and checked arithmetic say what
    // happens when one does not fit; `as` would wrap it silently (32 bits on wasm32).
    let ints = [
        "u8", "u16", "u32", "u64", "usize", "i8", "i16", "i32", "i64", "isize",
    ];
    for (path, text) in sources("src/format") {
        if path.file_name().is_some_and(|n| n == "tests.rs") {
            continue;
        }
        for (line, l) in code_lines(&text) {
            for (at, _) in l.match_indices(" as ") {
                let target: String = l[at + 4..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric())
                    .collect();
                assert!(
                    !ints.contains(&target.as_str()),
                    "{}:{line} converts with `as {target}`; use `{target}::try_from` or `From`: {}",
                    path.display(),
                    l.trim()
                );
            }
        }
    }
}

#[test]
fn the_app_sorts_through_model_order() {
    // Each call of a slice sort compiles the standard library's sort again (about 4 KB of
    // wasm a call site); `model::order` compiles it once (see its module doc). Tests and the
    // native command line may sort as they like.
    let sorts = [
        ".sort(",
        ".sort_by(",
        ".sort_by_key(",
        ".sort_by_cached_key(",
        ".sort_unstable(",
        ".sort_unstable_by(",
        ".sort_unstable_by_key(",
    ];
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for (path, text) in sources("src") {
        let rel = path.strip_prefix(&src).expect("a file of src");
        let exempt = rel.starts_with("bin/annotate")
            || rel == Path::new("model/order.rs")
            || rel.iter().any(|p| p == "tests" || p == "tests.rs");
        if exempt {
            continue;
        }
        for (line, l) in code_lines(&text) {
            for sort in sorts {
                assert!(
                    !l.contains(sort),
                    "{}:{line} calls `{sort}…)`; use `crate::model::order::sort_by` or `sort_by_key`: {}",
                    path.display(),
                    l.trim()
                );
            }
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
