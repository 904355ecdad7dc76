//! A document: id, title, text, label set, spans and the relations between them, plus the
//! per-block span lists the view renders from. The lists are kept up to date incrementally: an edit replaces the lists of
//! the blocks it touches and leaves every other block's list as it was. Each list carries a
//! revision that moves only when the list is replaced, so a block component can tell "nothing
//! changed here" by comparing one number.

use std::rc::Rc;

use super::label::LabelSet;
use super::relation::{Relation, RelationId, RelationSet};
use super::span::{CharRange, Span, SpanId};
use super::spans::SpanSet;
use super::text::ArticleText;

/// One article with its annotations.
///
/// Invariant: every span lies within the text and has a label of `labels`; `block_spans[i]`
/// holds exactly the spans that overlap block `i`, in text order; both ends of every relation
/// are spans of the document and its type is one of the label set's relation types.
#[derive(Clone, Debug)]
pub struct Document {
    id: Rc<str>,
    title: Rc<str>,
    text: Rc<ArticleText>,
    labels: LabelSet,
    spans: SpanSet,
    block_spans: Vec<BlockSpans>,
    next_id: u64,
    relations: RelationSet,
    /// Moves whenever the relations change, and only then (see `editor::next_revision`).
    relations_revision: u64,
    next_relation: u64,
}

/// The spans of one block and the revision they were listed at.
///
/// Invariant: two lists with the same revision hold the same spans (revisions come from the
/// editor's program-wide counter, and a list is only ever replaced under a new one).
#[derive(Clone, Debug)]
struct BlockSpans {
    revision: u64,
    spans: Rc<[Span]>,
}

impl BlockSpans {
    fn new(spans: Vec<Span>) -> BlockSpans {
        BlockSpans {
            revision: super::editor::next_revision(),
            spans: spans.into(),
        }
    }
}

impl PartialEq for Document {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
            && self.title == other.title
            && self.text.as_str() == other.text.as_str()
            && self.labels == other.labels
            && self.spans == other.spans
            && self.relations == other.relations
    }
}

impl Eq for Document {}

/// The spans one state of a document has that an earlier one did not (new or changed, by id)
/// and the ids it no longer has; see [`Document::span_changes`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SpanChanges {
    pub put: Vec<Span>,
    pub removed: Vec<SpanId>,
}

/// The relations one state of a document has that an earlier one did not (new or changed, by
/// id) and the ids it no longer has; see [`Document::relation_changes`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RelationChanges {
    pub put: Vec<Relation>,
    pub removed: Vec<RelationId>,
}

/// Why a set of spans does not fit a document (callers validate first; this is the backstop).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SpanMisfit {
    /// The span ends past the end of the text.
    PastEnd(SpanId),
    /// The span's label is not in the document's label set.
    UnknownLabel(SpanId),
}

/// Why a relation does not fit a document (importers check first and report; this is the
/// backstop).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RelationMisfit {
    /// An end of the relation is not a span of the document.
    MissingEnd(RelationId),
    /// The relation's type is not one of the label set's relation types.
    UnknownType(RelationId),
    /// Two relations share this id.
    RepeatedId(RelationId),
}

impl Document {
    /// An empty document: what the app shows before anything is pasted.
    pub fn empty() -> Document {
        Document::new("", "", LabelSet::standard())
    }

    /// A document with no spans. The id is derived from the text, so the same article always
    /// gets the same id.
    pub fn new(title: &str, text: &str, labels: LabelSet) -> Document {
        let text = Rc::new(ArticleText::new(text));
        let block_spans = vec![BlockSpans::new(Vec::new()); text.blocks().len()];
        Document {
            id: Rc::from(document_id(text.as_str()).as_str()),
            title: Rc::from(title),
            text,
            labels,
            spans: SpanSet::new(),
            block_spans,
            next_id: 1,
            relations: RelationSet::new(),
            relations_revision: super::editor::next_revision(),
            next_relation: 1,
        }
    }

    /// A document with spans, for import. Fails if any span does not fit.
    pub fn with_spans(mut self, spans: Vec<Span>) -> Result<Document, SpanMisfit> {
        for s in &spans {
            if s.end() > self.text.len_chars() {
                return Err(SpanMisfit::PastEnd(s.id().clone()));
            }
            if self.labels.get(s.label()).is_none() {
                return Err(SpanMisfit::UnknownLabel(s.id().clone()));
            }
        }
        // Fresh ids continue after the highest generated id in use, so the first label after
        // loading a document with thousands of spans does not probe thousands of taken ids.
        self.next_id = spans
            .iter()
            .filter_map(|s| generated_number(s.id().as_str()))
            .max()
            .map_or(1, |n| n.saturating_add(1));
        self.spans = SpanSet::from_spans(spans);
        self.rebuild_all_blocks();
        // Relations whose ends or type are gone go with them (a schema edit that deletes a
        // label deletes its spans, and their links).
        if !self.relations.is_empty() {
            self.drop_loose_relations();
        }
        Ok(self)
    }

