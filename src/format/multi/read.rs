//! Reading every document of a set of files, record by record, through each format's own
//! import (see the parent module for where each format keeps what).

use std::collections::HashMap;

use serde_json::Value;

use super::{Fault, Meta, ReadAll, Record};
use crate::format::native::{self, WireSplit};
use crate::format::{
    brat, conll, doccano, jsonl, label_studio, w3c, FormatKind, Imported, Problem,
};

/// Reads every document of `files` (`(name, content)`) as `kind`. JSON Lines files (`kind`
/// span JSONL or doccano) are read line by line, each line by the reader its shape calls for:
/// doccano's for a `label` or `entities` list, span JSONL's otherwise (which takes a line
/// with only a `text`). brat files pair up by folder and name; W3C reads each JSON file with
/// the `.txt` of the same name, when there is one.
pub fn import_all(kind: FormatKind, files: &[(String, String)]) -> ReadAll {
    let mut out = ReadAll::default();
    match kind {
        FormatKind::Brat => brat_all(files, &mut out),
        FormatKind::W3c => w3c_all(files, &mut out),
        _ => {
            for (name, content) in files {
                match kind {
                    FormatKind::Native => native_file(name, content, &mut out),
                    FormatKind::Jsonl | FormatKind::Doccano => lines(name, content, &mut out),
                    FormatKind::LabelStudio => tasks(name, content, &mut out),
                    FormatKind::Conll => conll_blocks(name, content, &mut out),
                    FormatKind::Brat | FormatKind::W3c => {}
                }
            }
        }
    }
    out
}

fn fault(file: &str, line: Option<usize>, document: Option<usize>, message: String) -> Fault {
    Fault {
        file: file.to_string(),
        line,
        document,
        message,
    }
}

fn record(imported: Imported, meta: Meta, file: &str, line: Option<usize>) -> Record {
    Record {
        imported,
        meta,
        file: file.to_string(),
        line,
    }
}

/// A metadata value: strings as they are, anything else as its JSON text.
fn meta_value(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The entries of a JSON object as metadata, leaving out `skip` and nulls.
fn meta_of(obj: Option<&Value>, skip: &[&str]) -> Meta {
    obj.and_then(Value::as_object)
        .map(|o| {
            o.iter()
                .filter(|(k, v)| !skip.contains(&k.as_str()) && !v.is_null())
                .map(|(k, v)| (k.clone(), meta_value(v)))
                .collect()
        })
        .unwrap_or_default()
}

fn parse(file: &str, content: &str, out: &mut ReadAll) -> Option<Value> {
    match serde_json::from_str(content.trim_start_matches('\u{feff}')) {
        Ok(v) => Some(v),
        Err(e) => {
            let why = format!(
                "it is not valid JSON (the error is at column {})",
                e.column()
            );
            out.faults.push(fault(file, Some(e.line()), None, why));
            None
        }
    }
}

fn native_file(file: &str, content: &str, out: &mut ReadAll) {
    let Some(mut root) = parse(file, content, out) else {
        return;
    };
    if out.split.is_none() {
        out.split = root
            .get("split")
            .and_then(|s| serde_json::from_value::<WireSplit>(s.clone()).ok());
    }
    let docs = match root.get_mut("documents").map(Value::take) {
        Some(Value::Array(docs)) if docs.len() > 1 => docs,
        // One document or none, or a file that is not ours: what `import` reads and says.
        other => {
            let meta = other
                .as_ref()
                .and_then(|d| d.get(0))
                .map(|d| meta_of(d.get("meta"), &[]))
                .unwrap_or_default();
            match native::import(content) {
                Ok(imported) => out.records.push(record(imported, meta, file, None)),
                Err(e) => out.faults.push(fault(file, None, None, e.to_string())),
            }
            return;
        }
    };
    // Each document alone in a copy of the file, so it passes every check `import` makes.
    for (i, doc) in docs.into_iter().enumerate() {
        let meta = meta_of(doc.get("meta"), &[]);
        if let Some(slot) = root.get_mut("documents") {
            *slot = Value::Array(vec![doc]);
        }
        let one = serde_json::to_string(&root).unwrap_or_default();
        match native::import(&one) {
            Ok(imported) => out.records.push(record(imported, meta, file, None)),
            Err(e) => out
                .faults
                .push(fault(file, None, Some(i + 1), e.to_string())),
        }
    }
}

/// The keys of a doccano line that are the format's own, not metadata.
const DOCCANO_KEYS: [&str; 8] = [
    "id",
    "text",
    "label",
    "entities",
    "relations",
    "Comments",
    "title",
    "meta",
];

fn lines(file: &str, content: &str, out: &mut ReadAll) {
    for (i, line) in content.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let line = if i == 0 {
            line.trim_start_matches('\u{feff}')
        } else {
            line
        };
        if line.trim().is_empty() {
            continue;
        }
        let at = Some(i + 1);
        let v: Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                let why = format!(
                    "it is not valid JSON (the error is at column {})",
                    e.column()
                );
                out.faults.push(fault(file, at, None, why));
                continue;
            }
        };
        let Some(obj) = v.as_object() else {
            out.faults
                .push(fault(file, at, None, "it is not a JSON object".into()));
            continue;
        };
        if !obj.get("text").is_some_and(Value::is_string) {
            let why = "it has no \"text\" string".to_string();
            out.faults.push(fault(file, at, None, why));
            continue;
        }
        let is_list = |k: &str| obj.get(k).is_some_and(Value::is_array);
        let (imported, meta) = if is_list("label") || is_list("entities") {
            let mut meta = meta_of(obj.get("meta"), &["title"]);
            meta.extend(meta_of(Some(&v), &DOCCANO_KEYS));
            (doccano::import(line), meta)
        } else {
            (jsonl::import(line), meta_of(obj.get("meta"), &["title"]))
        };
        match imported {
            Ok(imported) => out.records.push(record(imported, meta, file, at)),
            Err(e) => out.faults.push(fault(file, at, None, e.to_string())),
        }
    }
}

