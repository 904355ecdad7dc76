//! Labels: the names a span can carry, their hotkeys and colours, and the default set
//! (Entity, Claim, Quote). A document carries its label set, so an imported file may bring its own.

use std::rc::Rc;

/// Index of a label in its document's [`LabelSet`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LabelId(pub u8);

impl LabelId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// One label as the user sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub name: Rc<str>,
    /// The key that applies this label: `1` to `9`.
    pub hotkey: char,
    /// `#rrggbb`, the strong colour of the label (borders, badges); tints derive from it.
    pub color: Rc<str>,
}

/// The labels of a document, in hotkey order. At most nine, one per digit key.
///
/// Invariant: names are unique and non-empty, hotkeys are distinct digits `1`–`9`,
/// colours are `#rrggbb`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelSet(Rc<[Label]>);

/// Why a label set could not be built.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LabelError {
    /// No labels at all.
    Empty,
    /// More labels than there are digit keys.
    TooMany(usize),
    /// A label without a name.
    EmptyName,
    /// Two labels with the same name.
    DuplicateName(String),
}

impl std::fmt::Display for LabelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LabelError::Empty => write!(f, "the file defines no labels"),
            LabelError::TooMany(n) => {
                write!(f, "the file defines {n} labels; at most 9 are supported")
            }
            LabelError::EmptyName => write!(f, "the file defines a label without a name"),
            LabelError::DuplicateName(n) => write!(f, "the file defines the label \"{n}\" twice"),
        }
    }
}

/// Colours used when a label comes without a valid one; chosen to keep dark text readable
/// on their tints and to differ in lightness as well as hue.
const PALETTE: [&str; 9] = [
    "#1d4ed8", "#047857", "#b45309", "#7e22ce", "#be123c", "#0e7490", "#4d7c0f", "#a21caf",
    "#475569",
];

impl LabelSet {
    /// Entity (1), Claim (2), Quote (3).
    pub fn standard() -> LabelSet {
        LabelSet::from_names(&["Entity", "Claim", "Quote"]).expect("the standard labels are valid")
    }

    /// A set with default hotkeys and colours for the given names.
    pub fn from_names(names: &[&str]) -> Result<LabelSet, LabelError> {
        LabelSet::build(names.iter().map(|n| (n.to_string(), None)).collect())
    }

    /// A set from `(name, colour)` pairs; hotkeys follow the order, invalid colours fall back
    /// to the palette.
    pub fn build(labels: Vec<(String, Option<String>)>) -> Result<LabelSet, LabelError> {
        if labels.is_empty() {
            return Err(LabelError::Empty);
        }
        if labels.len() > 9 {
            return Err(LabelError::TooMany(labels.len()));
        }
        let mut out: Vec<Label> = Vec::with_capacity(labels.len());
        for (i, (name, color)) in labels.into_iter().enumerate() {
            if name.trim().is_empty() {
                return Err(LabelError::EmptyName);
            }
            if out.iter().any(|l| *l.name == *name) {
                return Err(LabelError::DuplicateName(name));
            }
            let color = color
                .filter(|c| is_hex_color(c))
                .unwrap_or_else(|| PALETTE[i].to_string());
            out.push(Label {
                name: Rc::from(name.as_str()),
                hotkey: char::from_digit(i as u32 + 1, 10).unwrap_or('9'),
                color: Rc::from(color.as_str()),
            });
        }
        Ok(LabelSet(Rc::from(out)))
    }

    pub fn iter(&self) -> impl Iterator<Item = (LabelId, &Label)> {
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
        self.iter().find(|(_, l)| l.hotkey == key).map(|(id, _)| id)
    }
}

fn is_hex_color(c: &str) -> bool {
    c.len() == 7 && c.starts_with('#') && c[1..].chars().all(|h| h.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

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
                ("Entity".into(), '1'),
                ("Claim".into(), '2'),
                ("Quote".into(), '3')
            ]
        );
        assert_eq!(s.by_hotkey('3'), Some(LabelId(2)));
        assert_eq!(s.by_hotkey('4'), None);
        assert_eq!(s.by_name("Claim"), Some(LabelId(1)));
        assert_eq!(s.by_name("claim"), None, "names are case-sensitive");
    }

    #[test]
    fn build_checks() {
        assert_eq!(LabelSet::build(vec![]), Err(LabelError::Empty));
        assert_eq!(
            LabelSet::from_names(&["A", "A"]),
            Err(LabelError::DuplicateName("A".into()))
        );
        assert_eq!(LabelSet::from_names(&[" "]), Err(LabelError::EmptyName));
        let ten: Vec<&str> = vec!["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
        assert_eq!(LabelSet::from_names(&ten), Err(LabelError::TooMany(10)));
        let s = LabelSet::build(vec![
            ("P".into(), Some("#ABCDEF".into())),
            ("Q".into(), Some("red".into())),
        ])
        .unwrap();
        assert_eq!(&*s.get(LabelId(0)).unwrap().color, "#ABCDEF");
        assert_eq!(&*s.get(LabelId(1)).unwrap().color, PALETTE[1]);
    }
}
