//! Labels: the names a span can carry, their hotkeys, colours and descriptions (the
//! annotation guideline), and the default set (Entity, Claim, Quote). A document carries its
//! label set, so an imported file may bring its own. Editing a set (add, rename, reorder,
//! delete) lives in `corpus::schema`; this file owns the set's invariant and its hotkeys.
//!
//! Hotkeys follow the order of the set: `1`–`9` for the first nine labels, then the letters
//! of [`LABEL_LETTERS`] in alphabetical order, which leave out every letter the app binds or
//! has promised as a shortcut ([`RESERVED_LETTERS`]). Labels past the last key have none and
//! are applied from the label bar. So reordering a set reassigns its hotkeys, and the keys a
//! user learns for a set depend on its order only.

use super::attribute::AttrDef;
use super::relation::RelationType;
use std::rc::Rc;

/// Index of a label in its document's [`LabelSet`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LabelId(pub u8);

impl LabelId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// The most labels a set holds: one per [`LabelId`]. Far beyond any annotation guideline
/// people work with by hand; fine-grained entity schemes (OntoNotes' 18, FIGER's 112) fit.
pub const MAX_LABELS: usize = u8::MAX as usize;

/// Letters that are never label hotkeys, because the app binds them (or an open issue has
/// promised them) as shortcuts without a modifier:
///
/// | key | shortcut |
/// |---|---|
/// | `a`, `r` | accept, reject (review) |
/// | `c` | comment (review) |
/// | `d` | mark done (and open the next document) |
/// | `f` | fix (review) |
/// | `j`, `k` | next, previous span |
/// | `l` | link (relations) |
/// | `n`, `p` | next, previous document |
/// | `t` | attributes (tags) |
pub const RESERVED_LETTERS: &str = "acdfjklnprt";

/// The letters that serve as hotkeys after the nine digits, in the order they are given out.
pub const LABEL_LETTERS: &str = "beghimoqsuvwxyz";

/// Every key a label can have, in the order they are given out: the digits, then
/// [`LABEL_LETTERS`].
pub const HOTKEYS: &str = "123456789beghimoqsuvwxyz";

/// The hotkey of the label at `position` (0-based) in a set: `1`–`9`, then [`LABEL_LETTERS`];
/// `None` past the last.
pub fn hotkey_at(position: usize) -> Option<char> {
    match position {
        0..=8 => u32::try_from(position + 1)
            .ok()
            .and_then(|d| char::from_digit(d, 10)),
        _ => LABEL_LETTERS.chars().nth(position - 9),
    }
}

/// True for a key that applies a label in some set (a digit `1`–`9` or a label letter).
pub fn is_label_key(key: char) -> bool {
    ('1'..='9').contains(&key) || LABEL_LETTERS.contains(key)
}

/// One label as the user sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub name: Rc<str>,
    /// The key that applies this label (see the module docs); `None` past the last key.
    pub hotkey: Option<char>,
    /// `#rrggbb`, the strong colour of the label (borders, badges); tints derive from it.
    pub color: Rc<str>,
    /// The guideline for this label, shown on hover and in the help; empty when none.
    pub description: Rc<str>,
    /// The attributes a span of this label can carry, in the order the picker shows them.
    pub attributes: Rc<[AttrDef]>,
}

/// What a label is made from: everything but its hotkey, which follows its position.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LabelSpec {
    pub name: String,
    /// `#rrggbb`; `None` (or anything else) takes a colour from the default palette.
    pub color: Option<String>,
    pub description: String,
    /// Attribute definitions; a repeated name keeps the first.
    pub attributes: Vec<AttrDef>,
}

impl LabelSpec {
    /// A label with a name only.
    pub fn named(name: &str) -> LabelSpec {
        LabelSpec {
            name: name.to_string(),
            ..LabelSpec::default()
        }
    }
}

/// The labels of a document, in hotkey order, and the relation types that link their spans:
/// the schema.
///
/// Invariant: 1 to [`MAX_LABELS`] labels; names are unique and not blank; hotkeys are
/// [`hotkey_at`] of the position; colours are `#rrggbb`; attribute names are unique within a
/// label; relation type names are unique and not blank.
#[derive(Clone, Debug)]
pub struct LabelSet(Rc<[Label]>, Rc<[RelationType]>);

/// By value, with the shared case first: `Rc`'s own comparison skips to "equal" for the same
/// pointer only when the value is sized, so two handles on one `[Label]` were compared label
/// by label, and the view compares the label set of every block of the article on every edit.
impl PartialEq for LabelSet {
    fn eq(&self, other: &Self) -> bool {
        (Rc::ptr_eq(&self.0, &other.0) || self.0 == other.0)
            && (Rc::ptr_eq(&self.1, &other.1) || self.1 == other.1)
    }
}

