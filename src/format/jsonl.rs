//! Span JSON Lines, the Prodigy / spaCy shape that Hugging Face `datasets` loads as is:
//! one document per line.
//!
//! ```json
//! {"id": "doc-…", "text": "Merkel said: …", "spans": [{"start": 0, "end": 6, "label": "PERSON", "text": "Merkel"}], "meta": {"title": "…"}}
//! ```
//!
//! - `start`/`end` count Unicode code points (Python `str` indices), end exclusive; `text`
//!   is `text[start:end]`. spaCy: `doc.char_span(start, end, label)`.
//! - Spans may overlap and nest (they belong in `doc.spans[...]`, not `doc.ents`).
//! - Export writes one line (one document), spans in text order, the title in `meta.title`.
//!   No `tokens`: the consumer tokenises (spaCy's `make_doc`), so the file does not fix a
//!   tokenizer.
//! - Each span carries its attribute values in `attrs` (`{"kind": "direct", "verified": true}`:
//!   a flag as a boolean, a choice or text as a string) and its `note`, when it has them.
//! - Relations in Prodigy's shape: `{"head": 1, "child": 0, "head_span": {"start", "end",
//!   "label"}, "child_span": {…}, "label": "said_by"}`, the head the relation's `from` (the
//!   quote), the child its `to` (the speaker). Prodigy's `head`/`child` count tokens; this file
//!   has none, so they index the line's `spans`, and import finds the ends by `head_span` and
//!   `child_span` (offsets and label).
//! - Not carried: span and relation ids (an import numbers spans `a1`, `a2`, …, relations
//!   `r1`, …), the label list beyond the labels that spans use, attribute definitions and
//!   relation types (an import rebuilds them: a boolean is a flag, a string text, a type links
//!   any two spans), each reported when that loses something.
//! - Import reads the first non-blank line; more lines are reported. It reads `text`, `spans`
//!   (`start`, `end`, `label`, optional `text`, `attrs`, `note`), `relations`, `id` and
//!   `meta.title`, and notes an `answer` other than `accept`. `tokens` and the spans'
//!   `token_start`/`token_end` are derived data and are ignored.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use serde_json::Value;

use super::lost::{relation_kinds, schema_lost, span_label_names, written_values, Lost};
use super::qualifiers::{attrs_to_wire, WireValue};
use super::report::{Fatal, Imported, Problem};
use super::resolve::{
    finish, first_json_line, json_span, RawDoc, RawEnd, RawRelation, RawSpan, RawValue,
};
use crate::model::attribute::AttrValue;
use crate::model::{Document, Span, SpanId};

#[derive(Serialize)]
struct WireLine<'a> {
    id: &'a str,
    text: &'a str,
    spans: Vec<WireSpan<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    relations: Vec<WireRelation<'a>>,
    meta: WireMeta<'a>,
}

#[derive(Serialize)]
struct WireSpan<'a> {
    start: usize,
    end: usize,
    label: &'a str,
    text: &'a str,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    attrs: BTreeMap<String, WireValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

/// A Prodigy relation: `head` and `child` index the line's `spans` (this file has no
/// tokens), `head_span` and `child_span` are the spans themselves.
#[derive(Serialize)]
struct WireRelation<'a> {
    head: usize,
    child: usize,
    head_span: WireEnd<'a>,
    child_span: WireEnd<'a>,
    label: &'a str,
}

#[derive(Serialize)]
struct WireEnd<'a> {
    start: usize,
    end: usize,
    label: &'a str,
}

#[derive(Serialize)]
struct WireMeta<'a> {
    title: &'a str,
}

/// The document as one JSON line (newline-terminated), and what the line does not carry.
pub fn export(doc: &Document) -> (String, Lost) {
    let index: HashMap<&SpanId, (usize, &Span)> = doc
        .spans()
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id(), (i, s)))
        .collect();
    let end = |id: &SpanId| {
        let (i, s) = *index.get(id)?;
        Some((
            i,
            WireEnd {
                start: s.start(),
                end: s.end(),
                label: doc.labels().name(s.label()),
            },
        ))
    };
    let relations = doc
        .relations()
        .iter()
        .filter_map(|r| {
            let ((head, head_span), (child, child_span)) = (end(r.from())?, end(r.to())?);
            Some(WireRelation {
                head,
                child,
                head_span,
                child_span,
                label: r.kind(),
            })
        })
        .collect();
    let line = WireLine {
        id: doc.id(),
        text: doc.text().as_str(),
        spans: doc
            .spans()
            .iter()
            .map(|s| WireSpan {
                start: s.start(),
                end: s.end(),
                label: doc.labels().name(s.label()),
                text: doc.covered(s),
                attrs: attrs_to_wire(s.attrs()),
                note: s.note(),
            })
            .collect(),
        relations,
        meta: WireMeta { title: doc.title() },
    };
    // Serialising plain structs of strings and integers cannot fail.
    let mut out = serde_json::to_string(&line).unwrap_or_default();
    out.push('\n');
    // Choices are written as strings, which an import reads as text.
    let written = written_values(doc, |v| {
        Some(match v {
            AttrValue::Flag(b) => RawValue::Flag(*b),
            AttrValue::Choice(t) | AttrValue::Text(t) => RawValue::Text(t.to_string()),
        })
    });
    let lost = Lost {
        labels: schema_lost(doc, span_label_names(doc), &written, &relation_kinds(doc)),
        ..Lost::default()
    };
    (out, lost)
}

