//! What an import hands back, shared by every format: the [`Imported`] document, the
//! [`Problem`]s (parts left out, and spans kept across a grapheme cluster), the [`Fatal`]
//! faults (nothing imported), and the offset [`Repair`] an import offers when a file's offsets
//! only fit the text in another unit.
//!
//! Messages are plain words for the person importing: lower case, no trailing period, and
//! they name the annotation as the file names it.

use std::fmt;

use crate::model::Document;

/// How a file counts offsets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OffsetUnit {
    /// Unicode code points: Python `str` indices, the W3C model, brat, Label Studio.
    CodePoint,
    /// UTF-16 code units: JavaScript strings, the DOM, doccano's browser UI.
    Utf16,
    /// UTF-8 bytes: Rust and Go string indices, byte-oriented tools.
    Utf8Byte,
}

impl OffsetUnit {
    /// The unit as plain words, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            OffsetUnit::CodePoint => "Unicode code points (characters, as Python counts them)",
            OffsetUnit::Utf16 => {
                "UTF-16 code units (as JavaScript and doccano's browser count them)"
            }
            OffsetUnit::Utf8Byte => "UTF-8 bytes",
        }
    }
}

/// How a file's offsets treat line breaks, relative to the text it carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Newlines {
    /// Every character of the text counts, `\r` included.
    AsWritten,
    /// The offsets were counted on the text with each CRLF turned into LF: `\r\n` counts once.
    CrlfAsOne,
    /// The offsets were counted on the text with each LF turned into CRLF: a lone `\n` counts twice.
    LfAsTwo,
}

/// A way of reading offsets: a unit and a line-break convention.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Reading {
    pub unit: OffsetUnit,
    pub newlines: Newlines,
}

impl Reading {
    pub const CODE_POINTS: Reading = Reading {
        unit: OffsetUnit::CodePoint,
        newlines: Newlines::AsWritten,
    };
    pub const UTF16: Reading = Reading {
        unit: OffsetUnit::Utf16,
        newlines: Newlines::AsWritten,
    };

    pub fn new(unit: OffsetUnit) -> Reading {
        Reading {
            unit,
            newlines: Newlines::AsWritten,
        }
    }
}

impl fmt::Display for Reading {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.unit.describe())?;
        match self.newlines {
            Newlines::AsWritten => Ok(()),
            Newlines::CrlfAsOne => {
                f.write_str(", with each Windows line break (CRLF) counted as one")
            }
            Newlines::LfAsTwo => {
                f.write_str(", with each line break counted as two (as if written CRLF)")
            }
        }
    }
}

/// A fault that stops the whole import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fatal {
    /// The content is not JSON at all.
    NotJson { line: usize, column: usize },
    /// One line of a JSON Lines file is not JSON.
    NotJsonLine { line: usize, column: usize },
    /// JSON, but not an object with a `format` field of ours.
    UnknownFormat(Option<String>),
    /// Our format, in a version this build does not read.
    UnsupportedVersion(String),
    /// An offset unit this build does not read.
    UnknownOffsetUnit(String),
    /// The `labels` list cannot be used.
    BadLabels(String),
    /// A required part is missing or of the wrong kind.
    Malformed(String),
    /// The file holds no document.
    NoDocument,
    /// The content does not have the shape of the format it was read as.
    NotThisFormat { format: &'static str, why: String },
    /// More distinct labels than a label set holds.
    TooManyLabels(Vec<String>),
    /// A format that needs several files was given too few.
    MissingFile(String),
}

