//! Reading back the native format's review fields (described in `review_wire`, whose types
//! this module re-exports): the first document's gold annotations through `native`, then its
//! layers, provenance, comments, review and needs-work lists, each checked against the text.

use std::collections::BTreeMap;

use serde_json::Value;

use super::native::{self, OFFSET_UNIT_UTF16};
use super::report::{Fatal, Imported, OffsetUnit, Problem};
use super::resolve::{parse_json, wide};
pub use super::review_wire::{
    WireConflict, WireLayer, WireLayerKind, WireLayerRelation, WireLayerSpan, WireMerged,
    WireNeedsWork, WireOperation, WireProvenance, WireResolution, WireReview, WireThreshold,
    WireThresholdName,
};
use crate::model::text::ArticleText;
use crate::model::CharRange;

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
                    relations: Vec::new(),
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
    // Where each annotation went among those kept, for the relations' ends.
    let mut kept: Vec<Option<usize>> = Vec::with_capacity(spans.len());
    for (i, mut s) in spans.into_iter().enumerate() {
        kept.push(None);
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
                        if let Some(k) = kept.last_mut() {
                            *k = Some(layer.annotations.len());
                        }
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
    let before = layer.relations.len();
    let end = |i: usize| kept.get(i).copied().flatten();
    layer.relations = std::mem::take(&mut layer.relations)
        .into_iter()
        .filter_map(|r| {
            let (from, to) = (end(r.from)?, end(r.to)?);
            (from != to).then_some(WireLayerRelation { from, to, ..r })
        })
        .collect();
    if layer.relations.len() < before {
        problems.push(Problem::Malformed {
            annotation: format!("layer “{}”", layer.name),
            why: format!(
                "{} relations name an annotation that was left out, or link one to itself, and were left out",
                before - layer.relations.len()
            ),
        });
    }
    layer
}
