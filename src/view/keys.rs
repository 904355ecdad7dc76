//! Keyboard shortcuts: one table maps keys to commands, and one listener on the window
//! carries them out. Typing in a text field is never taken over (its own undo stays native).

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::state::Action;
use super::AppHandle;
use crate::browser::selection::{article_selection, clear_selection};
use crate::model::LabelId;

/// The id of the article element, for the adapters that read the selection.
pub const ARTICLE_ID: &str = "article";

/// What a key press asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    /// A label's hotkey, `1`–`9`.
    Label(char),
    Undo,
    Redo,
    /// Clear the focused span and the selection.
    Escape,
}

/// A key press as far as shortcuts care.
#[derive(Clone, Copy, Debug)]
pub struct KeyPress<'a> {
    pub key: &'a str,
    pub ctrl: bool,
    pub shift: bool,
    pub alt: bool,
    /// True when the key went to a text field, select or other editable control.
    pub in_field: bool,
}

/// Every shortcut, for the help text and the buttons' `aria-keyshortcuts`.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("1, 2, 3", "Label the selection (Entity, Claim, Quote); with no selection, relabel the focused span"),
    ("Ctrl+Z", "Undo"),
    ("Ctrl+Shift+Z, Ctrl+Y", "Redo"),
    ("Escape", "Clear the focused span and the selection"),
];

/// The command for a key press, if it is a shortcut. Ctrl and Cmd count alike.
pub fn command_for(k: &KeyPress) -> Option<Command> {
    if k.in_field || k.alt {
        return None;
    }
    let key = k.key;
    if k.ctrl {
        return match (key.to_ascii_lowercase().as_str(), k.shift) {
            ("z", false) => Some(Command::Undo),
            ("z", true) | ("y", false) => Some(Command::Redo),
            _ => None,
        };
    }
    match key {
        "Escape" => Some(Command::Escape),
        _ => {
            let mut chars = key.chars();
            match (chars.next(), chars.next()) {
                (Some(c @ '1'..='9'), None) => Some(Command::Label(c)),
                _ => None,
            }
        }
    }
}

/// Labels what is selected in the article; with nothing selected, relabels the focused span.
pub fn apply_label(state: &AppHandle, label: LabelId) {
    let text = state.doc().text_rc();
    let article = crate::browser::document().and_then(|d| d.get_element_by_id(ARTICLE_ID));
    match article.and_then(|a| article_selection(&a, &text)) {
        Some((anchor, focus)) => {
            state.dispatch(Action::LabelSelection { label, anchor, focus });
            clear_selection();
        }
        None => match &state.focused {
            Some(id) => state.dispatch(Action::Relabel { id: id.clone(), label }),
            None => state.dispatch(Action::NothingSelected),
        },
    }
}

fn in_field(target: Option<web_sys::EventTarget>) -> bool {
    let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
        return false;
    };
    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        || el.dyn_ref::<web_sys::HtmlElement>().is_some_and(|h| h.is_content_editable())
}

/// Installs the window's keydown listener once; the handle always reads the newest state.
#[hook]
pub fn use_shortcuts(state: &AppHandle) {
    let state = state.clone();
    use_effect_with((), move |_| {
        let window = web_sys::window();
        let listener = window.map(|w| {
            let opts = EventListenerOptions::enable_prevent_default();
            EventListener::new_with_options(&w, "keydown", opts, move |e| {
                let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                let key = e.key();
                let press = KeyPress {
                    key: &key,
                    ctrl: e.ctrl_key() || e.meta_key(),
                    shift: e.shift_key(),
                    alt: e.alt_key(),
                    in_field: in_field(e.target()),
                };
                let Some(cmd) = command_for(&press) else { return };
                if state.pasting() && cmd != Command::Undo && cmd != Command::Redo {
                    return;
                }
                e.prevent_default();
                match cmd {
                    Command::Label(c) => {
                        if let Some(label) = state.doc().labels().by_hotkey(c) {
                            apply_label(&state, label);
                        }
                    }
                    Command::Undo => state.dispatch(Action::Undo),
                    Command::Redo => state.dispatch(Action::Redo),
                    Command::Escape => {
                        clear_selection();
                        state.dispatch(Action::Focus(None));
                    }
                }
            })
        });
        move || drop(listener)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(key: &str, ctrl: bool, shift: bool, in_field: bool, want: Option<Command>) {
        let k = KeyPress { key, ctrl, shift, alt: false, in_field };
        assert_eq!(command_for(&k), want, "{key} ctrl={ctrl} shift={shift} field={in_field}");
    }

    #[test]
    fn shortcut_table() {
        check("1", false, false, false, Some(Command::Label('1')));
        check("3", false, false, false, Some(Command::Label('3')));
        check("0", false, false, false, None);
        check("1", false, false, true, None);
        check("z", true, false, false, Some(Command::Undo));
        check("Z", true, true, false, Some(Command::Redo));
        check("y", true, false, false, Some(Command::Redo));
        check("z", true, false, true, None);
        check("Escape", false, false, false, Some(Command::Escape));
        check("1", true, false, false, None);
        check("Enter", false, false, false, None);
    }
}
