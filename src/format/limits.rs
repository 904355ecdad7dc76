//! The size limits of articles and imports, in one place, with the plain-words messages that
//! explain them. The app, the import workflow and the command line all read these.

/// The largest article accepted, in UTF-8 bytes (the corpus store in IndexedDB holds far
/// more; this keeps one document quick to open and to render).
pub const MAX_TEXT_BYTES: usize = 5_000_000;

/// The largest import (all files chosen at once): a corpus of ten thousand short articles
/// as JSON Lines, or an article at the limit with many spans.
pub const MAX_IMPORT_BYTES: usize = 32_000_000;

/// The most documents a corpus holds (the bin included).
pub const MAX_DOCUMENTS: usize = 25_000;

/// Why adding `adding` documents to a corpus of `have` is refused.
pub fn too_many_documents(have: usize, adding: usize) -> String {
    format!(
        "The corpus has {have} documents and this would add {adding}; a corpus holds up to {MAX_DOCUMENTS}. Nothing was added."
    )
}

/// Why an article of `bytes` is not taken.
pub fn too_long(bytes: usize) -> String {
    format!(
        "This article is {}; Article Annotator takes articles up to {}. Split it into parts and annotate them one by one.",
        human_size(bytes),
        human_size(MAX_TEXT_BYTES)
    )
}

/// Why a file of `bytes` is not imported.
pub fn import_too_big(bytes: usize) -> String {
    format!(
        "the file is {}; files up to {} can be imported",
        human_size(bytes),
        human_size(MAX_IMPORT_BYTES)
    )
}

/// Sizes as people read them: "980 KB", "3.4 MB".
pub fn human_size(bytes: usize) -> String {
    if bytes < 1_000_000 {
        format!("{} KB", bytes.div_ceil(1000))
    } else {
        // Tenths by integer arithmetic, rounded.
        let tenths = bytes.saturating_add(50_000) / 100_000;
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(human_size(0), "0 KB");
        assert_eq!(human_size(1), "1 KB");
        assert_eq!(human_size(999_999), "1000 KB");
        assert_eq!(human_size(1_000_000), "1.0 MB");
        assert_eq!(human_size(3_449_999), "3.4 MB");
        assert_eq!(human_size(3_450_000), "3.5 MB");
        assert!(human_size(usize::MAX).ends_with(" MB"));
        assert!(too_long(5_200_000).starts_with("This article is 5.2 MB"));
        assert_eq!(
            import_too_big(33_000_000),
            "the file is 33.0 MB; files up to 32.0 MB can be imported"
        );
        assert_eq!(
            too_many_documents(24_990, 20),
            "The corpus has 24990 documents and this would add 20; a corpus holds up to 25000. Nothing was added."
        );
    }
}
