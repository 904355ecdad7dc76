//! Find in the article: every hit of a literal or regular-expression query as a code point
//! range, and the preview of labelling them all. This module owns the matching rules (case
//! folding, whole words, which hits count); it knows nothing of the search box, highlighting
//! or stepping through hits, which are the view's, nor of how the spans get made, which is the
//! editor's ([`crate::model::Editor::add_spans`]).
//!
//! # Rules
//!
//! - Hits are non-overlapping, in text order; after a hit the search goes on from its end.
//! - A hit never cuts a grapheme cluster: a candidate that starts or ends inside one (the
//!   `e` of `e` + combining accent, the 👍 of 👍🏽, half a flag) is dropped, not widened,
//!   because the widened text would not be what was searched for. The search then goes on one
//!   code point after the dropped candidate's start, so a later, valid hit is still found.
//! - Whole word: a hit must start and end on a word edge, which is a Unicode word boundary
//!   (UAX #29, from `unicode_segmentation`) or a position next to an apostrophe (`'` or `’`).
//!   A hyphen is a boundary, so "Azerbaijan" is found in "Netherlands-Azerbaijan-Turkey" but
//!   not in "Azerbaijani". UAX #29 keeps an apostrophe between letters inside one word
//!   ("Azerbaijan’s", "l’Azerbaïdjan"); for find that would silently leave possessives and
//!   elisions out of a "label all", so apostrophes count as edges here (and "don" is found in
//!   "don't"). Each CJK ideograph is a word of its own, so any run of ideographs is whole.
//! - Case-insensitive literal search folds each code point to exactly one code point: its
//!   lowercase, or the first code point of it where the lowercase is longer (only `İ`, which
//!   becomes `i`), and final `ς` to `σ`. Offsets therefore stay the same code points as in
//!   the text. There is no one-to-many folding: "strasse" does not find "Straße".
//! - Regular expressions use `regex-lite` (chosen for its small size in the wasm bundle),
//!   with `^`/`$` matching at line ends (`\r\n` included). Its case-insensitivity (`(?i)`, set by
//!   the toggle), `\w`, `\d`, `\s` and `\b` are ASCII-only, and `\p{..}` is not supported;
//!   `[^β]`-style classes work on any code point. Empty matches are skipped. The same
//!   grapheme and whole-word rules apply to regex hits; they filter the match the engine
//!   picks (leftmost-first) and do not make it try another alternative, so with whole word on,
//!   `Azerbaijan(i|is)` finds nothing in "Azerbaijanis" while `Azerbaijan(is|i)` finds it.
//! - Cost: a regex is limited to [`MAX_REGEX_CHARS`]; more than [`MAX_HITS`] hits is an error
//!   rather than a list too long to highlight or label.

use std::borrow::Cow;
use std::fmt;

use super::document::Document;
use super::editor::plan_add;
use super::grapheme::is_grapheme_boundary;
use super::label::LabelId;
use super::offsets::OffsetIndex;
use super::span::CharRange;
use super::text::ArticleText;
use super::words::is_word_boundary;

/// The most hits a search may have.
pub const MAX_HITS: usize = 100_000;

/// The longest regular expression accepted, in code points; regex-lite's search time grows
/// with the pattern's size times the text's.
pub const MAX_REGEX_CHARS: usize = 1_000;

/// What to look for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub pattern: String,
    /// `pattern` is a regular expression (regex-lite syntax), not literal text.
    pub regex: bool,
    pub case_sensitive: bool,
    /// Only hits that start and end on word edges (see the module doc).
    pub whole_word: bool,
}

/// Why a search has no list of hits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FindError {
    /// The regular expression does not parse (regex-lite's message says why).
    InvalidRegex(String),
    /// The regular expression is longer than [`MAX_REGEX_CHARS`].
    RegexTooLong { limit: usize },
    /// More than [`MAX_HITS`] hits.
    TooManyHits { limit: usize },
}

impl fmt::Display for FindError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FindError::InvalidRegex(why) => write!(f, "invalid regular expression: {why}"),
            FindError::RegexTooLong { limit } => {
                write!(
                    f,
                    "the regular expression is too long (at most {limit} characters)"
                )
            }
            FindError::TooManyHits { limit } => {
                write!(f, "more than {limit} hits; search for something narrower")
            }
        }
    }
}

impl std::error::Error for FindError {}

