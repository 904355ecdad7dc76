//! doccano sequence-labeling JSON Lines, both of doccano's shapes, one document per line.
//!
//! ```json
//! {"id": "doc-…", "text": "Merkel said: …", "label": [[0, 6, "PERSON"], [13, 30, "QUOTE"]], "title": "…"}
//! {"id": 1, "text": "…", "entities": [{"id": 11, "label": "PERSON", "start_offset": 0, "end_offset": 6}],
//!  "relations": [{"id": 5, "from_id": 12, "to_id": 11, "type": "said_by"}], "Comments": []}
//! ```
//!
//! - Export writes the `label` tuple form (the one doccano imports), tuples in text order,
//!   offsets end exclusive, in code points by default (what doccano's Python importer
//!   expects) or in UTF-16 units on request. The title goes in a top-level `title` field,
//!   which doccano keeps as metadata.
//! - A document with relations is written in the `entities` form (tuples have no ids to link):
//!   entities with the span ids, `relations` with `from_id`, `to_id` and `type`.
//! - Not carried: span ids (tuple form), the spans' text (the format has no field for it),
//!   attribute values and notes (counted in the export report), and the label list beyond the
//!   labels that spans use.
//! - Import reads the first non-blank line, in either shape (`label` tuples, or `entities`
//!   with `relations`). doccano does not record its offset unit: its browser UI counts UTF-16
//!   units, its grapheme mode counts grapheme clusters, its Python side counts code points.
//!   Import reads code points and, because spans carry no text to check, looks at where the
//!   spans start and end: when they cut through words or characters as code points but not
//!   when read as UTF-16 units (or bytes, or with CRLF counted once), it offers that
//!   conversion, but only when every span fits that way. The offer is a hint, not proof:
//!   spans that really do cut through words may, rarely, draw one; the import as the file
//!   stands is still there to keep. Grapheme-cluster offsets are not detected.
//! - `relations` are imported (ends by entity id); `Comments` (the document's, not a span's)
//!   are noted, not imported.

use serde::Serialize;
use serde_json::Value;

use super::lost::{all_qualifiers, relation_kinds, schema_lost, span_label_names, Lost};
use super::report::{Fatal, Imported, OffsetUnit, Problem, Reading};
use super::resolve::{
    count, finish, first_json_line, json_id, json_span, RawDoc, RawEnd, RawRelation, RawSpan,
};
use crate::model::Document;

#[derive(Serialize)]
struct WireLine<'a> {
    id: &'a str,
    text: &'a str,
    label: Vec<(usize, usize, &'a str)>,
    title: &'a str,
}

/// The entity form, written when the document has relations (tuples have no ids to link).
#[derive(Serialize)]
struct WireRelLine<'a> {
    id: &'a str,
    text: &'a str,
    entities: Vec<WireEntity<'a>>,
    relations: Vec<WireRel<'a>>,
    title: &'a str,
}

#[derive(Serialize)]
struct WireEntity<'a> {
    id: &'a str,
    label: &'a str,
    start_offset: usize,
    end_offset: usize,
}

#[derive(Serialize)]
struct WireRel<'a> {
    id: &'a str,
    from_id: &'a str,
    to_id: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
}

/// The document as one doccano JSON line with offsets in `unit` (UTF-8 bytes are written as
/// code points: doccano never counts bytes), and what it does not carry.
pub fn export(doc: &Document, unit: OffsetUnit) -> (String, Lost) {
    let text = doc.text();
    let offset = |c: usize| match unit {
        OffsetUnit::Utf16 => text.index().char_to_utf16(text.as_str(), c).unwrap_or(c),
        _ => c,
    };
    let mut out = if doc.relations().is_empty() {
        let line = WireLine {
            id: doc.id(),
            text: text.as_str(),
            label: doc
                .spans()
                .iter()
                .map(|s| {
                    (
                        offset(s.start()),
                        offset(s.end()),
                        doc.labels().name(s.label()),
                    )
                })
                .collect(),
            title: doc.title(),
        };
        serde_json::to_string(&line).unwrap_or_default()
    } else {
        let line = WireRelLine {
            id: doc.id(),
            text: text.as_str(),
            entities: doc
                .spans()
                .iter()
                .map(|s| WireEntity {
                    id: s.id().as_str(),
                    label: doc.labels().name(s.label()),
                    start_offset: offset(s.start()),
                    end_offset: offset(s.end()),
                })
                .collect(),
            relations: doc
                .relations()
                .iter()
                .map(|r| WireRel {
                    id: r.id().as_str(),
                    from_id: r.from().as_str(),
                    to_id: r.to().as_str(),
                    kind: r.kind(),
                })
                .collect(),
            title: doc.title(),
        };
        serde_json::to_string(&line).unwrap_or_default()
    };
    out.push('\n');
    let (attributes, notes, _) = all_qualifiers(doc);
    let lost = Lost {
        labels: schema_lost(doc, span_label_names(doc), &[], &relation_kinds(doc)),
        attributes,
        notes,
        ..Lost::default()
    };
    (out, lost)
}