/// Reads the first document of a span JSON Lines file.
pub fn import(content: &str) -> Result<Imported, Fatal> {
    let (v, extra) = first_json_line(content)?;
    let not_this = |why: &str| Fatal::NotThisFormat {
        format: "span JSON Lines",
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
    raw.id = super::resolve::json_id(obj.get("id"));
    raw.title = obj
        .get("meta")
        .and_then(|m| m.get("title"))
        .and_then(Value::as_str)
        .map(str::to_string);
    if extra > 0 {
        raw.problems.push(Problem::ExtraDocuments { count: extra });
    }
    match obj.get("spans") {
        None | Some(Value::Null) => {}
        Some(Value::Array(spans)) => {
            raw.entries = spans.iter().enumerate().map(|(i, s)| span(s, i)).collect();
        }
        Some(_) => return Err(Fatal::Malformed("\"spans\" is not a list".into())),
    }
    match obj.get("relations") {
        None | Some(Value::Null) => {}
        Some(Value::Array(list)) => {
            let at: HashMap<(u64, u64, &str), usize> = raw
                .entries
                .iter()
                .enumerate()
                .filter_map(|(k, e)| {
                    let s = e.as_ref().ok()?;
                    Some(((s.start, s.end, s.label.as_str()), k))
                })
                .collect();
            let relations = list
                .iter()
                .enumerate()
                .map(|(i, r)| relation(r, i, &at))
                .collect();
            raw.relations = relations;
        }
        Some(_) => return Err(Fatal::Malformed("\"relations\" is not a list".into())),
    }
    if let Some(Value::String(a)) = obj.get("answer") {
        if a != "accept" {
            raw.notes.push(format!(
                "the example is marked “{a}” in the file; its spans were imported all the same"
            ));
        }
    }
    finish(raw)
}

/// One span object, with its `attrs` and `note` when it has them.
fn span(s: &Value, i: usize) -> Result<RawSpan, Problem> {
    let name = format!("number {}", i + 1);
    let mut span = json_span(
        s,
        name.clone(),
        ("start", "end", "label"),
        Some("text"),
        None,
    )?;
    let malformed = |why: &str| Problem::Malformed {
        annotation: name.clone(),
        why: why.to_string(),
    };
    match s.get("attrs") {
        None | Some(Value::Null) => {}
        Some(v) => {
            span.attrs = RawValue::map_from_json(v)
                .ok_or_else(|| malformed("its attrs is not an object"))?;
        }
    }
    match s.get("note") {
        None | Some(Value::Null) => {}
        Some(Value::String(n)) => span.note = Some(n.clone()),
        Some(_) => return Err(malformed("its note is not a string")),
    }
    Ok(span)
}

/// One Prodigy relation: its `label`, and its ends by `head_span` and `child_span`, each
/// found among the line's spans by offsets and label (Prodigy's `head` and `child` count
/// tokens, which the spans of this format need not have).
fn relation(
    r: &Value,
    i: usize,
    at: &HashMap<(u64, u64, &str), usize>,
) -> Result<RawRelation, Problem> {
    let name = format!("number {}", i + 1);
    let bad = |why: &str| Problem::BadRelation {
        relation: name.clone(),
        why: why.to_string(),
    };
    let kind = r
        .get("label")
        .and_then(Value::as_str)
        .ok_or_else(|| bad("it has no \"label\""))?;
    let end = |key: &str| -> Result<RawEnd, Problem> {
        let s = r
            .get(key)
            .filter(|s| s.is_object())
            .ok_or_else(|| bad(&format!("it has no \"{key}\"")))?;
        let num = |k: &str| s.get(k).and_then(Value::as_u64);
        let label = s.get("label").and_then(Value::as_str);
        let (Some(start), Some(end), Some(label)) = (num("start"), num("end"), label) else {
            return Err(bad(&format!(
                "its \"{key}\" needs a start, an end and a label"
            )));
        };
        at.get(&(start, end, label))
            .map(|k| RawEnd::Entry(*k))
            .ok_or_else(|| Problem::MissingEnd {
                relation: name.clone(),
                end: format!("“{label}” {start}–{end}"),
            })
    };
    Ok(RawRelation {
        name: name.clone(),
        id: None,
        kind: kind.to_string(),
        from: end("head_span")?,
        to: end("child_span")?,
    })
}
