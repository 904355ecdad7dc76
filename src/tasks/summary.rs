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
    /// One line per document that left annotations out (the rest of it is kept).
    pub problems: Vec<String>,
    /// One line per document whose offsets fit the text better read another way.
    pub repairs: Vec<String>,
    /// One line per document whose id the corpus already had.
    pub renamed: Vec<String>,
    /// Labels the documents bring that the schema lacks (they join it).
    pub labels_added: Vec<String>,
    /// The columns of the tables in the batch (to choose the text column).
    pub columns: Vec<String>,
}

/// "“Title” (file, line 3)".
fn place(title: &str, file: &str, line: Option<usize>) -> String {
    match line {
        Some(l) => format!("“{title}” ({file}, line {l})"),
        None => format!("“{title}” ({file})"),
    }
}

impl BatchSummary {
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
            ..BatchSummary::default()
        };
        let mut added = BTreeSet::new();
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
            let left_out = d.imported.problems.len();
            if left_out > 0 {
                let first = d
                    .imported
                    .problems
                    .first()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                s.problems.push(format!(
                    "{here}: {left_out} of its annotations cannot be read ({first}{})",
                    if left_out > 1 { "; …" } else { "" }
                ));
            }
            if let Some(r) = &d.imported.repair {
                s.repairs.push(format!("{here}: {r}"));
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
}
