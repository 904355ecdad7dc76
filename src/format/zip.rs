//! ZIP archives: writing the multi-file exports (brat), reading the archives a user imports
//! (a brat collection zipped by the app or by any zip tool).
//!
//! - Writing is `rawzip`'s writer: entries stored without compression (the exports are
//!   saved locally, so deflate would buy smaller files for about 9 KB more gzipped worker
//!   wasm), a fixed timestamp (1980-01-01 00:00 UTC) so the same export gives the same bytes,
//!   the UTF-8 flag on every name outside printable ASCII, the CRC-32 computed here (rawzip's
//!   own is a 16 KB table). rawzip writes each entry's sizes and CRC in a data descriptor
//!   after its data, normalises names as the reader below does, and switches to ZIP64 past
//!   4 GiB or 65,535 entries. A name longer than the 65,535 bytes a ZIP can hold is cut on a
//!   character boundary (the app's names are at most about 100 characters). It costs about
//!   3.3 KB of the worker's gzipped wasm over the eighty hand-written lines it replaced.
//! - Reading is `rawzip`'s (maintained, no dependencies, no unsafe): untrusted archives from
//!   other tools (ZIP64, data descriptors, odd headers) are where a maintained parser earns
//!   its bytes. Stored and deflated entries are read (`miniz_oxide` inflates); folders are
//!   skipped; names are normalised (`a/./b`, `..` and a leading `/` removed), so no name
//!   escapes the archive. Every entry's CRC-32 and size are checked, and the total unpacked
//!   size is capped by the caller, so a small archive cannot unpack to gigabytes.

use std::fmt;
use std::io::Write;

use rawzip::time::UtcDateTime;
use rawzip::{CompressionMethod, Crc32Option, ZipArchive, ZipArchiveWriter};

use crate::model::offsets::char_floor;

/// The CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320) of `data`.
pub fn crc32(data: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut table = [0u32; 256];
        // Two counters, since `as` and `From` are not available here: `i` indexes, `n` is
        // the same number as a `u32`.
        let (mut i, mut n) = (0usize, 0u32);
        while i < 256 {
            let mut c = n;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
                k += 1;
            }
            table[i] = c;
            i += 1;
            n += 1;
        }
        table
    };
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        let low = crc.to_le_bytes()[0];
        crc = TABLE[usize::from(low ^ b)] ^ (crc >> 8);
    }
    !crc
}

/// True when `bytes` begin like a ZIP archive (a local file header, or the end record of an
/// empty archive).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// The timestamp of every entry: 1980-01-01 00:00 UTC, the earliest a ZIP can say, so the
/// same files always give the same bytes.
const EPOCH_1980: i64 = 315_532_800;
/// The longest entry name a ZIP can hold, in bytes (its length field has 16 bits).
const MAX_NAME: usize = 65_535;

/// A ZIP archive holding `files` (name, content) in order, stored (see the module docs).
pub fn write(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    // A `Vec` never refuses a write and every name is cut to the ZIP limit first, and those
    // are the only errors rawzip's writer returns: the empty fallback is never taken.
    archive(files).unwrap_or_default()
}

fn archive(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>, rawzip::Error> {
    let mut zip = ZipArchiveWriter::new(Vec::new());
    let time = UtcDateTime::from_unix(EPOCH_1980);
    for (name, data) in files {
        // rawzip sets the UTF-8 flag on every name outside printable ASCII; the rest read
        // the same in UTF-8 and in the old DOS code page.
        let (mut entry, config) = zip
            .new_file(cut(name, MAX_NAME))
            .last_modified(time)
            // Our own CRC: rawzip's is a 16 KB table the worker would ship for speed it does
            // not need.
            .crc32(Crc32Option::Custom(crc32(data)))
            .start()?;
        let mut out = config.wrap(&mut entry);
        out.write_all(data)?;
        let (_, descriptor) = out.finish()?;
        entry.finish(descriptor)?;
    }
    zip.finish()
}

/// The longest prefix of `s` of at most `max` bytes that ends on a character boundary.
fn cut(s: &str, max: usize) -> &str {
    s.get(..char_floor(s, max)).unwrap_or_default()
}

/// Why an archive could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ZipError {
    /// The bytes are not a ZIP archive, or its directory is damaged.
    NotZip(String),
    /// An entry is compressed with a method other than store or deflate.
    Unsupported { entry: String, method: u16 },
    /// An entry's data is damaged: it does not inflate, or its CRC or size is wrong.
    Damaged { entry: String },
    /// An entry's name is not UTF-8 or cannot be made safe.
    BadName,
    /// The entries unpack to more than the limit.
    TooBig { limit: usize },
}

