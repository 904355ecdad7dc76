//! ZIP archives: writing the multi-file exports (brat), reading the archives a user imports
//! (a brat collection zipped by the app or by any zip tool).
//!
//! - Writing is done here, by hand: entries stored without compression, UTF-8 names, a fixed
//!   timestamp (1980-01-01) so the same export gives the same bytes, CRC-32 per entry. Layout
//!   (APPNOTE.TXT 4.3): for each entry a local file header and the data, then the central
//!   directory, then the end-of-central-directory record. No ZIP64: the archive must stay
//!   under 4 GiB and 65,535 entries, which a corpus within its limits (25,000 documents of
//!   `limits::MAX_DOCUMENTS`, two files each) does. `rawzip`'s writer was measured as its replacement and cost about
//!   21 KB of gzipped wasm against a few hundred bytes for these eighty lines, so it stays.
//! - Reading is `rawzip`'s (maintained, no dependencies, no unsafe): untrusted archives from
//!   other tools (ZIP64, data descriptors, odd headers) are where a maintained parser earns
//!   its bytes. Stored and deflated entries are read (`miniz_oxide` inflates); folders are
//!   skipped; names are normalised (`a/./b`, `..` and a leading `/` removed), so no name
//!   escapes the archive. Every entry's CRC-32 and size are checked, and the total unpacked
//!   size is capped by the caller, so a small archive cannot unpack to gigabytes.

use std::fmt;

use rawzip::{CompressionMethod, ZipArchive};

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

/// DOS date of 1980-01-01 (the earliest a ZIP can say), time 00:00.
const DOS_DATE: u16 = (1 << 5) | 1;
const DOS_TIME: u16 = 0;
/// General purpose flag bit 11: names are UTF-8.
const UTF8_NAMES: u16 = 1 << 11;

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// A size or offset as a 32-bit field. Past 4 GiB (which the corpus limits rule out) it
/// saturates to 0xFFFFFFFF, which readers take as "see ZIP64" and refuse, rather than wrapping
/// onto a wrong value they would misread.
fn field32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A count or name length as a 16-bit field, saturating like [`field32`].
fn field16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// A ZIP archive holding `files` (name, content) in order, stored.
pub fn write(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in files {
        let offset = field32(out.len());
        let crc = crc32(data);
        let (size, name_len) = (field32(data.len()), field16(name.len()));
        // Local file header.
        put32(&mut out, 0x0403_4b50);
        put16(&mut out, 20); // version needed: 2.0
        put16(&mut out, UTF8_NAMES);
        put16(&mut out, 0); // method: stored
        put16(&mut out, DOS_TIME);
        put16(&mut out, DOS_DATE);
        put32(&mut out, crc);
        put32(&mut out, size); // compressed size
        put32(&mut out, size); // uncompressed size
        put16(&mut out, name_len);
        put16(&mut out, 0); // extra field length
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        // Its central directory entry.
        put32(&mut central, 0x0201_4b50);
        put16(&mut central, 20); // version made by: 2.0, MS-DOS attributes
        put16(&mut central, 20);
        put16(&mut central, UTF8_NAMES);
        put16(&mut central, 0);
        put16(&mut central, DOS_TIME);
        put16(&mut central, DOS_DATE);
        put32(&mut central, crc);
        put32(&mut central, size);
        put32(&mut central, size);
        put16(&mut central, name_len);
        put16(&mut central, 0); // extra
        put16(&mut central, 0); // comment
        put16(&mut central, 0); // disk number
        put16(&mut central, 0); // internal attributes
        put32(&mut central, 0); // external attributes
        put32(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    let central_offset = field32(out.len());
    let central_size = field32(central.len());
    out.extend_from_slice(&central);
    put32(&mut out, 0x0605_4b50);
    put16(&mut out, 0); // this disk
    put16(&mut out, 0); // disk with the central directory
    put16(&mut out, field16(files.len()));
    put16(&mut out, field16(files.len()));
    put32(&mut out, central_size);
    put32(&mut out, central_offset);
    put16(&mut out, 0); // comment length
    out
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

    #[test]
    fn written_archives_have_the_documented_layout_and_read_back() {
        let z = write(&files());
        assert!(is_zip(&z));
        assert_eq!(read(&z, usize::MAX).unwrap(), files());
        // Deterministic because nothing varies: the fixed date and no compression, below.
        let header: &[u8] = &[
            b'P', b'K', 3, 4, // local file header
            20, 0, // version needed: 2.0
            0, 8, // flags: UTF-8 names
            0, 0, // stored
            0, 0, 0x21, 0, // 00:00 on 1980-01-01
            0x86, 0xA6, 0x10, 0x36, // CRC-32 of "hello"
            5, 0, 0, 0, 5, 0, 0, 0, // sizes, stored and unpacked
            5, 0, 0, 0, // name length, no extra field
        ];
        assert_eq!(&z[..30], header, "the first local header");
        assert_eq!(&z[30..40], b"a.txthello", "its name and data");
        let end = &z[z.len() - 22..];
        assert_eq!(
            &end[..4],
            b"PK\x05\x06",
            "the end record closes the archive"
        );
        assert_eq!(&end[8..12], &[3, 0, 3, 0], "three entries");
        assert!(is_zip(&write(&[])));
        assert_eq!(read(&write(&[]), 0).unwrap(), []);
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
