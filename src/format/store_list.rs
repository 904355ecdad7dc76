//! The list index of the corpus store (`browser::db`'s `list` store): every document's record
//! kept a second time, in [`CHUNKS`] values instead of one per document, so that opening the
//! list is one read of a few dozen values rather than ten thousand (reading ten thousand small
//! values costs IndexedDB about 200 ms; a few dozen larger ones a fraction of that). Every write
//! of a record patches its chunk in the same transaction, so the index never lags the records.
//!
//! A chunk is a JSON object from document id to the document's record, exactly as stored in
//! `docs` (a record that is not JSON at all is kept as a JSON string, so that reading it back
//! fails the way reading the record itself would). Pure: what the records mean is
//! `format::store`'s business; this only files them.

use std::collections::BTreeMap;

use serde::de::{DeserializeOwned, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;

/// How many chunks the records are spread over: at the corpus's limit of 10,000 documents a
/// chunk holds about 160 records (some 50 KB), so patching one on every save stays cheap and
/// no value is so large that the browser keeps it apart as a file.
pub const CHUNKS: u32 = 64;

/// The chunk a document's record goes in: FNV-1a of the id's UTF-8 bytes, modulo [`CHUNKS`]
/// (the same on every target and in every version, since stored chunks depend on it).
pub fn chunk_of(id: &str) -> u32 {
    let hash = id.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    hash % CHUNKS
}

/// A record as a raw JSON value (see the module doc for one that is not JSON).
fn raw(json: &str) -> Box<RawValue> {
    RawValue::from_string(json.to_string())
        .or_else(|_| RawValue::from_string(serde_json::to_string(json).unwrap_or_default()))
        .unwrap_or_else(|_| empty())
}

fn empty() -> Box<RawValue> {
    // `null` is valid JSON: this cannot fail.
    RawValue::from_string("null".to_string()).unwrap_or_default()
}

/// The chunk `stored` (none yet: `None`) with `changes` made: each `(id, Some(record))` puts
/// or replaces a record, each `(id, None)` removes one; later changes win. `None` when the
/// stored chunk cannot be read (the caller rebuilds the index from the records).
pub fn patch(stored: Option<&str>, changes: &[(String, Option<String>)]) -> Option<String> {
    let mut chunk: BTreeMap<String, Box<RawValue>> = match stored {
        Some(json) => serde_json::from_str(json).ok()?,
        None => BTreeMap::new(),
    };
    for (id, record) in changes {
        match record {
            Some(json) => chunk.insert(id.clone(), raw(json)),
            None => chunk.remove(id),
        };
    }
    serde_json::to_string(&chunk).ok()
}

/// The records of one chunk as stored (in id order), or `None` when it cannot be read.
pub fn records(chunk: &str) -> Option<Vec<String>> {
    let chunk: BTreeMap<String, Box<RawValue>> = serde_json::from_str(chunk).ok()?;
    Some(chunk.into_values().map(|r| r.get().to_string()).collect())
}

/// The records of every chunk read as `T` (in no particular order), and how many could not
/// be read; `None` when a chunk itself cannot be read (the caller rebuilds the index). One
/// pass over each chunk, unless a record in it is unreadable: then that chunk is read again
/// record by record.
pub fn read_all<T: DeserializeOwned>(chunks: &[String]) -> Option<(Vec<T>, usize)> {
    let mut out = Vec::new();
    let mut bad = 0;
    for chunk in chunks {
        match serde_json::from_str::<Values<T>>(chunk) {
            Ok(Values(values)) => out.extend(values),
            Err(_) => {
                for json in records(chunk)? {
                    match serde_json::from_str::<T>(&json) {
                        Ok(v) => out.push(v),
                        Err(_) => bad += 1,
                    }
                }
            }
        }
    }
    Some((out, bad))
}

/// The values of a JSON object, its keys skipped (a chunk's records without its ids).
struct Values<T>(Vec<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Values<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for Visit<T> {
            type Value = Values<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a chunk of the list index")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Values<T>, A::Error> {
                let mut out = Vec::with_capacity(map.size_hint().unwrap_or(0));
                while let Some((IgnoredAny, v)) = map.next_entry::<IgnoredAny, T>()? {
                    out.push(v);
                }
                Ok(Values(out))
            }
        }
        d.deserialize_map(Visit(std::marker::PhantomData))
    }
}

/// The whole index for `records` (`(id, record)` pairs): each chunk's number and value.
pub fn build(records: &[(String, String)]) -> Vec<(u32, String)> {
    let mut chunks: BTreeMap<u32, Vec<(String, Option<String>)>> = BTreeMap::new();
    for (id, json) in records {
        chunks
            .entry(chunk_of(id))
            .or_default()
            .push((id.clone(), Some(json.clone())));
    }
    chunks
        .into_iter()
        .filter_map(|(n, changes)| Some((n, patch(None, &changes)?)))
        .collect()
}

