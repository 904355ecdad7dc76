//! The pure model: text, offsets, spans with their attributes and notes, relations, labels,
//! segmentation, edits and undo. Nothing here
//! knows about the browser or the view; it compiles and is tested natively.

pub mod attribute;
pub mod caret;
pub mod document;
pub mod draft;
pub mod editor;
pub mod find;
pub mod grapheme;
pub mod label;
pub mod link_targets;
pub mod navigate;
pub mod offsets;
pub mod order;
pub mod relation;
pub mod revision;
pub mod segment;
pub mod selection;
pub mod span;
pub mod spans;
pub mod text;
pub mod title;
pub mod words;

pub use attribute::{AttrDef, AttrKind, AttrValue, Attrs};
pub use document::Document;
pub use editor::{Editor, Refusal};
pub use label::{LabelId, LabelSet};
pub use relation::{Relation, RelationId, RelationSet, RelationType};
pub use span::{CharRange, Span, SpanId};