impl fmt::Display for Fatal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use super::identity::{FORMAT, VERSION};
        use crate::model::label::MAX_LABELS;
        match self {
            Fatal::NotJson { line, column } => {
                write!(f, "the file is not valid JSON (the first error is at line {line}, column {column})")
            }
            Fatal::NotJsonLine { line, column } => {
                write!(f, "line {line} of the file is not valid JSON (the error is at column {column})")
            }
            Fatal::UnknownFormat(None) => {
                write!(f, "the file is JSON but not an Article Annotator file (it has no \"format\": \"{FORMAT}\")")
            }
            Fatal::UnknownFormat(Some(x)) => {
                write!(f, "the file's format is \"{x}\", not \"{FORMAT}\"; this import reads only Article Annotator files")
            }
            Fatal::UnsupportedVersion(v) => {
                write!(f, "the file is version {v} of the format; this app reads version {VERSION}")
            }
            Fatal::UnknownOffsetUnit(u) => {
                write!(f, "the file counts offsets in \"{u}\"; this import reads \"codepoint\" and \"utf16\" offsets")
            }
            Fatal::BadLabels(why) => write!(f, "the label list cannot be used: {why}"),
            Fatal::Malformed(why) => write!(f, "the file is incomplete: {why}"),
            Fatal::NoDocument => write!(f, "the file contains no document"),
            Fatal::NotThisFormat { format, why } => write!(f, "the file is not {format}: {why}"),
            Fatal::TooManyLabels(names) => write!(
                f,
                "the file uses {} different labels ({}); Article Annotator supports at most {MAX_LABELS}",
                names.len(),
                names.iter().map(|n| format!("“{n}”")).collect::<Vec<_>>().join(", ")
            ),
            Fatal::MissingFile(what) => write!(f, "{what}"),
        }
    }
}

/// A fault in one part of the file; that part is left out, the rest is imported (all but
/// [`Problem::CutsCluster`], see [`Problem::leaves_out`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// An annotation lacks a field or has one of the wrong type.
    Malformed { annotation: String, why: String },
    /// Offsets beyond the end of the text.
    /// The offsets are the file's, unconverted: they may exceed what `usize` holds.
    OutsideText {
        annotation: String,
        start: u64,
        end: u64,
        len: usize,
    },
    /// `start` greater than `end`, as the file states them.
    StartAfterEnd {
        annotation: String,
        start: u64,
        end: u64,
    },
    /// `start` equal to `end`: an annotation must cover something.
    Empty { annotation: String, at: usize },
    /// The stated text is not what the offsets cover (both clipped as [`clip`] shows them).
    TextMismatch {
        annotation: String,
        stated: String,
        found: String,
    },
    /// A label the file's label list does not define.
    UnknownLabel { annotation: String, label: String },
    /// An id used by an earlier annotation.
    DuplicateId { annotation: String },
    /// The same label on the same range as an earlier annotation.
    DuplicateSpan { annotation: String, same_as: String },
    /// More than one document in the file; only the first is opened.
    ExtraDocuments { count: usize },
    /// An offset falls inside a character (between the halves of a UTF-16 surrogate pair,
    /// or inside a multi-byte UTF-8 sequence).
    InsideCharacter {
        annotation: String,
        offset: usize,
        unit: OffsetUnit,
    },
    /// A line of a line-based file that cannot be read.
    BadLine { line: usize, why: String },
    /// A span whose start or end (`at`, in code points) falls inside a grapheme cluster: a
    /// letter and its combining accent, or an emoji sequence. The only problem that leaves
    /// nothing out: the span is kept where the file puts it, and listed so the user can fix it.
    CutsCluster { annotation: String, at: usize },
    /// A quote selector that matches the text nowhere (`matches` 0), or in several places
    /// (`matches` 2: the search stops at the second). The quote is clipped as shown.
    QuoteNotFound {
        annotation: String,
        quote: String,
        matches: usize,
    },
    /// An annotation that would make more spans than one annotation may (one per label on
    /// each target, or one per brat fragment); left out whole.
    TooManySpans {
        annotation: String,
        spans: usize,
        max: usize,
    },
    /// An attribute value the label's definition does not take (a choice not in its list, a
    /// blank or overlong text); the annotation is kept without it.
    BadAttribute {
        annotation: String,
        name: String,
        value: String,
    },
    /// A note longer than a note may be (`chars` code points); the annotation is kept
    /// without it.
    NoteTooLong { annotation: String, chars: usize },
    /// A relation that cannot be read, or that links an annotation to itself.
    BadRelation { relation: String, why: String },
    /// A relation whose end (`end`, as the file names it) is not among the imported
    /// annotations: missing from the file, or left out for a problem of its own.
    MissingEnd { relation: String, end: String },
    /// A relation of a type the file's schema does not define.
    UnknownRelationType { relation: String, kind: String },
    /// A relation its type does not allow from a span of label `from` to one of label `to`.
    RelationNotAllowed {
        relation: String,
        kind: String,
        from: String,
        to: String,
    },
    /// The same type and ends as an earlier relation.
    DuplicateRelation { relation: String, same_as: String },
    /// A relation id used by an earlier relation.
    DuplicateRelationId { relation: String },
    /// More relations than a document holds: the first `max` are kept.
    TooManyRelations { count: usize, max: usize },
}

