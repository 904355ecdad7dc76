//! The list index of the corpus store (`browser::db`'s `list` store): every document's record
//! kept a second time, in [`CHUNKS`] values instead of one per document, so that opening the
//! list is one read of a few dozen values rather than ten thousand (reading ten thousand small
//! values costs IndexedDB about 100 ms; 64 larger ones about 20). Every write of a record
//! patches its chunk in the same transaction, so the index never lags the records.
//!
//! A chunk is one string: the records of its documents, each exactly as stored in `docs` (its
//! JSON), one per line. One string, not an object from id to record: handing the page 64
//! strings costs the browser a third of what 64 objects of 160 strings each did, and they are
//! one JSON array after replacing the line ends, with nothing to join in JavaScript (measured
//! on 10,000 records in headless Chromium: about 7 against 23 ms, median of five). A record's
//! JSON never holds a line end (serde_json writes one as `\n`), and its first member is its
//! `id` (`DocRecord`'s first field), which is how a patch finds it. Pure: which chunk a record
//! goes in, patching a chunk and reading records back; what the records mean is
//! `format::store`'s business.

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

/// The chunks of `records` (`(id, record)`), in chunk order: each record on the line of the
/// chunk its id goes in, in the order given.
pub fn build<'a>(records: impl IntoIterator<Item = (&'a str, &'a str)>) -> Vec<String> {
    let mut chunks: Vec<String> = (0..CHUNKS).map(|_| String::new()).collect();
    for (id, record) in records {
        let at = usize::try_from(chunk_of(id)).ok();
        if let Some(chunk) = at.and_then(|i| chunks.get_mut(i)) {
            push_line(chunk, record);
        }
    }
    chunks
}

/// `chunk` with `changes` made, in order: a record whose id is already there takes its line,
/// a new one goes last, a removal drops the line. Lines that name no id (not written by this
/// app) are kept as they are.
pub fn patch(chunk: &str, changes: &[Change]) -> String {
    let mut lines: Vec<(Option<String>, &str)> =
        records(chunk).map(|line| (line_id(line), line)).collect();
    for (id, record) in changes {
        let at = lines.iter().position(|(of, _)| of.as_deref() == Some(id));
        match (at, record) {
            (Some(i), Some(json)) => lines[i].1 = json,
            (Some(i), None) => {
                lines.remove(i);
            }
            (None, Some(json)) => lines.push((Some(id.clone()), json)),
            (None, None) => {}
        }
    }
    let mut out = String::with_capacity(chunk.len());
    for (_, line) in lines {
        push_line(&mut out, line);
    }
    out
}

/// The records of a chunk, one per line (empty lines skipped).
pub fn records(chunk: &str) -> impl Iterator<Item = &str> {
    chunk.split('\n').filter(|line| !line.is_empty())
}

/// The records of `chunks`, one by one (for [`read_all`] when the array cannot be read).
pub fn all_records<S: AsRef<str>>(chunks: &[S]) -> Vec<String> {
    chunks
        .iter()
        .flat_map(|c| records(c.as_ref()))
        .map(str::to_string)
        .collect()
}

/// The records of `chunks` as one JSON array (for [`read_all`]).
pub fn array<S: AsRef<str>>(chunks: &[S]) -> String {
    let mut out =
        String::with_capacity(chunks.iter().map(|c| c.as_ref().len() + 1).sum::<usize>() + 2);
    out.push('[');
    for record in chunks.iter().flat_map(|c| records(c.as_ref())) {
        if out.len() > 1 {
            out.push(',');
        }
        out.push_str(record);
    }
    out.push(']');
    out
}

/// Appends `record` to `chunk` as a line of its own. A line end inside it can only be white
/// space between JSON tokens (one inside a string is written `\n`), so it becomes a space.
fn push_line(chunk: &mut String, record: &str) {
    if !chunk.is_empty() {
        chunk.push('\n');
    }
    let mut parts = record.split('\n');
    chunk.push_str(parts.next().unwrap_or_default());
    for part in parts {
        chunk.push(' ');
        chunk.push_str(part);
    }
}

