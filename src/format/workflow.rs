//! The import workflow, from the files a user picked to a report the view only displays:
//! size limits, format detection (or the user's choice), the format's import, and the
//! article-size limit. One function, so the app and the command line decide alike.

use std::fmt;

use super::limits::{human_size, MAX_IMPORT_BYTES, MAX_TEXT_BYTES};
use super::{detect, import_as, Fatal, FormatKind, Imported};

/// Why nothing at all can be imported from the files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportFailure {
    /// No file was given.
    NoFile,
    /// The files together are larger than [`MAX_IMPORT_BYTES`].
    TooBig { bytes: usize },
    /// The content looks like none of the formats, and the user chose none.
    Unrecognised,
    /// The format's import refused the file.
    Fatal { kind: FormatKind, fatal: Fatal },
    /// The article in the file is longer than [`MAX_TEXT_BYTES`].
    TextTooLong { bytes: usize },
}

impl fmt::Display for ImportFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportFailure::NoFile => write!(f, "no file was chosen"),
            ImportFailure::TooBig { bytes } => write!(
                f,
                "the file is {}; files up to {} can be imported",
                human_size(*bytes),
                human_size(MAX_IMPORT_BYTES)
            ),
            ImportFailure::Unrecognised => write!(
                f,
                "its format could not be recognised; choose the format under “Import format” and try again"
            ),
            ImportFailure::Fatal { kind, fatal } => write!(f, "{fatal} (read as {})", kind.name()),
            ImportFailure::TextTooLong { bytes } => write!(
                f,
                "its article is {}; Article Annotator takes articles up to {}",
                human_size(*bytes),
                human_size(MAX_TEXT_BYTES)
            ),
        }
    }
}

/// Reads `files` (`(name, content)`, the annotation file first) as `kind`, or as the format
/// detected from the first file. The result keeps every valid annotation and lists the rest;
/// nothing is applied to any document here.
pub fn prepare_import(
    files: &[(String, String)],
    kind: Option<FormatKind>,
) -> Result<Imported, ImportFailure> {
    let (name, content) = files.first().ok_or(ImportFailure::NoFile)?;
    let bytes = files
        .iter()
        .fold(0usize, |n, (_, c)| n.saturating_add(c.len()));
    if bytes > MAX_IMPORT_BYTES {
        return Err(ImportFailure::TooBig { bytes });
    }
    // A .json file that is not JSON at all is best reported as broken JSON.
    let by_name = || {
        name.to_ascii_lowercase()
            .ends_with(".json")
            .then_some(FormatKind::Native)
    };
    let kind = kind
        .or_else(|| detect(name, content))
        .or_else(by_name)
        .ok_or(ImportFailure::Unrecognised)?;
    let imported = import_as(kind, files).map_err(|fatal| ImportFailure::Fatal { kind, fatal })?;
    let text_bytes = imported.doc.text().as_str().len();
    if text_bytes > MAX_TEXT_BYTES {
        return Err(ImportFailure::TextTooLong { bytes: text_bytes });
    }
    Ok(imported)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::native;
    use crate::model::{CharRange, Document, Editor, LabelId, LabelSet};

    fn doc_with_span(text: &str, start: usize, end: usize) -> Document {
        let mut e = Editor::new(Document::new("t", text, LabelSet::standard()));
        e.add_span(LabelId(0), CharRange::new(start, end).unwrap())
            .unwrap();
        e.doc().clone()
    }

    fn files(name: &str, content: &str) -> Vec<(String, String)> {
        vec![(name.to_string(), content.to_string())]
    }

    #[track_caller]
    fn check_fails(files: &[(String, String)], kind: Option<FormatKind>, want: &str) {
        match prepare_import(files, kind) {
            Err(e) => assert_eq!(e.to_string(), want),
            Ok(i) => panic!("imported {} spans, expected: {want}", i.doc.spans().len()),
        }
    }

    #[test]
    fn failures_say_why_in_plain_words() {
        check_fails(&[], None, "no file was chosen");
        check_fails(
            &files("notes.txt", "Żółć, 中文 and خبر are no format"),
            None,
            "its format could not be recognised; choose the format under “Import format” and try again",
        );
        check_fails(
            &files("x.json", "not json"),
            None,
            "the file is not valid JSON (the first error is at line 1, column 2) (read as Article Annotator JSON)",
        );
        let big = "x".repeat(MAX_IMPORT_BYTES + 1);
        check_fails(
            &files("big.json", &big),
            None,
            "the file is 32.0 MB; files up to 32.0 MB can be imported",
        );
        let long = native::export(&Document::new(
            "t",
            &"é".repeat(MAX_TEXT_BYTES / 2 + 1),
            LabelSet::standard(),
        ));
        check_fails(
            &files("long.json", &long),
            None,
            "its article is 5.0 MB; Article Annotator takes articles up to 5.0 MB",
        );
    }

    #[test]
    fn a_clean_file_and_one_with_problems() {
        let doc = doc_with_span("Merkel 😀 said", 0, 6);
        let clean = prepare_import(&files("a.json", &native::export(&doc)), None).unwrap();
        assert!(clean.is_clean());
        assert_eq!(clean.doc, doc);
        let broken = native::export(&doc).replace("\"end\": 6", "\"end\": 60");
        let with_problem = prepare_import(&files("a.json", &broken), None).unwrap();
        assert!(!with_problem.is_clean());
        assert_eq!(with_problem.doc.spans().len(), 0);
        assert_eq!(with_problem.problems.len(), 1);
    }

    #[test]
    fn offsets_in_another_unit_come_with_a_repair() {
        // UTF-16 offsets of "said" (after an emoji) written as if they were code points.
        let doc = doc_with_span("😀 Merkel said", 9, 13);
        let utf16 = native::export(&doc)
            .replace("\"start\": 9", "\"start\": 10")
            .replace("\"end\": 13", "\"end\": 14");
        let i = prepare_import(&files("a.json", &utf16), Some(FormatKind::Native)).unwrap();
        let repair = i.repair.as_ref().expect("a repair is offered");
        assert_eq!(repair.imported_if_applied.doc, doc);
    }
}