impl Problem {
    /// True when the part of the file it names was left out of the import.
    pub fn leaves_out(&self) -> bool {
        !matches!(self, Problem::CutsCluster { .. })
    }
}

/// At most 60 characters of a quoted text, so a message stays one line. Clipping twice gives
/// the same as clipping once.
pub(crate) fn clip(s: &str) -> String {
    const MAX: usize = 60;
    // Counts no further than it keeps: a quoted text may be the whole article.
    match s.char_indices().nth(MAX) {
        None => s.to_string(),
        Some((cut, _)) => format!("{}…", s.get(..cut).unwrap_or(s)),
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Malformed { annotation, why } => write!(f, "annotation {annotation}: {why}"),
            Problem::OutsideText { annotation, start, end, len } => write!(
                f,
                "annotation {annotation}: offsets {start}–{end} reach past the end of the text, which has {len} characters"
            ),
            Problem::StartAfterEnd { annotation, start, end } => {
                write!(f, "annotation {annotation}: its start ({start}) comes after its end ({end})")
            }
            Problem::Empty { annotation, at } => {
                write!(f, "annotation {annotation}: it starts and ends at {at}, so it covers no text")
            }
            Problem::TextMismatch { annotation, stated, found } => write!(
                f,
                "annotation {annotation}: the file says it covers “{}” but the text at its offsets is “{}”",
                clip(stated),
                clip(found)
            ),
            Problem::UnknownLabel { annotation, label } => {
                write!(f, "annotation {annotation}: the label “{label}” is not in the file's label list")
            }
            Problem::DuplicateId { annotation } => {
                write!(f, "annotation {annotation}: another annotation already has this id")
            }
            Problem::DuplicateSpan { annotation, same_as } => {
                write!(f, "annotation {annotation}: same label and offsets as annotation {same_as}")
            }
            Problem::ExtraDocuments { count } => {
                write!(f, "the file holds {count} more documents after the first; only the first is opened")
            }
            Problem::InsideCharacter { annotation, offset, unit } => {
                let unit = match unit {
                    OffsetUnit::CodePoint => "code point",
                    OffsetUnit::Utf16 => "UTF-16",
                    OffsetUnit::Utf8Byte => "UTF-8 byte",
                };
                write!(f, "annotation {annotation}: {unit} offset {offset} falls inside a character")
            }
            Problem::BadLine { line, why } => write!(f, "line {line}: {why}"),
            Problem::CutsCluster { annotation, at } => write!(
                f,
                "annotation {annotation}: offset {at} splits a character from its accent or an emoji sequence; it was imported as the file has it, so check where it starts and ends"
            ),
            Problem::QuoteNotFound { annotation, quote, matches: 0 } => {
                write!(f, "annotation {annotation}: the quoted text “{}” does not occur in the text", clip(quote))
            }
            Problem::QuoteNotFound { annotation, quote, .. } => write!(
                f,
                "annotation {annotation}: the quoted text “{}” occurs more than once and the file does not say which",
                clip(quote)
            ),
            Problem::TooManySpans { annotation, spans, max } => write!(
                f,
                "annotation {annotation}: it would make {spans} annotations (one per label and place it marks); at most {max} are read from one annotation"
            ),
            Problem::BadAttribute { annotation, name, value } => write!(
                f,
                "annotation {annotation}: “{}” is not a value its attribute “{name}” takes; the annotation was imported without it",
                clip(value)
            ),
            Problem::NoteTooLong { annotation, chars } => write!(
                f,
                "annotation {annotation}: its note has {chars} characters, more than the {} a note may hold; the annotation was imported without it",
                crate::model::attribute::MAX_TEXT_CHARS
            ),
            Problem::BadRelation { relation, why } => write!(f, "relation {relation}: {why}"),
            Problem::MissingEnd { relation, end } => write!(
                f,
                "relation {relation}: its end {end} is not among the imported annotations"
            ),
            Problem::UnknownRelationType { relation, kind } => write!(
                f,
                "relation {relation}: the type “{kind}” is not in the file's relation types"
            ),
            Problem::RelationNotAllowed { relation, kind, from, to } => write!(
                f,
                "relation {relation}: the type “{kind}” does not link a “{from}” annotation to a “{to}” annotation"
            ),
            Problem::DuplicateRelation { relation, same_as } => write!(
                f,
                "relation {relation}: same type and ends as relation {same_as}"
            ),
            Problem::DuplicateRelationId { relation } => {
                write!(f, "relation {relation}: another relation already has this id")
            }
            Problem::TooManyRelations { count, max } => write!(
                f,
                "the document has {count} relations; the first {max} were imported"
            ),
        }
    }
}