impl Eq for LabelSet {}

/// Why a label set could not be built.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LabelError {
    /// No labels at all.
    Empty,
    /// More labels than a set holds.
    TooMany(usize),
    /// A label without a name.
    EmptyName,
    /// Two labels with the same name.
    DuplicateName(String),
    /// Two relation types with the same name.
    DuplicateRelation(String),
    /// A relation type without a name.
    EmptyRelation,
}

impl std::fmt::Display for LabelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LabelError::Empty => write!(f, "the file defines no labels"),
            LabelError::TooMany(n) => {
                write!(
                    f,
                    "the file defines {n} labels; at most {MAX_LABELS} are supported"
                )
            }
            LabelError::EmptyName => write!(f, "the file defines a label without a name"),
            LabelError::DuplicateName(n) => write!(f, "the file defines the label \"{n}\" twice"),
            LabelError::DuplicateRelation(n) => {
                write!(f, "the file defines the relation type \"{n}\" twice")
            }
            LabelError::EmptyRelation => {
                write!(f, "the file defines a relation type without a name")
            }
        }
    }
}

/// Colours used when a label comes without a valid one (cycled past the ninth label); chosen
/// to keep dark text readable on their tints and to differ in lightness as well as hue.
const PALETTE: [&str; 9] = [
    "#1d4ed8", "#047857", "#b45309", "#7e22ce", "#be123c", "#0e7490", "#4d7c0f", "#a21caf",
    "#475569",
];

/// The default colour of the label at `position`.
pub fn default_color(position: usize) -> &'static str {
    PALETTE[position % PALETTE.len()]
}

impl LabelSet {
    /// Entity (1), Claim (2), Quote (3), with the standard relation types
    /// ([`RelationType::standard`]) and no attributes.
    pub fn standard() -> LabelSet {
        LabelSet::from_names(&["Entity", "Claim", "Quote"]).expect("the standard labels are valid")
    }

    /// A set with default hotkeys and colours for the given names.
    pub fn from_names(names: &[&str]) -> Result<LabelSet, LabelError> {
        LabelSet::from_specs(names.iter().map(|n| LabelSpec::named(n)).collect())
    }

    /// A set from `(name, colour)` pairs; hotkeys follow the order, invalid colours fall back
    /// to the palette.
    pub fn build(labels: Vec<(String, Option<String>)>) -> Result<LabelSet, LabelError> {
        LabelSet::from_specs(
            labels
                .into_iter()
                .map(|(name, color)| LabelSpec {
                    name,
                    color,
                    ..LabelSpec::default()
                })
                .collect(),
        )
    }

    /// A set from full label descriptions; hotkeys follow the order, invalid colours fall back
    /// to the palette. It gets the standard relation types whose labels it has (`related_to`
    /// always); [`LabelSet::with_relation_types`] sets others.
    pub fn from_specs(labels: Vec<LabelSpec>) -> Result<LabelSet, LabelError> {
        if labels.is_empty() {
            return Err(LabelError::Empty);
        }
        if labels.len() > MAX_LABELS {
            return Err(LabelError::TooMany(labels.len()));
        }
        let mut out: Vec<Label> = Vec::with_capacity(labels.len());
        for (i, spec) in labels.into_iter().enumerate() {
            let name = spec.name;
            if name.trim().is_empty() {
                return Err(LabelError::EmptyName);
            }
            if out.iter().any(|l| *l.name == *name) {
                return Err(LabelError::DuplicateName(name));
            }
            let color = spec
                .color
                .filter(|c| is_hex_color(c))
                .unwrap_or_else(|| default_color(i).to_string());
            let mut attributes: Vec<AttrDef> = Vec::with_capacity(spec.attributes.len());
            for a in spec.attributes {
                if !a.name.is_empty() && !attributes.iter().any(|b| b.name == a.name) {
                    attributes.push(a);
                }
            }
            out.push(Label {
                name: Rc::from(name.as_str()),
                hotkey: hotkey_at(i),
                color: Rc::from(color.as_str()),
                description: Rc::from(spec.description.as_str()),
                attributes: attributes.into(),
            });
        }
        let types: Vec<RelationType> = RelationType::standard()
            .into_iter()
            .filter(|t| {
                t.pairs.iter().all(|(a, b)| {
                    out.iter().any(|l| l.name == *a) && out.iter().any(|l| l.name == *b)
                })
            })
            .collect();
        Ok(LabelSet(Rc::from(out), types.into()))
    }

