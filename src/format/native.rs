//! The native JSON format, `article-annotator` version 1: what "Export JSON" writes, what
//! "Import JSON" reads, and what the browser keeps in storage.
//!
//! ```json
//! {
//!   "format": "article-annotator",
//!   "version": 1,
//!   "offset_unit": "codepoint",
//!   "annotator": "Ada",
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
//! - On request ([`export_with`]) the offsets count UTF-16 code units instead, for JavaScript
//!   consumers (`text.slice(start, end)`), and `offset_unit` says `"utf16"`. Import reads both
//!   units and refuses any other rather than guess.
//! - Annotations are written in text order (start, then the longer first).
//! - `annotator` (optional) names who made the annotations; an export writes it only when it is
//!   set, and files without it stay valid. [`import_all`] reads it with every document of the
//!   file, for agreement between annotators (`annotate agree`).
//! - Review (optional, see [`super::review_wire`]): on an annotation `provenance` and
//!   `comment`; on a document `layers` (other annotators' or a model's spans), `review` (the
//!   merge threshold and the conflicts with what was decided) and `needs_work`. [`import`]
//!   opens the gold annotations and leaves these to `native_review::import`.
//! - Attributes, notes and relations (optional; see [`super::qualifiers`] for the shapes): a
//!   label's `attributes` (definitions), the top-level `relations` (relation types, written
//!   only when they differ from those a set of these labels starts with), an annotation's
//!   `attrs` and `note`, a document's `relations` (`{"id", "type", "from", "to"}`, by
//!   annotation id). Import reads them through the shared pipeline: a relation whose end is
//!   not an imported annotation, whose type the file does not define or that its type does not
//!   allow between the two labels is a [`Problem`]; an attribute value its definition does not
//!   take is left out and reported, the annotation kept.
//! - Nothing of the document is dropped; the undo history is not part of the format.
//! - The JSON Schema is `schema/article-annotator.v1.schema.json`.
//!
//! Import keeps what is valid and reports the rest: a file-level fault ([`Fatal`]) stops the
//! import, a fault in one annotation ([`Problem`]) drops that annotation and is listed. When
//! annotations only match their `text` with the offsets read in another unit, the import
//! offers that conversion ([`super::report::Repair`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::qualifiers::{
    attrs_to_wire, relation_types_of, WireAttrDef, WireRelation, WireRelationType, WireValue,
};
pub use super::report::{Fatal, Imported, Problem};
use super::report::{OffsetUnit, Reading};
use super::resolve::{finish, RawDoc, RawEnd, RawRelation, RawSpan, RawValue};
pub use super::review_wire::{WireLayer, WireNeedsWork, WireProvenance, WireReview};
use super::stated::Covered;
use crate::model::attribute::AttrDef;
use crate::model::label::{LabelSet, LabelSpec};
use crate::model::relation::RelationType;
use crate::model::{CharRange, Document, Span, SpanId};

pub use super::identity::{FORMAT, VERSION};
pub const OFFSET_UNIT: &str = "codepoint";
/// `offset_unit` of an export whose offsets count UTF-16 code units.
pub const OFFSET_UNIT_UTF16: &str = "utf16";

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct WireFile {
    pub format: String,
    pub version: u64,
    pub offset_unit: String,
    /// Who made the annotations; absent when not set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotator: Option<String>,
    pub labels: Vec<WireLabel>,
    /// The relation types; absent when they are the ones a label set of these labels starts
    /// with (`LabelSet::from_specs`), which is what an import then gives it.
    #[serde(default, rename = "relations", skip_serializing_if = "Option::is_none")]
    pub relation_types: Option<Vec<WireRelationType>>,
    pub documents: Vec<WireDocument>,
    /// How a dataset export split the corpus, in each split's file; absent otherwise. Written
    /// only: `multi::import_all` reads it from the JSON tree, and the one typed reader
    /// (`import_own`) has no use for it, which keeps its parser out of the app (1.6 KB gzipped
    /// with `meta`).
    #[serde(default, skip_serializing_if = "Option::is_none", skip_deserializing)]
    pub split: Option<WireSplit>,
}

