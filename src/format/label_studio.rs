//! Label Studio JSON export: an array of tasks, each with its data and its annotations.
//!
//! ```json
//! [{"id": 1, "data": {"text": "Merkel said: …", "title": "…", "doc_id": "doc-…"},
//!   "annotations": [{"id": 1, "was_cancelled": false, "result": [
//!     {"id": "a1", "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual",
//!      "value": {"start": 0, "end": 6, "text": "Merkel", "labels": ["PERSON"]}}]}],
//!   "predictions": []}]
//! ```
//!
//! - `value.start`/`value.end` count Unicode code points (Label Studio fixed its UTF-16
//!   offsets in the frontend's `fixCodePointsInRange`), end exclusive; `value.text` is the
//!   covered text. Older exports may hold UTF-16 offsets: import checks `value.text` and
//!   offers the conversion when they fit that way.
//! - Export writes one task with one annotation; result ids are the span ids; `from_name`
//!   `label` and `to_name` `text` match a labeling config of
//!   `<Labels name="label" toName="text">` and `<Text name="text" value="$text"/>`.
//! - Attribute values are per-region results on the span's region id: a choice (and a flag, as
//!   the choice `yes` or `no`) is `type: "choices"` with `value.choices`, free text is
//!   `type: "textarea"` with `value.text` a list, `from_name` the attribute's name (prefixed
//!   `attribute:` when it is `label`, `note` or starts with the prefix). The note is a
//!   `textarea` result named `note`. A config matching it has `<Choices name="…"
//!   toName="text" perRegion="true">` and `<TextArea name="note" toName="text"
//!   perRegion="true">`. Relations are `type: "relation"` results (`from_id`, `to_id`,
//!   `direction: "right"`, the type as the one label).
//! - Not carried: the label list beyond the labels that spans use (colours live in Label
//!   Studio's labeling config, which the JSON export does not hold), attribute definitions
//!   (an import rebuilds a choice from the values seen; a flag comes back as a yes/no choice),
//!   relation ids.
//! - Import reads the first task (more are reported), its first annotation that was not
//!   cancelled, or, when it has none, its first prediction. Results of type `labels` become
//!   spans, one per label they carry; per-region `choices` and `textarea` results become the
//!   region's attributes and note; `relation` results become relations (`direction: "left"`
//!   reversed; a relation without a label is `related_to`, the type that links anything).
//!   Noted, not imported: per-task values (choices, text areas, ratings), other per-region
//!   results, further annotations and predictions.
//! - [`import_predictions`] reads every prediction of the first task as a document of its own
//!   (named by its `model_version`), for a review's suggestions layers.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use serde_json::Value;

use super::lost::{relation_kinds, schema_lost, span_label_names, written_values, Lost};
use super::report::{Fatal, Imported, Problem};
use super::resolve::{
    count, distinct, finish, json_id, json_offsets, parse_json, too_many_spans, RawDoc, RawEnd,
    RawRelation, RawSpan, RawValue, MAX_SPANS_PER_ANNOTATION,
};
use crate::model::attribute::AttrValue;
use crate::model::Document;

#[derive(Serialize)]
struct WireTask<'a> {
    id: u64,
    data: WireData<'a>,
    annotations: Vec<WireAnnotation<'a>>,
    predictions: Vec<WireAnnotation<'a>>,
}

#[derive(Serialize)]
struct WireData<'a> {
    text: &'a str,
    title: &'a str,
    doc_id: &'a str,
}

#[derive(Serialize)]
struct WireAnnotation<'a> {
    id: u64,
    was_cancelled: bool,
    result: Vec<WireAny<'a>>,
}