/// What an import produced: the document with every valid annotation, and what was left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    pub doc: Document,
    pub problems: Vec<Problem>,
    /// Annotations in the file, valid or not.
    pub total: usize,
    /// Things in the file that Article Annotator does not keep (relations, attributes, notes,
    /// other annotators' work), in plain words. Not faults: nothing here was misread.
    pub notes: Vec<String>,
    /// Present when the offsets fit the text better read another way; the UI offers it.
    pub repair: Option<Repair>,
}

impl Imported {
    /// An import with nothing left out and nothing to repair.
    /// True when nothing was left out, nothing is noted and no repair is offered: the import
    /// can be applied without asking.
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty() && self.notes.is_empty() && self.repair.is_none()
    }

    pub fn clean(doc: Document, total: usize) -> Imported {
        Imported {
            doc,
            problems: Vec::new(),
            total,
            notes: Vec::new(),
            repair: None,
        }
    }
}

/// An offer to read the file's offsets another way: the file's spans do not match their text
/// in the unit the format states, but do when read as `unit_found`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repair {
    /// The reading under which the spans fit.
    pub unit_found: Reading,
    /// The spans that fit only under `unit_found`.
    pub spans_fixed: usize,
    /// The spans that did not fit as stated.
    pub spans_wrong: usize,
    /// The import as it would be with the conversion applied (its own `repair` is `None`).
    pub imported_if_applied: Box<Imported>,
}

impl fmt::Display for Repair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (n, k) = (self.spans_wrong, self.spans_fixed);
        if n == 1 {
            write!(
                f,
                "1 annotation does not match the text as the file's offsets stand, "
            )?;
        } else {
            write!(
                f,
                "{n} annotations do not match the text as the file's offsets stand, "
            )?;
        }
        let who = match (n, k) {
            (1, _) => "it does".to_string(),
            (n, k) if n == k => "all of them do".to_string(),
            (_, 1) => "1 of them does".to_string(),
            (_, k) => format!("{k} of them do"),
        };
        write!(
            f,
            "but {who} when the offsets are read as {}",
            self.unit_found
        )
    }
}
