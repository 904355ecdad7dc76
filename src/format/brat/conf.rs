//! brat's configuration files: `annotation.conf` (entity types, relation types with the label
//! pairs they link, attributes) and `visual.conf` (full names of types written with `_`,
//! colours), written for an export and read back on import.
//!
//! brat has no free-text attribute; a label's free-text attributes are written as a comment
//! line, `#text-attribute name<TAB>Arg:Type`, that brat skips and this import reads.

use std::collections::{HashMap, HashSet};

use super::type_name;
use crate::format::report::Fatal;
use crate::format::resolve::{distinct, RawDoc};
use crate::model::attribute::{AttrDef, AttrKind};
use crate::model::label::{LabelSet, LabelSpec, MAX_LABELS};
use crate::model::relation::RelationType;

/// The comment that carries a free-text attribute definition.
const TEXT_MARK: &str = "#text-attribute ";

/// `annotation.conf` (every label, relation type and attribute, any overlap allowed) and
/// `visual.conf` (full names of what has white space, colours).
pub(super) fn conf_files(labels: &LabelSet, types: &[String]) -> (String, String) {
    let mut conf = String::from("# Labels of an Article Annotator export.\n[entities]\n");
    let mut visual = String::from("[labels]\n");
    let mut drawing = String::from("\n[drawing]\n");
    for ((_, label), t) in labels.iter().zip(types) {
        conf.push_str(&format!("{t}\n"));
        visual.push_str(&format!("{t} | {}\n", label.name));
        drawing.push_str(&format!("{t}\tbgColor:{}, fgColor:white\n", label.color));
    }
    let type_of = |name: &str| {
        labels
            .by_name(name)
            .and_then(|id| types.get(id.index()))
            .cloned()
    };
    conf.push_str("\n[relations]\n<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n");
    for t in labels.relation_types() {
        let name = type_name(&t.name);
        if name != *t.name {
            visual.push_str(&format!("{name} | {}\n", t.name));
        }
        if t.pairs.is_empty() {
            conf.push_str(&format!("{name}\tArg1:<ENTITY>, Arg2:<ENTITY>\n"));
        }
        for (a, b) in t.pairs.iter() {
            if let (Some(a), Some(b)) = (type_of(a), type_of(b)) {
                conf.push_str(&format!("{name}\tArg1:{a}, Arg2:{b}\n"));
            }
        }
    }
    conf.push_str("\n[events]\n\n[attributes]\n");
    // One line per attribute name and kind, for every label that defines it so.
    let mut attrs: Vec<(&AttrDef, Vec<&str>)> = Vec::new();
    for ((_, label), t) in labels.iter().zip(types) {
        for def in label.attributes.iter() {
            match attrs.iter_mut().find(|(d, _)| *d == def) {
                Some((_, args)) => args.push(t),
                None => attrs.push((def, vec![t])),
            }
        }
    }
    for (def, args) in attrs {
        let name = type_name(&def.name);
        if name != *def.name {
            visual.push_str(&format!("{name} | {}\n", def.name));
        }
        let args = args.join("|");
        match &def.kind {
            AttrKind::Flag => conf.push_str(&format!("{name}\tArg:{args}\n")),
            AttrKind::Choice(values) => {
                let values: Vec<String> = values.iter().map(|v| type_name(v)).collect();
                conf.push_str(&format!("{name}\tArg:{args}, Value:{}\n", values.join("|")));
            }
            // brat has no free-text attribute: a comment that brat skips and this import reads.
            AttrKind::Text => conf.push_str(&format!("{TEXT_MARK}{name}\tArg:{args}\n")),
        }
    }
    visual.push_str(&drawing);
    (conf, visual)
}

/// What `visual.conf` says: full names by type, colours by type.
#[derive(Default)]
pub(super) struct Visual {
    pub names: HashMap<String, String>,
    pub colors: HashMap<String, String>,
}

