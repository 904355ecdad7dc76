//! Offset conversions between the three units the app meets: UTF-8 bytes (Rust strings),
//! UTF-16 code units (the DOM, JavaScript) and Unicode code points (exports, Python, W3C).
//!
//! This is the only place that converts between them. Everything else names its unit
//! (`byte`, `utf16`, `char`) and asks an [`OffsetIndex`] when it has to cross over.
//! A "char" offset here always means a code point offset, end exclusive.

/// How many code points lie between two checkpoints. Small enough that the linear scan
/// after a binary search is cheap, large enough that the index stays a few percent of the text.
const STRIDE: usize = 64;

/// Positions of every `STRIDE`-th code point, in bytes and UTF-16 units, so that any
/// conversion is a binary search plus a scan of at most `STRIDE` code points.
///
/// Invariant: `checkpoints[k]` is the (byte, utf16) position of code point `k * STRIDE`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OffsetIndex {
    checkpoints: Vec<(u32, u32)>,
    len_bytes: usize,
    len_utf16: usize,
    len_chars: usize,
    ascii: bool,
}

impl OffsetIndex {
    /// Builds the index of `text` in one pass.
    pub fn new(text: &str) -> OffsetIndex {
        let len_bytes = text.len();
        if text.is_ascii() {
            return OffsetIndex {
                checkpoints: Vec::new(),
                len_bytes,
                len_utf16: len_bytes,
                len_chars: len_bytes,
                ascii: true,
            };
        }
        let mut checkpoints = Vec::with_capacity(len_bytes / STRIDE + 1);
        let mut utf16 = 0usize;
        let mut chars = 0usize;
        for (byte, c) in text.char_indices() {
            if chars % STRIDE == 0 {
                checkpoints.push((byte as u32, utf16 as u32));
            }
            utf16 += c.len_utf16();
            chars += 1;
        }
        OffsetIndex {
            checkpoints,
            len_bytes,
            len_utf16: utf16,
            len_chars: chars,
            ascii: false,
        }
    }

    /// Length of the text in code points.
    pub fn len_chars(&self) -> usize {
        self.len_chars
    }

    /// Length of the text in UTF-16 code units.
    pub fn len_utf16(&self) -> usize {
        self.len_utf16
    }

    /// Length of the text in UTF-8 bytes.
    pub fn len_bytes(&self) -> usize {
        self.len_bytes
    }

    /// Byte offset of code point `char_pos`; `None` past the end.
    pub fn char_to_byte(&self, text: &str, char_pos: usize) -> Option<usize> {
        if char_pos > self.len_chars {
            return None;
        }
        if self.ascii {
            return Some(char_pos);
        }
        if char_pos == self.len_chars {
            return Some(self.len_bytes);
        }
        let k = char_pos / STRIDE;
        let (byte, _) = self.checkpoints[k];
        let rest = char_pos - k * STRIDE;
        text[byte as usize..]
            .char_indices()
            .nth(rest)
            .map(|(b, _)| byte as usize + b)
    }

    /// Code point offset of byte `byte_pos`; `None` past the end or inside a code point.
    pub fn byte_to_char(&self, text: &str, byte_pos: usize) -> Option<usize> {
        if byte_pos > self.len_bytes || !text.is_char_boundary(byte_pos) {
            return None;
        }
        if self.ascii {
            return Some(byte_pos);
        }
        let k = self
            .checkpoints
            .partition_point(|&(b, _)| b as usize <= byte_pos)
            - 1;
        let (byte, _) = self.checkpoints[k];
        Some(k * STRIDE + text[byte as usize..byte_pos].chars().count())
    }

    /// UTF-16 offset of code point `char_pos`; `None` past the end.
    pub fn char_to_utf16(&self, text: &str, char_pos: usize) -> Option<usize> {
        if char_pos > self.len_chars {
            return None;
        }
        if self.ascii {
            return Some(char_pos);
        }
        if char_pos == self.len_chars {
            return Some(self.len_utf16);
        }
        let k = char_pos / STRIDE;
        let (byte, utf16) = self.checkpoints[k];
        let rest = char_pos - k * STRIDE;
        let extra: usize = text[byte as usize..]
            .chars()
            .take(rest)
            .map(char::len_utf16)
            .sum();
        Some(utf16 as usize + extra)
    }

