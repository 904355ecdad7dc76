//! The article text, kept exactly as given, with its offset index and its division into
//! blocks (the units the view renders as separate components).
//!
//! A block is a run of whole lines (line breaks included) of at most [`MAX_BLOCK_CHARS`] code
//! points, so concatenating the blocks gives back the text byte for byte. Packing lines keeps
//! the number of components and DOM elements low on long articles (a 200 KB article is about a
//! hundred blocks) while an edit still re-renders only a couple of thousand characters.
//! A single line longer than the limit is cut into several blocks at white space (or, failing
//! that, at a grapheme boundary); such pieces are marked `continued`, and the view keeps them
//! on one line.

use std::rc::Rc;

use super::grapheme::{grapheme_ceil, grapheme_floor};
use super::offsets::OffsetIndex;
use super::span::CharRange;

/// Longest block, in code points.
pub const MAX_BLOCK_CHARS: usize = 2048;

/// One block of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block {
    /// Code point range in the whole text.
    pub chars: CharRange,
    /// Byte range in the whole text.
    pub bytes: (usize, usize),
    /// True when the line goes on in the next block (this block does not end a line).
    pub continued: bool,
}

/// The article text and everything derived from it alone.
#[derive(Debug, PartialEq, Eq)]
pub struct ArticleText {
    src: Rc<str>,
    index: OffsetIndex,
    blocks: Vec<Block>,
}

