//! W3C Web Annotation (JSON-LD): one `Annotation` per span, with a `TextQuoteSelector` and a
//! `TextPositionSelector`, the label as a `TextualBody` with `purpose: "tagging"`.
//!
//! ```json
//! {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:article-annotator:doc-…:annotations",
//!  "type": "AnnotationCollection", "label": "<title>", "total": 1,
//!  "@included": [{"id": "urn:article-annotator:doc-…", "type": "Text", "format": "text/plain", "value": "<the article>"}],
//!  "first": {"type": "AnnotationPage", "startIndex": 0, "items": [
//!    {"id": "urn:article-annotator:doc-…#a1", "type": "Annotation", "motivation": "tagging",
//!     "body": {"type": "TextualBody", "purpose": "tagging", "value": "Entity"},
//!     "target": {"source": "urn:article-annotator:doc-…", "selector": [
//!       {"type": "TextQuoteSelector", "exact": "Merkel", "prefix": "", "suffix": " said: …"},
//!       {"type": "TextPositionSelector", "start": 0, "end": 6}]}}]}}
//! ```
//!
//! - `start`/`end` count Unicode code points, end exclusive, as the model requires ("in
//!   terms of unicode code points … not in terms of code units"); `exact` is the covered text,
//!   `prefix`/`suffix` up to 32 code points around it.
//! - The model has no place for the annotated text itself: the export describes the source
//!   document once, in the collection's `@included` (JSON-LD 1.1), with the text as its
//!   `value` (`rdf:value`). The collection's `label` is the title.
//! - Attribute values are extra bodies of the span's annotation, `"value": "name: value"`:
//!   `purpose: "classifying"` for a flag (`yes`/`no`) or a choice, `"describing"` for free
//!   text; the note is a `"commenting"` body. A relation is an annotation with `motivation:
//!   "linking"`, its type a `tagging` body, its two targets the IRIs of the annotations it
//!   links (from, then to), as Recogito writes relations.
//! - Not carried: the label list beyond the labels that spans use, attribute definitions (an
//!   import reads a `classifying` value as a choice, a `describing` one as text). Span ids
//!   travel as the fragment of each annotation's IRI, relation ids as `relation-<id>`.
//! - Import takes a collection (its `first` page or `items`), a page, a list of annotations,
//!   or one annotation. The text comes from an embedded source with a `value`, or from a
//!   `.txt` file chosen with the annotations. Positions come from the `TextPositionSelector`,
//!   checked against `exact`; without one, the quote (with its prefix and suffix) must occur
//!   exactly once. Recogito and Hypothesis write UTF-16 positions: the check against `exact`
//!   catches that and the import offers the conversion. `classifying`, `describing` and
//!   `commenting` bodies become attributes and the note; `linking` annotations relations
//!   (targets as IRIs or objects with an `id`; without a tag, `related_to`). Noted, not
//!   imported: other bodies.

use std::borrow::Cow;
use std::rc::Rc;

use serde::Serialize;
use serde_json::Value;

use super::lost::{relation_kinds, schema_lost, span_label_names, written_values, Lost};
use crate::model::attribute::AttrValue;

use super::quote::{Found, QuoteFinder};
use super::report::{clip, Fatal, Imported, Problem};
use super::resolve::{
    count, distinct, finish, parse_json, too_many_spans, wide, RawDoc, RawEnd, RawRelation,
    RawSpan, RawValue, MAX_SPANS_PER_ANNOTATION,
};
use crate::model::Document;

/// The JSON-LD context every export names; `tests/compat/anno.jsonld` is a copy.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
/// How the IRIs of our documents begin.
pub const IRI_PREFIX: &str = "urn:article-annotator:";
const AROUND: usize = 32;
/// Between an attribute's name and its value in a `classifying` or `describing` body:
/// `check-worthy: yes`.
const SEPARATOR: &str = ": ";
/// Before a relation's id in the fragment of its linking annotation's IRI, so that it never
/// takes a span's IRI.
const RELATION_PREFIX: &str = "relation-";

#[derive(Serialize)]
struct WireCollection<'a> {
    #[serde(rename = "@context")]
    context: &'a str,
    id: String,
    #[serde(rename = "type")]
    kind: &'a str,
    label: &'a str,
    total: usize,
    #[serde(rename = "@included")]
    included: [WireSource<'a>; 1],
    first: WirePage<'a>,
}

