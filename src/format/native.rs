//! The native JSON format, `article-annotator` version 1: what "Export JSON" writes, what
//! "Import JSON" reads, and what the browser keeps in storage.
//!
//! ```json
//! {
//!   "format": "article-annotator",
//!   "version": 1,
//!   "offset_unit": "codepoint",
//!   "labels": [{"name": "Entity", "hotkey": "1", "color": "#1d4ed8"}, …],
//!   "documents": [{
//!     "id": "doc-…", "title": "…", "text": "…the whole article…",
//!     "annotations": [{"id": "a1", "label": "Entity", "start": 388, "end": 404, "text": "Elsever Mammadov"}]
//!   }]
//! }
//! ```
//!
//! - `start` and `end` count Unicode code points (Python `str` indices, W3C
//!   `TextPositionSelector`), end exclusive; `text` is always `document.text[start:end]`.
//! - `offset_unit` is `"codepoint"`; import refuses any other unit rather than guess.
//! - Annotations are written in text order (start, then the longer first).
//! - Nothing of the document is dropped; the undo history is not part of the format.
//! - The JSON Schema is `schema/article-annotator.v1.schema.json`.
//!
//! Import keeps what is valid and reports the rest: a file-level fault ([`Fatal`]) stops the
//! import, a fault in one annotation ([`Problem`]) drops that annotation and is listed.

use std::collections::HashSet;
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::model::label::LabelSet;
use crate::model::span::{CharRange, Span, SpanId};
use crate::model::title::derive_title;
use crate::model::Document;

pub const FORMAT: &str = "article-annotator";
pub const VERSION: u64 = 1;
pub const OFFSET_UNIT: &str = "codepoint";

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct WireFile {
    pub format: String,
    pub version: u64,
    pub offset_unit: String,
    pub labels: Vec<WireLabel>,
    pub documents: Vec<WireDocument>,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct WireLabel {
    pub name: String,
    pub hotkey: String,
    pub color: String,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct WireDocument {
    pub id: String,
    pub title: String,
    pub text: String,
    pub annotations: Vec<WireAnnotation>,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct WireAnnotation {
    pub id: String,
    pub label: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// The wire form of a document.
pub fn to_wire(doc: &Document) -> WireFile {
    let labels = doc
        .labels()
        .iter()
        .map(|(_, l)| WireLabel { name: l.name.to_string(), hotkey: l.hotkey.to_string(), color: l.color.to_string() })
        .collect();
    let annotations = doc
        .spans()
        .iter()
        .map(|s| WireAnnotation {
            id: s.id().to_string(),
            label: doc.labels().name(s.label()).to_string(),
            start: s.start(),
            end: s.end(),
            text: doc.covered(s).to_string(),
        })
        .collect();
    WireFile {
        format: FORMAT.into(),
        version: VERSION,
        offset_unit: OFFSET_UNIT.into(),
        labels,
        documents: vec![WireDocument {
            id: doc.id().into(),
            title: doc.title().into(),
            text: doc.text().as_str().into(),
            annotations,
        }],
    }
}

/// The export file's content, pretty-printed.
pub fn export(doc: &Document) -> String {
    // Serialising plain structs of strings and integers cannot fail.
    serde_json::to_string_pretty(&to_wire(doc)).unwrap_or_default()
}

/// A fault that stops the whole import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fatal {
    /// The content is not JSON at all.
    NotJson { line: usize, column: usize },
    /// JSON, but not an object with a `format` field of ours.
    UnknownFormat(Option<String>),
    /// Our format, in a version this build does not read.
    UnsupportedVersion(String),
    /// An offset unit other than code points.
    UnknownOffsetUnit(String),
    /// The `labels` list cannot be used.
    BadLabels(String),
    /// A required part is missing or of the wrong kind.
    Malformed(String),
    /// The `documents` list is empty.
    NoDocument,
}

impl fmt::Display for Fatal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fatal::NotJson { line, column } => {
                write!(f, "the file is not valid JSON (the first error is at line {line}, column {column})")
            }
            Fatal::UnknownFormat(None) => {
                write!(f, "the file is JSON but not an Article Annotator file (it has no \"format\": \"{FORMAT}\")")
            }
            Fatal::UnknownFormat(Some(x)) => {
                write!(f, "the file's format is \"{x}\", not \"{FORMAT}\"; this import reads only Article Annotator files")
            }
            Fatal::UnsupportedVersion(v) => {
                write!(f, "the file is version {v} of the format; this app reads version {VERSION}")
            }
            Fatal::UnknownOffsetUnit(u) => {
                write!(f, "the file counts offsets in \"{u}\"; this import reads \"{OFFSET_UNIT}\" offsets only")
            }
            Fatal::BadLabels(why) => write!(f, "the label list cannot be used: {why}"),
            Fatal::Malformed(why) => write!(f, "the file is incomplete: {why}"),
            Fatal::NoDocument => write!(f, "the file contains no document"),
        }
    }
}

