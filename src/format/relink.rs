//! Rewriting one stored document for an edit of the schema's relation types. A stored relation
//! and a stored link step name their type (`store::WireRelation`), so renaming a type rewrites
//! the document's `links` list and every step that names it, and deleting one removes its
//! relations (counted, for the message) and cuts the undo steps that name it, as
//! `format::relabel` does for a deleted label: a history with a hole would replay the wrong
//! edits. Pure: the worker reads the strings and writes the batch (`browser::retype`).

use super::qualifiers::WireRelation;
use super::relabel::{fate, history_writes, Fate};
use super::store::{Batch, DocRecord, StepRecord, Write};

/// What an edit of the relation types does to stored type names.
#[derive(Clone, Copy, Debug)]
pub struct Retype<'a> {
    pub renames: &'a [(String, String)],
    pub deletes: &'a [String],
}

impl Retype<'_> {
    fn fate(&self, kind: &str) -> Fate<'_> {
        fate(self.renames, self.deletes, kind)
    }
}

/// A document's rewrite: the batch to commit (over the record's revision), the record as it
/// will then be stored, and how many relations a delete removed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Retyped {
    pub batch: Batch,
    pub record: DocRecord,
    pub removed: usize,
}

/// The stored relations (`links` JSON) whose type is one of `kinds`.
pub fn count(links: Option<&str>, kinds: &[String]) -> usize {
    read(links)
        .iter()
        .filter(|r| kinds.contains(&r.kind))
        .count()
}

fn read(links: Option<&str>) -> Vec<WireRelation> {
    links
        .and_then(|j| serde_json::from_str(j).ok())
        .unwrap_or_default()
}

/// The relations of a step, to read or rename their types.
fn step_relations(step: &mut StepRecord) -> Vec<&mut WireRelation> {
    match step {
        StepRecord::Link { relations } | StepRecord::Unlink { relations } => {
            relations.iter_mut().collect()
        }
        StepRecord::Steps { steps } => steps.iter_mut().flat_map(step_relations).collect(),
        _ => Vec::new(),
    }
}

