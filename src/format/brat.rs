//! brat standoff: the text in a `.txt` file and the annotations in a `.ann` file beside it,
//! plus brat's `annotation.conf` and `visual.conf` so the folder opens in brat as is.
//!
//! ```text
//! T1→PERSON 0 6→Merkel
//! T2→QUOTE 13 30→"We will manage."
//! T4→PERSON 0 6;31 38→Merkel Critics
//! ```
//!
//! (→ stands for a tab.)
//!
//! - `T` lines: `ID<TAB>TYPE START END[;START END…]<TAB>TEXT`. Offsets count the code points
//!   of the `.txt` exactly as written, `\r` included (brat reads the file without newline
//!   translation), end exclusive. Readers that open the `.txt` in Python's default text mode
//!   turn `\r\n` into `\n` and must open it with `newline=""` to keep offsets right.
//! - Export: one `T` line per span in text order; the `TEXT` field is the covered text with
//!   line breaks written as spaces (a `.ann` line cannot hold them). Types cannot contain
//!   white space: a label with spaces is written with `_`, and `visual.conf`'s `[labels]`
//!   keeps the full name (`Named_entity | Named entity`). `annotation.conf` lists every
//!   label in order and allows any overlap; `visual.conf` keeps the colours. When the
//!   export loses something (the title, which brat has no place for), a `#` note line on the
//!   first span says what. The files come back zipped ([`super::export_as`]).
//! - Attributes: `A` lines (`A1→check-worthy T3 unsure`), a true flag as a binary attribute
//!   (`A2→verified T1`), white space in names and values as `_`; `annotation.conf`'s
//!   `[attributes]` defines them (`Value:yes|no|unsure` for a choice, none for a flag).
//!   Notes: `#1→AnnotatorNotes T3→…`, line breaks as spaces (reported). Relations: `R` lines
//!   (`R1→said_by Arg1:T2 Arg2:T1`, from `Arg1` to `Arg2`); `[relations]` defines each type
//!   with the label pairs it links (`<ENTITY>` for any). See `brat/conf.rs` and `brat/lines.rs`.
//! - Not carried: the title, span ids that are not brat ids (`T` and a number), a “no” flag
//!   and free-text values (brat attributes are binary or take a value from a list; the free-
//!   text definitions themselves are kept as a comment line this import reads).
//! - Import takes the `.ann` and `.txt` (and `annotation.conf` / `visual.conf` when given, for
//!   label order, names and colours). Discontinuous spans (`;` fragments) become one span per
//!   fragment, with a note. `A`/`M` attributes and `#` notes go on every fragment of their
//!   annotation, `R` relations link the annotations (a fragment's relation is its first
//!   fragment's); with `annotation.conf` its relation types are the file's, and an `R` line of
//!   another type is a problem. Noted, not imported: `N` normalizations, `E` events, `*`
//!   equivalences and `#` lines that are not `AnnotatorNotes`.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::rc::Rc;

mod conf;
mod lines;

use conf::{conf_files, conf_labels, conf_relation_types, read_visual, with_colors};
use lines::{one_line, qualifier_lines};

use super::lost::{title_lost, Lost};
use super::report::{Fatal, Imported, OffsetUnit, Problem};
use super::resolve::{
    count, finish, labels_from_names, too_many_spans, wide, RawDoc, RawSpan, TextCheck,
    MAX_SPANS_PER_ANNOTATION,
};
use crate::model::label::LabelSet;
use crate::model::title::slug;
use crate::model::Document;

/// Prefix of the `#` note line that says what an export left out.
const NOTE_PREFIX: &str = "Article Annotator export:";

/// The type name brat gets for a label: white space as `_`.
pub fn type_name(label: &str) -> String {
    label
        .chars()
        .map(|c| if c.is_whitespace() { '_' } else { c })
        .collect()
}

/// The files of a brat export (`<slug>.txt`, `<slug>.ann`, `annotation.conf`, `visual.conf`)
/// and what they do not carry.
pub fn export(doc: &Document) -> (Vec<(String, Vec<u8>)>, Lost) {
    let stem = slug(doc.title());
    let types = type_names(doc.labels());
    let mut lost = Lost {
        title: title_lost(doc, doc.text().as_str()),
        ..Lost::default()
    };
    let ids = brat_ids(doc);
    let mut ann = String::new();
    for (s, id) in doc.spans().iter().zip(&ids) {
        // Line breaks as spaces; a tab stays (the text is the line's last column).
        let covered: String = doc
            .covered(s)
            .chars()
            .map(|c| if c == '\r' || c == '\n' { ' ' } else { c })
            .collect();
        ann.push_str(&format!(
            "{id}\t{} {} {}\t{covered}\n",
            types[s.label().index()],
            s.start(),
            s.end()
        ));
    }
    let qualifiers = qualifier_lines(doc, &ids, &mut lost);
    ann.push_str(&qualifiers.lines);
    let notes = lost.notes(doc, "brat");
    if let (Some(first), false) = (ids.first(), notes.is_empty()) {
        let note = one_line(&notes.join("; "));
        ann.push_str(&format!(
            "#{}\tAnnotatorNotes {first}\t{NOTE_PREFIX} {note}\n",
            qualifiers.notes + 1
        ));
    }
    let (conf, visual) = conf_files(doc.labels(), &types);
    let files = vec![
        (
            format!("{stem}.txt"),
            doc.text().as_str().as_bytes().to_vec(),
        ),
        (format!("{stem}.ann"), ann.into_bytes()),
        ("annotation.conf".to_string(), conf.into_bytes()),
        ("visual.conf".to_string(), visual.into_bytes()),
    ];
    (files, lost)
}

