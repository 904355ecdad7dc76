//! Writing many documents into one file per format (brat: one folder), each document through
//! its format's own export, then joined, with metadata added where the format has a place for
//! it; and one loss report for them all that names the documents that lost annotations.

use std::collections::BTreeSet;

use serde_json::Value;

use super::Meta;
use crate::format::lost::Lost;
use crate::format::native::{self, WireSplit};
use crate::format::{brat, conll, doccano, jsonl, label_studio, w3c, FormatKind, OffsetUnit};
use crate::model::{Document, LabelSet};

/// One document to write, with its metadata.
#[derive(Clone, Copy, Debug)]
pub struct Entry<'a> {
    pub doc: &'a Document,
    pub meta: &'a Meta,
}

/// Choices for writing many documents.
#[derive(Clone, Copy, Debug)]
pub struct AllOptions<'a> {
    /// Offset unit for the formats that offer one (native, doccano).
    pub offset_unit: OffsetUnit,
    /// The file's name without extension (`train`, `corpus`); brat's folder.
    pub stem: &'a str,
    /// The split this file holds, for the formats with a place for it (native).
    pub split: Option<&'a WireSplit>,
}

/// What [`export_all`] wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportedAll {
    /// `(path, content)`: one file, or for brat a folder's files under `<stem>/`.
    pub files: Vec<(String, Vec<u8>)>,
    /// What the format could not carry, in plain words; each document that lost annotations
    /// is named.
    pub notes: Vec<String>,
    /// Per document that lost anything: its id and what it lost.
    pub lost: Vec<(String, Lost)>,
}

/// The label set every entry fits: `labels` first, then any other label, attribute
/// definition or relation type an entry has (`corpus::schema::grown`).
fn schema_for(labels: &LabelSet, entries: &[Entry]) -> LabelSet {
    let mut out = labels.clone();
    for e in entries {
        if let Ok((set, _)) = crate::corpus::schema::grown(&out, e.doc.labels()) {
            out = set;
        }
    }
    out
}

/// `doc` with its spans labelled in `schema` by name (every name is there: see `schema_for`).
fn relabel(doc: &Document, schema: &LabelSet) -> Document {
    if doc.labels() == schema {
        return doc.clone();
    }
    let spans = doc
        .spans()
        .iter()
        .filter_map(|s| Some(s.with_label(schema.by_name(doc.labels().name(s.label()))?)))
        .collect();
    doc.with_labels(schema.clone(), spans)
        .unwrap_or_else(|_| doc.clone())
}