/// All hits of `q` in `text`, as code point ranges, non-overlapping and in text order.
/// An empty pattern has no hits. See the module doc for the rules.
pub fn find_all(text: &ArticleText, q: &Query) -> Result<Vec<CharRange>, FindError> {
    if q.pattern.is_empty() {
        return Ok(Vec::new());
    }
    let src = text.as_str();
    let ok = |start: usize, end: usize| {
        start < end
            && is_grapheme_boundary(src, start)
            && is_grapheme_boundary(src, end)
            && (!q.whole_word || is_word_edge(src, start) && is_word_edge(src, end))
    };
    let mut hits = Vec::new();
    let mut push = |start: usize, end: usize| -> Result<(), FindError> {
        if hits.len() == MAX_HITS {
            return Err(FindError::TooManyHits { limit: MAX_HITS });
        }
        let (Some(s), Some(e)) = (text.char_of(start), text.char_of(end)) else {
            return Ok(());
        };
        hits.push(CharRange::between(s, e));
        Ok(())
    };
    if q.regex {
        let re = compile(q)?;
        let mut from = 0;
        while let Some(m) = re.find_at(src, from) {
            if ok(m.start(), m.end()) {
                push(m.start(), m.end())?;
                from = m.end();
            } else {
                match next_char(src, m.start()) {
                    Some(next) => from = next,
                    None => break,
                }
            }
        }
    } else {
        let hay = Haystack::new(text, q.case_sensitive);
        let pattern = if q.case_sensitive {
            Cow::Borrowed(q.pattern.as_str())
        } else {
            Cow::Owned(fold(&q.pattern))
        };
        let mut from = 0;
        while let Some(i) = hay.text[from..].find(&*pattern) {
            let (hs, he) = (from + i, from + i + pattern.len());
            let (start, end) = (hay.to_src(text, hs), hay.to_src(text, he));
            if ok(start, end) {
                push(start, end)?;
                from = he;
            } else {
                match next_char(&hay.text, hs) {
                    Some(next) => from = next,
                    None => break,
                }
            }
        }
    }
    Ok(hits)
}

/// Which hits fall in each block of `text`: for block `i`, the index range of `hits` (code
/// point ranges in text order) that share a code point with it. A hit across a block boundary
/// belongs to both blocks, so each block can draw its own part.
pub fn hits_by_block(text: &ArticleText, hits: &[CharRange]) -> Vec<std::ops::Range<usize>> {
    text.blocks()
        .iter()
        .map(|b| {
            let first = hits.partition_point(|h| h.end() <= b.chars.start());
            let last = hits.partition_point(|h| h.start() < b.chars.end());
            first..last.max(first)
        })
        .collect()
}

/// What labelling every hit with `label` would do: `(created, skipped)`, where `skipped`
/// counts the hits that already carry that label on exactly that range. Hits outside the text
/// and repeats count as neither. Agrees with what [`crate::model::Editor::add_spans`] does;
/// an unknown label creates nothing.
pub fn label_all_preview(doc: &Document, label: LabelId, hits: &[CharRange]) -> (usize, usize) {
    if doc.labels().get(label).is_none() {
        return (0, 0);
    }
    let (create, skipped) = plan_add(doc, label, hits);
    (create.len(), skipped)
}

fn compile(q: &Query) -> Result<regex_lite::Regex, FindError> {
    if q.pattern.chars().count() > MAX_REGEX_CHARS {
        return Err(FindError::RegexTooLong {
            limit: MAX_REGEX_CHARS,
        });
    }
    regex_lite::RegexBuilder::new(&q.pattern)
        .case_insensitive(!q.case_sensitive)
        .multi_line(true)
        .crlf(true)
        .build()
        .map_err(|e| FindError::InvalidRegex(e.to_string()))
}

/// The byte offset of the code point after the one at `b`; `None` at the end.
fn next_char(s: &str, b: usize) -> Option<usize> {
    s.get(b..)?.chars().next().map(|c| b + c.len_utf8())
}