    /// Drops the relations whose ends or type are gone ([`Document::with_spans`]). A function
    /// of its own, never inlined: most documents have no relations, and opening one runs none
    /// of this.
    #[inline(never)]
    fn drop_loose_relations(&mut self) {
        let ids: std::collections::HashSet<&SpanId> = self.spans.iter().map(Span::id).collect();
        let kept: Vec<Relation> = self
            .relations
            .iter()
            .filter(|r| {
                ids.contains(r.from())
                    && ids.contains(r.to())
                    && self.labels.relation_type(r.kind()).is_some()
            })
            .cloned()
            .collect();
        if kept.len() != self.relations.len() {
            self.relations = RelationSet::from_relations(kept).0;
            self.relations_revision = super::editor::next_revision();
        }
    }

    /// The document with these relations (replacing any it had), for import. Fails if a
    /// relation's end is missing, its type unknown or its id repeated.
    pub fn with_relations(mut self, relations: Vec<Relation>) -> Result<Document, RelationMisfit> {
        // Span ids looked up in a set: a search of the span list per end was quadratic (an
        // import of 10,000 relations).
        let ids: std::collections::HashSet<&SpanId> = self.spans.iter().map(Span::id).collect();
        for r in &relations {
            if !ids.contains(r.from()) || !ids.contains(r.to()) {
                return Err(RelationMisfit::MissingEnd(r.id().clone()));
            }
            if self.labels.relation_type(r.kind()).is_none() {
                return Err(RelationMisfit::UnknownType(r.id().clone()));
            }
        }
        let (set, repeated) = RelationSet::from_relations(relations);
        if let Some(r) = repeated.first() {
            return Err(RelationMisfit::RepeatedId(r.id().clone()));
        }
        self.next_relation = set
            .iter()
            .filter_map(|r| generated_number_after('r', r.id().as_str()))
            .max()
            .map_or(1, |n| n.saturating_add(1));
        self.relations = set;
        self.relations_revision = super::editor::next_revision();
        Ok(self)
    }

    /// True when both ends are spans here and the type is known.
    pub fn relation_fits(&self, r: &Relation) -> bool {
        self.spans.contains_id(r.from())
            && self.spans.contains_id(r.to())
            && self.labels.relation_type(r.kind()).is_some()
    }

    pub fn relations(&self) -> &RelationSet {
        &self.relations
    }

    /// Changes whenever the relations change, and only then: the view compares it instead of
    /// the relations.
    pub fn relations_revision(&self) -> u64 {
        self.relations_revision
    }

    /// A relation id not used in this document.
    pub fn fresh_relation_id(&mut self) -> RelationId {
        loop {
            let id = RelationId::new(&format!("r{}", self.next_relation));
            self.next_relation = self.next_relation.checked_add(1).unwrap_or(1);
            if !self.relations.contains_id(&id) {
                return id;
            }
        }
    }

    pub(super) fn insert_relations(&mut self, relations: &[Relation]) {
        for r in relations {
            self.relations.insert(r.clone());
        }
        self.relations_revision = super::editor::next_revision();
    }

    pub(super) fn remove_relations(&mut self, relations: &[Relation]) {
        for r in relations {
            self.relations.remove(r.id());
        }
        self.relations_revision = super::editor::next_revision();
    }

    /// What changed in the relations since `before` (an earlier state of this document); see
    /// [`Document::span_changes`]. Linear in the relations, which are few beside the spans.
    pub fn relation_changes(&self, before: &Document) -> RelationChanges {
        if self.relations_revision == before.relations_revision {
            return RelationChanges::default();
        }
        let put = self
            .relations
            .iter()
            .filter(|r| before.relations.get(r.id()) != Some(*r))
            .cloned()
            .collect();
        let removed = before
            .relations
            .iter()
            .filter(|r| !self.relations.contains_id(r.id()))
            .map(|r| r.id().clone())
            .collect();
        RelationChanges { put, removed }
    }

    /// The same document under another label set, with `spans` labelled in that set (a
    /// schema edit, see `corpus::schema`). The text is shared, not copied or re-indexed.
    pub fn with_labels(&self, labels: LabelSet, spans: Vec<Span>) -> Result<Document, SpanMisfit> {
        let mut doc = self.clone();
        doc.labels = labels;
        doc.with_spans(spans)
    }