pub(super) fn read_visual(conf: &str) -> Visual {
    let mut v = Visual::default();
    let mut section = "";
    for line in conf.lines().map(str::trim) {
        if line.starts_with('[') {
            section = line;
        } else if line.is_empty() || line.starts_with('#') {
        } else if section == "[labels]" {
            let mut parts = line.split('|').map(str::trim);
            if let (Some(t), Some(full)) = (parts.next(), parts.next()) {
                v.names.insert(t.to_string(), full.to_string());
            }
        } else if section == "[drawing]" {
            let (t, rest) = line.split_once(['\t', ' ']).unwrap_or((line, ""));
            if let Some(c) = rest
                .split(',')
                .filter_map(|kv| kv.trim().strip_prefix("bgColor:"))
                .next()
            {
                let name = v.names.get(t).cloned().unwrap_or_else(|| t.to_string());
                v.colors.insert(name, c.trim().to_string());
            }
        }
    }
    v
}

/// The label set `annotation.conf` defines: its entity types in order (all of them when they
/// fit in a label set, else those the spans use), named and coloured by `visual.conf`, with
/// the attributes of its `[attributes]` section.
pub(super) fn conf_labels(conf: &str, visual: &Visual, raw: &RawDoc) -> Result<LabelSet, Fatal> {
    let mut section = "";
    let mut types: Vec<String> = Vec::new();
    let mut listed: HashSet<String> = HashSet::new();
    for line in conf.lines() {
        let t = line.trim();
        if t.starts_with('[') {
            section = t;
        } else if section == "[entities]" && !t.is_empty() && !t.starts_with('#') {
            let t = t.trim_start_matches('!');
            let t = t.split_whitespace().next().unwrap_or(t);
            let name = visual
                .names
                .get(t)
                .cloned()
                .unwrap_or_else(|| t.to_string());
            if listed.insert(name.clone()) {
                types.push(name);
            }
        }
    }
    let used: HashSet<&str> = raw
        .entries
        .iter()
        .filter_map(|e| e.as_ref().ok())
        .map(|s| s.label.as_str())
        .collect();
    if types.len() > MAX_LABELS {
        types.retain(|t| used.contains(t.as_str()));
    }
    // The labels the spans use that the file does not list, in order of first use.
    let in_order = distinct(
        raw.entries
            .iter()
            .filter_map(|e| e.as_ref().ok())
            .map(|s| s.label.as_str()),
    );
    let listed: HashSet<String> = types.iter().cloned().collect();
    types.extend(
        in_order
            .into_iter()
            .filter(|u| !listed.contains(*u))
            .map(str::to_string),
    );
    if types.len() > MAX_LABELS {
        return Err(Fatal::TooManyLabels(types));
    }
    let attributes = conf_attributes(conf, visual);
    let specs = types
        .into_iter()
        .map(|t| LabelSpec {
            color: visual.colors.get(&t).cloned(),
            attributes: attributes
                .iter()
                .filter(|(args, _)| args.iter().any(|a| a == "<ENTITY>" || *a == t))
                .map(|(_, def)| def.clone())
                .collect(),
            ..LabelSpec::named(&t)
        })
        .collect();
    LabelSet::from_specs(specs).map_err(|e| Fatal::BadLabels(e.to_string()))
}

/// Lines of one section of `annotation.conf`, trimmed, without blanks; comments only where
/// they carry a free-text attribute ([`TEXT_MARK`]).
fn section<'a>(conf: &'a str, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    let mut current = "";
    conf.lines().filter_map(move |line| {
        let t = line.trim();
        if t.starts_with('[') {
            current = t;
            return None;
        }
        let keep =
            current == name && !t.is_empty() && (!t.starts_with('#') || t.starts_with(TEXT_MARK));
        keep.then_some(t)
    })
}

/// A type name as `visual.conf` spells it in full.
fn full(visual: &Visual, t: &str) -> String {
    visual
        .names
        .get(t)
        .cloned()
        .unwrap_or_else(|| t.to_string())
}

