//! Where a gold span came from: who proposed it and how it got into gold (merged
//! automatically, or by which of the reviewer's operations). Plain values; the native format
//! writes them on each annotation (`format::review_fields`).

use std::fmt;

/// How a span got into gold.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum How {
    /// The auto-merge: enough annotators agreed.
    Auto,
    /// The reviewer accepted this layer's version of a conflict.
    Accepted { layer: String },
    /// The reviewer accepted all remaining spans of this layer.
    AcceptedAll { layer: String },
    /// The reviewer drew it.
    Added,
    /// The reviewer moved its ends.
    Resized,
    /// The reviewer gave it another label.
    Relabelled,
}

impl How {
    /// False only for the auto-merge.
    pub fn by_reviewer(&self) -> bool {
        *self != How::Auto
    }

    /// The operation's name on the wire (`None` for the auto-merge).
    pub fn operation(&self) -> Option<&'static str> {
        match self {
            How::Auto => None,
            How::Accepted { .. } => Some("accept"),
            How::AcceptedAll { .. } => Some("accept_all"),
            How::Added => Some("add"),
            How::Resized => Some("resize"),
            How::Relabelled => Some("relabel"),
        }
    }

    /// The layer whose version was accepted, for the two accepting operations.
    pub fn layer(&self) -> Option<&str> {
        match self {
            How::Accepted { layer } | How::AcceptedAll { layer } => Some(layer),
            _ => None,
        }
    }

    /// The operation from its wire name (and layer, which the accepting ones need).
    pub fn from_wire(operation: Option<&str>, layer: Option<&str>) -> Option<How> {
        let layer = || layer.filter(|l| !l.is_empty()).map(str::to_string);
        Some(match operation {
            None => How::Auto,
            Some("accept") => How::Accepted { layer: layer()? },
            Some("accept_all") => How::AcceptedAll { layer: layer()? },
            Some("add") => How::Added,
            Some("resize") => How::Resized,
            Some("relabel") => How::Relabelled,
            Some(_) => return None,
        })
    }
}

impl fmt::Display for How {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            How::Auto => write!(f, "merged automatically"),
            How::Accepted { layer } => write!(f, "accepted from {layer} by the reviewer"),
            How::AcceptedAll { layer } => {
                write!(f, "accepted with all of {layer}'s spans by the reviewer")
            }
            How::Added => write!(f, "drawn by the reviewer"),
            How::Resized => write!(f, "resized by the reviewer"),
            How::Relabelled => write!(f, "relabelled by the reviewer"),
        }
    }
}

/// Who proposed a gold span and how it got there.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Provenance {
    /// The layers (by name, in the review's order) that hold exactly this span; for a span
    /// the reviewer resized or relabelled, those that held the span it was made from.
    pub proposed_by: Vec<String>,
    pub how: How,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(how: How, by_reviewer: bool, wire: (Option<&str>, Option<&str>), shown: &str) {
        assert_eq!(how.by_reviewer(), by_reviewer);
        assert_eq!((how.operation(), how.layer()), wire);
        assert_eq!(How::from_wire(wire.0, wire.1), Some(how.clone()));
        assert_eq!(how.to_string(), shown);
    }

    #[test]
    fn operations_have_wire_names_and_plain_words() {
        check(How::Auto, false, (None, None), "merged automatically");
        let zoe = || "Zoë 👩🏽‍💻".to_string();
        check(
            How::Accepted { layer: zoe() },
            true,
            (Some("accept"), Some("Zoë 👩🏽‍💻")),
            "accepted from Zoë 👩🏽‍💻 by the reviewer",
        );
        check(
            How::AcceptedAll {
                layer: "مريم".into(),
            },
            true,
            (Some("accept_all"), Some("مريم")),
            "accepted with all of مريم's spans by the reviewer",
        );
        check(
            How::Added,
            true,
            (Some("add"), None),
            "drawn by the reviewer",
        );
        check(
            How::Resized,
            true,
            (Some("resize"), None),
            "resized by the reviewer",
        );
        check(
            How::Relabelled,
            true,
            (Some("relabel"), None),
            "relabelled by the reviewer",
        );
        assert_eq!(How::from_wire(Some("accept"), None), None, "whose version?");
        assert_eq!(How::from_wire(Some("accept"), Some("")), None);
        assert_eq!(How::from_wire(Some("guess"), None), None);
    }
}