/// Distinct type names for the labels, in label order.
fn type_names(labels: &LabelSet) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (_, l) in labels.iter() {
        let base = type_name(&l.name);
        let mut t = base.clone();
        let mut k = 2;
        while out.contains(&t) {
            t = format!("{base}_{k}");
            k += 1;
        }
        out.push(t);
    }
    out
}

/// brat ids for the spans in text order: a span's own id when it is a brat id (`T` and a
/// number) not used before, else the next free `T` number.
fn brat_ids(doc: &Document) -> Vec<String> {
    let is_brat = |id: &str| {
        id.strip_prefix('T')
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    let mut taken: HashSet<String> = HashSet::new();
    let mut own: Vec<Option<String>> = Vec::new();
    for s in doc.spans().iter() {
        let id = s.id().as_str();
        own.push((is_brat(id) && taken.insert(id.to_string())).then(|| id.to_string()));
    }
    let mut next = 1u64;
    own.into_iter()
        .map(|o| {
            o.unwrap_or_else(|| loop {
                let id = format!("T{next}");
                next += 1;
                if taken.insert(id.clone()) {
                    break id;
                }
            })
        })
        .collect()
}

fn stem_and_ext(name: &str) -> (&str, &str) {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.rfind('.') {
        Some(i) => (&base[..i], &base[i + 1..]),
        None => (base, ""),
    }
}

/// Reads a brat pair (and its configuration files, when given).
pub fn import(files: &[(String, String)]) -> Result<Imported, Fatal> {
    let by_ext = |ext: &'static str| {
        files
            .iter()
            .filter(move |(n, _)| stem_and_ext(n).1.eq_ignore_ascii_case(ext))
    };
    let (ann_name, ann) = by_ext("ann").next().ok_or_else(|| {
        Fatal::MissingFile("brat keeps annotations in a .ann file; choose the .ann file together with its .txt file".into())
    })?;
    let stem = stem_and_ext(ann_name).0;
    let txts: Vec<_> = by_ext("txt").collect();
    let (_, text) = txts
        .iter()
        .find(|(n, _)| stem_and_ext(n).0 == stem)
        .or_else(|| (txts.len() == 1).then(|| &txts[0]))
        .ok_or_else(|| {
            Fatal::MissingFile(format!("brat keeps the text in a .txt file beside the .ann file; choose {stem}.txt together with {stem}.ann"))
        })?;
    let conf = |name: &str| {
        files
            .iter()
            .find(|(n, _)| stem_and_ext(n) == (name, "conf"))
            .map(|(_, c)| c.trim_start_matches('\u{feff}'))
    };
    let visual = conf("visual").map(read_visual).unwrap_or_default();
    let mut raw = RawDoc::new(text.clone());
    raw.check = TextCheck::OneLine;
    let mut skipped: BTreeMap<&str, usize> = BTreeMap::new();
    let mut discontinuous = Vec::new();
    // Read once the `T` lines and the label set are known, wherever they stand in the file.
    let mut qualifying: Vec<(usize, &str)> = Vec::new();
    // A byte order mark before the annotations is an editor's, not part of the first line (the
    // text's own is kept: offsets count it).
    for (i, line) in ann.trim_start_matches('\u{feff}').split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        let what = match line.chars().next().unwrap_or(' ') {
            'T' => {
                let spans = t_line(line, i + 1, &visual.names);
                if spans.len() > 1 {
                    discontinuous.push(line.split('\t').next().unwrap_or_default().to_string());
                }
                raw.entries.extend(spans);
                continue;
            }
            '#' if line.contains(NOTE_PREFIX) => continue,
            'R' | 'A' | 'M' | '#' => {
                qualifying.push((i + 1, line));
                continue;
            }
            'N' => "normalization",
            'E' => "event",
            '*' => "equivalence",
            _ => {
                raw.problems.push(Problem::BadLine {
                    line: i + 1,
                    why: "it is not a brat annotation line".into(),
                });
                continue;
            }
        };
        *skipped.entry(what).or_default() += 1;
    }
    if !discontinuous.is_empty() {
        raw.notes.push(format!(
            "{} ({}) imported as one annotation per fragment: Article Annotator spans are continuous",
            count(discontinuous.len(), "discontinuous annotation"),
            discontinuous.join(", ")
        ));
    }
    raw.labels = conf("annotation")
        .map(|c| conf_labels(c, &visual, &raw))
        .transpose()?;
    raw.types = conf("annotation").map(|c| conf_relation_types(c, &visual));
    if raw.labels.is_none() && !visual.colors.is_empty() {
        let names: Vec<String> = raw
            .entries
            .iter()
            .filter_map(|e| e.as_ref().ok())
            .map(|s| s.label.clone())
            .collect();
        let set = labels_from_names(names.iter().map(String::as_str))?;
        raw.labels = Some(with_colors(&set, &visual));
    }
    lines::apply(&mut raw, &qualifying, &visual, &mut skipped);
    for (what, n) in skipped {
        raw.notes.push(format!(
            "{} not imported: Article Annotator keeps labelled spans, their attributes and notes, and relations",
            count(n, what)
        ));
    }
    finish(raw)
}

