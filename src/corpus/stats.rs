//! Label statistics of a corpus: documents, spans, and per label its spans, the documents
//! that use it and the average span length in code points; and the documents without any
//! span. The app's statistics panel draws these; `annotate stats` prints [`Stats::to_json`]:
//!
//! ```json
//! {"documents": 3, "spans": 5,
//!  "labels": {"Entity": {"spans": 4, "documents": 2, "characters": 30, "average_length": 7.5},
//!             "Claim": {"spans": 0, "documents": 0, "characters": 0, "average_length": null}},
//!  "without_spans": ["doc-3"]}
//! ```
//!
//! - Every label of the label set of every document with spans is listed, used or not (an
//!   unused label of the schema is worth seeing); a document without spans adds no labels
//!   (a plain text read into the default set would list labels nobody chose). Labels are
//!   keyed by name, so documents with different sets add up by name.
//! - `average_length` is `characters / spans` rounded to two decimals, `null` for a label
//!   with no spans. The numbers themselves are integers ([`LabelStats::average_hundredths`]),
//!   so the app shows them without float formatting.
//! - `without_spans` lists ids in the order the documents were added.
//! - `attributes` counts the spans carrying each attribute value, by label, attribute and
//!   value as written (`yes`/`no` for a flag), and `notes` the spans with a note; both are
//!   left out of the JSON when nothing carries any:
//!   `"attributes": {"Claim": {"check-worthy": {"yes": 2, "unsure": 1}}}, "notes": 1`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::Document;

/// The numbers of one label.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelStats {
    pub spans: usize,
    /// Documents with at least one span of the label.
    pub documents: usize,
    /// Code points covered by its spans, added up (overlaps count each time).
    pub characters: usize,
}

impl LabelStats {
    /// The average span length in hundredths of a code point, rounded half up; `None` without
    /// spans.
    pub fn average_hundredths(&self) -> Option<usize> {
        let spans = self.spans;
        (spans > 0).then(|| {
            self.characters
                .saturating_mul(100)
                .saturating_add(spans / 2)
                / spans
        })
    }
}

/// The statistics of a set of documents (sent whole from the app's worker to the page).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    pub documents: usize,
    pub spans: usize,
    pub labels: BTreeMap<String, LabelStats>,
    /// Ids of the documents without any span, in the order added.
    pub without_spans: Vec<String>,
    /// Spans per label, attribute and value.
    #[serde(default)]
    pub attributes: AttrCounts,
    /// Spans with a note.
    #[serde(default)]
    pub notes: usize,
}

/// Spans per label name, attribute name and value (as text).
pub type AttrCounts = BTreeMap<String, BTreeMap<String, BTreeMap<String, usize>>>;

/// One row of [`Stats::value_rows`]: label, attribute, value, spans.
pub type ValueRow<'a> = (&'a str, &'a str, &'a str, usize);

#[derive(Serialize)]
struct WireStats<'a> {
    documents: usize,
    spans: usize,
    labels: BTreeMap<&'a str, WireLabel>,
    without_spans: &'a [String],
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    attributes: &'a AttrCounts,
    #[serde(skip_serializing_if = "is_zero")]
    notes: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

#[derive(Serialize)]
struct WireLabel {
    spans: usize,
    documents: usize,
    characters: usize,
    average_length: Option<f64>,
}

