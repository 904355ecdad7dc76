//! The attributes-and-notes slice of the reducer: the attribute picker (`T` on a focused span)
//! and the note editor (`Shift+N`), setting a value or a note through the model's `Editor`
//! (`set_attr`, `set_note`; refusals said as every refusal is), and the wording the schema
//! editor uses for attribute edits. The rules (which values a label takes, how long a note
//! may be) are the model's; what the picker lists and what a badge or a list filter shows are
//! pure functions here, tested natively.

use std::rc::Rc;

use super::messages::{clip, describe, plural};
use super::{AppState, Screen};
use crate::corpus::schema::AttrEdit;
use crate::model::attribute::{AttrDef, AttrKind, AttrValue};
use crate::model::{LabelId, LabelSet, Span, SpanId};

/// Which of the two editors is open, and on which span.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QualifyState {
    /// The attribute picker is open on this span.
    pub picker: Option<SpanId>,
    /// The note editor is open on this span.
    pub note: Option<SpanId>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QualifyAction {
    /// Open the attribute picker on the focused span.
    OpenPicker,
    /// Open the note editor on the focused span.
    OpenNote,
    /// Close either editor; nothing changes.
    Close,
    /// Set (or clear, `None`) one attribute of a span.
    SetAttr {
        id: SpanId,
        name: Rc<str>,
        value: Option<AttrValue>,
    },
    /// Write a span's note (blank removes it).
    SaveNote { id: SpanId, text: String },
}

/// One line of the picker: `attribute: value`, or clearing an attribute.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PickerEntry {
    pub name: Rc<str>,
    /// `None` clears the attribute.
    pub value: Option<AttrValue>,
    /// What the line reads, and what typing matches against.
    pub text: String,
}

/// The picker's lines for `span` with `typed` typed: every value of every attribute its label
/// defines (a flag's yes and no, a list's values), a line that clears each value set, and for
/// a text attribute the text typed after `name:`. Lines whose text holds `typed` (any case)
/// are kept, in schema order.
pub fn picker_entries(labels: &LabelSet, span: &Span, typed: &str) -> Vec<PickerEntry> {
    let Some(label) = labels.get(span.label()) else {
        return Vec::new();
    };
    let typed_lower = typed.trim().to_lowercase();
    // Each line, and whether it was made from what was typed (and so always matches).
    let mut out: Vec<(PickerEntry, bool)> = Vec::new();
    for def in label.attributes.iter() {
        let entry = |value: Option<AttrValue>| {
            let shown = value
                .as_ref()
                .map_or_else(|| "clear".to_string(), |v| v.as_text().to_string());
            PickerEntry {
                name: def.name.clone(),
                text: format!("{}: {shown}", def.name),
                value,
            }
        };
        match &def.kind {
            AttrKind::Flag => {
                out.push((entry(Some(AttrValue::Flag(true))), false));
                out.push((entry(Some(AttrValue::Flag(false))), false));
            }
            AttrKind::Choice(list) => out.extend(
                list.iter()
                    .map(|v| (entry(Some(AttrValue::Choice(v.clone()))), false)),
            ),
            AttrKind::Text => {
                if let Some(text) = typed_text(def, typed) {
                    out.push((entry(Some(AttrValue::Text(Rc::from(text)))), true));
                }
            }
        }
        if span.attr(&def.name).is_some() {
            out.push((entry(None), false));
        }
    }
    out.into_iter()
        .filter(|(e, typed)| *typed || e.text.to_lowercase().contains(&typed_lower))
        .map(|(e, _)| e)
        .collect()
}

/// The text typed after `name:` for a text attribute, when there is some.
fn typed_text<'a>(def: &AttrDef, typed: &'a str) -> Option<&'a str> {
    let (name, rest) = typed.split_once(':')?;
    (name.trim().eq_ignore_ascii_case(&def.name) && !rest.trim().is_empty()).then(|| rest.trim())
}

