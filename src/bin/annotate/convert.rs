//! `annotate convert --to FORMAT [--from FORMAT] [--split 80/10/10 --seed N] [--stratify]
//! -o OUT INPUT…`: every document of the inputs in another format, as the app's batch import
//! reads them and its dataset export writes them (`corpus::batch`, `corpus::dataset`), so the
//! same files and seed give the same split here and in the app.
//!
//! - Without `--split`, OUT is one file (brat: a `.zip`). With it, OUT is a folder holding
//!   `train`, `dev` and `test` files (brat: folders and `split.json`); a part with no
//!   documents has no file.
//! - Bad input (a file or line that cannot be read): every one is named on stderr with its
//!   file and 1-based line, the exit code is 2, and nothing is written. Annotations an
//!   import leaves out, and what the target format cannot carry (naming the documents that
//!   lose annotations), are said on stderr; the conversion goes on.
//! - Nothing half-written: everything is written into a temporary file or folder beside OUT
//!   and renamed into place once complete; an existing OUT is replaced only then, and stays
//!   as it was on any failure. A failure to write exits with 1.
//! - Documents with the same text as an earlier one are left out (with a warning) unless
//!   `--keep-duplicates`: the same text in train and test would leak.

use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use article_annotator::corpus::dataset::{export_dataset, BratPacking, DatasetOptions};
use article_annotator::corpus::schema::grown;
use article_annotator::corpus::split::{sizes, Part, Proportions, SplitSpec};
use article_annotator::format::multi::Entry;
use article_annotator::format::OffsetUnit;
use article_annotator::model::LabelSet;

use crate::input::{self, Format, Reading, BAD_INPUT};

/// Exit code when the output cannot be written.
const WRITE_FAILED: u8 = 1;

#[derive(clap::Args)]
pub struct Args {
    /// The format to write
    #[arg(long, value_enum)]
    to: Format,
    /// The format of the inputs, when detection should not decide (tables and plain .txt
    /// files are always read as such)
    #[arg(long, value_enum)]
    from: Option<Format>,
    /// Split by document into train/dev/test with these proportions; OUT becomes a folder
    #[arg(long, value_name = "TRAIN/DEV/TEST")]
    split: Option<Proportions>,
    /// The seed of the split (the same seed and documents give the same split)
    #[arg(long, default_value_t = 0, requires = "split")]
    seed: u64,
    /// Give each part each label where possible
    #[arg(long, requires = "split")]
    stratify: bool,
    /// The column of CSV/TSV inputs that holds the text (default: the column named "text")
    #[arg(long, value_name = "NAME")]
    text_column: Option<String>,
    /// Write offsets in UTF-16 code units (native and doccano only)
    #[arg(long)]
    utf16: bool,
    /// Apply the offset repairs the imports offer (offsets that fit as UTF-16 units, bytes
    /// or other line breaks)
    #[arg(long)]
    repair: bool,
    /// Keep documents whose text repeats an earlier document's
    #[arg(long)]
    keep_duplicates: bool,
    /// The output file, or with --split the output folder
    #[arg(short = 'o', long = "out", value_name = "OUT")]
    out: PathBuf,
    /// Input files and folders: any format the app exports, .zip archives, .txt, .csv, .tsv
    #[arg(value_name = "INPUT", required = true)]
    inputs: Vec<PathBuf>,
}

const CMD: &str = "annotate convert";

