//! The relations slice of the reducer: linking from the keyboard (the relation key on a focused
//! span, then a type by number or type-ahead, then stepping through the targets nearest first
//! and Enter), linking by a mouse drag, unlinking, and the relation in focus (both its ends
//! highlighted). Which targets and types are offered is the model's (`model::link_targets`);
//! linking itself is `Editor::link`. Each step says what is current, for screen readers.

use std::rc::Rc;

use super::messages::clip;
use super::{AppState, Screen};
use crate::model::caret::Dir;
use crate::model::link_targets::{drag_type, link_targets, link_types};
use crate::model::{Document, Relation, RelationId, SpanId};

/// A link being made from the keyboard.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Linking {
    /// The source span.
    pub from: SpanId,
    /// The types offered, in schema order (those with a target).
    pub types: Rc<[Rc<str>]>,
    /// The chosen type; `None` while choosing.
    pub kind: Option<Rc<str>>,
    /// What has been typed of a type's name so far.
    pub typed: String,
    /// The targets of the chosen type, nearest first.
    pub targets: Rc<[SpanId]>,
    /// The current target, an index into `targets`.
    pub at: usize,
}

impl Linking {
    /// The target Enter would link to.
    pub fn current(&self) -> Option<&SpanId> {
        self.kind.as_ref().and(self.targets.get(self.at))
    }
}

/// What the relations ask of the reducer.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkAction {
    /// The relation key on the focused span: start linking from it.
    Start,
    /// Choose the type by its number in the list offered (0-based).
    TypeNumber(usize),
    /// A character of a type's name (type-ahead).
    TypeAhead(char),
    /// Step to the next or previous target.
    Step(Dir),
    /// Link to the current target.
    Confirm,
    /// Stop linking; nothing changes.
    Cancel,
    /// A span's link handle was dragged onto another span.
    Drag { from: SpanId, to: SpanId },
    /// Remove a relation.
    Unlink(RelationId),
    /// The relation in focus (its ends highlighted), or none.
    Focus(Option<RelationId>),
}

/// `Label “text”` for a span, or "a deleted span".
pub fn span_words(doc: &Document, id: &SpanId) -> String {
    match doc.spans().get(id) {
        Some(s) => format!(
            "{} “{}”",
            doc.labels().name(s.label()),
            clip(doc.covered(s), 60)
        ),
        None => "a deleted span".into(),
    }
}

/// `Quote “…” said_by Entity “…”`.
pub fn relation_words(doc: &Document, r: &Relation) -> String {
    format!(
        "{} {} {}",
        span_words(doc, r.from()),
        r.kind(),
        span_words(doc, r.to())
    )
}

impl AppState {
    pub(super) fn link_action(&mut self, a: LinkAction) {
        // Gold on the review screen has no relations to edit yet.
        if self.screen != Screen::Document && !matches!(a, LinkAction::Focus(_)) {
            return;
        }
        match a {
            LinkAction::Start => self.link_start(),
            LinkAction::TypeNumber(i) => {
                let kind = self.link.as_ref().and_then(|l| l.types.get(i).cloned());
                match kind {
                    Some(k) => self.link_choose(k),
                    None => self.error("No relation type has that number."),
                }
            }
            LinkAction::TypeAhead(c) => self.link_type_ahead(c),
            LinkAction::Step(dir) => self.link_step(dir),
            LinkAction::Confirm => self.link_confirm(),
            LinkAction::Cancel => {
                if self.link.take().is_some() {
                    self.info("Linking cancelled.");
                }
            }
            LinkAction::Drag { from, to } => self.link_drag(&from, &to),
            LinkAction::Unlink(id) => self.unlink(&id),
            LinkAction::Focus(id) => self.relation_focus(id),
        }
    }

    fn link_start(&mut self) {
        let Some(from) = self.focused.clone() else {
            return self.error("Focus a span first (Tab or J), then press L to link it.");
        };
        let types: Rc<[Rc<str>]> = link_types(self.doc(), &from)
            .iter()
            .map(|t| t.name.clone())
            .collect();
        let what = span_words(self.doc(), &from);
        let linking = Linking {
            from,
            types: types.clone(),
            kind: None,
            typed: String::new(),
            targets: Rc::from(Vec::new()),
            at: 0,
        };
        match &*types {
            [] => self.error(&format!(
                "No relation type links {what} to another span. The Labels panel sets which labels each type links."
            )),
            [only] => {
                let only = only.clone();
                self.link = Some(Rc::new(linking));
                self.link_choose(only);
            }
            many => {
                let list: Vec<String> = many
                    .iter()
                    .enumerate()
                    .map(|(i, t)| format!("{} {t}", i + 1))
                    .collect();
                self.link = Some(Rc::new(linking));
                self.info(format!(
                    "Link {what}: choose the relation type by number or by typing its name: {}. Escape cancels.",
                    list.join(", ")
                ));
            }
        }
    }