/// The split a file of a dataset export belongs to, and how to reproduce it
/// (`corpus::split` documents the procedure).
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct WireSplit {
    /// `train`, `dev` or `test`.
    pub name: String,
    pub seed: u64,
    /// The weights of train, dev and test, as the user gave them (`[80, 10, 10]`).
    pub proportions: [u64; 3],
    pub stratified: bool,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct WireLabel {
    pub name: String,
    /// `1`–`9` or a letter; empty for a label past the last hotkey.
    pub hotkey: String,
    pub color: String,
    /// The label's guideline; absent when empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The attributes a span of the label can carry; absent when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<WireAttrDef>,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct WireDocument {
    pub id: String,
    pub title: String,
    pub text: String,
    pub annotations: Vec<WireAnnotation>,
    /// Per-document metadata (source, url, date, external ids); absent when empty. Written
    /// only, like [`WireFile::split`]: `multi::import_all` reads it from the JSON tree.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        skip_deserializing
    )]
    pub meta: BTreeMap<String, String>,
    /// Review: the other layers of the document (see [`super::review_wire`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub layers: Vec<WireLayer>,
    /// Review: the threshold and the conflicts with what was decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<WireReview>,
    /// Review: the annotators the document was sent back to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub needs_work: Vec<WireNeedsWork>,
    /// Links between the document's annotations, by annotation id; absent when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<WireRelation>,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct WireAnnotation {
    pub id: String,
    pub label: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Review: who proposed the span and how it got into gold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<WireProvenance>,
    /// Review: the reviewer's comment on the span.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Attribute values by name (a flag as a boolean); absent when none.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attrs: BTreeMap<String, WireValue>,
    /// The annotator's note; absent when none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The wire form of a document, offsets in code points.
pub fn to_wire(doc: &Document) -> WireFile {
    to_wire_in(doc, OffsetUnit::CodePoint)
}

/// The wire form of a document with offsets in `unit` (code points or UTF-16 units; UTF-8
/// bytes are not a unit of this format and are written as code points).
pub fn to_wire_in(doc: &Document, unit: OffsetUnit) -> WireFile {
    let text = doc.text();
    let utf16 = unit == OffsetUnit::Utf16;
    let offset = |c: usize| {
        if utf16 {
            text.index().char_to_utf16(text.as_str(), c).unwrap_or(c)
        } else {
            c
        }
    };
    let labels = doc
        .labels()
        .iter()
        .map(|(_, l)| WireLabel {
            name: l.name.to_string(),
            hotkey: l.hotkey.map(String::from).unwrap_or_default(),
            color: l.color.to_string(),
            description: l.description.to_string(),
            attributes: l.attributes.iter().map(WireAttrDef::of).collect(),
        })
        .collect();
    let annotations = doc
        .spans()
        .iter()
        .map(|s| WireAnnotation {
            id: s.id().to_string(),
            label: doc.labels().name(s.label()).to_string(),
            start: offset(s.start()),
            end: offset(s.end()),
            text: doc.covered(s).to_string(),
            provenance: None,
            comment: None,
            attrs: attrs_to_wire(s.attrs()),
            note: s.note().map(str::to_string),
        })
        .collect();
    WireFile {
        format: FORMAT.into(),
        version: VERSION,
        offset_unit: if utf16 {
            OFFSET_UNIT_UTF16
        } else {
            OFFSET_UNIT
        }
        .into(),
        annotator: None,
        labels,
        relation_types: own_relation_types(doc.labels()),
        documents: vec![WireDocument {
            id: doc.id().into(),
            title: doc.title().into(),
            text: doc.text().as_str().into(),
            annotations,
            meta: BTreeMap::new(),
            layers: Vec::new(),
            review: None,
            needs_work: Vec::new(),
            relations: doc.relations().iter().map(WireRelation::of).collect(),
        }],
        split: None,
    }
}

/// The relation types to write: `None` when they are the ones a set of these labels starts
/// with, so files without relations read and write as before.
fn own_relation_types(labels: &LabelSet) -> Option<Vec<WireRelationType>> {
    let default = LabelSet::from_specs(labels.specs()).ok();
    let same = default.is_some_and(|d| d.relation_types() == labels.relation_types());
    (!same).then(|| relation_types_of(labels))
}

/// The export file's content, pretty-printed.
pub fn export(doc: &Document) -> String {
    export_with(doc, OffsetUnit::CodePoint)
}

/// The export file's content with offsets in `unit`, pretty-printed.
pub fn export_with(doc: &Document, unit: OffsetUnit) -> String {
    // Serialising plain structs of strings and integers cannot fail.
    serde_json::to_string_pretty(&to_wire_in(doc, unit)).unwrap_or_default()
}

