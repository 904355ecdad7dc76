//! What names a file as Article Annotator's own: the format tag and version a native file
//! carries. The native reader and writer check and write them; the import report's messages
//! quote them, so they live below both and neither has to know the other.

/// The `format` of a native file.
pub const FORMAT: &str = "article-annotator";
/// The `version` of the native format this build reads and writes.
pub const VERSION: u64 = 1;
