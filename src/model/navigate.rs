//! Stepping from span to span in text order (Tab, J, K): which span comes next from the
//! focused one, or from the caret when none is focused. A text rule, so it lives here and is
//! tested natively; the view only asks it.

use super::caret::Dir;
use super::span::SpanId;
use super::spans::SpanSet;

/// The span after (or before) `focused` in text order. With none focused: forward, the first
/// span that has not ended before the caret (so a span just made, with the caret at its end,
/// comes first); back, the last span that starts before the caret. No caret counts as the
/// start of the text. `None` past the last (or before the first) span, and when `focused` is
/// not in `spans`.
pub fn neighbour_span(
    spans: &SpanSet,
    focused: Option<&SpanId>,
    caret: Option<usize>,
    dir: Dir,
) -> Option<SpanId> {
    let found = match focused {
        Some(id) => {
            let i = spans.position(id)?;
            match dir {
                Dir::Forward => i.checked_add(1).and_then(|j| spans.at(j)),
                Dir::Back => i.checked_sub(1).and_then(|j| spans.at(j)),
            }
        }
        None => {
            let at = caret.unwrap_or(0);
            match dir {
                Dir::Forward => spans.iter().find(|s| s.end() >= at),
                Dir::Back => spans.iter().rev().find(|s| s.start() < at),
            }
        }
    };
    found.map(|s| s.id().clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::label::LabelId;
    use crate::model::span::{CharRange, Span};

    /// Spans over "one two three four five" (and the same words in other scripts): by id.
    fn set(ranges: &[(&str, usize, usize)]) -> SpanSet {
        SpanSet::from_spans(
            ranges
                .iter()
                .map(|&(id, s, e)| {
                    Span::new(SpanId::new(id), LabelId(0), CharRange::new(s, e).unwrap()).unwrap()
                })
                .collect(),
        )
    }

    #[track_caller]
    fn check(
        spans: &SpanSet,
        focused: Option<&str>,
        caret: Option<usize>,
        dir: Dir,
        want: Option<&str>,
    ) {
        let focused = focused.map(SpanId::new);
        let got = neighbour_span(spans, focused.as_ref(), caret, dir);
        assert_eq!(
            got.as_ref().map(SpanId::as_str),
            want,
            "from {focused:?} caret {caret:?} {dir:?}"
        );
    }

    #[test]
    fn steps_from_the_caret_or_the_focused_span() {
        // "one two three four five": two [4,7), four [14,18), one [0,3).
        let s = set(&[("two", 4, 7), ("four", 14, 18), ("one", 0, 3)]);
        use Dir::{Back, Forward};
        check(&s, None, Some(18), Forward, Some("four")); // the span just made comes first
        check(&s, None, Some(18), Back, Some("four"));
        check(&s, None, Some(9), Back, Some("two"));
        check(&s, None, Some(20), Forward, None); // past the last span Tab leaves the article
        check(&s, None, None, Forward, Some("one"));
        check(&s, None, Some(0), Back, None);
        check(&s, Some("two"), None, Forward, Some("four"));
        check(&s, Some("two"), Some(99), Back, Some("one")); // the caret does not matter then
        check(&s, Some("four"), None, Forward, None);
        check(&s, Some("one"), None, Back, None);
        check(&s, Some("gone"), None, Forward, None);
        check(&SpanSet::new(), None, Some(3), Forward, None);
    }

    #[test]
    fn nested_spans_step_outer_first() {
        // „Żółć 😀‍👩 خبر“: the quote [0,14) holds an entity [1,5) and [9,12).
        let s = set(&[("inner2", 9, 12), ("quote", 0, 14), ("inner1", 1, 5)]);
        check(&s, None, Some(0), Dir::Forward, Some("quote"));
        check(&s, Some("quote"), None, Dir::Forward, Some("inner1"));
        check(&s, Some("inner1"), None, Dir::Forward, Some("inner2"));
        check(&s, None, Some(10), Dir::Back, Some("inner2"));
    }
}
