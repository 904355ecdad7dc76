//! Writes every fixture document in every export format into a folder, with a manifest of
//! what each file must hold, for the Python compatibility suite (`scripts/compat.sh`) to
//! load with the real consumers: `cargo run --example export_fixtures -- <dir>`.

use std::path::Path;

use article_annotator::format::{export_as, ExportOptions, FormatKind, OffsetUnit};
use serde_json::{json, Value};

#[path = "../tests/fixtures/docs.rs"]
mod docs;
#[path = "../tests/fixtures/qualified.rs"]
mod qualified;

fn kind_key(kind: FormatKind) -> &'static str {
    match kind {
        FormatKind::Native => "native",
        FormatKind::Jsonl => "jsonl",
        FormatKind::Doccano => "doccano",
        FormatKind::LabelStudio => "label_studio",
        FormatKind::Brat => "brat",
        FormatKind::W3c => "w3c",
        FormatKind::Conll => "conll",
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .ok_or("usage: export_fixtures <output folder>")?;
    let dir = Path::new(&dir);
    std::fs::create_dir_all(dir)?;
    let mut manifest = Vec::new();
    for (name, doc) in docs::all() {
        let folder = dir.join(name);
        std::fs::create_dir_all(&folder)?;
        let mut exports = serde_json::Map::new();
        let mut write = |key: String,
                         kind: FormatKind,
                         opts: ExportOptions|
         -> Result<(), Box<dyn std::error::Error>> {
            let out = export_as(kind, &doc, &opts);
            let mut files = Vec::new();
            for (file, bytes) in &out.files {
                let file = format!("{key}.{file}");
                std::fs::write(folder.join(&file), bytes)?;
                files.push(format!("{name}/{file}"));
            }
            let lost: Vec<Value> = out
                .lost
                .spans
                .iter()
                .map(|(id, why)| json!({"id": id.as_str(), "why": why}))
                .collect();
            exports.insert(
                key,
                json!({"files": files, "lost_spans": lost, "dropped": out.dropped}),
            );
            Ok(())
        };
        for kind in FormatKind::ALL {
            write(kind_key(kind).to_string(), kind, ExportOptions::default())?;
        }
        write(
            "native_utf16".into(),
            FormatKind::Native,
            ExportOptions {
                offset_unit: OffsetUnit::Utf16,
            },
        )?;
        let spans: Vec<Value> = doc
            .spans()
            .iter()
            .map(|s| {
                json!({"id": s.id().as_str(), "label": doc.labels().name(s.label()), "start": s.start(), "end": s.end(), "text": doc.covered(s)})
            })
            .collect();
        let labels: Vec<&str> = doc.labels().iter().map(|(_, l)| &*l.name).collect();
        manifest.push(json!({"name": name, "title": doc.title(), "text": doc.text().as_str(), "labels": labels, "spans": spans, "exports": exports}));
    }
    std::fs::write(
        dir.join("manifest.json"),
        serde_json::to_string_pretty(&manifest)?,
    )?;
    write_qualified(dir)?;
    println!(
        "wrote {} documents × {} exports (and the qualified document) to {}",
        manifest.len(),
        FormatKind::ALL.len() + 1,
        dir.display()
    );
    Ok(())
}

/// The document with attributes, notes and relations (`tests/fixtures/qualified.rs`) in every
/// format under `qualified/`, with `qualified.json` saying what it holds and what each export
/// left out, for `tests/compat/test_qualifiers.py`.
fn write_qualified(dir: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let doc = qualified::doc();
    let folder = dir.join("qualified");
    std::fs::create_dir_all(&folder)?;
    let mut exports = serde_json::Map::new();
    for kind in FormatKind::ALL {
        let out = export_as(kind, &doc, &ExportOptions::default());
        let mut files = Vec::new();
        for (file, bytes) in &out.files {
            std::fs::write(folder.join(file), bytes)?;
            files.push(format!("qualified/{file}"));
        }
        let lost = json!({"attributes": out.lost.attributes, "notes": out.lost.notes, "relations": out.lost.relations});
        exports.insert(
            kind_key(kind).to_string(),
            json!({"files": files, "dropped": out.dropped, "lost": lost}),
        );
    }
    let spans: Vec<Value> = doc
        .spans()
        .iter()
        .map(|s| {
            let attrs: serde_json::Map<String, Value> = s
                .attrs()
                .iter()
                .map(|(n, v)| {
                    let kind = match v {
                        article_annotator::model::attribute::AttrValue::Flag(_) => "flag",
                        article_annotator::model::attribute::AttrValue::Choice(_) => "choice",
                        article_annotator::model::attribute::AttrValue::Text(_) => "text",
                    };
                    (n.to_string(), json!({"kind": kind, "value": v.as_text()}))
                })
                .collect();
            json!({"id": s.id().as_str(), "label": doc.labels().name(s.label()), "start": s.start(), "end": s.end(), "text": doc.covered(s), "attrs": attrs, "note": s.note()})
        })
        .collect();
    let relations: Vec<Value> = doc
        .relations()
        .iter()
        .map(|r| json!({"id": r.id().as_str(), "type": r.kind(), "from": r.from().as_str(), "to": r.to().as_str()}))
        .collect();
    let manifest = json!({"title": doc.title(), "text": doc.text().as_str(), "spans": spans, "relations": relations, "exports": exports});
    std::fs::write(
        dir.join("qualified.json"),
        serde_json::to_string_pretty(&manifest)?,
    )?;
    Ok(())
}