fn tasks(file: &str, content: &str, out: &mut ReadAll) {
    let Some(root) = parse(file, content, out) else {
        return;
    };
    let list = match root {
        Value::Array(list) => list,
        one => vec![one],
    };
    for (i, task) in list.iter().enumerate() {
        let mut meta = meta_of(task.get("meta"), &[]);
        meta.extend(meta_of(task.get("data"), &["text", "title", "doc_id"]));
        let one = serde_json::to_string(task).unwrap_or_default();
        match label_studio::import(&one) {
            Ok(imported) => out.records.push(record(imported, meta, file, None)),
            Err(e) => out
                .faults
                .push(fault(file, None, Some(i + 1), e.to_string())),
        }
    }
}

/// The part of a path before its last `/` (empty for a bare name), and its base name.
fn split_path(name: &str) -> (&str, &str) {
    let name = name.trim_start_matches("./");
    match name.rfind(['/', '\\']) {
        Some(i) => (&name[..i], &name[i + 1..]),
        None => ("", name),
    }
}

/// A base name without its extension, and the extension in lower case.
fn stem_ext(base: &str) -> (&str, String) {
    match base.rsplit_once('.') {
        Some((stem, ext)) => (stem, ext.to_ascii_lowercase()),
        None => (base, String::new()),
    }
}

/// The files by folder and base name (ASCII letters in lower case: names differing only in
/// other letters stay apart), to find a document's companions at once.
fn by_place(files: &[(String, String)]) -> HashMap<(&str, String), &(String, String)> {
    let mut map = HashMap::with_capacity(files.len());
    for f in files {
        let (folder, base) = split_path(&f.0);
        map.entry((folder, base.to_ascii_lowercase())).or_insert(f);
    }
    map
}

