//! What the import dialog shows of a batch before anything is stored: how many documents,
//! which repeat a text the corpus (or the batch) already holds, which files or lines could
//! not be read, which documents left annotations out or offer an offset conversion, which
//! ids were renamed, and which labels would join the schema. All in plain words, made from
//! `corpus::batch::Batch` in the worker and sent to the page.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::corpus::batch::{Batch, Duplicate};
use crate::corpus::DocSummary;
use crate::model::LabelSet;

/// The most annotations listed one by one as left out.
pub const MAX_LINES: usize = 1000;

/// A batch, as the user decides on it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchSummary {
    /// Documents read.
    pub documents: usize,
    /// Documents whose text the corpus does not hold yet (nor an earlier one of the batch).
    pub new: usize,
    /// One line per duplicate.
    pub duplicates: Vec<String>,
    /// One line per file or line that could not be read.
    pub faults: Vec<String>,
    /// One line per annotation left out (the rest of its document is kept), at most
    /// [`MAX_LINES`] and a last line saying how many more.
    pub problems: Vec<String>,
    /// One line per document whose offsets fit the text better read another way.
    pub repairs: Vec<String>,
    /// One line per document whose id the corpus already had.
    pub renamed: Vec<String>,
    /// Labels the documents bring that the schema lacks (they join it).
    pub labels_added: Vec<String>,
    /// The columns of the tables in the batch (to choose the text column).
    pub columns: Vec<String>,
    /// Annotations the documents keep, and how many their files held (valid or not).
    pub spans: usize,
    pub spans_total: usize,
    /// What the files hold that the app does not keep (relations, attributes, …), in plain
    /// words, one line per document that has any.
    pub notes: Vec<String>,
    /// The unit the offered offset conversion reads offsets in ("UTF-16 code units"), when
    /// one is offered.
    pub repair_unit: Option<String>,
    /// When nothing could be read: why the first file could not, in plain words.
    pub failed_because: Option<String>,
}

/// "“Title” (file, line 3)".
fn place(title: &str, file: &str, line: Option<usize>) -> String {
    match line {
        Some(l) => format!("“{title}” ({file}, line {l})"),
        None => format!("“{title}” ({file})"),
    }
}

impl BatchSummary {
    /// True when the batch can be stored without asking: documents read, none a duplicate,
    /// nothing left out, nothing noted, no conversion offered.
    pub fn is_clean(&self) -> bool {
        self.documents > 0
            && self.duplicates.is_empty()
            && self.faults.is_empty()
            && self.problems.is_empty()
            && self.repairs.is_empty()
            && self.notes.is_empty()
    }

