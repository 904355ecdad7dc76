//! Dataset export: the whole corpus or a selection in one interchange format, optionally
//! split into train, dev and test ([`super::split`]), with a loss report that names the
//! documents that lost annotations. The app downloads the files; the command line writes
//! them into its output folder.
//!
//! The files, for a dataset called `name`:
//!
//! | | without a split | with a split |
//! |---|---|---|
//! | brat, zipped (the app) | `name.brat.zip` holding `name/` | `name.brat.zip` holding `train/`, `dev/`, `test/` and `split.json` |
//! | brat, as folders (the command line) | `name/…` | `train/…`, `dev/…`, `test/…`, `split.json` |
//! | any other format | `name.<what>.<ext>` (as a single export names it) | `train.<ext>`, `dev.<ext>`, `test.<ext>` |
//!
//! - A part with no documents (3 documents at 80/10/10 leave dev and test empty) has no file.
//! - Where the split is recorded: the native format's top-level `split` object in each part's
//!   file (name, seed, proportions, stratified); brat's `split.json` (the same, and each
//!   part's document ids). The other formats have no file-level place for it; the file names
//!   say the part, and the seed and proportions reproduce it.
//! - Documents are written in the order given; a part's documents keep that order.

use std::collections::BTreeSet;

use serde::Serialize;

use super::split::{sizes, split, Part, SplitDoc, SplitSpec};
use crate::format::lost::Lost;
use crate::format::multi::{export_all, AllOptions, Entry};
use crate::format::native::WireSplit;
use crate::format::{zip, FormatKind, OffsetUnit};
use crate::model::LabelSet;

/// How brat's folders come out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BratPacking {
    /// One `.zip` (the app's download).
    Zip,
    /// The folders' files as they are (the command line writes them).
    Folders,
}

/// Choices for a dataset export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatasetOptions {
    /// Offset unit for the formats that offer one (native, doccano).
    pub offset_unit: OffsetUnit,
    /// The dataset's name, for the files of an export without a split.
    pub name: String,
    pub split: Option<SplitSpec>,
    pub brat: BratPacking,
}

impl Default for DatasetOptions {
    fn default() -> Self {
        DatasetOptions {
            offset_unit: OffsetUnit::CodePoint,
            name: "corpus".to_string(),
            split: None,
            brat: BratPacking::Zip,
        }
    }
}

/// What a dataset export made.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dataset {
    /// `(path, content)`, paths relative to where the export goes.
    pub files: Vec<(String, Vec<u8>)>,
    /// What the format could not carry, in plain words, naming each document that lost
    /// annotations.
    pub notes: Vec<String>,
    /// Per document that lost anything: its id and what it lost.
    pub lost: Vec<(String, Lost)>,
    /// With a split: each document's part, in the order given.
    pub parts: Vec<Part>,
}

impl Dataset {
    /// How many documents each part holds (all in train without a split).
    pub fn counts(&self) -> [usize; 3] {
        let mut c = [0; 3];
        for p in &self.parts {
            c[Part::ALL.iter().position(|q| q == p).unwrap_or(0)] += 1;
        }
        c
    }
}

#[derive(Serialize)]
struct SplitFile<'a> {
    seed: u64,
    proportions: [u64; 3],
    stratified: bool,
    /// Ids of each part's documents, in export order.
    train: Vec<&'a str>,
    dev: Vec<&'a str>,
    test: Vec<&'a str>,
}

/// The split of `entries` under `spec`: each entry's part.
pub fn parts_of(entries: &[Entry], spec: &SplitSpec) -> Vec<Part> {
    let docs: Vec<SplitDoc> = entries
        .iter()
        .map(|e| SplitDoc {
            id: e.doc.id(),
            labels: e
                .doc
                .spans()
                .iter()
                .map(|s| e.doc.labels().name(s.label()))
                .collect::<BTreeSet<&str>>(),
        })
        .collect();
    split(&docs, spec)
}

/// Exports `entries` as `kind` (see the module docs for the files).
pub fn export_dataset(
    kind: FormatKind,
    entries: &[Entry],
    labels: &LabelSet,
    opts: &DatasetOptions,
) -> Dataset {
    let Some(spec) = opts.split else {
        let stem = opts.name.as_str();
        let all = export_all(kind, entries, labels, &all_options(opts, stem, None));
        let mut files = all.files;
        if kind == FormatKind::Brat && opts.brat == BratPacking::Zip {
            files = vec![(format!("{stem}.brat.zip"), zip::write(&files))];
        } else if kind != FormatKind::Brat {
            let what = kind.file_name("x");
            let what = what.strip_prefix("x.").unwrap_or(&what);
            files = files
                .into_iter()
                .map(|(_, c)| (format!("{stem}.{what}"), c))
                .collect();
        }
        return Dataset {
            files,
            notes: all.notes,
            lost: all.lost,
            parts: vec![Part::Train; entries.len()],
        };
    };
    let parts = parts_of(entries, &spec);
    let mut out = Dataset {
        parts: parts.clone(),
        ..Dataset::default()
    };
    let mut ids: [Vec<&str>; 3] = Default::default();
    let mut notes = Vec::new();
    for (k, part) in Part::ALL.into_iter().enumerate() {
        let chosen: Vec<Entry> = entries
            .iter()
            .zip(&parts)
            .filter(|(_, p)| **p == part)
            .map(|(e, _)| *e)
            .collect();
        if chosen.is_empty() {
            continue;
        }
        ids[k] = chosen.iter().map(|e| e.doc.id()).collect();
        let wire = WireSplit {
            name: part.name().to_string(),
            seed: spec.seed,
            proportions: spec.proportions.0,
            stratified: spec.stratify,
        };
        let all = export_all(
            kind,
            &chosen,
            labels,
            &all_options(opts, part.name(), Some(&wire)),
        );
        out.files.extend(all.files);
        out.lost.extend(all.lost);
        for n in all.notes {
            if !notes.contains(&n) {
                notes.push(n);
            }
        }
    }
    out.notes = notes;
    if kind == FormatKind::Brat {
        let [train, dev, test] = ids;
        let manifest = SplitFile {
            seed: spec.seed,
            proportions: spec.proportions.0,
            stratified: spec.stratify,
            train,
            dev,
            test,
        };
        let json = serde_json::to_string(&manifest).unwrap_or_default();
        out.files
            .push(("split.json".to_string(), json.into_bytes()));
        if opts.brat == BratPacking::Zip {
            out.files = vec![(format!("{}.brat.zip", opts.name), zip::write(&out.files))];
        }
    }
    debug_assert_eq!(out.counts(), sizes(entries.len(), spec.proportions));
    out
}

fn all_options<'a>(
    opts: &DatasetOptions,
    stem: &'a str,
    split: Option<&'a WireSplit>,
) -> AllOptions<'a> {
    AllOptions {
        offset_unit: opts.offset_unit,
        stem,
        split,
    }
}

#[cfg(test)]
mod tests;
