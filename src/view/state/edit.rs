//! The article's slice of the reducer: labelling, relabelling, deleting, resizing, undo and
//! redo, focus, arming a label, Find's labelling and the paste box. Each is a call into the
//! model's `Editor` and a message; the rules (trimming, snapping, refusals) are the model's.

use std::rc::Rc;

use super::messages::{describe, plural};
use super::{AppState, CaretAfter, FindState};
use crate::format::limits::{too_long, MAX_TEXT_BYTES};
use crate::model::caret::{Dir, Edge, Step};
use crate::model::find::label_all_preview;
use crate::model::title::derive_title;
use crate::model::{draft, CharRange, Document, LabelId, LabelSet, Refusal, SpanId};

impl AppState {
    /// A change went through: `msg` says what it did. A refusal is said instead.
    pub(super) fn outcome(
        &mut self,
        result: Result<(), Refusal>,
        msg: impl FnOnce(&AppState) -> String,
    ) {
        match result {
            Ok(()) => {
                self.changed();
                let m = msg(self);
                self.info(m);
            }
            Err(r) => self.refused(r),
        }
    }

    pub(super) fn draft_input(&mut self, value: &str) {
        self.draft = Rc::from(draft::reconcile(&self.draft, value).as_str());
    }

    pub(super) fn start(&mut self) {
        let text = self.draft.to_string();
        if text.trim().is_empty() {
            return self.error("Paste or type the article first.");
        }
        if text.len() > MAX_TEXT_BYTES {
            return self.error(&too_long(text.len()));
        }
        let title = match self.draft_title.trim() {
            "" => derive_title(&text),
            t => t.to_string(),
        };
        let doc = Document::new(&title, &text, LabelSet::standard());
        if self.create_documents(vec![(doc, Default::default())], true) {
            // The paste box was on screen, asked for or (with no document yet) by itself: the
            // draft is cleared once its document opens, not offered again by "New document".
            self.corpus.pasting = true;
            self.info("Saving the new document…");
        }
    }

    pub(super) fn label_selection(&mut self, label: LabelId, anchor: usize, focus: usize) {
        match self.editor.label_selection(label, anchor, focus, self.snap) {
            Ok(id) => {
                self.outcome(Ok(()), |s| describe(s.doc(), &id, "Added"));
                // Where the selection ended, as the browser's own collapse to its end puts it
                // (a snapped span may reach further; the caret stays where the user was).
                self.caret = Some(CaretAfter {
                    revision: self.editor.revision(),
                    at: anchor.max(focus),
                });
            }
            Err(r) => self.refused(r),
        }
    }

    #[inline(never)] // rare on a typical visit: see `AppState::apply_rest`
    pub(super) fn relabel(&mut self, id: &SpanId, label: LabelId) {
        let r = self.editor.relabel(id, label);
        self.outcome(r, |s| describe(s.doc(), id, "Relabelled"));
    }

    pub(super) fn delete(&mut self, id: &SpanId) {
        let what = describe(self.doc(), id, "Deleted");
        let r = self.editor.delete(id);
        self.outcome(r, |_| what);
    }

    pub(super) fn undo(&mut self) {
        let r = self.editor.undo();
        self.outcome(r, |_| "Undone.".into());
    }

    pub(super) fn redo(&mut self) {
        let r = self.editor.redo();
        self.outcome(r, |_| "Redone.".into());
    }

    pub(super) fn focus(&mut self, id: Option<SpanId>) {
        match &id {
            Some(i) => {
                let msg = describe(self.doc(), i, "Focused");
                self.info(msg);
            }
            None => self.details = false,
        }
        self.focused = id;
    }

    pub(super) fn arm(&mut self, label: Option<LabelId>) {
        self.armed = label;
        self.info(match label {
            Some(l) => format!(
                "{} is armed: every selection you make gets it. Press its key again or Escape to stop.",
                self.doc().labels().name(l)
            ),
            None => "No label armed.".into(),
        });
    }

    pub(super) fn escape(&mut self) {
        if self.close_qualify() {
            self.info("Closed; nothing was changed.");
        } else if self.help {
            self.help = false;
        } else if self.schema.open {
            self.schema.open = false;
        } else {
            self.focused = None;
            self.details = false;
            if self.armed.take().is_some() {
                self.info("No label armed.");
            }
        }
    }

    pub(super) fn snap(&mut self, on: bool) {
        self.snap = on;
        self.info(if on {
            "Selections snap to whole words."
        } else {
            "Selections keep their exact characters."
        });
    }

    #[inline(never)] // rare on a typical visit: see `AppState::apply_rest`
    pub(super) fn resize_focused(&mut self, edge: Edge, step: Step, dir: Dir) {
        let Some(id) = self.focused.clone() else {
            return;
        };
        let r = self.editor.resize_step(&id, edge, step, dir);
        self.outcome(r, |s| describe(s.doc(), &id, "Resized"));
    }

    pub(super) fn resize_to(&mut self, id: &SpanId, range: CharRange) {
        let r = self.editor.resize(id, range);
        self.outcome(r, |s| describe(s.doc(), id, "Resized"));
    }

    pub(super) fn find_step(&mut self, dir: Dir) {
        if let Some(at) = self.find.step(dir) {
            let msg = format!("Hit {at} of {}.", self.find.hits.len());
            self.info(msg);
        }
    }

    pub(super) fn find_label(&mut self, label: LabelId, attrs: &crate::model::Attrs, all: bool) {
        let ranges: Vec<CharRange> = if all {
            self.find.hits.to_vec()
        } else {
            self.find.current_hit().into_iter().collect()
        };
        let (_, skip) = label_all_preview(self.doc(), label, &ranges);
        let name = self.doc().labels().name(label).to_string();
        let with = super::qualify::attrs_text(attrs);
        match self.editor.add_spans_with(label, attrs, &ranges) {
            Ok(0) => self.error(&format!(
                "Nothing to label: every hit is already labelled {name}."
            )),
            Ok(n) => self.outcome(Ok(()), |_| {
                format!(
                    "Labelled {n} hit{} as {name}{with}{}. One Undo takes {} back.",
                    plural(n),
                    if skip > 0 {
                        format!(" ({skip} already were)")
                    } else {
                        String::new()
                    },
                    if n == 1 { "it" } else { "them all" }
                )
            }),
            Err(r) => self.refused(r),
        }
    }

    /// A new search over the current text.
    pub(super) fn find_query(&mut self, q: crate::model::find::Query) {
        self.find = FindState::search(q, &self.editor);
    }
}
