//! Reading the inputs of `convert` and `stats`: files and folders (walked in name order)
//! read as the app's batch import reads what a user drops (`corpus::batch`), with each
//! fault, dropped annotation and note said on stderr.
//!
//! The app's size limits do not apply (`Limits::NONE`): they are for the browser. A file or
//! line that cannot be read is bad input: every one is listed, and the caller exits with
//! [`BAD_INPUT`] before writing anything. An annotation an import leaves out, an offset
//! repair on offer, a duplicate text and a renamed id are warnings.

use std::io;
use std::path::Path;

use article_annotator::corpus::batch::{read_batch, BatchOptions, Duplicate, Incoming, Limits};
use article_annotator::format::FormatKind;
use article_annotator::model::LabelSet;

/// The exit code for input that cannot be used.
pub const BAD_INPUT: u8 = 2;

/// The formats by the names the command line takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Article Annotator JSON
    Native,
    /// span JSON Lines (spaCy, Prodigy, Hugging Face datasets)
    Jsonl,
    /// doccano JSON Lines
    Doccano,
    /// Label Studio JSON
    LabelStudio,
    /// brat standoff (a .zip, or folders with --split)
    Brat,
    /// W3C Web Annotation (JSON-LD)
    W3c,
    /// CoNLL / IOB2
    Conll,
}

impl Format {
    pub fn kind(self) -> FormatKind {
        match self {
            Format::Native => FormatKind::Native,
            Format::Jsonl => FormatKind::Jsonl,
            Format::Doccano => FormatKind::Doccano,
            Format::LabelStudio => FormatKind::LabelStudio,
            Format::Brat => FormatKind::Brat,
            Format::W3c => FormatKind::W3c,
            Format::Conll => FormatKind::Conll,
        }
    }
}

/// How to read the inputs.
pub struct Reading<'a> {
    /// The command's name, for messages (`annotate convert`).
    pub command: &'a str,
    pub from: Option<Format>,
    pub text_column: Option<&'a str>,
    /// Apply offered offset repairs instead of only mentioning them.
    pub repair: bool,
}

/// The file as plain words when it cannot be read.
fn read_error(path: &Path, e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "there is no such file or folder".to_string(),
        io::ErrorKind::PermissionDenied => {
            "the file cannot be opened (permission denied)".to_string()
        }
        _ if path.is_dir() => "the folder cannot be read".to_string(),
        _ => format!("the file cannot be read ({e})"),
    }
}

/// `(name, bytes)` of every file under `path`, names as given on the command line joined
/// with the path inside a folder, folders walked in name order.
fn collect(path: &Path, out: &mut Vec<(String, Vec<u8>)>) -> Result<(), String> {
    let name = path.to_string_lossy().into_owned();
    if path.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path)
            .map_err(|e| format!("{name}: {}", read_error(path, &e)))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .collect();
        entries.sort();
        for p in entries {
            collect(&p, out)?;
        }
        return Ok(());
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{name}: {}", read_error(path, &e)))?;
    out.push((name, bytes));
    Ok(())
}

/// Every document of `inputs`, or the exit code after the faults are said.
pub fn read(inputs: &[std::path::PathBuf], how: &Reading) -> Result<Vec<Incoming>, u8> {
    let cmd = how.command;
    if inputs.is_empty() {
        eprintln!("{cmd}: give at least one input file or folder");
        return Err(BAD_INPUT);
    }
    let mut files = Vec::new();
    for path in inputs {
        if let Err(message) = collect(path, &mut files) {
            eprintln!("{cmd}: {message}");
            return Err(BAD_INPUT);
        }
    }
    let labels = LabelSet::standard();
    let opts = BatchOptions {
        kind: how.from.map(Format::kind),
        text_column: how.text_column,
        labels: &labels,
        existing: &[],
        // The app's limits are for the browser; a pipeline converts what it is given.
        limits: Limits::NONE,
    };
    let batch = read_batch(&files, &opts).map_err(|e| {
        eprintln!("{cmd}: {e}");
        BAD_INPUT
    })?;
    if !batch.faults.is_empty() {
        for f in &batch.faults {
            eprintln!("{cmd}: {f}");
        }
        eprintln!(
            "{cmd}: nothing was written: {} of the input cannot be read",
            if batch.faults.len() == 1 {
                "1 file or line".to_string()
            } else {
                format!("{} files or lines", batch.faults.len())
            }
        );
        return Err(BAD_INPUT);
    }
    let mut docs = batch.documents;
    for d in &mut docs {
        let at = match d.line {
            Some(l) => format!("{}, line {l}", d.file),
            None => d.file.clone(),
        };
        let doc_id = d.doc().id().to_string();
        if let Some(repair) = &d.imported.repair {
            if how.repair {
                eprintln!("{cmd}: {at}: document “{doc_id}”: {repair}; converted (--repair)");
            } else {
                eprintln!("{cmd}: warning: {at}: document “{doc_id}”: {repair}; run with --repair to convert them");
            }
        }
        if how.repair {
            d.apply_repair();
        }
        for p in &d.imported.problems {
            eprintln!("{cmd}: warning: {at}: document “{doc_id}”: {p}");
        }
        for n in &d.imported.notes {
            eprintln!("{cmd}: note: {at}: document “{doc_id}”: {n}");
        }
        if let Some(old) = &d.renamed_from {
            eprintln!("{cmd}: warning: {at}: the id “{old}” is taken by an earlier document; this one is “{doc_id}”");
        }
    }
    Ok(docs)
}

/// Says which documents repeat an earlier text; returns whether each is one.
pub fn duplicates(cmd: &str, docs: &[Incoming], dropped: bool) -> Vec<bool> {
    docs.iter()
        .map(|d| match &d.duplicate {
            Some(Duplicate::InBatch { index }) => {
                let first = docs.get(*index).map_or("?", |f| f.doc().id());
                let what = if dropped { "left out" } else { "kept" };
                eprintln!(
                    "{cmd}: warning: document “{}” has the same text as “{first}”; {what}",
                    d.doc().id()
                );
                true
            }
            _ => false,
        })
        .collect()
}
