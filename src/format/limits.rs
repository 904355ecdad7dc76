//! The size limits of articles and imports, in one place, with the plain-words messages that
//! explain them. The app, the import workflow and the command line all read these.

/// The largest article accepted, in UTF-8 bytes.
pub const MAX_TEXT_BYTES: usize = 1_000_000;

/// The largest import (all files together): an article at the limit with many spans.
pub const MAX_IMPORT_BYTES: usize = 12 * MAX_TEXT_BYTES;

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
        assert!(too_long(1_200_000).starts_with("This article is 1.2 MB"));
        assert_eq!(
            import_too_big(13_000_000),
            "the file is 13.0 MB; files up to 12.0 MB can be imported"
        );
    }
}
