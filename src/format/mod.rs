//! Wire formats: serde types kept apart from the model types, each module documenting its
//! fields, its offset unit and what it drops.

pub mod native;
pub mod report;
mod resolve;