impl Stats {
    /// The statistics of `docs`.
    pub fn of<'a>(docs: impl IntoIterator<Item = &'a Document>) -> Stats {
        let mut s = Stats::default();
        for d in docs {
            s.add(d);
        }
        s
    }

    /// Counts one more document.
    pub fn add(&mut self, doc: &Document) {
        self.documents += 1;
        self.spans += doc.spans().len();
        if doc.spans().is_empty() {
            self.without_spans.push(doc.id().to_string());
            return;
        }
        let mut here: Vec<LabelStats> = vec![LabelStats::default(); doc.labels().len()];
        for s in doc.spans().iter() {
            self.add_values(
                doc.labels().name(s.label()),
                s.attrs().iter().map(|(n, v)| (n, v.as_text())),
                s.note().is_some(),
            );
            if let Some(l) = here.get_mut(s.label().index()) {
                l.spans += 1;
                l.characters += s.range().len();
            }
        }
        for ((_, label), counted) in doc.labels().iter().zip(here) {
            let total = self.labels.entry(label.name.to_string()).or_default();
            total.spans += counted.spans;
            total.characters += counted.characters;
            total.documents += usize::from(counted.spans > 0);
        }
    }

    /// Counts one more document from what its stored spans say, without its text: `id`, the
    /// corpus's label names (`labels`, every one listed) and each span's label name and
    /// length in code points. A span whose label the list lacks counts under its own name.
    pub fn add_counted<'a>(
        &mut self,
        id: &str,
        labels: &[&str],
        spans: impl IntoIterator<Item = (&'a str, usize)>,
    ) {
        self.documents += 1;
        let mut here: BTreeMap<&str, LabelStats> = BTreeMap::new();
        let mut n = 0;
        for (label, len) in spans {
            n += 1;
            let l = here.entry(label).or_default();
            l.spans += 1;
            l.characters = l.characters.saturating_add(len);
        }
        self.spans += n;
        if n == 0 {
            self.without_spans.push(id.to_string());
            return;
        }
        for name in labels {
            here.entry(name).or_default();
        }
        for (name, counted) in here {
            let total = self.labels.entry(name.to_string()).or_default();
            total.spans += counted.spans;
            total.characters = total.characters.saturating_add(counted.characters);
            total.documents += usize::from(counted.spans > 0);
        }
    }

    /// Counts one span's attribute values (name, value as text) under its label's name, and
    /// its note.
    pub fn add_values<'a>(
        &mut self,
        label: &str,
        values: impl IntoIterator<Item = (&'a str, &'a str)>,
        note: bool,
    ) {
        self.notes += usize::from(note);
        for (name, value) in values {
            let n = self
                .attributes
                .entry(label.to_string())
                .or_default()
                .entry(name.to_string())
                .or_default()
                .entry(value.to_string())
                .or_default();
            *n = n.saturating_add(1);
        }
    }

    /// Every counted value as `(label, attribute, value, spans)`, in that order, keeping
    /// those whose `label · attribute: value` holds `filter` (any case; empty keeps all).
    pub fn value_rows(&self, filter: &str) -> Vec<ValueRow<'_>> {
        let filter = filter.trim().to_lowercase();
        let mut out = Vec::new();
        for (label, attrs) in &self.attributes {
            for (name, values) in attrs {
                for (value, &n) in values {
                    let words = format!("{label} · {name}: {value}").to_lowercase();
                    if words.contains(&filter) {
                        out.push((label.as_str(), name.as_str(), value.as_str(), n));
                    }
                }
            }
        }
        out
    }

    /// The JSON `annotate stats` prints (see the module docs), pretty-printed.
    pub fn to_json(&self) -> String {
        let labels = self
            .labels
            .iter()
            .map(|(name, l)| {
                let wire = WireLabel {
                    spans: l.spans,
                    documents: l.documents,
                    characters: l.characters,
                    // Hundredths are an exact integer below 2^53 for any real corpus.
                    average_length: l.average_hundredths().map(|h| h as f64 / 100.0),
                };
                (name.as_str(), wire)
            })
            .collect();
        let wire = WireStats {
            documents: self.documents,
            spans: self.spans,
            labels,
            without_spans: &self.without_spans,
            attributes: &self.attributes,
            notes: self.notes,
        };
        // Plain numbers, strings and maps of them: serialising cannot fail.
        serde_json::to_string_pretty(&wire).unwrap_or_default()
    }
}

