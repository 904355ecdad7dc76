//! The native format's optional review fields: what a reviewed document carries besides its
//! gold annotations, and reading them back. Files without them are plain native files, and
//! every reader of the format that ignores them still reads the gold annotations.
//!
//! On an annotation (a gold span):
//!
//! ```json
//! {"id": "a2", "label": "QUOTE", "start": 13, "end": 30, "text": "\"We will manage.\"",
//!  "provenance": {"proposed_by": ["A", "C"], "merged": "reviewer", "operation": "accept", "layer": "A"},
//!  "comment": "quote marks included, as in the guidelines"}
//! ```
//!
//! - `provenance.proposed_by`: the layers (by name) that hold exactly this span; for a span
//!   the reviewer resized or relabelled, those that held the span it was made from.
//! - `provenance.merged`: `"auto"` (the auto-merge) or `"reviewer"`; then `operation` is one of
//!   `accept` (a conflict's version), `accept_all` (all of one layer's remaining spans), `add`,
//!   `resize`, `relabel`, and `layer` names whose version `accept`/`accept_all` took.
//! - An annotation without `provenance` was in the document before the review.
//!
//! On a document:
//!
//! ```json
//! "layers": [{"name": "B", "kind": "annotator",
//!             "annotations": [{"label": "QUOTE", "start": 14, "end": 28, "text": "We will manage"}]}],
//! "review": {"threshold": "all",
//!            "conflicts": [{"start": 13, "end": 30, "resolution": "accepted", "layer": "A",
//!                           "comment": "…"}]},
//! "needs_work": [{"annotator": "B", "comment": "please mark quotes with their marks"}]
//! ```
//!
//! - `layers`: each annotator's (`kind` `"annotator"`) or model's (`"suggestions"`) spans, read-only.
//! - `review.threshold`: `"all"`, `"majority"` or a number k (at least k annotators).
//! - `review.settled` (when there were any): the document's own spans before the review, which
//!   are never disputed and which a re-merge keeps, like a layer's spans.
//! - `review.conflicts`: every conflict in text order, its region `[start, end)`, and what was
//!   decided: `resolution` `"accepted"`, `"accepted_all"` (with `layer`) or `"rejected"`; absent
//!   while it is open. The conflicts are worked out again from the layers on import; the file's
//!   list says which were decided (matched by region).
//! - `needs_work`: the annotators the document was sent back to, each with the comment.
//!
//! Offsets in all of these count the file's `offset_unit`, like the annotations'.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::native::{self, OFFSET_UNIT_UTF16};
use super::report::{Fatal, Imported, OffsetUnit, Problem};
use super::resolve::{parse_json, wide};
use crate::model::text::ArticleText;
use crate::model::CharRange;

/// `provenance` on an annotation.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct WireProvenance {
    pub proposed_by: Vec<String>,
    pub merged: WireMerged,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation: Option<WireOperation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layer: Option<String>,
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum WireMerged {
    Auto,
    Reviewer,
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum WireOperation {
    Accept,
    AcceptAll,
    Add,
    Resize,
    Relabel,
}

/// One entry of a document's `layers`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct WireLayer {
    pub name: String,
    pub kind: WireLayerKind,
    pub annotations: Vec<WireLayerSpan>,
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum WireLayerKind {
    Annotator,
    Suggestions,
}

/// A span of a layer: no id, the covered text as a check.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct WireLayerSpan {
    pub label: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A document's `review`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct WireReview {
    pub threshold: WireThreshold,
    /// The document's own spans before the review, when it had any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub settled: Vec<WireLayerSpan>,
    #[serde(default)]
    pub conflicts: Vec<WireConflict>,
}