impl ArticleText {
    pub fn new(src: &str) -> ArticleText {
        let index = OffsetIndex::new(src);
        let blocks = split_blocks(src);
        ArticleText {
            src: Rc::from(src),
            index,
            blocks,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.src
    }

    /// The text as a shared string, for handing to the view without copying.
    pub fn shared(&self) -> Rc<str> {
        self.src.clone()
    }

    pub fn index(&self) -> &OffsetIndex {
        &self.index
    }

    pub fn len_chars(&self) -> usize {
        self.index.len_chars()
    }

    pub fn is_empty(&self) -> bool {
        self.src.is_empty()
    }

    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// Byte offset of a code point offset; `None` past the end.
    pub fn byte_of(&self, char_pos: usize) -> Option<usize> {
        self.index.char_to_byte(&self.src, char_pos)
    }

    /// Code point offset of a byte offset; `None` inside a code point or past the end.
    pub fn char_of(&self, byte_pos: usize) -> Option<usize> {
        self.index.byte_to_char(&self.src, byte_pos)
    }

    /// The text of a code point range; `None` if it runs past the end.
    pub fn slice(&self, range: CharRange) -> Option<&str> {
        let s = self.byte_of(range.start())?;
        let e = self.byte_of(range.end())?;
        Some(&self.src[s..e])
    }

    /// Indices of the blocks that share a code point with `range` (for an empty range, the
    /// block holding that position).
    pub fn blocks_touching(&self, range: CharRange) -> std::ops::Range<usize> {
        let first = self
            .blocks
            .partition_point(|b| b.chars.end() <= range.start());
        let last = self
            .blocks
            .partition_point(|b| b.chars.start() < range.end().max(range.start() + 1));
        first..last.max(first)
    }

    /// Index of the block that holds code point `char_pos` (the last block for the end).
    pub fn block_at(&self, char_pos: usize) -> Option<usize> {
        if self.blocks.is_empty() {
            return None;
        }
        let i = self.blocks.partition_point(|b| b.chars.end() <= char_pos);
        Some(i.min(self.blocks.len() - 1))
    }
}

fn split_blocks(src: &str) -> Vec<Block> {
    /// Start of the block being packed, and the end of what has been read so far.
    struct Cursor {
        open: (usize, usize),
        at: (usize, usize),
        blocks: Vec<Block>,
    }
    impl Cursor {
        fn close(&mut self, continued: bool) {
            let (c0, b0) = self.open;
            let (c1, b1) = self.at;
            if c1 > c0 {
                self.blocks.push(Block {
                    chars: CharRange::between(c0, c1),
                    bytes: (b0, b1),
                    continued,
                });
            }
            self.open = self.at;
        }
        fn open_len(&self) -> usize {
            self.at.0 - self.open.0
        }
    }
    let mut cur = Cursor {
        open: (0, 0),
        at: (0, 0),
        blocks: Vec::new(),
    };
    for line in src.split_inclusive('\n') {
        let n = line.chars().count();
        if cur.open_len() + n > MAX_BLOCK_CHARS {
            cur.close(false);
        }
        if n <= MAX_BLOCK_CHARS {
            cur.at = (cur.at.0 + n, cur.at.1 + line.len());
            continue;
        }
        // A line too long for any block: cut it; each piece but the last is a block of its
        // own, and the last stays open for the lines that follow.
        let mut rest = line;
        loop {
            let cut = cut_point(rest);
            cur.at = (cur.at.0 + rest[..cut].chars().count(), cur.at.1 + cut);
            rest = &rest[cut..];
            if rest.is_empty() {
                break;
            }
            cur.close(true);
        }
    }
    cur.close(false);
    cur.blocks
}

/// Where to end the first block of `line`: the whole line if it is short enough, else just
/// after the last white space within the limit, else the last grapheme boundary within it.
fn cut_point(line: &str) -> usize {
    let limit = match line.char_indices().nth(MAX_BLOCK_CHARS) {
        None => return line.len(),
        Some((b, _)) => b,
    };
    if let Some((b, c)) = line[..limit]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
    {
        if b > 0 {
            return b + c.len_utf8();
        }
    }
    let g = grapheme_floor(line, limit);
    if g > 0 {
        g
    } else {
        grapheme_ceil(line, limit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::grapheme::is_grapheme_boundary;

    fn block_texts(t: &ArticleText) -> Vec<&str> {
        t.blocks()
            .iter()
            .map(|b| &t.as_str()[b.bytes.0..b.bytes.1])
            .collect()
    }

    #[test]
    fn short_texts_are_one_block() {
        let src = "Title\r\n\r\nFirst 😀 para.\nLast";
        let t = ArticleText::new(src);
        assert_eq!(block_texts(&t), [src]);
        assert_eq!(t.blocks()[0].chars, CharRange::new(0, 27).unwrap());
        assert!(!t.blocks()[0].continued);
    }

    #[test]
    fn lines_are_packed_whole_up_to_the_limit() {
        let para = "x".repeat(900) + "\r\n";
        let src = para.repeat(5);
        let t = ArticleText::new(&src);
        // Two 902-character lines fit in 2048, a third does not.
        assert_eq!(
            block_texts(&t),
            [para.repeat(2), para.repeat(2), para.clone()]
        );
        assert_eq!(block_texts(&t).concat(), src);
        assert!(t.blocks().iter().all(|b| !b.continued));
    }

    #[test]
    fn trailing_newline_and_empty_text() {
        assert_eq!(block_texts(&ArticleText::new("a\n")), ["a\n"]);
        assert!(ArticleText::new("").blocks().is_empty());
    }

    #[test]
    fn long_lines_are_cut_at_white_space() {
        let src = "short line\n".to_string() + &"word ".repeat(1000) + "\nend";
        let t = ArticleText::new(&src);
        assert_eq!(block_texts(&t).concat(), src);
        assert!(t.blocks().iter().all(|b| b.chars.len() <= MAX_BLOCK_CHARS));
        assert_eq!(
            block_texts(&t)[0],
            "short line\n",
            "a block before a long line stays whole"
        );
        assert!(t.blocks()[1].continued);
        assert!(block_texts(&t)[1].ends_with(' '));
        let last = t.blocks().last().unwrap();
        assert!(!last.continued);
        assert!(
            block_texts(&t).last().unwrap().ends_with("\nend"),
            "the line after a cut line packs with its tail"
        );
    }

    #[test]
    fn long_lines_without_spaces_keep_graphemes_whole() {
        let src = "👍🏽".repeat(3000);
        let t = ArticleText::new(&src);
        assert_eq!(block_texts(&t).concat(), src);
        for piece in block_texts(&t) {
            assert_eq!(
                piece.chars().count() % 2,
                0,
                "a skin-toned thumb was cut in two"
            );
        }
    }

    #[test]
    fn blocks_touching_a_range() {
        let line = |c: &str| c.repeat(1500) + "\n";
        let src = line("a") + &line("b") + &line("c");
        let t = ArticleText::new(&src);
        assert_eq!(t.blocks().len(), 3);
        let r = |a, b| CharRange::new(a, b).unwrap();
        assert_eq!(t.blocks_touching(r(0, 1)), 0..1);
        assert_eq!(t.blocks_touching(r(1500, 1502)), 0..2);
        assert_eq!(t.blocks_touching(r(1501, 1501)), 1..2);
        assert_eq!(t.blocks_touching(r(2, 4503)), 0..3);
        assert_eq!(t.block_at(4503), Some(2));
        assert_eq!(t.block_at(1501), Some(1));
    }

    #[test]
    fn slices_by_code_point() {
        let t = ArticleText::new("😀 Obama visited");
        assert_eq!(t.slice(CharRange::new(2, 7).unwrap()), Some("Obama"));
        assert_eq!(t.slice(CharRange::new(2, 99).unwrap()), None);
    }

    #[test]
    fn grapheme_rounding() {
        // family = 5 code points, 18 bytes; thumb + tone = 8 bytes; e + acute = 3 bytes.
        let s = "x👨‍👩‍👧y👍🏽e\u{301}z";
        assert_eq!(grapheme_floor(s, 5), 1);
        assert_eq!(grapheme_ceil(s, 5), 19);
        assert_eq!(grapheme_floor(s, 24), 20, "between thumb and its skin tone");
        assert_eq!(grapheme_ceil(s, 24), 28);
        assert_eq!(grapheme_ceil(s, 29), 31, "between e and its accent");
        assert!(is_grapheme_boundary(s, 19));
        assert!(!is_grapheme_boundary(s, 2), "inside a code point");
    }
}
