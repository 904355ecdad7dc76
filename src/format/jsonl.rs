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
//! - Not carried: span ids (an import numbers spans `a1`, `a2`, …), and the label list
//!   beyond the labels that spans use (reported when that loses something).
//! - Import reads the first non-blank line; more lines are reported. It reads `text`, `spans`
//!   (`start`, `end`, `label`, optional `text`), `id` and `meta.title`, and notes what it does
//!   not keep: Prodigy `relations`, and an `answer` other than `accept`. `tokens` and the
//!   spans' `token_start`/`token_end` are derived data and are ignored.

use serde::Serialize;
use serde_json::Value;

use super::lost::{labels_lost, span_label_names, Lost};
use super::report::{Fatal, Imported, Problem};
use super::resolve::{count, finish, first_json_line, json_span, RawDoc};
use crate::model::Document;

#[derive(Serialize)]
struct WireLine<'a> {
    id: &'a str,
    text: &'a str,
    spans: Vec<WireSpan<'a>>,
    meta: WireMeta<'a>,
}

#[derive(Serialize)]
struct WireSpan<'a> {
    start: usize,
    end: usize,
    label: &'a str,
    text: &'a str,
}

#[derive(Serialize)]
struct WireMeta<'a> {
    title: &'a str,
}

/// The document as one JSON line (newline-terminated), and what the line does not carry.
pub fn export(doc: &Document) -> (String, Lost) {
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
            })
            .collect(),
        meta: WireMeta { title: doc.title() },
    };
    // Serialising plain structs of strings and integers cannot fail.
    let mut out = serde_json::to_string(&line).unwrap_or_default();
    out.push('\n');
    let lost = Lost {
        labels: labels_lost(doc, span_label_names(doc)),
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
            raw.entries = spans
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    json_span(
                        s,
                        format!("number {}", i + 1),
                        ("start", "end", "label"),
                        Some("text"),
                        None,
                    )
                })
                .collect();
        }
        Some(_) => return Err(Fatal::Malformed("\"spans\" is not a list".into())),
    }
    if let Some(Value::Array(r)) = obj.get("relations") {
        if !r.is_empty() {
            raw.notes.push(format!(
                "{} not imported: Article Annotator has no relations",
                count(r.len(), "relation")
            ));
        }
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
