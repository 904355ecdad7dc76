//! Wire formats: serde types kept apart from the model types, each module documenting its
//! fields, its offset unit and what it drops. This file is the facade the UI calls:
//! [`detect`] a file's format, [`import_as`] a format, [`export_as`] a format.
//!
//! | format | module | offsets | carries | drops (and says so) |
//! |---|---|---|---|---|
//! | Article Annotator JSON | [`native`] | code points, or UTF-16 on request | everything | nothing |
//! | span JSONL (spaCy, Prodigy, HF `datasets`) | [`jsonl`] | code points | text, spans, title, doc id, attributes and notes in each span, Prodigy `relations` | unused labels, label colours, attribute definitions |
//! | doccano JSONL | [`doccano`] | code points, or UTF-16 on request | text, spans, title, doc id, `relations` | unused labels, label colours, attributes, notes |
//! | Label Studio JSON | [`label_studio`] | code points | text, spans with ids, title, doc id, per-region `choices`/`textarea` (attributes, notes), `relation` results | unused labels, label colours, attribute definitions (a flag comes back a yes/no choice) |
//! | brat standoff (zip) | [`brat`] | code points | text, spans, labels and colours (conf files), `A` attributes, `#` notes, `R` relations, their definitions in `annotation.conf` | the title, “no” flags, free-text values |
//! | W3C Web Annotation | [`w3c`] | code points | text, spans with ids, title, `classifying`/`describing`/`commenting` bodies, `linking` annotations | unused labels, label colours, attribute definitions |
//! | CoNLL / IOB2 | [`conll`] | token indices | tokens, non-overlapping token-aligned spans | overlapping and misaligned spans, white space, title, unused labels, attributes, notes, relations |
//!
//! Attribute values, notes and relations a format cannot carry are counted in its export
//! report ([`Lost`]). Import reads them through the shared pipeline (`resolve`): relations
//! are resolved after the spans, against the spans kept; one whose end is missing, whose type
//! the file's schema does not define or does not allow between the two labels is a
//! [`Problem`]. Formats without a schema get their attribute definitions inferred from the
//! values and their relation types (each linking any two spans) from the relations.
//!
//! Whole collections (many documents per file, with per-document metadata) go through
//! [`multi`]: [`import_all`] and [`export_all`].
//!
//! Nothing here touches the browser: the UI reads files into strings and hands them in, and
//! downloads the bytes that come back.

pub mod annotator;
pub mod brat;
pub mod conll;
pub mod doccano;
mod identity;
pub mod jsonl;
pub mod label_studio;
pub mod limits;
pub mod lost;
pub mod multi;
pub mod native;
pub mod native_review;
pub mod qualifiers;
mod quote;
pub mod relabel;
pub mod relink;
pub mod report;
mod resolve;
mod review_wire;
mod stated;
pub mod store;
pub mod store_list;
pub mod store_review;
pub mod texts;
pub mod w3c;
pub mod workflow;
pub mod zip;

use serde_json::Value;

pub use lost::Lost;
pub use multi::{export_all, import_all};
pub use report::{Fatal, Imported, Newlines, OffsetUnit, Problem, Reading, Repair};

use crate::model::title::slug;
use crate::model::Document;

/// The formats the app reads and writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FormatKind {
    Native,
    Jsonl,
    Doccano,
    LabelStudio,
    Brat,
    W3c,
    Conll,
}

impl FormatKind {
    /// Every format, in the order a menu lists them.
    pub const ALL: [FormatKind; 7] = [
        FormatKind::Native,
        FormatKind::Jsonl,
        FormatKind::Doccano,
        FormatKind::LabelStudio,
        FormatKind::Brat,
        FormatKind::W3c,
        FormatKind::Conll,
    ];

