//! A span: a labelled, non-empty range of code points of the article, with a stable id.
//!
//! Ranges count code points, end exclusive, in the whole article (not per paragraph).

use std::fmt;
use std::rc::Rc;

use super::attribute::{AttrValue, Attrs};
use super::label::LabelId;

/// A half-open range of code point offsets.
///
/// Invariant: `start <= end`. The fields are private so that no range can break it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct CharRange {
    start: usize,
    end: usize,
}

impl CharRange {
    /// A range from `start` to `end`; `None` when `start > end`.
    pub fn new(start: usize, end: usize) -> Option<CharRange> {
        (start <= end).then_some(CharRange { start, end })
    }

    /// The range between two positions in either order: a selection may run backwards.
    pub fn between(a: usize, b: usize) -> CharRange {
        CharRange {
            start: a.min(b),
            end: a.max(b),
        }
    }

    pub fn start(self) -> usize {
        self.start
    }

    pub fn end(self) -> usize {
        self.end
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// True when the ranges share at least one code point.
    pub fn overlaps(self, other: CharRange) -> bool {
        self.start < other.end && other.start < self.end && !self.is_empty() && !other.is_empty()
    }

    /// True when `other` lies within `self` (ends included).
    pub fn contains_range(self, other: CharRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The shared part of two ranges, if any code point is shared.
    pub fn intersect(self, other: CharRange) -> Option<CharRange> {
        let r = CharRange {
            start: self.start.max(other.start),
            end: self.end.min(other.end),
        };
        (r.start < r.end).then_some(r)
    }
}

impl fmt::Display for CharRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// The id of a span: generated (`a1`, `a2`, …) or kept from an imported file.
/// Shared, so cloning a span never copies the string.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SpanId(Rc<str>);

impl SpanId {
    pub fn new(id: &str) -> SpanId {
        SpanId(Rc::from(id))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The id as a shared string, for the view's attributes (no copy).
    pub fn shared(&self) -> Rc<str> {
        self.0.clone()
    }
}

impl fmt::Display for SpanId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One annotation: a label on a non-empty range, with the attribute values and the note the
/// annotator gave it.
///
/// Invariant: `range` is not empty; a note is never blank (no note is `None`). Whether it fits
/// a text, and whether its attributes fit its label, is the document's and the editor's
/// business.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    id: SpanId,
    label: LabelId,
    range: CharRange,
    attrs: Attrs,
    note: Option<Rc<str>>,
}

impl Span {
    /// A span without attributes or note, or `None` for an empty range.
    pub fn new(id: SpanId, label: LabelId, range: CharRange) -> Option<Span> {
        (!range.is_empty()).then_some(Span {
            id,
            label,
            range,
            attrs: Attrs::new(),
            note: None,
        })
    }

    pub fn attrs(&self) -> &Attrs {
        &self.attrs
    }

    /// The value of the attribute `name`, if set.
    pub fn attr(&self, name: &str) -> Option<&AttrValue> {
        self.attrs.get(name)
    }

    /// The note, if there is one.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    /// The same span with these attribute values.
    pub fn with_attrs(&self, attrs: Attrs) -> Span {
        Span {
            attrs,
            ..self.clone()
        }
    }

    /// The same span with `name` set to `value` (removed for `None`).
    pub fn with_attr(&self, name: &str, value: Option<AttrValue>) -> Span {
        self.with_attrs(self.attrs.with(name, value))
    }

    /// The same span with this note; blank text removes the note. Line ends are kept.
    pub fn with_note(&self, note: &str) -> Span {
        Span {
            note: (!note.trim().is_empty()).then(|| Rc::from(note)),
            ..self.clone()
        }
    }

    pub fn id(&self) -> &SpanId {
        &self.id
    }

    pub fn label(&self) -> LabelId {
        self.label
    }

    pub fn range(&self) -> CharRange {
        self.range
    }

    pub fn start(&self) -> usize {
        self.range.start
    }

    pub fn end(&self) -> usize {
        self.range.end
    }

    pub fn with_label(&self, label: LabelId) -> Span {
        Span {
            label,
            ..self.clone()
        }
    }

    /// The same span over another range; `None` if that range is empty. Attributes and note
    /// stay.
    pub fn with_range(&self, range: CharRange) -> Option<Span> {
        (!range.is_empty()).then(|| Span {
            range,
            ..self.clone()
        })
    }

    /// The same span under another id (an import that finds its id taken).
    pub fn with_id(&self, id: SpanId) -> Span {
        Span { id, ..self.clone() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_invariant() {
        assert_eq!(CharRange::new(3, 2), None);
        assert!(CharRange::new(2, 2).is_some_and(CharRange::is_empty));
        assert_eq!(CharRange::between(9, 4), CharRange::new(4, 9).unwrap());
    }

    #[test]
    fn range_relations() {
        let r = |a, b| CharRange::new(a, b).unwrap();
        assert!(r(0, 5).overlaps(r(4, 9)));
        assert!(!r(0, 5).overlaps(r(5, 9)), "touching is not overlapping");
        assert!(
            !r(0, 5).overlaps(r(2, 2)),
            "an empty range shares no code point"
        );
        assert!(r(0, 9).contains_range(r(2, 9)));
        assert!(!r(1, 9).contains_range(r(0, 2)));
        assert_eq!(r(0, 5).intersect(r(3, 9)), Some(r(3, 5)));
        assert_eq!(r(0, 5).intersect(r(5, 9)), None);
        assert_eq!(r(2, 5).len(), 3);
    }

    #[test]
    fn span_is_never_empty() {
        let id = SpanId::new("a1");
        assert!(Span::new(id.clone(), LabelId(0), CharRange::new(4, 4).unwrap()).is_none());
        let s = Span::new(id, LabelId(0), CharRange::new(4, 6).unwrap()).unwrap();
        assert!(s.with_range(CharRange::new(5, 5).unwrap()).is_none());
        assert_eq!(s.with_label(LabelId(2)).label(), LabelId(2));
    }

    #[test]
    fn attributes_and_notes_travel_with_the_span() {
        let s = Span::new(SpanId::new("a1"), LabelId(1), CharRange::new(0, 4).unwrap())
            .unwrap()
            .with_attr("check-worthy", Some(AttrValue::Choice(Rc::from("yes"))))
            .with_note("verify: «Ильхам» 👩🏽‍💻\r\nsecond line");
        let moved = s.with_range(CharRange::new(2, 9).unwrap()).unwrap();
        assert_eq!(
            moved.attr("check-worthy").map(AttrValue::as_text),
            Some("yes")
        );
        assert_eq!(moved.note(), s.note());
        assert_eq!(s.with_label(LabelId(0)).attrs(), s.attrs());
        assert_eq!(s.with_note("  \n ").note(), None, "a blank note is no note");
        assert_eq!(s.with_attr("check-worthy", None).attrs().len(), 0);
        assert_ne!(s, s.with_note("other"), "a note is part of what a span is");
    }
}
