//! The files of a batch before any format reads them: archives unpacked, text decoded, and
//! each file classed as a format, a table, plain text, or a companion of another file (see
//! the parent module's docs for the rules).

use std::collections::HashSet;

use super::{fault, BatchError};
use crate::format::multi::Fault;
use crate::format::{detect, zip, FormatKind};

/// Names of archive entries that are never documents.
pub(super) fn is_junk(name: &str) -> bool {
    let base = name.rsplit('/').next().unwrap_or(name);
    name.contains("__MACOSX/") || base == ".DS_Store" || base == "Thumbs.db"
}

pub(super) fn ext_of(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    base.rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

/// Its folder, and its name without extension with ASCII letters in lower case: how
/// companions match.
pub(super) fn place(name: &str) -> (String, String) {
    let (folder, base) = match name.rfind(['/', '\\']) {
        Some(i) => (&name[..i], &name[i + 1..]),
        None => ("", name),
    };
    let stem = base.rsplit_once('.').map_or(base, |(s, _)| s);
    (folder.to_string(), stem.to_ascii_lowercase())
}

/// What a file is read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Class {
    Format(FormatKind),
    Table,
    Plain,
}

/// The file as text, or a fault when it is not UTF-8.
fn decode(
    name: String,
    bytes: Vec<u8>,
    texts: &mut Vec<(String, String)>,
    faults: &mut Vec<Fault>,
) {
    match String::from_utf8(bytes) {
        Ok(t) => texts.push((name, t)),
        Err(_) => faults.push(fault(&name, None, "the file is not UTF-8 text".into())),
    }
}

/// Files as text: `(name, content)`.
pub(super) type Texts = Vec<(String, String)>;

/// Unpacks archives and decodes text: `(name, text)` per file, faults for the rest.
pub(super) fn unpack(
    files: &[(String, Vec<u8>)],
    limit: usize,
) -> Result<(Texts, Vec<Fault>), BatchError> {
    let mut budget = limit;
    let total = files
        .iter()
        .fold(0usize, |n, (_, b)| n.saturating_add(b.len()));
    if total > limit {
        return Err(BatchError::TooBig {
            bytes: total,
            limit,
        });
    }
    let (mut texts, mut faults) = (Vec::new(), Vec::new());
    for (name, bytes) in files {
        if is_junk(name) {
            continue;
        }
        if ext_of(name) != "zip" && !zip::is_zip(bytes) {
            budget -= bytes.len().min(budget);
            decode(name.clone(), bytes.clone(), &mut texts, &mut faults);
            continue;
        }
        match zip::read(bytes, budget) {
            Ok(entries) => {
                for (inner, data) in entries {
                    budget -= data.len().min(budget);
                    let full = format!("{name}/{inner}");
                    if is_junk(&inner) {
                        continue;
                    }
                    if ext_of(&inner) == "zip" || zip::is_zip(&data) {
                        faults.push(fault(
                            &full,
                            None,
                            "archives inside archives are not opened".into(),
                        ));
                        continue;
                    }
                    decode(full, data, &mut texts, &mut faults);
                }
            }
            Err(zip::ZipError::TooBig { .. }) => {
                return Err(BatchError::ArchiveTooBig {
                    name: name.clone(),
                    limit,
                })
            }
            Err(e) => faults.push(fault(name, None, e.to_string())),
        }
    }
    Ok((texts, faults))
}

/// What each file is read as (see the module docs); `None` for companions read with
/// another file and for files no format fits (those get a fault).
pub(super) fn classify(
    texts: &[(String, String)],
    kind: Option<FormatKind>,
    faults: &mut Vec<Fault>,
) -> Vec<Option<Class>> {
    let places_with = |ext: &str| -> HashSet<(String, String)> {
        texts
            .iter()
            .filter(|(n, _)| ext_of(n) == ext)
            .map(|(n, _)| place(n))
            .collect()
    };
    let anns = places_with("ann");
    let mut classes: Vec<Option<Class>> = texts
        .iter()
        .map(|(name, content)| match ext_of(name).as_str() {
            "ann" => Some(Class::Format(FormatKind::Brat)),
            "conf" => None,
            "csv" | "tsv" | "tab" => Some(Class::Table),
            "txt" if anns.contains(&place(name)) => None,
            "txt" => match detect(name, content) {
                Some(FormatKind::Conll) => Some(Class::Format(FormatKind::Conll)),
                _ => Some(Class::Plain),
            },
            _ => {
                let by_name = match ext_of(name).as_str() {
                    "json" => Some(FormatKind::Native),
                    "jsonl" | "ndjson" => Some(FormatKind::Jsonl),
                    _ => None,
                };
                match kind.or_else(|| detect(name, content)).or(by_name) {
                    Some(k) => Some(Class::Format(k)),
                    None => {
                        faults.push(fault(
                            name,
                            None,
                            "its format could not be recognised; choose the format and try again"
                                .into(),
                        ));
                        None
                    }
                }
            }
        })
        .collect();
    // A .txt beside a W3C file of the same name is its text, not a document of its own.
    let w3c: HashSet<(String, String)> = texts
        .iter()
        .zip(&classes)
        .filter(|(_, c)| **c == Some(Class::Format(FormatKind::W3c)))
        .map(|((n, _), _)| place(n))
        .collect();
    for ((name, _), c) in texts.iter().zip(classes.iter_mut()) {
        if *c == Some(Class::Plain) && w3c.contains(&place(name)) {
            *c = None;
        }
    }
    classes
}

/// Files read along with a file of `kind` rather than on their own.
pub(super) fn companion_of(kind: FormatKind, name: &str) -> bool {
    let ext = ext_of(name);
    match kind {
        FormatKind::Brat => ext == "txt" || ext == "conf",
        FormatKind::W3c => ext == "txt",
        _ => false,
    }
}
