//! Naming the annotator in an export, where the format has a place for it:
//!
//! | format | where |
//! |---|---|
//! | Article Annotator JSON | top-level `"annotator"` |
//! | Label Studio JSON | each annotation's `"completed_by"` |
//! | JSONL (spaCy, Prodigy, Hugging Face) | each line's `"_annotator_id"` (Prodigy's field) |
//! | W3C Web Annotation | each annotation's `"creator"` (a `Person` with its `name`) |
//!
//! doccano JSONL, brat and CoNLL have no place for it and are left as they are. Works on the
//! exported text, so the exporters stay as they are; an empty name changes nothing.

use serde_json::{json, Value};

use super::FormatKind;

/// `content` (an export in `kind`) naming `name` as its annotator (see the module doc).
pub fn stamp(kind: FormatKind, content: &[u8], name: &str) -> Vec<u8> {
    let name = name.trim();
    if name.is_empty() {
        return content.to_vec();
    }
    let Ok(text) = std::str::from_utf8(content) else {
        return content.to_vec();
    };
    let out = match kind {
        FormatKind::Native => whole(text, |v| {
            if let Some(o) = v.as_object_mut() {
                // After `offset_unit`, where the format documents it, as a fresh key.
                o.insert("annotator".into(), json!(name));
            }
        }),
        FormatKind::LabelStudio => whole(text, |v| {
            for task in v.as_array_mut().into_iter().flatten() {
                let list = task.get_mut("annotations").and_then(Value::as_array_mut);
                for a in list.into_iter().flatten() {
                    a["completed_by"] = json!(name);
                }
            }
        }),
        FormatKind::W3c => whole(text, |v| {
            let creator = json!({"type": "Person", "name": name});
            let items = v.get_mut("items").and_then(Value::as_array_mut);
            match items {
                Some(items) => items
                    .iter_mut()
                    .for_each(|a| a["creator"] = creator.clone()),
                None => {
                    if let Some(list) = v.as_array_mut() {
                        list.iter_mut().for_each(|a| a["creator"] = creator.clone());
                    } else if v.is_object() {
                        v["creator"] = creator;
                    }
                }
            }
        }),
        FormatKind::Jsonl => Some(
            text.lines()
                .map(|line| match serde_json::from_str::<Value>(line) {
                    Ok(mut v) if v.is_object() => {
                        v["_annotator_id"] = json!(name);
                        v.to_string()
                    }
                    _ => line.to_string(),
                })
                .collect::<Vec<_>>()
                .join("\n")
                + if text.ends_with('\n') { "\n" } else { "" },
        ),
        FormatKind::Doccano | FormatKind::Brat | FormatKind::Conll => None,
    };
    out.map_or_else(|| content.to_vec(), String::into_bytes)
}

/// The whole text as one JSON value changed by `f`, pretty-printed as the exporters write it.
fn whole(text: &str, f: impl FnOnce(&mut Value)) -> Option<String> {
    let mut v: Value = serde_json::from_str(text).ok()?;
    f(&mut v);
    serde_json::to_string_pretty(&v).ok()
}

/// True for the formats that can name the annotator.
pub fn has_place(kind: FormatKind) -> bool {
    matches!(
        kind,
        FormatKind::Native | FormatKind::LabelStudio | FormatKind::W3c | FormatKind::Jsonl
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::{export_as, ExportOptions};
    use crate::model::{CharRange, Document, Editor, LabelId, LabelSet};

    fn doc() -> Document {
        let text = "Zoë 👩🏽‍💻 met 李雷 in مريم's café.\r\nשלום";
        let mut e = Editor::new(Document::new("Żółć", text, LabelSet::standard()));
        e.add_span(LabelId(0), CharRange::new(0, 3).unwrap())
            .unwrap();
        e.add_span(LabelId(1), CharRange::new(13, 15).unwrap())
            .unwrap();
        e.doc().clone()
    }

    /// Exports `kind`, stamps it, and returns what `find` reads back from it.
    #[track_caller]
    fn check(kind: FormatKind, name: &str, find: impl Fn(&str) -> Vec<String>, want: &[&str]) {
        let out = export_as(kind, &doc(), &ExportOptions::default());
        let stamped = stamp(kind, &out.files[0].1, name);
        let text = String::from_utf8(stamped).unwrap();
        assert_eq!(find(&text), want, "{kind:?}");
        assert_eq!(has_place(kind), !want.is_empty() || name.trim().is_empty());
    }

    fn json(text: &str) -> Value {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn exports_name_their_annotator_where_the_format_has_a_place() {
        let name = "Ада 👩🏽‍💻 Lovelace";
        check(
            FormatKind::Native,
            name,
            |t| vec![json(t)["annotator"].as_str().unwrap().into()],
            &[name],
        );
        check(
            FormatKind::LabelStudio,
            name,
            |t| {
                vec![json(t)[0]["annotations"][0]["completed_by"]
                    .as_str()
                    .unwrap()
                    .into()]
            },
            &[name],
        );
        check(
            FormatKind::Jsonl,
            name,
            |t| {
                t.lines()
                    .map(|l| json(l)["_annotator_id"].as_str().unwrap().into())
                    .collect()
            },
            &[name],
        );
        check(
            FormatKind::W3c,
            name,
            |t| {
                let v = json(t);
                let items = v
                    .get("items")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_else(|| vec![v.clone()]);
                let mut names: Vec<String> = items
                    .iter()
                    .map(|a| a["creator"]["name"].as_str().unwrap().into())
                    .collect();
                names.dedup();
                names
            },
            &[name],
        );
        check(
            FormatKind::Doccano,
            name,
            |t| {
                if t.contains(name) {
                    vec![t.into()]
                } else {
                    vec![]
                }
            },
            &[],
        );
        check(FormatKind::Conll, name, |_| vec![], &[]);
    }

    #[test]
    fn an_empty_name_changes_nothing() {
        let out = export_as(FormatKind::Native, &doc(), &ExportOptions::default());
        assert_eq!(
            stamp(FormatKind::Native, &out.files[0].1, "  "),
            out.files[0].1
        );
        let back = crate::format::native::import_all(
            std::str::from_utf8(&stamp(FormatKind::Native, &out.files[0].1, " Ada ")).unwrap(),
        )
        .unwrap();
        assert_eq!(back.annotator.as_deref(), Some("Ada"));
        assert_eq!(back.documents[0].doc, doc());
    }
}
