//! The article draft in the paste box, kept exactly as pasted.
//!
//! A browser textarea reports its value with every line break turned into LF, so reading the
//! value back would silently turn a CRLF article into an LF one. The paste handler hands us the
//! clipboard text as it is, and typing is merged in by [`reconcile`], which keeps the draft's
//! own bytes everywhere outside the part the user just changed.

/// What a textarea shows for `draft`: CRLF and lone CR become LF.
pub fn normalize_newlines(draft: &str) -> String {
    draft.replace("\r\n", "\n").replace('\r', "\n")
}

/// Byte offset in `draft` of UTF-16 position `utf16_pos` of its normalised form (a textarea's
/// `selectionStart`). A CRLF counts as one unit, as it does in the textarea.
pub fn draft_byte_at(draft: &str, utf16_pos: usize) -> usize {
    let mut units = 0usize;
    let mut iter = draft.char_indices().peekable();
    while let Some((b, c)) = iter.next() {
        if units >= utf16_pos {
            return b;
        }
        if c == '\r' && matches!(iter.peek(), Some((_, '\n'))) {
            iter.next();
        }
        units += if c == '\r' { 1 } else { c.len_utf16() };
    }
    draft.len()
}

/// The draft after a paste of `pasted` over the textarea selection `sel_start..sel_end`
/// (UTF-16 positions of the normalised value), and the caret position after it.
pub fn apply_paste(draft: &str, sel_start: usize, sel_end: usize, pasted: &str) -> (String, usize) {
    let a = draft_byte_at(draft, sel_start.min(sel_end));
    let b = draft_byte_at(draft, sel_start.max(sel_end));
    let out = format!("{}{}{}", &draft[..a], pasted, &draft[b..]);
    let caret = normalize_newlines(&out[..a + pasted.len()])
        .encode_utf16()
        .count();
    (out, caret)
}

/// The draft after the textarea changed to `value` by typing, cutting or the like: the
/// common beginning and end are kept from the draft (with their CRLFs), the middle comes from
/// the new value.
pub fn reconcile(draft: &str, value: &str) -> String {
    let shown = normalize_newlines(draft);
    if shown == value {
        return draft.to_string();
    }
    let prefix = common_prefix(&shown, value);
    let suffix = common_suffix(&shown[prefix..], &value[prefix..]);
    let draft_prefix = draft_byte_at(draft, shown[..prefix].encode_utf16().count());
    let shown_suffix_start = shown.len() - suffix;
    let draft_suffix = draft_byte_at(draft, shown[..shown_suffix_start].encode_utf16().count());
    // A suffix that starts inside a CRLF (between CR and LF) cannot be kept as is.
    let draft_suffix = draft_suffix.max(draft_prefix);
    format!(
        "{}{}{}",
        &draft[..draft_prefix],
        &value[prefix..value.len() - suffix],
        &draft[draft_suffix..]
    )
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i)
}

fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_crlf_once() {
        let d = "ab\r\ncd😀e";
        assert_eq!(draft_byte_at(d, 0), 0);
        assert_eq!(draft_byte_at(d, 2), 2);
        assert_eq!(draft_byte_at(d, 3), 4, "after the CRLF");
        assert_eq!(draft_byte_at(d, 5), 6);
        assert_eq!(draft_byte_at(d, 7), 10, "after the emoji's two units");
        assert_eq!(draft_byte_at(d, 99), d.len());
    }

    #[test]
    fn paste_keeps_crlf_and_tabs() {
        let (d, caret) = apply_paste("", 0, 0, "Title\r\n\r\n\tBody 😀\r\n");
        assert_eq!(d, "Title\r\n\r\n\tBody 😀\r\n");
        assert_eq!(caret, normalize_newlines(&d).encode_utf16().count());
        let (d2, _) = apply_paste(&d, 0, 5, "Headline");
        assert_eq!(d2, "Headline\r\n\r\n\tBody 😀\r\n");
    }

    #[test]
    fn typing_keeps_the_rest_of_the_draft() {
        let draft = "one\r\ntwo\r\nthree";
        assert_eq!(reconcile(draft, "one\ntwo\nthree"), draft, "no change");
        assert_eq!(reconcile(draft, "one\ntwos\nthree"), "one\r\ntwos\r\nthree");
        assert_eq!(reconcile(draft, "one\nthree"), "one\r\nthree");
        assert_eq!(reconcile(draft, "X"), "X");
        assert_eq!(reconcile(draft, ""), "");
        assert_eq!(reconcile("a\r\nb", "a\n\nb"), "a\r\n\nb");
        assert_eq!(reconcile("😀\r\n", "😀!\n"), "😀!\r\n");
    }

    #[test]
    fn lone_cr_is_a_line_break_too() {
        assert_eq!(normalize_newlines("a\rb\r\nc"), "a\nb\nc");
        assert_eq!(reconcile("a\rb", "a\nbc"), "a\rbc");
    }
}
