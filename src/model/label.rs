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
    /// The key that applies this label: `1` to `9`, then letters (see [`HOTKEYS`]).
    pub hotkey: char,
    /// `#rrggbb`, the strong colour of the label (borders, badges); tints derive from it.
    pub color: Rc<str>,
}

/// The keys labels get, in order: the digits, then the letters the shortcuts leave free
/// (`j` and `k` step through spans).
pub const HOTKEYS: &str = "123456789abcdefghilmnopqrstuvwxyz";

/// The most labels a set can have: one per key of [`HOTKEYS`].
pub const MAX_LABELS: usize = HOTKEYS.len();

/// The labels of a document or corpus, in hotkey order, one key each.
///
/// Invariant: names are unique and non-empty, hotkeys are the first keys of [`HOTKEYS`] in
/// order, colours are `#rrggbb`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelSet(Rc<[Label]>);

/// Why a label set could not be built.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LabelError {
    /// No labels at all.
    Empty,
    /// More labels than there are keys for them.
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
                write!(
                    f,
                    "the file defines {n} labels; at most {MAX_LABELS} are supported"
                )
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
        if labels.len() > MAX_LABELS {
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
                .unwrap_or_else(|| PALETTE[i % PALETTE.len()].to_string());
            out.push(Label {
                name: Rc::from(name.as_str()),
                hotkey: HOTKEYS.chars().nth(i).unwrap_or('9'),
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
        let names: Vec<String> = (0..=MAX_LABELS).map(|i| format!("L{i}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        assert_eq!(
            LabelSet::from_names(&names),
            Err(LabelError::TooMany(MAX_LABELS + 1))
        );
        let most = LabelSet::from_names(&names[..MAX_LABELS]).unwrap();
        let keys: String = most.iter().map(|(_, l)| l.hotkey).collect();
        assert_eq!(keys, HOTKEYS, "digits, then letters but j and k");
        assert_eq!(most.by_hotkey('a').map(|l| l.index()), Some(9));
        assert_eq!(most.by_hotkey('j'), None);
        let s = LabelSet::build(vec![
            ("P".into(), Some("#ABCDEF".into())),
            ("Q".into(), Some("red".into())),
        ])
        .unwrap();
        assert_eq!(&*s.get(LabelId(0)).unwrap().color, "#ABCDEF");
        assert_eq!(&*s.get(LabelId(1)).unwrap().color, PALETTE[1]);
    }
}