    /// The same labels with these relation types (replacing any it had).
    pub fn with_relation_types(&self, types: Vec<RelationType>) -> Result<LabelSet, LabelError> {
        for (i, t) in types.iter().enumerate() {
            if t.name.trim().is_empty() {
                return Err(LabelError::EmptyRelation);
            }
            if types.iter().take(i).any(|u| u.name == t.name) {
                return Err(LabelError::DuplicateRelation(t.name.to_string()));
            }
        }
        Ok(LabelSet(self.0.clone(), types.into()))
    }

    /// The same labels with the relation types of `sets`, in order, the first of each name
    /// winning: a set rebuilt from specs (which carry labels only) gets its types back.
    pub fn with_types_from<'a>(&self, sets: impl IntoIterator<Item = &'a LabelSet>) -> LabelSet {
        let mut types: Vec<RelationType> = Vec::new();
        for set in sets {
            for t in set.relation_types() {
                if !types.iter().any(|u| u.name == t.name) {
                    types.push(t.clone());
                }
            }
        }
        LabelSet(self.0.clone(), types.into())
    }

    /// The relation types, in the order the picker shows them.
    pub fn relation_types(&self) -> &[RelationType] {
        &self.1
    }

    pub fn relation_type(&self, name: &str) -> Option<&RelationType> {
        self.1.iter().find(|t| &*t.name == name)
    }

    /// The attribute `name` of `label`, if the label defines it.
    pub fn attribute(&self, label: LabelId, name: &str) -> Option<&AttrDef> {
        self.get(label)?
            .attributes
            .iter()
            .find(|a| &*a.name == name)
    }

    /// The set as specs, in order: what [`LabelSet::from_specs`] rebuilds it from.
    pub fn specs(&self) -> Vec<LabelSpec> {
        self.0
            .iter()
            .map(|l| LabelSpec {
                name: l.name.to_string(),
                color: Some(l.color.to_string()),
                description: l.description.to_string(),
                attributes: l.attributes.to_vec(),
            })
            .collect()
    }

    pub fn iter(&self) -> impl Iterator<Item = (LabelId, &Label)> {
        // At most MAX_LABELS labels, so every index fits a LabelId.
        self.0
            .iter()
            .enumerate()
            .map(|(i, l)| (LabelId(i as u8), l))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, id: LabelId) -> Option<&Label> {
        self.0.get(id.index())
    }

    /// The name of a label, or `?` for an id from another set (never expected).
    pub fn name(&self, id: LabelId) -> &str {
        self.get(id).map_or("?", |l| &l.name)
    }

    pub fn by_name(&self, name: &str) -> Option<LabelId> {
        self.iter()
            .find(|(_, l)| &*l.name == name)
            .map(|(id, _)| id)
    }

    pub fn by_hotkey(&self, key: char) -> Option<LabelId> {
        self.iter()
            .find(|(_, l)| l.hotkey == Some(key))
            .map(|(id, _)| id)
    }
}

