//! The Find box's slice of the state: the query, its hits (whole and per block, for the
//! blocks' props) and the current hit. The search itself and the per-block split are model
//! rules (`model::find`); this only keeps their results.

use std::rc::Rc;

use crate::model::caret::Dir;
use crate::model::find::{find_all, hits_by_block, Query};
use crate::model::{CharRange, Editor, LabelId};

/// The Find box's state. Hits are code point ranges of the current text, in text order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FindState {
    pub query: Query,
    pub hits: Rc<[CharRange]>,
    /// Each block's share of `hits`, shared so that blocks whose hits did not change compare
    /// equal cheaply.
    pub block_hits: Rc<[Rc<[CharRange]>]>,
    pub current: Option<usize>,
    /// Why the query cannot run (a bad regular expression), in plain words.
    pub error: Option<String>,
    /// The text revision the hits belong to, to search again when the text changes.
    text_revision: u64,
}

/// The label the Find bar's hits get, and the attribute value every new span carries (its
/// place in the bar's list of values for that label; `None`: no value).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FindPick {
    pub label: LabelId,
    pub value: Option<usize>,
}

/// The first label, no value.
impl Default for FindPick {
    fn default() -> Self {
        FindPick {
            label: LabelId(0),
            value: None,
        }
    }
}

impl FindState {
    /// Runs `query` over the editor's text.
    pub fn search(query: Query, editor: &Editor) -> FindState {
        let text = editor.doc().text();
        let (hits, error) = match find_all(text, &query) {
            Ok(h) => (h, None),
            Err(e) => (Vec::new(), Some(super::messages::sentence(&e.to_string()))),
        };
        let empty: Rc<[CharRange]> = Rc::from(Vec::new());
        let block_hits = hits_by_block(text, &hits)
            .into_iter()
            .map(|r| match hits.get(r) {
                Some(part) if !part.is_empty() => Rc::from(part),
                _ => empty.clone(),
            })
            .collect::<Vec<_>>();
        let current = (!hits.is_empty()).then_some(0);
        FindState {
            query,
            hits: Rc::from(hits),
            block_hits: Rc::from(block_hits),
            current,
            error,
            text_revision: editor.text_revision(),
        }
    }

    /// The same search over the editor's text, run again only if the text changed.
    pub fn refreshed(&self, editor: &Editor) -> Option<FindState> {
        let stale = self.text_revision != editor.text_revision();
        (stale && !self.query.pattern.is_empty())
            .then(|| FindState::search(self.query.clone(), editor))
    }

    /// Moves the current hit one step, wrapping around; the new position, 1-based.
    pub fn step(&mut self, dir: Dir) -> Option<usize> {
        let n = self.hits.len();
        if n == 0 {
            return None;
        }
        let i = self.current.unwrap_or(0) % n;
        let next = match dir {
            Dir::Forward => (i + 1) % n,
            Dir::Back => (i + n - 1) % n,
        };
        self.current = Some(next);
        Some(next + 1)
    }

    /// The current hit.
    pub fn current_hit(&self) -> Option<CharRange> {
        self.current.and_then(|i| self.hits.get(i).copied())
    }

    /// The hits of block `i` (none when there is no such block).
    pub fn block(&self, i: usize) -> Option<Rc<[CharRange]>> {
        self.block_hits.get(i).cloned()
    }
}
