//! What an export could not carry, kept as data ([`Lost`]) so that tests can compare it with
//! what a re-import actually lacks, and turned into plain-words notes for the user.
//!
//! Span ids and the document id are not counted as losses: they are internal handles, and
//! an import numbers spans `a1`, `a2`, … when a format has no ids.

use super::resolve::{grown, labels_from_names, RawValue};
use crate::model::attribute::AttrValue;
use crate::model::span::SpanId;
use crate::model::title::derive_title;
use crate::model::Document;

/// What a file leaves out of the document it was written from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lost {
    /// Spans not in the file, in text order, each with the reason in plain words.
    pub spans: Vec<(SpanId, String)>,
    /// The title is not in the file and differs from the one an import derives from the text.
    pub title: bool,
    /// The label list (order, colours, labels no span uses) is not in the file and an import
    /// would rebuild a different one.
    pub labels: bool,
    /// Labels written under another name: `(name, written as)`.
    pub renamed_labels: Vec<(String, String)>,
    /// The text's white space and line breaks (CoNLL keeps tokens only).
    pub text_layout: bool,
    /// How many attribute values on kept spans are not in the file.
    pub attributes: usize,
    /// How many notes on kept spans are not in the file.
    pub notes: usize,
    /// How many relations are not in the file (those of spans left out included).
    pub relations: usize,
    /// Anything else, in plain words.
    pub other: Vec<String>,
}

impl Lost {
    pub fn is_empty(&self) -> bool {
        *self == Lost::default()
    }

    /// The losses as sentences for the user, most important first; empty when nothing is lost.
    pub fn notes(&self, doc: &Document, format: &str) -> Vec<String> {
        let mut out = Vec::new();
        if !self.spans.is_empty() {
            let n = self.spans.len();
            let listed: Vec<String> = self
                .spans
                .iter()
                .map(|(id, why)| match doc.spans().get(id) {
                    Some(s) => format!(
                        "{} “{}” ({}–{}): {why}",
                        doc.labels().name(s.label()),
                        super::report::clip(doc.covered(s)),
                        s.start(),
                        s.end()
                    ),
                    None => format!("{id}: {why}"),
                })
                .collect();
            out.push(format!(
                "{n} of {} annotations {} left out of the {format} file: {}",
                doc.spans().len(),
                if n == 1 { "was" } else { "were" },
                listed.join("; ")
            ));
        }
        let qualifiers = [
            (self.attributes, "attribute value"),
            (self.notes, "note"),
            (self.relations, "relation"),
        ];
        for (n, what) in qualifiers {
            if n > 0 {
                out.push(format!(
                    "{} left out: {format} has no place for {}",
                    super::resolve::count(n, what),
                    if n == 1 { "it" } else { "them" }
                ));
            }
        }
        if self.text_layout {
            out.push(format!(
                "the text's spacing and line breaks are not kept: {format} holds tokens only, and an import joins them with single spaces"
            ));
        }
        for (from, to) in &self.renamed_labels {
            out.push(format!("the label “{from}” is written as “{to}”: {format} labels cannot contain white space"));
        }
        if self.title {
            out.push(format!(
                "the title “{}” is not kept: {format} has no place for it",
                super::report::clip(doc.title())
            ));
        }
        if self.labels {
            out.push(format!(
                "the label list (its order, colours and unused labels) is not kept: {format} stores only the labels that annotations use"
            ));
            let defines = doc.labels().iter().any(|(_, l)| !l.attributes.is_empty());
            if defines || !doc.relations().is_empty() {
                out.push(format!(
                    "attribute definitions and relation types are not kept either: {format} holds values and relations, and an import rebuilds the definitions from them"
                ));
            }
        }
        out.extend(self.other.iter().cloned());
        out
    }
}

/// Whether a format without a title field loses this document's title.
pub(crate) fn title_lost(doc: &Document, text_after_import: &str) -> bool {
    doc.title() != derive_title(text_after_import)
}

/// Whether a format without a label list loses this document's labels, given the label names
/// in the order the file will hold them.
pub(crate) fn labels_lost<'a>(
    doc: &Document,
    names_in_file_order: impl IntoIterator<Item = &'a str>,
) -> bool {
    schema_lost(doc, names_in_file_order, &[], &[])
}

/// Whether a format without a schema loses this document's label set: whether an import,
/// rebuilding it from the label names in file order, the attribute values as the file writes
/// them (`(label, attribute, value)`) and the relation types its relations use (`kinds`, in
/// file order), would build a different one. The import's own code does the rebuilding.
pub(crate) fn schema_lost<'a>(
    doc: &Document,
    names_in_file_order: impl IntoIterator<Item = &'a str>,
    written: &[(String, String, RawValue)],
    kinds: &[&str],
) -> bool {
    let Ok(base) = labels_from_names(names_in_file_order) else {
        return true;
    };
    let uses = written.iter().map(|(l, n, v)| (l.as_str(), n.as_str(), v));
    grown(base, uses, None, kinds.iter().copied()).map_or(true, |set| &set != doc.labels())
}

/// The attribute values of the document's spans as a format writes them (`write` turns a
/// value into the file's form, `None` when the format cannot write it), as
/// `(label, attribute, value)` in text order.
pub(crate) fn written_values(
    doc: &Document,
    write: impl Fn(&AttrValue) -> Option<RawValue>,
) -> Vec<(String, String, RawValue)> {
    let mut out = Vec::new();
    for s in doc.spans().iter() {
        for (name, v) in s.attrs().iter() {
            if let Some(w) = write(v) {
                let label = doc.labels().name(s.label()).to_string();
                out.push((label, name.to_string(), w));
            }
        }
    }
    out
}

/// The relation types of the document's relations in the order a file writes them (id
/// order), each once.
pub(crate) fn relation_kinds(doc: &Document) -> Vec<&str> {
    super::resolve::distinct(doc.relations().iter().map(|r| r.kind()))
}

/// Counts of the document's attribute values, notes and relations, for a format that
/// carries none of them.
pub(crate) fn all_qualifiers(doc: &Document) -> (usize, usize, usize) {
    let attributes = doc.spans().iter().map(|s| s.attrs().len()).sum();
    let notes = doc.spans().iter().filter(|s| s.note().is_some()).count();
    (attributes, notes, doc.relations().len())
}

/// The label names of the document's spans in text order.
pub(crate) fn span_label_names(doc: &Document) -> Vec<&str> {
    doc.spans()
        .iter()
        .map(|s| doc.labels().name(s.label()))
        .collect()
}