    /// The summary of `batch`, read against the corpus's documents and schema.
    pub fn of(
        batch: &Batch,
        existing: &[DocSummary],
        schema: &LabelSet,
        columns: Vec<String>,
    ) -> BatchSummary {
        let mut s = BatchSummary {
            documents: batch.documents.len(),
            new: batch.new_documents(),
            faults: batch.faults.iter().map(ToString::to_string).collect(),
            columns,
            failed_because: batch
                .documents
                .is_empty()
                .then(|| batch.faults.first().map(|f| f.message.clone()))
                .flatten(),
            ..BatchSummary::default()
        };
        let mut added = BTreeSet::new();
        let mut more_problems = 0usize;
        for d in &batch.documents {
            let here = place(d.doc().title(), &d.file, d.line);
            match &d.duplicate {
                Some(Duplicate::InCorpus { id }) => {
                    let title = existing
                        .iter()
                        .find(|e| &e.id == id)
                        .map_or(id.as_str(), |e| e.title.as_str());
                    s.duplicates
                        .push(format!("{here}: the same text as “{title}” in the corpus"));
                }
                Some(Duplicate::InBatch { index }) => {
                    let first = batch.documents.get(*index).map_or("", |f| f.doc().title());
                    s.duplicates.push(format!(
                        "{here}: the same text as “{first}” earlier in these files"
                    ));
                }
                None => {}
            }
            s.spans += d.doc().spans().len();
            s.spans_total += d.imported.total;
            if !d.imported.notes.is_empty() {
                s.notes
                    .push(format!("{here}: {}", d.imported.notes.join("; ")));
            }
            for p in &d.imported.problems {
                if s.problems.len() < MAX_LINES {
                    s.problems.push(format!("{here}: {p}"));
                } else {
                    more_problems += 1;
                }
            }
            if let Some(r) = &d.imported.repair {
                s.repairs.push(format!("{here}: {r}"));
                if s.repair_unit.is_none() {
                    s.repair_unit = Some(r.unit_found.to_string());
                }
            }
            if let Some(old) = &d.renamed_from {
                s.renamed.push(format!(
                    "{here}: the id “{old}” is taken, so it is stored as “{}”",
                    d.doc().id()
                ));
            }
            for (_, l) in d.doc().labels().iter() {
                if schema.by_name(&l.name).is_none()
                    && d.doc()
                        .spans()
                        .iter()
                        .any(|sp| d.doc().labels().name(sp.label()) == &*l.name)
                {
                    added.insert(l.name.to_string());
                }
            }
        }
        if more_problems > 0 {
            s.problems.push(format!(
                "… and {more_problems} more annotations that cannot be read"
            ));
        }
        s.labels_added = added.into_iter().collect();
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::batch::{read_batch, BatchOptions};

    #[test]
    fn a_batch_in_plain_words() {
        let existing_doc = crate::model::Document::new("Alt", "Schon da 😀", LabelSet::standard());
        let existing =
            vec![
                crate::format::store::DocRecord::new(&existing_doc, Default::default(), 1)
                    .summary(),
            ];
        let jsonl = concat!(
            "{\"text\": \"Merkel sagte etwas.\", \"spans\": [{\"start\": 0, \"end\": 6, \"label\": \"PERSON\"}]}\n",
            "{\"text\": \"Schon da 😀\"}\n",
            "not json\n",
            "{\"text\": \"Merkel sagte etwas.\"}\n",
        );
        let files = vec![("texte.jsonl".to_string(), jsonl.as_bytes().to_vec())];
        let schema = LabelSet::standard();
        let opts = BatchOptions {
            kind: None,
            text_column: None,
            labels: &schema,
            existing: &existing,
            limits: crate::corpus::batch::Limits::APP,
        };
        let batch = read_batch(&files, &opts).unwrap();
        let s = BatchSummary::of(&batch, &existing, &schema, Vec::new());
        assert_eq!((s.documents, s.new), (3, 1));
        assert_eq!(s.labels_added, ["PERSON"]);
        assert_eq!((s.spans, s.spans_total), (1, 1));
        assert_eq!(s.failed_because, None);
        assert!(!s.is_clean());
        assert_eq!(s.faults.len(), 1);
        assert!(
            s.faults[0].starts_with("texte.jsonl, line 3: "),
            "{:?}",
            s.faults
        );
        assert!(
            s.duplicates
                .iter()
                .any(|d| d.ends_with("the same text as “Alt” in the corpus")),
            "{:?}",
            s.duplicates
        );
        assert!(
            s.duplicates
                .iter()
                .any(|d| d.contains("earlier in these files")),
            "{:?}",
            s.duplicates
        );
    }

    #[track_caller]
    fn summary_of(name: &str, content: &str) -> BatchSummary {
        let schema = LabelSet::standard();
        let opts = BatchOptions {
            kind: None,
            text_column: None,
            labels: &schema,
            existing: &[],
            limits: crate::corpus::batch::Limits::APP,
        };
        let files = vec![(name.to_string(), content.as_bytes().to_vec())];
        BatchSummary::of(
            &read_batch(&files, &opts).unwrap(),
            &[],
            &schema,
            Vec::new(),
        )
    }

    #[test]
    fn clean_failed_and_repairable_batches() {
        let clean = summary_of("نص.txt", "مرحبا بالعالم 👋🏽");
        assert!(clean.is_clean(), "{clean:?}");
        assert_eq!((clean.documents, clean.failed_because), (1, None));

        let broken = summary_of("broken.json", "{ this is not json");
        assert!(!broken.is_clean());
        assert_eq!(broken.documents, 0);
        let why = broken.failed_because.unwrap_or_default();
        assert!(why.contains("JSON"), "{why}");

        // doccano's UI counts UTF-16 units: after the emoji, offsets fit only read that way.
        let text = "👨‍👩‍👧 Obama visited Paris.";
        let u16_at = |needle: &str| {
            let i = text.find(needle).unwrap();
            let start = text[..i].encode_utf16().count();
            (start, start + needle.encode_utf16().count())
        };
        let (a, b) = u16_at("Obama");
        let (c, d) = u16_at("Paris");
        let line = format!(
            "{{\"text\": \"{text}\", \"label\": [[{a}, {b}, \"PER\"], [{c}, {d}, \"LOC\"]]}}\n"
        );
        let repairable = summary_of("export.jsonl", &line);
        assert_eq!(repairable.repairs.len(), 1, "{repairable:?}");
        assert!(repairable
            .repair_unit
            .as_deref()
            .unwrap_or_default()
            .contains("UTF-16"));
        assert!(!repairable.is_clean());
    }
}