/// `"all"`, `"majority"` or a number.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(untagged)]
pub enum WireThreshold {
    Named(WireThresholdName),
    AtLeast(usize),
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum WireThresholdName {
    All,
    Majority,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct WireConflict {
    pub start: usize,
    pub end: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<WireResolution>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum WireResolution {
    Accepted,
    AcceptedAll,
    Rejected,
}

/// One entry of a document's `needs_work`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct WireNeedsWork {
    pub annotator: String,
    pub comment: String,
}

/// A native file's first document with its review fields, offsets in code points.
#[derive(Clone, Debug)]
pub struct ReviewFile {
    /// The gold document, as [`native::import`] reads it.
    pub imported: Imported,
    /// Layers with the spans that fit the text (the others are in `problems`).
    pub layers: Vec<WireLayer>,
    /// By annotation id, for the gold spans the import kept.
    pub provenance: BTreeMap<String, WireProvenance>,
    pub comments: BTreeMap<String, String>,
    pub review: Option<WireReview>,
    pub needs_work: Vec<WireNeedsWork>,
    /// Review fields left out, in plain words (the gold annotations' own problems are in
    /// `imported`).
    pub problems: Vec<Problem>,
}

/// Reads a native file's first document and its review fields (see the module doc).
pub fn import(content: &str) -> Result<ReviewFile, Fatal> {
    let imported = native::import(content)?;
    let root = parse_json(content)?;
    let utf16 = root.get("offset_unit").and_then(Value::as_str) == Some(OFFSET_UNIT_UTF16);
    let doc = root
        .get("documents")
        .and_then(Value::as_array)
        .and_then(|d| d.first())
        .cloned()
        .unwrap_or(Value::Null);
    let text = imported.doc.text_rc();
    let mut out = ReviewFile {
        imported,
        layers: Vec::new(),
        provenance: BTreeMap::new(),
        comments: BTreeMap::new(),
        review: None,
        needs_work: Vec::new(),
        problems: Vec::new(),
    };
    let to_char = |n: usize| {
        if utf16 {
            text.index().utf16_to_char(text.as_str(), n)
        } else {
            (n <= text.len_chars()).then_some(n)
        }
    };
    read_annotation_fields(&doc, &mut out);
    for (i, l) in list(&doc, "layers").iter().enumerate() {
        match serde_json::from_value::<WireLayer>(l.clone()) {
            Ok(layer) => {
                let layer = fit_layer(layer, &text, &to_char, utf16, &mut out.problems);
                out.layers.push(layer);
            }
            Err(e) => out.problems.push(Problem::Malformed {
                annotation: format!("layer number {}", i + 1),
                why: format!("it cannot be read ({e})"),
            }),
        }
    }
    if let Some(r) = doc.get("review").filter(|r| !r.is_null()) {
        match serde_json::from_value::<WireReview>(r.clone()) {
            Ok(mut review) => {
                let settled = WireLayer {
                    name: "settled".into(),
                    kind: WireLayerKind::Annotator,
                    annotations: std::mem::take(&mut review.settled),
                };
                review.settled =
                    fit_layer(settled, &text, &to_char, utf16, &mut out.problems).annotations;
                let before = review.conflicts.len();
                review
                    .conflicts
                    .retain_mut(|c| match (to_char(c.start), to_char(c.end)) {
                        (Some(s), Some(e)) if s < e => {
                            (c.start, c.end) = (s, e);
                            true
                        }
                        _ => false,
                    });
                if review.conflicts.len() < before {
                    out.problems.push(Problem::Malformed {
                        annotation: "review".into(),
                        why: format!(
                            "{} conflicts do not fit the text and were left out",
                            before - review.conflicts.len()
                        ),
                    });
                }
                out.review = Some(review);
            }
            Err(e) => out.problems.push(Problem::Malformed {
                annotation: "review".into(),
                why: format!("it cannot be read ({e})"),
            }),
        }
    }
    for (i, n) in list(&doc, "needs_work").iter().enumerate() {
        match serde_json::from_value::<WireNeedsWork>(n.clone()) {
            Ok(n) => out.needs_work.push(n),
            Err(e) => out.problems.push(Problem::Malformed {
                annotation: format!("needs_work number {}", i + 1),
                why: format!("it cannot be read ({e})"),
            }),
        }
    }
    Ok(out)
}

fn list<'a>(doc: &'a Value, key: &str) -> &'a [Value] {
    doc.get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// `provenance` and `comment` of the gold annotations the import kept.
fn read_annotation_fields(doc: &Value, out: &mut ReviewFile) {
    for a in list(doc, "annotations") {
        let id = match a.get("id") {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => continue,
        };
        let kept = out
            .imported
            .doc
            .spans()
            .contains_id(&crate::model::SpanId::new(&id));
        if !kept {
            continue;
        }
        if let Some(p) = a.get("provenance").filter(|p| !p.is_null()) {
            match serde_json::from_value::<WireProvenance>(p.clone()) {
                Ok(p) => drop(out.provenance.insert(id.clone(), p)),
                Err(e) => out.problems.push(Problem::Malformed {
                    annotation: format!("“{id}”"),
                    why: format!("its provenance cannot be read ({e})"),
                }),
            }
        }
        if let Some(c) = a.get("comment").and_then(Value::as_str) {
            out.comments.insert(id, c.to_string());
        }
    }
}

/// The layer with offsets in code points, keeping the spans that fit the text and cover what
/// they say they cover.
fn fit_layer(
    mut layer: WireLayer,
    text: &ArticleText,
    to_char: &dyn Fn(usize) -> Option<usize>,
    utf16: bool,
    problems: &mut Vec<Problem>,
) -> WireLayer {
    let spans = std::mem::take(&mut layer.annotations);
    for (i, mut s) in spans.into_iter().enumerate() {
        let annotation = format!("number {} of layer “{}”", i + 1, layer.name);
        let unit = if utf16 {
            OffsetUnit::Utf16
        } else {
            OffsetUnit::CodePoint
        };
        let len = if utf16 {
            text.index().len_utf16()
        } else {
            text.len_chars()
        };
        let problem = if s.start > s.end {
            Some(Problem::StartAfterEnd {
                annotation,
                start: wide(s.start),
                end: wide(s.end),
            })
        } else if s.start == s.end {
            Some(Problem::Empty {
                annotation,
                at: s.start,
            })
        } else if s.end > len {
            Some(Problem::OutsideText {
                annotation,
                start: wide(s.start),
                end: wide(s.end),
                len,
            })
        } else {
            match (to_char(s.start), to_char(s.end)) {
                (Some(start), Some(end)) => {
                    let found = CharRange::new(start, end)
                        .and_then(|r| text.slice(r))
                        .unwrap_or_default();
                    if found == s.text {
                        (s.start, s.end) = (start, end);
                        layer.annotations.push(s);
                        None
                    } else {
                        Some(Problem::TextMismatch {
                            annotation,
                            stated: s.text,
                            found: found.to_string(),
                        })
                    }
                }
                (None, _) => Some(Problem::InsideCharacter {
                    annotation,
                    offset: s.start,
                    unit,
                }),
                (_, None) => Some(Problem::InsideCharacter {
                    annotation,
                    offset: s.end,
                    unit,
                }),
            }
        };
        problems.extend(problem);
    }
    layer
}
