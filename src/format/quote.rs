//! Where a quote occurs in a text, for W3C `TextQuoteSelector`s that come without a position:
//! the quote with its prefix and suffix must occur exactly once. Knows nothing of JSON.
//!
//! Cost: the first lookups search the text directly and stop at the second match, since two
//! matches already settle the answer. A file with many quotes would make that
//! annotations × text, so once the direct searches have scanned a few times the text's length,
//! the rest are answered from a suffix table built once (linear time, four bytes per byte of
//! text): a binary search per quote, whatever the text and however many quotes.

use suffix::SuffixTable;

use crate::model::offsets::OffsetIndex;

/// How many times the text's length the direct searches may scan, in all, before the suffix
/// table is built: a file with a few quotes never pays for the table.
const SCANS_BEFORE_TABLE: usize = 4;

/// Where a quote is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Found {
    Nowhere,
    /// Exactly once: the code point range of the quote (the prefix and suffix left out).
    Once {
        start: usize,
        end: usize,
    },
    /// Twice or more.
    Several,
}

/// Answers quote lookups on one text.
pub(crate) struct QuoteFinder<'t> {
    text: &'t str,
    index: Option<OffsetIndex>,
    table: Option<SuffixTable<'t, 'static>>,
    /// Bytes the direct searches may still scan.
    budget: usize,
}

impl<'t> QuoteFinder<'t> {
    pub fn new(text: &'t str) -> QuoteFinder<'t> {
        let budget = text.len().saturating_mul(SCANS_BEFORE_TABLE);
        QuoteFinder::with_budget(text, budget.saturating_add(1 << 16))
    }

    /// A finder that builds its table once its searches have scanned `budget` bytes.
    pub fn with_budget(text: &'t str, budget: usize) -> QuoteFinder<'t> {
        QuoteFinder {
            text,
            index: None,
            table: None,
            budget,
        }
    }

    /// Where `exact` occurs with `prefix` right before it and `suffix` right after it.
    /// An empty `exact` is found nowhere.
    pub fn find(&mut self, prefix: &str, exact: &str, suffix: &str) -> Found {
        if exact.is_empty() {
            return Found::Nowhere;
        }
        let whole = [prefix, exact, suffix].concat();
        let first = match self.matches(&whole) {
            Matches::None => return Found::Nowhere,
            Matches::Several => return Found::Several,
            Matches::One(byte) => byte,
        };
        let text = self.text;
        let index = self.index.get_or_insert_with(|| OffsetIndex::new(text));
        let at = first.saturating_add(prefix.len());
        let start = index.byte_to_char(text, at);
        let end = index.byte_to_char(text, at.saturating_add(exact.len()));
        match (start, end) {
            (Some(start), Some(end)) => Found::Once { start, end },
            // A match of whole characters starts and ends on character boundaries.
            _ => Found::Nowhere,
        }
    }

    fn matches(&mut self, pattern: &str) -> Matches {
        if self.table.is_none() && self.budget == 0 && u32::try_from(self.text.len()).is_ok() {
            self.table = Some(SuffixTable::new(self.text));
        }
        match &self.table {
            Some(table) => match table.positions(pattern) {
                [] => Matches::None,
                [one] => usize::try_from(*one).map_or(Matches::None, Matches::One),
                _ => Matches::Several,
            },
            None => {
                let (found, scanned) = scan(self.text, pattern);
                self.budget = self.budget.saturating_sub(scanned);
                found
            }
        }
    }
}

enum Matches {
    None,
    One(usize),
    Several,
}

/// The matches of `pattern` in `text` (overlapping ones count), searched directly up to the
/// second, and how many bytes the search went through.
fn scan(text: &str, pattern: &str) -> (Matches, usize) {
    let Some(first) = text.find(pattern) else {
        return (Matches::None, text.len());
    };
    // The next match may overlap this one: look again from the next character.
    let step = text
        .get(first..)
        .and_then(|rest| rest.chars().next())
        .map_or(1, char::len_utf8);
    let from = first.saturating_add(step);
    match text.get(from..).and_then(|rest| rest.find(pattern)) {
        Some(_) => (Matches::Several, text.len()),
        None => (Matches::One(first), text.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The direct search and the suffix table agree, and both give `want`.
    #[track_caller]
    fn check(text: &str, (prefix, exact, suffix): (&str, &str, &str), want: Found) {
        let direct = QuoteFinder::with_budget(text, usize::MAX).find(prefix, exact, suffix);
        let table = QuoteFinder::with_budget(text, 0).find(prefix, exact, suffix);
        assert_eq!(direct, want, "direct search of {exact:?} in {text:?}");
        assert_eq!(table, want, "suffix table search of {exact:?} in {text:?}");
    }

    #[test]
    fn quotes_are_found_once_nowhere_or_several_times() {
        let once = |start, end| Found::Once { start, end };
        check("Merkel said: Merkel", ("", "said", ""), once(7, 11));
        check("Merkel said: Merkel", ("", "Merkel", ""), Found::Several);
        check(
            "Merkel said: Merkel",
            ("said: ", "Merkel", ""),
            once(13, 19),
        );
        check("Merkel said: Merkel", ("", "Merkel", " said"), once(0, 6));
        check("Merkel said: Merkel", ("", "Obama", ""), Found::Nowhere);
        check("Merkel said: Merkel", ("", "", ""), Found::Nowhere);
        check("aaa", ("", "aa", ""), Found::Several);
        check("😀 Zürich 😀 Zürich", ("😀 ", "Zürich", ""), Found::Several);
        check("😀 Zürich 😀 Zürich", ("", "Zürich", ""), Found::Several);
        check(
            "👨\u{200d}👩\u{200d}👧 Família",
            ("", "Família", ""),
            once(6, 13),
        );
        check("Cafe\u{301} prices", ("Cafe", "\u{301}", " "), once(4, 5));
        check("習近平說 習近平", ("", "平說", ""), once(2, 4));
        check("قال أردوغان", ("قال ", "أردوغان", ""), once(4, 11));
        check("a\r\nb\r\nb", ("\r\n", "b", "\r\n"), once(3, 4));
        check("", ("", "a", ""), Found::Nowhere);
    }

    #[test]
    fn the_table_takes_over_when_the_budget_is_spent() {
        let text = "one two three";
        let mut finder = QuoteFinder::with_budget(text, 20);
        assert_eq!(finder.find("", "two", ""), Found::Once { start: 4, end: 7 });
        assert!(finder.table.is_none(), "one search fits the budget");
        assert_eq!(finder.find("", "one", ""), Found::Once { start: 0, end: 3 });
        assert_eq!(
            finder.find("", "three", ""),
            Found::Once { start: 8, end: 13 }
        );
        assert!(finder.table.is_some(), "the third search uses the table");
    }
}
