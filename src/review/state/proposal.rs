//! The one-key decision: which layer's version "accept" (A) and "fix" (F) take when no layer
//! number is given. A model's suggestions layer proposes (Prodigy's `ner.correct`, Label
//! Studio's pre-annotations): A takes its version. Without one, a version only one layer has
//! (a span the others left out) is the proposal. Two annotators' differing versions are a
//! choice the reviewer makes with the layer's number, so A refuses and says so.

use super::{ConflictId, Review, ReviewRefusal};
use crate::review::layer::LayerKind;

impl Review {
    /// The layer whose version A takes in conflict `c` (see the module doc).
    pub fn proposal(&self, c: ConflictId) -> Result<usize, ReviewRefusal> {
        let conflict = self.conflict(c).ok_or(ReviewRefusal::NoSuchConflict)?;
        let with_version: Vec<usize> = conflict
            .versions
            .iter()
            .enumerate()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, _)| k)
            .collect();
        let suggested = with_version.iter().copied().find(|&k| {
            self.layers()
                .get(k)
                .is_some_and(|l| l.kind == LayerKind::Suggestions)
        });
        match (suggested, with_version.as_slice()) {
            (Some(k), _) | (None, &[k]) => Ok(k),
            _ => Err(ReviewRefusal::NoProposal),
        }
    }

    /// Accepts the [proposal](Review::proposal) of conflict `c`.
    pub fn accept_proposal(&self, c: ConflictId) -> Result<Review, ReviewRefusal> {
        self.accept(c, self.proposal(c)?)
    }
}