/// A fault in one part of the file; that part is left out, the rest is imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// An annotation lacks a field or has one of the wrong type.
    Malformed { annotation: String, why: String },
    /// Offsets beyond the end of the text.
    OutsideText { annotation: String, start: usize, end: usize, len: usize },
    /// `start` greater than `end`.
    StartAfterEnd { annotation: String, start: usize, end: usize },
    /// `start` equal to `end`: an annotation must cover something.
    Empty { annotation: String, at: usize },
    /// The stated text is not what the offsets cover.
    TextMismatch { annotation: String, stated: String, found: String },
    /// A label the file's label list does not define.
    UnknownLabel { annotation: String, label: String },
    /// An id used by an earlier annotation.
    DuplicateId { annotation: String },
    /// The same label on the same range as an earlier annotation.
    DuplicateSpan { annotation: String, same_as: String },
    /// More than one document in the file; only the first is opened.
    ExtraDocuments { count: usize },
}

fn clip(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(MAX).collect::<String>())
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Malformed { annotation, why } => write!(f, "annotation {annotation}: {why}"),
            Problem::OutsideText { annotation, start, end, len } => write!(
                f,
                "annotation {annotation}: offsets {start}–{end} reach past the end of the text, which has {len} characters"
            ),
            Problem::StartAfterEnd { annotation, start, end } => {
                write!(f, "annotation {annotation}: its start ({start}) comes after its end ({end})")
            }
            Problem::Empty { annotation, at } => {
                write!(f, "annotation {annotation}: it starts and ends at {at}, so it covers no text")
            }
            Problem::TextMismatch { annotation, stated, found } => write!(
                f,
                "annotation {annotation}: the file says it covers “{}” but the text at its offsets is “{}”",
                clip(stated),
                clip(found)
            ),
            Problem::UnknownLabel { annotation, label } => {
                write!(f, "annotation {annotation}: the label “{label}” is not in the file's label list")
            }
            Problem::DuplicateId { annotation } => {
                write!(f, "annotation {annotation}: another annotation already has this id")
            }
            Problem::DuplicateSpan { annotation, same_as } => {
                write!(f, "annotation {annotation}: same label and offsets as annotation {same_as}")
            }
            Problem::ExtraDocuments { count } => {
                write!(f, "the file holds {count} more documents after the first; only the first is opened")
            }
        }
    }
}

/// What an import produced: the document with every valid annotation, and what was left out.
#[derive(Clone, Debug)]
pub struct Imported {
    pub doc: Document,
    pub problems: Vec<Problem>,
    /// Annotations in the file, valid or not.
    pub total: usize,
}

/// Reads a native file. See the module docs for what is fatal and what is a problem.
pub fn import(content: &str) -> Result<Imported, Fatal> {
    let root: Value = serde_json::from_str(content)
        .map_err(|e| if e.is_syntax() || e.is_eof() { Fatal::NotJson { line: e.line(), column: e.column() } } else { Fatal::UnknownFormat(None) })?;
    let obj = root.as_object().ok_or(Fatal::UnknownFormat(None))?;
    match obj.get("format") {
        Some(Value::String(s)) if s == FORMAT => {}
        Some(Value::String(s)) => return Err(Fatal::UnknownFormat(Some(s.clone()))),
        _ => return Err(Fatal::UnknownFormat(None)),
    }
    match obj.get("version") {
        Some(Value::Number(n)) if n.as_u64() == Some(VERSION) => {}
        Some(v) => return Err(Fatal::UnsupportedVersion(v.to_string())),
        None => return Err(Fatal::Malformed("it has no \"version\"".into())),
    }
    match obj.get("offset_unit") {
        None => {}
        Some(Value::String(u)) if u == OFFSET_UNIT => {}
        Some(Value::String(u)) => return Err(Fatal::UnknownOffsetUnit(u.clone())),
        Some(v) => return Err(Fatal::UnknownOffsetUnit(v.to_string())),
    }
    let labels = read_labels(obj.get("labels"))?;
    let docs = match obj.get("documents") {
        Some(Value::Array(d)) => d,
        _ => return Err(Fatal::Malformed("it has no \"documents\" list".into())),
    };
    let first = docs.first().ok_or(Fatal::NoDocument)?;
    let mut problems = Vec::new();
    if docs.len() > 1 {
        problems.push(Problem::ExtraDocuments { count: docs.len() - 1 });
    }
    let (doc, total) = read_document(first, labels, &mut problems)?;
    Ok(Imported { doc, problems, total })
}