/// Reads a native file. See the module docs for what is fatal and what is a problem.
pub fn import(content: &str) -> Result<Imported, Fatal> {
    // A file this app wrote (every page load reads one back from storage) takes the typed path;
    // anything unusual goes through every check, which names every problem.
    match import_own(content) {
        Some(imported) => Ok(imported),
        None => import_checked(content),
    }
}

/// The general import: reads any native file through a JSON tree and checks everything,
/// listing each problem. [`import`] uses it whenever its typed path does not apply.
pub fn import_checked(content: &str) -> Result<Imported, Fatal> {
    let root = json_tree(content)?;
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
    let reading = match obj.get("offset_unit") {
        None => Reading::CODE_POINTS,
        Some(Value::String(u)) if u == OFFSET_UNIT => Reading::CODE_POINTS,
        Some(Value::String(u)) if u == OFFSET_UNIT_UTF16 => Reading::UTF16,
        Some(Value::String(u)) => return Err(Fatal::UnknownOffsetUnit(u.clone())),
        Some(v) => return Err(Fatal::UnknownOffsetUnit(v.to_string())),
    };
    let labels = read_labels(obj.get("labels"))?;
    let types = read_relation_types(obj.get("relations"))?;
    let docs = match obj.get("documents") {
        Some(Value::Array(d)) => d,
        _ => return Err(Fatal::Malformed("it has no \"documents\" list".into())),
    };
    let first = docs.first().ok_or(Fatal::NoDocument)?;
    let mut raw = read_document(first, labels)?;
    if docs.len() > 1 {
        raw.problems.push(Problem::ExtraDocuments {
            count: docs.len() - 1,
        });
    }
    raw.reading = reading;
    raw.types = types;
    finish(raw)
}

/// The file as a JSON tree, a leading byte order mark read past (detection calls such a file
/// native, so the import must read it too).
fn json_tree(content: &str) -> Result<Value, Fatal> {
    serde_json::from_str(without_bom(content)).map_err(|e| {
        if e.is_syntax() || e.is_eof() {
            Fatal::NotJson {
                line: e.line(),
                column: e.column(),
            }
        } else {
            Fatal::UnknownFormat(None)
        }
    })
}

/// The content after any byte order mark an editor put before it.
fn without_bom(content: &str) -> &str {
    content.trim_start_matches('\u{feff}')
}

/// Every document of a native file, and who annotated them.
#[derive(Clone, Debug)]
pub struct NativeFile {
    /// The file's `annotator`, when it names one.
    pub annotator: Option<String>,
    /// Each document in file order, with what its import left out.
    pub documents: Vec<Imported>,
}

/// Reads every document of a native file (where [`import`] opens the first), each through
/// [`import`]'s checks, and the file's `annotator`. A fault in any document stops the whole
/// read and names the document.
pub fn import_all(content: &str) -> Result<NativeFile, Fatal> {
    let mut root = json_tree(content)?;
    let annotator = root
        .get("annotator")
        .and_then(Value::as_str)
        .filter(|a| !a.is_empty())
        .map(str::to_string);
    let docs = match root.get_mut("documents").map(Value::take) {
        Some(Value::Array(docs)) if docs.len() > 1 => docs,
        // One document (or a malformed list): exactly what `import` reads and reports.
        _ => {
            return Ok(NativeFile {
                annotator,
                documents: vec![import(content)?],
            })
        }
    };
    // Each document alone in a copy of the file, so it passes every check `import` makes.
    let mut documents = Vec::with_capacity(docs.len());
    for (i, doc) in docs.into_iter().enumerate() {
        if let Some(slot) = root.get_mut("documents") {
            *slot = Value::Array(vec![doc]);
        }
        let one = serde_json::to_string(&root).unwrap_or_default();
        let imported = import(&one).map_err(|e| match e {
            Fatal::Malformed(why) => Fatal::Malformed(format!("{why} (document number {})", i + 1)),
            other => other,
        })?;
        documents.push(imported);
    }
    Ok(NativeFile {
        annotator,
        documents,
    })
}

