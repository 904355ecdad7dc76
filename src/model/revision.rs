//! The revision rule that keeps two tabs (or windows) from overwriting each other's work:
//! the stored document carries a revision number that every write moves on by one, and a tab
//! writes only over the revision it last read or wrote. A tab that finds a newer revision has
//! fallen behind another tab: it does not write, and the user decides. The corpus store
//! (`browser::db`) applies it in every write transaction; it lives here so that it is one
//! rule, tested natively.

use std::fmt;

/// Another tab saved since this tab last read or wrote the stored document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// The revision this tab's document derives from.
    pub base: u64,
    /// The revision found in storage.
    pub stored: u64,
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "another tab saved this article (revision {}) after this tab loaded revision {}",
            self.stored, self.base
        )
    }
}

/// The revision to write when a tab whose document derives from `base` saves over storage
/// that holds `stored` (`None`: nothing stored yet, which counts as revision 0).
pub fn next_revision(base: u64, stored: Option<u64>) -> Result<u64, Conflict> {
    let stored = stored.unwrap_or(0);
    if stored != base {
        return Err(Conflict { base, stored });
    }
    // A revision never wraps back to one another tab may still hold.
    Ok(base.saturating_add(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(base: u64, stored: Option<u64>, want: Result<u64, Conflict>) {
        assert_eq!(
            next_revision(base, stored),
            want,
            "base {base}, stored {stored:?}"
        );
    }

    #[test]
    fn a_tab_writes_only_over_the_revision_it_knows() {
        check(0, None, Ok(1));
        check(0, Some(0), Ok(1));
        check(7, Some(7), Ok(8));
        check(7, Some(8), Err(Conflict { base: 7, stored: 8 }));
        check(8, Some(7), Err(Conflict { base: 8, stored: 7 }));
        check(3, None, Err(Conflict { base: 3, stored: 0 }));
        check(u64::MAX, Some(u64::MAX), Ok(u64::MAX));
        assert_eq!(
            Conflict { base: 4, stored: 5 }.to_string(),
            "another tab saved this article (revision 5) after this tab loaded revision 4"
        );
    }
}
