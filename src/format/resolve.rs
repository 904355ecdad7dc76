//! The import steps every format shares once its own parser has run: building the label set,
//! checking each span against the text, and looking for an offset [`Repair`] when the spans
//! fit the text better under another reading of the offsets.
//!
//! A format parser turns its file into a [`RawDoc`]: the text, and for each annotation either a
//! [`RawSpan`] (offsets in the file's unit, the label by name, the text the file says it
//! covers) or the [`Problem`] that made it unreadable. [`finish`] does the rest. It never moves
//! a span to where its text happens to occur: a span that fits under no reading is a problem.
//!
//! Offsets stay the file's `u64` until checked here: one that does not fit this target's
//! `usize` (32 bits on wasm32) is outside the text, never narrowed onto other words.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use super::report::{clip, Fatal, Imported, Newlines, OffsetUnit, Problem, Reading, Repair};
use super::stated::Covered;
pub(crate) use super::stated::TextCheck;
use crate::model::label::{LabelSet, MAX_LABELS};
use crate::model::relation::RelationType;
use crate::model::span::{CharRange, Span, SpanId};
use crate::model::title::derive_title;
use crate::model::{Document, LabelId};

mod qualified;
pub(crate) use qualified::{grown, RawEnd, RawRelation, RawValue};

/// One annotation as a file states it, before any check.
#[derive(Clone, Debug, Default)]
pub(crate) struct RawSpan {
    /// How messages name it: `“T3”`, `number 4`.
    pub name: String,
    /// The id to keep, when the file gives one.
    pub id: Option<String>,
    pub label: String,
    /// Offsets in the file's unit, end exclusive, as the file states them: a `u64`, never
    /// narrowed to `usize` before the check (on wasm32, `usize` is 32 bits and `as` would turn
    /// 4,294,967,301 into 5 and land the span on the wrong text).
    pub start: u64,
    pub end: u64,
    /// The text the file says the span covers, if it says; shared by the spans one
    /// annotation makes (one per label), so that they cost no copy of it.
    pub stated: Option<Rc<str>>,
    /// True when the import found the offsets itself (from a quote), in code points, so no
    /// other reading of the file's offsets applies to them.
    pub located: bool,
    /// Attribute values by name, in file order, as the file states them.
    pub attrs: Vec<(String, RawValue)>,
    /// The note, if the file gives one.
    pub note: Option<String>,
}

/// A parsed file, before the checks of [`finish`].
#[derive(Clone, Debug)]
pub(crate) struct RawDoc {
    pub id: Option<String>,
    pub title: Option<String>,
    pub text: String,
    /// The file's own label list; `None` builds the set from the labels the spans use.
    pub labels: Option<LabelSet>,
    /// Every annotation in file order: readable or the reason it is not.
    pub entries: Vec<Result<RawSpan, Problem>>,
    /// File-level problems, listed before the annotations' ones.
    pub problems: Vec<Problem>,
    pub notes: Vec<String>,
    /// The reading the format states or assumes.
    pub reading: Reading,
    pub check: TextCheck,
    /// False when the format's offsets are not text offsets at all (CoNLL token lines).
    pub repairable: bool,
    /// Every relation in file order: readable or the reason it is not. Resolved after the
    /// spans, against the spans kept.
    pub relations: Vec<Result<RawRelation, Problem>>,
    /// The relation types the file defines; `None` when the format has no place for them,
    /// and a type seen only in relations then links any two spans.
    pub types: Option<Vec<RelationType>>,
}

impl RawDoc {
    pub fn new(text: String) -> RawDoc {
        RawDoc {
            id: None,
            title: None,
            text,
            labels: None,
            entries: Vec::new(),
            problems: Vec::new(),
            notes: Vec::new(),
            reading: Reading::CODE_POINTS,
            check: TextCheck::Exact,
            repairable: true,
            relations: Vec::new(),
            types: None,
        }
    }
}

/// Parses a whole file as JSON, a leading byte order mark allowed.
pub(crate) fn parse_json(content: &str) -> Result<serde_json::Value, Fatal> {
    serde_json::from_str(content.trim_start_matches('\u{feff}')).map_err(|e| Fatal::NotJson {
        line: e.line(),
        column: e.column(),
    })
}