/// Reads a file that is exactly what [`export`] writes (code point offsets, one document, every
/// annotation valid), straight into typed structs: no JSON tree, no problem reports. `None` as
/// soon as anything differs, and the caller falls back to the general import, so the result is
/// the same either way (the round-trip tests check both paths).
fn import_own(content: &str) -> Option<Imported> {
    use std::collections::HashSet;
    let file: WireFile = serde_json::from_str(without_bom(content)).ok()?;
    if file.format != FORMAT
        || file.version != VERSION
        || file.offset_unit != OFFSET_UNIT
        || file.documents.len() != 1
        || file.relation_types.is_some()
        || file.labels.iter().any(|l| !l.attributes.is_empty())
        || file.documents.iter().any(|d| {
            !d.relations.is_empty()
                || d.annotations
                    .iter()
                    .any(|a| !a.attrs.is_empty() || a.note.is_some())
        })
    {
        // Attributes, notes and relations take the checked path, which reports each misfit.
        return None;
    }
    let labels = LabelSet::from_specs(
        file.labels
            .into_iter()
            .map(|l| LabelSpec {
                name: l.name,
                color: Some(l.color),
                description: l.description,
                ..LabelSpec::default()
            })
            .collect(),
    )
    .ok()?;
    let d = file.documents.into_iter().next()?;
    if d.id.is_empty() {
        return None;
    }
    let doc = Document::new(&d.title, &d.text, labels).with_id(&d.id);
    let total = d.annotations.len();
    let mut spans = Vec::with_capacity(total);
    let (mut ids, mut seen) = (HashSet::with_capacity(total), HashSet::with_capacity(total));
    let text = doc.text();
    let covered = Covered::new(text.as_str());
    // A span across a grapheme cluster is kept but listed: the checked path lists it.
    let on_edge = |at: usize| {
        text.byte_of(at)
            .is_some_and(|b| covered.on_grapheme_boundary(b))
    };
    for a in d.annotations {
        let range = CharRange::new(a.start, a.end).filter(|r| !r.is_empty())?;
        let label = doc.labels().by_name(&a.label)?;
        if a.id.is_empty()
            || doc.text().slice(range)? != a.text
            || !seen.insert((label, range))
            || !on_edge(a.start)
            || !on_edge(a.end)
        {
            return None;
        }
        let span = Span::new(SpanId::new(&a.id), label, range)?;
        if !ids.insert(a.id) {
            return None;
        }
        spans.push(span);
    }
    let doc = doc.with_spans(spans).ok()?;
    Some(Imported::clean(doc, total))
}

fn read_labels(v: Option<&Value>) -> Result<LabelSet, Fatal> {
    let Some(v) = v else {
        return Ok(LabelSet::standard());
    };
    let list = v
        .as_array()
        .ok_or_else(|| Fatal::BadLabels("\"labels\" is not a list".into()))?;
    let mut pairs = Vec::with_capacity(list.len());
    for (i, l) in list.iter().enumerate() {
        let name = l
            .get("name")
            .and_then(Value::as_str)
            .ok_or_else(|| Fatal::BadLabels(format!("label number {} has no name", i + 1)))?;
        let color = l.get("color").and_then(Value::as_str).map(str::to_string);
        let description = l
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let attributes = read_attribute_defs(l.get("attributes"), name)?;
        pairs.push(LabelSpec {
            name: name.to_string(),
            color,
            description,
            attributes,
        });
    }
    LabelSet::from_specs(pairs).map_err(|e| Fatal::BadLabels(e.to_string()))
}

/// A label's `attributes` list; absent is none.
fn read_attribute_defs(v: Option<&Value>, label: &str) -> Result<Vec<AttrDef>, Fatal> {
    let Some(v) = v.filter(|v| !v.is_null()) else {
        return Ok(Vec::new());
    };
    let bad = |why: String| Fatal::BadLabels(format!("the label “{label}”: {why}"));
    let list = v
        .as_array()
        .ok_or_else(|| bad("its \"attributes\" is not a list".into()))?;
    list.iter()
        .enumerate()
        .map(|(i, a)| {
            serde_json::from_value::<WireAttrDef>(a.clone())
                .ok()
                .and_then(|w| w.to_def())
                .ok_or_else(|| bad(format!("its attribute number {} needs a name and a kind (flag, choice with values, or text)", i + 1)))
        })
        .collect()
}