    /// Keeps an id from a file instead of the derived one.
    pub fn with_id(mut self, id: &str) -> Document {
        self.id = Rc::from(id);
        self
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    pub fn text(&self) -> &ArticleText {
        &self.text
    }

    /// The text handle itself, for components that compare by pointer.
    pub fn text_rc(&self) -> Rc<ArticleText> {
        self.text.clone()
    }

    pub fn labels(&self) -> &LabelSet {
        &self.labels
    }

    pub fn spans(&self) -> &SpanSet {
        &self.spans
    }

    /// The spans overlapping block `i`, in text order.
    pub fn block_spans(&self, i: usize) -> Rc<[Span]> {
        self.block_spans
            .get(i)
            .map(|b| b.spans.clone())
            .unwrap_or_else(|| Rc::from(Vec::new()))
    }

    /// A number that changes whenever the spans of block `i` change, and only then (0 past
    /// the last block): the view compares it instead of the spans.
    pub fn block_revision(&self, i: usize) -> u64 {
        self.block_spans.get(i).map_or(0, |b| b.revision)
    }

    /// The text a span covers.
    pub fn covered(&self, span: &Span) -> &str {
        self.text.slice(span.range()).unwrap_or("")
    }

    /// A span id not used in this document.
    pub fn fresh_id(&mut self) -> SpanId {
        loop {
            let id = SpanId::new(&format!("a{}", self.next_id));
            // Past the largest number (never reached by counting) the count starts over.
            self.next_id = self.next_id.checked_add(1).unwrap_or(1);
            if !self.spans.contains_id(&id) {
                return id;
            }
        }
    }

    /// True when the range lies within the text and is not empty.
    pub fn fits(&self, range: CharRange) -> bool {
        !range.is_empty() && range.end() <= self.text.len_chars()
    }

    pub(super) fn insert_spans(&mut self, spans: &[Span]) {
        let touched: Vec<CharRange> = spans.iter().map(Span::range).collect();
        self.spans.insert_many(spans.to_vec());
        self.refresh_blocks(&touched);
    }

    pub(super) fn remove_spans(&mut self, spans: &[Span]) {
        let removed = if spans.len() == 1 {
            self.spans.remove(spans[0].id()).into_iter().collect()
        } else {
            let ids = spans.iter().map(|s| s.id().clone()).collect();
            self.spans.remove_many(&ids)
        };
        let touched: Vec<CharRange> = removed.iter().map(Span::range).collect();
        self.refresh_blocks(&touched);
    }

    pub(super) fn replace_span(&mut self, span: Span) {
        if let Some(old) = self.spans.replace(span.clone()) {
            self.refresh_blocks(&[old.range(), span.range()]);
        }
    }

    /// What changed in the spans since `before` (an earlier state of this document): the
    /// spans to write (new or changed) and the ids to delete, so a store writes only those.
    /// `None` when the text itself differs, and everything must be written afresh. Only the
    /// blocks whose span lists differ are looked at, so after one edit this costs about one
    /// block's spans, however long the document.
    pub fn span_changes(&self, before: &Document) -> Option<SpanChanges> {
        // The same shared text is the same text: the byte comparison runs only for texts held
        // apart (of a 200 KB text it took 0.4 ms of every save in the page, in a CPU profile of
        // the benchmark's adds).
        let same_text =
            Rc::ptr_eq(&self.text, &before.text) || self.text.as_str() == before.text.as_str();
        if !same_text || self.labels != before.labels {
            return None;
        }
        let mut new: Vec<&Span> = Vec::new();
        let mut old: Vec<&Span> = Vec::new();
        for (now, then) in self.block_spans.iter().zip(&before.block_spans) {
            // The same revision is the same list; a new one may still hold the same spans.
            if now.revision != then.revision && now.spans != then.spans {
                new.extend(now.spans.iter());
                old.extend(then.spans.iter());
            }
        }
        // Each side in id order, each span once (one over several blocks is in each of their
        // lists): then one walk through both finds the new or changed spans and the ids gone,
        // in id order, with no hash table (whose code would be one more copy in the page's
        // first wasm part).
        for side in [&mut new, &mut old] {
            super::order::sort_by(side, |a, b| a.id().cmp(b.id()));
            side.dedup_by(|a, b| a.id() == b.id());
        }
        use std::cmp::Ordering::{Equal, Greater, Less};
        let (mut put, mut removed) = (Vec::new(), Vec::new());
        let (mut n, mut o) = (new.into_iter().peekable(), old.into_iter().peekable());
        loop {
            // Only now: the next span's id comes first; only before: the next old one's.
            let order = match (n.peek(), o.peek()) {
                (Some(a), Some(b)) => a.id().cmp(b.id()),
                (Some(_), None) => Less,
                (None, Some(_)) => Greater,
                (None, None) => break,
            };
            match order {
                Less => put.extend(n.next().cloned()),
                Greater => removed.extend(o.next().map(|s| s.id().clone())),
                Equal => {
                    if let (Some(a), Some(b)) = (n.next(), o.next()) {
                        if a != b {
                            put.push(a.clone());
                        }
                    }
                }
            }
        }
        Some(SpanChanges { put, removed })
    }

    /// Recomputes the span lists of the blocks touched by `ranges`, and only those.
    fn refresh_blocks(&mut self, ranges: &[CharRange]) {
        let mut blocks: Vec<usize> = ranges
            .iter()
            .flat_map(|&r| self.text.blocks_touching(r))
            .collect();
        crate::model::order::sort_by(&mut blocks, Ord::cmp);
        blocks.dedup();
        for i in blocks {
            let b = self.text.blocks()[i].chars;
            self.block_spans[i] = BlockSpans::new(self.spans.overlapping(b).cloned().collect());
        }
    }

    fn rebuild_all_blocks(&mut self) {
        let text = self.text.clone();
        self.block_spans = text
            .blocks()
            .iter()
            .map(|b| BlockSpans::new(self.spans.overlapping(b.chars).cloned().collect()))
            .collect();
    }
}

/// The number of a generated span id (`a17` → 17); `None` for any other id.
pub(super) fn generated_number(id: &str) -> Option<u64> {
    generated_number_after('a', id)
}

/// The number after `prefix` in a generated id (`r3` → 3); `None` for any other id.
fn generated_number_after(prefix: char, id: &str) -> Option<u64> {
    let digits = id.strip_prefix(prefix)?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Numbers this large were not counted up to; they would leave no room to count on.
    digits.parse().ok().filter(|&n| n < u64::MAX / 2)
}

/// `doc-` and 16 hex digits of a 64-bit FNV-1a hash of the text: stable across sessions and
/// machines, so a re-pasted article keeps its id.
pub fn document_id(text: &str) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in text.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("doc-{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::label::LabelId;

    fn span(id: &str, label: u8, start: usize, end: usize) -> Span {
        Span::new(
            SpanId::new(id),
            LabelId(label),
            CharRange::new(start, end).unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn block_lists_follow_edits_and_keep_untouched_blocks() {
        // Three paragraphs of 1,501 code points: each is a block of its own.
        let para = |c: &str| c.repeat(1500) + "\n";
        let text = para("a") + &para("b") + &para("c");
        let mut d = Document::new("t", &text, LabelSet::standard());
        assert_eq!(d.text().blocks().len(), 3);
        d.insert_spans(&[span("a", 0, 0, 3)]);
        let before: Vec<u64> = (0..3).map(|i| d.block_revision(i)).collect();
        d.insert_spans(&[span("b", 1, 2990, 3010)]); // crosses blocks 1 and 2
        let after: Vec<u64> = (0..3).map(|i| d.block_revision(i)).collect();
        assert_eq!(before[0], after[0], "block 0 was not touched");
        assert!(
            before[1] != after[1] && before[2] != after[2],
            "blocks 1 and 2 were"
        );
        assert_eq!(
            d.clone().block_revision(1),
            after[1],
            "a copy is the same lists"
        );
        assert_eq!(d.block_spans(1).len(), 1);
        assert_eq!(d.block_spans(2).len(), 1);
        d.remove_spans(&[span("b", 1, 2990, 3010)]);
        assert!(d.block_spans(1).is_empty() && d.block_spans(2).is_empty());
        d.replace_span(span("a", 2, 1600, 1700));
        assert!(d.block_spans(0).is_empty());
        assert_eq!(d.block_spans(1)[0].label(), LabelId(2));
    }

    #[test]
    fn with_spans_checks_fit() {
        let d = Document::new("t", "short", LabelSet::standard());
        assert_eq!(
            d.clone().with_spans(vec![span("x", 0, 2, 9)]).unwrap_err(),
            SpanMisfit::PastEnd(SpanId::new("x"))
        );
        assert_eq!(
            d.clone().with_spans(vec![span("x", 7, 0, 1)]).unwrap_err(),
            SpanMisfit::UnknownLabel(SpanId::new("x"))
        );
        let ok = d.with_spans(vec![span("x", 0, 0, 5)]).unwrap();
        assert_eq!(
            ok.covered(ok.spans().get(&SpanId::new("x")).unwrap()),
            "short"
        );
        assert_eq!(ok.block_spans(0).len(), 1);
    }

    #[test]
    fn fresh_ids_skip_imported_ones() {
        let mut d = Document::new("t", "abc", LabelSet::standard())
            .with_spans(vec![span("a1", 0, 0, 1)])
            .unwrap();
        assert_eq!(d.fresh_id().as_str(), "a2");
        assert_eq!(d.fresh_id().as_str(), "a3");
    }

    #[track_caller]
    fn check_fresh(ids: &[&str], want: &str) {
        let spans = ids
            .iter()
            .enumerate()
            .map(|(i, id)| span(id, 0, i, i + 1))
            .collect();
        let text = "x".repeat(ids.len() + 1);
        let mut d = Document::new("t", &text, LabelSet::standard())
            .with_spans(spans)
            .unwrap();
        assert_eq!(d.fresh_id().as_str(), want, "after {ids:?}");
    }

    #[test]
    fn fresh_ids_continue_after_the_highest_loaded_one() {
        check_fresh(&[], "a1");
        check_fresh(&["a5", "a7"], "a8");
        check_fresh(&["a7", "a5", "T3", "b9"], "a8");
        check_fresh(&["a", "a-1", "a٣", "a00"], "a1");
        check_fresh(&["a18446744073709551615"], "a1");
        check_fresh(&["a1", "a18446744073709551616"], "a2");
        let many: Vec<String> = (1..=10_000).map(|i| format!("a{i}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        check_fresh(&many, "a10001");
    }

    #[test]
    fn span_changes_name_what_an_edit_touched() {
        // Two blocks of 1,501 code points: Cyrillic, then emoji.
        let text = "ж".repeat(1500) + "\n" + &"😀".repeat(1500) + "\n";
        let before = Document::new("t", &text, LabelSet::standard())
            .with_spans(vec![
                span("a1", 0, 0, 3),
                span("a2", 1, 1600, 1610),
                span("x", 2, 1490, 1510),
            ])
            .unwrap();
        fn ids(c: &SpanChanges) -> (Vec<&str>, Vec<&str>) {
            let put = c.put.iter().map(|s| s.id().as_str()).collect();
            let removed = c.removed.iter().map(SpanId::as_str).collect();
            (put, removed)
        }
        assert_eq!(before.span_changes(&before), Some(SpanChanges::default()));
        let mut after = before.clone();
        after.insert_spans(&[span("a3", 0, 5, 9)]);
        after.replace_span(span("a2", 2, 1600, 1611));
        after.remove_spans(&[span("x", 2, 1490, 1510)]);
        let changes = after.span_changes(&before).unwrap();
        assert_eq!(ids(&changes), (vec!["a2", "a3"], vec!["x"]));
        assert_eq!(
            changes.put[0],
            span("a2", 2, 1600, 1611),
            "the span as it is now"
        );
        // A span over both blocks, changed, is written once; one moved from the first block
        // to the second is written, not deleted.
        let mut moved = before.clone();
        moved.replace_span(span("x", 1, 1490, 1520));
        moved.replace_span(span("a1", 0, 1550, 1560));
        assert_eq!(
            ids(&moved.span_changes(&before).unwrap()),
            (vec!["a1", "x"], vec![])
        );
        // The same text held apart (a document read back from the store): compared by value.
        let apart = Document::new("t", &text, LabelSet::standard())
            .with_spans(vec![
                span("a1", 0, 0, 3),
                span("a2", 1, 1600, 1610),
                span("x", 2, 1490, 1510),
                span("a4", 1, 20, 30),
            ])
            .unwrap();
        assert!(!Rc::ptr_eq(&apart.text_rc(), &before.text_rc()));
        assert_eq!(
            ids(&apart.span_changes(&before).unwrap()),
            (vec!["a4"], vec![])
        );
        let mut last = text.clone();
        last.pop();
        last.push('.');
        let edited = Document::new("t", &last, LabelSet::standard());
        assert_eq!(edited.span_changes(&before), None, "one code point differs");
        let other = Document::new("t", "другой текст", LabelSet::standard());
        assert_eq!(
            other.span_changes(&before),
            None,
            "another text: write everything"
        );
    }

    #[test]
    fn ids_are_stable_per_text() {
        assert_eq!(document_id("abc"), document_id("abc"));
        assert_ne!(document_id("abc"), document_id("abd"));
        assert_eq!(document_id(""), "doc-cbf29ce484222325");
    }
}
