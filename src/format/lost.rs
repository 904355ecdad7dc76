//! What an export could not carry, kept as data ([`Lost`]) so that tests can compare it with
//! what a re-import actually lacks, and turned into plain-words notes for the user.
//!
//! Span ids and the document id are not counted as losses: they are internal handles, and
//! an import numbers spans `a1`, `a2`, … when a format has no ids.

use super::resolve::labels_from_names;
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
    labels_from_names(names_in_file_order).map_or(true, |rebuilt| &rebuilt != doc.labels())
}

/// The label names of the document's spans in text order.
pub(crate) fn span_label_names(doc: &Document) -> Vec<&str> {
    doc.spans()
        .iter()
        .map(|s| doc.labels().name(s.label()))
        .collect()
}