    /// Code point offset of UTF-16 offset `utf16_pos`; `None` past the end or between the
    /// two halves of a surrogate pair.
    pub fn utf16_to_char(&self, text: &str, utf16_pos: usize) -> Option<usize> {
        if utf16_pos > self.len_utf16 {
            return None;
        }
        if self.ascii {
            return Some(utf16_pos);
        }
        let k = self
            .checkpoints
            .partition_point(|&(_, u)| u as usize <= utf16_pos)
            - 1;
        let (byte, mut utf16) = self.checkpoints[k];
        let mut chars = k * STRIDE;
        for c in text[byte as usize..].chars() {
            if utf16 as usize >= utf16_pos {
                break;
            }
            utf16 += c.len_utf16() as u32;
            chars += 1;
        }
        (utf16 as usize == utf16_pos).then_some(chars)
    }

    /// Like [`OffsetIndex::utf16_to_char`], but a position between the halves of a surrogate
    /// pair rounds down to the start of its code point, and a position past the end clamps.
    /// The DOM can report such positions; a selection must still land on a code point.
    pub fn utf16_to_char_floor(&self, text: &str, utf16_pos: usize) -> usize {
        let pos = utf16_pos.min(self.len_utf16);
        match self.utf16_to_char(text, pos) {
            Some(c) => c,
            None => self.utf16_to_char(text, pos - 1).unwrap_or(0),
        }
    }

    /// UTF-8 byte offset of UTF-16 offset `utf16_pos`; `None` where [`Self::utf16_to_char`] is.
    pub fn utf16_to_byte(&self, text: &str, utf16_pos: usize) -> Option<usize> {
        self.utf16_to_char(text, utf16_pos)
            .and_then(|c| self.char_to_byte(text, c))
    }

    /// UTF-16 offset of byte `byte_pos`; `None` where [`Self::byte_to_char`] is.
    pub fn byte_to_utf16(&self, text: &str, byte_pos: usize) -> Option<usize> {
        self.byte_to_char(text, byte_pos)
            .and_then(|c| self.char_to_utf16(text, c))
    }
}

/// The code point boundary at or before byte `byte` of `text` (its end, past the end).
/// `str::floor_char_boundary`, which this crate's rust-version (1.84) does not have.
pub fn char_floor(text: &str, byte: usize) -> usize {
    let mut b = byte.min(text.len());
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    b
}

/// The code point boundary at or after byte `byte` of `text` (its end, past the end).
pub fn char_ceil(text: &str, byte: usize) -> usize {
    let mut b = byte.min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    b
}