/// A file-name-safe stem for a document id: path separators, controls, white space and the
/// characters Windows refuses become `_`, a leading dot too; at most 100 characters.
pub fn file_stem(id: &str) -> String {
    let mut out: String = id
        .chars()
        .map(|c| {
            if c.is_control() || c.is_whitespace() || "/\\:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .take(100)
        .collect();
    if out.starts_with('.') {
        out.replace_range(..1, "_");
    }
    if out.is_empty() {
        out.push_str("document");
    }
    out
}

/// Adds `meta` to a JSON object without replacing a key the format already uses.
fn add_meta(obj: Option<&mut Value>, meta: &Meta) {
    if let Some(Value::Object(o)) = obj {
        for (k, v) in meta {
            o.entry(k.clone())
                .or_insert_with(|| Value::String(v.clone()));
        }
    }
}

/// Writes `entries` as `kind` (see the parent module for the layout of each format).
pub fn export_all(
    kind: FormatKind,
    entries: &[Entry],
    labels: &LabelSet,
    opts: &AllOptions,
) -> ExportedAll {
    let schema = schema_for(labels, entries);
    let docs: Vec<Document> = entries.iter().map(|e| relabel(e.doc, &schema)).collect();
    let metas: Vec<&Meta> = entries.iter().map(|e| e.meta).collect();
    let mut lost: Vec<Lost> = Vec::with_capacity(docs.len());
    let name = format!("{}.{}", opts.stem, kind.extension());
    let files = match kind {
        FormatKind::Native => {
            let mut wire =
                native::to_wire_in(&Document::new("", "", schema.clone()), opts.offset_unit);
            wire.documents = docs
                .iter()
                .zip(&metas)
                .filter_map(|(d, m)| {
                    let mut w = native::to_wire_in(d, opts.offset_unit).documents.pop()?;
                    w.meta = (*m).clone();
                    Some(w)
                })
                .collect();
            wire.split = opts.split.cloned();
            lost = vec![Lost::default(); docs.len()];
            let text = serde_json::to_string_pretty(&wire).unwrap_or_default();
            vec![(name, text.into_bytes())]
        }
        FormatKind::Jsonl | FormatKind::Doccano => {
            let mut out = String::new();
            for (d, m) in docs.iter().zip(&metas) {
                let (line, l) = if kind == FormatKind::Jsonl {
                    jsonl::export(d)
                } else {
                    doccano::export(d, opts.offset_unit)
                };
                lost.push(l);
                if m.is_empty() {
                    out.push_str(&line);
                    continue;
                }
                let mut v: Value = serde_json::from_str(&line).unwrap_or(Value::Null);
                if kind == FormatKind::Jsonl {
                    add_meta(v.get_mut("meta"), m);
                } else {
                    add_meta(Some(&mut v), m);
                }
                out.push_str(&serde_json::to_string(&v).unwrap_or_default());
                out.push('\n');
            }
            vec![(name, out.into_bytes())]
        }
        FormatKind::LabelStudio => {
            let mut tasks = Vec::with_capacity(docs.len());
            for (i, (d, m)) in docs.iter().zip(&metas).enumerate() {
                let (text, l) = label_studio::export(d);
                lost.push(l);
                let mut list: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
                let Some(mut task) = list.get_mut(0).map(Value::take) else {
                    continue;
                };
                if let Some(t) = task.as_object_mut() {
                    t.insert("id".to_string(), Value::from(i + 1));
                }
                add_meta(task.get_mut("data"), m);
                tasks.push(task);
            }
            let text = serde_json::to_string(&tasks).unwrap_or_default();
            vec![(name, text.into_bytes())]
        }
        FormatKind::W3c => {
            let mut collections = Vec::with_capacity(docs.len());
            for d in &docs {
                let (text, l) = w3c::export(d);
                lost.push(l);
                collections.push(serde_json::from_str::<Value>(&text).unwrap_or(Value::Null));
            }
            let text = serde_json::to_string(&collections).unwrap_or_default();
            vec![(name, text.into_bytes())]
        }
        FormatKind::Conll => {
            let mut out = String::new();
            for d in &docs {
                let (text, l) = conll::export(d);
                lost.push(l);
                if !out.is_empty() {
                    out.push('\n');
                }
                out.push_str(&text);
            }
            vec![(name, out.into_bytes())]
        }
        FormatKind::Brat => brat_folder(&docs, &schema, opts.stem, &mut lost),
    };
    let notes = notes(kind, &docs, &metas, &lost);
    let lost = docs
        .iter()
        .zip(lost)
        .filter(|(_, l)| !l.is_empty())
        .map(|(d, l)| (d.id().to_string(), l))
        .collect();
    ExportedAll { files, notes, lost }
}

/// brat: `<stem>/annotation.conf`, `<stem>/visual.conf`, and `<stem>/<id>.txt`/`.ann` per
/// document, named by its id (made file-safe and unique).
fn brat_folder(
    docs: &[Document],
    schema: &LabelSet,
    stem: &str,
    lost: &mut Vec<Lost>,
) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let (conf_files, _) = brat::export(&Document::new("", "", schema.clone()));
    for (n, content) in conf_files {
        if n.ends_with(".conf") {
            files.push((format!("{stem}/{n}"), content));
        }
    }
    let mut taken: BTreeSet<String> = BTreeSet::new();
    for d in docs {
        let (pair, l) = brat::export(d);
        lost.push(l);
        let base = file_stem(d.id());
        let mut name = base.clone();
        let mut k = 2;
        while !taken.insert(name.to_ascii_lowercase()) {
            name = format!("{base}-{k}");
            k += 1;
        }
        for (n, content) in pair {
            if let Some(ext) = [".txt", ".ann"].into_iter().find(|e| n.ends_with(e)) {
                files.push((format!("{stem}/{name}{ext}"), content));
            }
        }
    }
    files
}

/// How many of one kind of thing a document's file left out.
type Count = fn(&Lost) -> usize;

/// The loss report of many documents: each document that lost annotations by name, the
/// other losses once with the number of documents they concern.
fn notes(kind: FormatKind, docs: &[Document], metas: &[&Meta], lost: &[Lost]) -> Vec<String> {
    let format = kind.name();
    let mut out = Vec::new();
    for (d, l) in docs.iter().zip(lost) {
        if l.spans.is_empty() {
            continue;
        }
        let only_spans = Lost {
            spans: l.spans.clone(),
            ..Lost::default()
        };
        for n in only_spans.notes(d, format) {
            out.push(format!("document “{}” ({}): {n}", d.title(), d.id()));
        }
    }
    let count = |f: &dyn Fn(&Lost) -> bool| lost.iter().filter(|l| f(l)).count();
    let docs_word = |n: usize| {
        if n == 1 {
            "1 document".to_string()
        } else {
            format!("{n} documents")
        }
    };
    // Attribute values, notes and relations: how many, from how many documents.
    let qualifiers: [(Count, &str); 3] = [
        (|l| l.attributes, "attribute value"),
        (|l| l.notes, "note"),
        (|l| l.relations, "relation"),
    ];
    for (of, what) in qualifiers {
        let n: usize = lost.iter().map(of).sum();
        if n > 0 {
            out.push(format!(
                "{} of {} left out: {format} has no place for {}",
                crate::format::resolve::count(n, what),
                docs_word(count(&|l| of(l) > 0)),
                if n == 1 { "it" } else { "them" }
            ));
        }
    }
    let titles = count(&|l| l.title);
    if titles > 0 {
        out.push(format!(
            "the titles of {} are not kept: {format} has no place for them",
            docs_word(titles)
        ));
    }
    let layout = count(&|l| l.text_layout);
    if layout > 0 {
        out.push(format!(
            "the spacing and line breaks of {} are not kept: {format} holds tokens only",
            docs_word(layout)
        ));
    }
    let renamed: BTreeSet<&(String, String)> =
        lost.iter().flat_map(|l| &l.renamed_labels).collect();
    for (from, to) in renamed {
        out.push(format!(
            "the label “{from}” is written as “{to}”: {format} labels cannot contain white space"
        ));
    }
    if lost.iter().any(|l| l.labels) {
        out.push(format!(
            "the label list (its order, colours and unused labels) is not kept: {format} stores only the labels that annotations use"
        ));
    }
    let other: BTreeSet<&String> = lost.iter().flat_map(|l| &l.other).collect();
    out.extend(other.into_iter().cloned());
    let with_meta = metas.iter().filter(|m| !m.is_empty()).count();
    if with_meta > 0 && matches!(kind, FormatKind::Brat | FormatKind::W3c | FormatKind::Conll) {
        out.push(format!(
            "the metadata of {} (source, url, date, ids) is not kept: {format} has no place for it",
            docs_word(with_meta)
        ));
    }
    if kind == FormatKind::Conll && !docs.is_empty() {
        out.push(format!(
            "document ids are not kept: {format} has no place for them"
        ));
    }
    if kind == FormatKind::Brat {
        let renamed = docs.iter().filter(|d| file_stem(d.id()) != d.id()).count();
        if renamed > 0 {
            out.push(format!(
                "the ids of {} are written as file names with unsafe characters replaced by “_”",
                docs_word(renamed)
            ));
        }
    }
    out
}
