//! CoNLL with IOB2 tags, for token-classification training (Hugging Face `tokens` +
//! `ner_tags`): one token and its tag per line.
//!
//! ```text
//! -DOCSTART- -X- O
//!
//! Merkel B-PERSON
//! said O
//! " B-QUOTE
//! We I-QUOTE
//! ```
//!
//! - Tokens: the text's Unicode word boundaries (UAX #29, `unicode-segmentation`'s
//!   `split_word_bound_indices`), each piece cut further at white space, white space dropped.
//!   So `Nagorno-Karabakh` is three tokens, `1,000` one, an emoji ZWJ sequence one, a
//!   combining mark stays with its letter, and each Chinese character is a token of its own. The tokenizer is part of the data: [`tokens`] is
//!   public so that tests and callers can reproduce it.
//! - Tags: `B-<label>` on a span's first token, `I-<label>` on the rest, `O` elsewhere;
//!   white space in a label is written as `_`. One document is one block (no sentence
//!   splitting), after a `-DOCSTART-` line.
//! - Dropped, and reported span by span: spans that do not start and end on token boundaries
//!   (after leaving out white space at their edges, which CoNLL cannot hold), and spans that
//!   overlap a kept one, since each token has one tag. The kept ones are chosen longest first
//!   (in tokens), then earliest, then in label order.
//! - Not carried: the text's white space and line breaks (an import joins tokens with single
//!   spaces and blocks with line breaks), the title, the label list beyond the labels used,
//!   attribute values, notes and relations (each counted in the export report).
//! - Import reads the first document (more `-DOCSTART-` blocks are reported): the first
//!   column is the token, the last the tag; IOB2, IOB1 (an `I-` tag may start a span) and
//!   BIOES/BILOU tags are read.

use unicode_segmentation::UnicodeSegmentation;

use super::brat::type_name;
use super::lost::{labels_lost, title_lost, Lost};
use super::report::{Fatal, Imported, Problem};
use super::resolve::{count, finish, wide, RawDoc, RawSpan};
use crate::model::span::CharRange;
use crate::model::{Document, Span};

/// White space as the format sees it: Unicode white space, and the separators Python's
/// `str.split()` also splits on, so that a token never falls apart in a reader.
fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// One token: its code point range in the text, and its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    pub chars: CharRange,
    pub text: &'a str,
}

/// The tokens of a text, in order (see the module docs for the rule).
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut char_pos = 0usize;
    for (_, seg) in text.split_word_bound_indices() {
        let mut run_start: Option<(usize, usize)> = None; // (byte in seg, char pos)
        for (b, c) in seg.char_indices() {
            match (is_space(c), run_start) {
                (false, None) => run_start = Some((b, char_pos)),
                (true, Some((rb, rc))) => {
                    out.push(Token {
                        chars: CharRange::between(rc, char_pos),
                        text: &seg[rb..b],
                    });
                    run_start = None;
                }
                _ => {}
            }
            char_pos += 1;
        }
        if let Some((rb, rc)) = run_start {
            out.push(Token {
                chars: CharRange::between(rc, char_pos),
                text: &seg[rb..],
            });
        }
    }
    out
}

/// The token range (first, last inclusive) a span maps to, or why it cannot be written.
fn token_range(doc: &Document, toks: &[Token], s: &Span) -> Result<(usize, usize), String> {
    let covered: Vec<char> = doc.covered(s).chars().collect();
    let lead = covered.iter().take_while(|c| is_space(**c)).count();
    if lead == covered.len() {
        return Err("it covers only white space, and CoNLL has no white-space tokens".into());
    }
    let trail = covered.iter().rev().take_while(|c| is_space(**c)).count();
    let (start, end) = (s.start() + lead, s.end() - trail);
    let first = toks.binary_search_by_key(&start, |t| t.chars.start());
    let last = toks.binary_search_by_key(&end, |t| t.chars.end());
    match (first, last) {
        (Ok(i), Ok(j)) => Ok((i, j)),
        _ => Err("it starts or ends inside a word, and CoNLL tags whole tokens".into()),
    }
}