/// The short badge a span shows after its text: its values (a flag by its name, or `not`
/// and its name), then `✎` when it has a note; `None` for a plain span. Values of attributes
/// the label does not define are not shown.
pub fn badge(labels: &LabelSet, span: &Span) -> Option<String> {
    if span.attrs().is_empty() && span.note().is_none() {
        return None;
    }
    badge_parts(labels, span)
}

/// [`badge`] of a span with values or a note. Never inlined: most spans have neither, and a
/// typical visit then never runs it (it waits in the page's second part).
#[inline(never)]
fn badge_parts(labels: &LabelSet, span: &Span) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for (name, value) in span.attrs().iter() {
        if labels.attribute(span.label(), name).is_none() {
            continue;
        }
        parts.push(match value {
            AttrValue::Flag(true) => name.to_string(),
            AttrValue::Flag(false) => format!("not {name}"),
            AttrValue::Choice(v) | AttrValue::Text(v) => clip(v, 16),
        });
    }
    if span.note().is_some() {
        parts.push("✎".into());
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// The values of a span as read out and listed: `check-worthy: yes; type: place`.
pub fn values_text(labels: &LabelSet, span: &Span) -> String {
    if span.attrs().is_empty() {
        return String::new();
    }
    values_list(labels, span)
}

/// [`values_text`] of a span with values (never inlined, as [`badge_parts`]).
#[inline(never)]
fn values_list(labels: &LabelSet, span: &Span) -> String {
    span.attrs()
        .iter()
        .filter(|(n, _)| labels.attribute(span.label(), n).is_some())
        .map(|(n, v)| format!("{n}: {}", clip(v.as_text(), 40)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// ` (type: place)` for Find's message about the values every new span gets; empty for none.
pub fn attrs_text(attrs: &crate::model::Attrs) -> String {
    if attrs.is_empty() {
        return String::new();
    }
    let list: Vec<String> = attrs.iter().map(|(n, v)| format!("{n}: {v}")).collect();
    format!(" ({})", list.join(", "))
}

/// What the annotations list can be narrowed to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListFilter {
    /// Spans of `label` whose attribute `name` is `value` (as text: `yes`/`no` for a flag).
    Value {
        label: LabelId,
        name: Rc<str>,
        value: Rc<str>,
    },
    /// Spans of `label` with any value of the (free text) attribute `name`.
    Any { label: LabelId, name: Rc<str> },
    /// Spans with a note.
    Note,
}

impl ListFilter {
    pub fn keeps(&self, span: &Span) -> bool {
        match self {
            ListFilter::Value { label, name, value } => {
                span.label() == *label && span.attr(name).is_some_and(|v| v.as_text() == &**value)
            }
            ListFilter::Any { label, name } => span.label() == *label && span.attr(name).is_some(),
            ListFilter::Note => span.note().is_some(),
        }
    }
}

/// Every filter the schema offers, with its wording (`Claim · check-worthy: yes`), the note
/// filter first.
pub fn list_filters(labels: &LabelSet) -> Vec<(ListFilter, String)> {
    let mut out = vec![(ListFilter::Note, "with a note".to_string())];
    for (label, l) in labels.iter() {
        for def in l.attributes.iter() {
            let value = |v: &str| {
                (
                    ListFilter::Value {
                        label,
                        name: def.name.clone(),
                        value: Rc::from(v),
                    },
                    format!("{} · {}: {v}", l.name, def.name),
                )
            };
            match &def.kind {
                AttrKind::Flag => out.extend(["yes", "no"].map(value)),
                AttrKind::Choice(list) => out.extend(list.iter().map(|v| value(v))),
                AttrKind::Text => out.push((
                    ListFilter::Any {
                        label,
                        name: def.name.clone(),
                    },
                    format!("{} · {}: any", l.name, def.name),
                )),
            }
        }
    }
    out
}

/// What the status line says after an attribute edit of the schema (`after` is the schema
/// as edited).
pub fn schema_message(label: &str, edit: &AttrEdit, after: &LabelSet, id: LabelId) -> String {
    let shown = |name: &str| {
        after
            .attribute(id, name.trim())
            .map(|d| match &d.kind {
                AttrKind::Flag => " (yes or no)".to_string(),
                AttrKind::Text => " (free text)".to_string(),
                AttrKind::Choice(v) => format!(" ({})", v.join(", ")),
            })
            .unwrap_or_default()
    };
    match edit {
        AttrEdit::Add(def) => format!(
            "{label} now has the attribute “{}”{}. Focus a {label} and press T to set it.",
            def.name,
            shown(&def.name)
        ),
        AttrEdit::Rename { name, to } => format!(
            "Renamed the attribute “{name}” of {label} to “{}”; its values followed.",
            to.trim()
        ),
        AttrEdit::Remove { name } => format!(
            "Removed the attribute “{name}” from {label}, and its values from every document."
        ),
        AttrEdit::AddValue { name, value } => format!(
            "“{name}” of {label} can now be “{}”{}.",
            value.trim(),
            shown(name)
        ),
        AttrEdit::RenameValue { name, value, to } => format!(
            "“{value}” of “{name}” is now “{}”; spans with it followed.",
            to.trim()
        ),
        AttrEdit::RemoveValue { name, value } => {
            format!("Removed “{value}” from “{name}” of {label}; spans that had it lost it.")
        }
    }
}

impl AppState {
    pub(super) fn qualify(&mut self, action: QualifyAction) {
        if self.screen == Screen::Review && !matches!(action, QualifyAction::Close) {
            return self
                .error("Attributes and notes are set on the document screen, not in review.");
        }
        match action {
            QualifyAction::OpenPicker => self.open_picker(),
            QualifyAction::OpenNote => self.open_note(),
            QualifyAction::Close => self.qualify = QualifyState::default(),
            QualifyAction::SetAttr { id, name, value } => self.set_attr(&id, &name, value),
            QualifyAction::SaveNote { id, text } => self.save_note(&id, &text),
        }
    }

    fn focused_span(&mut self) -> Option<(SpanId, String)> {
        let Some(id) = self.focused.clone() else {
            self.error("Focus a span first (Tab or J steps to the next one).");
            return None;
        };
        let label = self
            .doc()
            .spans()
            .get(&id)
            .map(|s| self.doc().labels().name(s.label()).to_string())?;
        Some((id, label))
    }

    fn open_picker(&mut self) {
        let Some((id, label)) = self.focused_span() else {
            return;
        };
        let defs = self
            .doc()
            .labels()
            .by_name(&label)
            .and_then(|l| self.doc().labels().get(l))
            .map_or(0, |l| l.attributes.len());
        if defs == 0 {
            return self.error(&format!(
                "{label} has no attributes yet; add some in the Labels panel."
            ));
        }
        self.qualify = QualifyState {
            picker: Some(id),
            note: None,
        };
    }

    fn open_note(&mut self) {
        if let Some((id, _)) = self.focused_span() {
            self.qualify = QualifyState {
                picker: None,
                note: Some(id),
            };
        }
    }

    fn set_attr(&mut self, id: &SpanId, name: &str, value: Option<AttrValue>) {
        let r = self.editor.set_attr(id, name, value.clone());
        if r.is_ok() {
            self.qualify.picker = None;
        }
        let what = match &value {
            Some(v) => format!("{name}: {}", clip(v.as_text(), 40)),
            None => format!("no {name}"),
        };
        self.outcome(r, |s| describe(s.doc(), id, &format!("Set {what} on")));
    }

    fn save_note(&mut self, id: &SpanId, text: &str) {
        let r = self.editor.set_note(id, text);
        if r.is_ok() {
            self.qualify.note = None;
        }
        let n = text.trim().chars().count();
        let verb = if n == 0 {
            "Removed the note of".to_string()
        } else {
            format!("Saved a note ({n} character{}) on", plural(n))
        };
        self.outcome(r, |s| describe(s.doc(), id, &verb));
    }

    /// Escape closes an open picker or note editor first; true when it did.
    pub(super) fn close_qualify(&mut self) -> bool {
        let open = self.qualify != QualifyState::default();
        self.qualify = QualifyState::default();
        open
    }
}

#[cfg(test)]
mod tests;