    fn link_choose(&mut self, kind: Rc<str>) {
        let Some(mut l) = self.link.as_deref().cloned() else {
            return;
        };
        l.targets = link_targets(self.doc(), &kind, &l.from).into();
        l.kind = Some(kind);
        l.at = 0;
        l.typed.clear();
        self.link = Some(Rc::new(l));
        self.say_target();
    }

    fn link_type_ahead(&mut self, c: char) {
        let Some(mut l) = self.link.as_deref().cloned().filter(|l| l.kind.is_none()) else {
            return;
        };
        l.typed.extend(c.to_lowercase());
        let matching: Vec<Rc<str>> = l
            .types
            .iter()
            .filter(|t| t.to_lowercase().starts_with(&l.typed))
            .cloned()
            .collect();
        match &*matching {
            [] => {
                let typed = std::mem::take(&mut l.typed);
                self.link = Some(Rc::new(l));
                self.error(&format!("No relation type starts with “{typed}”."));
            }
            [one] => {
                let one = one.clone();
                self.link = Some(Rc::new(l));
                self.link_choose(one);
            }
            many => {
                let msg = format!("“{}”: {}; type on.", l.typed, many.join(", "));
                self.link = Some(Rc::new(l));
                self.info(msg);
            }
        }
    }

    fn link_step(&mut self, dir: Dir) {
        let Some(mut l) = self.link.as_deref().cloned().filter(|l| l.kind.is_some()) else {
            return;
        };
        let n = l.targets.len();
        if n == 0 {
            return;
        }
        l.at = match dir {
            Dir::Forward => (l.at + 1) % n,
            Dir::Back => (l.at + n - 1) % n,
        };
        self.link = Some(Rc::new(l));
        self.say_target();
    }

    /// Announces the current target (or that there is none).
    fn say_target(&mut self) {
        let Some(l) = self.link.clone() else { return };
        let kind = l.kind.as_deref().unwrap_or_default();
        match l.current() {
            Some(t) => {
                let msg = format!(
                    "{kind} {}, {} of {}. Tab or J for the next, Shift+Tab or K for the previous, Enter links, Escape cancels.",
                    span_words(self.doc(), t),
                    l.at + 1,
                    l.targets.len()
                );
                self.info(msg);
            }
            None => {
                self.link = None;
                self.error(&format!("No span can be the target of {kind} from here."));
            }
        }
    }

    fn link_confirm(&mut self) {
        let Some(l) = self.link.clone() else { return };
        let (Some(kind), Some(to)) = (l.kind.clone(), l.current().cloned()) else {
            return self.error("Choose the relation type first (its number or its name).");
        };
        self.link = None;
        self.link_now(&kind, &l.from, &to);
    }

    fn link_drag(&mut self, from: &SpanId, to: &SpanId) {
        self.link = None;
        match drag_type(self.doc(), from, to).map(|t| t.name.clone()) {
            Some(kind) => self.link_now(&kind, from, to),
            None if from == to => {}
            None => {
                let msg = format!(
                    "No relation type links {} to {} (or they are linked already).",
                    span_words(self.doc(), from),
                    span_words(self.doc(), to)
                );
                self.error(&msg);
            }
        }
    }

    fn link_now(&mut self, kind: &str, from: &SpanId, to: &SpanId) {
        match self.editor.link(kind, from, to) {
            Ok(id) => {
                self.changed();
                let words = self
                    .doc()
                    .relations()
                    .get(&id)
                    .map(|r| relation_words(self.doc(), r))
                    .unwrap_or_default();
                self.info(format!("Linked: {words}. Undo takes it back."));
            }
            Err(r) => self.refused(r),
        }
    }

    fn unlink(&mut self, id: &RelationId) {
        let words = self
            .doc()
            .relations()
            .get(id)
            .map(|r| relation_words(self.doc(), r));
        match self.editor.unlink(id) {
            Ok(()) => {
                self.changed();
                self.info(format!(
                    "Unlinked: {}. Undo puts it back.",
                    words.unwrap_or_default()
                ));
            }
            Err(r) => self.refused(r),
        }
    }

    fn relation_focus(&mut self, id: Option<RelationId>) {
        let words = id
            .as_ref()
            .and_then(|i| self.doc().relations().get(i))
            .map(|r| relation_words(self.doc(), r));
        match words {
            Some(w) => {
                self.relation = id;
                self.info(w);
            }
            None => self.relation = None,
        }
    }

    /// After an edit: a link in the making from a span that is gone stops, and the relation
    /// in focus lets go when it is gone.
    pub(super) fn relations_changed(&mut self) {
        if let Some(r) = &self.relation {
            if !self.doc().relations().contains_id(r) {
                self.relation = None;
            }
        }
        if let Some(l) = &self.link {
            if !self.doc().spans().contains_id(&l.from) {
                self.link = None;
            }
        }
    }
}

#[cfg(test)]
mod tests;