#[derive(Serialize)]
struct WireSource<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    format: &'a str,
    value: &'a str,
}

#[derive(Serialize)]
struct WirePage<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'a str,
    #[serde(rename = "startIndex")]
    start_index: usize,
    items: Vec<WireAnnotation<'a>>,
}

#[derive(Serialize)]
struct WireAnnotation<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'a str,
    motivation: &'a str,
    body: WireBodies<'a>,
    target: WireTargets<'a>,
}

/// One body, or a list when a span has attribute values or a note besides its label.
#[derive(Serialize)]
#[serde(untagged)]
enum WireBodies<'a> {
    One(WireBody<'a>),
    Many(Vec<WireBody<'a>>),
}

#[derive(Serialize)]
struct WireBody<'a> {
    #[serde(rename = "type")]
    kind: &'a str,
    purpose: &'a str,
    value: Cow<'a, str>,
}

/// A span's target (a place in the text), or a relation's two targets (the annotations it
/// links, by IRI: from, then to).
#[derive(Serialize)]
#[serde(untagged)]
enum WireTargets<'a> {
    Text(WireTarget<'a>),
    Annotations([String; 2]),
}

#[derive(Serialize)]
struct WireTarget<'a> {
    source: &'a str,
    selector: (WireQuote<'a>, WirePosition<'a>),
}

#[derive(Serialize)]
struct WireQuote<'a> {
    #[serde(rename = "type")]
    kind: &'a str,
    exact: &'a str,
    prefix: String,
    suffix: String,
}

#[derive(Serialize)]
struct WirePosition<'a> {
    #[serde(rename = "type")]
    kind: &'a str,
    start: usize,
    end: usize,
}