fn read_labels(v: Option<&Value>) -> Result<LabelSet, Fatal> {
    let Some(v) = v else {
        return Ok(LabelSet::standard());
    };
    let list = v.as_array().ok_or_else(|| Fatal::BadLabels("\"labels\" is not a list".into()))?;
    let mut pairs = Vec::with_capacity(list.len());
    for (i, l) in list.iter().enumerate() {
        let name = l
            .get("name")
            .and_then(Value::as_str)
            .ok_or_else(|| Fatal::BadLabels(format!("label number {} has no name", i + 1)))?;
        let color = l.get("color").and_then(Value::as_str).map(str::to_string);
        pairs.push((name.to_string(), color));
    }
    LabelSet::build(pairs).map_err(|e| Fatal::BadLabels(e.to_string()))
}

fn read_document(v: &Value, labels: LabelSet, problems: &mut Vec<Problem>) -> Result<(Document, usize), Fatal> {
    let text = v
        .get("text")
        .and_then(Value::as_str)
        .ok_or_else(|| Fatal::Malformed("the document has no \"text\"".into()))?;
    let title = match v.get("title").and_then(Value::as_str) {
        Some(t) => t.to_string(),
        None => derive_title(text),
    };
    let mut doc = Document::new(&title, text, labels);
    if let Some(id) = v.get("id").and_then(Value::as_str) {
        doc = doc.with_id(id);
    }
    let anns = match v.get("annotations") {
        None => return Ok((doc, 0)),
        Some(Value::Array(a)) => a,
        Some(_) => return Err(Fatal::Malformed("the document's \"annotations\" is not a list".into())),
    };
    let mut spans = Vec::with_capacity(anns.len());
    let mut ids = HashSet::new();
    let mut seen: std::collections::HashMap<(crate::model::LabelId, CharRange), String> = Default::default();
    for (i, a) in anns.iter().enumerate() {
        let name = describe(i, a);
        match read_annotation(&doc, a, &name) {
            Err(p) => problems.push(p),
            Ok(span) => {
                if !ids.insert(span.id().clone()) {
                    problems.push(Problem::DuplicateId { annotation: name });
                } else if let Some(first) = seen.get(&(span.label(), span.range())) {
                    problems.push(Problem::DuplicateSpan { annotation: name, same_as: first.clone() });
                } else {
                    seen.insert((span.label(), span.range()), format!("“{}”", span.id()));
                    spans.push(span);
                }
            }
        }
    }
    // Every span was checked against the text and the labels above.
    let doc = doc.with_spans(spans).map_err(|e| Fatal::Malformed(format!("{e:?}")))?;
    Ok((doc, anns.len()))
}

/// How problems name an annotation: its id if it has one, else its position.
fn describe(i: usize, a: &Value) -> String {
    match a.get("id") {
        Some(Value::String(id)) => format!("“{id}”"),
        Some(Value::Number(n)) => format!("“{n}”"),
        _ => format!("number {}", i + 1),
    }
}

fn read_annotation(doc: &Document, a: &Value, name: &str) -> Result<Span, Problem> {
    let malformed = |why: &str| Problem::Malformed { annotation: name.to_string(), why: why.to_string() };
    let obj = a.as_object().ok_or_else(|| malformed("it is not an object"))?;
    let id = match obj.get("id") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => return Err(malformed("it has no id")),
    };
    let label_name = obj.get("label").and_then(Value::as_str).ok_or_else(|| malformed("it has no label"))?;
    let start = obj.get("start").and_then(Value::as_u64).ok_or_else(|| malformed("its start is not a whole number"))?
        as usize;
    let end = obj.get("end").and_then(Value::as_u64).ok_or_else(|| malformed("its end is not a whole number"))? as usize;
    let annotation = name.to_string();
    let Some(range) = CharRange::new(start, end) else {
        return Err(Problem::StartAfterEnd { annotation, start, end });
    };
    let len = doc.text().len_chars();
    if end > len {
        return Err(Problem::OutsideText { annotation, start, end, len });
    }
    if range.is_empty() {
        return Err(Problem::Empty { annotation, at: start });
    }
    let found = doc.text().slice(range).unwrap_or_default();
    match obj.get("text") {
        None => {}
        Some(Value::String(stated)) if stated == found => {}
        Some(Value::String(stated)) => {
            return Err(Problem::TextMismatch { annotation, stated: stated.clone(), found: found.to_string() })
        }
        Some(_) => return Err(malformed("its text is not a string")),
    }
    let label = doc
        .labels()
        .by_name(label_name)
        .ok_or_else(|| Problem::UnknownLabel { annotation: annotation.clone(), label: label_name.to_string() })?;
    Span::new(SpanId::new(&id), label, range).ok_or(Problem::Empty { annotation, at: start })
}
