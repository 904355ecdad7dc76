//! Rewriting one stored document for an edit of the corpus's label schema. Stored spans and
//! undo steps name their label (`store::SpanRecord`), so renaming a label rewrites every span
//! and step that names it, and deleting one removes its spans (handed back, so that "undo
//! delete label" can put them back with [`restore`]) and the undo steps that mention it.
//! Moving, recolouring and describing a label change no stored document. Pure: the worker
//! reads the strings and writes the batch (`browser::work`); nothing here knows the store.
//!
//! An edit of a label's attributes renames or drops the values spans and undo steps carry
//! ([`AttrRewrite`]); no step is cut for it.
//!
//! Undo steps that mention a deleted label can no longer be replayed, and a history with a
//! hole in it would replay the wrong edits, so the history is cut to the run around the
//! cursor that does not mention it: done steps up to the newest one mentioning the label go,
//! and so do redo steps from the oldest one mentioning it.

use std::collections::{BTreeMap, HashSet};

use super::store::{Batch, DocRecord, NumberedStep, SpanRecord, StepRecord, Write};

mod attrs;
pub use attrs::{AttrFate, AttrRewrite};

/// What a schema edit does to stored label names: `(old, new)` renames, and deleted names;
/// and to stored attribute values (an edit of a label's attributes).
#[derive(Clone, Copy, Debug)]
pub struct Relabel<'a> {
    pub renames: &'a [(String, String)],
    pub deletes: &'a [String],
    pub attrs: &'a [AttrRewrite],
}

/// What becomes of one stored name (a label's, or a relation type's in `format::relink`).
pub(super) enum Fate<'a> {
    Kept,
    Renamed(&'a str),
    Deleted,
}

/// The fate of `name` under `(old, new)` renames and deletes.
pub(super) fn fate<'a>(
    renames: &'a [(String, String)],
    deletes: &[String],
    name: &str,
) -> Fate<'a> {
    if deletes.iter().any(|d| d == name) {
        return Fate::Deleted;
    }
    match renames.iter().find(|(old, _)| old == name) {
        Some((_, new)) => Fate::Renamed(new),
        None => Fate::Kept,
    }
}

/// The writes that rewrite a document's stored undo steps (JSON, as read): `rewrite` changes
/// one step in place and says whether it names something deleted and whether it changed.
/// Steps that cannot be read are left as they are. A step naming something deleted cuts the
/// history there (a history with a hole would replay the wrong edits): the done steps up to
/// the last such one at or before `cursor`, and the undone ones from the first such one after
/// it; changed steps that stay are written back.
pub(super) fn history_writes(
    steps: &[String],
    cursor: u64,
    mut rewrite: impl FnMut(&mut StepRecord) -> (bool, bool),
) -> Vec<Write> {
    // Each readable step: its number, whether it names something deleted, its changed form.
    let mut parsed: Vec<(u64, bool, Option<NumberedStep>)> = Vec::new();
    for json in steps {
        let Ok(mut step) = serde_json::from_str::<NumberedStep>(json) else {
            continue;
        };
        let (deleted, changed) = rewrite(&mut step.step);
        parsed.push((step.number, deleted, changed.then_some(step)));
    }
    let cut_done = parsed
        .iter()
        .filter(|(n, deleted, _)| *deleted && *n <= cursor)
        .map(|(n, ..)| *n)
        .max();
    let cut_redo = parsed
        .iter()
        .filter(|(n, deleted, _)| *deleted && *n > cursor)
        .map(|(n, ..)| *n)
        .min();
    let mut writes = Vec::new();
    for (number, _, changed) in parsed {
        let cut = cut_done.is_some_and(|c| number <= c) || cut_redo.is_some_and(|c| number >= c);
        if cut {
            writes.push(Write::DeleteStep(number));
        } else if let Some(step) = changed {
            writes.push(Write::PutStep {
                step: number,
                json: serde_json::to_string(&step).unwrap_or_default(),
            });
        }
    }
    writes
}

impl Relabel<'_> {
    fn fate(&self, name: &str) -> Fate<'_> {
        fate(self.renames, self.deletes, name)
    }

    /// True when the document may need rewriting: its spans use a renamed or deleted label,
    /// or it has an undo history (whose steps may name one). Read from the record alone.
    pub fn may_touch(&self, record: &DocRecord) -> bool {
        record.cursor > 0
            || record.labels.iter().any(|(name, &n)| {
                n > 0
                    && (!matches!(self.fate(name), Fate::Kept)
                        || self.attrs.iter().any(|a| a.label == *name))
            })
    }

    /// Applies the attribute rewrites to a stored span; true when it changed.
    fn requalify(&self, span: &mut SpanRecord) -> bool {
        // Every rewrite is applied (no short cut once one changed the span).
        let mut changed = false;
        for a in self.attrs {
            changed |= a.apply(span);
        }
        changed
    }
}