/// A result of any shape, so that results go into one list in file order.
#[derive(Serialize)]
#[serde(untagged)]
enum WireAny<'a> {
    Span(WireResult<'a>),
    Region(WireRegionResult<'a>),
    Relation(WireRelation<'a>),
}
#[derive(Serialize)]
struct WireResult<'a> {
    id: &'a str,
    from_name: &'a str,
    to_name: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    origin: &'a str,
    value: WireValue<'a>,
}

#[derive(Serialize)]
struct WireValue<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    labels: [&'a str; 1],
}

/// A per-region result: a `choices` or `textarea` result on the region with the span's id.
#[derive(Serialize)]
struct WireRegionResult<'a> {
    id: &'a str,
    from_name: String,
    to_name: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    origin: &'a str,
    value: WireRegionValue<'a>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum WireRegionValue<'a> {
    Choices {
        start: usize,
        end: usize,
        text: &'a str,
        choices: [&'a str; 1],
    },
    /// Label Studio's text area puts its texts under `text`, in place of the covered text.
    TextArea {
        start: usize,
        end: usize,
        text: [&'a str; 1],
    },
}

/// A relation result: from one region to another, its type as the one label.
#[derive(Serialize)]
struct WireRelation<'a> {
    from_id: &'a str,
    to_id: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    direction: &'a str,
    labels: [&'a str; 1],
}

/// The control name of a span's note.
const NOTE: &str = "note";
/// The control name of the labels; an attribute of this name or [`NOTE`]'s is written under
/// this prefix.
const LABELS: &str = "label";
const ATTRIBUTE_PREFIX: &str = "attribute:";

/// The `from_name` of an attribute's results.
fn control_name(attribute: &str) -> String {
    if attribute == NOTE || attribute == LABELS || attribute.starts_with(ATTRIBUTE_PREFIX) {
        format!("{ATTRIBUTE_PREFIX}{attribute}")
    } else {
        attribute.to_string()
    }
}

/// The document as a Label Studio task list, and what it does not carry.
pub fn export(doc: &Document) -> (String, Lost) {
    let mut result: Vec<WireAny> = Vec::new();
    for s in doc.spans().iter() {
        let id = s.id().as_str();
        result.push(WireAny::Span(WireResult {
            id,
            from_name: LABELS,
            to_name: "text",
            kind: "labels",
            origin: "manual",
            value: WireValue {
                start: s.start(),
                end: s.end(),
                text: doc.covered(s),
                labels: [doc.labels().name(s.label())],
            },
        }));
        let region = |from_name: String, kind, value| WireRegionResult {
            id,
            from_name,
            to_name: "text",
            kind,
            origin: "manual",
            value,
        };
        for (name, v) in s.attrs().iter() {
            let value = match v {
                AttrValue::Text(t) => WireRegionValue::TextArea {
                    start: s.start(),
                    end: s.end(),
                    text: [t],
                },
                other => WireRegionValue::Choices {
                    start: s.start(),
                    end: s.end(),
                    text: doc.covered(s),
                    choices: [other.as_text()],
                },
            };
            let kind = if matches!(v, AttrValue::Text(_)) {
                "textarea"
            } else {
                "choices"
            };
            result.push(WireAny::Region(region(control_name(name), kind, value)));
        }
        if let Some(note) = s.note() {
            let value = WireRegionValue::TextArea {
                start: s.start(),
                end: s.end(),
                text: [note],
            };
            result.push(WireAny::Region(region(NOTE.to_string(), "textarea", value)));
        }
    }
    for r in doc.relations().iter() {
        result.push(WireAny::Relation(WireRelation {
            from_id: r.from().as_str(),
            to_id: r.to().as_str(),
            kind: "relation",
            direction: "right",
            labels: [r.kind()],
        }));
    }
    let task = WireTask {
        id: 1,
        data: WireData {
            text: doc.text().as_str(),
            title: doc.title(),
            doc_id: doc.id(),
        },
        annotations: vec![WireAnnotation {
            id: 1,
            was_cancelled: false,
            result,
        }],
        predictions: Vec::new(),
    };
    let out = serde_json::to_string_pretty(&[task]).unwrap_or_default();
    // A flag is written as the choice `yes` or `no`, which an import reads as a choice.
    let written = written_values(doc, |v| {
        Some(match v {
            AttrValue::Flag(_) | AttrValue::Choice(_) => RawValue::Choice(v.as_text().to_string()),
            AttrValue::Text(t) => RawValue::Text(t.to_string()),
        })
    });
    let labels = schema_lost(doc, span_label_names(doc), &written, &relation_kinds(doc));
    (
        out,
        Lost {
            labels,
            ..Lost::default()
        },
    )
}

/// Reads the first task of a Label Studio JSON export.
pub fn import(content: &str) -> Result<Imported, Fatal> {
    let root = parse_json(content)?;
    let not_this = |why: &str| Fatal::NotThisFormat {
        format: "a Label Studio export",
        why: why.to_string(),
    };
    let (task, extra) = match &root {
        Value::Array(tasks) => (tasks.first().ok_or(Fatal::NoDocument)?, tasks.len() - 1),
        Value::Object(_) => (&root, 0),
        _ => return Err(not_this("it is neither a task nor a list of tasks")),
    };
    let data = task
        .get("data")
        .and_then(Value::as_object)
        .ok_or_else(|| not_this("the task has no \"data\""))?;
    let mut notes = Vec::new();
    let text = match data.get("text").and_then(Value::as_str) {
        Some(t) => t,
        None => {
            let (key, t) = data
                .iter()
                .find_map(|(k, v)| Some((k, v.as_str()?)))
                .ok_or_else(|| not_this("the task's data holds no text"))?;
            notes.push(format!("the text was taken from the task's “{key}” field"));
            t
        }
    };
    let mut raw = RawDoc::new(text.to_string());
    raw.notes = notes;
    raw.title = data
        .get("title")
        .and_then(Value::as_str)
        .map(str::to_string);
    raw.id = json_id(data.get("doc_id"));
    if extra > 0 {
        raw.problems.push(Problem::ExtraDocuments { count: extra });
    }
    let list = |key: &str| {
        task.get(key)
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice)
    };
    let annotations: Vec<&Value> = list("annotations")
        .iter()
        .filter(|a| a.get("was_cancelled") != Some(&Value::Bool(true)))
        .collect();
    let predictions = list("predictions");
    let chosen = if let Some(first) = annotations.first() {
        if annotations.len() > 1 {
            raw.notes.push(format!(
                "{} after the first not imported",
                count(annotations.len() - 1, "more annotation")
            ));
        }
        if !predictions.is_empty() {
            raw.notes.push(format!(
                "{} not imported: the task's annotations were",
                count(predictions.len(), "prediction")
            ));
        }
        Some(*first)
    } else if let Some(first) = predictions.first() {
        let model = first
            .get("model_version")
            .and_then(Value::as_str)
            .map(|m| format!(" (model {m})"))
            .unwrap_or_default();
        raw.notes.push(format!(
            "the task has no annotations; its first prediction{model} was imported"
        ));
        if predictions.len() > 1 {
            raw.notes.push(format!(
                "{} after the first not imported",
                count(predictions.len() - 1, "more prediction")
            ));
        }
        Some(first)
    } else {
        None
    };
    let results = chosen
        .and_then(|a| a.get("result"))
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    let mut skipped: BTreeMap<String, usize> = BTreeMap::new();
    let mut later = Vec::new();
    for (i, r) in results.iter().enumerate() {
        match r.get("type").and_then(Value::as_str) {
            Some("labels") => raw.entries.extend(result_spans(r, i)),
            Some("relation") => raw.relations.extend(relations(r, raw.relations.len())),
            Some(_) => later.push((i, r)),
            None => raw.entries.push(Err(Problem::Malformed {
                annotation: format!("number {}", i + 1),
                why: "it has no \"type\"".into(),
            })),
        }
    }
    // Per-region results name their region by id, which may come later in the file.
    let regions: HashMap<String, usize> = raw
        .entries
        .iter()
        .enumerate()
        .filter_map(|(k, e)| Some((e.as_ref().ok()?.id.clone()?, k)))
        .collect();
    for (i, r) in later {
        let kind = r.get("type").and_then(Value::as_str).unwrap_or_default();
        let entry = json_id(r.get("id")).and_then(|id| regions.get(&id).copied());
        match (kind, entry) {
            ("choices" | "textarea", Some(k)) => {
                if let Some(Ok(span)) = raw.entries.get_mut(k) {
                    region_result(span, r, kind, i);
                }
            }
            _ => *skipped.entry(kind.to_string()).or_default() += 1,
        }
    }
    for (kind, n) in skipped {
        raw.notes.push(format!(
            "{} of type “{kind}” not imported: Article Annotator keeps labelled spans, their attributes and notes, and relations",
            count(n, "result")
        ));
    }
    finish(raw)
}

/// A per-region `choices` or `textarea` result onto its span: the note (control `note`) or
/// an attribute named by the control.
fn region_result(span: &mut RawSpan, r: &Value, kind: &str, i: usize) {
    let control = r
        .get("from_name")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let value = r.get("value");
    let texts = |key: &str| -> Vec<String> {
        value
            .and_then(|v| v.get(key))
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect()
    };
    if kind == "textarea" && control == NOTE {
        span.note = Some(texts("text").join("\n"));
        return;
    }
    let name = control.strip_prefix(ATTRIBUTE_PREFIX).unwrap_or(control);
    let name = if name.is_empty() {
        format!("result {}", i + 1)
    } else {
        name.to_string()
    };
    let v = if kind == "textarea" {
        RawValue::Text(texts("text").join("\n"))
    } else {
        // One choice is a value; several (a multiple-choice control) are no value of one
        // attribute, and their text shows in the problem.
        RawValue::Choice(texts("choices").join(", "))
    };
    span.attrs.push((name, v));
}

/// The relations of one `relation` result: one per label (a relation without a label is
/// `related_to`, the type that links anything), from `from_id` to `to_id`, or the other way
/// for `direction: "left"`.
fn relations(r: &Value, before: usize) -> Vec<Result<RawRelation, Problem>> {
    let name = format!("number {}", before + 1);
    let (Some(from), Some(to)) = (json_id(r.get("from_id")), json_id(r.get("to_id"))) else {
        return vec![Err(Problem::BadRelation {
            relation: name,
            why: "it needs a \"from_id\" and a \"to_id\"".into(),
        })];
    };
    let (from, to) = if r.get("direction").and_then(Value::as_str) == Some("left") {
        (to, from)
    } else {
        (from, to)
    };
    let mut labels = distinct(
        r.get("labels")
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter_map(Value::as_str),
    );
    if labels.is_empty() {
        labels.push("related_to");
    }
    labels
        .into_iter()
        .take(MAX_SPANS_PER_ANNOTATION)
        .enumerate()
        .map(|(k, kind)| {
            Ok(RawRelation {
                name: format!("number {}", before + k + 1),
                id: None,
                kind: kind.to_string(),
                from: RawEnd::Id(from.clone()),
                to: RawEnd::Id(to.clone()),
            })
        })
        .collect()
}

/// The spans of one `labels` result: one per distinct label it carries, each built from the
/// result's fields (the value is read once, whatever the number of labels).
fn result_spans(r: &Value, i: usize) -> Vec<Result<RawSpan, Problem>> {
    let id = json_id(r.get("id"));
    let name = id
        .as_ref()
        .map_or_else(|| format!("number {}", i + 1), |id| format!("“{id}”"));
    let malformed = |why: &str| {
        vec![Err(Problem::Malformed {
            annotation: name.clone(),
            why: why.to_string(),
        })]
    };
    let Some(value) = r.get("value").filter(|v| v.is_object()) else {
        return malformed("it has no \"value\"");
    };
    let labels = distinct(
        value
            .get("labels")
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter_map(Value::as_str),
    );
    let Some(first) = labels.first() else {
        return malformed("it has no label");
    };
    if labels.len() > MAX_SPANS_PER_ANNOTATION {
        return vec![Err(too_many_spans(name, labels.len()))];
    }
    let span = match json_offsets(value, &name, ("start", "end"), Some("text")) {
        Ok(offsets) => offsets.labelled(name.clone(), id.clone(), first),
        Err(p) => return vec![Err(p)],
    };
    let mut out = Vec::with_capacity(labels.len());
    for (k, label) in labels.iter().enumerate().skip(1) {
        // One result with several labels becomes several spans; the later ones get ids of their own.
        let mut more = span.clone();
        more.label = label.to_string();
        if let Some(id) = &id {
            more.id = Some(format!("{id}-{}", k + 1));
            more.name = format!("“{id}” ({label})");
        }
        out.push(Ok(more));
    }
    out.insert(0, Ok(span));
    out
}

/// One prediction of a Label Studio task, read as a document of its own: the task's text with
/// the prediction's spans, for a review's suggestions layer.
#[derive(Clone, Debug)]
pub struct Prediction {
    /// The prediction's `model_version`, else `prediction N` (its place in the task, from 1).
    pub source: String,
    /// The task's text and the prediction's spans, with what was left out.
    pub imported: Imported,
}

/// Every prediction of the first task, each read exactly as [`import`] reads an annotation
/// (so the same checks and problems apply); an empty list when the task has none. Faults of
/// the file itself are fatal as for [`import`].
pub fn import_predictions(content: &str) -> Result<Vec<Prediction>, Fatal> {
    let root = parse_json(content)?;
    let task = match &root {
        Value::Array(tasks) => tasks.first().ok_or(Fatal::NoDocument)?.clone(),
        _ => root,
    };
    let predictions = task
        .get("predictions")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if predictions.is_empty() {
        // Still the file's faults, if it has any.
        import(content)?;
    }
    let mut out = Vec::with_capacity(predictions.len());
    for (i, p) in predictions.into_iter().enumerate() {
        let source = p
            .get("model_version")
            .and_then(Value::as_str)
            .filter(|m| !m.trim().is_empty())
            .map_or_else(|| format!("prediction {}", i + 1), str::to_string);
        // The task with this prediction as its one annotation: read by the same code.
        let mut one = task.clone();
        if let Some(obj) = one.as_object_mut() {
            obj.insert("annotations".into(), Value::Array(vec![p]));
            obj.insert("predictions".into(), Value::Array(Vec::new()));
        }
        let imported = import(&one.to_string())?;
        out.push(Prediction { source, imported });
    }
    Ok(out)
}