/// `changes` grouped by the chunk they patch.
pub fn by_chunk(
    changes: Vec<(String, Option<String>)>,
) -> BTreeMap<u32, Vec<(String, Option<String>)>> {
    let mut out: BTreeMap<u32, Vec<(String, Option<String>)>> = BTreeMap::new();
    for change in changes {
        out.entry(chunk_of(&change.0)).or_default().push(change);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(id: &str, title: &str) -> String {
        serde_json::json!({ "id": id, "title": title, "revision": 1 }).to_string()
    }

    fn put(id: &str, title: &str) -> (String, Option<String>) {
        (id.to_string(), Some(rec(id, title)))
    }

    fn gone(id: &str) -> (String, Option<String>) {
        (id.to_string(), None)
    }

    /// Patching `stored` (built from `before`) with `changes` leaves exactly `after` (sorted).
    #[track_caller]
    fn check(
        before: &[(&str, &str)],
        changes: &[(String, Option<String>)],
        after: &[(&str, &str)],
    ) {
        let before: Vec<(String, Option<String>)> =
            before.iter().map(|(id, t)| put(id, t)).collect();
        let stored = patch(None, &before).expect("a new chunk");
        let patched = patch(Some(&stored), changes).expect("a readable chunk");
        let mut want: Vec<String> = after.iter().map(|(id, t)| rec(id, t)).collect();
        want.sort_by_key(|json| {
            serde_json::from_str::<serde_json::Value>(json).unwrap_or_default()["id"].to_string()
        });
        let mut got = records(&patched).expect("readable");
        got.sort_by_key(|json| {
            serde_json::from_str::<serde_json::Value>(json).unwrap_or_default()["id"].to_string()
        });
        assert_eq!(got, want);
    }

    #[test]
    fn patches_put_replace_and_remove_records() {
        check(&[], &[put("a", "Zoë")], &[("a", "Zoë")]);
        check(&[("a", "old")], &[put("a", "new 👩🏽‍💻")], &[("a", "new 👩🏽‍💻")]);
        check(&[("a", "x"), ("b", "東京")], &[gone("a")], &[("b", "東京")]);
        check(&[("a", "x")], &[gone("missing")], &[("a", "x")]);
        check(
            &[("مريم", "عربي")],
            &[put("Ω", "Ελλάδα\r\nδύο")],
            &[("مريم", "عربي"), ("Ω", "Ελλάδα\r\nδύο")],
        );
        check(&[], &[put("a", "1"), gone("a")], &[]);
        check(&[("a", "1")], &[gone("a"), put("a", "2")], &[("a", "2")]);
        check(
            &[("👨‍👩‍👧", "family")],
            &[put("👨‍👩‍👧", "famille")],
            &[("👨‍👩‍👧", "famille")],
        );
    }

    #[test]
    fn a_record_that_is_not_json_stays_unreadable_and_an_unreadable_chunk_is_refused() {
        let chunk = patch(None, &[("a".into(), Some("not json {".into()))]).unwrap_or_default();
        assert_eq!(records(&chunk), Some(vec![r#""not json {""#.to_string()]));
        assert_eq!(patch(Some("[1, 2"), &[put("a", "x")]), None);
        assert_eq!(records("{\"a\": "), None);
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Titled {
        title: String,
    }

    /// Reading `chunks` gives these titles (sorted) and this many unreadable records.
    #[track_caller]
    fn read(chunks: &[&str], titles: &[&str], bad: usize) {
        let chunks: Vec<String> = chunks.iter().map(|c| c.to_string()).collect();
        let (mut got, unreadable) = read_all::<Titled>(&chunks).expect("readable chunks");
        got.sort_by(|a, b| a.title.cmp(&b.title));
        let want: Vec<Titled> = titles
            .iter()
            .map(|t| Titled {
                title: t.to_string(),
            })
            .collect();
        assert_eq!((got, unreadable), (want, bad));
    }

    #[test]
    fn reading_every_chunk_counts_the_unreadable_records() {
        read(&[], &[], 0);
        read(
            &[r#"{"a":{"title":"Zoë"},"b":{"title":"東京"}}"#],
            &["Zoë", "東京"],
            0,
        );
        read(
            &[
                r#"{"a":{"title":"مريم"}}"#,
                r#"{}"#,
                r#"{"c":{"title":"👩🏽‍💻\r\n"}}"#,
            ],
            &["مريم", "👩🏽‍💻\r\n"],
            0,
        );
        read(
            &[r#"{"a":{"title":"ok"},"b":{"nope":1},"c":"not json {"}"#],
            &["ok"],
            2,
        );
        assert!(read_all::<Titled>(&["{ not json".to_string()]).is_none());
    }

    #[test]
    fn chunks_are_stable_and_spread_the_records() {
        // Stored chunks depend on these numbers: they must never change. FNV-1a's published
        // test vectors (32 bits), modulo 64.
        for (id, fnv) in [
            ("", 0x811c_9dc5_u32),
            ("a", 0xe40c_292c),
            ("foobar", 0xbf9c_f968),
        ] {
            assert_eq!(chunk_of(id), fnv % 64, "{id}");
        }
        let ids: Vec<(String, String)> = (0..10_000)
            .map(|i| (format!("doc-{i}"), rec(&format!("doc-{i}"), "t")))
            .collect();
        let built = build(&ids);
        assert_eq!(built.len(), CHUNKS as usize);
        let sizes: Vec<usize> = built
            .iter()
            .map(|(_, c)| records(c).map_or(0, |r| r.len()))
            .collect();
        assert_eq!(sizes.iter().sum::<usize>(), 10_000);
        assert!(sizes.iter().all(|&n| (100..=220).contains(&n)), "{sizes:?}");
        let grouped = by_chunk(vec![put("a", "1"), put("doc-1", "2"), gone("a")]);
        let mut want = vec![chunk_of("a"), chunk_of("doc-1")];
        want.sort_unstable();
        want.dedup();
        assert_eq!(grouped.keys().copied().collect::<Vec<_>>(), want);
        assert_eq!(grouped.get(&chunk_of("a")).map(Vec::len), Some(2));
    }
}