fn brat_all(files: &[(String, String)], out: &mut ReadAll) {
    let places = by_place(files);
    let find = |folder: &str, want: &str| places.get(&(folder, want.to_ascii_lowercase())).copied();
    // A configuration file in the document's folder, else in the nearest folder above it.
    let conf = |folder: &str, name: &str| {
        let mut f = folder;
        loop {
            if let Some(hit) = find(f, name) {
                return Some(hit);
            }
            if f.is_empty() {
                return None;
            }
            f = f.rfind('/').map_or("", |i| &f[..i]);
        }
    };
    for (name, ann) in files {
        let (folder, base) = split_path(name);
        let (stem, ext) = stem_ext(base);
        if ext != "ann" {
            continue;
        }
        let mut group = vec![(format!("{stem}.ann"), ann.clone())];
        if let Some((_, text)) = find(folder, &format!("{stem}.txt")) {
            group.push((format!("{stem}.txt"), text.clone()));
        }
        for c in ["annotation.conf", "visual.conf"] {
            if let Some((_, content)) = conf(folder, c) {
                group.push((c.to_string(), content.clone()));
            }
        }
        match brat::import(&group) {
            Ok(mut imported) => {
                // The file name is brat's only place for a document id.
                imported.doc = imported.doc.with_id(stem);
                if let Some(r) = imported.repair.as_mut() {
                    r.imported_if_applied.doc = r.imported_if_applied.doc.clone().with_id(stem);
                }
                out.records.push(record(imported, Meta::new(), name, None));
            }
            Err(e) => out.faults.push(fault(name, None, None, e.to_string())),
        }
    }
}

/// The document id an annotation collection of ours names in its source IRI.
fn w3c_id(collection: &Value) -> Option<String> {
    let source = collection
        .get("@included")
        .and_then(Value::as_array)
        .and_then(|i| i.first())
        .and_then(|s| s.get("id"))
        .and_then(Value::as_str)?;
    let id = source.strip_prefix(w3c::IRI_PREFIX)?;
    Some(w3c::pct_decode(id)).filter(|id| !id.is_empty())
}

fn w3c_all(files: &[(String, String)], out: &mut ReadAll) {
    let places = by_place(files);
    for (name, content) in files {
        let (folder, base) = split_path(name);
        let (stem, ext) = stem_ext(base);
        if ext == "txt" {
            continue;
        }
        let Some(root) = parse(name, content, out) else {
            continue;
        };
        let is_collection = |v: &Value| {
            let t = v.get("type").or_else(|| v.get("@type"));
            t.and_then(Value::as_str) == Some("AnnotationCollection")
        };
        let collections: Vec<&Value> = match &root {
            Value::Array(list) if !list.is_empty() && list.iter().all(is_collection) => {
                list.iter().collect()
            }
            _ => vec![&root],
        };
        let text = places
            .get(&(folder, format!("{stem}.txt").to_ascii_lowercase()))
            .copied();
        let many = collections.len() > 1;
        for (i, c) in collections.into_iter().enumerate() {
            let mut group = vec![(
                base.to_string(),
                serde_json::to_string(c).unwrap_or_default(),
            )];
            if let (Some((n, t)), false) = (text, many) {
                group.push((n.clone(), t.clone()));
            }
            let document = many.then_some(i + 1);
            match w3c::import(&group) {
                Ok(mut imported) => {
                    if let Some(id) = w3c_id(c) {
                        imported.doc = imported.doc.with_id(&id);
                    }
                    out.records.push(record(imported, Meta::new(), name, None));
                }
                Err(e) => out.faults.push(fault(name, None, document, e.to_string())),
            }
        }
    }
}

fn conll_blocks(file: &str, content: &str, out: &mut ReadAll) {
    let content = content.trim_start_matches('\u{feff}');
    // Each `-DOCSTART-` line begins a block; lines before the first one form a block too.
    let mut blocks: Vec<(usize, String)> = Vec::new();
    for (i, line) in content.split('\n').enumerate() {
        let starts = line.split_whitespace().next() == Some("-DOCSTART-");
        match blocks.last_mut() {
            Some((_, block)) if !starts => {
                block.push_str(line);
                block.push('\n');
            }
            _ => blocks.push((i + 1, format!("{line}\n"))),
        }
    }
    for (start, block) in blocks {
        let has_tokens = block.lines().any(|l| {
            l.split_whitespace()
                .next()
                .is_some_and(|t| t != "-DOCSTART-")
        });
        if !has_tokens {
            continue;
        }
        match conll::import(&block) {
            Ok(mut imported) => {
                // Line numbers in the block's problems count from the block's first line.
                for p in &mut imported.problems {
                    if let Problem::BadLine { line, .. } = p {
                        *line += start - 1;
                    }
                }
                out.records
                    .push(record(imported, Meta::new(), file, Some(start)));
            }
            Err(e) => out
                .faults
                .push(fault(file, Some(start), None, e.to_string())),
        }
    }
}
