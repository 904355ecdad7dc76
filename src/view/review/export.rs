//! Exports that name their annotator: the open document (asking for the name at the first
//! export when none is set), gold from the review (with provenance, named after the reviewer),
//! and a document going back to one annotator with the reviewer's comment to them.

use super::super::state::review::ExportRequest;
use super::super::state::{Action, Notice, ReviewAction};
use super::super::AppHandle;
use crate::browser::files;
use crate::format::annotator::stamp;
use crate::format::{native, FormatKind, OffsetUnit};
use crate::model::title::slug;

/// True when the name must be asked for first: none is set and it was not asked this visit.
/// The dialog then carries out `request`.
pub fn ask_first(state: &AppHandle, request: ExportRequest) -> bool {
    let ask = state.review.annotator.is_empty() && !state.review.asked;
    if ask {
        state.dispatch(Action::Review(ReviewAction::Ask(request)));
    }
    ask
}

fn download(state: &AppHandle, name: &str, content: &[u8]) {
    let notice = match files::download_bytes(name, content, "application/json") {
        Ok(()) => Notice::Info(format!("Exported {name}.")),
        Err(e) => Notice::Error(format!("Export failed: {e}.")),
    };
    state.dispatch(Action::Notify(notice));
}

/// Carries out `request` with `annotator` as the name.
pub fn run(state: &AppHandle, request: ExportRequest, annotator: &str) {
    match request {
        ExportRequest::Native => native_named(state, annotator),
        // Only the review page has a review open: the annotator's page leaves this out.
        ExportRequest::Gold => (crate::view::pages::pages().export_gold)(state, annotator),
    }
}

/// The open document as Article Annotator JSON naming `annotator`.
pub fn native_named(state: &AppHandle, annotator: &str) {
    let doc = state.doc();
    let name = super::super::toolbar::export_file_name(doc.title());
    let content = stamp(
        FormatKind::Native,
        native::export(doc).as_bytes(),
        annotator,
    );
    download(state, &name, &content);
}

/// The review's gold with provenance, naming the reviewer.
pub fn gold(state: &AppHandle, annotator: &str) {
    let Some(open) = state.review.open.as_ref() else {
        return;
    };
    let review = &open.review;
    let name = format!("{}.gold.annotations.json", slug(review.gold().title()));
    let content = stamp(
        FormatKind::Native,
        review.export(OffsetUnit::CodePoint).as_bytes(),
        annotator,
    );
    download(state, &name, &content);
}

/// The document as it goes back to annotator `layer` (their spans, the comment to them).
pub fn for_annotator(state: &AppHandle, layer: usize) {
    let Some(open) = state.review.open.as_ref() else {
        return;
    };
    let review = &open.review;
    let (Some(content), Some(l)) = (review.export_for(layer), review.layers().get(layer)) else {
        return;
    };
    let name = format!(
        "{}.{}.annotations.json",
        slug(review.gold().title()),
        slug(&l.name)
    );
    download(state, &name, content.as_bytes());
}
