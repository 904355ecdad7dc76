//! Every change a user can make to a document, as a reversible [`Edit`], and the [`Editor`]
//! that checks a request, applies it and keeps the undo and redo stacks. Each user action is
//! exactly one edit, so one undo takes back one action, however many spans it touched.

mod qualify;
mod swap;

pub use swap::{End, NewLink, NewSpan};

use std::fmt;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::attribute::Attrs;
use super::caret::{resize, snap_to_words, Dir, Edge, Step};
use super::document::Document;
use super::label::LabelId;
use super::relation::Relation;
use super::selection::span_range_for_selection;
use super::span::{CharRange, Span, SpanId};

/// How many actions can be undone. Older ones are forgotten (the document itself is kept).
pub const HISTORY_LIMIT: usize = 500;

/// One reversible change.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Spans added.
    Add(Vec<Span>),
    /// Spans removed.
    Remove(Vec<Span>),
    /// One span changed its label, range, attributes or note (same id).
    Update { before: Span, after: Span },
    /// Spans removed and others added in one step (a review decision that swaps one
    /// annotator's version of a region for another's).
    Change {
        removed: Vec<Span>,
        added: Vec<Span>,
    },
    /// The whole document replaced (a new article, an import).
    Replace {
        before: Box<Document>,
        after: Box<Document>,
    },
    /// Relations added.
    Link(Vec<Relation>),
    /// Relations removed.
    Unlink(Vec<Relation>),
    /// Several edits as one step, applied in order (deleting a span unlinks its relations
    /// first). Never holds a `Replace`.
    Steps(Vec<Edit>),
}

impl Edit {
    /// The edit that undoes this one.
    pub fn inverse(&self) -> Edit {
        match self {
            Edit::Add(s) => Edit::Remove(s.clone()),
            Edit::Remove(s) => Edit::Add(s.clone()),
            Edit::Update { before, after } => Edit::Update {
                before: after.clone(),
                after: before.clone(),
            },
            Edit::Change { removed, added } => Edit::Change {
                removed: added.clone(),
                added: removed.clone(),
            },
            Edit::Replace { before, after } => Edit::Replace {
                before: after.clone(),
                after: before.clone(),
            },
            Edit::Link(r) => Edit::Unlink(r.clone()),
            Edit::Unlink(r) => Edit::Link(r.clone()),
            Edit::Steps(steps) => Edit::Steps(steps.iter().rev().map(Edit::inverse).collect()),
        }
    }

    fn apply(&self, doc: &mut Document) {
        match self {
            Edit::Add(s) => doc.insert_spans(s),
            Edit::Remove(s) => doc.remove_spans(s),
            Edit::Update { after, .. } => doc.replace_span(after.clone()),
            Edit::Change { removed, added } => {
                doc.remove_spans(removed);
                doc.insert_spans(added);
            }
            Edit::Replace { after, .. } => *doc = (**after).clone(),
            Edit::Link(r) => doc.insert_relations(r),
            Edit::Unlink(r) => doc.remove_relations(r),
            Edit::Steps(steps) => steps.iter().for_each(|e| e.apply(doc)),
        }
    }
}