/// The document as CoNLL lines, and what they do not carry.
pub fn export(doc: &Document) -> (String, Lost) {
    let text = doc.text().as_str();
    let toks = tokens(text);
    let mut lost = Lost::default();
    let mut candidates = Vec::new();
    for s in doc.spans().iter() {
        match token_range(doc, &toks, s) {
            Ok((i, j)) => candidates.push((s, i, j)),
            Err(why) => lost.spans.push((s.id().clone(), why)),
        }
    }
    // Longest first (in tokens), then earliest, then label order, then id: a total order, so
    // the choice does not depend on the order spans were added in.
    crate::model::order::sort_by_key(&mut candidates, |&(s, i, j)| {
        (std::cmp::Reverse(j - i), i, s.label(), s.id().clone())
    });
    let mut owner: Vec<Option<&Span>> = vec![None; toks.len()];
    let mut kept = Vec::new();
    for (s, i, j) in candidates {
        if let Some(other) = owner[i..=j].iter().flatten().next() {
            let why = format!(
                "it overlaps {} “{}”, which was kept",
                doc.labels().name(other.label()),
                super::report::clip(doc.covered(other))
            );
            lost.spans.push((s.id().clone(), why));
            continue;
        }
        owner[i..=j].iter_mut().for_each(|o| *o = Some(s));
        kept.push((s, i, j));
    }
    // In text order; positions looked up once (a search per comparison was quadratic).
    let order: std::collections::HashMap<&crate::model::SpanId, usize> = doc
        .spans()
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id(), i))
        .collect();
    crate::model::order::sort_by_key(&mut lost.spans, |(id, _)| order.get(id).copied());
    if lost
        .spans
        .iter()
        .any(|(_, why)| why.starts_with("it overlaps"))
    {
        lost.other.push(
            "each token has one tag, so of overlapping annotations CoNLL keeps the longest (in tokens), then the earliest".into(),
        );
    }
    crate::model::order::sort_by_key(&mut kept, |&(_, i, _)| i);
    let types: Vec<String> = doc
        .labels()
        .iter()
        .map(|(_, l)| type_name(&l.name))
        .collect();
    let mut tags: Vec<String> = vec!["O".to_string(); toks.len()];
    for &(s, i, j) in &kept {
        let t = &types[s.label().index()];
        tags[i] = format!("B-{t}");
        for tag in &mut tags[i + 1..=j] {
            *tag = format!("I-{t}");
        }
    }
    let mut out = String::from("-DOCSTART- -X- O\n\n");
    for (tok, tag) in toks.iter().zip(&tags) {
        out.push_str(tok.text);
        out.push(' ');
        out.push_str(tag);
        out.push('\n');
    }
    let joined = toks.iter().map(|t| t.text).collect::<Vec<_>>().join(" ");
    lost.text_layout = joined != text;
    (lost.attributes, lost.notes, lost.relations) = super::lost::all_qualifiers(doc);
    lost.title = title_lost(doc, &joined);
    lost.labels = labels_lost(
        doc,
        kept.iter().map(|(s, _, _)| doc.labels().name(s.label())),
    );
    lost.renamed_labels = doc
        .labels()
        .iter()
        .filter(|(id, l)| {
            kept.iter().any(|(s, _, _)| s.label() == *id) && type_name(&l.name) != *l.name
        })
        .map(|(_, l)| (l.name.to_string(), type_name(&l.name)))
        .collect();
    (out, lost)
}

/// A span being read: label, first token's code point offset, the line it began on.
struct Open {
    label: String,
    start: usize,
    line: usize,
}