pub fn run(args: &Args) -> ExitCode {
    let how = Reading {
        command: CMD,
        from: args.from,
        text_column: args.text_column.as_deref(),
        repair: args.repair,
    };
    let docs = match input::read(&args.inputs, &how) {
        Ok(d) => d,
        Err(code) => return ExitCode::from(code),
    };
    let repeats = input::duplicates(CMD, &docs, !args.keep_duplicates);
    let kept: Vec<_> = docs
        .iter()
        .zip(&repeats)
        .filter(|(_, &dup)| args.keep_duplicates || !dup)
        .map(|(d, _)| d)
        .collect();
    // One label set for the output: the label sets of the documents with spans, in order of
    // first appearance (a document without spans brings only the default set, which nobody
    // chose); the default set when no document has spans.
    let annotated: Vec<_> = kept
        .iter()
        .filter(|d| !d.doc().spans().is_empty())
        .collect();
    let mut labels = annotated
        .first()
        .map_or_else(LabelSet::standard, |d| d.doc().labels().clone());
    for d in &annotated {
        match grown(&labels, d.doc().labels()) {
            Ok((set, _)) => labels = set,
            Err(e) => {
                eprintln!("{CMD}: the inputs use too many labels together: {e}");
                return ExitCode::from(BAD_INPUT);
            }
        }
    }
    let entries: Vec<Entry> = kept
        .iter()
        .map(|d| Entry {
            doc: d.doc(),
            meta: &d.meta,
        })
        .collect();
    let kind = args.to.kind();
    let split = args.split.map(|proportions| SplitSpec {
        proportions,
        seed: args.seed,
        stratify: args.stratify,
    });
    let opts = DatasetOptions {
        offset_unit: if args.utf16 {
            OffsetUnit::Utf16
        } else {
            OffsetUnit::CodePoint
        },
        name: out_stem(&args.out),
        split,
        brat: if split.is_some() {
            BratPacking::Folders
        } else {
            BratPacking::Zip
        },
    };
    let dataset = export_dataset(kind, &entries, &labels, &opts);
    for note in &dataset.notes {
        eprintln!("{CMD}: note: {note}");
    }
    let written = match split {
        None => {
            let bytes = dataset
                .files
                .into_iter()
                .next()
                .map(|(_, b)| b)
                .unwrap_or_default();
            replace_file(&args.out, &bytes)
        }
        Some(spec) => {
            let c = dataset.counts();
            let [train, dev, test] = sizes(entries.len(), spec.proportions);
            debug_assert_eq!(c, [train, dev, test]);
            eprintln!(
                "{CMD}: split {} with seed {}{}: train {train}, dev {dev}, test {test} documents",
                spec.proportions,
                spec.seed,
                if spec.stratify { ", stratified" } else { "" }
            );
            for (k, part) in Part::ALL.into_iter().enumerate() {
                if c[k] == 0 {
                    eprintln!(
                        "{CMD}: note: {} has no documents, so no {} file",
                        part.name(),
                        part.name()
                    );
                }
            }
            replace_folder(&args.out, &dataset.files)
        }
    };
    match written {
        Ok(()) => {
            eprintln!(
                "{CMD}: wrote {} documents as {} to {}",
                entries.len(),
                kind.name(),
                args.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!(
                "{CMD}: {}: cannot write: {e}; nothing was changed",
                args.out.display()
            );
            ExitCode::from(WRITE_FAILED)
        }
    }
}

/// The dataset's name: OUT's file name without its extensions.
fn out_stem(out: &Path) -> String {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.split('.').next().unwrap_or_default();
    if stem.is_empty() {
        "corpus".to_string()
    } else {
        stem.to_string()
    }
}

/// A path beside `out` for a temporary file or folder: `.<name>.<what>-<pid>`.
fn beside(out: &Path, what: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".to_string());
    let tmp = format!(".{name}.{what}-{}", std::process::id());
    match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.join(tmp),
        _ => PathBuf::from(tmp),
    }
}

/// Writes `bytes` to `out` through a temporary file renamed over it.
fn replace_file(out: &Path, bytes: &[u8]) -> io::Result<()> {
    if out.is_dir() {
        return Err(io::Error::other(
            "it is a folder; without --split the output is one file",
        ));
    }
    let tmp = beside(out, "partial");
    let result = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, out));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Writes `files` (relative paths) into a temporary folder, then puts it in `out`'s place;
/// an existing `out` is moved aside first and removed only once the new one is in place.
fn replace_folder(out: &Path, files: &[(String, Vec<u8>)]) -> io::Result<()> {
    if out.is_file() {
        return Err(io::Error::other(
            "it is a file; with --split the output is a folder",
        ));
    }
    let tmp = beside(out, "partial");
    let _ = std::fs::remove_dir_all(&tmp);
    let write_all = || -> io::Result<()> {
        std::fs::create_dir_all(&tmp)?;
        for (rel, bytes) in files {
            let path = tmp.join(rel);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(path, bytes)?;
        }
        Ok(())
    };
    if let Err(e) = write_all() {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    let old = beside(out, "old");
    let had_old = out.exists();
    if had_old {
        if let Err(e) = std::fs::rename(out, &old) {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(e);
        }
    }
    if let Err(e) = std::fs::rename(&tmp, out) {
        if had_old {
            let _ = std::fs::rename(&old, out);
        }
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    if had_old {
        let _ = std::fs::remove_dir_all(&old);
    }
    Ok(())
}
