//! Which documents the layers have in common: a document of the first layer is compared when
//! every other layer has it, found by the same `id`, else by the SHA-256 of the same text.
//! Everything else is skipped, and the report lists the skipped ids.
//!
//! A document found by its id but holding a different text cannot be compared (the offsets
//! would point into different texts), so it is skipped too.

use sha2::{Digest, Sha256};

use super::layer::{Layer, LayerDoc};

/// The SHA-256 of a text (of its UTF-8 bytes).
pub fn text_hash(text: &str) -> [u8; 32] {
    Sha256::digest(text.as_bytes()).into()
}

/// The SHA-256 of a text as 64 lowercase hex digits.
pub fn text_hash_hex(text: &str) -> String {
    hex(&text_hash(text))
}

/// A SHA-256 as 64 lowercase hex digits.
pub fn hex(hash: &[u8; 32]) -> String {
    hash.iter().map(|b| format!("{b:02x}")).collect()
}

/// The documents to compare and the ids of those left out.
#[derive(Debug)]
pub struct Aligned<'a> {
    /// One entry per compared document, in the first layer's order: that document in every
    /// layer, in layer order.
    pub documents: Vec<Vec<&'a LayerDoc>>,
    /// Ids of the documents not compared, each once, in the order the layers list them.
    pub skipped: Vec<String>,
}

/// Matches the layers' documents (see the module doc).
pub fn align(layers: &[Layer]) -> Aligned<'_> {
    let hashes: Vec<Vec<[u8; 32]>> = layers
        .iter()
        .map(|l| l.documents.iter().map(|d| text_hash(&d.text)).collect())
        .collect();
    let mut used: Vec<Vec<bool>> = layers
        .iter()
        .map(|l| vec![false; l.documents.len()])
        .collect();
    let mut documents = Vec::new();
    let mut skipped = Vec::new();
    let Some((first, others)) = layers.split_first() else {
        return Aligned { documents, skipped };
    };
    for (i, doc) in first.documents.iter().enumerate() {
        let hash = hashes[0][i];
        let mut found = vec![doc];
        let mut picks = Vec::new();
        for (k, layer) in others.iter().enumerate() {
            let free = |j: &usize| !used[k + 1][*j];
            let by_id = (0..layer.documents.len())
                .filter(free)
                .find(|&j| layer.documents[j].id == doc.id);
            let pick = match by_id {
                Some(j) => (layer.documents[j].text == doc.text).then_some(j),
                None => (0..layer.documents.len())
                    .filter(free)
                    .find(|&j| hashes[k + 1][j] == hash && layer.documents[j].text == doc.text),
            };
            match pick {
                Some(j) => {
                    found.push(&layer.documents[j]);
                    picks.push((k + 1, j));
                }
                None => break,
            }
        }
        if found.len() == layers.len() {
            used[0][i] = true;
            for (k, j) in picks {
                used[k][j] = true;
            }
            documents.push(found);
        }
    }
    for (layer, flags) in layers.iter().zip(&used) {
        for (doc, &was_used) in layer.documents.iter().zip(flags) {
            if !was_used && !skipped.contains(&doc.id) {
                skipped.push(doc.id.clone());
            }
        }
    }
    Aligned { documents, skipped }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer(docs: &[(&str, &str)]) -> Layer {
        Layer {
            annotator: "x".into(),
            documents: docs
                .iter()
                .map(|&(id, text)| LayerDoc {
                    id: id.into(),
                    text: text.into(),
                    spans: Vec::new(),
                    relations: Vec::new(),
                })
                .collect(),
        }
    }

    #[track_caller]
    fn check(layers: &[&[(&str, &str)]], compared: &[&[&str]], skipped: &[&str]) {
        let layers: Vec<Layer> = layers.iter().map(|d| layer(d)).collect();
        let a = align(&layers);
        let got: Vec<Vec<&str>> = a
            .documents
            .iter()
            .map(|docs| docs.iter().map(|d| d.id.as_str()).collect())
            .collect();
        assert_eq!(got, compared, "compared");
        assert_eq!(a.skipped, skipped, "skipped");
    }

    #[test]
    fn documents_match_by_id_then_by_text() {
        check(&[], &[], &[]);
        check(
            &[&[("d1", "Hallo")], &[("d1", "Hallo")]],
            &[&["d1", "d1"]],
            &[],
        );
        // Different ids, same text: matched by the text's hash.
        check(
            &[&[("d1", "Ça va ? 👍🏽")], &[("zz", "Ça va ? 👍🏽")]],
            &[&["d1", "zz"]],
            &[],
        );
        // Only in some layers: skipped, each id once, from whichever layer has it.
        check(
            &[
                &[("d1", "a"), ("d2", "b")],
                &[("d2", "b"), ("d3", "c")],
                &[("d2", "b"), ("d1", "a")],
            ],
            &[&["d2", "d2", "d2"]],
            &["d1", "d3"],
        );
        // Same id, different text: not comparable.
        check(&[&[("d1", "a")], &[("d1", "a\r\n")]], &[], &["d1"]);
        // The id wins over the text: d2 here has d1's text but d1 is found by id.
        check(
            &[&[("d1", "習近平")], &[("d2", "習近平"), ("d1", "習近平")]],
            &[&["d1", "d1"]],
            &["d2"],
        );
        // One document is not matched twice.
        check(
            &[&[("a", "t"), ("b", "t")], &[("c", "t")]],
            &[&["a", "c"]],
            &["b"],
        );
    }

    #[test]
    fn the_hash_is_sha256() {
        assert_eq!(
            text_hash_hex(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            text_hash_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