/// A document's rewrite: the batch to commit (over the record's revision), the record as it
/// will then be stored, and the spans a delete removed (their stored JSON).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rewritten {
    pub batch: Batch,
    pub record: DocRecord,
    pub removed: Vec<String>,
}

fn span_json(r: &SpanRecord) -> String {
    // Strings and numbers: serialising cannot fail.
    serde_json::to_string(r).unwrap_or_default()
}

/// The spans of a step, to read or rename their labels.
fn step_spans(step: &mut StepRecord) -> Vec<&mut SpanRecord> {
    match step {
        StepRecord::Add { spans } | StepRecord::Remove { spans } => spans.iter_mut().collect(),
        StepRecord::Update { before, after } => vec![before, after],
        StepRecord::Change { removed, added } => removed.iter_mut().chain(added).collect(),
        StepRecord::Link { .. } | StepRecord::Unlink { .. } => Vec::new(),
        StepRecord::Steps { steps } => steps.iter_mut().flat_map(step_spans).collect(),
    }
}

/// Spans per label name, as a record counts them.
fn counts<'a>(spans: impl Iterator<Item = &'a SpanRecord>) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for s in spans {
        *out.entry(s.label.clone()).or_insert(0) += 1;
    }
    out
}

/// The rewrite of a document (its record, its stored spans and history steps, as read) for
/// `how`; `None` when nothing of it changes. Spans and steps that cannot be read are left as
/// they are.
pub fn relabel(
    record: &DocRecord,
    spans: &[String],
    steps: &[String],
    how: &Relabel,
) -> Option<Rewritten> {
    let mut writes = Vec::new();
    let mut removed = Vec::new();
    let mut kept: Vec<SpanRecord> = Vec::new();
    for json in spans {
        let Ok(mut span) = serde_json::from_str::<SpanRecord>(json) else {
            continue;
        };
        match how.fate(&span.label) {
            Fate::Kept => {
                if how.requalify(&mut span) {
                    writes.push(Write::PutSpan {
                        id: span.id.clone(),
                        json: span_json(&span),
                    });
                }
                kept.push(span)
            }
            Fate::Renamed(new) => {
                span.label = new.to_string();
                writes.push(Write::PutSpan {
                    id: span.id.clone(),
                    json: span_json(&span),
                });
                kept.push(span);
            }
            Fate::Deleted => {
                writes.push(Write::DeleteSpan(span.id.clone()));
                removed.push(json.clone());
            }
        }
    }
    writes.extend(history_writes(steps, record.cursor, |step| {
        let (mut deleted, mut renamed) = (false, false);
        for s in step_spans(step) {
            match how.fate(&s.label) {
                Fate::Kept => renamed |= how.requalify(s),
                Fate::Renamed(new) => {
                    s.label = new.to_string();
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
    Some(finish(record, writes, counts(kept.iter()), removed))
}

/// Puts spans a delete removed (their stored JSON) back into a document whose stored spans
/// are `spans`; a span whose id has been given to a new span since comes back under a fresh
/// id. `None` when there is nothing to put back.
pub fn restore(record: &DocRecord, spans: &[String], removed: &[String]) -> Option<Rewritten> {
    let mut all: Vec<SpanRecord> = spans
        .iter()
        .filter_map(|j| serde_json::from_str(j).ok())
        .collect();
    let mut taken: HashSet<String> = all.iter().map(|s| s.id.clone()).collect();
    let mut writes = Vec::new();
    for json in removed {
        let Ok(mut span) = serde_json::from_str::<SpanRecord>(json) else {
            continue;
        };
        let base = span.id.clone();
        let mut n = 1u64;
        while taken.contains(&span.id) {
            n = n.saturating_add(1);
            span.id = format!("{base}-restored-{n}");
        }
        taken.insert(span.id.clone());
        writes.push(Write::PutSpan {
            id: span.id.clone(),
            json: span_json(&span),
        });
        all.push(span);
    }
    if writes.is_empty() {
        return None;
    }
    Some(finish(record, writes, counts(all.iter()), Vec::new()))
}

fn finish(
    record: &DocRecord,
    mut writes: Vec<Write>,
    labels: BTreeMap<String, usize>,
    removed: Vec<String>,
) -> Rewritten {
    let mut next = record.clone();
    next.labels = labels;
    next.revision = record.revision.saturating_add(1);
    writes.insert(0, Write::Record(next.to_json()));
    Rewritten {
        batch: Batch {
            doc: record.id.clone(),
            base: Some(record.revision),
            writes,
        },
        record: next,
        removed,
    }
}

#[cfg(test)]
mod tests;