    /// The name a person knows the format by.
    pub fn name(self) -> &'static str {
        match self {
            FormatKind::Native => "Article Annotator JSON",
            FormatKind::Jsonl => "JSONL (spaCy, Prodigy, Hugging Face)",
            FormatKind::Doccano => "doccano JSONL",
            FormatKind::LabelStudio => "Label Studio JSON",
            FormatKind::Brat => "brat standoff",
            FormatKind::W3c => "W3C Web Annotation (JSON-LD)",
            FormatKind::Conll => "CoNLL / IOB2",
        }
    }

    /// The extension of the exported file, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            FormatKind::Native | FormatKind::LabelStudio => "json",
            FormatKind::Jsonl | FormatKind::Doccano => "jsonl",
            FormatKind::Brat => "zip",
            FormatKind::W3c => "jsonld",
            FormatKind::Conll => "conll",
        }
    }

    /// The MIME type of the exported file.
    pub fn mime(self) -> &'static str {
        match self {
            FormatKind::Native | FormatKind::LabelStudio => "application/json",
            FormatKind::Jsonl | FormatKind::Doccano => "application/jsonl",
            FormatKind::Brat => "application/zip",
            FormatKind::W3c => "application/ld+json",
            FormatKind::Conll => "text/plain",
        }
    }

    /// The exported file's name for a document titled `title`: `<slug>.<what>.<extension>`.
    pub fn file_name(self, title: &str) -> String {
        let what = match self {
            FormatKind::Native => "annotations",
            FormatKind::Jsonl => "spans",
            FormatKind::Doccano => "doccano",
            FormatKind::LabelStudio => "label-studio",
            FormatKind::Brat => "brat",
            FormatKind::W3c => "w3c",
            FormatKind::Conll => "iob2",
        };
        format!("{}.{what}.{}", slug(title), self.extension())
    }

    /// True for formats that carry every span of any document.
    pub fn keeps_every_span(self) -> bool {
        self != FormatKind::Conll
    }
}

/// Choices for an export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExportOptions {
    /// Offset unit for the formats that offer one (native, doccano); the others always write
    /// their format's own unit.
    pub offset_unit: OffsetUnit,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            offset_unit: OffsetUnit::CodePoint,
        }
    }
}

/// An export: the files to download (one; brat's several come zipped), and what the format
/// could not carry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exported {
    /// `(file name, content)`.
    pub files: Vec<(String, Vec<u8>)>,
    /// Plain-words notes of what the format could not carry; empty when nothing was lost.
    pub dropped: Vec<String>,
    /// The same losses as data.
    pub lost: Lost,
}

/// Writes `doc` in `kind`.
pub fn export_as(kind: FormatKind, doc: &Document, opts: &ExportOptions) -> Exported {
    let name = kind.file_name(doc.title());
    let one = |content: String, lost: Lost| (vec![(name.clone(), content.into_bytes())], lost);
    let (files, lost) = match kind {
        FormatKind::Native => one(native::export_with(doc, opts.offset_unit), Lost::default()),
        FormatKind::Jsonl => {
            let (c, l) = jsonl::export(doc);
            one(c, l)
        }
        FormatKind::Doccano => {
            let (c, l) = doccano::export(doc, opts.offset_unit);
            one(c, l)
        }
        FormatKind::LabelStudio => {
            let (c, l) = label_studio::export(doc);
            one(c, l)
        }
        FormatKind::W3c => {
            let (c, l) = w3c::export(doc);
            one(c, l)
        }
        FormatKind::Conll => {
            let (c, l) = conll::export(doc);
            one(c, l)
        }
        FormatKind::Brat => {
            let (files, lost) = brat::export(doc);
            (vec![(name.clone(), zip::write(&files))], lost)
        }
    };
    let dropped = lost.notes(doc, kind.name());
    Exported {
        files,
        dropped,
        lost,
    }
}

/// Reads `files` (`(name, content)`) as `kind`: one document, the first when the file holds
/// several. brat wants its `.ann` and `.txt` (and optionally its `.conf` files); W3C takes an
/// optional `.txt` with the text; the other formats read the first file.
pub fn import_as(kind: FormatKind, files: &[(String, String)]) -> Result<Imported, Fatal> {
    let first = || {
        files
            .first()
            .map(|(_, c)| c.as_str())
            .ok_or(Fatal::NoDocument)
    };
    match kind {
        FormatKind::Native => native::import(first()?),
        FormatKind::Jsonl => jsonl::import(first()?),
        FormatKind::Doccano => doccano::import(first()?),
        FormatKind::LabelStudio => label_studio::import(first()?),
        FormatKind::Conll => conll::import(first()?),
        FormatKind::Brat => brat::import(files),
        FormatKind::W3c => w3c::import(files),
    }
}