/// The id a record's line starts with (`{"id":"…"`), unescaped.
fn line_id(line: &str) -> Option<String> {
    let rest = line.strip_prefix("{\"id\":")?;
    serde::Deserialize::deserialize(&mut serde_json::Deserializer::from_str(rest)).ok()
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

    /// A record as the store writes it: `id` first.
    fn rec(id: &str, title: &str) -> String {
        format!(
            "{{\"id\":{},\"title\":{}}}",
            serde_json::to_string(id).unwrap_or_default(),
            serde_json::to_string(title).unwrap_or_default()
        )
    }

    /// The titles of the records of `chunks`, read as the list reads them.
    fn titles(chunks: &[String]) -> Vec<String> {
        let (got, bad) = read_all::<Titled>(&array(chunks), Vec::new);
        assert_eq!(bad, 0, "{chunks:?}");
        got.into_iter().map(|t| t.title).collect()
    }

    #[test]
    fn patches_replace_in_place_add_last_and_remove() {
        // Ids that need escaping, and ids in several scripts.
        let ids = ["doc-1", "say \"hi\"\\", "Ελλάδα", "東京\n2", "👩🏽‍💻"];
        let put = |id: &str, t: &str| (id.to_string(), Some(rec(id, t)));
        let chunk = patch("", &ids.map(|id| put(id, id)));
        assert_eq!(chunk.lines().count(), ids.len(), "{chunk}");
        assert_eq!(titles(std::slice::from_ref(&chunk)), ids);
        let chunk = patch(
            &chunk,
            &[
                put("Ελλάδα", "Αθήνα"),
                ("say \"hi\"\\".into(), None),
                put("new", "last"),
                ("never stored".into(), None),
                put("東京\n2", "大阪"),
            ],
        );
        assert_eq!(
            titles(std::slice::from_ref(&chunk)),
            ["doc-1", "Αθήνα", "大阪", "👩🏽‍💻", "last"]
        );
        // A record put twice in one patch keeps its place and the second version.
        let chunk = patch(&chunk, &[put("doc-1", "one"), put("doc-1", "two")]);
        assert_eq!(titles(std::slice::from_ref(&chunk))[0], "two");
        // Removing every record leaves an empty chunk.
        let all: Vec<Change> = ["doc-1", "Ελλάδα", "東京\n2", "👩🏽‍💻", "new"]
            .map(|id| (id.to_string(), None))
            .to_vec();
        assert_eq!(patch(&chunk, &all), "");
    }

    #[test]
    fn line_ends_between_tokens_become_spaces_and_foreign_lines_stay() {
        // Pretty-printed JSON (an older writer's) stays one record on one line.
        let pretty = "{\n  \"id\": \"p\",\n  \"title\": \"a\\nb\"\n}";
        let chunk = patch("", &[("p".into(), Some(pretty.into()))]);
        assert_eq!(chunk.lines().count(), 1);
        assert_eq!(titles(&[chunk]), ["a\nb"]);
        // A line that does not start with its id is never matched, and kept.
        let foreign = r#"{"title":"no id first","id":"x"}"#;
        let chunk = patch(foreign, &[("x".into(), Some(rec("x", "mine")))]);
        assert_eq!(titles(&[chunk]), ["no id first", "mine"]);
    }

    #[test]
    fn built_chunks_hold_each_record_in_its_chunk_and_read_back_as_one_array() {
        let stored: Vec<(String, String)> = (0..500)
            .map(|i| {
                (
                    format!("doc-{i}"),
                    rec(&format!("doc-{i}"), &format!("t{i}")),
                )
            })
            .collect();
        let chunks = build(stored.iter().map(|(id, r)| (id.as_str(), r.as_str())));
        assert_eq!(chunks.len(), CHUNKS as usize);
        for (n, chunk) in chunks.iter().enumerate() {
            for line in records(chunk) {
                let id = line_id(line).unwrap_or_default();
                assert_eq!(usize::try_from(chunk_of(&id)).ok(), Some(n), "{id}");
            }
        }
        let mut got = titles(&chunks);
        got.sort_by_key(|t| t[1..].parse::<usize>().unwrap_or(usize::MAX));
        let want: Vec<String> = (0..500).map(|i| format!("t{i}")).collect();
        assert_eq!(got, want);
        // Empty chunks add nothing to the array; no chunks is an empty one.
        assert_eq!(array::<&str>(&[]), "[]");
        assert_eq!(array(&["", "a", "", "b\nc", ""]), "[a,b,c]");
        // A bad record costs only itself when the array cannot be read.
        let chunk = format!("{}\nnot json {{\n{}", rec("a", "A"), rec("b", "B"));
        let chunks = [chunk];
        let (got, bad) = read_all::<Titled>(&array(&chunks), || all_records(&chunks));
        assert_eq!((got.len(), bad), (2, 1));
    }

    #[test]
    fn a_stored_record_starts_with_its_id_so_patches_find_it() {
        use crate::format::store::DocRecord;
        use crate::model::document::Document;
        use crate::model::label::LabelSet;
        let doc = Document::new("Zoë \"quoted\"", "Αθήνα 👩🏽‍💻", LabelSet::standard())
            .with_id("id \"with\" quotes\n");
        let mut record = DocRecord::new(&doc, Default::default(), 1);
        let json = record.to_json();
        assert!(json.starts_with("{\"id\":"), "{json}");
        assert!(!json.contains('\n'), "{json}");
        assert_eq!(line_id(&json).as_deref(), Some(doc.id()));
        let chunk = patch("", &[(doc.id().to_string(), Some(json))]);
        record.revision = 2;
        let chunk = patch(&chunk, &[(doc.id().to_string(), Some(record.to_json()))]);
        let (read, bad) = read_all::<DocRecord>(&array(&[chunk]), Vec::new);
        assert_eq!((read, bad), (vec![record], 0));
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
