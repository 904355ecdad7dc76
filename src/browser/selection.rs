//! The DOM selection, as code point offsets of the article.
//!
//! Every block element of the article carries `data-b`, the code point offset where its text
//! starts. A DOM point (node, offset) inside a block becomes: the block's start plus the
//! UTF-16 length of the text between the block's start and the point (`Range.toString()`
//! counts only text nodes, so CSS badges never shift an offset), converted to code points by
//! the model's offset index. Points outside the article clamp to its start or end, so a
//! selection dragged past the article's edge still works.

use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

use crate::model::text::ArticleText;

/// The attribute holding a block's start offset.
pub const BLOCK_ATTR: &str = "data-b";

/// The current selection as `(anchor, focus)` code point offsets of the article, or `None`
/// when nothing is selected or the selection does not reach into the article.
pub fn article_selection(article: &Element, text: &ArticleText) -> Option<(usize, usize)> {
    let sel = web_sys::window()?.get_selection().ok()??;
    if sel.range_count() == 0 || sel.is_collapsed() {
        return None;
    }
    let range = sel.get_range_at(0).ok()?;
    if !range.intersects_node(article).unwrap_or(false) {
        return None;
    }
    let anchor = point_to_char(article, text, &sel.anchor_node()?, sel.anchor_offset())?;
    let focus = point_to_char(article, text, &sel.focus_node()?, sel.focus_offset())?;
    Some((anchor, focus))
}

/// Clears the selection, so a new highlight shows without the selection drawn over it.
pub fn clear_selection() {
    if let Some(sel) = selection() {
        let _ = sel.remove_all_ranges();
    }
}

/// Collapses the selection to its focus point: nothing stays selected, but the caret stays
/// where the keyboard user left it.
pub fn collapse_selection() {
    if let Some(sel) = selection() {
        if sel.range_count() > 0 {
            let _ = sel.collapse_to_end();
        }
    }
}

/// Calls once each browser function that reading and collapsing the selection call, without
/// changing the selection, so that the first label key does not pay for their first call: the
/// first call of a browser function from the wasm module costs far more than the next (a
/// profile of the first key on 10,000 spans had 1.7 ms in `Range.intersectsNode` alone, the
/// later keys microseconds). With nothing selected, `getRangeAt` and `collapseToEnd` throw
/// and change nothing; with a selection, only its reading functions are called.
/// `setBaseAndExtent` (which places the caret after a labelling) is called with an offset past
/// the end of its node, where it throws before changing anything, whatever is selected.
pub fn warm_up(article: &Element) {
    if let Some(sel) = selection() {
        let _ = (sel.is_collapsed(), sel.anchor_offset(), sel.focus_offset());
        let _ = (sel.anchor_node(), sel.focus_node(), sel.get_range_at(0));
        if sel.range_count() == 0 {
            let _ = sel.collapse_to_end();
        }
        let _ = sel.set_base_and_extent(article, u32::MAX, article, u32::MAX);
    }
    let range = super::document().and_then(|d| d.create_range().ok());
    if let (Some(range), Some(first)) = (range, article.first_child()) {
        let _ = range.select_node_contents(&first);
        let _ = range.intersects_node(article);
    }
}

fn selection() -> Option<web_sys::Selection> {
    web_sys::window()?.get_selection().ok()?
}

/// The caret (the selection's focus) as a code point offset, when it is in the article.
pub fn caret_position(article: &Element, text: &ArticleText) -> Option<usize> {
    let sel = selection()?;
    let node = sel.focus_node()?;
    let article_node: &Node = article.as_ref();
    if !article_node.contains(Some(&node)) {
        return None;
    }
    point_to_char(article, text, &node, sel.focus_offset())
}

/// True when nothing is selected but a caret at code point `at` of the article. Read from the
/// selection's two ends, not `isCollapsed`, which makes the browser lay the page out first.
fn caret_is_at(article: &Element, text: &ArticleText, at: usize) -> bool {
    let Some(sel) = selection() else {
        return false;
    };
    let collapsed =
        sel.anchor_node() == sel.focus_node() && sel.anchor_offset() == sel.focus_offset();
    collapsed && caret_position(article, text) == Some(at)
}

