//! Writes every fixture document in every export format into a folder, with a manifest of
//! what each file must hold, for the Python compatibility suite (`scripts/compat.sh`) to
//! load with the real consumers: `cargo run --example export_fixtures -- <dir>`.

use std::path::Path;

use article_annotator::format::{export_as, ExportOptions, FormatKind, OffsetUnit};
use serde_json::{json, Value};

#[path = "../tests/fixtures/docs.rs"]
mod docs;

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
    println!(
        "wrote {} documents × {} exports to {}",
        manifest.len(),
        FormatKind::ALL.len() + 1,
        dir.display()
    );
    Ok(())
}
