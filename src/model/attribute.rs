//! Attributes: what a label lets the annotator say about a span besides its label (a claim's
//! check-worthiness, a quote's kind, an entity's type), as definitions in the schema and
//! values on spans. Knows nothing of spans or documents.
//!
//! A definition has a name (unique within its label) and a kind: a yes/no flag, one value out
//! of a list, or free text. A span keeps its values by attribute name in an [`Attrs`] map;
//! whether a value fits the span's label is checked by the editor when it is set
//! ([`AttrDef::accepts`]), and importers keep what a file says and report what does not fit.

use std::fmt;
use std::rc::Rc;

/// The longest free text or note kept, in code points; a paste past it is refused.
pub const MAX_TEXT_CHARS: usize = 10_000;

/// What values an attribute takes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum AttrKind {
    /// Yes or no.
    Flag,
    /// One value out of a list, in the order the list is shown.
    Choice(Rc<[Rc<str>]>),
    /// Free text.
    Text,
}

impl AttrKind {
    /// A list of choices; blank and repeated entries are left out.
    pub fn choice<S: AsRef<str>>(values: &[S]) -> AttrKind {
        let mut out: Vec<Rc<str>> = Vec::with_capacity(values.len());
        for v in values {
            let v = v.as_ref().trim();
            if !v.is_empty() && !out.iter().any(|o| &**o == v) {
                out.push(Rc::from(v));
            }
        }
        AttrKind::Choice(out.into())
    }

    /// The word the schema file and the editor use for the kind.
    pub fn word(&self) -> &'static str {
        match self {
            AttrKind::Flag => "flag",
            AttrKind::Choice(_) => "choice",
            AttrKind::Text => "text",
        }
    }
}

/// One attribute a label defines.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AttrDef {
    pub name: Rc<str>,
    pub kind: AttrKind,
}

impl AttrDef {
    pub fn new(name: &str, kind: AttrKind) -> AttrDef {
        AttrDef {
            name: Rc::from(name.trim()),
            kind,
        }
    }

    /// True when `value` is a value of this attribute: a flag for a flag, one of the choices
    /// for a choice, text (not blank, not too long) for text.
    pub fn accepts(&self, value: &AttrValue) -> bool {
        match (&self.kind, value) {
            (AttrKind::Flag, AttrValue::Flag(_)) => true,
            (AttrKind::Choice(list), AttrValue::Choice(v)) => list.iter().any(|c| c == v),
            (AttrKind::Text, AttrValue::Text(t)) => {
                !t.trim().is_empty() && t.chars().count() <= MAX_TEXT_CHARS
            }
            _ => false,
        }
    }

    /// Reads a value written as text (a file's `A` line, a picker's entry): `yes`/`no`
    /// (also `true`/`false`) for a flag, a listed value for a choice, any text for text.
    /// `None` when the text is not a value of this attribute.
    pub fn parse(&self, text: &str) -> Option<AttrValue> {
        let value = match &self.kind {
            AttrKind::Flag => AttrValue::Flag(parse_flag(text)?),
            AttrKind::Choice(_) => AttrValue::Choice(Rc::from(text.trim())),
            AttrKind::Text => AttrValue::Text(Rc::from(text)),
        };
        self.accepts(&value).then_some(value)
    }
}

/// `yes`, `true` → true; `no`, `false` → false (any case); anything else is not a flag.
pub fn parse_flag(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "yes" | "true" => Some(true),
        "no" | "false" => Some(false),
        _ => None,
    }
}

/// One attribute's value on a span.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AttrValue {
    Flag(bool),
    Choice(Rc<str>),
    Text(Rc<str>),
}

impl AttrValue {
    /// The value as the annotator reads it, and as text formats write it (`yes`/`no` for a
    /// flag).
    pub fn as_text(&self) -> &str {
        match self {
            AttrValue::Flag(true) => "yes",
            AttrValue::Flag(false) => "no",
            AttrValue::Choice(v) | AttrValue::Text(v) => v,
        }
    }
}

impl fmt::Display for AttrValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_text())
    }
}

/// The attribute values of one span, by name, in name order. Shared: cloning a span never
/// copies them.
///
/// Invariant: names are unique and sorted. Ordered (by pairs) so that values holding attributes
/// (review layers' spans) can be kept in sorted sets.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Attrs(Option<Rc<[Pair]>>);

/// One attribute's name and value.
type Pair = (Rc<str>, AttrValue);

impl Attrs {
    pub fn new() -> Attrs {
        Attrs(None)
    }

    /// A map from pairs; a later pair wins over an earlier one with the same name.
    pub fn from_pairs(pairs: Vec<(Rc<str>, AttrValue)>) -> Attrs {
        let mut out: Vec<(Rc<str>, AttrValue)> = Vec::with_capacity(pairs.len());
        for (name, value) in pairs {
            match out.binary_search_by(|(n, _)| n.cmp(&name)) {
                Ok(i) => {
                    if let Some(slot) = out.get_mut(i) {
                        slot.1 = value;
                    }
                }
                Err(i) => out.insert(i, (name, value)),
            }
        }
        Attrs((!out.is_empty()).then(|| out.into()))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }

    pub fn len(&self) -> usize {
        self.0.as_ref().map_or(0, |a| a.len())
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &AttrValue)> {
        self.0.iter().flat_map(|a| a.iter()).map(|(n, v)| (&**n, v))
    }

    pub fn get(&self, name: &str) -> Option<&AttrValue> {
        let all = self.0.as_deref()?;
        let i = all.binary_search_by(|(n, _)| (**n).cmp(name)).ok()?;
        all.get(i).map(|(_, v)| v)
    }

    /// The same map with `name` set to `value`, or removed for `None`.
    pub fn with(&self, name: &str, value: Option<AttrValue>) -> Attrs {
        let mut pairs: Vec<(Rc<str>, AttrValue)> = self
            .0
            .iter()
            .flat_map(|a| a.iter())
            .filter(|(n, _)| &**n != name)
            .cloned()
            .collect();
        if let Some(v) = value {
            pairs.push((Rc::from(name), v));
        }
        Attrs::from_pairs(pairs)
    }

    /// The values `defs` accept, dropping the rest (a span moved to another label keeps what
    /// the new label also defines).
    pub fn kept_by(&self, defs: &[AttrDef]) -> Attrs {
        Attrs::from_pairs(
            self.0
                .iter()
                .flat_map(|a| a.iter())
                .filter(|(n, v)| defs.iter().any(|d| d.name == *n && d.accepts(v)))
                .cloned()
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds() -> [AttrDef; 3] {
        [
            AttrDef::new("check-worthy", AttrKind::choice(&["yes", "no", "unsure"])),
            AttrDef::new("direct", AttrKind::Flag),
            AttrDef::new("speaker", AttrKind::Text),
        ]
    }

    #[track_caller]
    fn check_parse(def: usize, text: &str, want: Option<&str>) {
        let d = &kinds()[def];
        assert_eq!(
            d.parse(text).as_ref().map(AttrValue::as_text),
            want,
            "{} ← {text:?}",
            d.name
        );
    }

    #[test]
    fn parsing_values() {
        check_parse(0, "unsure", Some("unsure"));
        check_parse(0, " no ", Some("no"));
        check_parse(0, "maybe", None);
        check_parse(0, "", None);
        check_parse(1, "YES", Some("yes"));
        check_parse(1, "false", Some("no"));
        check_parse(1, "oui", None);
        check_parse(2, "Ильхам Алиев 👩🏽‍💻", Some("Ильхам Алиев 👩🏽‍💻"));
        check_parse(2, "  ", None);
        check_parse(2, &"א".repeat(MAX_TEXT_CHARS + 1), None);
    }

    #[test]
    fn choice_lists_drop_blanks_and_repeats() {
        assert_eq!(
            AttrKind::choice(&["a", " ", "b", "a", "  c "]),
            AttrKind::choice(&["a", "b", "c"])
        );
        assert_eq!(AttrKind::choice(&["地名", "人名"]).word(), "choice");
    }

    #[test]
    fn maps_are_sorted_and_shared() {
        let v = |s: &str| AttrValue::Choice(Rc::from(s));
        let a = Attrs::from_pairs(vec![
            (Rc::from("type"), v("place")),
            (Rc::from("kind"), v("x")),
            (Rc::from("type"), v("person")),
        ]);
        let names: Vec<_> = a.iter().map(|(n, v)| format!("{n}={v}")).collect();
        assert_eq!(names, ["kind=x", "type=person"]);
        assert_eq!(a.get("type"), Some(&v("person")));
        assert_eq!(a.get("nope"), None);
        let b = a.with("kind", None).with("né", Some(AttrValue::Flag(true)));
        let names: Vec<_> = b.iter().map(|(n, v)| format!("{n}={v}")).collect();
        assert_eq!(names, ["né=yes", "type=person"]);
        assert!(a.with("kind", None).with("type", None).is_empty());
        assert_eq!(Attrs::new().len(), 0);
    }

    #[test]
    fn moving_to_another_label_keeps_what_it_defines() {
        let a = Attrs::from_pairs(vec![
            (Rc::from("check-worthy"), AttrValue::Choice(Rc::from("yes"))),
            (Rc::from("direct"), AttrValue::Choice(Rc::from("yes"))),
            (Rc::from("gone"), AttrValue::Flag(true)),
        ]);
        let kept = a.kept_by(&kinds());
        let names: Vec<_> = kept.iter().map(|(n, _)| n.to_string()).collect();
        assert_eq!(
            names,
            ["check-worthy"],
            "direct is a flag there, gone is not defined"
        );
    }
}