/// Reads the first document of a CoNLL file.
pub fn import(content: &str) -> Result<Imported, Fatal> {
    let mut text = String::new();
    let mut text_chars = 0usize;
    let mut entries: Vec<Result<RawSpan, Problem>> = Vec::new();
    let mut problems = Vec::new();
    let mut open: Option<Open> = None;
    let mut extra_docs = 0usize;
    let mut need_break = false; // a blank line was seen since the last token
    let mut iob1 = 0usize;
    let close =
        |open: &mut Option<Open>, end: usize, entries: &mut Vec<Result<RawSpan, Problem>>| {
            if let Some(o) = open.take() {
                let name = format!("starting at line {}", o.line);
                entries.push(Ok(RawSpan {
                    name,
                    id: None,
                    label: o.label,
                    start: wide(o.start),
                    end: wide(end),
                    stated: None,
                    located: true,
                    ..RawSpan::default()
                }));
            }
        };
    for (i, line) in content
        .trim_start_matches('\u{feff}')
        .split('\n')
        .enumerate()
    {
        let line_no = i + 1;
        let cols: Vec<&str> = line.split(is_space).filter(|c| !c.is_empty()).collect();
        if cols.first() == Some(&"-DOCSTART-") {
            // A document marker after tokens starts a second document: it and the rest are
            // counted, not read.
            if !text.is_empty() {
                extra_docs += 1;
            }
            continue;
        }
        if extra_docs > 0 {
            continue;
        }
        if cols.is_empty() {
            close(&mut open, text_chars, &mut entries);
            need_break = !text.is_empty();
            continue;
        }
        let token = cols[0];
        let tag = if cols.len() >= 2 {
            cols[cols.len() - 1]
        } else {
            problems.push(Problem::BadLine {
                line: line_no,
                why: format!("the token “{token}” has no tag; read as O"),
            });
            "O"
        };
        let prev_end = text_chars;
        if !text.is_empty() {
            text.push(if need_break { '\n' } else { ' ' });
            text_chars += 1;
        }
        need_break = false;
        let start = text_chars;
        text.push_str(token);
        text_chars += token.chars().count();
        let (prefix, label) = match tag.split_once('-') {
            _ if tag == "O" => ("O", ""),
            Some((p, l)) if ["B", "I", "E", "S", "L", "U"].contains(&p) && !l.is_empty() => (p, l),
            _ => {
                problems.push(Problem::BadLine {
                    line: line_no,
                    why: format!("“{tag}” is not an IOB tag; read as O"),
                });
                ("O", "")
            }
        };
        let continues = open.as_ref().is_some_and(|o| o.label == label);
        match prefix {
            "O" => close(&mut open, prev_end, &mut entries),
            "I" | "E" | "L" if continues => {}
            _ => {
                if matches!(prefix, "I" | "E" | "L") {
                    iob1 += 1;
                }
                close(&mut open, prev_end, &mut entries);
                open = Some(Open {
                    label: label.to_string(),
                    start,
                    line: line_no,
                });
            }
        }
        if matches!(prefix, "E" | "L" | "S" | "U") {
            close(&mut open, text_chars, &mut entries);
        }
    }
    close(&mut open, text_chars, &mut entries);
    let mut raw = RawDoc::new(text);
    raw.entries = entries;
    raw.problems = problems;
    raw.repairable = false;
    if extra_docs > 0 {
        raw.problems
            .insert(0, Problem::ExtraDocuments { count: extra_docs });
    }
    if iob1 > 0 {
        raw.notes.push(format!(
            "{} begin with an I- tag (IOB1 style) and were read as starting there",
            count(iob1, "span")
        ));
    }
    finish(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text: &str, want: &[&str]) {
        let got: Vec<&str> = tokens(text).iter().map(|t| t.text).collect();
        assert_eq!(got, want, "tokens of {text:?}");
        for t in tokens(text) {
            let chars: String = text
                .chars()
                .skip(t.chars.start())
                .take(t.chars.len())
                .collect();
            assert_eq!(chars, t.text, "code point range of {:?}", t.text);
        }
    }

    #[test]
    fn tokenizer_rule() {
        check(
            "Merkel said: \"We will manage.\"",
            &[
                "Merkel", "said", ":", "\"", "We", "will", "manage", ".", "\"",
            ],
        );
        check("Nagorno-Karabakh", &["Nagorno", "-", "Karabakh"]);
        check("1,000 people", &["1,000", "people"]);
        check(
            "Família 👨\u{200d}👩\u{200d}👧 visits",
            &["Família", "👨\u{200d}👩\u{200d}👧", "visits"],
        );
        check(
            "Cafe\u{301}\tprices\r\nend.",
            &["Cafe\u{301}", "prices", "end", "."],
        );
        check("習近平說", &["習", "近", "平", "說"]);
        check("a \u{301}b", &["a", "\u{301}", "b"]);
        check(" \r\n ", &[]);
    }
}