/// Why a request changed nothing. Shown to the user as is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The selection holds nothing but white space (or nothing at all).
    EmptySelection,
    /// The same label already covers exactly this text.
    Duplicate { label: String, text: String },
    /// A range reaches past the end of the text or is empty.
    OutsideText,
    /// The span is gone (deleted in the meantime).
    NoSuchSpan,
    /// The label is not one of the document's labels.
    UnknownLabel,
    /// Undo with nothing to undo.
    NothingToUndo,
    /// Redo with nothing to redo.
    NothingToRedo,
    /// A keyboard resize step that would empty the span, or has nowhere to go.
    CannotResize,
    /// The span's label defines no attribute of that name.
    UnknownAttribute { label: String, name: String },
    /// The value is not one the attribute takes.
    BadValue { name: String, value: String },
    /// The note or text is longer than a span keeps.
    TooLong,
    /// The schema has no relation type of that name.
    UnknownRelationType(String),
    /// The relation type does not link spans of these labels.
    RelationNotAllowed {
        kind: String,
        from: String,
        to: String,
    },
    /// A span cannot be linked to itself.
    SelfRelation,
    /// The same link already exists.
    DuplicateRelation(String),
    /// The relation is gone (deleted in the meantime).
    NoSuchRelation,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::EmptySelection => write!(f, "select some text in the article first"),
            Refusal::Duplicate { label, text } => write!(f, "“{text}” is already labelled {label}"),
            Refusal::OutsideText => write!(f, "that range is outside the article"),
            Refusal::NoSuchSpan => write!(f, "that annotation no longer exists"),
            Refusal::UnknownLabel => write!(f, "there is no such label"),
            Refusal::NothingToUndo => write!(f, "nothing to undo"),
            Refusal::NothingToRedo => write!(f, "nothing to redo"),
            Refusal::UnknownAttribute { label, name } => {
                write!(f, "{label} has no attribute “{name}”")
            }
            Refusal::BadValue { name, value } => write!(f, "“{value}” is not a value of {name}"),
            Refusal::TooLong => write!(
                f,
                "that text is too long: at most {} characters",
                super::attribute::MAX_TEXT_CHARS
            ),
            Refusal::UnknownRelationType(k) => write!(f, "there is no relation type “{k}”"),
            Refusal::RelationNotAllowed { kind, from, to } => {
                write!(f, "{kind} does not link {from} to {to}")
            }
            Refusal::SelfRelation => write!(f, "a span cannot be linked to itself"),
            Refusal::DuplicateRelation(k) => write!(f, "these spans are already linked by {k}"),
            Refusal::NoSuchRelation => write!(f, "that link no longer exists"),
            Refusal::CannotResize => {
                write!(
                    f,
                    "a span cannot shrink to nothing or reach past the article"
                )
            }
        }
    }
}

/// What adding `label` over `ranges` would do: the ranges that would get a new span, in the
/// given order, and how many ranges are skipped because `label` already covers exactly that
/// range. Ranges that are empty or outside the text, and repeats within `ranges`, count as
/// neither. [`Editor::add_spans`] and the find preview both ask this, so they cannot disagree.
pub(crate) fn plan_add(
    doc: &Document,
    label: LabelId,
    ranges: &[CharRange],
) -> (Vec<CharRange>, usize) {
    match ranges {
        // One range (a span added by hand) cannot repeat itself, nor can none (find's preview
        // of no hits).
        [] | [_] => plan(doc, label, ranges, |_| true),
        _ => plan_add_many(doc, label, ranges),
    }
}

/// [`plan_add`] for several ranges (find's Label all, an import), which may repeat: a function
/// of its own, so adding one span by hand runs no hash set.
#[inline(never)]
fn plan_add_many(doc: &Document, label: LabelId, ranges: &[CharRange]) -> (Vec<CharRange>, usize) {
    let mut seen = std::collections::HashSet::new();
    plan(doc, label, ranges, |r| seen.insert(r))
}

/// [`plan_add`]'s walk, with `first` saying whether a range is met for the first time.
fn plan(
    doc: &Document,
    label: LabelId,
    ranges: &[CharRange],
    mut first: impl FnMut(CharRange) -> bool,
) -> (Vec<CharRange>, usize) {
    let mut create = Vec::new();
    let mut skipped = 0;
    for &r in ranges {
        if !doc.fits(r) || !first(r) {
            continue;
        }
        if doc.spans().find_same(label, r).is_some() {
            skipped += 1;
        } else {
            create.push(r);
        }
    }
    (create, skipped)
}

/// A number no other state of any editor in this program has had: every change takes the
/// next one, so two equal revisions mean the same document state (the view compares props
/// by it, never by pointer). The review state draws its revisions from the same counter.
pub(crate) fn next_revision() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// One entry of the undo history: an edit and its number. Numbers count up from 1 through a
/// document's history and are never reused, so a store can keep each step under its number
/// and tell which steps it holds that the history no longer has.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryEntry {
    pub number: u64,
    pub edit: Edit,
}

/// A document with its history. Cloning is cheap: the document and the edits are shared
/// until one of the clones changes (then the document is copied once, linear in its spans).
#[derive(Clone, Debug)]
pub struct Editor {
    doc: Rc<Document>,
    /// Done steps, oldest first.
    undo: Vec<Rc<HistoryEntry>>,
    /// Undone steps, the next to redo last.
    redo: Vec<Rc<HistoryEntry>>,
    /// The number the next committed step gets.
    next_step: u64,
    /// Moves with every change of the document; see [`next_revision`].
    revision: u64,
    /// Moves when the text itself changes (a document replaced), not when spans do.
    text_revision: u64,
}

