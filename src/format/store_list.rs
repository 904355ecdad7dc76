//! The list index of the corpus store (`browser::db`'s `list` store): every document's record
//! kept a second time, in [`CHUNKS`] values instead of one per document, so that opening the
//! list is one read of a few dozen values rather than ten thousand (reading ten thousand small
//! values costs IndexedDB about 100 ms; 64 larger ones about 20). Every write of a record
//! patches its chunk in the same transaction, so the index never lags the records.
//!
//! A chunk is an object from document id to the document's record, exactly as stored in
//! `docs` (a JSON string); the store adapter keeps it as a plain object, so patching one record
//! touches no other. Pure: which chunk a record goes in and reading records back; what the
//! records mean is `format::store`'s business.

use serde::de::DeserializeOwned;

/// How many chunks the records are spread over: at the corpus's limit of 10,000 documents a
/// chunk holds about 160 records (some 55 KB), so rewriting one on every save stays cheap and
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

/// One change of a record: `(id, Some(record))` puts or replaces it, `(id, None)` removes it.
pub type Change = (String, Option<String>);

/// `changes` grouped by the chunk they patch (the group of chunk `n` at `n`; most are empty),
/// in their order within each chunk.
pub fn by_chunk(changes: Vec<Change>) -> Vec<Vec<Change>> {
    let mut out: Vec<Vec<Change>> = (0..CHUNKS).map(|_| Vec::new()).collect();
    for change in changes {
        let at = usize::try_from(chunk_of(&change.0)).ok();
        if let Some(group) = at.and_then(|i| out.get_mut(i)) {
            group.push(change);
        }
    }
    out
}

/// Records read as `T`, and how many could not be: `array` is the records joined into one
/// JSON array (one parse for all, the fast way); when that fails, `one_by_one` gives them
/// apart and each is read alone, so one bad record costs only itself.
pub fn read_all<T: DeserializeOwned>(
    array: &str,
    one_by_one: impl FnOnce() -> Vec<String>,
) -> (Vec<T>, usize) {
    if let Ok(all) = serde_json::from_str::<Vec<T>>(array) {
        return (all, 0);
    }
    let mut out = Vec::new();
    let mut bad = 0;
    for json in one_by_one() {
        match serde_json::from_str::<T>(&json) {
            Ok(v) => out.push(v),
            Err(_) => bad += 1,
        }
    }
    (out, bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Titled {
        title: String,
    }

    /// Reading `records` gives these titles and this many unreadable records, joined or not.
    #[track_caller]
    fn check(records: &[&str], titles: &[&str], bad: usize) {
        let array = format!("[{}]", records.join(","));
        let apart: Vec<String> = records.iter().map(|r| r.to_string()).collect();
        let (got, unreadable) = read_all::<Titled>(&array, || apart);
        let want: Vec<Titled> = titles
            .iter()
            .map(|t| Titled {
                title: t.to_string(),
            })
            .collect();
        assert_eq!((got, unreadable), (want, bad));
    }

    #[test]
    fn records_are_read_together_or_one_by_one() {
        check(&[], &[], 0);
        check(
            &[r#"{"title":"Zoë"}"#, r#"{"title":"東京"}"#],
            &["Zoë", "東京"],
            0,
        );
        check(
            &[r#"{"title":"مريم"}"#, r#"{"title":"👩🏽‍💻\r\n"}"#],
            &["مريم", "👩🏽‍💻\r\n"],
            0,
        );
        check(
            &[r#"{"title":"ok"}"#, r#"{"nope":1}"#, "not json {"],
            &["ok"],
            2,
        );
        check(&["", r#"{"title":"Ελλάδα"}"#], &["Ελλάδα"], 1);
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
        let changes: Vec<Change> = (0..10_000)
            .map(|i| (format!("doc-{i}"), Some("{}".to_string())))
            .collect();
        let grouped = by_chunk(changes);
        assert_eq!(grouped.len(), CHUNKS as usize);
        let sizes: Vec<usize> = grouped.iter().map(Vec::len).collect();
        assert_eq!(sizes.iter().sum::<usize>(), 10_000);
        assert!(sizes.iter().all(|&n| (100..=220).contains(&n)), "{sizes:?}");
        let grouped = by_chunk(vec![
            ("a".into(), Some("1".into())),
            ("doc-1".into(), Some("2".into())),
            ("a".into(), None),
        ]);
        let at = |id: &str| usize::try_from(chunk_of(id)).unwrap_or(usize::MAX);
        let filled: Vec<usize> = (0..grouped.len())
            .filter(|&i| !grouped[i].is_empty())
            .collect();
        let mut want = vec![at("a"), at("doc-1")];
        want.sort_unstable();
        assert_eq!(filled, want);
        assert_eq!(
            grouped.get(at("a")),
            Some(&vec![("a".into(), Some("1".into())), ("a".into(), None)])
        );
    }
}