/// Code point length of a string slice; a named helper so call sites say which unit they mean.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// UTF-16 length of a string slice.
pub fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_round_to_code_point_boundaries() {
        // a, ’ (3 bytes), 😀 (4 bytes), ب (2 bytes).
        let text = "a’😀ب";
        let floors = [0, 1, 1, 1, 4, 4, 4, 4, 8, 8, 10, 10];
        let ceils = [0, 1, 4, 4, 4, 8, 8, 8, 8, 10, 10, 10];
        for b in 0..floors.len() {
            assert_eq!(char_floor(text, b), floors[b], "floor of byte {b}");
            assert_eq!(char_ceil(text, b), ceils[b], "ceil of byte {b}");
        }
        assert_eq!((char_floor("", 3), char_ceil("", 3)), (0, 0));
    }

    /// One row per position: `(char, utf16, byte)` of the same place in `text`.
    #[track_caller]
    fn check(text: &str, rows: &[(usize, usize, usize)]) {
        let idx = OffsetIndex::new(text);
        for &(c, u, b) in rows {
            assert_eq!(
                idx.char_to_byte(text, c),
                Some(b),
                "char {c} -> byte in {text:?}"
            );
            assert_eq!(
                idx.byte_to_char(text, b),
                Some(c),
                "byte {b} -> char in {text:?}"
            );
            assert_eq!(
                idx.char_to_utf16(text, c),
                Some(u),
                "char {c} -> utf16 in {text:?}"
            );
            assert_eq!(
                idx.utf16_to_char(text, u),
                Some(c),
                "utf16 {u} -> char in {text:?}"
            );
            assert_eq!(
                idx.utf16_to_byte(text, u),
                Some(b),
                "utf16 {u} -> byte in {text:?}"
            );
            assert_eq!(
                idx.byte_to_utf16(text, b),
                Some(u),
                "byte {b} -> utf16 in {text:?}"
            );
        }
        assert_eq!(idx.len_chars(), text.chars().count());
        assert_eq!(idx.len_utf16(), text.encode_utf16().count());
        assert_eq!(idx.len_bytes(), text.len());
        assert_eq!(idx.char_to_byte(text, idx.len_chars() + 1), None);
        assert_eq!(idx.utf16_to_char(text, idx.len_utf16() + 1), None);
        assert_eq!(idx.byte_to_char(text, idx.len_bytes() + 1), None);
    }

    #[test]
    fn ascii() {
        check("Merkel said.", &[(0, 0, 0), (6, 6, 6), (12, 12, 12)]);
    }

    #[test]
    fn empty() {
        check("", &[(0, 0, 0)]);
    }

    #[test]
    fn accented() {
        // "é" is one code point, one UTF-16 unit, two bytes.
        check(
            "Café Müller",
            &[
                (0, 0, 0),
                (3, 3, 3),
                (4, 4, 5),
                (6, 6, 7),
                (8, 8, 10),
                (11, 11, 13),
            ],
        );
    }

    #[test]
    fn combining_mark() {
        // "e" + U+0301 is two code points forming one grapheme.
        check("Cafe\u{301} x", &[(4, 4, 4), (5, 5, 6), (7, 7, 8)]);
    }

    #[test]
    fn emoji_astral() {
        // The worked example from formats.md: `Obama` is chars [2,7), UTF-16 [3,8), bytes [5,10).
        check(
            "😀 Obama visited Paris.",
            &[(0, 0, 0), (1, 2, 4), (2, 3, 5), (7, 8, 10)],
        );
    }

    #[test]
    fn zwj_family() {
        // After `👨‍👩‍👧 `, `Obama` starts at code point 6, UTF-16 unit 9, byte 19.
        check(
            "👨‍👩‍👧 Obama",
            &[(0, 0, 0), (5, 8, 18), (6, 9, 19), (11, 14, 24)],
        );
    }

    #[test]
    fn skin_tone() {
        // 👍🏽 is two astral code points.
        check(
            "a👍🏽b",
            &[(0, 0, 0), (1, 1, 1), (2, 3, 5), (3, 5, 9), (4, 6, 10)],
        );
    }

    #[test]
    fn cjk() {
        check("習近平說", &[(0, 0, 0), (1, 1, 3), (3, 3, 9), (4, 4, 12)]);
    }

    #[test]
    fn arabic() {
        check(
            "قال أردوغان",
            &[(0, 0, 0), (3, 3, 6), (4, 4, 7), (11, 11, 21)],
        );
    }

    #[test]
    fn crlf_and_tabs() {
        check("a\r\n\tb", &[(0, 0, 0), (1, 1, 1), (3, 3, 3), (5, 5, 5)]);
    }

    #[test]
    fn inside_a_code_point_is_refused() {
        let text = "é😀";
        let idx = OffsetIndex::new(text);
        assert_eq!(idx.byte_to_char(text, 1), None);
        assert_eq!(idx.byte_to_char(text, 3), None);
        assert_eq!(
            idx.utf16_to_char(text, 2),
            None,
            "between the surrogate halves"
        );
        assert_eq!(idx.utf16_to_char_floor(text, 2), 1);
        assert_eq!(idx.utf16_to_char_floor(text, 99), 2);
    }

    #[test]
    fn long_text_crosses_checkpoints() {
        // Mixed widths over several checkpoints, checked against a brute-force walk.
        let text: String = "aé😀習\r\n".repeat(100);
        let idx = OffsetIndex::new(&text);
        let (mut u, mut c) = (0, 0);
        for (b, ch) in text.char_indices() {
            assert_eq!(idx.char_to_byte(&text, c), Some(b));
            assert_eq!(idx.byte_to_char(&text, b), Some(c));
            assert_eq!(idx.char_to_utf16(&text, c), Some(u));
            assert_eq!(idx.utf16_to_char(&text, u), Some(c));
            u += ch.len_utf16();
            c += 1;
        }
        assert_eq!(idx.char_to_byte(&text, c), Some(text.len()));
        assert_eq!(idx.utf16_to_char(&text, u), Some(c));
    }

    #[test]
    fn slice_lengths() {
        assert_eq!(char_len("👨‍👩‍👧"), 5);
        assert_eq!(utf16_len("👨‍👩‍👧"), 8);
    }
}