/// The first record of a JSON Lines file, and how many more non-blank lines follow it.
pub(crate) fn first_json_line(content: &str) -> Result<(serde_json::Value, usize), Fatal> {
    let mut lines = content
        .trim_start_matches('\u{feff}')
        .split('\n')
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let (i, first) = lines.next().ok_or(Fatal::NoDocument)?;
    let value =
        serde_json::from_str(first.trim_end_matches('\r')).map_err(|e| Fatal::NotJsonLine {
            line: i + 1,
            column: e.column(),
        })?;
    Ok((value, lines.count()))
}

/// Reads one span object of a JSON format: offsets and label under the given keys, and the
/// covered text under `text_key` when the format has one.
pub(crate) fn json_span(
    v: &serde_json::Value,
    name: String,
    keys: (&str, &str, &str),
    text_key: Option<&str>,
    id: Option<String>,
) -> Result<RawSpan, Problem> {
    let (start_key, end_key, label_key) = keys;
    let offsets = json_offsets(v, &name, (start_key, end_key), text_key)?;
    let label = v.get(label_key).and_then(serde_json::Value::as_str);
    let label = label.ok_or_else(|| Problem::Malformed {
        annotation: name.clone(),
        why: "it has no label".into(),
    })?;
    Ok(offsets.labelled(name, id, label))
}

/// A span's offsets and stated text as a JSON object gives them, before its label.
pub(crate) struct Offsets {
    start: u64,
    end: u64,
    stated: Option<Rc<str>>,
}

impl Offsets {
    pub fn labelled(self, name: String, id: Option<String>, label: &str) -> RawSpan {
        RawSpan {
            name,
            id,
            label: label.to_string(),
            start: self.start,
            end: self.end,
            stated: self.stated,
            located: false,
            ..RawSpan::default()
        }
    }
}

/// Reads the offsets under `keys` (start, end) and the covered text under `text_key` of one
/// span object.
pub(crate) fn json_offsets(
    v: &serde_json::Value,
    name: &str,
    (start_key, end_key): (&str, &str),
    text_key: Option<&str>,
) -> Result<Offsets, Problem> {
    let malformed = |why: &str| Problem::Malformed {
        annotation: name.to_string(),
        why: why.to_string(),
    };
    let obj = v
        .as_object()
        .ok_or_else(|| malformed("it is not an object"))?;
    let start = obj.get(start_key).and_then(serde_json::Value::as_u64);
    let start =
        start.ok_or_else(|| malformed(&format!("its {start_key} is not a whole number")))?;
    let end = obj.get(end_key).and_then(serde_json::Value::as_u64);
    let end = end.ok_or_else(|| malformed(&format!("its {end_key} is not a whole number")))?;
    let stated = match text_key.and_then(|k| obj.get(k)) {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(t)) => Some(Rc::from(t.as_str())),
        Some(_) => return Err(malformed("its text is not a string")),
    };
    Ok(Offsets { start, end, stated })
}

