//! The `.ann` lines that qualify `T` annotations: `A` attribute values, `#` `AnnotatorNotes`
//! notes and `R` relations (`Arg1` from, `Arg2` to), written for an export and read back
//! onto the spans of an import.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::conf::Visual;
use super::type_name;
use crate::format::lost::Lost;
use crate::format::report::Problem;
use crate::format::resolve::{count, RawDoc, RawEnd, RawRelation, RawValue};
use crate::model::attribute::{parse_flag, AttrKind, AttrValue};
use crate::model::{Document, SpanId};

/// A text on one `.ann` line: line breaks and tabs as spaces.
pub(super) fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| {
            if matches!(c, '\r' | '\n' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// The `A`, `#` and `R` lines of a document, and how many `#` lines they hold.
pub(super) struct Qualifiers {
    pub lines: String,
    pub notes: usize,
}

/// `A` lines for attribute values (a true flag as a binary attribute, a choice as a value;
/// false flags and free text have no brat form and are counted in `lost`), `#`
/// `AnnotatorNotes` lines for notes, and `R` lines for relations.
pub(super) fn qualifier_lines(doc: &Document, ids: &[String], lost: &mut Lost) -> Qualifiers {
    let mut lines = String::new();
    let (mut a, mut n) = (0usize, 0usize);
    let (mut false_flags, mut texts, mut broken_notes) = (0usize, 0usize, 0usize);
    for (s, id) in doc.spans().iter().zip(ids) {
        for (name, v) in s.attrs().iter() {
            let value = match v {
                AttrValue::Flag(true) => String::new(),
                AttrValue::Choice(c) => format!(" {}", type_name(c)),
                AttrValue::Flag(false) => {
                    false_flags += 1;
                    continue;
                }
                AttrValue::Text(_) => {
                    texts += 1;
                    continue;
                }
            };
            a += 1;
            lines.push_str(&format!("A{a}\t{} {id}{value}\n", type_name(name)));
        }
        if let Some(note) = s.note() {
            n += 1;
            let flat = one_line(note);
            broken_notes += usize::from(flat != note);
            lines.push_str(&format!("#{n}\tAnnotatorNotes {id}\t{flat}\n"));
        }
    }
    lost.attributes = false_flags + texts;
    if lost.attributes > 0 {
        lost.other.push(format!(
            "brat attributes are yes-flags and values from a list: {} and {} have no brat form",
            count(false_flags, "“no” flag"),
            count(texts, "free-text value")
        ));
    }
    if broken_notes > 0 {
        lost.other.push(format!(
            "{} written on one line: a brat note cannot hold line breaks",
            count(broken_notes, "note")
        ));
    }
    let by_span: HashMap<&SpanId, &String> = doc.spans().iter().map(|s| s.id()).zip(ids).collect();
    let is_brat = |id: &str| {
        id.strip_prefix('R')
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    let taken: HashSet<&str> = doc
        .relations()
        .iter()
        .map(|r| r.id().as_str())
        .filter(|id| is_brat(id))
        .collect();
    let mut next = 1u64;
    for r in doc.relations().iter() {
        let (Some(from), Some(to)) = (by_span.get(r.from()), by_span.get(r.to())) else {
            continue;
        };
        let id = if is_brat(r.id().as_str()) {
            r.id().to_string()
        } else {
            loop {
                let id = format!("R{next}");
                next += 1;
                if !taken.contains(id.as_str()) {
                    break id;
                }
            }
        };
        lines.push_str(&format!(
            "{id}\t{} Arg1:{from} Arg2:{to}\n",
            type_name(r.kind())
        ));
    }
    Qualifiers { lines, notes: n }
}

/// A type name as `visual.conf` spells it in full.
fn full(visual: &Visual, t: &str) -> String {
    visual
        .names
        .get(t)
        .cloned()
        .unwrap_or_else(|| t.to_string())
}

/// The `A`/`M`, `#` and `R` lines (`(line number, line)`) onto `raw`, whose `T` lines are
/// read and whose label set (from `annotation.conf`, when given) is known: attribute values
/// and notes go on every span of the `T` annotation they name, relations link `T`
/// annotations. What names no `T` annotation of the file is a problem; `#` lines that are not
/// `AnnotatorNotes` are counted in `skipped`.
pub(super) fn apply(
    raw: &mut RawDoc,
    lines: &[(usize, &str)],
    visual: &Visual,
    skipped: &mut BTreeMap<&'static str, usize>,
) {
    // Fragments of `T4` are `T4`, `T4-2`, …: all of them are the annotation `T4`.
    let mut by_t: HashMap<String, Vec<usize>> = HashMap::new();
    for (k, e) in raw.entries.iter().enumerate() {
        if let Some(id) = e.as_ref().ok().and_then(|s| s.id.as_deref()) {
            let base = id.split('-').next().unwrap_or(id);
            by_t.entry(base.to_string()).or_default().push(k);
        }
    }
    for &(number, line) in lines {
        let mut cols = line.splitn(3, '\t');
        let (id, middle, rest) = (
            cols.next().unwrap_or_default(),
            cols.next().unwrap_or_default(),
            cols.next(),
        );
        let words: Vec<&str> = middle.split_whitespace().collect();
        let name = format!("“{id}”");
        let unknown = |target: &str| Problem::Malformed {
            annotation: name.clone(),
            why: format!(
                "it qualifies “{target}”, which is not a text-bound annotation of the file"
            ),
        };
        if id.starts_with('R') {
            raw.relations.push(relation(id, &words, visual));
        } else if id.starts_with('#') {
            match words.as_slice() {
                ["AnnotatorNotes", target] => match by_t.get(*target) {
                    Some(ks) => {
                        let text = rest.unwrap_or_default();
                        for k in ks {
                            if let Some(Ok(s)) = raw.entries.get_mut(*k) {
                                s.note = Some(match s.note.take() {
                                    Some(before) => format!("{before}\n{text}"),
                                    None => text.to_string(),
                                });
                            }
                        }
                    }
                    None => raw.problems.push(unknown(target)),
                },
                _ => *skipped.entry("annotator note").or_default() += 1,
            }
        } else {
            // `A` and the older `M`: `Name Target [Value]`.
            let (Some(attr), Some(target)) = (words.first(), words.get(1)) else {
                raw.problems.push(Problem::BadLine {
                    line: number,
                    why: "an attribute line needs a name and the annotation it qualifies".into(),
                });
                continue;
            };
            let Some(ks) = by_t.get(*target) else {
                raw.problems.push(unknown(target));
                continue;
            };
            let attr = full(visual, attr);
            for k in ks {
                let label = match raw.entries.get(*k) {
                    Some(Ok(s)) => s.label.clone(),
                    _ => continue,
                };
                let value = value_of(raw, &label, &attr, words.get(2).copied());
                if let Some(Ok(s)) = raw.entries.get_mut(*k) {
                    s.attrs.push((attr.clone(), value));
                }
            }
        }
    }
}

/// An attribute value as written (`None`: a binary attribute, set), read by the label's
/// definition when `annotation.conf` gives one: a choice written with `_` for its spaces
/// comes back as the listed value.
fn value_of(raw: &RawDoc, label: &str, attr: &str, written: Option<&str>) -> RawValue {
    let Some(w) = written else {
        return RawValue::Flag(true);
    };
    let def = raw
        .labels
        .as_ref()
        .and_then(|l| l.attribute(l.by_name(label)?, attr));
    match def.map(|d| &d.kind) {
        Some(AttrKind::Choice(list)) => RawValue::Choice(
            list.iter()
                .find(|v| type_name(v) == w)
                .map_or_else(|| w.to_string(), |v| v.to_string()),
        ),
        Some(AttrKind::Flag) => {
            parse_flag(w).map_or_else(|| RawValue::Text(w.to_string()), RawValue::Flag)
        }
        _ => RawValue::Choice(w.to_string()),
    }
}

/// `R1<TAB>Type Arg1:T2 Arg2:T1`.
fn relation(id: &str, words: &[&str], visual: &Visual) -> Result<RawRelation, Problem> {
    let name = format!("“{id}”");
    let arg = |key: &str| {
        words
            .iter()
            .find_map(|w| w.strip_prefix(key)?.strip_prefix(':'))
            .map(str::to_string)
    };
    let (Some(kind), Some(from), Some(to)) = (words.first(), arg("Arg1"), arg("Arg2")) else {
        return Err(Problem::BadRelation {
            relation: name,
            why: "a relation line needs a type, Arg1 and Arg2".into(),
        });
    };
    Ok(RawRelation {
        name,
        id: Some(id.to_string()),
        kind: full(visual, kind),
        from: RawEnd::Id(from),
        to: RawEnd::Id(to),
    })
}