/// Reads the first document of a doccano JSON Lines file.
pub fn import(content: &str) -> Result<Imported, Fatal> {
    let (v, extra) = first_json_line(content)?;
    let not_this = |why: &str| Fatal::NotThisFormat {
        format: "doccano JSON Lines",
        why: why.to_string(),
    };
    let obj = v
        .as_object()
        .ok_or_else(|| not_this("its first line is not a JSON object"))?;
    let text = obj
        .get("text")
        .and_then(Value::as_str)
        .ok_or_else(|| not_this("its first line has no \"text\""))?;
    let mut raw = RawDoc::new(text.to_string());
    raw.reading = Reading::CODE_POINTS;
    raw.id = json_id(obj.get("id"));
    raw.title = obj
        .get("title")
        .or_else(|| obj.get("meta").and_then(|m| m.get("title")))
        .and_then(Value::as_str)
        .map(str::to_string);
    if extra > 0 {
        raw.problems.push(Problem::ExtraDocuments { count: extra });
    }
    if let Some(list) = obj.get("label") {
        let list = list
            .as_array()
            .ok_or_else(|| Fatal::Malformed("\"label\" is not a list".into()))?;
        raw.entries = list.iter().enumerate().map(|(i, t)| tuple(t, i)).collect();
    } else if let Some(list) = obj.get("entities") {
        let list = list
            .as_array()
            .ok_or_else(|| Fatal::Malformed("\"entities\" is not a list".into()))?;
        raw.entries = list
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let id = json_id(e.get("id"));
                let name = id
                    .as_ref()
                    .map_or_else(|| format!("number {}", i + 1), |id| format!("“{id}”"));
                json_span(e, name, ("start_offset", "end_offset", "label"), None, id)
            })
            .collect();
    }
    match obj.get("relations") {
        None | Some(Value::Null) => {}
        Some(Value::Array(list)) => {
            raw.relations = list
                .iter()
                .enumerate()
                .map(|(i, r)| relation(r, i))
                .collect();
        }
        Some(_) => return Err(Fatal::Malformed("\"relations\" is not a list".into())),
    }
    if let Some(Value::Array(r)) = obj.get("Comments") {
        if !r.is_empty() {
            raw.notes.push(format!(
                "{} not imported: doccano comments belong to the document, Article Annotator's notes to annotations",
                count(r.len(), "comment")
            ));
        }
    }
    finish(raw)
}

/// One `{"id", "from_id", "to_id", "type"}` relation.
fn relation(r: &Value, i: usize) -> Result<RawRelation, Problem> {
    let id = json_id(r.get("id"));
    let name = id
        .as_ref()
        .map_or_else(|| format!("number {}", i + 1), |id| format!("“{id}”"));
    let (Some(from), Some(to), Some(kind)) = (
        json_id(r.get("from_id")),
        json_id(r.get("to_id")),
        r.get("type").and_then(Value::as_str),
    ) else {
        return Err(Problem::BadRelation {
            relation: name,
            why: "it needs a \"from_id\", a \"to_id\" and a \"type\"".into(),
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

/// One `[start, end, "label"]` tuple.
fn tuple(t: &Value, i: usize) -> Result<RawSpan, Problem> {
    let name = format!("number {}", i + 1);
    let bad = || Problem::Malformed {
        annotation: name.clone(),
        why: "it is not a [start, end, \"label\"] list".into(),
    };
    let a = t.as_array().filter(|a| a.len() == 3).ok_or_else(bad)?;
    let (Some(start), Some(end), Some(label)) = (a[0].as_u64(), a[1].as_u64(), a[2].as_str())
    else {
        return Err(bad());
    };
    Ok(RawSpan {
        name,
        id: None,
        label: label.to_string(),
        start,
        end,
        stated: None,
        located: false,
        ..RawSpan::default()
    })
}