/// The rewrite of a document (its record, its stored `links` and history steps, as read) for
/// `how`; `None` when nothing of it changes. Steps that cannot be read are left as they are.
pub fn retype(
    record: &DocRecord,
    links: Option<&str>,
    steps: &[String],
    how: &Retype,
) -> Option<Retyped> {
    let mut writes = Vec::new();
    let (mut kept, mut removed, mut changed) = (Vec::new(), 0, false);
    for mut r in read(links) {
        match how.fate(&r.kind) {
            Fate::Kept => kept.push(r),
            Fate::Renamed(new) => {
                r.kind = new.to_string();
                changed = true;
                kept.push(r);
            }
            Fate::Deleted => {
                removed += 1;
                changed = true;
            }
        }
    }
    if changed {
        // Strings only: serialising cannot fail.
        writes.push(Write::PutRelations(
            serde_json::to_string(&kept).unwrap_or_default(),
        ));
    }
    writes.extend(history_writes(steps, record.cursor, |step| {
        let (mut deleted, mut renamed) = (false, false);
        for r in step_relations(step) {
            match how.fate(&r.kind) {
                Fate::Kept => {}
                Fate::Renamed(new) => {
                    r.kind = new.to_string();
                    renamed = true;
                }
                Fate::Deleted => deleted = true,
            }
        }
        (deleted, renamed)
    }));
    if writes.is_empty() {
        return None;
    }
    let mut next = record.clone();
    next.revision = record.revision.saturating_add(1);
    writes.insert(0, Write::Record(next.to_json()));
    Some(Retyped {
        batch: Batch {
            doc: record.id.clone(),
            base: Some(record.revision),
            writes,
        },
        record: next,
        removed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::store::NumberedStep;
    use crate::model::{CharRange, Document, Editor, LabelId, LabelSet, Span, SpanId};

    /// A stored document with a quote and two speakers linked `said_by` and `related_to`, its
    /// history (two spans added, two links, one link undone) as the store keeps it.
    fn stored() -> (DocRecord, String, Vec<String>) {
        let text = "«Ça ira», dit Zoë 👩🏽‍🚀 à 北京.";
        let doc = Document::new("t", text, LabelSet::standard());
        let mut ed = Editor::new(doc);
        let span = |id: &str, l: u8, a: usize, b: usize| {
            Span::new(SpanId::new(id), LabelId(l), CharRange::new(a, b).unwrap()).unwrap()
        };
        let doc = ed
            .doc()
            .clone()
            .with_spans(vec![
                span("q", 2, 0, 8),
                span("z", 0, 14, 17),
                span("b", 0, 25, 27),
            ])
            .unwrap();
        ed.replace_document(doc);
        let (q, z, b) = (SpanId::new("q"), SpanId::new("z"), SpanId::new("b"));
        ed.link("said_by", &q, &z).unwrap();
        ed.link("related_to", &q, &b).unwrap();
        ed.link("related_to", &z, &b).unwrap();
        ed.undo().unwrap();
        let record = DocRecord::new(ed.doc(), Default::default(), 1);
        let links = crate::format::store::relations_to_json(ed.doc());
        let (done, undone) = ed.history();
        let labels = ed.doc().labels().clone();
        let mut steps = Vec::new();
        for (i, e) in done.iter().chain(undone.iter().rev()).enumerate() {
            if let Some(step) = StepRecord::of(&e.edit, &labels) {
                let n = NumberedStep {
                    number: u64::try_from(i + 1).unwrap(),
                    step,
                };
                steps.push(serde_json::to_string(&n).unwrap());
            }
        }
        let mut record = record;
        record.cursor = u64::try_from(done.len()).unwrap();
        (record, links, steps)
    }

    /// `(type, from, to)` of a stored list.
    fn kinds(json: &str) -> Vec<(String, String, String)> {
        serde_json::from_str::<Vec<WireRelation>>(json)
            .unwrap()
            .into_iter()
            .map(|r| (r.kind, r.from, r.to))
            .collect()
    }

    fn t(k: &str, a: &str, b: &str) -> (String, String, String) {
        (k.into(), a.into(), b.into())
    }

    #[test]
    fn a_rename_follows_into_links_and_steps() {
        let (record, links, steps) = stored();
        assert_eq!(count(Some(&links), &["related_to".into()]), 1);
        let how = Retype {
            renames: &[("related_to".into(), "verwandt_mit 🔗".into())],
            deletes: &[],
        };
        let r = retype(&record, Some(&links), &steps, &how).unwrap();
        assert_eq!(r.removed, 0);
        assert_eq!(r.record.revision, record.revision + 1);
        let Some(Write::PutRelations(json)) = r.batch.writes.get(1) else {
            panic!("{:?}", r.batch.writes)
        };
        assert_eq!(
            kinds(json),
            [t("said_by", "q", "z"), t("verwandt_mit 🔗", "q", "b")]
        );
        let renamed_steps = r
            .batch
            .writes
            .iter()
            .filter(
                |w| matches!(w, Write::PutStep { json, .. } if json.contains("verwandt_mit 🔗")),
            )
            .count();
        assert_eq!(renamed_steps, 2, "the done link and the undone one");
        let none = Retype {
            renames: &[("claimed_by".into(), "x".into())],
            deletes: &[],
        };
        assert_eq!(retype(&record, Some(&links), &steps, &none), None);
        assert_eq!(retype(&record, None, &[], &how), None);
    }

    #[test]
    fn a_delete_removes_relations_and_cuts_the_steps_naming_it() {
        let (record, links, steps) = stored();
        let how = Retype {
            renames: &[],
            deletes: &["related_to".into()],
        };
        let r = retype(&record, Some(&links), &steps, &how).unwrap();
        assert_eq!(r.removed, 1);
        let Some(Write::PutRelations(json)) = r.batch.writes.get(1) else {
            panic!("{:?}", r.batch.writes)
        };
        assert_eq!(kinds(json), [t("said_by", "q", "z")]);
        // Steps: 1 add spans (replace: not stored), link said_by, link related_to (done), link
        // related_to (undone): every done step up to the newest naming it goes, and the redo.
        let cut: Vec<u64> = r
            .batch
            .writes
            .iter()
            .filter_map(|w| match w {
                Write::DeleteStep(n) => Some(*n),
                _ => None,
            })
            .collect();
        assert_eq!(cut.len(), steps.len(), "{cut:?}");
    }
}
