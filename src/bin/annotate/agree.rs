//! `annotate agree FILE FILE [FILE…]`: the agreement report of several annotators, one native
//! file each (code point or UTF-16 offsets), as JSON on stdout (as CSV with `--csv`). The numbers come from
//! `review::agreement`, the same as the app's agreement panel.
//!
//! A file that cannot be read, is not JSON or not an Article Annotator file stops everything:
//! a message naming the file on stderr, exit code 2, nothing on stdout. Annotations an import
//! leaves out are listed on stderr as warnings, and the report is printed.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use article_annotator::format::native::{import_all, NativeFile};
use article_annotator::review::layer::annotator_name;
use article_annotator::review::{agreement, Layer, LayerDoc};

#[derive(clap::Args)]
pub struct Args {
    /// Native JSON files, one per annotator; the annotator is the file's "annotator", else
    /// the file name without .annotations.json or .json
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Print the report as CSV (one row per number) instead of JSON
    #[arg(long)]
    csv: bool,
}

const BAD_INPUT: u8 = 2;

pub fn run(args: &Args) -> ExitCode {
    if args.files.len() < 2 {
        eprintln!(
            "annotate agree: give at least two files, one per annotator (got {})",
            args.files.len()
        );
        return ExitCode::from(BAD_INPUT);
    }
    let mut layers = Vec::with_capacity(args.files.len());
    for path in &args.files {
        match read(path) {
            Ok(layer) => layers.push(layer),
            Err(message) => {
                eprintln!("annotate agree: {}: {message}", path.display());
                return ExitCode::from(BAD_INPUT);
            }
        }
    }
    let report = agreement(&layers);
    let mut out = io::stdout().lock();
    let printed = if args.csv {
        write!(out, "{}", report.to_csv())
    } else {
        writeln!(out, "{}", report.to_json())
    };
    match printed.and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // stdout closed early (`| head`): nothing more to say.
        Err(_) => ExitCode::FAILURE,
    }
}

/// One file as one annotator's layer, or what is wrong with it in plain words.
fn read(path: &Path) -> Result<Layer, String> {
    let content = std::fs::read_to_string(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => "there is no such file".to_string(),
        io::ErrorKind::PermissionDenied => "the file cannot be opened (permission denied)".into(),
        io::ErrorKind::InvalidData => "the file is not UTF-8 text".into(),
        _ if path.is_dir() => "this is a folder, not a file".into(),
        _ => format!("the file cannot be read ({e})"),
    })?;
    let NativeFile {
        annotator,
        documents,
    } = import_all(&content).map_err(|e| e.to_string())?;
    for imported in &documents {
        // A span that cuts a character cluster is kept as the file has it and counted like any
        // other: agreement compares code points, so only what is left out is worth a warning.
        for problem in imported.problems.iter().filter(|p| p.leaves_out()) {
            eprintln!(
                "annotate agree: warning: {}: document “{}”: {problem}",
                path.display(),
                imported.doc.id()
            );
        }
    }
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Layer {
        annotator: annotator_name(annotator.as_deref(), &file_name),
        documents: documents
            .iter()
            .map(|imported| LayerDoc::from_document(&imported.doc))
            .collect(),
    })
}