/// The format a file appears to be in, from its content (and its name where the content
/// alone cannot tell); `None` when it looks like none of them.
pub fn detect(file_name: &str, content: &str) -> Option<FormatKind> {
    let ext = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let body = content.trim_start_matches('\u{feff}').trim_start();
    if ext == "ann" || looks_like_brat(body) {
        return Some(FormatKind::Brat);
    }
    if body.starts_with('{') || body.starts_with('[') {
        if let Ok(v) = serde_json::from_str::<Value>(body) {
            return classify_json(&v);
        }
        let first = body.lines().next().unwrap_or_default();
        return serde_json::from_str::<Value>(first)
            .ok()
            .as_ref()
            .and_then(classify_record);
    }
    if looks_like_conll(body) {
        return Some(FormatKind::Conll);
    }
    None
}

fn classify_json(v: &Value) -> Option<FormatKind> {
    let w3c_type = |o: &Value| {
        let t = o.get("type").or_else(|| o.get("@type"));
        let names = [
            "Annotation",
            "AnnotationCollection",
            "AnnotationPage",
            "oa:Annotation",
        ];
        match t {
            Some(Value::String(s)) => names.contains(&s.as_str()),
            Some(Value::Array(a)) => a
                .iter()
                .any(|s| s.as_str().is_some_and(|s| names.contains(&s))),
            _ => false,
        }
    };
    match v {
        Value::Object(o) => {
            if o.get("format").and_then(Value::as_str) == Some(native::FORMAT) {
                Some(FormatKind::Native)
            } else if o.contains_key("@context") || w3c_type(v) {
                Some(FormatKind::W3c)
            } else if o.get("data").is_some_and(Value::is_object) {
                Some(FormatKind::LabelStudio)
            } else {
                classify_record(v)
            }
        }
        Value::Array(items) => {
            let first = items.first()?;
            if first.get("data").is_some_and(Value::is_object) {
                Some(FormatKind::LabelStudio)
            } else if w3c_type(first) || first.get("target").is_some() {
                Some(FormatKind::W3c)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// One JSON Lines record: span JSONL or doccano.
fn classify_record(v: &Value) -> Option<FormatKind> {
    let o = v.as_object()?;
    if o.contains_key("spans") {
        Some(FormatKind::Jsonl)
    } else if o.get("label").is_some_and(Value::is_array)
        || o.get("entities").is_some_and(Value::is_array)
    {
        Some(FormatKind::Doccano)
    } else if o.get("text").is_some_and(Value::is_string) {
        Some(FormatKind::Jsonl)
    } else {
        None
    }
}

/// A first line like `T1<TAB>PERSON 0 6<TAB>Merkel`.
fn looks_like_brat(body: &str) -> bool {
    let Some(line) = body.lines().next() else {
        return false;
    };
    let mut cols = line.split('\t');
    let (Some(id), Some(middle)) = (cols.next(), cols.next()) else {
        return false;
    };
    // By `char`, not by byte: the first field may be any word (`Москва` in a CoNLL file).
    let mut chars = id.chars();
    let kind_ok = chars.next().is_some_and(|c| "TRAMNE#".contains(c));
    let number = chars.as_str();
    let id_ok = kind_ok && !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit());
    id_ok && middle.contains(' ')
}

/// A `-DOCSTART-` line first, or lines that mostly end in an IOB tag.
fn looks_like_conll(body: &str) -> bool {
    let lines: Vec<&str> = body
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(50)
        .collect();
    if lines.first().is_some_and(|l| l.starts_with("-DOCSTART-")) {
        return true;
    }
    let tagged = lines
        .iter()
        .filter(|l| {
            let cols: Vec<&str> = l.split_whitespace().collect();
            cols.len() >= 2 && {
                let tag = cols[cols.len() - 1];
                tag == "O"
                    || tag
                        .split_once('-')
                        .is_some_and(|(p, l)| ["B", "I", "E", "S"].contains(&p) && !l.is_empty())
            }
        })
        .count();
    !lines.is_empty() && tagged * 10 >= lines.len() * 8
}