/// True for `#rrggbb` (either case).
pub fn is_hex_color(c: &str) -> bool {
    c.len() == 7 && c.starts_with('#') && c.bytes().skip(1).all(|h| h.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::attribute::AttrKind;

    #[test]
    fn standard_set() {
        let s = LabelSet::standard();
        let names: Vec<_> = s
            .iter()
            .map(|(_, l)| (l.name.to_string(), l.hotkey))
            .collect();
        assert_eq!(
            names,
            [
                ("Entity".into(), Some('1')),
                ("Claim".into(), Some('2')),
                ("Quote".into(), Some('3'))
            ]
        );
        assert_eq!(s.by_hotkey('3'), Some(LabelId(2)));
        assert_eq!(s.by_hotkey('4'), None);
        assert_eq!(s.by_name("Claim"), Some(LabelId(1)));
        assert_eq!(s.by_name("claim"), None, "names are case-sensitive");
    }

    #[track_caller]
    fn check_eq(a: &LabelSet, b: &LabelSet, want: bool) {
        assert_eq!(a == b, want, "{a:?} == {b:?}");
        assert_eq!(b == a, want, "and the other way round");
    }

    #[test]
    fn sets_compare_by_value_whether_shared_or_not() {
        let names = ["Entité", "Claim 👩🏽‍💻", "引用", "اقتباس"];
        let a = LabelSet::from_names(&names).unwrap();
        check_eq(&a, &a.clone(), true);
        check_eq(&a, &LabelSet::from_names(&names).unwrap(), true);
        check_eq(&a, &LabelSet::from_names(&names[..3]).unwrap(), false);
        check_eq(
            &a,
            &LabelSet::from_names(&["Entité", "Claim", "引用", "اقتباس"]).unwrap(),
            false,
        );
        let recoloured = LabelSet::build(
            names
                .iter()
                .enumerate()
                .map(|(i, n)| (n.to_string(), (i == 2).then(|| "#000000".to_string())))
                .collect(),
        )
        .unwrap();
        check_eq(&a, &recoloured, false);
        check_eq(&a, &a.with_relation_types(vec![]).unwrap(), false);
        let linked = |names: &[&str]| {
            a.with_relation_types(names.iter().map(|n| RelationType::any(n)).collect())
                .unwrap()
        };
        let r = linked(&["cites", "反驳"]);
        check_eq(&r, &r.clone(), true);
        check_eq(&r, &linked(&["cites", "反驳"]), true);
        check_eq(&r, &linked(&["cites", "反駁"]), false);
        check_eq(&r, &linked(&["反驳", "cites"]), false);
        check_eq(&r, &a, false);
        check_eq(&LabelSet::standard(), &LabelSet::standard(), true);
    }

    #[test]
    fn build_checks() {
        assert_eq!(LabelSet::build(vec![]), Err(LabelError::Empty));
        assert_eq!(
            LabelSet::from_names(&["A", "A"]),
            Err(LabelError::DuplicateName("A".into()))
        );
        assert_eq!(LabelSet::from_names(&[" "]), Err(LabelError::EmptyName));
        let too_many: Vec<String> = (0..=MAX_LABELS).map(|i| format!("L{i}")).collect();
        let refs: Vec<&str> = too_many.iter().map(String::as_str).collect();
        assert_eq!(
            LabelSet::from_names(&refs),
            Err(LabelError::TooMany(MAX_LABELS + 1))
        );
        assert_eq!(
            LabelSet::from_names(&refs[..MAX_LABELS]).map(|s| s.len()),
            Ok(MAX_LABELS)
        );
        let s = LabelSet::build(vec![
            ("P".into(), Some("#ABCDEF".into())),
            ("Q".into(), Some("red".into())),
            ("R".into(), Some("#ABCDEF0".into())),
            ("S".into(), Some("#ÄBCDE".into())),
        ])
        .unwrap();
        assert_eq!(&*s.get(LabelId(0)).unwrap().color, "#ABCDEF");
        assert_eq!(&*s.get(LabelId(1)).unwrap().color, PALETTE[1]);
        assert_eq!(&*s.get(LabelId(2)).unwrap().color, PALETTE[2]);
        assert_eq!(&*s.get(LabelId(3)).unwrap().color, PALETTE[3]);
    }

    #[track_caller]
    fn check_hotkey(position: usize, want: Option<char>) {
        assert_eq!(hotkey_at(position), want, "position {position}");
    }

    #[test]
    fn hotkeys_run_through_digits_then_free_letters() {
        check_hotkey(0, Some('1'));
        check_hotkey(8, Some('9'));
        check_hotkey(9, Some('b'));
        check_hotkey(10, Some('e'));
        check_hotkey(11, Some('g'));
        check_hotkey(23, Some('z'));
        check_hotkey(24, None);
        check_hotkey(MAX_LABELS, None);
        assert_eq!(LABEL_LETTERS.len() + RESERVED_LETTERS.len(), 26);
        for c in 'a'..='z' {
            assert_ne!(
                LABEL_LETTERS.contains(c),
                RESERVED_LETTERS.contains(c),
                "{c} is either a label letter or reserved"
            );
        }
        assert!(is_label_key('1') && is_label_key('b') && is_label_key('z'));
        let all: String = (0..HOTKEYS.len()).filter_map(hotkey_at).collect();
        assert_eq!(all, HOTKEYS);
        assert!(HOTKEYS.chars().all(is_label_key));
        assert!(!is_label_key('0') && !is_label_key('j') && !is_label_key('B'));
    }

    #[test]
    fn many_labels_get_keys_colours_and_keep_descriptions() {
        let names: Vec<String> = (0..30).map(|i| format!("Typ {i} é")).collect();
        let specs: Vec<LabelSpec> = names
            .iter()
            .map(|n| LabelSpec {
                name: n.clone(),
                color: None,
                description: format!("Mark «{n}» 😀"),
                attributes: vec![AttrDef::new("kind", AttrKind::choice(&["a", "b"]))],
            })
            .collect();
        let s = LabelSet::from_specs(specs.clone()).unwrap();
        assert_eq!(s.len(), 30);
        assert_eq!(s.by_hotkey('b'), Some(LabelId(9)));
        assert_eq!(s.get(LabelId(29)).unwrap().hotkey, None);
        assert_eq!(&*s.get(LabelId(9)).unwrap().color, PALETTE[0]);
        assert_eq!(
            &*s.get(LabelId(3)).unwrap().description,
            "Mark «Typ 3 é» 😀"
        );
        assert_eq!(LabelSet::from_specs(s.specs()), Ok(s.clone()));
    }
}