/// A JSON value as an id: strings as they are, numbers in decimal.
pub(crate) fn json_id(v: Option<&serde_json::Value>) -> Option<String> {
    match v? {
        serde_json::Value::String(s) if !s.is_empty() => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A code point offset the import computed itself, as a [`RawSpan`] offset. `usize` is at
/// most 64 bits on every target, so this never saturates in practice.
pub(crate) fn wide(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

/// The most spans one annotation of a file may make (one per label and target, or per brat
/// fragment). Each costs a copy of the annotation's id, so without a bound a small file (300
/// tags on 300 targets) would make 90,000 of them; real files use a few.
pub(crate) const MAX_SPANS_PER_ANNOTATION: usize = 32;

/// The problem for an annotation that would make `spans` spans, over the bound.
pub(crate) fn too_many_spans(annotation: String, spans: usize) -> Problem {
    Problem::TooManySpans {
        annotation,
        spans,
        max: MAX_SPANS_PER_ANNOTATION,
    }
}

/// Distinct values in order of first appearance: one span per label, however often an
/// annotation repeats it.
pub(crate) fn distinct<'a>(items: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = HashSet::new();
    items.into_iter().filter(|i| seen.insert(*i)).collect()
}

/// "1 relation", "3 relations".
pub(crate) fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// The names of Article Annotator's own label set.
const STANDARD: [&str; 3] = ["Entity", "Claim", "Quote"];

/// The label set of a file that has no label list: the labels in order of first use, or the
/// standard set when every label used is one of its names (so hotkeys stay as the user knows
/// them), or the standard set when no label is used at all.
pub(crate) fn labels_from_names<'a>(
    names: impl IntoIterator<Item = &'a str>,
) -> Result<LabelSet, Fatal> {
    let found: Vec<String> = distinct(names).into_iter().map(str::to_string).collect();
    if found.iter().all(|n| STANDARD.contains(&n.as_str())) {
        return Ok(LabelSet::standard());
    }
    if found.len() > MAX_LABELS {
        return Err(Fatal::TooManyLabels(found));
    }
    LabelSet::build(found.into_iter().map(|n| (n, None)).collect())
        .map_err(|e| Fatal::BadLabels(e.to_string()))
}

/// Checks every span, builds the document, and offers a repair when one fits better.
pub(crate) fn finish(raw: RawDoc) -> Result<Imported, Fatal> {
    let labels = match &raw.labels {
        Some(l) => l.clone(),
        None => labels_from_names(
            raw.entries
                .iter()
                .filter_map(|e| e.as_ref().ok())
                .map(|s| s.label.as_str()),
        )?,
    };
    let labels = qualified::grow_labels(labels, &raw)?;
    let title = raw.title.clone().unwrap_or_else(|| derive_title(&raw.text));
    let mut doc = Document::new(&title, &raw.text, labels);
    if let Some(id) = raw.id.as_deref().filter(|id| !id.is_empty()) {
        doc = doc.with_id(id);
    }
    let ids = assign_ids(&raw.entries);
    let covered = Covered::new(doc.text().as_str());
    let stated = resolve(&doc, &raw, &ids, raw.reading, &covered);
    let mut repair = None;
    if raw.repairable && stated.misfits > 0 {
        // Without stated texts a fit is only a hint (the span sits on word edges), so another
        // reading must then fit every span, not merely more of them.
        let readable = raw.entries.iter().filter(|e| e.is_ok()).count();
        let hints_only = raw
            .entries
            .iter()
            .filter_map(|e| e.as_ref().ok())
            .all(|s| s.stated.is_none());
        let mut best: Option<(Reading, Resolved)> = None;
        for reading in candidates(&raw.text, raw.reading) {
            let r = resolve(&doc, &raw, &ids, reading, &covered);
            let enough = if hints_only {
                r.fits == readable
            } else {
                r.fits > stated.fits
            };
            if enough && best.as_ref().is_none_or(|(_, b)| r.fits > b.fits) {
                best = Some((reading, r));
            }
        }
        if let Some((reading, mut r)) = best {
            repair = Some(Repair {
                unit_found: reading,
                spans_fixed: r.fits - stated.fits,
                spans_wrong: stated.misfits,
                imported_if_applied: Box::new(Imported {
                    doc: qualified::link(with_spans(&doc, r.spans)?, &raw, &ids, &mut r.problems)?,
                    problems: r.problems,
                    total: raw.entries.len(),
                    notes: raw.notes.clone(),
                    repair: None,
                }),
            });
        }
    }
    let mut problems = stated.problems;
    let doc = qualified::link(with_spans(&doc, stated.spans)?, &raw, &ids, &mut problems)?;
    Ok(Imported {
        doc,
        problems,
        total: raw.entries.len(),
        notes: raw.notes,
        repair,
    })
}

/// Ids for the entries: the file's where given, else `a1`, `a2`, … skipping ids in use.
fn assign_ids(entries: &[Result<RawSpan, Problem>]) -> Vec<String> {
    let taken: HashSet<&str> = entries
        .iter()
        .filter_map(|e| e.as_ref().ok()?.id.as_deref())
        .collect();
    let mut next = 1u64;
    entries
        .iter()
        .map(|e| match e.as_ref().ok().and_then(|s| s.id.clone()) {
            Some(id) => id,
            None => loop {
                let id = format!("a{next}");
                next += 1;
                if !taken.contains(id.as_str()) {
                    break id;
                }
            },
        })
        .collect()
}

/// The document with `spans`, every one of them checked against its text and labels.
fn with_spans(doc: &Document, spans: Vec<Span>) -> Result<Document, Fatal> {
    doc.clone()
        .with_spans(spans)
        .map_err(|e| Fatal::Malformed(format!("{e:?}")))
}

/// The outcome of reading every span one way. Only the readings kept become documents.
struct Resolved {
    spans: Vec<Span>,
    problems: Vec<Problem>,
    /// Spans whose stated text matches, or (without stated text) whose ends sit on word edges.
    fits: usize,
    /// Spans left out for their offsets, or kept but cutting through a word or character.
    misfits: usize,
}

fn resolve(
    doc: &Document,
    raw: &RawDoc,
    ids: &[String],
    reading: Reading,
    covered: &Covered,
) -> Resolved {
    let text = raw.text.as_str();
    let table = Positions::new(text, reading);
    let mut problems = raw.problems.clone();
    let mut spans = Vec::new();
    let (mut fits, mut misfits) = (0, 0);
    let mut seen_ids = HashSet::new();
    let mut seen: HashMap<(LabelId, CharRange), String> = HashMap::new();
    for (entry, id) in raw.entries.iter().zip(ids) {
        let raw_span = match entry {
            Err(p) => {
                problems.push(p.clone());
                continue;
            }
            Ok(s) => s,
        };
        match check_span(doc, raw_span, (&table, covered), reading, raw.check) {
            Err((p, offsets_wrong)) => {
                misfits += usize::from(offsets_wrong);
                problems.push(p);
            }
            Ok(Checked {
                label,
                range,
                fit,
                cut,
            }) => {
                if fit {
                    fits += 1;
                } else {
                    misfits += 1;
                }
                let name = raw_span.name.clone();
                let Some(span) = Span::new(SpanId::new(id), label, range) else {
                    problems.push(Problem::Empty {
                        annotation: name,
                        at: range.start(),
                    });
                    continue;
                };

                if !seen_ids.insert(id.clone()) {
                    problems.push(Problem::DuplicateId { annotation: name });
                } else if let Some(first) = seen.get(&(label, range)) {
                    problems.push(Problem::DuplicateSpan {
                        annotation: name,
                        same_as: first.clone(),
                    });
                } else {
                    seen.insert((label, range), raw_span.name.clone());
                    spans.push(qualified::qualify(
                        span,
                        raw_span,
                        doc.labels(),
                        &mut problems,
                    ));
                    if let Some(at) = cut {
                        problems.push(Problem::CutsCluster {
                            annotation: name,
                            at,
                        });
                    }
                }
            }
        }
    }
    Resolved {
        spans,
        problems,
        fits,
        misfits,
    }
}

/// A span that passed [`check_span`].
struct Checked {
    label: LabelId,
    range: CharRange,
    /// Whether it fits (see [`Resolved`]).
    fit: bool,
    /// The end (in code points) that falls inside a grapheme cluster, if one does.
    cut: Option<usize>,
}

/// One span read one way, or the problem and whether the offsets are to blame.
fn check_span(
    doc: &Document,
    s: &RawSpan,
    (table, covered): (&Positions, &Covered),
    reading: Reading,
    check: TextCheck,
) -> Result<Checked, (Problem, bool)> {
    let annotation = s.name.clone();
    if s.start > s.end {
        return Err((
            Problem::StartAfterEnd {
                annotation,
                start: s.start,
                end: s.end,
            },
            false,
        ));
    }
    let text = doc.text();
    let len = if s.located {
        text.len_chars()
    } else {
        table.len()
    };
    // An offset too large for `usize` lies past any text this target can hold.
    let in_text = |n: u64| usize::try_from(n).ok().filter(|&n| n <= len);
    let (Some(start), Some(end)) = (in_text(s.start), in_text(s.end)) else {
        return Err((
            Problem::OutsideText {
                annotation,
                start: s.start,
                end: s.end,
                len: text.len_chars(),
            },
            true,
        ));
    };
    if start == end {
        return Err((
            Problem::Empty {
                annotation,
                at: start,
            },
            false,
        ));
    }
    let inside = |offset| {
        (
            Problem::InsideCharacter {
                annotation: s.name.clone(),
                offset,
                unit: reading.unit,
            },
            true,
        )
    };
    let (cs, ce) = if s.located {
        (start, end)
    } else {
        (
            table.to_char(start).ok_or_else(|| inside(start))?,
            table.to_char(end).ok_or_else(|| inside(end))?,
        )
    };
    let Some(range) = CharRange::new(cs, ce).filter(|r| !r.is_empty()) else {
        return Err((
            Problem::Empty {
                annotation,
                at: start,
            },
            true,
        ));
    };
    let (bs, be) = (text.byte_of(cs).unwrap_or(0), text.byte_of(ce).unwrap_or(0));
    let fit = match &s.stated {
        Some(stated) if !covered.same(stated, bs, be, check) => {
            return Err((
                // Clipped as shown: a span over the whole text must not copy it per problem.
                Problem::TextMismatch {
                    annotation,
                    stated: clip(stated),
                    found: clip(text.slice(range).unwrap_or_default()),
                },
                true,
            ));
        }
        Some(_) => true,
        None => on_word_edges(text.as_str(), bs, be, covered),
    };
    let label = doc.labels().by_name(&s.label).ok_or_else(|| {
        (
            Problem::UnknownLabel {
                annotation: annotation.clone(),
                label: s.label.clone(),
            },
            false,
        )
    })?;
    let cut = [(bs, cs), (be, ce)]
        .into_iter()
        .find(|&(byte, _)| !covered.on_grapheme_boundary(byte))
        .map(|(_, at)| at);
    Ok(Checked {
        label,
        range,
        fit,
        cut,
    })
}

/// True when a span from `start` to `end` (bytes) cuts neither a grapheme cluster nor a word.
/// Only a hint: it decides whether another reading of offsets without stated text fits better.
fn on_word_edges(text: &str, start: usize, end: usize, covered: &Covered) -> bool {
    let cuts_word = |at: usize| {
        let before = text.get(..at).and_then(|s| s.chars().next_back());
        let after = text.get(at..).and_then(|s| s.chars().next());
        matches!((before, after), (Some(a), Some(b)) if a.is_alphanumeric() && b.is_alphanumeric())
    };
    covered.on_grapheme_boundary(start)
        && covered.on_grapheme_boundary(end)
        && !cuts_word(start)
        && !cuts_word(end)
}

/// The readings worth trying for this text: those that place some offset differently from
/// `stated` on it, one of each kind.
fn candidates(text: &str, stated: Reading) -> Vec<Reading> {
    let astral = text.chars().any(|c| c.len_utf16() == 2);
    let multibyte = !text.is_ascii();
    let crlf = text.contains("\r\n");
    let lone_lf = text
        .match_indices('\n')
        .any(|(i, _)| text.get(..i).is_some_and(|before| !before.ends_with('\r')));
    let units_differ = |a: OffsetUnit, b: OffsetUnit| match (a, b) {
        _ if a == b => false,
        (OffsetUnit::Utf8Byte, _) | (_, OffsetUnit::Utf8Byte) => multibyte,
        _ => astral,
    };
    let newlines_differ = |a: Newlines, b: Newlines| match (a, b) {
        _ if a == b => false,
        (Newlines::AsWritten, Newlines::CrlfAsOne) | (Newlines::CrlfAsOne, Newlines::AsWritten) => {
            crlf
        }
        (Newlines::AsWritten, Newlines::LfAsTwo) | (Newlines::LfAsTwo, Newlines::AsWritten) => {
            lone_lf
        }
        _ => crlf || lone_lf,
    };
    let mut out: Vec<Reading> = Vec::new();
    for unit in [
        OffsetUnit::CodePoint,
        OffsetUnit::Utf16,
        OffsetUnit::Utf8Byte,
    ] {
        for newlines in [Newlines::AsWritten, Newlines::CrlfAsOne, Newlines::LfAsTwo] {
            // A reading that agrees with the stated one on this text, in unit or in line
            // breaks, is the stated one in that respect.
            let r = Reading {
                unit: if units_differ(unit, stated.unit) {
                    unit
                } else {
                    stated.unit
                },
                newlines: if newlines_differ(newlines, stated.newlines) {
                    newlines
                } else {
                    stated.newlines
                },
            };
            if r != stated && !out.contains(&r) {
                out.push(r);
            }
        }
    }
    out
}

/// Offsets of every code point boundary under one reading, so that a file offset converts to
/// a code point offset by binary search. Code points (as written) need no table.
///
/// Invariant: `table` is non-decreasing, `table[k]` is the offset of code point boundary `k`.
struct Positions {
    table: Option<Vec<usize>>,
    len: usize,
}

impl Positions {
    fn new(text: &str, reading: Reading) -> Positions {
        if reading == Reading::CODE_POINTS {
            return Positions {
                table: None,
                len: text.chars().count(),
            };
        }
        let mut table = Vec::with_capacity(text.len() + 1);
        let mut at = 0usize;
        let mut prev = '\0';
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            table.push(at);
            at += match reading.unit {
                OffsetUnit::CodePoint => 1,
                OffsetUnit::Utf16 => c.len_utf16(),
                OffsetUnit::Utf8Byte => c.len_utf8(),
            };
            match reading.newlines {
                // The `\r` of a CRLF takes no room: its `\n` stands for both.
                Newlines::CrlfAsOne if c == '\r' && chars.peek() == Some(&'\n') => at -= 1,
                Newlines::LfAsTwo if c == '\n' && prev != '\r' => at += 1,
                _ => {}
            }
            prev = c;
        }
        table.push(at);
        Positions {
            len: at,
            table: Some(table),
        }
    }

    /// Length of the text in this reading's offsets.
    fn len(&self) -> usize {
        self.len
    }

    /// The code point offset of a file offset; `None` inside a character. Where two code point
    /// boundaries share an offset (before and after the `\r` of a CRLF counted once), the
    /// first is taken, so that no span starts or ends between `\r` and `\n`.
    fn to_char(&self, offset: usize) -> Option<usize> {
        match &self.table {
            None => (offset <= self.len).then_some(offset),
            Some(t) => {
                let k = t.partition_point(|&p| p < offset);
                (t.get(k) == Some(&offset)).then_some(k)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_positions(text: &str, reading: Reading, offset: usize, want: Option<usize>) {
        let p = Positions::new(text, reading);
        assert_eq!(
            p.to_char(offset),
            want,
            "{text:?} {reading:?} offset {offset}"
        );
    }

    #[test]
    fn readings_convert_offsets() {
        let u16 = Reading::UTF16;
        let bytes = Reading::new(OffsetUnit::Utf8Byte);
        let crlf1 = Reading {
            unit: OffsetUnit::CodePoint,
            newlines: Newlines::CrlfAsOne,
        };
        let lf2 = Reading {
            unit: OffsetUnit::CodePoint,
            newlines: Newlines::LfAsTwo,
        };
        check_positions("😀 Obama", u16, 3, Some(2));
        check_positions("😀 Obama", u16, 1, None);
        check_positions("😀 Obama", bytes, 5, Some(2));
        check_positions("😀 Obama", bytes, 2, None);
        check_positions("a\r\nb", crlf1, 2, Some(3));
        check_positions("a\r\nb", crlf1, 1, Some(1));
        check_positions("a\nb", lf2, 3, Some(2));
        check_positions("a\nb", lf2, 2, None);
        check_positions("a\rb", crlf1, 2, Some(2));
    }

    #[test]
    fn candidates_skip_readings_that_agree_on_the_text() {
        assert!(candidates("plain ascii", Reading::CODE_POINTS).is_empty());
        assert_eq!(
            candidates("Müller", Reading::CODE_POINTS),
            [Reading::new(OffsetUnit::Utf8Byte)]
        );
        let with_emoji = candidates("😀", Reading::CODE_POINTS);
        assert!(
            with_emoji.contains(&Reading::UTF16)
                && with_emoji.contains(&Reading::new(OffsetUnit::Utf8Byte))
        );
        assert!(candidates("a\r\nb", Reading::CODE_POINTS)
            .iter()
            .any(|r| r.newlines == Newlines::CrlfAsOne));
    }

    #[test]
    fn standard_labels_are_kept_in_their_order() {
        assert_eq!(
            labels_from_names(["Quote", "Entity"]).unwrap(),
            LabelSet::standard()
        );
        assert_eq!(labels_from_names([]).unwrap(), LabelSet::standard());
        let custom = labels_from_names(["PERSON", "QUOTE", "PERSON"]).unwrap();
        assert_eq!(
            custom
                .iter()
                .map(|(_, l)| l.name.to_string())
                .collect::<Vec<_>>(),
            ["PERSON", "QUOTE"]
        );
        let many: Vec<String> = (0..=MAX_LABELS).map(|i| format!("L{i}")).collect();
        assert!(
            matches!(labels_from_names(many.iter().map(String::as_str)), Err(Fatal::TooManyLabels(v)) if v.len() == MAX_LABELS + 1)
        );
        let ten = labels_from_names(many[..10].iter().map(String::as_str)).unwrap();
        assert_eq!(ten.len(), 10, "more labels than digit keys are fine");
    }
}
