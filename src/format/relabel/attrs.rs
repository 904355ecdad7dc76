//! What an edit of a label's attributes does to the values stored spans carry
//! (`corpus::schema::attrs`): renamed with the attribute or the value, or dropped with it.
//! Applied by [`super::relabel`] to every span record and undo step of the label.

use serde::{Deserialize, Serialize};

use crate::format::qualifiers::WireValue;
use crate::format::store::SpanRecord;

/// One rewrite of stored attribute values: the spans of `label` (by name), attribute `name`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttrRewrite {
    pub label: String,
    pub name: String,
    pub fate: AttrFate,
}

/// What becomes of the attribute's values.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttrFate {
    /// The attribute has a new name.
    Rename(String),
    /// The attribute is gone with its values.
    Drop,
    /// One value of a list is worded anew.
    RenameValue { from: String, to: String },
    /// One value of a list is gone: spans with it lose the attribute.
    DropValue(String),
}

impl AttrRewrite {
    /// Applies the rewrite to a stored span; true when it changed.
    pub fn apply(&self, span: &mut SpanRecord) -> bool {
        if span.label != self.label {
            return false;
        }
        let Some(value) = span.attrs.get(&self.name) else {
            return false;
        };
        let is = |v: &str| matches!(value, WireValue::Text(t) if t == v);
        match &self.fate {
            AttrFate::Rename(to) => {
                if let Some(v) = span.attrs.remove(&self.name) {
                    span.attrs.insert(to.clone(), v);
                }
            }
            AttrFate::Drop => drop(span.attrs.remove(&self.name)),
            AttrFate::RenameValue { from, to } if is(from) => {
                span.attrs
                    .insert(self.name.clone(), WireValue::Text(to.clone()));
            }
            AttrFate::DropValue(v) if is(v) => drop(span.attrs.remove(&self.name)),
            AttrFate::RenameValue { .. } | AttrFate::DropValue(_) => return false,
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn span(label: &str, attrs: &[(&str, WireValue)]) -> SpanRecord {
        SpanRecord {
            id: "a1".into(),
            label: label.into(),
            start: 0,
            end: 3,
            attrs: attrs
                .iter()
                .map(|(n, v)| (n.to_string(), v.clone()))
                .collect(),
            note: Some("«sic» 🧐".into()),
        }
    }

    fn t(s: &str) -> WireValue {
        WireValue::Text(s.into())
    }

    #[track_caller]
    fn check(
        fate: AttrFate,
        label: &str,
        before: &[(&str, WireValue)],
        want: Option<&[(&str, WireValue)]>,
    ) {
        let rw = AttrRewrite {
            label: "Claim".into(),
            name: "prüfwürdig".into(),
            fate: fate.clone(),
        };
        let mut s = span(label, before);
        let changed = rw.apply(&mut s);
        assert_eq!(changed, want.is_some(), "{fate:?} on {before:?}");
        let want: BTreeMap<String, WireValue> = want
            .unwrap_or(before)
            .iter()
            .map(|(n, v)| (n.to_string(), v.clone()))
            .collect();
        assert_eq!(s.attrs, want, "{fate:?}");
        assert_eq!(s.note.as_deref(), Some("«sic» 🧐"), "notes stay");
    }

    #[test]
    fn stored_values_follow_or_go() {
        let s = |x: &str| x.to_string();
        let cw = |v: &str| ("prüfwürdig", t(v));
        check(
            AttrFate::Rename(s("检查")),
            "Claim",
            &[cw("ja")],
            Some(&[("检查", t("ja"))]),
        );
        check(AttrFate::Rename(s("x")), "Quote", &[cw("ja")], None);
        check(
            AttrFate::Rename(s("x")),
            "Claim",
            &[("other", t("ja"))],
            None,
        );
        check(
            AttrFate::Drop,
            "Claim",
            &[cw("ja"), ("flag", WireValue::Flag(true))],
            Some(&[("flag", WireValue::Flag(true))]),
        );
        check(
            AttrFate::RenameValue {
                from: s("ja"),
                to: s("oui 👍"),
            },
            "Claim",
            &[cw("ja")],
            Some(&[cw("oui 👍")]),
        );
        check(
            AttrFate::RenameValue {
                from: s("nein"),
                to: s("non"),
            },
            "Claim",
            &[cw("ja")],
            None,
        );
        check(
            AttrFate::DropValue(s("ja")),
            "Claim",
            &[cw("ja")],
            Some(&[]),
        );
        check(AttrFate::DropValue(s("nein")), "Claim", &[cw("ja")], None);
        check(
            AttrFate::DropValue(s("yes")),
            "Claim",
            &[("prüfwürdig", WireValue::Flag(true))],
            None,
        );
    }
}