/// One `T` line: one span per fragment.
fn t_line(
    line: &str,
    number: usize,
    names: &HashMap<String, String>,
) -> Vec<Result<RawSpan, Problem>> {
    let bad = |why: &str| {
        vec![Err(Problem::BadLine {
            line: number,
            why: why.to_string(),
        })]
    };
    let mut cols = line.splitn(3, '\t');
    let (Some(id), Some(middle)) = (cols.next(), cols.next()) else {
        return bad("a text-bound annotation needs an id, a type with offsets, and its text, separated by tabs");
    };
    let stated = cols.next();
    let Some((ty, offsets)) = middle.split_once(' ') else {
        return bad("a text-bound annotation needs a type followed by its offsets");
    };
    let label = names.get(ty).cloned().unwrap_or_else(|| ty.to_string());
    let count = offsets.split(';').count();
    if count > MAX_SPANS_PER_ANNOTATION {
        return vec![Err(too_many_spans(format!("“{id}”"), count))];
    }
    let mut fragments = Vec::with_capacity(count);
    for f in offsets.split(';') {
        // As `u64`, so an offset past 32 bits is reported as outside the text on wasm32 too.
        let mut nums = f.split_whitespace().map(str::parse::<u64>);
        match (nums.next(), nums.next(), nums.next()) {
            (Some(Ok(s)), Some(Ok(e)), None) => fragments.push((s, e)),
            _ => return bad(&format!("“{f}” is not a start and an end offset")),
        }
    }
    let texts = split_fragment_text(stated, &fragments);
    fragments
        .iter()
        .enumerate()
        .map(|(k, &(start, end))| {
            let (span_id, name) = if k == 0 {
                (id.to_string(), format!("“{id}”"))
            } else {
                (
                    format!("{id}-{}", k + 1),
                    format!("“{id}” (fragment {})", k + 1),
                )
            };
            Ok(RawSpan {
                name,
                id: Some(span_id),
                label: label.clone(),
                start,
                end,
                stated: texts.get(k).cloned().flatten().map(Rc::from),
                located: false,
                ..RawSpan::default()
            })
        })
        .collect()
}

/// The stated text of each fragment. brat joins fragment texts with a space; the text is cut
/// by the fragments' lengths, counted in code points or else in UTF-16 units or bytes,
/// whichever adds up to the stated text. `None` where it cannot be cut.
fn split_fragment_text(stated: Option<&str>, fragments: &[(u64, u64)]) -> Vec<Option<String>> {
    let Some(stated) = stated else {
        return vec![None; fragments.len()];
    };
    if fragments.len() == 1 {
        return vec![Some(stated.to_string())];
    }
    for unit in [
        OffsetUnit::CodePoint,
        OffsetUnit::Utf16,
        OffsetUnit::Utf8Byte,
    ] {
        let width = |c: char| match unit {
            OffsetUnit::CodePoint => 1,
            OffsetUnit::Utf16 => wide(c.len_utf16()),
            OffsetUnit::Utf8Byte => wide(c.len_utf8()),
        };
        let total: u64 = stated.chars().map(width).sum();
        // The fragments' lengths and the spaces between them; offsets come from the file, so
        // the sum may not fit (it then matches no stated text).
        let want = fragments
            .iter()
            .try_fold(wide(fragments.len()).saturating_sub(1), |sum, (s, e)| {
                sum.checked_add(e.saturating_sub(*s))
            });
        if want != Some(total) {
            continue;
        }
        let mut out = Vec::new();
        let mut chars = stated.chars();
        for (k, (s, e)) in fragments.iter().enumerate() {
            if k > 0 && chars.next() != Some(' ') {
                break;
            }
            let mut piece = String::new();
            let mut w = 0;
            while w < e.saturating_sub(*s) {
                let Some(c) = chars.next() else { break };
                w += width(c);
                piece.push(c);
            }
            out.push(Some(piece));
        }
        if out.len() == fragments.len() {
            return out;
        }
    }
    vec![None; fragments.len()]
}