impl Default for Editor {
    fn default() -> Self {
        Editor::new(Document::empty())
    }
}

impl Editor {
    pub fn new(doc: Document) -> Editor {
        Editor::with_history(doc, Vec::new(), Vec::new())
    }

    /// A document with the history it had (as [`Editor::history`] gave it), for a document
    /// loaded from storage. Steps past the history limit are dropped, oldest first.
    pub fn with_history(
        doc: Document,
        mut undo: Vec<Rc<HistoryEntry>>,
        redo: Vec<Rc<HistoryEntry>>,
    ) -> Editor {
        let excess = undo.len().saturating_sub(HISTORY_LIMIT);
        undo.drain(..excess);
        let next_step = undo
            .iter()
            .chain(&redo)
            .map(|s| s.number)
            .max()
            .map_or(1, |n| n.saturating_add(1));
        let revision = next_revision();
        Editor {
            doc: Rc::new(doc),
            undo,
            redo,
            next_step,
            revision,
            text_revision: revision,
        }
    }

    /// The history: the done steps (oldest first) and the undone ones (the next to redo
    /// last).
    pub fn history(&self) -> (&[Rc<HistoryEntry>], &[Rc<HistoryEntry>]) {
        (&self.undo, &self.redo)
    }

    pub fn doc(&self) -> &Document {
        &self.doc
    }

    /// The document as a shared handle, for views that keep it without copying.
    pub fn doc_rc(&self) -> Rc<Document> {
        self.doc.clone()
    }

    /// Changes with every change of the document (spans or text), and only then.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Changes when the text changes (a new article, an import, undoing one), and only then.
    pub fn text_revision(&self) -> u64 {
        self.text_revision
    }

