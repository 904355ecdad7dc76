//! View.
pub fn start() {}