#[cfg(test)]
mod attr_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CharRange, LabelId, LabelSet, Span, SpanId};
    use serde_json::json;

    fn doc(id: &str, text: &str, labels: &LabelSet, spans: &[(u8, usize, usize)]) -> Document {
        let spans = spans
            .iter()
            .enumerate()
            .map(|(i, &(l, a, b))| {
                let r = CharRange::new(a, b).unwrap();
                Span::new(SpanId::new(&format!("s{i}")), LabelId(l), r).unwrap()
            })
            .collect();
        Document::new(id, text, labels.clone())
            .with_id(id)
            .with_spans(spans)
            .unwrap()
    }

    #[track_caller]
    fn check(docs: &[Document], want: serde_json::Value) {
        let got: serde_json::Value = serde_json::from_str(&Stats::of(docs).to_json()).unwrap();
        assert_eq!(got, want);
    }

    #[test]
    fn counts_by_label_name_across_documents() {
        let std = LabelSet::standard();
        let other = LabelSet::from_names(&["Quote", "PERSON"]).unwrap();
        // "Ана́ліз" is 7 code points (a combining accent), 👩🏽‍💻 is 4, 習近平 is 3.
        let a = doc(
            "a",
            "Ана́ліз: 習近平 said “we agree” 👩🏽‍💻\r\nCafé",
            &std,
            &[(0, 0, 7), (0, 9, 12), (2, 18, 28), (0, 29, 33)],
        );
        let b = doc("b", "مرحبا بالعالم", &std, &[]);
        let c = doc("c", "Merkel said", &other, &[(1, 0, 6), (0, 7, 11)]);
        check(
            &[a, b, c],
            json!({
                "documents": 3,
                "spans": 6,
                "labels": {
                    "Entity": {"spans": 3, "documents": 1, "characters": 14, "average_length": 4.67},
                    "Claim": {"spans": 0, "documents": 0, "characters": 0, "average_length": null},
                    "Quote": {"spans": 2, "documents": 2, "characters": 14, "average_length": 7.0},
                    "PERSON": {"spans": 1, "documents": 1, "characters": 6, "average_length": 6.0}
                },
                "without_spans": ["b"]
            }),
        );
        check(
            &[],
            json!({"documents": 0, "spans": 0, "labels": {}, "without_spans": []}),
        );
    }

    #[test]
    fn averages_round_half_up_in_hundredths() {
        let l = |spans, characters| LabelStats {
            spans,
            documents: 1,
            characters,
        };
        assert_eq!(l(3, 14).average_hundredths(), Some(467));
        assert_eq!(l(8, 1).average_hundredths(), Some(13)); // 12.5 rounds up
        assert_eq!(l(0, 0).average_hundredths(), None);
        assert_eq!(l(1, usize::MAX).average_hundredths(), Some(usize::MAX));
    }

    #[test]
    fn counted_from_stored_spans_equals_counted_from_documents() {
        let std = LabelSet::standard();
        let docs = [
            doc(
                "a",
                "Ангела Меркель 👩🏽‍⚖️ сказала",
                &std,
                &[(0, 0, 14), (2, 15, 20), (0, 0, 6)],
            ),
            doc("b", "東京と大阪", &std, &[(0, 0, 2), (0, 3, 5)]),
            doc("c", "שלום עולם\r\n", &std, &[]),
            doc("d", "a", &std, &[(1, 0, 1)]),
        ];
        let names: Vec<&str> = std.iter().map(|(_, l)| &*l.name).collect();
        let mut counted = Stats::default();
        for d in &docs {
            let spans: Vec<(&str, usize)> = d
                .spans()
                .iter()
                .map(|s| (d.labels().name(s.label()), s.range().len()))
                .collect();
            counted.add_counted(d.id(), &names, spans);
        }
        assert_eq!(counted, Stats::of(&docs));
        // A stored span whose label the schema lost still counts, under its name.
        let mut odd = Stats::default();
        odd.add_counted("x", &names, [("PERSON", 3)]);
        assert_eq!(
            odd.labels.get("PERSON").map(|l| (l.spans, l.documents)),
            Some((1, 1))
        );
        assert_eq!(odd.labels.get("Claim"), Some(&LabelStats::default()));
    }
}