/// Percent-encodes everything but RFC 3986's unreserved characters, so any id fits an IRI.
fn pct_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub(crate) fn pct_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let byte = match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                // Two hex digits make at most 255.
                (Some(h), Some(l)) => u8::try_from(h * 16 + l).ok(),
                _ => None,
            };
            if let Some(byte) = byte {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The document as a W3C annotation collection, and what it does not carry.
pub fn export(doc: &Document) -> (String, Lost) {
    let source = format!("{IRI_PREFIX}{}", pct_encode(doc.id()));
    let chars: Vec<char> = doc.text().as_str().chars().collect();
    let iri = |id: &str| format!("{source}#{}", pct_encode(id));
    let body = |purpose, value| WireBody {
        kind: "TextualBody",
        purpose,
        value,
    };
    let mut items = doc
        .spans()
        .iter()
        .map(|s| WireAnnotation {
            id: iri(s.id().as_str()),
            kind: "Annotation",
            motivation: "tagging",
            body: {
                let tag = body("tagging", Cow::Borrowed(doc.labels().name(s.label())));
                let mut more: Vec<WireBody> = s
                    .attrs()
                    .iter()
                    .map(|(n, v)| {
                        let purpose = match v {
                            AttrValue::Text(_) => "describing",
                            _ => "classifying",
                        };
                        body(
                            purpose,
                            Cow::Owned(format!("{n}{SEPARATOR}{}", v.as_text())),
                        )
                    })
                    .collect();
                more.extend(s.note().map(|n| body("commenting", Cow::Borrowed(n))));
                if more.is_empty() {
                    WireBodies::One(tag)
                } else {
                    more.insert(0, tag);
                    WireBodies::Many(more)
                }
            },
            target: WireTargets::Text(WireTarget {
                source: &source,
                selector: (
                    WireQuote {
                        kind: "TextQuoteSelector",
                        exact: doc.covered(s),
                        prefix: chars[s.start().saturating_sub(AROUND)..s.start()]
                            .iter()
                            .collect(),
                        suffix: chars[s.end()..(s.end() + AROUND).min(chars.len())]
                            .iter()
                            .collect(),
                    },
                    WirePosition {
                        kind: "TextPositionSelector",
                        start: s.start(),
                        end: s.end(),
                    },
                ),
            }),
        })
        .collect::<Vec<_>>();
    items.extend(doc.relations().iter().map(|r| WireAnnotation {
        id: iri(&format!("{RELATION_PREFIX}{}", r.id())),
        kind: "Annotation",
        motivation: "linking",
        body: WireBodies::One(body("tagging", Cow::Borrowed(r.kind()))),
        target: WireTargets::Annotations([iri(r.from().as_str()), iri(r.to().as_str())]),
    }));
    let collection = WireCollection {
        context: CONTEXT,
        id: format!("{source}:annotations"),
        kind: "AnnotationCollection",
        label: doc.title(),
        total: items.len(),
        included: [WireSource {
            id: &source,
            kind: "Text",
            format: "text/plain",
            value: doc.text().as_str(),
        }],
        first: WirePage {
            id: format!("{source}:annotations:1"),
            kind: "AnnotationPage",
            start_index: 0,
            items,
        },
    };
    let out = serde_json::to_string_pretty(&collection).unwrap_or_default();
    // Flags and choices are `classifying` bodies, which an import reads as choices.
    let written = written_values(doc, |v| {
        Some(match v {
            AttrValue::Text(t) => RawValue::Text(t.to_string()),
            other => RawValue::Choice(other.as_text().to_string()),
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

/// True when `v`'s `type` is (or lists) one of `names`, with or without the `oa:`/`as:` prefix.
fn has_type(v: &Value, names: &[&str]) -> bool {
    let is = |t: &Value| {
        t.as_str().is_some_and(|t| {
            names
                .iter()
                .any(|n| t == *n || t.strip_prefix("oa:") == Some(n))
        })
    };
    match v.get("type").or_else(|| v.get("@type")) {
        Some(Value::Array(ts)) => ts.iter().any(is),
        Some(t) => is(t),
        None => false,
    }
}

/// A value that may be one item or a list of them, as a list.
fn many(v: Option<&Value>) -> Vec<&Value> {
    match v {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => a.iter().collect(),
        Some(one) => vec![one],
    }
}

/// Reads W3C annotations; `files` holds the JSON-LD and, optionally, the text as a `.txt`.
pub fn import(files: &[(String, String)]) -> Result<Imported, Fatal> {
    let is_txt = |n: &str| n.to_ascii_lowercase().ends_with(".txt");
    let (_, content) = files
        .iter()
        .find(|(n, _)| !is_txt(n))
        .ok_or(Fatal::NoDocument)?;
    let root = parse_json(content)?;
    let not_this = |why: &str| Fatal::NotThisFormat {
        format: "W3C Web Annotation JSON-LD",
        why: why.to_string(),
    };
    let mut title = None;
    let annotations: Vec<&Value> = if root.is_array() {
        many(Some(&root))
    } else if has_type(&root, &["AnnotationCollection"]) {
        title = root
            .get("label")
            .and_then(Value::as_str)
            .map(str::to_string);
        let first = root.get("first").filter(|f| f.is_object());
        many(
            first
                .and_then(|f| f.get("items"))
                .or_else(|| root.get("items")),
        )
    } else if has_type(&root, &["AnnotationPage"]) {
        many(root.get("items"))
    } else if has_type(&root, &["Annotation"]) {
        vec![&root]
    } else if let Some(graph) = root.get("@graph") {
        many(Some(graph))
    } else {
        return Err(not_this(
            "it holds no Annotation, AnnotationPage or AnnotationCollection",
        ));
    };
    let text = match files.iter().find(|(n, _)| is_txt(n)) {
        Some((_, t)) => t.clone(),
        None => embedded_text(&root, &annotations).ok_or_else(|| {
            Fatal::MissingFile(
                "the annotations do not include the text they annotate; choose the article's .txt file together with them".into(),
            )
        })?,
    };
    let mut entries = Vec::new();
    let mut relations = Vec::new();
    let mut quotes = QuoteFinder::new(&text);
    let mut comments = 0;
    for (i, a) in annotations.iter().enumerate() {
        if a.get("motivation").and_then(Value::as_str) == Some("linking") {
            relations.push(link(a, relations.len()));
            continue;
        }
        let (spans, other_bodies) = annotation_spans(a, i, &mut quotes);
        comments += other_bodies;
        entries.extend(spans);
    }
    drop(quotes);
    let mut raw = RawDoc::new(text);
    raw.title = title;
    raw.entries = entries;
    raw.relations = relations;
    if comments > 0 {
        raw.notes.push(format!(
            "{} that are not tags, attribute values or notes not imported",
            count(comments, "body")
        ));
    }
    finish(raw)
}

/// The text of the source document, when the file embeds it.
fn embedded_text(root: &Value, annotations: &[&Value]) -> Option<String> {
    let from_node = |n: &Value| n.get("value").and_then(Value::as_str).map(str::to_string);
    many(root.get("@included"))
        .into_iter()
        .find_map(from_node)
        .or_else(|| {
            annotations
                .iter()
                .flat_map(|a| many(a.get("target")))
                .find_map(|t| t.get("source").and_then(from_node))
        })
}

/// The spans of one annotation (one per distinct tag and target, at most
/// [`MAX_SPANS_PER_ANNOTATION`]) and how many other bodies it has.
fn annotation_spans(
    a: &Value,
    i: usize,
    quotes: &mut QuoteFinder,
) -> (Vec<Result<RawSpan, Problem>>, usize) {
    let id = id_of(a.get("id").and_then(Value::as_str).unwrap_or_default());
    let name = id
        .as_ref()
        .map_or_else(|| format!("number {}", i + 1), |id| format!("“{id}”"));
    let bodies = many(a.get("body"));
    let tagging = |b: &Value| {
        b.get("purpose").and_then(Value::as_str) == Some("tagging")
            || (b.get("purpose").is_none()
                && a.get("motivation").and_then(Value::as_str) == Some("tagging"))
    };
    let mut labels: Vec<&str> = distinct(
        bodies
            .iter()
            .filter(|b| tagging(b))
            .filter_map(|b| b.get("value").and_then(Value::as_str)),
    );
    let mut attrs: Vec<(String, RawValue)> = Vec::new();
    let mut note: Option<String> = None;
    let mut others = 0;
    for b in bodies.iter().filter(|b| !tagging(b)) {
        let value = b.get("value").and_then(Value::as_str);
        let purpose = b.get("purpose").and_then(Value::as_str);
        match (purpose, value) {
            (Some("commenting"), Some(v)) => {
                note = Some(match note.take() {
                    Some(before) => format!("{before}\n{v}"),
                    None => v.to_string(),
                })
            }
            (Some(p @ ("classifying" | "describing")), Some(v)) => match v.split_once(SEPARATOR) {
                Some((name, v)) if p == "classifying" => {
                    attrs.push((name.to_string(), RawValue::Choice(v.to_string())))
                }
                Some((name, v)) => attrs.push((name.to_string(), RawValue::Text(v.to_string()))),
                None => others += 1,
            },
            _ => others += 1,
        }
    }
    if labels.is_empty() && a.get("motivation").and_then(Value::as_str) == Some("tagging") {
        labels.extend(a.get("bodyValue").and_then(Value::as_str));
    }
    let malformed = |why: &str| {
        vec![Err(Problem::Malformed {
            annotation: name.clone(),
            why: why.to_string(),
        })]
    };
    if labels.is_empty() {
        return (
            malformed("it has no tagging body to take the label from"),
            others,
        );
    }
    let targets = many(a.get("target"));
    if targets.is_empty() {
        return (malformed("it has no target"), others);
    }
    let spans = targets.len().saturating_mul(labels.len());
    if spans > MAX_SPANS_PER_ANNOTATION {
        return (vec![Err(too_many_spans(name, spans))], others);
    }
    let mut out = Vec::with_capacity(spans);
    for (t_i, target) in targets.iter().enumerate() {
        let located = locate(target, quotes);
        for (l_i, label) in labels.iter().enumerate() {
            let k = t_i * labels.len() + l_i;
            let (span_id, span_name) = match &id {
                Some(id) if k > 0 => (Some(format!("{id}-{}", k + 1)), format!("“{id}” ({label})")),
                _ => (id.clone(), name.clone()),
            };
            out.push(
                located
                    .clone()
                    .map_err(|why| why.named(&span_name))
                    .map(|placed| RawSpan {
                        name: span_name,
                        id: span_id,
                        label: label.to_string(),
                        start: placed.start,
                        end: placed.end,
                        stated: placed.exact,
                        located: placed.by_quote,
                        attrs: attrs.clone(),
                        note: note.clone(),
                    }),
            );
        }
    }
    (out, others)
}

/// The id a file gives an annotation: the fragment of one of our IRIs, else the whole IRI.
fn id_of(iri: &str) -> Option<String> {
    match iri.split_once('#') {
        Some((base, frag)) if base.starts_with(IRI_PREFIX) => Some(pct_decode(frag)),
        _ if iri.is_empty() => None,
        _ => Some(iri.to_string()),
    }
}

/// A `linking` annotation: a relation from its first target to its second (each an
/// annotation's IRI, or an object with the IRI as `id`), its type the tagging body (none:
/// `related_to`, the type that links anything).
fn link(a: &Value, before: usize) -> Result<RawRelation, Problem> {
    let id = id_of(a.get("id").and_then(Value::as_str).unwrap_or_default()).map(|id| {
        id.strip_prefix(RELATION_PREFIX)
            .map_or(id.clone(), str::to_string)
    });
    let name = id
        .as_ref()
        .map_or_else(|| format!("number {}", before + 1), |id| format!("“{id}”"));
    let targets: Vec<Option<String>> = many(a.get("target"))
        .into_iter()
        .map(|t| t.as_str().or_else(|| t.get("id")?.as_str()).and_then(id_of))
        .collect();
    let [Some(from), Some(to)] = targets.as_slice() else {
        return Err(Problem::BadRelation {
            relation: name,
            why: "a linking annotation needs exactly two targets, the annotations it links".into(),
        });
    };
    let kind = many(a.get("body"))
        .into_iter()
        .find_map(|b| b.get("value").and_then(Value::as_str))
        .or_else(|| a.get("bodyValue").and_then(Value::as_str))
        .unwrap_or("related_to");
    Ok(RawRelation {
        name,
        id,
        kind: kind.to_string(),
        from: RawEnd::Id(from.clone()),
        to: RawEnd::Id(to.clone()),
    })
}

/// Why a target could not be placed, before it is tied to an annotation's name.
#[derive(Clone)]
enum Unplaced {
    Malformed(&'static str),
    Quote { quote: String, matches: usize },
}

impl Unplaced {
    fn named(self, name: &str) -> Problem {
        let annotation = name.to_string();
        match self {
            Unplaced::Malformed(why) => Problem::Malformed {
                annotation,
                why: why.to_string(),
            },
            Unplaced::Quote { quote, matches } => Problem::QuoteNotFound {
                annotation,
                quote,
                matches,
            },
        }
    }
}

/// Where a target is, as its selectors say.
#[derive(Clone)]
struct Placed {
    /// In the file's unit, or in code points when found by quote.
    start: u64,
    end: u64,
    /// The quote the target states, if any.
    exact: Option<Rc<str>>,
    /// True when found by quote rather than by position.
    by_quote: bool,
}

/// A target's position.
fn locate(target: &Value, quotes: &mut QuoteFinder) -> Result<Placed, Unplaced> {
    let mut selectors: Vec<&Value> = many(target.get("selector"));
    // A selector may be refined by another; look at the whole chain.
    let mut k = 0;
    while k < selectors.len() {
        selectors.extend(many(selectors[k].get("refinedBy")));
        k += 1;
    }
    let quote = selectors
        .iter()
        .find(|s| has_type(s, &["TextQuoteSelector"]));
    let exact = quote.and_then(|q| q.get("exact")).and_then(Value::as_str);
    if let Some(p) = selectors
        .iter()
        .find(|s| has_type(s, &["TextPositionSelector"]))
    {
        let num = |k: &str| p.get(k).and_then(Value::as_u64);
        return match (num("start"), num("end")) {
            (Some(start), Some(end)) => Ok(Placed {
                start,
                end,
                exact: exact.map(Rc::from),
                by_quote: false,
            }),
            _ => Err(Unplaced::Malformed(
                "its TextPositionSelector has no whole-number start and end",
            )),
        };
    }
    let Some(exact) = exact else {
        return Err(Unplaced::Malformed(
            "its target has no TextPositionSelector or TextQuoteSelector",
        ));
    };
    let side = |k: &str| {
        quote
            .and_then(|q| q.get(k))
            .and_then(Value::as_str)
            .unwrap_or("")
    };
    if exact.is_empty() {
        return Err(Unplaced::Malformed("its quote is empty"));
    }
    match quotes.find(side("prefix"), exact, side("suffix")) {
        Found::Once { start, end } => Ok(Placed {
            start: wide(start),
            end: wide(end),
            exact: Some(Rc::from(exact)),
            by_quote: true,
        }),
        Found::Nowhere => Err(Unplaced::Quote {
            quote: clip(exact),
            matches: 0,
        }),
        Found::Several => Err(Unplaced::Quote {
            quote: clip(exact),
            matches: 2,
        }),
    }
}