    /// Applies an edit (forwards or, for undo, its inverse) and moves the revisions.
    fn apply(&mut self, edit: &Edit) {
        edit.apply(Rc::make_mut(&mut self.doc));
        self.revision = next_revision();
        if matches!(edit, Edit::Replace { .. }) {
            self.text_revision = self.revision;
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    fn commit(&mut self, edit: Edit) {
        self.apply(&edit);
        let number = self.next_step;
        self.next_step = self.next_step.saturating_add(1);
        self.undo.push(Rc::new(HistoryEntry { number, edit }));
        if self.undo.len() > HISTORY_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// Labels the selection from `anchor` to `focus` (code points, either order): trimmed
    /// of white space and widened to whole grapheme clusters, and with `snap` to whole words.
    pub fn label_selection(
        &mut self,
        label: LabelId,
        anchor: usize,
        focus: usize,
        snap: bool,
    ) -> Result<SpanId, Refusal> {
        let text = self.doc.text();
        let range = span_range_for_selection(text, anchor, focus)
            .map(|r| if snap { snap_to_words(text, r) } else { r })
            .filter(|r| !r.is_empty())
            .ok_or(Refusal::EmptySelection)?;
        self.add_span(label, range)
    }

    /// Adds one span with a fresh id.
    pub fn add_span(&mut self, label: LabelId, range: CharRange) -> Result<SpanId, Refusal> {
        self.check_new(label, range)?;
        let id = Rc::make_mut(&mut self.doc).fresh_id();
        let span = Span::new(id.clone(), label, range).ok_or(Refusal::OutsideText)?;
        self.commit(Edit::Add(vec![span]));
        Ok(id)
    }

    /// Adds a span per range in one undoable step, skipping ranges that already carry the
    /// label (and repeats within `ranges`). Returns how many were added.
    pub fn add_spans(&mut self, label: LabelId, ranges: &[CharRange]) -> Result<usize, Refusal> {
        self.add_spans_with(label, &Attrs::new(), ranges)
    }

    /// [`Editor::add_spans`], every new span carrying the attribute values `attrs` (find and
    /// label all: every "Azerbaijan" an Entity of type place). Refused when a value is not one
    /// the label defines.
    pub fn add_spans_with(
        &mut self,
        label: LabelId,
        attrs: &Attrs,
        ranges: &[CharRange],
    ) -> Result<usize, Refusal> {
        if self.doc.labels().get(label).is_none() {
            return Err(Refusal::UnknownLabel);
        }
        self.check_attrs(label, attrs)?;
        let (create, _) = plan_add(&self.doc, label, ranges);
        let mut spans = Vec::new();
        for r in create {
            let id = Rc::make_mut(&mut self.doc).fresh_id();
            spans.extend(Span::new(id, label, r).map(|s| s.with_attrs(attrs.clone())));
        }
        let n = spans.len();
        if n > 0 {
            self.commit(Edit::Add(spans));
        }
        Ok(n)
    }

    fn check_new(&self, label: LabelId, range: CharRange) -> Result<(), Refusal> {
        let Some(l) = self.doc.labels().get(label) else {
            return Err(Refusal::UnknownLabel);
        };
        if !self.doc.fits(range) {
            return Err(Refusal::OutsideText);
        }
        if self.doc.spans().find_same(label, range).is_some() {
            let text = self.doc.text().slice(range).unwrap_or_default().to_string();
            return Err(Refusal::Duplicate {
                label: l.name.to_string(),
                text,
            });
        }
        Ok(())
    }

    pub fn delete(&mut self, id: &SpanId) -> Result<(), Refusal> {
        let span = self
            .doc
            .spans()
            .get(id)
            .cloned()
            .ok_or(Refusal::NoSuchSpan)?;
        let edit = self.unlinking(
            std::slice::from_ref(&span),
            Edit::Remove(vec![span.clone()]),
        );
        self.commit(edit);
        Ok(())
    }

    /// `edit`, which removes `spans`, preceded by unlinking every relation that touches one of
    /// them: deleting a span deletes its links in the same undo step.
    fn unlinking(&self, spans: &[Span], edit: Edit) -> Edit {
        let links: Vec<Relation> = if self.doc.relations().is_empty() {
            Vec::new()
        } else {
            self.doc
                .relations()
                .iter()
                .filter(|r| spans.iter().any(|s| r.touches(s.id())))
                .cloned()
                .collect()
        };
        if links.is_empty() {
            edit
        } else {
            Edit::Steps(vec![Edit::Unlink(links), edit])
        }
    }

    /// Gives a span another label. The same label again is a no-op, not an error.
    pub fn relabel(&mut self, id: &SpanId, label: LabelId) -> Result<(), Refusal> {
        let before = self
            .doc
            .spans()
            .get(id)
            .cloned()
            .ok_or(Refusal::NoSuchSpan)?;
        if before.label() == label {
            return Ok(());
        }
        self.check_new(label, before.range())?;
        // Values the new label does not define (or defines otherwise) go; links stay.
        let defs = self
            .doc
            .labels()
            .get(label)
            .map(|l| l.attributes.clone())
            .unwrap_or_else(|| Rc::from(Vec::new()));
        let after = before
            .with_label(label)
            .with_attrs(before.attrs().kept_by(&defs));
        self.commit(Edit::Update { after, before });
        Ok(())
    }

    /// Moves a span's ends. Never to empty, never past the text, never onto a duplicate.
    pub fn resize(&mut self, id: &SpanId, range: CharRange) -> Result<(), Refusal> {
        let before = self
            .doc
            .spans()
            .get(id)
            .cloned()
            .ok_or(Refusal::NoSuchSpan)?;
        if before.range() == range {
            return Ok(());
        }
        self.check_new(before.label(), range)?;
        let after = before.with_range(range).ok_or(Refusal::OutsideText)?;
        self.commit(Edit::Update { before, after });
        Ok(())
    }

    /// Moves one end of a span by one step of the keyboard (a character or a word, see
    /// [`resize`]). Refused when the step would empty the span or has nowhere to go.
    pub fn resize_step(
        &mut self,
        id: &SpanId,
        edge: Edge,
        step: Step,
        dir: Dir,
    ) -> Result<(), Refusal> {
        let span = self.doc.spans().get(id).ok_or(Refusal::NoSuchSpan)?;
        let range =
            resize(self.doc.text(), span.range(), edge, step, dir).ok_or(Refusal::CannotResize)?;
        self.resize(id, range)
    }

    /// Removes the spans `remove` and adds a span per `(label, range)` of `add`, as one
    /// undoable step; returns the spans added (fresh ids), in the order of `add`. An addition
    /// that repeats an earlier one, or the label and range of a span that stays, is skipped.
    /// Refused, changing nothing, when a span to remove is gone, a label is unknown or a range
    /// is empty or past the text. Nothing to remove and nothing to add is no step at all.
    pub fn change_spans(
        &mut self,
        remove: &[SpanId],
        add: &[(LabelId, CharRange)],
    ) -> Result<Vec<Span>, Refusal> {
        use std::collections::HashSet;
        let mut gone: HashSet<&SpanId> = HashSet::with_capacity(remove.len());
        let mut removed = Vec::with_capacity(remove.len());
        for id in remove {
            let span = self.doc.spans().get(id).ok_or(Refusal::NoSuchSpan)?;
            if gone.insert(span.id()) {
                removed.push(span.clone());
            }
        }
        for &(label, range) in add {
            if self.doc.labels().get(label).is_none() {
                return Err(Refusal::UnknownLabel);
            }
            if !self.doc.fits(range) {
                return Err(Refusal::OutsideText);
            }
        }
        let mut seen = HashSet::with_capacity(add.len());
        let wanted: Vec<(LabelId, CharRange)> = add
            .iter()
            .copied()
            .filter(|&(label, range)| {
                let stays = self
                    .doc
                    .spans()
                    .find_same(label, range)
                    .is_some_and(|s| !gone.contains(s.id()));
                !stays && seen.insert((label, range))
            })
            .collect();
        drop(gone);
        if removed.is_empty() && wanted.is_empty() {
            return Ok(Vec::new());
        }
        let mut added = Vec::with_capacity(wanted.len());
        for (label, range) in wanted {
            let id = Rc::make_mut(&mut self.doc).fresh_id();
            added.extend(Span::new(id, label, range));
        }
        let edit = self.unlinking(
            &removed,
            Edit::Change {
                removed: removed.clone(),
                added: added.clone(),
            },
        );
        self.commit(edit);
        Ok(added)
    }

    /// Replaces the whole document (new article, import); undo brings the old one back.
    pub fn replace_document(&mut self, doc: Document) {
        let before = Box::new((*self.doc).clone());
        self.commit(Edit::Replace {
            before,
            after: Box::new(doc),
        });
    }

    pub fn undo(&mut self) -> Result<(), Refusal> {
        let step = self.undo.pop().ok_or(Refusal::NothingToUndo)?;
        self.apply(&step.edit.inverse());
        self.redo.push(step);
        Ok(())
    }

    pub fn redo(&mut self) -> Result<(), Refusal> {
        let step = self.redo.pop().ok_or(Refusal::NothingToRedo)?;
        self.apply(&step.edit);
        self.undo.push(step);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::label::LabelSet;

    const ENTITY: LabelId = LabelId(0);
    const CLAIM: LabelId = LabelId(1);
    const QUOTE: LabelId = LabelId(2);

    fn editor(text: &str) -> Editor {
        Editor::new(Document::new("t", text, LabelSet::standard()))
    }

    fn r(a: usize, b: usize) -> CharRange {
        CharRange::new(a, b).unwrap()
    }

    /// The spans as `label:text`, in text order.
    fn spans(e: &Editor) -> Vec<String> {
        let d = e.doc();
        d.spans()
            .iter()
            .map(|s| format!("{}:{}", d.labels().name(s.label()), d.covered(s)))
            .collect()
    }

    #[test]
    fn add_undo_redo() {
        let mut e = editor("“Karabakh is Azerbaijan” were chanted");
        e.label_selection(QUOTE, 0, 24, false).unwrap();
        e.label_selection(ENTITY, 9, 1, false).unwrap();
        assert_eq!(
            spans(&e),
            ["Quote:“Karabakh is Azerbaijan”", "Entity:Karabakh"]
        );
        e.undo().unwrap();
        assert_eq!(spans(&e), ["Quote:“Karabakh is Azerbaijan”"]);
        e.redo().unwrap();
        assert_eq!(spans(&e).len(), 2);
        e.undo().unwrap();
        e.undo().unwrap();
        assert!(spans(&e).is_empty());
        assert_eq!(e.undo(), Err(Refusal::NothingToUndo));
        e.redo().unwrap();
        e.label_selection(CLAIM, 13, 23, false).unwrap();
        assert_eq!(
            e.redo(),
            Err(Refusal::NothingToRedo),
            "a new action clears redo"
        );
    }

    #[test]
    fn duplicates_are_refused_but_other_labels_may_share_a_range() {
        let mut e = editor("Merkel said");
        e.add_span(ENTITY, r(0, 6)).unwrap();
        assert_eq!(
            e.add_span(ENTITY, r(0, 6)),
            Err(Refusal::Duplicate {
                label: "Entity".into(),
                text: "Merkel".into()
            })
        );
        assert_eq!(
            e.label_selection(ENTITY, 0, 7, false)
                .unwrap_err()
                .to_string(),
            "“Merkel” is already labelled Entity"
        );
        e.add_span(CLAIM, r(0, 6)).unwrap();
        assert_eq!(spans(&e), ["Entity:Merkel", "Claim:Merkel"]);
    }

    #[test]
    fn refusals_change_nothing() {
        let mut e = editor("ab  cd");
        assert_eq!(
            e.label_selection(ENTITY, 2, 4, false),
            Err(Refusal::EmptySelection)
        );
        assert_eq!(e.add_span(ENTITY, r(4, 9)), Err(Refusal::OutsideText));
        assert_eq!(e.add_span(LabelId(7), r(0, 1)), Err(Refusal::UnknownLabel));
        assert_eq!(e.delete(&SpanId::new("nope")), Err(Refusal::NoSuchSpan));
        assert!(!e.can_undo());
    }

    #[test]
    fn relabel_resize_delete_are_each_one_step() {
        let mut e = editor("Elsever Mammadov spoke");
        let id = e.add_span(ENTITY, r(0, 7)).unwrap();
        e.resize(&id, r(0, 16)).unwrap();
        e.relabel(&id, QUOTE).unwrap();
        assert_eq!(spans(&e), ["Quote:Elsever Mammadov"]);
        assert_eq!(
            e.resize(&id, r(3, 3)),
            Err(Refusal::OutsideText),
            "never empty"
        );
        assert_eq!(
            e.resize(&id, r(0, 99)),
            Err(Refusal::OutsideText),
            "never past the text"
        );
        e.delete(&id).unwrap();
        assert!(spans(&e).is_empty());
        e.undo().unwrap();
        assert_eq!(spans(&e), ["Quote:Elsever Mammadov"]);
        e.undo().unwrap();
        assert_eq!(spans(&e), ["Entity:Elsever Mammadov"]);
        e.undo().unwrap();
        assert_eq!(spans(&e), ["Entity:Elsever"]);
    }

    #[test]
    fn bulk_add_is_one_step_and_skips_existing() {
        let mut e = editor("Baku and Baku and Baku");
        e.add_span(ENTITY, r(9, 13)).unwrap();
        let ranges = [r(0, 4), r(9, 13), r(18, 22), r(18, 22), r(20, 99), r(3, 3)];
        assert_eq!(
            plan_add(e.doc(), ENTITY, &ranges),
            (vec![r(0, 4), r(18, 22)], 1)
        );
        assert_eq!(
            plan_add(e.doc(), CLAIM, &ranges),
            (vec![r(0, 4), r(9, 13), r(18, 22)], 0)
        );
        let n = e.add_spans(ENTITY, &ranges).unwrap();
        assert_eq!(n, 2);
        assert_eq!(e.doc().spans().len(), 3);
        e.undo().unwrap();
        assert_eq!(e.doc().spans().len(), 1);
    }

    #[test]
    fn replacing_the_document_is_undoable() {
        let mut e = editor("old text");
        e.add_span(ENTITY, r(0, 3)).unwrap();
        e.replace_document(Document::new("new", "new text", LabelSet::standard()));
        assert_eq!(e.doc().text().as_str(), "new text");
        assert!(spans(&e).is_empty());
        e.undo().unwrap();
        assert_eq!(e.doc().text().as_str(), "old text");
        assert_eq!(spans(&e), ["Entity:old"]);
        e.redo().unwrap();
        assert_eq!(e.doc().title(), "new");
    }

    #[test]
    fn keyboard_resize_steps_and_refuses_to_empty() {
        let mut e = editor("Azerbaijani diaspora organizations staged");
        let id = e.add_span(CLAIM, r(0, 20)).unwrap();
        e.resize_step(&id, Edge::End, Step::Word, Dir::Forward)
            .unwrap();
        assert_eq!(spans(&e), ["Claim:Azerbaijani diaspora organizations"]);
        e.resize_step(&id, Edge::Start, Step::Grapheme, Dir::Forward)
            .unwrap();
        assert_eq!(spans(&e), ["Claim:zerbaijani diaspora organizations"]);
        e.undo().unwrap();
        e.undo().unwrap();
        assert_eq!(
            spans(&e),
            ["Claim:Azerbaijani diaspora"],
            "each step is one undo"
        );
        let one = e.add_span(ENTITY, r(0, 1)).unwrap();
        let before = e.revision();
        assert_eq!(
            e.resize_step(&one, Edge::End, Step::Grapheme, Dir::Back),
            Err(Refusal::CannotResize)
        );
        assert_eq!(e.revision(), before, "a refused step changes nothing");
        assert_eq!(
            e.resize_step(&SpanId::new("gone"), Edge::End, Step::Word, Dir::Back),
            Err(Refusal::NoSuchSpan)
        );
    }

    #[test]
    fn revisions_move_with_every_change_and_only_then() {
        let mut e = editor("Merkel said 😀");
        let (r0, t0) = (e.revision(), e.text_revision());
        let id = e.add_span(ENTITY, r(0, 6)).unwrap();
        let r1 = e.revision();
        assert_ne!(r1, r0);
        assert_eq!(e.text_revision(), t0, "spans changed, the text did not");
        assert!(e.add_span(ENTITY, r(0, 6)).is_err());
        assert_eq!(e.revision(), r1, "a refusal changes nothing");
        e.relabel(&id, ENTITY).unwrap();
        assert_eq!(
            e.revision(),
            r1,
            "relabelling to the same label is no change"
        );
        e.undo().unwrap();
        assert_ne!(e.revision(), r1);
        assert_ne!(
            e.revision(),
            r0,
            "undo gives a new revision, not an old one"
        );
        e.replace_document(Document::new("n", "new", LabelSet::standard()));
        assert_ne!(e.text_revision(), t0);
        let t1 = e.text_revision();
        e.undo().unwrap();
        assert_ne!(
            e.text_revision(),
            t1,
            "undoing a replacement changes the text again"
        );
        let other = editor("Merkel said 😀");
        assert_ne!(
            other.revision(),
            e.revision(),
            "no two editors share a revision"
        );
    }

    #[test]
    fn steps_are_numbered_and_a_history_can_be_restored() {
        let mut e = editor("Baku 😀 Ganja Şəki");
        e.add_span(ENTITY, r(0, 4)).unwrap();
        e.add_span(ENTITY, r(7, 12)).unwrap();
        e.add_span(ENTITY, r(13, 17)).unwrap();
        e.undo().unwrap();
        let numbers = |e: &Editor| {
            let (u, r) = e.history();
            (
                u.iter().map(|s| s.number).collect::<Vec<_>>(),
                r.iter().map(|s| s.number).collect::<Vec<_>>(),
            )
        };
        assert_eq!(numbers(&e), (vec![1, 2], vec![3]));
        let (undo, redo) = e.history();
        let mut back = Editor::with_history(e.doc().clone(), undo.to_vec(), redo.to_vec());
        assert_eq!(back.doc(), e.doc());
        back.redo().unwrap();
        assert_eq!(spans(&back), ["Entity:Baku", "Entity:Ganja", "Entity:Şəki"]);
        back.undo().unwrap();
        back.undo().unwrap();
        back.add_span(CLAIM, r(0, 4)).unwrap();
        assert_eq!(
            numbers(&back),
            (vec![1, 4], vec![]),
            "numbers are never reused"
        );
        let long: Vec<Rc<HistoryEntry>> = (1..=HISTORY_LIMIT as u64 + 3)
            .map(|number| {
                Rc::new(HistoryEntry {
                    number,
                    edit: Edit::Add(vec![]),
                })
            })
            .collect();
        let trimmed = Editor::with_history(e.doc().clone(), long, vec![]);
        assert_eq!(trimmed.history().0.len(), HISTORY_LIMIT);
        assert_eq!(
            trimmed.history().0[0].number,
            4,
            "the oldest steps are dropped"
        );
    }

    #[track_caller]
    fn check_change(
        text: &str,
        before: &[(LabelId, usize, usize)],
        remove: &[usize],
        add: &[(LabelId, usize, usize)],
        want: Result<&[&str], Refusal>,
    ) {
        let mut e = editor(text);
        let ids: Vec<SpanId> = before
            .iter()
            .map(|&(l, a, b)| e.add_span(l, r(a, b)).unwrap())
            .collect();
        let start = spans(&e);
        let steps = e.history().0.len();
        let remove: Vec<SpanId> = remove
            .iter()
            .map(|&i| ids.get(i).cloned().unwrap_or_else(|| SpanId::new("gone")))
            .collect();
        let add: Vec<(LabelId, CharRange)> = add
            .iter()
            .map(|&(l, a, b)| (l, CharRange::new(a, b).unwrap()))
            .collect();
        let got = e.change_spans(&remove, &add);
        match want {
            Ok(want) => {
                let added = got.unwrap();
                assert_eq!(spans(&e), want, "{text}");
                let changed = !remove.is_empty() || !added.is_empty();
                assert_eq!(
                    e.history().0.len(),
                    steps + usize::from(changed),
                    "one step"
                );
                if changed {
                    e.undo().unwrap();
                    assert_eq!(spans(&e), start, "one undo takes it all back");
                    e.redo().unwrap();
                    assert_eq!(spans(&e), want, "and redo brings it again");
                }
            }
            Err(refusal) => {
                assert_eq!(got, Err(refusal), "{text}");
                assert_eq!(spans(&e), start, "a refusal changes nothing");
            }
        }
    }

    #[test]
    fn change_removes_and_adds_in_one_step() {
        let m = "Merkel said: «Wir schaffen das.»";
        check_change(
            m,
            &[(ENTITY, 0, 6)],
            &[0],
            &[(QUOTE, 13, 32)],
            Ok(&["Quote:«Wir schaffen das.»"]),
        );
        check_change(
            m,
            &[(ENTITY, 0, 6)],
            &[0],
            &[(CLAIM, 0, 6)],
            Ok(&["Claim:Merkel"]),
        );
        check_change(
            m,
            &[(ENTITY, 0, 6)],
            &[0],
            &[(ENTITY, 0, 6)],
            Ok(&["Entity:Merkel"]),
        );
        check_change(
            m,
            &[(ENTITY, 0, 6)],
            &[],
            &[(ENTITY, 0, 6), (CLAIM, 0, 6), (CLAIM, 0, 6)],
            Ok(&["Entity:Merkel", "Claim:Merkel"]),
        );
        check_change(m, &[(ENTITY, 0, 6)], &[0, 0], &[], Ok(&[]));
        check_change(m, &[(ENTITY, 0, 6)], &[], &[], Ok(&["Entity:Merkel"]));
        check_change(
            "👩🏽‍💻 李雷 שלום\r\nCafé",
            &[(ENTITY, 8, 12)],
            &[0],
            &[(ENTITY, 0, 4), (QUOTE, 5, 7), (CLAIM, 14, 18)],
            Ok(&["Entity:👩🏽‍💻", "Quote:李雷", "Claim:Café"]),
        );
        check_change(
            m,
            &[(ENTITY, 0, 6)],
            &[7],
            &[(CLAIM, 0, 6)],
            Err(Refusal::NoSuchSpan),
        );
        check_change(
            m,
            &[(ENTITY, 0, 6)],
            &[0],
            &[(LabelId(9), 0, 6)],
            Err(Refusal::UnknownLabel),
        );
        check_change(
            m,
            &[(ENTITY, 0, 6)],
            &[0],
            &[(CLAIM, 30, 40)],
            Err(Refusal::OutsideText),
        );
        check_change(
            m,
            &[(ENTITY, 0, 6)],
            &[0],
            &[(CLAIM, 3, 3)],
            Err(Refusal::OutsideText),
        );
    }

    #[test]
    fn history_is_bounded() {
        let mut e = editor(&"x ".repeat(HISTORY_LIMIT + 10));
        for i in 0..HISTORY_LIMIT + 5 {
            e.add_span(ENTITY, r(2 * i, 2 * i + 1)).unwrap();
        }
        let mut undone = 0;
        while e.undo().is_ok() {
            undone += 1;
        }
        assert_eq!(undone, HISTORY_LIMIT);
        assert_eq!(e.doc().spans().len(), 5, "the oldest actions stay done");
    }
}