/// `name<TAB>Key:A|B, Key:C` as the name and its arguments by key.
fn definition(line: &str) -> (&str, Vec<(&str, Vec<&str>)>) {
    let (name, rest) = line.split_once(['\t', ' ']).unwrap_or((line, ""));
    let args = rest
        .split(',')
        .filter_map(|a| a.trim().split_once(':'))
        .map(|(k, v)| (k.trim(), v.split('|').map(str::trim).collect()))
        .collect();
    (name, args)
}

/// The `[attributes]` section: each definition with the entity types (full names, or
/// `<ENTITY>`) it applies to. A definition without `Value` is a flag (brat's binary
/// attribute); with `Value`, a choice of those values.
fn conf_attributes(conf: &str, visual: &Visual) -> Vec<(Vec<String>, AttrDef)> {
    section(conf, "[attributes]")
        .filter_map(|line| {
            let (text, line) = match line.strip_prefix(TEXT_MARK) {
                Some(rest) => (true, rest),
                None => (false, line),
            };
            let (name, args) = definition(line);
            let get = |k: &str| {
                args.iter()
                    .find(|(key, _)| *key == k)
                    .map(|(_, v)| v.clone())
            };
            let on: Vec<String> = get("Arg")?.into_iter().map(|a| full(visual, a)).collect();
            let kind = match get("Value") {
                _ if text => AttrKind::Text,
                Some(values) => AttrKind::choice(&values),
                None => AttrKind::Flag,
            };
            Some((on, AttrDef::new(&full(visual, name), kind)))
        })
        .collect()
}

/// The `[relations]` section as relation types (full names): a type whose arguments are
/// `<ENTITY>` links any two spans, otherwise the pairs its lines list (every `Arg1` with
/// every `Arg2`, over all lines of one name). `<OVERLAP>` and other `<…>` lines are brat's
/// own settings.
pub(super) fn conf_relation_types(conf: &str, visual: &Visual) -> Vec<RelationType> {
    let mut order: Vec<String> = Vec::new();
    let mut pairs: HashMap<String, Option<Vec<(String, String)>>> = HashMap::new();
    for line in section(conf, "[relations]") {
        let (name, args) = definition(line);
        if name.starts_with('<') || name.starts_with('#') {
            continue;
        }
        let get = |k: &str| {
            args.iter()
                .find(|(key, _)| *key == k)
                .map(|(_, v)| v.clone())
        };
        let (Some(a1), Some(a2)) = (get("Arg1"), get("Arg2")) else {
            continue;
        };
        let name = full(visual, name);
        if !pairs.contains_key(&name) {
            order.push(name.clone());
        }
        let entry = pairs.entry(name).or_insert_with(|| Some(Vec::new()));
        let any = |v: &[&str]| v.iter().any(|a| a.starts_with('<'));
        if any(&a1) || any(&a2) {
            *entry = None;
        } else if let Some(list) = entry {
            for a in &a1 {
                for b in &a2 {
                    let pair = (full(visual, a), full(visual, b));
                    if !list.contains(&pair) {
                        list.push(pair);
                    }
                }
            }
        }
    }
    order
        .into_iter()
        .map(|name| match pairs.remove(&name).flatten() {
            None => RelationType::any(&name),
            Some(list) => {
                let refs: Vec<(&str, &str)> =
                    list.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
                RelationType::between(&name, &refs)
            }
        })
        .collect()
}

/// The set with `visual.conf`'s colours (a `.ann` without `annotation.conf`).
pub(super) fn with_colors(set: &LabelSet, visual: &Visual) -> LabelSet {
    let pairs = set
        .iter()
        .map(|(_, l)| {
            (
                l.name.to_string(),
                Some(
                    visual
                        .colors
                        .get(&*l.name)
                        .cloned()
                        .unwrap_or_else(|| l.color.to_string()),
                ),
            )
        })
        .collect();
    LabelSet::build(pairs).unwrap_or_else(|_| set.clone())
}