/// Folds one code point for case-insensitive search: always to exactly one code point.
fn fold_char(c: char) -> char {
    match c {
        'ς' => 'σ',
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// The text a literal search runs over: the article itself, or its case fold, which has the
/// same code points at the same code point offsets but not the same bytes.
struct Haystack<'a> {
    text: Cow<'a, str>,
    /// Offsets of the folded text; `None` when `text` is the article itself.
    folded: Option<OffsetIndex>,
}

impl<'a> Haystack<'a> {
    fn new(article: &'a ArticleText, case_sensitive: bool) -> Haystack<'a> {
        if case_sensitive {
            return Haystack {
                text: Cow::Borrowed(article.as_str()),
                folded: None,
            };
        }
        let text = fold(article.as_str());
        let folded = Some(OffsetIndex::new(&text));
        Haystack {
            text: Cow::Owned(text),
            folded,
        }
    }

    /// The article byte offset of a byte offset in this haystack (found on a code point).
    fn to_src(&self, article: &ArticleText, b: usize) -> usize {
        match &self.folded {
            None => b,
            Some(index) => index
                .byte_to_char(&self.text, b)
                .and_then(|c| article.byte_of(c))
                .unwrap_or(article.as_str().len()),
        }
    }
}

/// True where a whole-word hit may start or end: at a Unicode word boundary or next to an
/// apostrophe (see the module doc).
fn is_word_edge(src: &str, b: usize) -> bool {
    let apostrophe = |c: char| c == '\'' || c == '’';
    is_word_boundary(src, b)
        || src[..b].chars().next_back().is_some_and(apostrophe)
        || src[b..].chars().next().is_some_and(apostrophe)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::label::LabelSet;
    use crate::model::Editor;

    const ARTICLE: &str = include_str!("../../tests/fixtures/article.txt");

    fn literal(pattern: &str) -> Query {
        Query {
            pattern: pattern.into(),
            case_sensitive: true,
            ..Query::default()
        }
    }

    fn regex(pattern: &str) -> Query {
        Query {
            pattern: pattern.into(),
            regex: true,
            case_sensitive: true,
            ..Query::default()
        }
    }

    fn ignore_case(q: Query) -> Query {
        Query {
            case_sensitive: false,
            ..q
        }
    }

    fn whole(q: Query) -> Query {
        Query {
            whole_word: true,
            ..q
        }
    }

    /// `text` with every hit of `q` in `[` `]`, so a case shows exactly what was found.
    fn marked(text: &str, q: &Query) -> Result<String, FindError> {
        let article = ArticleText::new(text);
        let hits = find_all(&article, q)?;
        let mut out = String::new();
        for (i, c) in text.chars().enumerate() {
            if hits.iter().any(|h| h.end() == i) {
                out.push(']');
            }
            if hits.iter().any(|h| h.start() == i) {
                out.push('[');
            }
            out.push(c);
        }
        if hits.iter().any(|h| h.end() == text.chars().count()) {
            out.push(']');
        }
        Ok(out)
    }

    #[track_caller]
    fn check(text: &str, q: Query, want: &str) {
        assert_eq!(marked(text, &q).as_deref(), Ok(want), "{q:?}");
    }

    #[test]
    fn literal_search() {
        check("Baku and Baku", literal("Baku"), "[Baku] and [Baku]");
        check("Baku and Baku", literal("baku"), "Baku and Baku");
        check("Baku", literal(""), "Baku");
        check("", literal("Baku"), "");
        check("aaaa", literal("aa"), "[aa][aa]");
        check("a.b a+b", literal("a+b"), "a.b [a+b]");
        check("x\r\ny", literal("\r\n"), "x[\r\n]y");
        check("in Baku\tand", literal("Baku\t"), "in [Baku\t]and");
    }

    #[test]
    fn case_folding() {
        check(
            "Baku, BAKU, baku",
            ignore_case(literal("baku")),
            "[Baku], [BAKU], [baku]",
        );
        check(
            "ÇAĞDAŞ Çağdaş",
            ignore_case(literal("çağdaş")),
            "[ÇAĞDAŞ] [Çağdaş]",
        );
        check("ΟΔΟΣ οδος", ignore_case(literal("οδοσ")), "[ΟΔΟΣ] [οδος]");
        check("ДУМА Дума", ignore_case(literal("дума")), "[ДУМА] [Дума]");
        // `İ` lowercases to two code points; it folds to `i` alone, so offsets do not shift.
        check(
            "İstanbul, x İZMİR",
            ignore_case(literal("izmir")),
            "İstanbul, x [İZMİR]",
        );
        check("İstanbul", ignore_case(literal("istanbul")), "[İstanbul]");
        // The Kelvin sign is three bytes and folds to the one-byte `k`.
        check(
            "5 \u{212a}m and 5 km",
            ignore_case(literal("km")),
            "5 [\u{212a}m] and 5 [km]",
        );
        check("Straße", ignore_case(literal("strasse")), "Straße");
        check("😀 BAKU", ignore_case(literal("baku")), "😀 [BAKU]");
    }

    #[test]
    fn whole_words() {
        check(
            "Azerbaijan Azerbaijani Azerbaijanis",
            whole(literal("Azerbaijan")),
            "[Azerbaijan] Azerbaijani Azerbaijanis",
        );
        check(
            "Netherlands-Azerbaijan-Turkey",
            whole(literal("Azerbaijan")),
            "Netherlands-[Azerbaijan]-Turkey",
        );
        check(
            "Azerbaijan’s army, Azerbaijan's",
            whole(literal("Azerbaijan")),
            "[Azerbaijan]’s army, [Azerbaijan]'s",
        );
        check(
            "l’Azerbaïdjan",
            whole(literal("Azerbaïdjan")),
            "l’[Azerbaïdjan]",
        );
        check("don't", whole(literal("don")), "[don]'t");
        check(
            "“Karabakh is Azerbaijan”",
            whole(literal("is Azer")),
            "“Karabakh is Azerbaijan”",
        );
        check(
            "“Karabakh is Azerbaijan”",
            whole(literal("“Karabakh")),
            "[“Karabakh] is Azerbaijan”",
        );
        check("aaa aa", whole(literal("aa")), "aaa [aa]");
        check("3.14 and 3", whole(literal("3")), "3.14 and [3]");
        check("習近平說", whole(literal("近平")), "習[近平]說");
        check(
            "قال أردوغان اليوم",
            whole(literal("أردوغان")),
            "قال [أردوغان] اليوم",
        );
        check("قال أردوغانية", whole(literal("أردوغان")), "قال أردوغانية");
        check(
            "BAKU bakus",
            whole(ignore_case(literal("baku"))),
            "[BAKU] bakus",
        );
    }

    #[test]
    fn hits_never_cut_a_grapheme() {
        check("cafe\u{301} cafe", literal("cafe"), "cafe\u{301} [cafe]");
        check("👍🏽 👍", literal("👍"), "👍🏽 [👍]");
        check("🇦🇿🇳🇱", literal("🇿🇳"), "🇦🇿🇳🇱");
        check("🇦🇿🇳🇱", literal("🇳🇱"), "🇦🇿[🇳🇱]");
        check(
            "👨\u{200d}👩\u{200d}👧 👩",
            literal("👩"),
            "👨\u{200d}👩\u{200d}👧 [👩]",
        );
        check("x\r\ny", literal("\n"), "x\r\ny");
        check("x\r\ny", regex("."), "[x]\r\n[y]");
        check("e\u{301}", regex("."), "e\u{301}");
    }

    #[test]
    fn regular_expressions() {
        check(
            "on 4 December, on 10 November",
            regex(r"\d+ [A-Z][a-z]+"),
            "on [4 December], on [10 November]",
        );
        check("Baku BAKU", ignore_case(regex("ba[k]u")), "[Baku] [BAKU]");
        check("Baku BAKU", regex("ba[k]u"), "Baku BAKU");
        check("ab", regex("x*"), "ab");
        check("aXb", regex("X*"), "a[X]b");
        check(
            "one\r\ntwo\nthree",
            regex("^t[a-z]+$"),
            "one\r\n[two]\n[three]",
        );
        check(
            "Azerbaijan Azerbaijanis",
            whole(regex("Azerbaijan(is)?")),
            "[Azerbaijan] [Azerbaijanis]",
        );
        check("Azerbaijanis", whole(regex("Azerbaijan")), "Azerbaijanis");
        // Whole word filters the match the engine picks (leftmost-first), it does not make the
        // engine try another alternative: `i` is taken, cuts the word, and the match is dropped.
        check(
            "Azerbaijanis",
            whole(regex("Azerbaijan(i|is)")),
            "Azerbaijanis",
        );
        check(
            "Azerbaijanis",
            whole(regex("Azerbaijan(is|i)")),
            "[Azerbaijanis]",
        );
        check("習近平說", regex("[^說]+"), "[習近平]說");
        // regex-lite's classes and case folding are ASCII-only.
        check("ÇAĞ çağ", ignore_case(regex("çağ")), "ÇAĞ [çağ]");
        check("é e", regex(r"\w"), "é [e]");
    }

    #[test]
    fn errors() {
        let text = ArticleText::new("Baku");
        let err = |q: Query| find_all(&text, &q).unwrap_err().to_string();
        assert_eq!(
            err(regex("(Baku")),
            "invalid regular expression: found open group without closing ')'"
        );
        assert_eq!(
            err(regex("[z-a]")),
            "invalid regular expression: invalid range in character class"
        );
        assert_eq!(
            err(regex(r"\p{L}")),
            "invalid regular expression: Unicode character classes are not supported"
        );
        assert_eq!(
            err(regex(&"a".repeat(MAX_REGEX_CHARS + 1))),
            "the regular expression is too long (at most 1000 characters)"
        );
        let many = ArticleText::new(&"a".repeat(MAX_HITS + 1));
        assert_eq!(
            find_all(&many, &literal("a")),
            Err(FindError::TooManyHits { limit: MAX_HITS })
        );
        assert_eq!(
            find_all(&many, &regex("a")).unwrap_err().to_string(),
            "more than 100000 hits; search for something narrower"
        );
        let exactly = ArticleText::new(&"a".repeat(MAX_HITS));
        assert_eq!(
            find_all(&exactly, &literal("a")).map(|h| h.len()),
            Ok(MAX_HITS)
        );
    }

    #[test]
    fn offsets_are_code_points() {
        // 😀 is one code point (two UTF-16 units, four bytes); the family is five code points.
        let text = ArticleText::new("😀 Obama, 👨\u{200d}👩\u{200d}👧 OBAMA");
        let hits = find_all(&text, &ignore_case(literal("obama"))).unwrap();
        assert_eq!(
            hits,
            [
                CharRange::new(2, 7).unwrap(),
                CharRange::new(15, 20).unwrap()
            ]
        );
        assert_eq!(
            find_all(&text, &regex("O[a-z]+")).unwrap(),
            [CharRange::new(2, 7).unwrap()]
        );
    }

    /// Occurrences of `word` not preceded or followed by a letter or digit: the rule users
    /// expect, computed without word segmentation.
    fn independent_count(text: &str, word: &str) -> usize {
        text.match_indices(word)
            .filter(|&(i, w)| {
                let before = text[..i].chars().next_back();
                let after = text[i + w.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            })
            .count()
    }

    #[test]
    fn fixture_article() {
        let text = ArticleText::new(ARTICLE);
        let hits = find_all(&text, &whole(literal("Azerbaijan"))).unwrap();
        assert_eq!(hits.len(), independent_count(ARTICLE, "Azerbaijan"));
        assert_eq!(hits.len(), 6);
        for h in &hits {
            assert_eq!(text.slice(*h), Some("Azerbaijan"));
        }
        let all = find_all(&text, &literal("Azerbaijan")).unwrap();
        assert_eq!(all.len(), ARTICLE.matches("Azerbaijan").count());
        assert_eq!(all.len(), 11, "with Azerbaijani and Azerbaijanis");
        let hyphen = ARTICLE.find("Netherlands-Azerbaijan").unwrap() + "Netherlands-".len();
        assert!(hits.iter().any(|h| text.byte_of(h.start()) == Some(hyphen)));
        let folded = find_all(&text, &whole(ignore_case(literal("AZERBAIJAN")))).unwrap();
        assert_eq!(folded, hits);
        let re = find_all(&text, &whole(regex(r"Azerbaijan(is|i)?"))).unwrap();
        assert_eq!(re.len(), 11);
    }

    #[test]
    fn preview_agrees_with_label_all() {
        let mut e = Editor::new(Document::new("t", ARTICLE, LabelSet::standard()));
        let hits = find_all(e.doc().text(), &whole(literal("Azerbaijan"))).unwrap();
        let entity = LabelId(0);
        e.add_span(entity, hits[1]).unwrap();
        e.add_span(LabelId(1), hits[2]).unwrap();
        assert_eq!(label_all_preview(e.doc(), entity, &hits), (5, 1));
        assert_eq!(label_all_preview(e.doc(), LabelId(1), &hits), (5, 1));
        assert_eq!(label_all_preview(e.doc(), LabelId(9), &hits), (0, 0));
        assert_eq!(e.add_spans(entity, &hits), Ok(5));
        assert_eq!(label_all_preview(e.doc(), entity, &hits), (0, 6));
        assert_eq!(e.doc().spans().len(), 7);
        e.undo().unwrap();
        assert_eq!(e.doc().spans().len(), 2, "label all is one undo step");
    }

    #[test]
    fn hits_fall_in_the_blocks_they_touch() {
        // Three paragraphs of 1,501 code points are three blocks: [0,1501), [1501,3002), [3002,4503).
        let para = |c: &str| c.repeat(1500) + "\n";
        let text = ArticleText::new(&(para("é") + &para("😀") + &para("中")));
        assert_eq!(text.blocks().len(), 3);
        let r = |a, b| CharRange::new(a, b).unwrap();
        let hits = [r(0, 2), r(1499, 1503), r(1600, 1601), r(3002, 3003)];
        assert_eq!(hits_by_block(&text, &hits), [0..2, 1..3, 3..4]);
        assert_eq!(hits_by_block(&text, &[]), [0..0, 0..0, 0..0]);
        assert!(hits_by_block(&ArticleText::new(""), &hits).is_empty());
    }
}