/// The file's `relations` (relation types); `None` when absent, and the label set keeps the
/// types it starts with.
fn read_relation_types(v: Option<&Value>) -> Result<Option<Vec<RelationType>>, Fatal> {
    let Some(v) = v.filter(|v| !v.is_null()) else {
        return Ok(None);
    };
    let list = v
        .as_array()
        .ok_or_else(|| Fatal::BadLabels("\"relations\" is not a list of relation types".into()))?;
    list.iter()
        .enumerate()
        .map(|(i, t)| {
            serde_json::from_value::<WireRelationType>(t.clone())
                .ok()
                .filter(|w| !w.name.trim().is_empty())
                .map(|w| w.to_type())
                .ok_or_else(|| {
                    Fatal::BadLabels(format!(
                        "relation type number {} needs a name (and, optionally, a list of label pairs)",
                        i + 1
                    ))
                })
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

fn read_document(v: &Value, labels: LabelSet) -> Result<RawDoc, Fatal> {
    let text = v
        .get("text")
        .and_then(Value::as_str)
        .ok_or_else(|| Fatal::Malformed("the document has no \"text\"".into()))?;
    let mut raw = RawDoc::new(text.to_string());
    raw.labels = Some(labels);
    raw.title = v.get("title").and_then(Value::as_str).map(str::to_string);
    raw.id = v.get("id").and_then(Value::as_str).map(str::to_string);
    let anns = match v.get("annotations") {
        None => return Ok(raw),
        Some(Value::Array(a)) => a,
        Some(_) => {
            return Err(Fatal::Malformed(
                "the document's \"annotations\" is not a list".into(),
            ))
        }
    };
    raw.entries = anns
        .iter()
        .enumerate()
        .map(|(i, a)| read_annotation(a, describe(i, a)))
        .collect();
    raw.relations = match v.get("relations") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(list)) => list
            .iter()
            .enumerate()
            .map(|(i, r)| read_relation(r, i))
            .collect(),
        Some(_) => {
            return Err(Fatal::Malformed(
                "the document's \"relations\" is not a list".into(),
            ))
        }
    };
    Ok(raw)
}

/// How problems name an annotation: its id if it has one, else its position.
fn describe(i: usize, a: &Value) -> String {
    match a.get("id") {
        Some(Value::String(id)) => format!("“{id}”"),
        Some(Value::Number(n)) => format!("“{n}”"),
        _ => format!("number {}", i + 1),
    }
}

fn read_annotation(a: &Value, name: String) -> Result<RawSpan, Problem> {
    let malformed = |why: &str| Problem::Malformed {
        annotation: name.clone(),
        why: why.to_string(),
    };
    let obj = a
        .as_object()
        .ok_or_else(|| malformed("it is not an object"))?;
    let id = match obj.get("id") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => return Err(malformed("it has no id")),
    };
    let label = obj
        .get("label")
        .and_then(Value::as_str)
        .ok_or_else(|| malformed("it has no label"))?;
    let start = obj
        .get("start")
        .and_then(Value::as_u64)
        .ok_or_else(|| malformed("its start is not a whole number"))?;
    let end = obj
        .get("end")
        .and_then(Value::as_u64)
        .ok_or_else(|| malformed("its end is not a whole number"))?;
    let stated = match obj.get("text") {
        None => None,
        Some(Value::String(t)) => Some(t.as_str().into()),
        Some(_) => return Err(malformed("its text is not a string")),
    };
    let attrs = match obj.get("attrs") {
        None | Some(Value::Null) => Vec::new(),
        Some(v) => {
            RawValue::map_from_json(v).ok_or_else(|| malformed("its attrs is not an object"))?
        }
    };
    let note = match obj.get("note") {
        None | Some(Value::Null) => None,
        Some(Value::String(t)) => Some(t.clone()),
        Some(_) => return Err(malformed("its note is not a string")),
    };
    Ok(RawSpan {
        name,
        id: Some(id),
        label: label.to_string(),
        start,
        end,
        stated,
        located: false,
        attrs,
        note,
    })
}

/// One relation: `{"id", "type", "from", "to"}`, the ends by annotation id.
fn read_relation(r: &Value, i: usize) -> Result<RawRelation, Problem> {
    let id = super::resolve::json_id(r.get("id"));
    let name = id
        .as_ref()
        .map_or_else(|| format!("number {}", i + 1), |id| format!("“{id}”"));
    let field = |k: &str| super::resolve::json_id(r.get(k));
    let (Some(kind), Some(from), Some(to)) = (
        r.get("type").and_then(Value::as_str),
        field("from"),
        field("to"),
    ) else {
        return Err(Problem::BadRelation {
            relation: name,
            why: "it needs a \"type\" and the ids of the annotations it links (\"from\", \"to\")"
                .into(),
        });
    };
    Ok(RawRelation {
        name,
        id,
        kind: kind.to_string(),
        from: RawEnd::Id(from),
        to: RawEnd::Id(to),
    })
}