impl fmt::Display for ZipError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ZipError::NotZip(why) => write!(f, "the archive cannot be read ({why})"),
            ZipError::Unsupported { entry, method } => write!(
                f,
                "“{entry}” in the archive is compressed with method {method}; only stored and deflated entries can be read"
            ),
            ZipError::Damaged { entry } => write!(f, "“{entry}” in the archive is damaged"),
            ZipError::BadName => write!(f, "the archive holds a file whose name cannot be read"),
            ZipError::TooBig { limit } => write!(
                f,
                "the archive unpacks to more than {}",
                super::limits::human_size(*limit)
            ),
        }
    }
}

/// The files in the archive `bytes` (name, content), in archive order, folders skipped; at
/// most `limit` bytes unpacked in all.
pub fn read(bytes: &[u8], limit: usize) -> Result<Vec<(String, Vec<u8>)>, ZipError> {
    let not_zip = |e: rawzip::Error| ZipError::NotZip(e.to_string().to_lowercase());
    let archive = ZipArchive::from_slice(bytes).map_err(not_zip)?;
    let mut out = Vec::new();
    let mut left = limit;
    for entry in archive.entries() {
        let entry = entry.map_err(not_zip)?;
        if entry.is_dir() {
            continue;
        }
        let name = entry
            .file_path()
            .try_normalize()
            .map_err(|_| ZipError::BadName)?
            .as_ref()
            .to_string();
        let method = entry.compression_method();
        let damaged = || ZipError::Damaged {
            entry: name.clone(),
        };
        let local = archive
            .get_entry(entry.wayfinder())
            .map_err(|_| damaged())?;
        let data = match method {
            CompressionMethod::Store => {
                if local.data().len() > left {
                    return Err(ZipError::TooBig { limit });
                }
                local.data().to_vec()
            }
            CompressionMethod::Deflate => miniz_oxide::inflate::decompress_to_vec_with_limit(
                local.data(),
                left,
            )
            .map_err(|e| match e.status {
                miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ZipError::TooBig { limit },
                _ => damaged(),
            })?,
            other => {
                return Err(ZipError::Unsupported {
                    entry: name,
                    method: other.as_id().as_u16(),
                })
            }
        };
        let expected = local.claim_verifier();
        let found = rawzip::ZipVerification {
            crc: crc32(&data),
            uncompressed_size: u64::try_from(data.len()).unwrap_or(u64::MAX),
        };
        if expected.valid(found).is_err() {
            return Err(damaged());
        }
        left -= data.len();
        out.push((name, data));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_crc(data: &[u8], want: u32) {
        assert_eq!(
            crc32(data),
            want,
            "crc32 of {:?}",
            String::from_utf8_lossy(data)
        );
    }

    #[test]
    fn crc32_known_values() {
        check_crc(b"", 0);
        check_crc(b"123456789", 0xCBF4_3926);
        check_crc(b"The quick brown fox jumps over the lazy dog", 0x414F_A339);
    }

    fn files() -> Vec<(String, Vec<u8>)> {
        vec![
            ("a.txt".to_string(), b"hello".to_vec()),
            ("ü/習近平.ann".to_string(), Vec::new()),
            (
                "train/😀.txt".to_string(),
                "Ана́ліз القاهرة\r\n".repeat(50).into_bytes(),
            ),
        ]
    }

    /// Each central directory entry's name, general purpose flags, method, DOS time and date
    /// (APPNOTE.TXT 4.3.12), read from the bytes rather than through a zip library.
    fn central(z: &[u8]) -> Vec<(String, u16, u16, u16, u16)> {
        let u16_at = |at: usize| u16::from_le_bytes([z[at], z[at + 1]]);
        let mut out = Vec::new();
        let mut at = 0;
        while let Some(i) = z[at..].windows(4).position(|w| w == b"PK\x01\x02") {
            let h = at + i;
            let len = usize::from(u16_at(h + 28));
            let name = String::from_utf8(z[h + 46..h + 46 + len].to_vec()).unwrap();
            out.push((
                name,
                u16_at(h + 8),
                u16_at(h + 10),
                u16_at(h + 12),
                u16_at(h + 14),
            ));
            at = h + 46 + len;
        }
        out
    }

    /// `files` written, read back by the app's reader unchanged, written again to the same
    /// bytes; every entry stored, dated 1980-01-01 00:00, its name flagged UTF-8 unless it is
    /// plain ASCII.
    #[track_caller]
    fn check_round_trip(files: &[(&str, &[u8])]) {
        let files: Vec<(String, Vec<u8>)> = files
            .iter()
            .map(|(n, d)| (n.to_string(), d.to_vec()))
            .collect();
        let z = write(&files);
        assert!(is_zip(&z));
        assert_eq!(read(&z, usize::MAX).unwrap(), files);
        assert_eq!(write(&files), z, "the same files give the same bytes");
        let entries = central(&z);
        assert_eq!(entries.len(), files.len());
        for ((name, flags, method, time, date), (want, _)) in entries.into_iter().zip(&files) {
            assert_eq!(&name, want);
            assert_eq!(flags & UTF8 != 0, !name.is_ascii(), "UTF-8 flag of {name}");
            assert_eq!((method, time, date), (0, 0, (1 << 5) | 1), "{name}");
        }
    }

    /// General purpose flag bit 11: the name is UTF-8.
    const UTF8: u16 = 1 << 11;

    #[test]
    fn written_archives_read_back_and_are_deterministic() {
        check_round_trip(&[]);
        check_round_trip(&[("a.txt", b"hello")]);
        check_round_trip(&[("empty.txt", b"")]);
        check_round_trip(&[("Zürich/café.ann", "Ana\u{301}lisis".as_bytes())]);
        check_round_trip(&[("cafe\u{301}.txt", b"combining accent")]);
        check_round_trip(&[("Київ/Зеленський.txt", "Київ\r\n".as_bytes())]);
        check_round_trip(&[("القاهرة/قال.ann", "T1\tEntity 0 3\tقال\n".as_bytes())]);
        check_round_trip(&[("ירושלים.txt", "שלום".as_bytes())]);
        check_round_trip(&[("習近平/北京.txt", "習近平在北京".as_bytes())]);
        check_round_trip(&[("👨‍👩‍👧 family/👍🏽.txt", "👨‍👩‍👧👍🏽".as_bytes())]);
        check_round_trip(&[("train/😀.ann", b""), ("train/😀.txt", b"")]);
        let files = files();
        let borrowed: Vec<(&str, &[u8])> = files
            .iter()
            .map(|(n, d)| (n.as_str(), d.as_slice()))
            .collect();
        check_round_trip(&borrowed);
    }

    #[test]
    fn a_large_entry_reads_back() {
        let big = "Ана́ліз القاهرة 習近平 👨‍👩‍👧\r\n".repeat(100_000).into_bytes();
        assert!(big.len() > 5_000_000);
        check_round_trip(&[("big.txt", &big), ("after.txt", b"after")]);
    }

    #[test]
    fn names_past_the_zip_limit_are_cut_on_a_character_boundary() {
        let long = format!("a{}", "習".repeat(30_000));
        let z = write(&[(long.clone(), b"x".to_vec())]);
        let back = read(&z, usize::MAX).unwrap();
        let want: String = long.chars().take(1 + 21_844).collect();
        assert_eq!(
            want.len(),
            65_533,
            "the longest whole prefix within 65,535 bytes"
        );
        assert_eq!(back, [(want, b"x".to_vec())]);
    }

    #[track_caller]
    fn check_refused(bytes: &[u8], limit: usize, want: &str) {
        match read(bytes, limit) {
            Err(e) => assert_eq!(e.to_string(), want),
            Ok(f) => panic!("read {} files, expected: {want}", f.len()),
        }
    }

    #[test]
    fn damaged_and_oversized_archives_are_refused() {
        let z = write(&files());
        check_refused(
            b"not a zip",
            100,
            "the archive cannot be read (missing end of central directory)",
        );
        check_refused(&z, 10, "the archive unpacks to more than 1 KB");
        let mut flipped = z.clone();
        // The first entry's data ("hello") follows its 30-byte header, name and extra field.
        let at = flipped.windows(5).position(|w| w == b"hello").unwrap();
        flipped[at] = b'j';
        check_refused(&flipped, usize::MAX, "“a.txt” in the archive is damaged");
        check_refused(
            &z[..z.len() - 30],
            usize::MAX,
            "the archive cannot be read (missing end of central directory)",
        );
    }
}