/// Moves the caret to code point `at` of the article when the article has the keyboard (a
/// keyboard user goes on from there; a pointer user's page is left alone). A caret already
/// there is only read: placing it costs the browser a layout.
pub fn put_caret_if_focused(article: &Element, text: &ArticleText, at: usize) {
    if has_keyboard(article) && !caret_is_at(article, text, at) {
        let _ = select_chars(article, text, at, at);
    }
}

/// True when the article is the page's focused element.
fn has_keyboard(article: &Element) -> bool {
    super::document()
        .and_then(|d| d.active_element())
        .is_some_and(|a| a == *article)
}

/// Runs what placing the caret after a labelling runs ([`put_caret_if_focused`]: which
/// element has the keyboard, where the caret is), changing nothing: it is asked only where
/// it would not move the caret (the caret is there already, or the article does not have
/// the keyboard).
pub fn warm_up_caret(article: &Element, text: &ArticleText) {
    let at = caret_position(article, text).unwrap_or(0);
    if caret_is_at(article, text, at) || !has_keyboard(article) {
        put_caret_if_focused(article, text, at);
    }
}

/// The DOM point (text node, UTF-16 offset) of code point `char_pos` of the article.
pub fn char_to_point(
    article: &Element,
    text: &ArticleText,
    char_pos: usize,
) -> Option<(Node, u32)> {
    let block_index = text.block_at(char_pos)?;
    let block_el = article.children().item(block_index as u32)?;
    let src = text.as_str();
    let block_start = text.blocks()[block_index].chars.start();
    let mut units = text.index().char_to_utf16(src, char_pos)?
        - text.index().char_to_utf16(src, block_start)?;
    let doc = super::document()?;
    let walker = doc
        .create_tree_walker_with_what_to_show(&block_el, 4 /* SHOW_TEXT */)
        .ok()?;
    let mut last = None;
    while let Ok(Some(node)) = walker.next_node() {
        let len = node
            .dyn_ref::<web_sys::CharacterData>()
            .map_or(0, |t| t.length() as usize);
        if units <= len {
            return Some((node, units as u32));
        }
        units -= len;
        last = Some((node, len as u32));
    }
    last
}

/// Selects a code point range of the article (a collapsed range places the caret).
pub fn select_chars(
    article: &Element,
    text: &ArticleText,
    anchor: usize,
    focus: usize,
) -> Option<()> {
    let (an, ao) = char_to_point(article, text, anchor)?;
    let (fnode, fo) = char_to_point(article, text, focus)?;
    selection()?.set_base_and_extent(&an, ao, &fnode, fo).ok()
}

/// Code point offset of a DOM point.
pub fn point_to_char(
    article: &Element,
    text: &ArticleText,
    node: &Node,
    offset: u32,
) -> Option<usize> {
    let len = text.len_chars();
    let article_node: &Node = article.as_ref();
    if !article_node.contains(Some(node)) {
        let pos = article_node.compare_document_position(node);
        return Some(if pos & Node::DOCUMENT_POSITION_PRECEDING != 0 {
            0
        } else {
            len
        });
    }
    if node == article_node {
        // A point between blocks: `offset` counts the article's children.
        let child = article.children().item(offset);
        return Some(child.and_then(|c| block_start(&c)).unwrap_or(len));
    }
    let block = enclosing_block(node)?;
    let start = block_start(&block)?;
    let doc = super::document()?;
    let range = doc.create_range().ok()?;
    range.set_start(&block, 0).ok()?;
    range.set_end(node, offset).ok()?;
    let range_obj: &js_sys::Object = range.unchecked_ref();
    let units = range_obj.to_string().length() as usize;
    let src = text.as_str();
    let start_utf16 = text.index().char_to_utf16(src, start)?;
    Some(text.index().utf16_to_char_floor(src, start_utf16 + units))
}

fn enclosing_block(node: &Node) -> Option<Element> {
    let mut cur: Option<Node> = Some(node.clone());
    while let Some(n) = cur {
        if let Some(el) = n.dyn_ref::<Element>() {
            if el.has_attribute(BLOCK_ATTR) {
                return Some(el.clone());
            }
        }
        cur = n.parent_node();
    }
    None
}

fn block_start(el: &Element) -> Option<usize> {
    el.get_attribute(BLOCK_ATTR)?.parse().ok()
}
