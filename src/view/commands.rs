//! Carrying out what a key or button asks for: reading what the command needs from the page
//! (the DOM selection, the caret) through `crate::browser`, then dispatching one action. The
//! rules themselves (what a selection becomes, which span is next) are the model's.

use wasm_bindgen::JsCast;

use super::keys::{Command, ARTICLE_ID};
use super::state::{Action, Change, QualifyAction, ReviewAction};
use super::AppHandle;
use crate::browser::selection::{article_selection, caret_position, collapse_selection};
use crate::model::caret::Dir;
use crate::model::navigate::neighbour_span;
use crate::model::LabelId;

/// Labels what is selected in the article; with nothing selected, relabels the focused span;
/// with neither, arms (or disarms) the label for the selections to come.
pub fn apply_label(state: &AppHandle, label: LabelId) {
    let text = state.doc().text_rc();
    match article_element().and_then(|a| article_selection(&a, &text)) {
        Some((anchor, focus)) => {
            state.dispatch(Action::LabelSelection {
                label,
                anchor,
                focus,
            });
            collapse_selection();
        }
        None => match &state.focused {
            Some(id) => state.dispatch(Action::Relabel {
                id: id.clone(),
                label,
            }),
            None => state.dispatch(Action::Arm(if state.armed == Some(label) {
                None
            } else {
                Some(label)
            })),
        },
    }
}

/// The article element, when it is on the page.
pub fn article_element() -> Option<web_sys::Element> {
    crate::browser::document().and_then(|d| d.get_element_by_id(ARTICLE_ID))
}

/// Carries out a command; returns false when the key should keep its default (Tab past the
/// last span leaves the article).
pub fn run(state: &AppHandle, cmd: Command) -> bool {
    match cmd {
        Command::Label(c) => match state.doc().labels().by_hotkey(c) {
            Some(label) => apply_label(state, label),
            None => return false,
        },
        Command::Undo => state.dispatch(Action::Undo),
        Command::Redo => state.dispatch(Action::Redo),
        Command::Escape => {
            collapse_selection();
            state.dispatch(Action::Escape);
        }
        Command::StepSpan(dir) => {
            let from = article_element().and_then(|a| caret_position(&a, &state.doc().text_rc()));
            match neighbour_span(state.doc().spans(), state.focused.as_ref(), from, dir) {
                Some(id) => state.dispatch(Action::Focus(Some(id))),
                None => return false,
            }
        }
        Command::Details => state.dispatch(Action::ToggleDetails),
        Command::DeleteSpan => match &state.focused {
            Some(id) => state.dispatch(Action::Delete(id.clone())),
            None => return false,
        },
        Command::Resize(edge, step, dir) => {
            state.dispatch(Action::ResizeFocused { edge, step, dir })
        }
        Command::Help => state.dispatch(Action::Help(true)),
        Command::Find => return focus(super::find::FIND_INPUT_ID),
        Command::ListSearch => return focus(super::home::bar::SEARCH_ID),
        Command::ListMove(dir) => {
            let row = match dir {
                Dir::Forward => state.corpus.cursor.saturating_add(1),
                Dir::Back => state.corpus.cursor.saturating_sub(1),
            };
            state.dispatch(Action::ListCursor(row));
        }
        Command::ListOpen => match state.corpus.row_id(state.corpus.cursor) {
            Some(id) => state.dispatch(Action::OpenDocument(id.to_string())),
            None => return false,
        },
        Command::ListSelect => match state.corpus.row_id(state.corpus.cursor) {
            Some(id) => state.dispatch(Action::Select {
                id: id.to_string(),
                on: !state.corpus.selected.contains(id),
            }),
            None => return false,
        },
        Command::ListBin => {
            let ids: Vec<String> = if state.corpus.selected.is_empty() {
                state
                    .corpus
                    .row_id(state.corpus.cursor)
                    .map(str::to_string)
                    .into_iter()
                    .collect()
            } else {
                state.corpus.selected.iter().cloned().collect()
            };
            let change = if state.corpus.query.bin {
                Change::Restore
            } else {
                Change::Bin
            };
            state.dispatch(Action::ChangeDocuments { ids, change });
        }
        Command::ListUndo => state.dispatch(Action::UndoBin),
        Command::StepDoc(dir) => state.dispatch(Action::StepDocument(dir)),
        Command::DoneNext => state.dispatch(Action::DoneAndNext),
        Command::BackToList => state.dispatch(Action::BackToList),
        Command::NextConflict(dir) => review(state, ReviewAction::StepConflict(dir)),
        Command::Accept(k) => review(state, ReviewAction::Accept(k)),
        Command::AcceptAll(k) => review(state, ReviewAction::AcceptAll(k)),
        Command::AcceptProposal => review(state, ReviewAction::AcceptProposal),
        Command::Fix => {
            review(state, ReviewAction::Fix);
            // The article's keys (resize, relabel, delete) act where the keyboard is.
            focus(ARTICLE_ID);
        }
        Command::RejectConflict => review(state, ReviewAction::Reject),
        Command::Comment => review(state, ReviewAction::StartComment),
        Command::Attributes => state.dispatch(Action::Qualify(QualifyAction::OpenPicker)),
        Command::Note => state.dispatch(Action::Qualify(QualifyAction::OpenNote)),
        Command::ListReview => match state.corpus.row_id(state.corpus.cursor) {
            Some(id) => review(state, ReviewAction::Open(id.to_string())),
            None => return false,
        },
    }
    true
}

fn review(state: &AppHandle, a: ReviewAction) {
    state.dispatch(Action::Review(a));
}

/// Puts the keyboard in the element with this id; false when it is not on the page.
fn focus(id: &str) -> bool {
    let el = crate::browser::document().and_then(|d| d.get_element_by_id(id));
    match el.and_then(|i| i.dyn_into::<web_sys::HtmlElement>().ok()) {
        Some(i) => i.focus().is_ok(),
        None => false,
    }
}
